//! Names, titles and organisations on their way to Microsoft Entra and
//! spreadsheets (design §4): `control-character`, `too-long`,
//! `formula-like-value`, each on its cell's line and column, and the cleaned
//! values in plan.json, the credentials file and the Entra file.

use crate::common::*;
use serde_json::Value;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";
const W: &str = "warning";

/// An employees row of Contoso (1234567) with these names, email and title.
fn person(first: &str, last: &str, email: &str, title: &str) -> String {
    row(&["1234567", first, last, email, "employee", title, "", "", ""])
}

fn message(findings: &[Finding], line: u64, column: u32) -> &str {
    let f = findings.iter().find(|f| (f.line, f.column) == (line, column));
    &f.unwrap_or_else(|| panic!("no finding at {line}:{column}: {findings:#?}")).message
}

fn account<'a>(plan: &'a Value, email: &str) -> &'a Value {
    plan["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .flat_map(|o| o["accounts"].as_array().expect("accounts"))
        .find(|a| a["email"] == email)
        .unwrap_or_else(|| panic!("no account {email}"))
}

#[test]
fn control_characters_in_names_titles_and_organisations_become_one_space() {
    let contoso = CONTOSO.replace("Contoso Ltd", "\"Contoso\r\nLtd\"");
    let wrk = Workdir::with_inputs(
        memberships(&[&contoso, FABRIKAM]),
        employees(&[
            ANNA,
            // Line 3 spans lines 3–4: the quoted line break is part of the record.
            &person("Ben\nX", "Ng\tY", "ben@contoso.com", "Dev\0Ops"),
            &person("Cy\u{1b}[2J", "Fox", "cy@contoso.com", ""),
            CARLA,
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(
        &findings,
        &[
            (E, 3, 2, "control-character", W),
            (E, 3, 3, "control-character", W),
            (E, 3, 6, "control-character", W),
            (E, 5, 2, "control-character", W),
            (M, 2, 2, "control-character", W),
        ],
    );
    run.assert_code(0);
    assert!(message(&findings, 3, 2).contains(r#""Ben\nX""#), "{findings:#?}");
    assert!(message(&findings, 3, 2).contains(r#"giving "Ben X""#), "{findings:#?}");
    assert!(message(&findings, 3, 6).contains(r#"giving "Dev Ops""#), "{findings:#?}");
    assert!(message(&findings, 5, 2).contains(r#"giving "Cy [2J""#), "{findings:#?}");
    assert!(message(&findings, 2, 2).contains(r#"giving "Contoso Ltd""#), "{findings:#?}");

    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["organizations"][0]["organization"], "Contoso Ltd");
    assert_eq!(account(&plan, "ben@contoso.com")["display_name"], "Ben X Ng Y");
    assert_eq!(account(&plan, "cy@contoso.com")["display_name"], "Cy [2J Fox");
    // --strict: a changed value is an error.
    wrk.validate(&["--strict"]).assert_code(1);
}

#[test]
fn names_of_control_characters_only_are_missing() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, &person("\0", "\u{7}", "ben@contoso.com", ""), CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(
        &findings,
        &[(E, 3, 2, "control-character", W), (E, 3, 3, "control-character", W), (E, 3, 2, "missing-value", "error")],
    );
    run.assert_code(1);
}

#[test]
fn too_long_values_are_cut_to_entra_limits_counting_characters() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            &person(&"A".repeat(800), &"B".repeat(65), "ben@contoso.com", &"T".repeat(129)),
            // At the limits, in characters: 64 "é" are 128 bytes and fit.
            &person(&"a".repeat(64), &"é".repeat(64), "cy@contoso.com", &"t".repeat(128)),
            CARLA,
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 2, "too-long", W), (E, 3, 3, "too-long", W), (E, 3, 6, "too-long", W)]);
    run.assert_code(0);
    let first = message(&findings, 3, 2);
    assert!(first.contains(&format!("\"{}…\"", "A".repeat(80))), "quotes the start: {first}");
    assert!(first.contains("800 characters") && first.contains("cut after character 64"), "{first}");
    assert!(message(&findings, 3, 3).contains("cut after character 64"), "{findings:#?}");
    assert!(message(&findings, 3, 6).contains("128 Microsoft Entra accepts: cut after character 128"), "{findings:#?}");

    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(account(&plan, "ben@contoso.com")["display_name"], format!("{} {}", "A".repeat(64), "B".repeat(64)));
    assert_eq!(account(&plan, "cy@contoso.com")["display_name"], format!("{} {}", "a".repeat(64), "é".repeat(64)));
}

#[test]
fn formula_like_names_titles_and_emails() {
    let fabrikam = FABRIKAM.replace("Fabrikam Inc", "=Fabrikam");
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, &fabrikam]),
        employees(&[
            ANNA,
            &person("=1+2", "+49", "=evil@fabrikam.com", "@boss"),
            &person("", "-Cy", "cy@contoso.com", ""),
            &person("Dee", "Ray", "-dee@contoso.com", "Ops"),
            CARLA,
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    // The organisation goes into no spreadsheet file: nothing to say about it.
    assert_findings(
        &findings,
        &[
            (E, 3, 2, "formula-like-value", W),
            (E, 3, 3, "formula-like-value", W),
            (E, 3, 4, "formula-like-value", W),
            (E, 3, 6, "formula-like-value", W),
            (E, 4, 3, "formula-like-value", W),
            (E, 5, 4, "formula-like-value", W),
            (E, 5, 4, "formula-like-value", W),
        ],
    );
    run.assert_code(0);
    let says = |line, column, words: &[&str]| {
        let m = message(&findings, line, column);
        assert!(words.iter().all(|w| m.contains(w)), "{line}:{column} {m:?} lacks {words:?}");
    };
    says(3, 2, &[r#"first name "=1+2""#, "credentials file (display name) and the Entra file", "leading '"]);
    // After a first name the last name starts no display name: only the Entra file changes it.
    says(3, 3, &[r#"last name "+49""#, "the Entra file holds it with a leading '"]);
    says(3, 4, &[r#"email "=evil@fabrikam.com""#, "the credentials file holds it with a leading '"]);
    says(3, 6, &[r#"job title "@boss""#, "the Entra file holds it"]);
    says(4, 3, &[r#"last name "-Cy""#, "credentials file (display name)"]);
    let dee: Vec<&str> = findings.iter().filter(|f| f.line == 5).map(|f| f.message.as_str()).collect();
    assert!(dee[0].starts_with(r#"email "-dee@contoso.com""#), "{dee:?}");
    assert!(dee[1].starts_with(r#"username "-dee@contoso.onmicrosoft.com""#), "{dee:?}");
}

#[test]
fn a_formula_like_value_is_cut_one_short_to_leave_room_for_its_quote() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, &person(&format!("={}", "x".repeat(63)), "Ng", "ben@contoso.com", ""), CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 2, "formula-like-value", W), (E, 3, 2, "too-long", W)]);
    run.assert_code(0);
    let cut = &with_rule(&findings, "too-long")[0].message;
    assert!(cut.contains("64 characters") && cut.contains("cut after character 63"), "{cut}");
    wrk.plan("out", &[]).assert_code(0);
    let name = format!("={} Ng", "x".repeat(62));
    assert_eq!(account(&wrk.json("out/plan.json"), "ben@contoso.com")["display_name"], name);
}

/// The records of an Entra file after its two fixed lines, checking that every
/// line ends in CR LF and that no record spans more than one line.
fn entra_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains(['\r', '\n']), "{text:?}");
    let lines = text.split("\r\n").count() - 1;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let records: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("record").iter().map(String::from).collect()).skip(2).collect();
    assert_eq!(lines, records.len() + 2, "one line per record: {text:?}");
    records
}

#[test]
fn credentials_and_entra_files_hold_the_cleaned_single_line_values() {
    let long = "L".repeat(800);
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&[
            ANNA,
            &person("Ben\r\nX", "Ng", "ben@contoso.com", "Head\tof IT"),
            &person("=1+2", "Lee", "=evil@fabrikam.com", "@boss"),
            &person(&long, "Fox", "long@contoso.com", ""),
        ]),
    );
    wrk.apply("out", &["--entra-csv"]).assert_code(0);

    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let too_long = with_rule(&findings, "too-long");
    assert_eq!(too_long.iter().map(|f| f.key()).collect::<Vec<_>>(), [(E, 6, 2, "too-long", W)]);

    let creds = parse_credentials("credentials", &wrk.read("out/credentials/1234567.csv"));
    let by_email = |e: &str| creds.iter().find(|c| c.email == e).unwrap_or_else(|| panic!("{e}: {creds:#?}"));
    assert_eq!(by_email("ben@contoso.com").display_name, "Ben X Ng");
    assert_eq!(by_email("'=evil@fabrikam.com").display_name, "'=1+2 Lee");
    assert_eq!(by_email("long@contoso.com").display_name, format!("{} Fox", "L".repeat(64)));

    let entra = entra_records(&wrk.read("out/credentials/1234567.entra.csv"));
    let by_user = |u: &str| entra.iter().find(|r| r[1] == u).unwrap_or_else(|| panic!("{u}: {entra:#?}"));
    let ben = by_user("ben@contoso.onmicrosoft.com");
    assert_eq!([&ben[0], &ben[4], &ben[5], &ben[6]], ["Ben X Ng", "Ben X", "Ng", "Head of IT"]);
    let evil = by_user("evil@contoso.onmicrosoft.com");
    assert_eq!([&evil[0], &evil[4], &evil[5], &evil[6]], ["'=1+2 Lee", "'=1+2", "Lee", "'@boss"]);
    let long_row = by_user("long@contoso.onmicrosoft.com");
    assert_eq!(long_row[4], "L".repeat(64), "given name cut to Entra's 64 characters");
    assert_eq!(long_row[0], format!("{} Fox", "L".repeat(64)));

    // The plan holds the same cleaned values, without the spreadsheet quote.
    let plan = wrk.json("out/plan.json");
    assert_eq!(account(&plan, "=evil@fabrikam.com")["display_name"], "=1+2 Lee");
    assert_eq!(account(&plan, "ben@contoso.com")["display_name"], "Ben X Ng");
}
