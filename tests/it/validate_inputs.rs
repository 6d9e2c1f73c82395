//! Inputs (design §3): line numbers, encodings and dialects. Headers, dates and
//! delimiters are in `validate_inputs_columns`.

use crate::common::*;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

fn tabs(text: &str) -> String {
    text.replace(',', "\t")
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    out.extend_from_slice(text.as_bytes());
    out
}

// ---- line numbers ----

#[test]
fn quoted_newline_shifts_later_line_numbers() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            "1234567,\"Contoso\nLtd\",Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US",
            "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,fabrikam,DE",
        ]),
        employees(&[
            ANNA,
            "1234567,Ben,Ng,ben@contoso.com,employee,\"Dev\nOps, \"\"Tools\"\"\n& more\",,,",
            CARLA,
            "2345678,Dan,Ray,dan(at)fabrikam.com,employee,,,,",
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    // memberships: Contoso spans lines 2–3, Fabrikam is on line 4.
    // employees: Ben spans lines 3–5, Carla is line 6, Dan line 7. The line
    // breaks inside the values become spaces, each with a warning on its first line.
    assert_findings(
        &findings,
        &[
            (E, 3, 6, "control-character", "warning"),
            (E, 7, 4, "invalid-email", "error"),
            (M, 2, 2, "control-character", "warning"),
            (M, 4, 7, "invalid-domain", "error"),
        ],
    );
    run.assert_code(1);
}

#[test]
fn finding_in_a_multiline_record_names_its_first_line() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, "1234567,Ben,Ng,ben@contoso.com,owner,\"two\nline title\",,,", CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 6, "control-character", "warning"), (E, 3, 5, "invalid-role", "error")]);
    run.assert_code(1);
}

#[test]
fn invalid_bytes_in_a_multiline_record_name_the_record_and_the_physical_line() {
    let mut bytes = employees(&[ANNA]).into_bytes();
    bytes.extend_from_slice(b"1234567,Ben,Ng,ben@contoso.com,employee,\"Dev\nOps \xE9\",,,\n");
    bytes.extend_from_slice(b"1234567,Dan,Ray,dan(at)contoso.com,employee,,,,\n");
    bytes.extend_from_slice(format!("{CARLA}\n").as_bytes());
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), bytes);
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 1, "invalid-encoding", "error"), (E, 5, 4, "invalid-email", "error")]);
    assert!(findings[0].message.contains("line 4"), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn blank_rows_are_skipped_but_still_counted_as_lines() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM, ",,,,,,,"]),
        employees(&[ANNA, "", CARLA, ",,,,,,,,", "1234567,Ben,Ng,ben@contoso.com,boss,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 6, 5, "invalid-role", "error")]);
    run.assert_code(1);
}

// ---- dialects and encodings ----

#[test]
fn utf8_bom_crlf_and_semicolons() {
    let m = crlf(&memberships(&[CONTOSO, FABRIKAM]).replace(',', ";"));
    let e = crlf(
        &employees(&[
            "1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,\"AZ-900;70-533\",MCSE",
            BEN,
            CARLA,
            "2345678,Dan,Ray,dan@fabrikam.com,employee,\"Sales; EMEA\",,\"AZ-900;bad\",",
        ])
        .replace(',', ";"),
    );
    let wrk = Workdir::with_inputs(with_bom(&m), with_bom(&e));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 8, "invalid-exam-code", "warning")]);
    assert!(findings[0].message.contains("\"bad\""), "{findings:#?}");
    run.assert_code(0);
}

#[test]
fn utf8_bom_crlf_semicolons_line_numbers() {
    let m = crlf(&memberships(&[CONTOSO, FABRIKAM]).replace(',', ";"));
    let e = crlf(
        &employees(&[
            "1234567,Anna,Lee,anna@contoso.com,admin,CTO,PU-1,\"AZ-900;70-533\",MCSE",
            "1234567,Ben,Ng,ben@contoso.com,employee,\"Dev\nOps\",,,",
            CARLA,
            "2345678,Dan,Ray,dan(at)fabrikam.com,employee,,,,",
        ])
        .replace(',', ";"),
    );
    let wrk = Workdir::with_inputs(with_bom(&m), with_bom(&e));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 6, "control-character", "warning"), (E, 6, 4, "invalid-email", "error")]);
    run.assert_code(1);
}

fn unicode_employees() -> String {
    employees(&[
        ANNA,
        BEN,
        CARLA,
        "2345678,Jürgen,Groß,jürgen.groß@fabrikam.de,employee,Ingenieur,,,",
        "2345678,Zoë,Åberg,zoë at fabrikam,employee,,,,",
    ])
}

#[test]
fn utf16_le_with_bom_tab_delimited_crlf() {
    let wrk = Workdir::with_inputs(
        utf16le_bom(&crlf(&tabs(&memberships(&[CONTOSO, FABRIKAM])))),
        utf16le_bom(&crlf(&tabs(&unicode_employees()))),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "non-ascii-email", "info"), (E, 6, 4, "invalid-email", "error")]);
    assert!(with_rule(&findings, "invalid-email")[0].message.contains("\"zoë at fabrikam\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn utf16_be_with_bom_tab_delimited() {
    let wrk = Workdir::with_inputs(
        utf16be_bom(&tabs(&memberships(&[CONTOSO, FABRIKAM]))),
        utf16be_bom(&tabs(&unicode_employees())),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 5, 4, "non-ascii-email", "info"), (E, 6, 4, "invalid-email", "error")]);
    assert!(with_rule(&findings, "invalid-email")[0].message.contains("\"zoë at fabrikam\""), "{findings:#?}");
    run.assert_code(1);
}

#[test]
fn utf16_without_bom_is_invalid_encoding() {
    let bytes: Vec<u8> = employees(&[ANNA, BEN, CARLA]).encode_utf16().flat_map(u16::to_le_bytes).collect();
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), bytes);
    let (run, findings) = wrk.validate_json(&[]);
    let bad = with_rule(&findings, "invalid-encoding");
    assert!(!bad.is_empty(), "{findings:#?}");
    assert_eq!(bad[0].key(), (E, 1, 1, "invalid-encoding", "error"));
    run.assert_code(1);
}

fn windows_1252_inputs() -> Workdir {
    let mut m = memberships(&[CONTOSO, FABRIKAM]).into_bytes();
    m.extend_from_slice(
        b"3456789,Soci\xE9t\xE9 G\xE9n\xE9rale,Gold,2024-09-01,2025-08-31,yes,societe.onmicrosoft.com,FR\n",
    );
    let mut e = employees(&[ANNA]).into_bytes();
    e.extend_from_slice(b"1234567,Ren\xE9e,M\xFCller,renee@contoso.com,employee,Caf\xE9 manager,,,\n");
    e.extend_from_slice(format!("{CARLA}\n").as_bytes());
    Workdir::with_inputs(m, e)
}

#[test]
fn windows_1252_without_flag_is_invalid_encoding() {
    let wrk = windows_1252_inputs();
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 1, "invalid-encoding", "error"), (M, 4, 1, "invalid-encoding", "error")]);
    for f in &findings {
        assert!(f.message.contains("--encoding"), "{findings:#?}");
    }
    run.assert_code(1);
}

#[test]
fn windows_1252_with_encoding_flag_decodes() {
    let wrk = windows_1252_inputs();
    let (run, findings) = wrk.validate_json(&["--encoding", "windows-1252"]);
    // Société Générale has nobody to migrate: its warning quotes the decoded name.
    assert_findings(&findings, &[(M, 4, 1, "org-without-employees", "warning")]);
    assert!(findings[0].message.contains("Société Générale"), "{findings:#?}");
    for f in &findings {
        assert!(!f.message.contains('\u{FFFD}'), "{findings:#?}");
        assert!(!f.message.contains("Ren"), "{findings:#?}");
    }
    run.assert_code(0);

    let text = wrk.validate(&["--encoding", "windows-1252"]);
    text.assert_code(0);
    assert!(!text.stdout.contains("error["), "{text:?}");
    assert!(!text.stdout.contains('\u{FFFD}'), "{text:?}");
}

#[test]
fn employees_of_an_undecodable_membership_row_are_not_unknown_organizations() {
    // Contoso's row is in the memberships file but can't be decoded: Contoso is
    // left out by that error; its employees are not "not in the memberships file".
    let mut m = memberships(&[]).into_bytes();
    m.extend_from_slice(b"1234567,Contoso Caf\xE9,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US\n");
    m.extend_from_slice(format!("{FABRIKAM}\n").as_bytes());
    let wrk = Workdir::with_inputs(m, employees(&[ANNA, BEN, CARLA]));
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 2, 1, "invalid-encoding", "error")]);
    run.assert_code(1);
}

#[test]
fn employees_of_a_malformed_membership_row_are_not_unknown_organizations() {
    let wrk = Workdir::with_inputs(
        memberships(&["1234567,Contoso, Ltd,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US", FABRIKAM]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 2, 1, "malformed-row", "error")]);
    run.assert_code(1);
}
