//! One test per error rule id (design §4): rule, severity, exact line and column,
//! exit code. Warnings and information are in `validate_rules_notices`.

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
