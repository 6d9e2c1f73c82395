//! The report with `--lang zh-TW`: pages that say they are Traditional
//! Chinese as written in Taiwan (`lang="zh-Hant-TW"`) and name the fonts a
//! zh-TW machine has before the generic family, in the inline stylesheet and
//! in the one `orgs/` links; English pages are unchanged (the golden test).

use super::formosa;

#[test]
fn a_traditional_chinese_report_names_its_language_and_fonts() {
    let wrk = formosa();
    wrk.plan("zh", &["--lang", "zh-TW"]).assert_code(0);
    wrk.plan("en", &[]).assert_code(0);
    let fonts = "Microsoft JhengHei, PingFang TC, Noto Sans CJK TC, Noto Sans TC, sans-serif; }";
    for page in ["zh/index.html", "zh/orgs/7654321.html"] {
        let html = wrk.read_string(page);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant-TW\">\n"), "{page}");
    }
    let index = wrk.read_string("zh/index.html");
    let style = &index[index.find("<style>").unwrap()..index.find("</style>").unwrap()];
    assert!(style.ends_with(&format!("{fonts}\n")), "the CJK fonts come after the stylesheet: {style}");
    assert!(wrk.read_string("zh/orgs/style.css").ends_with(&format!("{fonts}\n")));

    for page in ["en/index.html", "en/orgs/7654321.html"] {
        let html = wrk.read_string(page);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n") && !html.contains("JhengHei"), "{page}");
    }
    assert!(!wrk.read_string("en/orgs/style.css").contains("JhengHei"));
}
