//! The report's pages as a reader's browser lays them out (design §7): every
//! page reads well at 390, 768 and 1400 px. Headless Chromium loads each page
//! and `scripts/pagelayout.py` measures it over the DevTools protocol (the
//! pages themselves have no script): the page never scrolls sideways, no table
//! cell is squeezed below its longest word or ten characters, chart text is
//! at least 10 px and stays inside its chart's box, and at 1400 px every
//! table fits its card. Screenshots of every page at every width land in
//! `target/screenshots/` for people to look at.

use crate::common::*;
use crate::tools::{CHROMIUM, PYTHON3, tool};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/pagelayout.py");
const WIDTHS: [u32; 3] = [390, 768, 1400];
/// The cutover of the dirty samples (samples/dirty/EXPECTED.md) and of `generate`.
const CUTOVER: &str = "2026-12-01";

/// Where the screenshots go: `target/screenshots/`, beside the test binaries.
fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("target folder").join("screenshots")
}

/// One page at one width, as measured.
pub(crate) struct Measured {
    pub page: String,
    pub width: u64,
    pub scroll_width: u64,
    height: u64,
    /// Where each section (by id) starts, in px from the top of the page.
    pub tops: serde_json::Map<String, Value>,
    /// Tables that scroll sideways inside their box.
    pub scrolling_tables: Vec<Value>,
    pub problems: Vec<Value>,
}

/// Measure `pages` (name for the screenshot, path) at every width; screenshots
/// into `shots` when given.
pub(crate) fn measure(pages: &[(String, PathBuf)], shots: Option<&Path>) -> Vec<Measured> {
    measure_with(pages, shots, &WIDTHS, &[])
}

/// [`measure`] at `widths`, with more of the script's options.
pub(crate) fn measure_with(
    pages: &[(String, PathBuf)],
    shots: Option<&Path>,
    widths: &[u32],
    options: &[&std::ffi::OsStr],
) -> Vec<Measured> {
    let width_list: Vec<String> = widths.iter().map(u32::to_string).collect();
    let mut cmd = Command::new("python3");
    cmd.arg(SCRIPT).args(["--chromium", CHROMIUM.program, "--widths", &width_list.join(",")]).args(options);
    if let Some(dir) = shots {
        // Long pages are cut: a screenshot is for looking at, not for the whole page.
        cmd.arg("--shots").arg(dir).args(["--shot-height", "4000"]);
    }
    for (name, _) in pages {
        cmd.args(["--name", name]);
    }
    cmd.args(pages.iter().map(|(_, path)| path));
    let output = cmd.output().expect("run python3");
    assert!(
        output.status.success(),
        "pagelayout.py failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let measured: Vec<Measured> = String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("one JSON object a line");
            Measured {
                page: v["page"].as_str().expect("page").to_string(),
                width: v["width"].as_u64().expect("width"),
                scroll_width: v["scroll_width"].as_u64().expect("scroll_width"),
                height: v["height"].as_u64().expect("height"),
                tops: v["tops"].as_object().expect("tops").clone(),
                scrolling_tables: v["scrolling_tables"].as_array().expect("scrolling_tables").clone(),
                problems: v["problems"].as_array().expect("problems").clone(),
            }
        })
        .collect();
    assert_eq!(measured.len(), pages.len() * widths.len(), "every page measured at every width");
    measured
}

/// Every page at every width reads well; the report names each problem.
/// Returns the measurements, for a caller to check more.
pub(crate) fn assert_reads_well(run: &str, pages: &[(&str, PathBuf)]) -> Vec<Measured> {
    let named: Vec<(String, PathBuf)> =
        pages.iter().map(|(name, path)| (format!("{run}-{name}"), path.clone())).collect();
    let dir = screenshots();
    let measured = measure(&named, Some(&dir));
    let mut report = String::new();
    for m in &measured {
        assert!(m.height > 0, "{} at {} px: nothing laid out", m.page, m.width);
        if m.scroll_width > m.width || !m.problems.is_empty() {
            report.push_str(&format!("{} at {} px (document {} px wide):\n", m.page, m.width, m.scroll_width));
            for p in m.problems.iter().take(8) {
                report.push_str(&format!("  {}: {} at {}\n", p["kind"], p["detail"], p["where"]));
            }
            if m.problems.len() > 8 {
                report.push_str(&format!("  … {} problems in all\n", m.problems.len()));
            }
        }
    }
    assert!(report.is_empty(), "pages that do not read well (screenshots in {}):\n{report}", dir.display());
    measured
}

/// The usernames of `ledger.csv`'s accounts, in its order.
pub(crate) fn ledger_usernames(ledger: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(ledger.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("ledger header").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect("ledger column");
    let (kind, username) = (column("kind"), column("username"));
    let accounts = reader.records().map(|r| r.expect("ledger row")).filter(|r| &r[kind] == "account");
    accounts.map(|r| r[username].to_string()).collect()
}

/// The accounts of `ledger.csv`, with a mixed team status: signed in, never
/// signed in, missing from the export, one stranger.
fn team_status(ledger: &str) -> String {
    let mut out = String::from("username,signed_in,pu_connected,associated_at\n");
    for (i, username) in ledger_usernames(ledger).iter().enumerate() {
        if i % 5 == 4 {
            continue;
        }
        let signed_in = if i % 3 == 0 { "no" } else { "yes" };
        let pu = ["yes", "no", ""][i % 3];
        let associated = if i % 2 == 1 { "2026-12-10T09:30" } else { "" };
        out.push_str(&format!("{username},{signed_in},{pu},{associated}\n"));
    }
    out.push_str("stranger@nowhere.onmicrosoft.com,yes,,\n");
    out
}

/// The first organisation page of a report, in file-name order.
fn first_org_page(out: &Path) -> PathBuf {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(out.join("orgs"))
        .expect("orgs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "index.html"))
        .collect();
    pages.sort();
    pages.into_iter().next().expect("an organisation page")
}

#[test]
fn dirty_samples_read_well_on_a_phone_a_tablet_and_a_desktop() {
    if !(tool(&CHROMIUM) && tool(&PYTHON3)) {
        return;
    }
    let wrk = Workdir::with_samples_in("samples/dirty");
    wrk.plan("out", &["--as-of", CUTOVER]).assert_code(1);
    assert!(wrk.read_string("out/orgs/1000004.html").contains("badge expired"), "1000004 has expired");
    assert_reads_well(
        "dirty",
        &[
            ("index", wrk.path("out/index.html")),
            ("org", wrk.path("out/orgs/1000001.html")),
            ("org-expired", wrk.path("out/orgs/1000004.html")),
        ],
    );
}

/// The samples' report in Traditional Chinese (`--lang zh-TW`): the CJK font
/// stack and the Chinese names read well at every width too.
#[test]
fn a_traditional_chinese_report_reads_well_on_a_phone_a_tablet_and_a_desktop() {
    if !(tool(&CHROMIUM) && tool(&PYTHON3)) {
        return;
    }
    let wrk = Workdir::with_samples_in("samples");
    wrk.plan("out", &["--as-of", CUTOVER, "--lang", "zh-TW"]).assert_code(0);
    assert!(wrk.read_string("out/index.html").contains("<html lang=\"zh-Hant-TW\">"));
    assert_reads_well("zh-TW", &[("index", wrk.path("out/index.html")), ("org", wrk.path("out/orgs/9160245.html"))]);
}

/// A generated run of `orgs` organisations and `employees` people, 5% of its
/// rows broken, planned into `plan/`; `None` where Chromium or Python is missing.
pub(crate) fn generated_plan(orgs: &str, employees: &str) -> Option<Workdir> {
    if !(tool(&CHROMIUM) && tool(&PYTHON3)) {
        return None;
    }
    let wrk = Workdir::new();
    wrk.run(["generate", "--orgs", orgs, "--employees", employees, "--dirty", "0.05", "--out", "."]).assert_code(0);
    wrk.plan("plan", &["--as-of", CUTOVER]).assert_code(1);
    Some(wrk)
}

/// 400 organisations, 5% of rows broken: the index caps its organisation and
/// findings tables, and orgs/index.html lists the pages; then an apply and a
/// status of the team (its employee tables capped too).
#[test]
fn a_large_run_and_its_status_read_well_on_a_phone_a_tablet_and_a_desktop() {
    let Some(wrk) = generated_plan("400", "2400") else {
        return;
    };
    let plan = wrk.path("plan");
    assert!(plan.join("orgs/index.html").is_file(), "a capped index comes with orgs/index.html");
    assert_reads_well(
        "large",
        &[
            ("index", plan.join("index.html")),
            ("org", first_org_page(&plan)),
            ("orgs-index", plan.join("orgs/index.html")),
        ],
    );

    wrk.apply("applied", &["--as-of", CUTOVER, "--skip-invalid"]).assert_code(1);
    wrk.create("status.csv", team_status(&wrk.read_string("applied/ledger.csv")));
    // Nine days after the temporary passwords expired: some must be re-added.
    wrk.run(["status", "--out", "applied", "--status", "status.csv", "--as-of", "2027-03-10", "--quiet"])
        .assert_code(1);
    let applied = wrk.path("applied");
    let measured = assert_reads_well(
        "applied",
        &[
            ("index", applied.join("index.html")),
            ("org", first_org_page(&applied)),
            ("status", applied.join("status.html")),
        ],
    );
    // status.html's tables fit every width: none scrolls sideways.
    for m in measured.iter().filter(|m| m.page.ends_with("status.html")) {
        assert!(m.scrolling_tables.is_empty(), "at {} px tables scroll sideways: {:?}", m.width, m.scrolling_tables);
    }
}

/// The measuring itself: a page built to fail every check fails every check,
/// so a green run above means the pages passed, not that nothing was measured.
#[test]
fn the_measure_catches_sideways_scrolling_squeezed_cells_and_tiny_chart_text() {
    if !(tool(&CHROMIUM) && tool(&PYTHON3)) {
        return;
    }
    let wrk = Workdir::new();
    let hash = "ab".repeat(32);
    let cells: String = (0..12).map(|i| format!("<td>{hash}{i}</td>")).collect();
    wrk.create(
        "bad.html",
        format!(
            "<!DOCTYPE html><html><head><meta name=\"viewport\" content=\"width=device-width\"></head><body>\
             <div style=\"width:1500px\">wider than any phone</div>\
             <div style=\"width:1000px\"><div class=\"table-wrap\" style=\"overflow-x:auto\"><table style=\"width:2000px\"><tr><td>x</td></tr></table></div></div>\
             <table style=\"width:100%\"><tr>{cells}<td style=\"word-break:break-all\">{hash}</td></tr></table>\
             <svg viewBox=\"0 0 2000 100\" style=\"width:300px\"><text x=\"0\" y=\"50\" style=\"font-size:12px\">tiny</text></svg>\
             <svg style=\"width:300px\" height=\"30\"><g><rect width=\"2\" height=\"18\"/></g></svg>\
             <div style=\"width:120px\"><svg style=\"width:120px;overflow:visible\" height=\"30\"><text x=\"0\" y=\"20\" style=\"font-size:14px\">a label far too long for its chart</text></svg></div>\
             </body></html>"
        ),
    );
    let measured = measure(&[("bad".to_string(), wrk.path("bad.html"))], None);
    for m in &measured {
        let kinds: Vec<&str> = m.problems.iter().map(|p| p["kind"].as_str().unwrap()).collect();
        let expect = |kind: &str| assert!(kinds.contains(&kind), "at {} px no {kind}: {kinds:?}", m.width);
        expect("page-scrolls-sideways");
        expect("cramped-cell");
        expect("small-chart-text");
        expect("chart-text-cut");
        expect("thin-chart-bar");
        if m.width >= 1400 {
            expect("table-overflows-its-box");
        }
        assert!(m.scroll_width >= 1500, "document width measured: {}", m.scroll_width);
    }
}
