//! `pmc-migrate plan`, the dry run (SPEC §2, §5, §6, §7): plan.json's fields and
//! dates, account plans, usernames, blocked organisations, findings.csv,
//! determinism, exit codes, and `apply --dry-run` == `plan`.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write as _;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

/// The organisation `mpn_id` of plan.json.
fn org<'a>(plan: &'a Value, mpn_id: &str) -> &'a Value {
    plan["organizations"]
        .as_array()
        .expect("organizations is an array")
        .iter()
        .find(|o| o["mpn_id"] == mpn_id)
        .unwrap_or_else(|| panic!("no organisation {mpn_id} in plan.json: {plan:#}"))
}

/// The account with `email` of an organisation.
fn account<'a>(org: &'a Value, email: &str) -> &'a Value {
    org["accounts"]
        .as_array()
        .expect("accounts is an array")
        .iter()
        .find(|a| a["email"] == email)
        .unwrap_or_else(|| panic!("no account {email}: {org:#}"))
}

fn mpn_ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|o| o["mpn_id"].as_str().expect("mpn_id is a string").to_string())
        .collect()
}

fn has_key(v: &Value, key: &str) -> bool {
    v.as_object().is_some_and(|o| o.contains_key(key))
}

fn assert_date(v: &Value, what: &str) {
    let s = v.as_str().unwrap_or_else(|| panic!("{what} is not a string: {v}"));
    assert!(is_ymd(s), "{what} is not YYYY-MM-DD: {s:?}");
}

/// Every key anywhere in a JSON value.
fn all_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                out.push(k.clone());
                all_keys(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| all_keys(v, out)),
        _ => {}
    }
}

fn tasks(account: &Value) -> Vec<String> {
    let mut t: Vec<String> = account["tasks"]
        .as_array()
        .expect("tasks is an array")
        .iter()
        .map(|t| t.as_str().expect("task id is a string").to_string())
        .collect();
    t.sort();
    t
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

// ---- plan.json: field names and inputs ----

#[test]
fn plan_json_has_every_field_of_spec_section_7() {
    let wrk = Workdir::baseline();
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");

    assert_eq!(plan["as_of"], AS_OF);
    for key in ["as_of", "inputs", "summary", "organizations"] {
        assert!(has_key(&plan, key), "plan.json lacks {key}: {plan:#}");
    }
    for input in plan["inputs"].as_array().expect("inputs is an array") {
        for key in ["path", "sha256", "rows"] {
            assert!(has_key(input, key), "inputs[] lacks {key}: {input:#}");
        }
    }
    for key in ["organizations", "employees", "accounts", "errors", "warnings"] {
        assert!(plan["summary"][key].is_u64(), "summary.{key} is not a count: {:#}", plan["summary"]);
    }
    let orgs = plan["organizations"].as_array().expect("organizations is an array");
    assert_eq!(orgs.len(), 2);
    for o in orgs {
        for key in [
            "mpn_id",
            "organization",
            "membership",
            "pmc_start",
            "pmc_end",
            "renewed",
            "pc_start",
            "pc_end",
            "overlap_start",
            "overlap_end",
            "overlap_days",
            "creation",
            "accounts",
        ] {
            assert!(has_key(o, key), "organizations[] lacks {key}: {o:#}");
        }
        for key in ["pmc_start", "pmc_end", "pc_start", "pc_end", "overlap_start", "overlap_end"] {
            assert_date(&o[key], key);
        }
        assert!(o["overlap_days"].is_u64(), "{o:#}");
        assert_eq!(o["creation"], "bulk");
        for a in o["accounts"].as_array().expect("accounts is an array") {
            for key in ["email", "display_name", "role", "username", "password_expires", "tasks", "action"] {
                assert!(has_key(a, key), "accounts[] lacks {key}: {a:#}");
            }
            assert_date(&a["password_expires"], "password_expires");
            assert!(a["tasks"].is_array(), "{a:#}");
            assert_eq!(a["action"], "create", "a plan without a ledger creates every account");
        }
    }

    let contoso = org(&plan, "1234567");
    assert_eq!(contoso["organization"], "Contoso Ltd");
    assert_eq!(contoso["membership"], "Gold");
    assert_eq!(contoso["pmc_start"], "2024-09-01");
    assert_eq!(contoso["pmc_end"], "2025-08-31");
    let anna = account(contoso, "anna@contoso.com");
    assert_eq!(anna["display_name"], "Anna Lee");
    assert_eq!(anna["role"], "admin");
    assert_eq!(anna["username"], "anna@contoso.onmicrosoft.com");
    assert_eq!(account(contoso, "ben@contoso.com")["role"], "employee");
    // "Administrator" is an admin.
    assert_eq!(account(org(&plan, "2345678"), "carla@fabrikam.com")["role"], "admin");

    // No password, nor any key that could hold one.
    let mut keys = Vec::new();
    all_keys(&plan, &mut keys);
    for k in &keys {
        assert!(!k.contains("password") || k == "password_expires", "plan.json has a key {k:?}");
    }

    assert_eq!(plan["summary"]["organizations"], 2);
    assert_eq!(plan["summary"]["employees"], 3);
    assert_eq!(plan["summary"]["accounts"], 3);
    assert_eq!(plan["summary"]["errors"], 0);
    assert_eq!(plan["summary"]["warnings"], 0);
}

#[test]
fn inputs_name_the_paths_given_with_real_sha256_and_row_counts() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let inputs = plan["inputs"].as_array().expect("inputs is an array");
    assert_eq!(inputs.len(), 2, "{inputs:#?}");
    let by_path: BTreeMap<&str, &Value> =
        inputs.iter().map(|i| (i["path"].as_str().expect("path is a string"), i)).collect();
    for (file, rows) in [(M, 2), (E, 3)] {
        let input = by_path.get(file).unwrap_or_else(|| panic!("no input {file}: {inputs:#?}"));
        assert_eq!(input["sha256"], sha256_hex(&wrk.read(file)), "{file}");
        assert_eq!(input["rows"], rows, "{file}");
    }
}

#[test]
fn sha256_is_of_the_bytes_on_disk_whatever_the_encoding() {
    // A BOM and CRLF are part of the file: the hash is of the raw bytes.
    let mut m = b"\xEF\xBB\xBF".to_vec();
    m.extend(memberships(&[CONTOSO, FABRIKAM]).replace('\n', "\r\n").into_bytes());
    let e = utf16le_bom(&employees(&[ANNA, BEN, CARLA]));
    let wrk = Workdir::with_inputs(&m, &e);
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["inputs"][0]["path"], M);
    assert_eq!(plan["inputs"][0]["sha256"], sha256_hex(&m));
    assert_eq!(plan["inputs"][1]["path"], E);
    assert_eq!(plan["inputs"][1]["sha256"], sha256_hex(&e));
    assert_eq!(plan["inputs"][1]["rows"], 3);
}

// ---- membership dates: R1–R4 ----

/// Organisations at AS_OF (2025-06-01): ordinary, leap-day end, expired,
/// ending on the cutover day, and a renewed twin of an unrenewed one.
fn dates_workdir() -> Workdir {
    let m = memberships(&[
        "1000001,Ordinary,Gold,2024-09-01,2025-08-31,no,ordinary.onmicrosoft.com,US",
        "1000002,Leap,Silver,2027-03-01,2028-02-29,no,leap.onmicrosoft.com,US",
        "1000003,Expired,Gold,2024-05-01,2025-05-31,no,expired.onmicrosoft.com,US",
        "1000004,Same Day,Gold,2024-06-02,2025-06-01,no,sameday.onmicrosoft.com,US",
        "1000005,Renewed,Gold,2024-09-01,2025-08-31,yes,renewed.onmicrosoft.com,US",
    ]);
    let e = employees(&[
        "1000001,A,One,a@ordinary.com,admin,,,,",
        "1000002,B,Two,b@leap.com,admin,,,,",
        "1000003,C,Three,c@expired.com,admin,,,,",
        "1000004,D,Four,d@sameday.com,admin,,,,",
        "1000005,E,Five,e@renewed.com,admin,,,,",
    ]);
    Workdir::with_inputs(m, e)
}

#[test]
fn r1_new_membership_starts_on_the_cutover_date() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    for o in plan["organizations"].as_array().unwrap() {
        assert_eq!(o["pc_start"], AS_OF, "{o:#}");
    }
    wrk.plan("later", &["--as-of", "2025-07-15"]).assert_code(0);
    let plan = wrk.json("later/plan.json");
    assert_eq!(plan["as_of"], "2025-07-15");
    assert_eq!(org(&plan, "1000001")["pc_start"], "2025-07-15");
}

#[test]
fn r2_new_membership_ends_one_year_after_the_pmc_end_and_a_leap_day_becomes_28_february() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let ordinary = org(&plan, "1000001");
    assert_eq!(ordinary["pc_end"], "2026-08-31");
    let leap = org(&plan, "1000002");
    assert_eq!(leap["pmc_end"], "2028-02-29");
    assert_eq!(leap["pc_end"], "2029-02-28");
    assert_eq!(leap["overlap_start"], AS_OF);
    assert_eq!(leap["overlap_end"], "2028-02-29");
    assert_eq!(leap["overlap_days"], days_inclusive(AS_OF, "2028-02-29"));
}

#[test]
fn r3_overlap_counts_both_ends() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let ordinary = org(&plan, "1000001");
    assert_eq!(ordinary["overlap_start"], AS_OF);
    assert_eq!(ordinary["overlap_end"], "2025-08-31");
    // June 30 + July 31 + August 31.
    assert_eq!(ordinary["overlap_days"], 92);
    // Ending on the cutover day itself: one day of both systems, not expired.
    let same = org(&plan, "1000004");
    assert_eq!(same["overlap_start"], AS_OF);
    assert_eq!(same["overlap_end"], AS_OF);
    assert_eq!(same["overlap_days"], 1);
    assert_eq!(same["pc_end"], "2026-06-01");
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert!(
        !findings.iter().any(|f| f.rule == "membership-expired" && f.line == 5),
        "a membership ending on the cutover day is not expired: {findings:#?}"
    );
}

#[test]
fn r3_renewed_changes_no_date() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let (plain, renewed) = (org(&plan, "1000001"), org(&plan, "1000005"));
    assert_eq!(plain["renewed"], false);
    assert_eq!(renewed["renewed"], true);
    for key in ["pmc_start", "pmc_end", "pc_start", "pc_end", "overlap_start", "overlap_end", "overlap_days"] {
        assert_eq!(plain[key], renewed[key], "renewed changed {key}");
    }
}

#[test]
fn r4_expired_membership_has_no_overlap_ends_a_year_after_cutover_and_warns() {
    let wrk = dates_workdir();
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");
    let expired = org(&plan, "1000003");
    assert_eq!(expired["pc_start"], AS_OF);
    assert_eq!(expired["pc_end"], "2026-06-01");
    assert_eq!(expired["overlap_days"], 0);
    assert!(
        expired["overlap_start"].is_null() && expired["overlap_end"].is_null(),
        "an expired membership has no overlap window: {expired:#}"
    );
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let warnings = with_rule(&findings, "membership-expired");
    assert_eq!(warnings.len(), 1, "{findings:#?}");
    assert_eq!((warnings[0].file.as_str(), warnings[0].line), (M, 4));
    assert_eq!(warnings[0].severity, "warning");
    assert_eq!(plan["summary"]["warnings"], 1);
}

#[test]
fn r4_expired_on_a_leap_day_cutover_ends_28_february() {
    let wrk = Workdir::with_inputs(
        memberships(&["1000003,Expired,Gold,2027-01-01,2027-12-31,no,expired.onmicrosoft.com,US"]),
        employees(&["1000003,C,Three,c@expired.com,admin,,,,"]),
    );
    wrk.plan("out", &["--as-of", "2028-02-29"]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1000003");
    assert_eq!(o["pc_start"], "2028-02-29");
    assert_eq!(o["pc_end"], "2029-02-28");
    assert_eq!(o["overlap_days"], 0);
}

// ---- account plans: R6–R8 ----

#[test]
fn password_expires_90_days_after_the_cutover() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let expected = add_days(AS_OF, 90);
    assert_eq!(expected, "2025-08-30");
    for o in plan["organizations"].as_array().unwrap() {
        for a in o["accounts"].as_array().unwrap() {
            assert_eq!(a["password_expires"], expected.as_str(), "{a:#}");
        }
    }
    // Across a year end and February.
    wrk.plan("winter", &["--as-of", "2024-12-15"]).assert_code(0);
    let plan = wrk.json("winter/plan.json");
    assert_eq!(account(org(&plan, "1234567"), "ben@contoso.com")["password_expires"], "2025-03-15");
}

#[test]
fn tasks_follow_r8_and_the_columns_given() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&[
            "1234567,All,Tasks,all@contoso.com,admin,,PU-1,AZ-900,MCSE",
            "1234567,Only,Pu,pu@contoso.com,employee,,PU-2,,",
            "1234567,Only,Exams,exams@contoso.com,employee,,,AZ-104;70-533,",
            "1234567,Only,Certs,certs@contoso.com,employee,,,,MCSA",
            "1234567,No,Extras,none@contoso.com,employee,,,,",
            // Every exam code invalid: dropped (invalid-exam-code), so nothing to associate.
            "1234567,Bad,Exam,bad@contoso.com,employee,,,bogus,",
        ]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1234567");
    let sign_in = "get-sign-in-info";
    let pu = "connect-partner-university";
    let exams = "associate-exams-certifications";
    let reset = "set-up-password-reset";
    assert_eq!(tasks(account(o, "all@contoso.com")), sorted(&[sign_in, pu, exams, reset]));
    assert_eq!(tasks(account(o, "pu@contoso.com")), sorted(&[sign_in, pu, reset]));
    assert_eq!(tasks(account(o, "exams@contoso.com")), sorted(&[sign_in, exams, reset]));
    assert_eq!(tasks(account(o, "certs@contoso.com")), sorted(&[sign_in, exams, reset]));
    assert_eq!(tasks(account(o, "none@contoso.com")), sorted(&[sign_in, reset]));
    assert_eq!(tasks(account(o, "bad@contoso.com")), sorted(&[sign_in, reset]));
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert_findings(&findings, &[(E, 7, 8, "invalid-exam-code", "warning")]);
}

#[test]
fn creation_mode_is_bulk_by_default_and_individual_on_request() {
    let wrk = Workdir::baseline();
    wrk.plan("bulk", &[]).assert_code(0);
    wrk.plan("individual", &["--creation", "individual"]).assert_code(0);
    for (dir, mode) in [("bulk", "bulk"), ("individual", "individual")] {
        let plan = wrk.json(&format!("{dir}/plan.json"));
        for o in plan["organizations"].as_array().unwrap() {
            assert_eq!(o["creation"], mode, "{o:#}");
        }
    }
}

#[test]
fn summary_counts_people_once_and_accounts_per_organisation() {
    // Anna works for both organisations: one person, two accounts (one per tenant).
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, "2345678,Anna,Lee,anna@contoso.com,employee,,,,"]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["summary"]["organizations"], 2);
    assert_eq!(plan["summary"]["employees"], 3);
    assert_eq!(plan["summary"]["accounts"], 4);
    assert_eq!(account(org(&plan, "2345678"), "anna@contoso.com")["username"], "anna@fabrikam.onmicrosoft.com");
}

// ---- usernames (SPEC §5), end to end ----

fn username_workdir() -> Workdir {
    Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&[
            // line 2
            ANNA,
            // line 3: plus tag dropped, transliterated, lower-cased
            "1234567,José,García,José.García+pmc@contoso.com,employee,,,,",
            // line 4: the same name from another address: suffix 2
            "1234567,Jose,Garcia,jose.garcia@partner.example,employee,,,,",
            // line 5: and again: suffix 3
            "1234567,Joe,Garcia,JOSE.GARCIA+x@third.example,employee,,,,",
            // line 6
            "1234567,Jürgen,Weiß,Jürgen.Weiß@contoso.com,employee,,,,",
            // line 7: runs of other characters become one dot
            "1234567,Ann,O'Brien,o'brien!!x@contoso.com,employee,,,,",
            // line 8: nothing left of the local part: first.last
            "1234567,Zoë,Quinn,+only@contoso.com,employee,,,,",
        ]),
    )
}

#[test]
fn usernames_follow_the_rule_end_to_end() {
    let wrk = username_workdir();
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1234567");
    let expected = [
        ("anna@contoso.com", "anna@contoso.onmicrosoft.com"),
        ("José.García+pmc@contoso.com", "jose.garcia@contoso.onmicrosoft.com"),
        ("jose.garcia@partner.example", "jose.garcia2@contoso.onmicrosoft.com"),
        ("JOSE.GARCIA+x@third.example", "jose.garcia3@contoso.onmicrosoft.com"),
        ("Jürgen.Weiß@contoso.com", "jurgen.weiss@contoso.onmicrosoft.com"),
        ("o'brien!!x@contoso.com", "o.brien.x@contoso.onmicrosoft.com"),
        ("+only@contoso.com", "zoe.quinn@contoso.onmicrosoft.com"),
    ];
    for (email, username) in expected {
        assert_eq!(account(o, email)["username"], username, "username of {email}");
    }
}

#[test]
fn username_collisions_warn_at_the_later_lines() {
    let wrk = username_workdir();
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(
        &findings,
        &[
            (E, 3, 4, "non-ascii-email", "info"),
            (E, 4, 4, "username-collision", "warning"),
            (E, 5, 4, "username-collision", "warning"),
            (E, 6, 4, "non-ascii-email", "info"),
            // `+only@…` is a valid address the credentials file writes as `'+only@…`.
            (E, 8, 4, "formula-like-value", "warning"),
        ],
    );
    let collisions = with_rule(&findings, "username-collision");
    assert!(collisions[0].message.contains("jose.garcia2@contoso.onmicrosoft.com"), "{findings:#?}");
    assert!(collisions[1].message.contains("jose.garcia3@contoso.onmicrosoft.com"), "{findings:#?}");

    // plan's findings.csv says the same.
    wrk.plan("out", &[]).assert_code(0);
    let from_plan = findings_csv(&wrk.read("out/findings.csv"));
    assert_eq!(from_plan, findings);
}

#[test]
fn username_collision_order_is_by_input_line_not_by_name() {
    // The later line with the "nicer" address still gets the suffix.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&["1234567,Zed,Lee,lee+z@zzz.example,admin,,,,", "1234567,Amy,Lee,lee@aaa.example,employee,,,,"]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1234567");
    assert_eq!(account(o, "lee+z@zzz.example")["username"], "lee@contoso.onmicrosoft.com");
    assert_eq!(account(o, "lee@aaa.example")["username"], "lee2@contoso.onmicrosoft.com");
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert_findings(&findings, &[(E, 3, 4, "username-collision", "warning")]);
}

// ---- organisations left out by errors ----

#[test]
fn blocked_organisations_are_absent_from_the_plan_and_listed_with_reasons() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            CONTOSO,
            FABRIKAM,
            // line 4: nobody is admin
            "3456789,Northwind,Gold,2024-09-01,2025-08-31,no,northwind.onmicrosoft.com,GB",
            // lines 5, 6: the same MPN ID with different data
            "4567890,Adatum,Gold,2024-09-01,2025-08-31,no,adatum.onmicrosoft.com,FR",
            "4567890,Adatum Corp,Silver,2024-09-01,2025-08-31,no,adatum.onmicrosoft.com,FR",
            // line 7: an impossible date
            "5678901,Tailspin,Gold,2024-13-01,2025-08-31,no,tailspin.onmicrosoft.com,US",
        ]),
        employees(&[
            ANNA,
            BEN,
            CARLA,
            "3456789,Nina,West,nina@northwind.com,employee,,,,",
            "4567890,Ada,Tum,ada@adatum.com,admin,,,,",
            "5678901,Tai,Spin,tai@tailspin.com,admin,,,,",
        ]),
    );
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    let plan = wrk.json("out/plan.json");
    assert_eq!(mpn_ids(&plan["organizations"]), ["1234567", "2345678"]);
    let blocked =
        plan["blocked_organizations"].as_array().unwrap_or_else(|| panic!("no blocked_organizations array: {plan:#}"));
    let mut ids = mpn_ids(&plan["blocked_organizations"]);
    ids.sort();
    assert_eq!(ids, ["3456789", "4567890", "5678901"], "{blocked:#?}");
    for (id, rule) in
        [("3456789", "org-without-admin"), ("4567890", "duplicate-organization"), ("5678901", "invalid-date")]
    {
        let b = blocked.iter().find(|b| b["mpn_id"] == id).unwrap();
        let text = b.to_string();
        assert!(text.contains(rule), "{id} should be left out for {rule}: {b:#}");
    }
    // Nobody of a blocked organisation has an account.
    let text = String::from_utf8(wrk.read("out/plan.json")).unwrap();
    for email in ["nina@northwind.com", "ada@adatum.com", "tai@tailspin.com"] {
        assert!(!text.contains(&format!("\"email\": \"{email}\"")), "{email} planned");
    }
    assert_eq!(plan["summary"]["organizations"], 2);
    assert_eq!(plan["summary"]["accounts"], 3);
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let warnings = findings.iter().filter(|f| f.severity == "warning").count();
    assert_eq!(plan["summary"]["errors"], errors as u64);
    assert_eq!(plan["summary"]["warnings"], warnings as u64);
    assert!(errors >= 3, "{findings:#?}");
}

// ---- findings.csv ----

#[test]
fn findings_csv_header_and_rows() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, "1234567,Ben,Ng,not-an-email,employee,,,,", CARLA]),
    );
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    let bytes = wrk.read("out/findings.csv");
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap();
    let first_line = first_line.strip_suffix(b"\r").unwrap_or(first_line);
    assert_eq!(first_line, b"file,line,column,rule,severity,message");
    let findings = findings_csv(&bytes);
    assert_findings(&findings, &[(E, 3, 4, "invalid-email", "error")]);
    assert!(findings[0].message.contains("\"not-an-email\""), "{findings:#?}");

    // A clean run: the header alone.
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let text = wrk.read_string("out/findings.csv");
    assert_eq!(text.trim_end(), "file,line,column,rule,severity,message");
}

// ---- determinism ----

/// Enough organisations and people, with findings of many kinds, for threads to matter.
fn busy_workdir() -> Workdir {
    let mut m = Vec::new();
    let mut e = Vec::new();
    for o in 0..60u32 {
        let id = 3_000_000 + o;
        let (start, end) = match o % 4 {
            0 => ("2024-09-01", "2025-08-31"),
            1 => ("2024-03-01", "2025-02-28"), // expired
            2 => ("2027-03-01", "2028-02-29"), // leap day
            _ => ("2024-06-02", "2025-06-01"),
        };
        let level = if o % 9 == 4 { "Platinum" } else { "Gold" };
        m.push(format!(
            "{id},Org {o},{level},{start},{end},{},t{}.onmicrosoft.com,US",
            if o % 2 == 0 { "yes" } else { "no" },
            o % 50 // some organisations share a tenant
        ));
        if o % 17 == 3 {
            m.push(format!("{id},Org {o} bis,Gold,{start},{end},no,t{o}.onmicrosoft.com,US"));
        }
        for p in 0..9u32 {
            let role = if p == 0 && o % 13 != 7 { "admin" } else { "employee" };
            let email = match p {
                3 => format!("person1+x@org{o}.example"), // username collision
                4 if o % 5 == 0 => "not an email".to_string(),
                5 => format!("shared{}@example.com", o % 3), // cross-organisation people
                _ => format!("person{p}@org{o}.example"),
            };
            let row = format!("{id},First{p},Last{o},{email},{role},,PU-{p},AZ-900;bad,MCSA");
            if p == 6 && o % 7 == 0 {
                e.push(row.clone()); // exact duplicate
            }
            e.push(row);
        }
    }
    let m: Vec<&str> = m.iter().map(String::as_str).collect();
    let e: Vec<&str> = e.iter().map(String::as_str).collect();
    Workdir::with_inputs(memberships(&m), employees(&e))
}

#[test]
fn jobs_1_and_jobs_4_write_identical_bytes() {
    let wrk = busy_workdir();
    let one = wrk.plan("one", &["--jobs", "1"]);
    let four = wrk.plan("four", &["--jobs", "4"]);
    let default = wrk.plan("default", &[]);
    one.assert_code(1);
    four.assert_code(1);
    default.assert_code(1);
    let findings = findings_csv(&wrk.read("one/findings.csv"));
    for rule in [
        "username-collision",
        "invalid-email",
        "membership-expired",
        "duplicate-organization",
        "org-without-admin",
        "exact-duplicate",
        "invalid-exam-code",
        "cross-org-employee",
    ] {
        assert!(!with_rule(&findings, rule).is_empty(), "no {rule} finding");
    }
    let files: Vec<String> =
        wrk.files_under("one").into_iter().map(|f| f.strip_prefix("one/").unwrap().to_string()).collect();
    for name in ["plan.json", "findings.csv", "index.html"] {
        assert!(files.iter().any(|f| f == name), "no {name}: {files:?}");
    }
    for other in ["four", "default"] {
        let theirs: Vec<String> = wrk
            .files_under(other)
            .into_iter()
            .map(|f| f.strip_prefix(&format!("{other}/")).unwrap().to_string())
            .collect();
        assert_eq!(files, theirs, "{other} wrote other files");
        for f in &files {
            assert!(wrk.read_in("one", f) == wrk.read_in(other, f), "{f}: --jobs 1 and {other} differ");
        }
    }
}

// ---- exit codes ----

#[test]
fn exit_0_when_clean_or_only_warnings() {
    Workdir::baseline().plan("out", &[]).assert_code(0);
    dates_workdir().plan("out", &[]).assert_code(0); // a membership-expired warning
}

#[test]
fn exit_1_on_validation_errors_and_the_reports_are_written() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,boss,,,,"]),
    );
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    for f in ["out/plan.json", "out/findings.csv", "out/index.html"] {
        assert!(wrk.exists(f), "{f} missing: {run:?}");
    }
    let plan = wrk.json("out/plan.json");
    assert!(plan["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn exit_1_on_warnings_under_strict() {
    let run = dates_workdir().plan("out", &["--strict"]);
    run.assert_code(1);
}

#[test]
fn exit_2_on_an_unreadable_input_naming_it() {
    let wrk = Workdir::new();
    wrk.create(M, memberships(&[CONTOSO, FABRIKAM]));
    let run = wrk.plan("out", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains(E), "{run:?}");
    assert!(!wrk.exists("out/plan.json"), "{:?}", wrk.listing());

    let wrk = Workdir::baseline();
    std::fs::remove_file(wrk.path(M)).unwrap();
    std::fs::create_dir(wrk.path(M)).unwrap();
    let run = wrk.plan("out", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains(M), "{run:?}");
}

#[test]
fn exit_2_on_usage_errors() {
    let wrk = Workdir::baseline();
    for extra in [&["--creation", "manual"][..], &["--jobs", "0"], &["--as-of", "2025-02-30"]] {
        let run = wrk.plan("out", extra);
        run.assert_code(2);
        assert!(!run.stderr.is_empty(), "{run:?}");
    }
    wrk.run(["plan", "--memberships", M, "--employees", E]).assert_code(2); // no --out
}

// ---- apply --dry-run == plan ----

#[test]
fn apply_dry_run_writes_exactly_what_plan_writes() {
    for (name, wrk, code) in [
        ("clean", Workdir::baseline(), 0),
        ("warnings", username_workdir(), 0),
        (
            "errors",
            Workdir::with_inputs(
                memberships(&[CONTOSO, FABRIKAM]),
                employees(&[ANNA, "1234567,Ben,Ng,not-an-email,employee,,,,", CARLA]),
            ),
            1,
        ),
    ] {
        let plan = wrk.plan("plan", &[]);
        let dry = wrk.apply("dry", &["--dry-run"]);
        plan.assert_code(code);
        dry.assert_code(code);
        let strip = |dir: &str| -> Vec<String> {
            wrk.files_under(dir).into_iter().map(|f| f.strip_prefix(&format!("{dir}/")).unwrap().to_string()).collect()
        };
        let files = strip("plan");
        assert_eq!(files, strip("dry"), "{name}: other files");
        for f in ["plan.json", "findings.csv", "index.html"] {
            assert!(files.iter().any(|x| x == f), "{name}: no {f}");
        }
        for f in &files {
            assert!(
                wrk.read_in("plan", f) == wrk.read_in("dry", f),
                "{name}: {f} differs between plan and apply --dry-run"
            );
        }
        assert!(!wrk.exists("dry/credentials"), "{name}: {:?}", wrk.listing());
        assert!(!wrk.exists("dry/ledger.csv"), "{name}: {:?}", wrk.listing());
        assert!(!wrk.exists("dry/outbox"), "{name}: {:?}", wrk.listing());
    }
}

#[test]
fn apply_dry_run_in_individual_mode_writes_no_outbox() {
    let wrk = Workdir::baseline();
    wrk.apply("dry", &["--dry-run", "--creation", "individual"]).assert_code(0);
    wrk.plan("plan", &["--creation", "individual"]).assert_code(0);
    assert_eq!(wrk.read_in("dry", "plan.json"), wrk.read_in("plan", "plan.json"));
    for f in wrk.listing() {
        assert!(
            !f.contains("outbox") && !f.contains("credentials") && !f.ends_with("ledger.csv"),
            "{f} written by a dry run"
        );
    }
}

#[test]
fn plan_output_is_the_same_on_every_run() {
    let wrk = username_workdir();
    wrk.plan("a", &[]).assert_code(0);
    wrk.plan("b", &[]).assert_code(0);
    let mut report = String::new();
    for f in ["plan.json", "findings.csv", "index.html"] {
        if wrk.read_in("a", f) != wrk.read_in("b", f) {
            writeln!(report, "{f} differs").unwrap();
        }
    }
    assert!(report.is_empty(), "{report}");
}

#[test]
fn usernames_are_unique_across_organisations_sharing_a_tenant() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Contoso Services,Silver,2024-10-01,2025-09-30,no,contoso.onmicrosoft.com,US"]),
        employees(&[
            ANNA,
            "2345678,Anna,Berg,anna@services.example,admin,,,,",
            "2345678,Ben,Ng,ben@contoso.com,employee,,,,",
        ]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(account(org(&plan, "1234567"), "anna@contoso.com")["username"], "anna@contoso.onmicrosoft.com");
    assert_eq!(account(org(&plan, "2345678"), "anna@services.example")["username"], "anna2@contoso.onmicrosoft.com");
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert_findings(&findings, &[(E, 3, 4, "username-collision", "warning")]);
}
