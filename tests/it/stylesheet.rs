//! The pages in `orgs/` share one stylesheet, `orgs/style.css`, written with
//! them (a run of fifty thousand organisations carried fifty thousand copies
//! of it inline). Each page links it, its Content-Security-Policy allows that
//! one file and nothing else, and index.html keeps its CSS inline (design §7:
//! one self-contained page).

use crate::common::*;

const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'\">";
const LINK: &str = "<link rel=\"stylesheet\" href=\"style.css\">";

/// The inline `<style>` of a page, without its tags.
fn inline_css(html: &str) -> &str {
    let start = html.find("<style>\n").expect("inline CSS") + "<style>\n".len();
    &html[start..start + html[start..].find("\n</style>").expect("</style>")]
}

#[test]
fn pages_in_orgs_link_one_shared_stylesheet() {
    let wrk = Workdir::new();
    // More organisations than the index shows, so orgs/index.html is written too.
    wrk.run(["generate", "--out", "gen", "--orgs", "205", "--employees", "410"]).assert_code(0);
    let run = wrk.run(
        ["plan", "--memberships", "gen/memberships.csv", "--employees", "gen/employees.csv"].into_iter().chain([
            "--as-of",
            "2026-12-01",
            "--quiet",
            "--out",
            "out",
        ]),
    );
    run.assert_code(0);

    let files = wrk.files_under("out/orgs");
    let sheets: Vec<&String> = files.iter().filter(|f| !f.ends_with(".html")).collect();
    assert_eq!(sheets, ["out/orgs/style.css"], "one stylesheet, nothing else beside the pages");
    let css = wrk.read_string("out/orgs/style.css");
    for banned in ["url(", "@import", "http:", "https:"] {
        assert!(!css.contains(banned), "the stylesheet loads something: {banned}");
    }
    // The same CSS as index.html carries inline.
    let index = wrk.read_string("out/index.html");
    assert_eq!(inline_css(&index), css);
    assert!(index.contains("style-src 'unsafe-inline'") && !index.contains("<link"), "index.html is self-contained");

    let pages: Vec<&String> = files.iter().filter(|f| f.ends_with(".html")).collect();
    assert_eq!(pages.len(), 206, "a page per organisation and the listing");
    assert!(pages.iter().any(|p| p.ends_with("/index.html")), "the listing links it too");
    for page in pages {
        let html = wrk.read_string(page);
        assert_eq!(html.matches(LINK).count(), 1, "{page} links the stylesheet once");
        assert_eq!(html.matches("<link").count(), 1, "{page} links nothing else");
        assert!(html.contains(CSP), "{page}: the policy allows the folder's stylesheet only");
        assert!(!html.contains("<style") && !html.contains("style="), "{page} has inline CSS");
        assert!(!html.contains("unsafe-inline"), "{page} still allows inline styles");
    }
}
