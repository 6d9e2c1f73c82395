//! One person typed twice: a difference in letter case of the email is none
//! (addresses are matched without it), and a real conflict names each
//! differing field in a sentence.

use crate::common::*;

const E: &str = "employees.csv";

#[test]
fn rows_differing_only_in_the_emails_letter_case_are_an_exact_duplicate() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            "1234567,Kevin,Lin,Kevin.Lin@contoso.com,employee,Developer,,AZ-900,",
            "1234567,Kevin,Lin,kevin.lin@contoso.com,employee,Developer,,AZ-900,",
            CARLA,
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(&findings, &[(E, 4, 4, "exact-duplicate", "info")]);
    let message = &findings[0].message;
    assert!(message.contains("repeats line 3 (\"Kevin.Lin@contoso.com\") exactly but for letter case"), "{message}");
    assert!(!message.contains("differ "), "{message}");
    // One person, one account, under the first spelling.
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.read_string("out/plan.json");
    assert!(plan.contains("Kevin.Lin@contoso.com") && !plan.contains("\"kevin.lin@contoso.com\""), "{plan}");
}

#[test]
fn a_conflict_names_each_differing_field_in_a_sentence() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            "1234567,Kevin,Lin,Kevin.Lin@contoso.com,employee,Developer,,AZ-900,",
            "1234567,Kevin,Lin,kevin.lin@contoso.com,employee,Lead,,AZ-104,",
            "1234567,Kevin,Lin,KEVIN.LIN@contoso.com,employee,Developer,,AZ-900;AZ-104,",
            CARLA,
        ]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(
        &findings,
        &[(E, 4, 4, "conflicting-duplicate", "warning"), (E, 5, 4, "conflicting-duplicate", "warning")],
    );
    assert!(
        findings[0].message.contains("is the same person as line 3 but differs in job_title and exams; merged"),
        "{}",
        findings[0].message
    );
    assert!(
        findings[1].message.contains("is the same person as line 3 but differs in exams; merged"),
        "{}",
        findings[1].message
    );
    for f in &findings {
        assert!(!f.message.contains("email"), "letter case is no difference: {}", f.message);
    }
}
