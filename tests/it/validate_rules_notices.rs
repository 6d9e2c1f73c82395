//! One test per warning and information rule id (design §4): rule, severity,
//! exact line and column, exit code. The error rules are in `validate_rules`.

use crate::common::*;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

// ---- warnings ----

#[test]
fn conflicting_duplicate() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, " 1234567,Ben,Ng, BEN@Contoso.com ,admin,Lead,,AZ-900,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "conflicting-duplicate", "warning")]);
    assert!(findings[0].message.contains("BEN@Contoso.com"), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn conflicting_duplicate_after_nfc_and_case_folding() {
    // "JOSÉ" precomposed vs "jose" + combining acute: the same person.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            "1234567,José,Ruiz,JOS\u{c9}@contoso.com,employee,,,,",
            CARLA,
            "1234567,José,Ruiz,jose\u{301}@contoso.com,employee,Dev,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(
        &findings,
        &[
            (E, 3, 4, "non-ascii-email", "info"),
            (E, 5, 4, "conflicting-duplicate", "warning"),
            (E, 5, 4, "non-ascii-email", "info"),
        ],
    );
    run.assert_code(0);
}

#[test]
fn conflicting_duplicate_after_full_case_folding() {
    // Full case folding: "STRASSE" and "straße" are one address.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            "1234567,Ulf,Strasse,STRASSE@contoso.com,employee,,,,",
            CARLA,
            "1234567,Ulf,Straße,straße@contoso.com,employee,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "conflicting-duplicate", "warning"), (E, 5, 4, "non-ascii-email", "info")]);
    run.assert_code(0);
}

#[test]
fn merged_duplicate_is_admin_if_any_row_says_admin() {
    // Fabrikam's only admin is the second spelling of Carla: merged, she is
    // admin, so Fabrikam is not without an admin.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            BEN,
            "2345678,Carla,Diaz,carla@fabrikam.com,employee,,,,",
            "2345678,Carla,Diaz,Carla@Fabrikam.com,admin,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "conflicting-duplicate", "warning")]);
    run.assert_code(0);
}

#[test]
fn membership_expired() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-06-01,2025-05-31,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 5, "membership-expired", "warning")]);
    run.assert_code(0);
}

#[test]
fn membership_ending_on_the_cutover_date_is_not_expired() {
    // R3: the overlap window includes both the cutover date and the PMC end date.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-06-02,2025-06-01,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

#[test]
fn unknown_membership_level() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Platinum,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 3, "unknown-membership-level", "warning")]);
    assert!(findings[0].message.contains("\"Platinum\""), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn known_membership_levels_any_case() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            "1234567,Contoso Ltd,network member,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US",
            "2345678,Fabrikam Inc,ACTION PACK,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE",
        ]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

#[test]
fn invalid_exam_code() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, "1234567,Ben,Ng,ben@contoso.com,employee,,,AZ-104;AZ900,", CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 8, "invalid-exam-code", "warning")]);
    assert!(findings[0].message.contains("\"AZ900\""), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn org_without_employees() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN]));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 1, "org-without-employees", "warning")]);
    assert!(findings[0].message.contains("Fabrikam Inc"), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn invalid_value_for_renewed_and_country() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            CONTOSO,
            "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,maybe,fabrikam.onmicrosoft.com,Germany",
        ]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 6, "invalid-value", "warning"), (M, 3, 8, "invalid-value", "warning")]);
    assert!(findings[0].message.contains("\"maybe\""), "{findings:#?}");
    assert!(findings[1].message.contains("\"Germany\""), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn renewed_flag_spellings_are_accepted() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            "1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,Y,contoso.onmicrosoft.com,us",
            "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,0,fabrikam.onmicrosoft.com,",
            "3456789,Tailspin,Gold,2024-10-01,2025-09-30,TRUE,tailspin.onmicrosoft.com,FR",
            "4567890,Wingtip,Gold,2024-10-01,2025-09-30,,wingtip.onmicrosoft.com,GB",
        ]),
        employees(&[
            ANNA,
            BEN,
            CARLA,
            "3456789,Tom,Hu,tom@tailspin.com,admin,,,,",
            "4567890,Wu,Li,wu@wingtip.com,admin,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

// ---- info ----

#[test]
fn exact_duplicate_employee() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN, CARLA, BEN]));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "exact-duplicate", "info")]);
    assert!(findings[0].message.contains("ben@contoso.com"), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn exact_duplicate_membership() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM, CONTOSO]), employees(&[ANNA, BEN, CARLA]));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 4, 1, "exact-duplicate", "info")]);
    run.assert_code(0);
}

#[test]
fn cross_org_employee() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, "2345678,Ben,Ng,Ben@Contoso.com,employee,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "cross-org-employee", "info")]);
    assert!(findings[0].message.contains("1234567"), "{findings:#?}");
    run.assert_code(0);
}

// ---- across rules ----

#[test]
fn strict_turns_warnings_into_errors_but_not_info() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Platinum,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA, BEN]),
    );
    let (run, findings) = wrk.validate_json(&["--strict"]);
    assert_findings(&findings, &[(E, 5, 4, "exact-duplicate", "info"), (M, 3, 3, "unknown-membership-level", "error")]);
    run.assert_code(1);
}

#[test]
fn info_only_exits_0_even_with_strict() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN, CARLA, BEN]));
    let (run, findings) = wrk.validate_json(&["--strict"]);
    assert_findings(&findings, &[(E, 5, 4, "exact-duplicate", "info")]);
    run.assert_code(0);
}

#[test]
fn findings_are_sorted_by_file_line_rule() {
    let wrk = Workdir::with_inputs(
        memberships(&["1234567,Contoso Ltd,Platinum,2025-09-01,2025-08-31,maybe,contoso.onmicrosoft.com,US", FABRIKAM]),
        employees(&[
            ANNA,
            "2345678,Ben,Ng,ben(at)contoso.com,owner,,,,",
            CARLA,
            "2345678,Dan,Ray,dan@fabrikam.com,employee,,,XX;AZ-900;YY,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(
        &findings,
        &[
            (E, 3, 4, "invalid-email", "error"),
            (E, 3, 5, "invalid-role", "error"),
            (E, 5, 8, "invalid-exam-code", "warning"),
            (E, 5, 8, "invalid-exam-code", "warning"),
            (M, 2, 5, "date-order", "error"),
            (M, 2, 6, "invalid-value", "warning"),
            (M, 2, 3, "unknown-membership-level", "warning"),
        ],
    );
    run.assert_code(1);
}

#[test]
fn one_row_with_several_errors_reports_each() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "12,Fabrikam Inc,Silver,2024-13-01,30/9/2025,no,fabrikam,DE"]),
        employees(&[ANNA, BEN]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(
        &findings,
        &[
            (M, 3, 5, "ambiguous-date", "error"),
            (M, 3, 4, "invalid-date", "error"),
            (M, 3, 7, "invalid-domain", "error"),
            (M, 3, 1, "invalid-mpn-id", "error"),
        ],
    );
    run.assert_code(1);
}
