//! The HTML report of `pmc-migrate plan`: index.html and orgs/<mpn_id>.html.
//! Every test runs the real binary on small inputs written to a fresh
//! temporary folder, with a fixed cutover date.

use crate::diff::assert_same_bytes;
use crate::tools::{CHROMIUM, tool};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AS_OF: &str = "2025-06-01";
const MEMBERSHIPS_HEADER: &str = "mpn_id,organization,membership,start_date,end_date,renewed,tenant_domain,country";
const EMPLOYEES_HEADER: &str =
    "mpn_id,first_name,last_name,email,role,job_title,partner_university_id,exams,certifications";

/// A temporary folder with memberships.csv and employees.csv in it.
struct Run {
    dir: tempfile::TempDir,
}

impl Run {
    fn new(memberships: &str, employees: &str) -> Run {
        let dir = tempfile::tempdir().expect("temporary folder");
        fs::write(dir.path().join("memberships.csv"), memberships).unwrap();
        fs::write(dir.path().join("employees.csv"), employees).unwrap();
        Run { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `pmc-migrate plan` into `out` (relative to the folder); returns the output folder.
    fn plan(&self, out: &str, extra: &[&str]) -> PathBuf {
        let output = Command::new(env!("CARGO_BIN_EXE_pmc-migrate"))
            .current_dir(self.path())
            .args([
                "plan",
                "--memberships",
                "memberships.csv",
                "--employees",
                "employees.csv",
                "--out",
                out,
                "--as-of",
                AS_OF,
                "--quiet",
            ])
            .args(extra)
            .output()
            .expect("run pmc-migrate");
        let code = output.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "plan failed ({code:?}): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        self.path().join(out)
    }
}

fn csv(header: &str, rows: &[&str]) -> String {
    let mut out = format!("{header}\n");
    for row in rows {
        out.push_str(row);
        out.push('\n');
    }
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every HTML file of a report, relative to it: index.html, then orgs/*.html by name.
fn html_files(out: &Path) -> Vec<PathBuf> {
    let mut files = vec![PathBuf::from("index.html")];
    let mut orgs: Vec<PathBuf> = fs::read_dir(out.join("orgs"))
        .map(|d| d.map(|e| Path::new("orgs").join(e.unwrap().file_name())).collect())
        .unwrap_or_default();
    orgs.retain(|p| p.extension().is_some_and(|e| e == "html"));
    orgs.sort();
    files.extend(orgs);
    files
}

/// Three organisations (one hostile name, one renewed, one expired), one left
/// out by an invalid date, one left out for having no admin.
fn sample() -> Run {
    let memberships = csv(
        MEMBERSHIPS_HEADER,
        &[
            "1234567,<script>alert(1)</script> Ltd,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US",
            "2345678,\"Fabrikam \"\" onmouseover=alert(1) x=\"\"\",Silver,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE",
            "3456789,Northwind Traders,Action Pack,2024-03-01,2025-02-28,no,northwind.onmicrosoft.com,GB",
            "4567890,Bad Dates <b>Co</b>,Gold,2024-13-01,2025-02-28,no,bad.onmicrosoft.com,GB",
            "5678901,Adatum,Network Member,2025-05-01,2026-04-30,yes,adatum.onmicrosoft.com,FR",
        ],
    );
    let employees = csv(
        EMPLOYEES_HEADER,
        &[
            "1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,AZ-900;70-533,MCSE",
            "1234567,<script>alert(2)</script>,Ng,ben@contoso.com,employee,<img src=x onerror=alert(3)>,,AZ-104,",
            "2345678,Carla,Diaz,carla@fabrikam.com,Administrator,,,,",
            "2345678,Dan,Fox,not-an-email,employee,,,,",
            "3456789,Eve,Stone,eve@northwind.com,admin,,PU-9,,",
            "5678901,Fay,Wu,fay@adatum.com,employee,,,,",
        ],
    );
    Run::new(&memberships, &employees)
}

#[test]
fn input_values_are_escaped_never_raw() {
    let run = sample();
    let out = run.plan("out", &[]);
    let index = read(&out.join("index.html"));
    let org = read(&out.join("orgs/1234567.html"));

    for html in [&index, &org] {
        assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt; Ltd"), "organisation name escaped");
        assert!(!html.contains("<script>alert(1)"), "raw organisation name");
    }
    assert!(org.contains("&lt;script&gt;alert(2)&lt;&#x2F;script&gt; Ng"), "employee name escaped");
    assert!(org.contains("&lt;img src=x onerror=alert(3)&gt;"), "job title escaped");
    for html in html_files(&out).iter().map(|p| read(&out.join(p))) {
        assert!(!html.contains("<script"), "no script tag at all");
        assert!(!html.contains("<img"), "no raw image tag from input");
        assert!(!html.contains("alert(2)</script>"));
        assert!(!html.contains("\" onmouseover="), "an attribute could be injected");
        assert!(!html.contains("<b>Co</b>"), "blocked organisation name escaped");
    }
    assert!(index.contains("Fabrikam &quot; onmouseover=alert(1) x=&quot;"));
    assert!(index.contains("Bad Dates &lt;b&gt;Co&lt;&#x2F;b&gt;"));
}

#[test]
fn pages_are_self_contained_and_load_nothing() {
    let run = sample();
    let out = run.plan("out", &[]);
    for path in html_files(&out) {
        let html = read(&out.join(&path));
        let name = path.display();
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        for banned in [
            "http://",
            "https://",
            "<script",
            "<img",
            "<iframe",
            "<object",
            "<embed",
            "url(",
            "@import",
            "src=\"//",
            "href=\"//",
        ] {
            assert!(!html.contains(banned), "{name} contains {banned:?}");
        }
        // index.html carries its CSS; the pages in orgs/ link the folder's one
        // stylesheet (tests/it/stylesheet.rs), and nothing else.
        let in_orgs = path.starts_with("orgs");
        let html = if in_orgs {
            assert!(!html.contains("<style"), "{name}: inline CSS in orgs/");
            html.replacen("<link rel=\"stylesheet\" href=\"style.css\">", "", 1)
        } else {
            assert!(html.contains("<style>"), "{name}: CSS is inline");
            html
        };
        assert!(!html.contains("<link"), "{name} links more than its stylesheet");
        assert!(html.contains("Content-Security-Policy"), "{name}: CSP forbids loading anything");
        // Every link stays in the report folder.
        for (i, _) in html.match_indices("href=\"") {
            let target = &html[i + 6..];
            let target = &target[..target.find('"').unwrap()];
            assert!(
                target.starts_with('#')
                    || ["plan.json", "findings.csv", "../index.html"].contains(&target)
                    || (target.starts_with("orgs/") && target.ends_with(".html")),
                "{name}: unexpected link {target}"
            );
        }
    }
}

#[test]
fn one_page_per_planned_organisation_linked_from_the_index() {
    let run = sample();
    let out = run.plan("out", &[]);
    let mut pages: Vec<String> =
        fs::read_dir(out.join("orgs")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    pages.sort();
    assert_eq!(pages, ["1234567.html", "2345678.html", "3456789.html", "style.css"]);

    let index = read(&out.join("index.html"));
    for id in ["1234567", "2345678", "3456789"] {
        assert!(index.contains(&format!("href=\"orgs/{id}.html\"")), "index links {id}");
        let page = read(&out.join(format!("orgs/{id}.html")));
        assert!(page.contains("href=\"../index.html\""), "{id} links back");
        assert!(page.contains("<svg class=\"timeline\""), "{id} has its timeline");
    }
    // Left out by errors: listed with the reason, no page.
    assert!(index.contains("4567890") && index.contains("invalid-date"));
    assert!(index.contains("5678901") && index.contains("org-without-admin"));
    assert!(!out.join("orgs/4567890.html").exists());

    // Full detail of one organisation: every account with its plan.
    let page = read(&out.join("orgs/1234567.html"));
    for text in [
        "anna@contoso.com",
        "anna@contoso.onmicrosoft.com",
        "ben@contoso.onmicrosoft.com",
        "2025-08-30", // password expiry: as-of + 90 days
        "Connect Partner University",
        "Associate exams &amp; certifications",
        ">create<",
        "2024-09-01",
        "2026-08-31",
        "92</strong> days",
    ] {
        assert!(page.contains(text), "org page lacks {text:?}");
    }
}

#[test]
fn index_has_run_facts_totals_chart_notes_and_checklists() {
    let run = sample();
    let out = run.plan("out", &[]);
    let index = read(&out.join("index.html"));
    for text in [
        AS_OF,
        "memberships.csv",
        "employees.csv",
        concat!("pmc-migrate ", env!("CARGO_PKG_VERSION")),
        "<div class=\"chart\"",
        "invalid-date",
        "R3 · Both systems until the PMC membership ends.",
        "changes no date",
        "R4 · Expired memberships.",
        "expired",
        "Set up your team",
        "Add users using PMC data",
        "90 days",
        "security question types",
        "Connect your Partner University account",
        "Associate your Microsoft exams and certifications",
        "password-reset self-service",
        "Partnership › Competencies",
        "24 hours",
    ] {
        assert!(index.contains(text), "index lacks {text:?}");
    }
    assert!(!index.contains("Add new user"), "bulk mode shows the bulk steps only");
    // The SHA-256 of each input is shown.
    let facts: serde_json::Value = serde_json::from_str(&read(&out.join("plan.json"))).unwrap();
    for input in facts["inputs"].as_array().unwrap() {
        assert!(index.contains(input["sha256"].as_str().unwrap()));
    }

    let individual = run.plan("individual", &["--creation", "individual"]);
    let index = read(&individual.join("index.html"));
    assert!(index.contains("Add new user"));
    assert!(index.contains("send each user their username and temporary password directly"));
    assert!(!index.contains("Add users using PMC data"));
}

#[test]
fn a_clean_run_says_so_and_shows_only_the_notes_that_apply() {
    let run = Run::new(
        &csv(MEMBERSHIPS_HEADER, &["1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,no,contoso.onmicrosoft.com,US"]),
        &csv(EMPLOYEES_HEADER, &["1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,AZ-900,MCSE"]),
    );
    let out = run.plan("out", &[]);
    let index = read(&out.join("index.html"));
    assert!(index.contains("No errors or warnings"));
    assert!(index.contains("No findings"));
    assert!(!index.contains("<div class=\"chart\""), "no chart without findings");
    assert!(index.contains("R3 · Both systems"));
    assert!(!index.contains("R4 · Expired"), "nothing expired");
    assert!(!index.contains("class=\"badge expired\""));
    assert!(index.contains("None: every organisation of the membership export is in the plan."));
    assert!(!index.contains("class=\"more\""), "nothing capped");
}

/// `orgs` organisations of `per_org` people each, with a few findings mixed in.
fn generated(orgs: usize, per_org: usize) -> Run {
    let mut m = format!("{MEMBERSHIPS_HEADER}\n");
    let mut e = format!("{EMPLOYEES_HEADER}\n");
    for o in 0..orgs {
        let id = 1_000_000 + o;
        let month = o % 12 + 1;
        let year = 2025 + (o % 3) as i32 - 1; // some memberships already expired
        let renewed = if o % 2 == 0 { "yes" } else { "no" };
        writeln!(
            m,
            "{id},Organisation {o} <&> Partners,Gold,{}-{month:02}-01,{year}-{month:02}-28,{renewed},org{o}.onmicrosoft.com,US",
            year - 1
        )
        .unwrap();
        for p in 0..per_org {
            let role = if p == 0 { "admin" } else { "employee" };
            let email = if o % 97 == 5 && p == 3 { "broken".to_string() } else { format!("p{p}@org{o}.example") };
            writeln!(e, "{id},First{p},Last{o},{email},{role},Engineer,PU-{p},AZ-900;AZ-104,MCSA").unwrap();
        }
    }
    Run::new(&m, &e)
}

#[test]
fn large_runs_stay_small_and_readable() {
    // 20,000 people in 1,000 organisations. The index grows with its caps
    // (200 organisations, 100 findings, 100 organisations left out), not with
    // the input: about 0.25 MB here, and the same for 100,000 people in 5,000 organisations.
    let run = generated(1_000, 20);
    let out = run.plan("out", &[]);
    let size = fs::metadata(out.join("index.html")).unwrap().len();
    assert!(size < 1_500_000, "index.html is {size} bytes");
    let index = read(&out.join("index.html"));
    assert!(index.contains("Showing the first 200 of 1,000 organisations"));
    assert!(index.contains("more findings are not shown here"));
    assert!(index.contains("plan.json"));
    // A page per organisation, orgs/index.html listing them all, and their stylesheet.
    assert_eq!(fs::read_dir(out.join("orgs")).unwrap().count(), 1_002);
    // Rows of the organisation table, and of the Changes table, are capped at 200.
    let section = |id: &str| {
        let start = index.find(&format!("<section class=\"card\" id=\"{id}\">")).unwrap();
        &index[start..start + index[start..].find("</section>").unwrap()]
    };
    let rows = |id: &str| section(id).matches("<td class=\"nowrap mono\">10").count();
    assert_eq!(rows("organisations"), 200, "organisation rows shown");
    assert_eq!(rows("changes"), 200, "change rows shown");
    assert!(section("changes").contains("Showing the first 200 of 1,000 organisations with changes"));
    // Every organisation page is reachable from index.html: the first 200
    // directly, all of them through orgs/index.html.
    assert!(index.contains("href=\"orgs/index.html\""), "the index links the listing");
    assert!(!index.contains("href=\"orgs/1000999.html\""), "the last organisation is past the cap");
    let listing = read(&out.join("orgs/index.html"));
    assert!(listing.contains("href=\"../index.html\""), "the listing links back");
    for o in 0..1_000 {
        let id = 1_000_000 + o;
        assert!(out.join(format!("orgs/{id}.html")).is_file());
        assert_eq!(listing.matches(&format!("href=\"{id}.html\"")).count(), 1, "orgs/index.html links {id} once");
    }
    assert!(listing.contains("Organisation 999 &lt;&amp;&gt; Partners"), "names escaped");
    assert!(listing.contains("<strong>1,000</strong> organisation pages"));
}

#[test]
fn no_listing_while_the_index_shows_every_organisation() {
    // 200 organisations: the index's table holds them all.
    let run = generated(200, 2);
    let out = run.plan("out", &[]);
    assert!(!out.join("orgs/index.html").exists());
    let index = read(&out.join("index.html"));
    assert!(!index.contains("orgs/index.html"), "no link to a listing that is not there");
    let start = index.find("<section class=\"card\" id=\"organisations\">").unwrap();
    let organisations = &index[start..start + index[start..].find("</section>").unwrap()];
    assert_eq!(organisations.matches("<td class=\"nowrap mono\">10").count(), 200);
    // One more, and the listing appears; a smaller plan into the same folder
    // takes it away again (orgs/ is replaced whole).
    let run = generated(201, 2);
    let out = run.plan("out", &[]);
    assert!(out.join("orgs/index.html").is_file());
    let smaller = generated(3, 2);
    fs::copy(smaller.path().join("memberships.csv"), run.path().join("memberships.csv")).unwrap();
    fs::copy(smaller.path().join("employees.csv"), run.path().join("employees.csv")).unwrap();
    let out = run.plan("out", &[]);
    assert!(!out.join("orgs/index.html").exists(), "a stale listing stays behind");
}

#[test]
fn same_bytes_at_any_thread_count() {
    let run = generated(150, 7);
    let one = run.plan("one", &["--jobs", "1"]);
    let four = run.plan("four", &["--jobs", "4"]);
    let files = html_files(&one);
    assert_eq!(files.len(), 151);
    similar_asserts::assert_eq!(files, html_files(&four));
    for f in &files {
        let what = format!("{} differs between --jobs 1 and --jobs 4", f.display());
        assert_same_bytes(&fs::read(one.join(f)).unwrap(), &fs::read(four.join(f)).unwrap(), &what);
    }
    // And again: nothing depends on the clock.
    let again = run.plan("again", &["--jobs", "4"]);
    let (first, later) = (fs::read(one.join("index.html")).unwrap(), fs::read(again.join("index.html")).unwrap());
    assert_same_bytes(&first, &later, "index.html differs from an earlier run");
}

/// `chromium --headless --dump-dom` of a page: the DOM as the browser built it.
fn dump_dom(page: &Path) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(CHROMIUM.program)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium exited with {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

#[test]
fn chromium_builds_the_tables_and_the_chart() {
    if !tool(&CHROMIUM) {
        return;
    }
    let run = sample();
    let out = run.plan("out", &[]);
    let page = fs::canonicalize(out.join("index.html")).unwrap();
    let dom = dump_dom(&page);
    assert!(dom.contains("<div class=\"chart\""), "findings chart in the DOM");
    assert!(dom.contains("invalid-date</text>"), "chart labels in the DOM");
    for id in ["1234567", "2345678", "3456789"] {
        assert!(dom.contains(&format!("<td class=\"nowrap mono\">{id}</td>")), "organisation row {id} in the DOM");
    }
    assert!(dom.contains("<svg class=\"tl\""), "overlap timeline in the DOM");
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt; Ltd"), "escaped name stays text");
    assert!(!dom.contains("<script"), "no script element in the DOM");

    let org = dump_dom(&fs::canonicalize(out.join("orgs/1234567.html")).unwrap());
    assert!(org.contains("<svg class=\"timeline\""));
    assert!(org.contains("anna@contoso.onmicrosoft.com"));
}
