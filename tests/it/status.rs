//! `pmc-migrate status` after cutover (design R7–R9, §6): the ledger of an
//! apply joined with a Partner Center team-status export. Every test applies
//! the baseline at AS_OF (temporary passwords expire 90 days later, on
//! 2025-08-30), then runs the real binary's `status` at fixed dates and times.

use crate::common::*;
use serde_json::Value;

const ANNA_U: &str = "anna@contoso.onmicrosoft.com";
const BEN_U: &str = "ben@contoso.onmicrosoft.com";
const CARLA_U: &str = "carla@fabrikam.onmicrosoft.com";
/// AS_OF + 90 days: the last day the first temporary passwords are good.
const EXPIRES: &str = "2025-08-30";

fn status_csv(rows: &[&str]) -> String {
    csv("username,signed_in,pu_connected,associated_at", rows)
}

/// The baseline, applied into `out` at AS_OF.
fn applied() -> Workdir {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk
}

/// `status --out out --status status.csv --as-of WHEN` plus `extra`, with `rows` as the export.
fn status(wrk: &Workdir, rows: &[&str], when: &str, extra: &[&str]) -> Run {
    wrk.create("status.csv", status_csv(rows));
    let mut args = vec!["status", "--out", "out", "--status", "status.csv", "--as-of", when];
    args.extend_from_slice(extra);
    wrk.run(args)
}

/// The employee of status.json with `username`.
fn employee<'a>(json: &'a Value, username: &str) -> &'a Value {
    json["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .flat_map(|o| o["employees"].as_array().expect("employees"))
        .find(|e| e["username"] == username)
        .unwrap_or_else(|| panic!("no {username} in status.json: {json:#}"))
}

fn sign_in(wrk: &Workdir, username: &str) -> String {
    employee(&wrk.json("out/status.json"), username)["sign_in"].as_str().expect("sign_in").to_string()
}

/// (rule, line, message) of every finding in status.json.
fn findings(json: &Value) -> Vec<(String, u64, String)> {
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// The part of `html` from the element with `id` to the end of its section.
/// The section with `id`, without the `<wbr>`s that let addresses break.
fn section(html: &str, id: &str) -> String {
    let start = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in the page"));
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    html[start..end].replace("<wbr>", "")
}

// ---- sign-in states and the exit code ----

#[test]
fn signed_in_and_waiting_is_everyone_fine_exit_0() {
    let wrk = applied();
    let run = status(
        &wrk,
        &[&format!("{ANNA_U},yes,,"), &format!("{BEN_U},no,,"), &format!("{CARLA_U},yes,,")],
        "2025-07-01",
        &[],
    );
    run.assert_code(0);
    let json = wrk.json("out/status.json");
    assert_eq!(json["as_of"], "2025-07-01T00:00:00");
    assert_eq!(json["warn_days"], 7);
    assert_eq!(json["needs_action"], 0);
    assert_eq!(employee(&json, ANNA_U)["sign_in"], "signed-in");
    assert_eq!(employee(&json, CARLA_U)["sign_in"], "signed-in");
    let ben = employee(&json, BEN_U);
    assert_eq!(ben["sign_in"], "waiting");
    assert_eq!(ben["days_left"], 60);
    assert_eq!(ben["password_expires"], EXPIRES);
    assert_eq!(ben["next_action"], "keep");
    assert!(
        run.stdout.contains("2 signed in, 1 waiting, 0 expiring within 7 days, 0 to remove and add again"),
        "{run:?}"
    );
    assert!(findings(&json).is_empty(), "{json:#}");
    let html = wrk.read_string("out/status.html");
    assert!(html.contains("Nobody needs action"), "{html}");
}

#[test]
fn expiring_within_the_warning_window_exits_1_and_warn_days_0_changes_that() {
    let wrk = applied();
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},no,,"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    // 8 days left: outside the default 7-day window.
    status(&wrk, &rows, &add_days(EXPIRES, -8), &[]).assert_code(0);
    assert_eq!(sign_in(&wrk, BEN_U), "waiting");
    // 7 days left: inside it.
    let run = status(&wrk, &rows, &add_days(EXPIRES, -7), &[]);
    run.assert_code(1);
    assert_eq!(sign_in(&wrk, BEN_U), "expires-soon");
    assert!(run.stdout.contains("1 expiring within 7 days"), "{run:?}");
    assert!(
        run.stdout.contains(&format!("  Ben Ng  {BEN_U}  Contoso Ltd (1234567)  expires {EXPIRES}, 7 days left\n")),
        "{run:?}"
    );
    assert_eq!(wrk.json("out/status.json")["needs_action"], 1);
    let html = wrk.read_string("out/status.html");
    assert!(section(&html, "expiring").contains(BEN_U), "Ben is not listed under Expiring soon");
    // The same day with --warn-days 0: nobody needs action yet.
    let run = status(&wrk, &rows, &add_days(EXPIRES, -7), &["--warn-days", "0"]);
    run.assert_code(0);
    assert_eq!(sign_in(&wrk, BEN_U), "waiting");
    assert_eq!(wrk.json("out/status.json")["warn_days"], 0);
    // --warn-days 30 widens the window.
    status(&wrk, &rows, &add_days(EXPIRES, -20), &["--warn-days", "30"]).assert_code(1);
    assert_eq!(sign_in(&wrk, BEN_U), "expires-soon");
}

#[test]
fn expired_without_sign_in_must_be_removed_and_added_again() {
    let wrk = applied();
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},no,,"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    // The last good day is not yet expired.
    status(&wrk, &rows, &format!("{EXPIRES}T23:59"), &[]).assert_code(1);
    assert_eq!(sign_in(&wrk, BEN_U), "expires-soon");
    let day_91 = add_days(EXPIRES, 1);
    for warn in ["7", "0"] {
        let run = status(&wrk, &rows, &day_91, &["--warn-days", warn]);
        run.assert_code(1);
        let json = wrk.json("out/status.json");
        let ben = employee(&json, BEN_U);
        assert_eq!(ben["sign_in"], "must-reissue", "{json:#}");
        assert_eq!(ben["next_action"], "reissue");
        assert_eq!(ben["days_left"], -1);
        assert_eq!(employee(&json, ANNA_U)["next_action"], "keep");
        assert!(run.stdout.contains("1 to remove and add again"), "{run:?}");
        let line = format!("  Ben Ng  {BEN_U}  Contoso Ltd (1234567)  expired {EXPIRES}, 1 day ago\n");
        assert!(run.stdout.contains(&line), "{run:?}");
    }
    let html = wrk.read_string("out/status.html");
    let re_add = section(&html, "re-add");
    assert!(re_add.contains(BEN_U) && re_add.contains("reissue"), "{re_add}");
    assert!(!re_add.contains(ANNA_U), "{re_add}");
    assert!(html.contains("remove and add"), "no R7 banner");
}

#[test]
fn a_signed_in_user_never_needs_a_reissue() {
    let wrk = applied();
    let run = status(
        &wrk,
        &[&format!("{ANNA_U},yes,,"), &format!("{BEN_U},yes,,"), &format!("{CARLA_U},1,,")],
        "2026-01-01",
        &[],
    );
    run.assert_code(0);
    let json = wrk.json("out/status.json");
    for u in [ANNA_U, BEN_U, CARLA_U] {
        assert_eq!(employee(&json, u)["sign_in"], "signed-in");
        assert_eq!(employee(&json, u)["next_action"], "keep");
    }
}

// ---- R8b, R9 ----

#[test]
fn partner_university_connected_yes_no_or_unknown() {
    let wrk = applied();
    status(
        &wrk,
        &[&format!("{ANNA_U},yes,yes,"), &format!("{BEN_U},yes,no,"), &format!("{CARLA_U},yes,,")],
        "2025-07-01",
        &[],
    )
    .assert_code(0);
    let json = wrk.json("out/status.json");
    assert_eq!(employee(&json, ANNA_U)["pu_connected"], true);
    assert_eq!(employee(&json, BEN_U)["pu_connected"], false);
    assert_eq!(employee(&json, CARLA_U)["pu_connected"], Value::Null);
    let html = wrk.read_string("out/status.html");
    let contoso = section(&html, "org-1234567");
    assert!(contoso.contains("<span class=\"badge yes\">yes</span>"), "{contoso}");
    assert!(contoso.contains("<span class=\"badge no\">no</span>"), "{contoso}");
    let fabrikam = section(&html, "org-2345678");
    assert!(fabrikam.contains("<span class=\"badge neutral\">unknown</span>"), "{fabrikam}");
}

#[test]
fn competency_progress_shows_exactly_24_hours_after_association() {
    let wrk = applied();
    // Anna associated at midnight on 2025-06-10 (a bare date), Ben at 14:30.
    let rows = [
        format!("{ANNA_U},yes,yes,2025-06-10"),
        format!("{BEN_U},yes,yes,2025-06-10 14:30"),
        format!("{CARLA_U},yes,,"),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let visible = |wrk: &Workdir, u: &str| {
        let json = wrk.json("out/status.json");
        let e = employee(&json, u);
        (e["competency_visible"].as_bool().expect("a bool"), e["competency_visible_at"].as_str().map(String::from))
    };
    // 23:59 on the day of the association, and at 24:00 (midnight the day after).
    status(&wrk, &rows, "2025-06-10T23:59", &[]).assert_code(0);
    assert_eq!(visible(&wrk, ANNA_U), (false, Some("2025-06-11T00:00:00".into())));
    status(&wrk, &rows, "2025-06-11", &[]).assert_code(0);
    assert_eq!(visible(&wrk, ANNA_U), (true, Some("2025-06-11T00:00:00".into())));
    // One minute before and exactly 24 hours after 14:30.
    status(&wrk, &rows, "2025-06-11T14:29", &[]).assert_code(0);
    assert_eq!(visible(&wrk, BEN_U), (false, Some("2025-06-11T14:30:00".into())));
    assert!(wrk.read_string("out/status.html").contains("from 2025-06-11 14:30"));
    status(&wrk, &rows, "2025-06-11T14:30", &[]).assert_code(0);
    assert_eq!(visible(&wrk, BEN_U), (true, Some("2025-06-11T14:30:00".into())));
    assert!(wrk.read_string("out/status.html").contains("since 2025-06-11 14:30"));
    // No association: nothing to show.
    assert_eq!(visible(&wrk, CARLA_U), (false, None));
    let json = wrk.json("out/status.json");
    assert_eq!(employee(&json, CARLA_U)["associated_at"], Value::Null);
    assert_eq!(employee(&json, BEN_U)["associated_at"], "2025-06-10T14:30:00");
}

// ---- findings ----

#[test]
fn unknown_and_missing_accounts_are_findings_in_status_json_and_stdout() {
    let wrk = applied();
    // Carla is missing from the export; zed was never issued by an apply here.
    let run = status(
        &wrk,
        &[&format!("{ANNA_U},yes,,"), &format!("{BEN_U},yes,,"), "zed@contoso.onmicrosoft.com,no,,"],
        "2025-07-01",
        &[],
    );
    // An issued account missing from the export needs a look (design §6).
    run.assert_code(1);
    let json = wrk.json("out/status.json");
    let got = findings(&json);
    assert_eq!(got.len(), 2, "{got:#?}");
    let missing = got.iter().find(|f| f.0 == "missing-status").unwrap_or_else(|| panic!("{got:#?}"));
    assert!(missing.2.contains(CARLA_U) && missing.2.contains("2345678"), "{missing:?}");
    let unknown = got.iter().find(|f| f.0 == "unknown-account").unwrap_or_else(|| panic!("{got:#?}"));
    assert_eq!(unknown.1, 4, "the status export's line of zed");
    assert!(unknown.2.contains("zed@contoso.onmicrosoft.com"), "{unknown:?}");
    assert_eq!(employee(&json, CARLA_U)["sign_in"], "unknown");
    assert!(run.stdout.contains("1 not in the status export"), "{run:?}");
    assert!(run.stdout.contains("status.csv:4:1: warning[unknown-account]"), "{run:?}");
    assert!(run.stdout.contains("warning[missing-status]"), "{run:?}");
    let html = wrk.read_string("out/status.html");
    let list = section(&html, "status-findings");
    assert!(list.contains("unknown-account") && list.contains("missing-status"), "{list}");
    assert!(list.contains("zed@contoso.onmicrosoft.com"), "{list}");
}

// ---- the page ----

#[test]
fn status_html_is_self_contained_escaped_and_deterministic() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, "1234567,Cian,O'Brien,o'brien&co@contoso.com,employee,,,,"]),
    );
    wrk.apply("out", &[]).assert_code(0);
    let rows = [
        format!("{ANNA_U},yes,yes,2025-06-10 09:30"),
        format!("{BEN_U},no,no,"),
        format!("{CARLA_U},yes,,"),
        "o.brien.co@contoso.onmicrosoft.com,no,,".to_string(),
        "\"<script>alert(1)</script>@x.com\",yes,,".to_string(),
    ];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    status(&wrk, &rows, "2025-08-31T10:00", &[]).assert_code(1);
    let first = wrk.read("out/status.html");
    let html = wrk.read_string("out/status.html");
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(!html.to_ascii_lowercase().contains("<script"), "a script in status.html");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;@x.com"), "the hostile username is not escaped");
    assert!(html.contains("o&#x27;brien&amp;co@<wbr>contoso.<wbr>com"), "the email is not escaped");
    for needle in ["http:", "https:", " src=", "url(", "@import"] {
        assert!(!html.contains(needle), "status.html loads something ({needle})");
    }
    assert!(html.contains("default-src 'none'"), "no content security policy");
    assert!(html.contains("<style>"), "the CSS is not inline");
    assert!(html.contains("2025-08-31 10:00"), "no as-of date and time");
    assert!(html.contains("--warn-days 7"), "no warning window");
    assert!(html.contains("href=\"index.html\""), "no link back to the report");
    assert!(html.contains("href=\"orgs/1234567.html\""), "no link to the organisation page");
    // Same ledger, export and as-of: the same bytes.
    status(&wrk, &rows, "2025-08-31T10:00", &[]).assert_code(1);
    crate::diff::assert_same_bytes(&wrk.read("out/status.html"), &first, "status.html");
    assert!(!wrk.files_under("out").iter().any(|f| f.ends_with(".tmp")), "{:?}", wrk.files_under("out"));
}

#[test]
fn the_report_links_to_status_html_from_the_next_plan() {
    let wrk = applied();
    assert!(!wrk.read_string("out/index.html").contains("status.html"));
    status(
        &wrk,
        &[&format!("{ANNA_U},yes,,"), &format!("{BEN_U},yes,,"), &format!("{CARLA_U},yes,,")],
        "2025-07-01",
        &[],
    )
    .assert_code(0);
    wrk.plan("out", &[]).assert_code(0);
    let index = wrk.read_string("out/index.html");
    assert!(index.contains("<a href=\"status.html\">Team status</a>"), "no nav link to status.html");
    assert!(index.contains("<dt>Team status</dt>"), "no run-facts line for status.html");
}

#[test]
fn status_html_names_each_organisation_from_the_folders_plan() {
    let wrk = applied();
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},no,,"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    // Ben's password has expired: he is listed under "must re-add" too.
    status(&wrk, &rows, &add_days(EXPIRES, 1), &[]).assert_code(1);
    let html = wrk.read_string("out/status.html");
    let summary = section(&html, "organisations");
    assert!(summary.contains("<td>Contoso Ltd</td>") && summary.contains("<td>Fabrikam Inc</td>"), "{summary}");
    assert!(html.contains("<h2>Contoso Ltd <span class=\"muted\">· MPN ID 1234567</span></h2>"), "{html}");
    assert!(section(&html, "re-add").contains("<div class=\"muted\">Contoso Ltd</div>"), "{html}");
    // Without a plan in the folder the ledger's MPN IDs are all there is.
    std::fs::remove_file(wrk.path("out/plan.json")).unwrap();
    status(&wrk, &rows, &add_days(EXPIRES, 1), &[]).assert_code(1);
    let html = wrk.read_string("out/status.html");
    assert!(!html.contains("Contoso Ltd"), "a name without a plan");
    assert!(html.contains("<h2>MPN ID 1234567</h2>"), "{html}");
}

// ---- the flow: status says re-add, apply reissues ----

#[test]
fn must_re_add_then_apply_with_the_same_status_reissues_into_a_run2_file() {
    let wrk = applied();
    let old = wrk.read_string("out/credentials/1234567.csv");
    let rows = [format!("{ANNA_U},yes,,"), format!("{BEN_U},no,,"), format!("{CARLA_U},yes,,")];
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let day = add_days(EXPIRES, 1);
    status(&wrk, &rows, &day, &[]).assert_code(1);
    let reissue: Vec<String> = wrk.json("out/status.json")["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["employees"].as_array().unwrap())
        .filter(|e| e["next_action"] == "reissue")
        .map(|e| e["username"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reissue, [BEN_U]);

    wrk.apply("out", &["--status", "status.csv", "--as-of", &day]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let actions: Vec<(String, String)> = plan["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["accounts"].as_array().unwrap())
        .map(|a| (a["username"].as_str().unwrap().to_string(), a["action"].as_str().unwrap().to_string()))
        .collect();
    for (u, action) in &actions {
        let want = if u == BEN_U { "reissue" } else { "keep" };
        assert_eq!(action, want, "{u}: {actions:?}");
    }
    assert_eq!(
        wrk.files_under("out/credentials"),
        ["out/credentials/1234567.csv", "out/credentials/1234567.run2.csv", "out/credentials/2345678.csv"]
    );
    assert_eq!(wrk.read_string("out/credentials/1234567.csv"), old, "the first credentials file changed");
    let run2 = wrk.read_string("out/credentials/1234567.run2.csv");
    let mut reader = csv::Reader::from_reader(run2.trim_start_matches('\u{feff}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1, "{run2}");
    assert_eq!(&rows[0][0], BEN_U);
    let new_password = rows[0][3].to_string();
    assert_eq!(new_password.len(), 16);
    assert!(!old.contains(&new_password), "the reissue did not make a new password");
    assert_eq!(&rows[0][4], add_days(&day, 90).as_str(), "the new password's 90 days start on the reissue day");

    // The same export again on the same day: Ben's new password is fresh.
    status(&wrk, &[&format!("{ANNA_U},yes,,"), &format!("{BEN_U},no,,"), &format!("{CARLA_U},yes,,")], &day, &[])
        .assert_code(0);
    let json = wrk.json("out/status.json");
    assert_eq!(employee(&json, BEN_U)["sign_in"], "waiting");
    assert_eq!(employee(&json, BEN_U)["days_left"], 90);
}

// ---- usage ----

#[test]
fn no_ledger_is_a_clear_error_exit_2() {
    let wrk = Workdir::new();
    std::fs::create_dir_all(wrk.path("out")).unwrap();
    let run = status(&wrk, &[&format!("{ANNA_U},yes,,")], "2025-07-01", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("no ledger"), "{run:?}");
    assert!(run.stderr.contains("pmc-migrate apply"), "{run:?}");
    assert!(!wrk.exists("out/status.html") && !wrk.exists("out/status.json"));
    // A folder that does not exist at all: the same.
    let run = wrk.run(["status", "--out", "nowhere", "--status", "status.csv", "--as-of", "2025-07-01"]);
    run.assert_code(2);
    assert!(run.stderr.contains("no ledger"), "{run:?}");
}
