//! What `explain RULE` says a finding does to the exit code holds: for every
//! rule, a run whose only problem is that rule (on top of the clean baseline)
//! exits as the explanation's last paragraph says, with and without
//! `--strict`, and for the `status` rules as `status` does.

use crate::common::*;

const ANNA_U: &str = "anna@contoso.onmicrosoft.com";
const BEN_U: &str = "ben@contoso.onmicrosoft.com";
const CARLA_U: &str = "carla@fabrikam.onmicrosoft.com";
const STATUS_HEADER: &str = "username,signed_in,pu_connected,associated_at";

/// The exit-code effect `explain` states, from its last paragraph.
#[derive(Debug, PartialEq, Eq)]
enum Effect {
    /// Exits 1.
    Fails,
    /// Exits 0; 1 under --strict.
    FailsUnderStrict,
    /// Exits 0, under --strict too.
    Never,
    /// `status` exits 1.
    FailsStatus,
    /// `status` exits as without it.
    StatusUnchanged,
}

fn stated(rule: &str) -> Effect {
    let run = Workdir::new().run(["explain", rule]);
    run.assert_code(0);
    let last = run.stdout.trim_end().rsplit("\n\n").next().unwrap().split_whitespace().collect::<Vec<_>>().join(" ");
    let effects = [
        ("An error: ", "the run exits 1.", Effect::Fails),
        (
            "A warning: ",
            "under --strict (validate, plan, apply) it is an error and the run exits 1.",
            Effect::FailsUnderStrict,
        ),
        ("Info: ", "it never changes the exit code, not even under --strict.", Effect::Never),
        ("A warning that fails status: ", "status exits 1 while an issued account is missing", Effect::FailsStatus),
        ("A warning of status: ", "it does not change status's exit code.", Effect::StatusUnchanged),
    ];
    let found = effects.into_iter().find(|(start, says, _)| last.starts_with(start) && last.contains(says));
    found.unwrap_or_else(|| panic!("{rule}: no exit effect this test knows: {last:?}")).2
}

/// Inputs whose only problem is `rule`, and extra arguments for validate.
fn exports(rule: &str) -> (Vec<u8>, Vec<u8>, &'static [&'static str]) {
    let m = |rows: &[&str]| memberships(rows).into_bytes();
    let e = |rows: &[&str]| employees(rows).into_bytes();
    let base_m = m(&[CONTOSO, FABRIKAM]);
    let with = |row: &str| e(&[ANNA, BEN, CARLA, row]);
    let org = |from: &str, to: &str| m(&[&CONTOSO.replace(from, to), FABRIKAM]);
    match rule {
        "missing-column" => (base_m, csv("mpn_id,first_name,last_name,role", &["1234567,Anna,Lee,admin"]).into(), &[]),
        "invalid-encoding" => {
            let mut bytes = e(&[ANNA, BEN, CARLA]);
            bytes.extend(b"1234567,Ren\xE9e,Roy,ren@contoso.com,employee,,,,\n");
            (base_m, bytes, &[])
        }
        "malformed-row" => (base_m, with("1234567,Dan,Fox,dan@contoso.com,employee,,,,,extra"), &[]),
        "missing-value" => (base_m, with("1234567,Dan,Fox,,employee,,,,"), &[]),
        "invalid-mpn-id" => (base_m, with("12x4567,Dan,Fox,dan@contoso.com,employee,,,,"), &[]),
        "invalid-date" => (org("2025-08-31", "2025-02-30"), e(&[ANNA, BEN, CARLA]), &[]),
        "ambiguous-date" => (org("2025-08-31", "8/3/2025"), e(&[ANNA, BEN, CARLA]), &[]),
        "date-order" => (org("2024-09-01", "2025-09-30"), e(&[ANNA, BEN, CARLA]), &[]),
        "invalid-email" => (base_m, with("1234567,Dan,Fox,dan-at-contoso.com,employee,,,,"), &[]),
        "invalid-domain" => (org("contoso.onmicrosoft.com", "contoso"), e(&[ANNA, BEN, CARLA]), &[]),
        "invalid-role" => (base_m, with("1234567,Dan,Fox,dan@contoso.com,owner,,,,"), &[]),
        "unknown-organization" => (base_m, with("9999999,Dan,Fox,dan@contoso.com,admin,,,,"), &[]),
        "duplicate-organization" => {
            (m(&[CONTOSO, FABRIKAM, &CONTOSO.replace("Contoso Ltd", "Contoso GmbH")]), e(&[ANNA, BEN, CARLA]), &[])
        }
        "org-without-admin" => (base_m, e(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,employee,,,,"]), &[]),
        "empty-file" => (base_m, Vec::new(), &[]),
        "no-rows" => (base_m, e(&[]), &[]),
        "suspect-encoding" => (base_m, with("1234567,Jürgen,Weiß,jw@contoso.com,,,,,"), &["--encoding", "cp1252"]),
        "conflicting-duplicate" => (base_m, with("1234567,Ben,Ng,ben@contoso.com,employee,Lead,,AZ-104,"), &[]),
        "membership-expired" => (org("2025-08-31", "2025-05-31"), e(&[ANNA, BEN, CARLA]), &[]),
        "unknown-membership-level" => (org("Gold", "Platinum"), e(&[ANNA, BEN, CARLA]), &[]),
        "invalid-exam-code" => (base_m, with("1234567,Dan,Fox,dan@contoso.com,employee,,,AZ900,"), &[]),
        "username-collision" => (base_m, with("1234567,Ann,Lee,anna@contoso.org,employee,,,,"), &[]),
        "org-without-employees" => {
            let tailspin = "3456789,Tailspin,Gold,2024-09-01,2025-08-31,yes,tailspin.onmicrosoft.com,US";
            (m(&[CONTOSO, FABRIKAM, tailspin]), e(&[ANNA, BEN, CARLA]), &[])
        }
        "invalid-value" => (org(",yes,", ",maybe,"), e(&[ANNA, BEN, CARLA]), &[]),
        "control-character" => {
            (base_m, with(&row(&["1234567", "Dan", "Fox", "dan@contoso.com", "", "Dev\u{7}Lead", "", "", ""])), &[])
        }
        "too-long" => (base_m, with(&format!("1234567,{},Fox,dan@contoso.com,,,,,", "D".repeat(65))), &[]),
        "formula-like-value" => (base_m, with("1234567,Dan,Fox,dan@contoso.com,employee,=SUM(A1),,,"), &[]),
        "exact-duplicate" => (base_m, with(BEN), &[]),
        "cross-org-employee" => (base_m, with("2345678,Ben,Ng,ben@contoso.com,employee,,,,"), &[]),
        "non-ascii-email" => (base_m, with("1234567,José,Ruiz,josé@contoso.com,employee,,,,"), &[]),
        other => panic!("no exports for {other}"),
    }
}

/// `validate` (plus `--strict`) on the exports of `rule`: its exit codes, after
/// checking that `rule` is found.
fn validate_codes(rule: &str) -> (i32, i32) {
    let (m, e, extra) = exports(rule);
    let wrk = Workdir::with_inputs(m, e);
    let (run, findings) = wrk.validate_json(extra);
    assert!(findings.iter().any(|f| f.rule == rule), "{rule} not found: {run:?}");
    let strict: Vec<&str> = extra.iter().copied().chain(["--strict"]).collect();
    (run.code, wrk.validate(&strict).code)
}

/// `status` after an apply of the baseline, everyone signed in, with the
/// export changed as `rule` needs: its exit code, after checking `rule` is found.
fn status_code(rule: &str) -> i32 {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let signed = |u: &str| format!("{u},yes,,");
    let rows: Vec<String> = match rule {
        "unknown-account" => [ANNA_U, BEN_U, CARLA_U, "zed@contoso.onmicrosoft.com"].map(signed).to_vec(),
        "missing-status" => [ANNA_U, BEN_U].map(signed).to_vec(),
        other => panic!("no status export for {other}"),
    };
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wrk.create("status.csv", csv(STATUS_HEADER, &rows));
    let run = wrk.run(["status", "--out", "out", "--status", "status.csv", "--as-of", AS_OF]);
    assert!(run.stdout.contains(&format!("[{rule}]")), "{rule} not found: {run:?}");
    run.code
}

fn check(rule: &str) {
    match stated(rule) {
        Effect::Fails => assert_eq!(validate_codes(rule), (1, 1), "{rule}"),
        Effect::FailsUnderStrict => assert_eq!(validate_codes(rule), (0, 1), "{rule}"),
        Effect::Never => assert_eq!(validate_codes(rule), (0, 0), "{rule}"),
        Effect::FailsStatus => assert_eq!(status_code(rule), 1, "{rule}"),
        Effect::StatusUnchanged => assert_eq!(status_code(rule), 0, "{rule}"),
    }
}

macro_rules! each_rule {
    ($($test:ident = $rule:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($rule);
            }
        )*

        #[test]
        fn every_rule_has_its_test() {
            // The README's table, one `| `id` | ...` row per rule.
            let listed: Vec<String> = Workdir::new()
                .run(["rules", "--markdown"])
                .stdout
                .lines()
                .filter_map(|l| l.strip_prefix("| `")?.split('`').next().map(String::from))
                .collect();
            let mut tested = vec![$($rule.to_string()),*];
            let mut listed = listed;
            tested.sort();
            listed.sort();
            assert_eq!(tested, listed);
        }
    };
}

each_rule! {
    missing_column = "missing-column",
    invalid_encoding = "invalid-encoding",
    malformed_row = "malformed-row",
    missing_value = "missing-value",
    invalid_mpn_id = "invalid-mpn-id",
    invalid_date = "invalid-date",
    ambiguous_date = "ambiguous-date",
    date_order = "date-order",
    invalid_email = "invalid-email",
    invalid_domain = "invalid-domain",
    invalid_role = "invalid-role",
    unknown_organization = "unknown-organization",
    duplicate_organization = "duplicate-organization",
    org_without_admin = "org-without-admin",
    empty_file = "empty-file",
    no_rows = "no-rows",
    suspect_encoding = "suspect-encoding",
    conflicting_duplicate = "conflicting-duplicate",
    membership_expired = "membership-expired",
    unknown_membership_level = "unknown-membership-level",
    invalid_exam_code = "invalid-exam-code",
    username_collision = "username-collision",
    org_without_employees = "org-without-employees",
    invalid_value = "invalid-value",
    control_character = "control-character",
    too_long = "too-long",
    formula_like_value = "formula-like-value",
    exact_duplicate = "exact-duplicate",
    cross_org_employee = "cross-org-employee",
    non_ascii_email = "non-ascii-email",
    unknown_account = "unknown-account",
    missing_status = "missing-status",
}

#[test]
fn rules_and_explain_name_every_form_of_invalid_value() {
    let wrk = Workdir::new();
    let rules = wrk.run(["rules"]).stdout;
    let line = rules.lines().find(|l| l.starts_with("invalid-value ")).unwrap();
    assert!(line.contains("language") && line.contains("status export"), "{line}");
    let explain = wrk.run(["explain", "invalid-value"]).stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    for form in ["`language`", "`pu_connected`", "`associated_at`", "`signed_in`"] {
        assert!(explain.contains(form), "{form}: {explain}");
    }
}
