//! Inputs (design §3): headers, dates and delimiters. Line numbers, encodings
//! and dialects are in `validate_inputs`.

use crate::common::*;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

fn tabs(text: &str) -> String {
    text.replace(',', "\t")
}

// ---- headers ----

#[test]
fn header_aliases_first_set() {
    let wrk = Workdir::with_inputs(
        csv(
            "Partner ID,Company Name,Membership Type,Membership Start,Expiration Date,Auto Renew,Partner Center Domain,Country Code",
            &[CONTOSO, FABRIKAM],
        ),
        csv(
            "PartnerId,Given Name,Family Name,Work Email,User Role,Title,PU ID,Exam Codes,Certs",
            &[ANNA, "1234567,Ben,Ng,ben@contoso.com,employee,,,AZ900,", CARLA],
        ),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 8, "invalid-exam-code", "warning")]);
    run.assert_code(0);
}

#[test]
fn header_aliases_second_set() {
    let wrk = Workdir::with_inputs(
        csv(
            "MPN ID,Organization Name,Membership Level,Start,End,Renewed,Domain,Country",
            &[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,perhaps,fabrikam.onmicrosoft.com,DE"],
        ),
        csv(
            "MPN ID,First Name,Surname,Email Address,Role,Job Title,Partner University ID,Exams,Certifications",
            &[ANNA, BEN, CARLA],
        ),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 6, "invalid-value", "warning")]);
    run.assert_code(0);
}

#[test]
fn header_aliases_third_set() {
    let wrk = Workdir::with_inputs(
        csv(
            "PartnerId,Company,Level,start_date,Membership End,renewed,Tenant,country",
            &[CONTOSO, "2345678,Fabrikam Inc,Bronze,2024-10-01,2025-09-30,no,fabrikam.onmicrosoft.com,DE"],
        ),
        csv("Partner ID,First Name,Last Name,Email,Role,Title,PU ID,Exams,Certs", &[ANNA, BEN, CARLA]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 3, 3, "unknown-membership-level", "warning")]);
    run.assert_code(0);
}

#[test]
fn headers_ignore_case_spaces_underscores_hyphens_and_dots() {
    let wrk = Workdir::with_inputs(
        csv("MPN_ID, Organization ,MEMBERSHIP,Start-Date,end.date,RENEWED,Tenant_Domain,COUNTRY", &[CONTOSO, FABRIKAM]),
        csv(
            "Mpn Id,FIRST_NAME,last-name,E-Mail,ROLE,Job.Title,Partner_University_ID,EXAMS,certifications",
            &[ANNA, "1234567,Ben,Ng,ben(at)contoso.com,employee,,,,", CARLA],
        ),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 4, "invalid-email", "error")]);
    run.assert_code(1);
}

#[test]
fn columns_are_numbered_as_in_the_file() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        csv(
            "email,Notes,mpn_id,last_name,first_name,role",
            &[
                "anna@contoso.com,,1234567,Lee,Anna,admin",
                "ben(at)contoso.com,,1234567,Ng,Ben,owner",
                "carla@fabrikam.com,,2345678,Diaz,Carla,admin",
            ],
        ),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 1, "invalid-email", "error"), (E, 3, 6, "invalid-role", "error")]);
    run.assert_code(1);
}

#[test]
fn unknown_columns_are_ignored_and_listed_once() {
    let wrk = Workdir::with_inputs(
        csv(&format!("{MEMBERSHIPS_HEADER},Account Manager"), &[&format!("{CONTOSO},Zed"), &format!("{FABRIKAM},Yan")]),
        csv(
            &format!("Favourite Colour,{EMPLOYEES_HEADER}"),
            &[&format!("blue,{ANNA}"), &format!("red,{BEN}"), &format!("green,{CARLA}")],
        ),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[]);
    run.assert_code(0);

    let text = wrk.validate(&[]);
    text.assert_code(0);
    assert_eq!(text.stdout.matches("Favourite Colour").count(), 1, "{text:?}");
    assert_eq!(text.stdout.matches("Account Manager").count(), 1, "{text:?}");
}

#[test]
fn file_names_are_as_given_on_the_command_line() {
    let wrk = Workdir::new();
    wrk.create(
        "exports/pmc memberships.csv",
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-10-01,2025-09-30,no,fabrikam,DE"]),
    );
    wrk.create("exports/employees.csv", employees(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,owner,,,,"]));
    let run = wrk.run([
        "validate",
        "--memberships",
        "exports/pmc memberships.csv",
        "--employees",
        "./exports/employees.csv",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    assert_findings(
        &run.findings(),
        &[
            ("./exports/employees.csv", 4, 5, "invalid-role", "error"),
            ("exports/pmc memberships.csv", 3, 7, "invalid-domain", "error"),
        ],
    );
    run.assert_code(1);
}

// ---- dates ----

fn slash_dates(end_of_contoso: &str) -> Workdir {
    Workdir::with_inputs(
        memberships(&[
            &format!("1234567,Contoso Ltd,Gold,1/2/2025,{end_of_contoso},yes,contoso.onmicrosoft.com,US"),
            "2345678,Fabrikam Inc,Silver,2024/10/01,2025/9/30,no,fabrikam.onmicrosoft.com,DE",
        ]),
        employees(&[ANNA, BEN, CARLA]),
    )
}

#[test]
fn slash_dates_without_order_are_ambiguous_but_year_first_works() {
    let wrk = slash_dates("8/31/2025");
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(M, 2, 4, "ambiguous-date", "error"), (M, 2, 5, "ambiguous-date", "error")]);
    run.assert_code(1);
}

#[test]
fn slash_dates_mdy() {
    let wrk = slash_dates("8/31/2025");
    let (run, findings) = wrk.validate_json(&["--date-order", "mdy"]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

#[test]
fn slash_dates_dmy() {
    let wrk = slash_dates("31/8/2025");
    let (run, findings) = wrk.validate_json(&["--date-order", "dmy"]);
    assert_findings(&findings, &[]);
    run.assert_code(0);

    // 31/8/2025 is no date month first.
    let (run, findings) = wrk.validate_json(&["--date-order", "mdy"]);
    assert_findings(&findings, &[(M, 2, 5, "invalid-date", "error")]);
    run.assert_code(1);
}

#[test]
fn date_order_flag_decides_the_day() {
    // 5/6/2025 is 6 May (mdy: expired before the 1 June cutover) or 5 June (dmy).
    let wrk = slash_dates("5/6/2025");
    let (run, findings) = wrk.validate_json(&["--date-order", "mdy"]);
    assert_findings(&findings, &[(M, 2, 5, "membership-expired", "warning")]);
    run.assert_code(0);

    let (run, findings) = wrk.validate_json(&["--date-order", "dmy"]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

// ---- delimiters ----

#[test]
fn pipe_and_tab_are_sniffed() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]).replace(',', "|"),
        tabs(&employees(&[ANNA, "1234567,Ben,Ng,ben@contoso.com,owner,,,,", CARLA])),
    );
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 3, 5, "invalid-role", "error")]);
    run.assert_code(1);
}

#[test]
fn delimiter_flag_overrides_sniffing() {
    // The header of this pipe-delimited file has more commas than pipes.
    let e = "Notes (a, b, c, d, e, f, g)|mpn_id|first_name|last_name|email|role\n\
             x|1234567|Anna|Lee|anna@contoso.com|admin\n\
             y|1234567|Ben|Ng|ben@contoso.com|owner\n\
             z|2345678|Carla|Diaz|carla@fabrikam.com|admin\n";
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]).replace(',', "|"), e);

    let (run, findings) = wrk.validate_json(&[]);
    assert!(!with_rule(&findings, "missing-column").is_empty(), "{run:?}");
    run.assert_code(1);

    let (run, findings) = wrk.validate_json(&["--delimiter", "|"]);
    assert_findings(&findings, &[(E, 3, 6, "invalid-role", "error")]);
    run.assert_code(1);

    // Forcing a delimiter the files don't use: both files lack their columns.
    let (run, findings) = wrk.validate_json(&["--delimiter", ";"]);
    assert!(!findings.is_empty(), "{run:?}");
    assert!(findings.iter().all(|f| f.rule == "missing-column" && f.line == 1), "{findings:#?}");
    assert!(findings.iter().any(|f| f.file == M) && findings.iter().any(|f| f.file == E));
    run.assert_code(1);
}

#[test]
fn delimiter_flag_accepts_tab_by_name() {
    let wrk = Workdir::with_inputs(tabs(&memberships(&[CONTOSO, FABRIKAM])), tabs(&employees(&[ANNA, BEN, CARLA])));
    let (run, findings) = wrk.validate_json(&["--delimiter", "tab"]);
    assert_findings(&findings, &[]);
    run.assert_code(0);
}

#[test]
fn bad_delimiter_is_a_usage_error() {
    let wrk = Workdir::baseline();
    let run = wrk.validate(&["--delimiter", "x"]);
    run.assert_code(2);
    assert!(run.stdout.is_empty(), "{run:?}");
    assert!(run.stderr.contains("delimiter"), "{run:?}");
}

#[test]
fn bad_encoding_label_is_a_usage_error() {
    let wrk = Workdir::baseline();
    let run = wrk.validate(&["--encoding", "klingon-8"]);
    run.assert_code(2);
    assert!(run.stderr.contains("klingon-8"), "{run:?}");
}
