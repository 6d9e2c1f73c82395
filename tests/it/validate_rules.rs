//! One test per rule id (SPEC §4): rule, severity, exact line and column, exit code.

use crate::common::*;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

#[test]
fn baseline_is_clean() {
    let wrk = Workdir::baseline();
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

// ---- errors ----

#[test]
fn missing_column_in_memberships() {
    let header = "mpn_id,organization,membership,start_date,end_date,renewed,country";
    let wrk = Workdir::with_inputs(
        csv(
            header,
            &[
                "1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,yes,US",
                "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,DE",
            ],
        ),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 1, 1, "missing-column", "error")]);
    assert!(findings[0].message.contains("tenant_domain"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn missing_column_first_or_last_name_in_employees() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        csv("mpn_id,email,role", &["1234567,anna@contoso.com,admin", "2345678,carla@fabrikam.com,admin"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    let missing = with_rule(&findings, "missing-column");
    assert_eq!(missing.len(), 1, "{findings:#?}");
    assert_eq!(missing[0].key(), (E, 1, 1, "missing-column", "error"));
    assert!(missing[0].message.contains("first_name"), "{findings:#?}");
    assert!(missing[0].message.contains("last_name"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn unusable_employees_file_does_not_claim_organisations_have_no_employees() {
    // The whole employees file is unusable (missing-column): the organisations'
    // employees are unknown, not absent, just as an unusable memberships file
    // raises no unknown-organization for every employee.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        csv("mpn_id,first_name,last_name,role", &["1234567,Anna,Lee,admin", "2345678,Carla,Diaz,admin"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 1, 1, "missing-column", "error")]);
    run.assert_code(1);
}

#[test]
fn invalid_encoding_names_the_row() {
    let mut bytes = employees(&[ANNA]).into_bytes();
    bytes.extend_from_slice(b"1234567,Ren\xE9e,Ng,renee@contoso.com,employee,,,,\n");
    bytes.extend_from_slice(format!("{CARLA}\n").as_bytes());
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), bytes);
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 1, "invalid-encoding", "error")]);
    assert!(findings[0].message.contains("--encoding"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn invalid_encoding_in_header_is_line_1() {
    let mut bytes = b"mpn_id,first_name,last_name,email,role,n\xF6te\n".to_vec();
    bytes
        .extend_from_slice(b"1234567,Anna,Lee,anna@contoso.com,admin,\n2345678,Carla,Diaz,carla@fabrikam.com,admin,\n");
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), bytes);
    let (run, findings) = wrk.validate_json(&[]);
    let f = &with_rule(&findings, "invalid-encoding");
    assert_eq!(f.len(), 1, "{findings:#?}");
    assert_eq!(f[0].key(), (E, 1, 1, "invalid-encoding", "error"));
    run.assert_code(1);
}

#[test]
fn malformed_row_too_few_and_too_many_fields() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            "1234567,Ben,Ng,ben@contoso.com",
            CARLA,
            "2345678,Dan,Ray,dan@fabrikam.com,employee,,,,,extra",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 1, "malformed-row", "error"), (E, 5, 1, "malformed-row", "error")]);
    assert!(findings[0].message.contains('4') && findings[0].message.contains('9'));
    run.assert_code(1);
}

#[test]
fn missing_value_in_memberships() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,,Silver,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 2, "missing-value", "error")]);
    assert!(findings[0].message.contains("organization"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn missing_value_email_and_both_names() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            "1234567,Ben,Ng,,employee,,,,",
            CARLA,
            "2345678,,,dan@fabrikam.com,employee,,,,",
            "2345678,,Ray,ray@fabrikam.com,employee,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 4, "missing-value", "error"), (E, 5, 2, "missing-value", "error")]);
    run.assert_code(1);
}

#[test]
fn invalid_mpn_id_in_memberships() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "123,Tiny Co,Gold,2024-09-01,2025-08-31,yes,tiny.onmicrosoft.com,US", FABRIKAM]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 1, "invalid-mpn-id", "error")]);
    assert!(findings[0].message.contains("\"123\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn invalid_mpn_id_in_employees() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, "12a4567,Dan,Ray,dan@fabrikam.com,admin,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 1, "invalid-mpn-id", "error")]);
    assert!(findings[0].message.contains("\"12a4567\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn invalid_date() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2023-02-29,2025-09-30,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 4, "invalid-date", "error")]);
    assert!(findings[0].message.contains("\"2023-02-29\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn invalid_date_not_a_date() {
    let wrk = Workdir::with_inputs(
        memberships(&["1234567,Contoso Ltd,Gold,2024-09-01,next summer,yes,contoso.onmicrosoft.com,US", FABRIKAM]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 2, 5, "invalid-date", "error")]);
    run.assert_code(1);
}

#[test]
fn ambiguous_date_names_the_flag() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-10-01,9/30/2025,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 5, "ambiguous-date", "error")]);
    assert!(findings[0].message.contains("--date-order"), "{findings:#?}");
    assert!(findings[0].message.contains("\"9/30/2025\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn date_order_end_before_start() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2025-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 5, "date-order", "error")]);
    run.assert_code(1);
}

#[test]
fn invalid_email() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, "1234567,Ben,Ng,ben(at)contoso.com,employee,,,,", CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 4, "invalid-email", "error")]);
    assert!(findings[0].message.contains("\"ben(at)contoso.com\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn invalid_domain() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,fabrikam,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 7, "invalid-domain", "error")]);
    assert!(findings[0].message.contains("\"fabrikam\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn invalid_domain_longer_than_48_characters() {
    // ".onmicrosoft.com" is 16 characters: 32 + 16 = 48 is fine, 33 + 16 = 49 is not.
    let ok = format!("1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,yes,{}.onmicrosoft.com,US", "c".repeat(32));
    let too_long =
        format!("2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,{}.onmicrosoft.com,DE", "f".repeat(33));
    let wrk = Workdir::with_inputs(memberships(&[&ok, &too_long]), employees(&[ANNA, BEN, CARLA]));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 7, "invalid-domain", "error")]);
    run.assert_code(1);
}

#[test]
fn invalid_role() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, "1234567,Ben,Ng,ben@contoso.com,owner,,,,", CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 5, "invalid-role", "error")]);
    assert!(findings[0].message.contains("\"owner\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn role_aliases_are_admin() {
    // "Global Admin" makes Fabrikam's only person its admin: no org-without-admin.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,Global Admin,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

#[test]
fn unknown_organization() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, "7654321,Dan,Ray,dan@example.com,admin,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 1, "unknown-organization", "error")]);
    assert!(findings[0].message.contains("7654321"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn duplicate_organization() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            CONTOSO,
            FABRIKAM,
            "1234567,Contoso Limited,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US",
        ]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 4, 1, "duplicate-organization", "error")]);
    assert!(findings[0].message.contains("1234567"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn org_without_admin() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 1, "org-without-admin", "error")]);
    assert!(findings[0].message.contains("2345678"), "{findings:#?}");
    run.assert_code(1);
}

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
