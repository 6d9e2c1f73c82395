//! `status` for the person at the terminal and the cron job behind it
//! (design §6): exit 1 for a broken or empty export and for accounts missing
//! from it, not only for people needing action; an unreadable optional cell
//! is a finding on that cell, never a lost row; the lists on stdout are
//! capped and the summary comes last.

use crate::common::*;
use serde_json::Value;

const ANNA_U: &str = "anna@contoso.onmicrosoft.com";
const BEN_U: &str = "ben@contoso.onmicrosoft.com";
const CARLA_U: &str = "carla@fabrikam.onmicrosoft.com";
const STATUS_HEADER: &str = "username,signed_in,pu_connected,associated_at";
/// AS_OF + 90 days: the last day the first temporary passwords are good.
const EXPIRES: &str = "2025-08-30";

/// `status --out out --status FILE --as-of WHEN` in `wrk`.
fn status(wrk: &Workdir, file: &str, when: &str, extra: &[&str]) -> Run {
    let mut args = vec!["status", "--out", "out", "--status", file, "--as-of", when];
    args.extend_from_slice(extra);
    wrk.run(args)
}

/// (rule, line, column) of every finding in out/status.json.
fn findings(wrk: &Workdir) -> Vec<(String, u64, u64)> {
    let json = wrk.json("out/status.json");
    let list = json["findings"].as_array().expect("findings").clone();
    list.iter()
        .map(|f| (f["rule"].as_str().unwrap().to_string(), f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
        .collect()
}

fn sign_in(wrk: &Workdir, username: &str) -> Value {
    let json = wrk.json("out/status.json");
    let all: Vec<Value> = json["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["employees"].as_array().unwrap().clone())
        .collect();
    all.iter().find(|e| e["username"] == username).unwrap_or_else(|| panic!("no {username}"))["sign_in"].clone()
}

fn applied() -> Workdir {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk
}

#[test]
fn the_memberships_export_given_as_status_exits_1_with_one_finding_naming_the_mix_up() {
    let wrk = applied();
    let run = status(&wrk, "memberships.csv", "2025-07-01", &[]);
    run.assert_code(1);
    assert_eq!(findings(&wrk), [("missing-column".to_string(), 1, 1)], "{run:?}");
    assert!(
        run.stdout.contains(
            "memberships.csv:1:1: error[missing-column]: the header is that of a PMC membership export, \
             not a Partner Center team-status export"
        ),
        "{run:?}"
    );
    // Its error stands for every account: none is reported missing one by one.
    assert!(!run.stdout.contains("missing-status"), "{run:?}");
}

#[test]
fn a_header_only_export_six_months_after_cutover_exits_1_with_no_rows() {
    let wrk = applied();
    wrk.create("status.csv", format!("{STATUS_HEADER}\n"));
    let run = status(&wrk, "status.csv", &add_days(EXPIRES, 92), &[]);
    run.assert_code(1);
    assert_eq!(findings(&wrk), [("no-rows".to_string(), 1, 1)], "{run:?}");
    assert!(run.stdout.contains("status.csv:1:1: error[no-rows]"), "{run:?}");
    assert!(run.stdout.contains("3 not in the status export"), "{run:?}");
    assert!(run.stdout.contains("1 error, 0 warnings in the status export"), "{run:?}");
    // An empty file: one empty-file error, exit 1.
    wrk.create("status.csv", "");
    let run = status(&wrk, "status.csv", "2025-07-01", &[]);
    run.assert_code(1);
    assert_eq!(findings(&wrk), [("empty-file".to_string(), 1, 1)], "{run:?}");
}

#[test]
fn an_account_missing_from_the_export_exits_1_an_unknown_one_alone_does_not() {
    let wrk = applied();
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},yes,,"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let mut all = rows.clone();
    all.push("zed@contoso.onmicrosoft.com,no,,");
    wrk.create("status.csv", csv(STATUS_HEADER, &all));
    status(&wrk, "status.csv", "2025-07-01", &[]).assert_code(0);
    assert_eq!(findings(&wrk), [("unknown-account".to_string(), 5, 1)]);
    wrk.create("status.csv", csv(STATUS_HEADER, &rows[..2]));
    let run = status(&wrk, "status.csv", "2025-07-01", &[]);
    run.assert_code(1);
    assert!(run.stdout.contains("warning[missing-status]") && run.stdout.contains(CARLA_U), "{run:?}");
}

#[test]
fn an_unreadable_optional_cell_is_a_finding_on_that_cell_and_the_row_is_kept() {
    let wrk = applied();
    // Ben: associated_at "yesterday" (column 4), pu_connected "maybe" (column 3).
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},no,maybe,yesterday"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wrk.create("status.csv", csv(STATUS_HEADER, &rows));
    let run = status(&wrk, "status.csv", "2025-07-01", &[]);
    // Warnings only, nobody needs action: exit 0.
    run.assert_code(0);
    assert_eq!(findings(&wrk), [("invalid-value".to_string(), 3, 3), ("invalid-value".to_string(), 3, 4)]);
    assert_eq!(sign_in(&wrk, BEN_U), "waiting", "Ben's row was dropped");
    assert!(run.stdout.contains("0 not in the status export"), "{run:?}");

    // After his password expired the same export reissues him: the bad cell blocks nothing.
    let day = add_days(EXPIRES, 1);
    status(&wrk, "status.csv", &day, &[]).assert_code(1);
    assert_eq!(sign_in(&wrk, BEN_U), "must-reissue");
    wrk.apply("out", &["--status", "status.csv", "--as-of", &day]).assert_code(0);
    assert!(wrk.exists("out/credentials/1234567.run2.csv"), "{:?}", wrk.listing());
}

#[test]
fn lists_are_capped_at_20_and_the_summary_comes_last() {
    // 45 people who never signed in, 91 days after cutover: all must be re-added.
    let people: Vec<String> = (0..45).map(|i| format!("1234567,P{i},Q,p{i:02}@contoso.com,employee,,,,")).collect();
    let mut rows = vec![ANNA];
    rows.extend(people.iter().map(String::as_str));
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&rows));
    wrk.apply("out", &[]).assert_code(0);
    let export: Vec<String> = (0..45).map(|i| format!("p{i:02}@contoso.onmicrosoft.com,no,,")).collect();
    let export: Vec<&str> = export.iter().map(String::as_str).collect();
    wrk.create("status.csv", csv(STATUS_HEADER, &export));
    let run = status(&wrk, "status.csv", &add_days(EXPIRES, 1), &[]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let listed = lines.iter().filter(|l| l.contains("Contoso Ltd (1234567)  expired 2025-08-30")).count();
    assert_eq!(listed, 20, "{run:?}");
    assert!(run.stdout.contains("  … and 25 more (--changes all to list them)"), "{run:?}");
    // Anna is not in the export: one finding, listed too.
    assert!(run.stdout.contains("warning[missing-status]"), "{run:?}");
    let tail = &lines[lines.len() - 3..];
    assert_eq!(
        tail,
        [
            "0 signed in, 0 waiting, 0 expiring within 7 days, 45 to remove and add again, 1 not in the status export",
            "0 errors, 1 warning in the status export",
            "status: out/status.html",
        ],
        "{run:?}"
    );
    // status.json has everyone.
    let json = wrk.json("out/status.json");
    assert_eq!(json["organizations"][0]["employees"].as_array().unwrap().len(), 46);
}

#[test]
fn one_day_is_not_days() {
    let wrk = applied();
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},no,,"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wrk.create("status.csv", csv(STATUS_HEADER, &rows));
    let run = status(&wrk, "status.csv", &add_days(EXPIRES, -1), &["--warn-days", "1"]);
    run.assert_code(1);
    assert!(run.stdout.contains("expires 2025-08-30, 1 day left"), "{run:?}");
    assert!(run.stdout.contains("1 expiring within 1 day,"), "{run:?}");
}

#[test]
fn as_of_says_what_is_wrong_with_the_day() {
    let wrk = applied();
    wrk.create("status.csv", csv(STATUS_HEADER, &[&format!("{ANNA_U},yes,,")]));
    for (when, why) in [
        ("2026-02-29", "2026-02-29: February 2026 has 28 days"),
        ("2026-02-29T10:00", "2026-02-29: February 2026 has 28 days"),
        ("2026-13-01", "2026-13-01: there is no month 13"),
        ("tomorrow", "\"tomorrow\" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
    ] {
        let run = status(&wrk, "status.csv", when, &[]);
        run.assert_code(2);
        assert!(run.stderr.contains(why), "{run:?}");
    }
}
