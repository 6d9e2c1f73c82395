//! Report formats (text, json, junit, github), determinism across `--jobs`,
//! `--strict`, and the exit code 2 cases (design §4, §6).

use crate::common::*;
use crate::tools::{PYTHON3, tool};
use std::io::Write;
use std::process::{Command, Stdio};

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

/// Errors, warnings and info in both files, and values that need escaping.
fn mixed() -> Workdir {
    Workdir::with_inputs(
        memberships(&[
            CONTOSO,
            FABRIKAM,
            "3456789,<Tailspin & \"Sons\">,Platinum,2024-10-01,2025-09-30,no,tailspin.onmicrosoft.com,FR",
        ]),
        employees(&[
            ANNA,
            "1234567,Ben,Ng,\"ben\n<&>@contoso.com\",employee,,,,",
            CARLA,
            "2345678,Dan,Ray,dan@fabrikam.com,employee,,,AZ900,",
            CARLA,
        ]),
    )
}

fn mixed_expected() -> Vec<(&'static str, u64, u32, &'static str, &'static str)> {
    vec![
        (E, 3, 4, "invalid-email", "error"),
        (E, 6, 8, "invalid-exam-code", "warning"),
        (E, 7, 4, "exact-duplicate", "info"),
        (M, 4, 1, "org-without-employees", "warning"),
        (M, 4, 3, "unknown-membership-level", "warning"),
    ]
}

#[test]
fn json_is_a_summary_and_the_findings() {
    let wrk = mixed();
    let (run, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &mixed_expected());
    run.assert_code(1);
    // The quoted value keeps its characters, with the newline escaped.
    assert!(findings[0].message.contains(r#""ben\n<&>@contoso.com""#), "{findings:#?}");
    let input = |path: &str, rows| JsonInput { path: path.into(), sha256: sha256_hex(&wrk.read(path)), rows };
    // Ready: all three organisations (the unknown level is a warning), Anna
    // in Contoso (Ben's email is an error), Carla (once) and Dan in Fabrikam.
    let expected = JsonSummary {
        as_of: AS_OF.into(),
        inputs: vec![input(M, 3), input(E, 5)],
        organizations: 3,
        accounts: 3,
        errors: 1,
        warnings: 3,
        infos: 1,
        blocked_organizations: 0,
    };
    assert_eq!(run.json_report().summary, expected, "{run:?}");
    assert!(run.stdout.starts_with("{\n  \"summary\": {"), "the summary comes first: {run:?}");
}

#[test]
fn json_of_a_clean_run_has_no_findings() {
    let wrk = Workdir::baseline();
    let (run, findings) = wrk.validate_json(&[]);
    assert!(findings.is_empty());
    assert!(run.stdout.trim_end().ends_with("\"findings\": []\n}"), "{run:?}");
    let summary = run.json_report().summary;
    assert_eq!((summary.organizations, summary.accounts, summary.blocked_organizations), (2, 3, 0), "{summary:?}");
    run.assert_code(0);
}

#[test]
fn json_summary_counts_organisations_left_out() {
    let bad_domain = "3456789,Tailspin,Gold,2024-10-01,2025-09-30,no,tailspin,FR";
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM, bad_domain]), employees(&[ANNA, BEN, CARLA]));
    let (run, findings) = wrk.validate_json(&["--strict"]);
    run.assert_code(1);
    let summary = run.json_report().summary;
    assert_eq!((summary.organizations, summary.blocked_organizations, summary.errors), (2, 1, findings.len()));
}

#[test]
fn text_lines_are_file_line_column_severity_rule_message() {
    let wrk = mixed();
    let (_, findings) = wrk.validate_json(&[]);
    let run = wrk.validate(&[]);
    run.assert_code(1);
    let expected: Vec<String> = findings
        .iter()
        .map(|f| format!("{}:{}:{}: {}[{}]: {}", f.file, f.line, f.column, f.severity, f.rule, f.message))
        .collect();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines.len() > expected.len(), "a summary follows the findings: {run:?}");
    assert_eq!(lines[..expected.len()], expected[..], "{run:?}");
    assert!(lines[0].starts_with("employees.csv:3:4: error[invalid-email]: "), "{run:?}");
    assert!(lines[0].contains(r#""ben\n<&>@contoso.com""#), "{run:?}");
    // Nothing after the findings looks like a finding.
    for line in &lines[expected.len()..] {
        assert!(!line.contains("error[") && !line.contains("warning[") && !line.contains("info["), "{run:?}");
    }
}

#[test]
fn text_of_a_clean_run_has_no_finding_lines() {
    let wrk = Workdir::baseline();
    let run = wrk.validate(&[]);
    run.assert_code(0);
    assert!(!run.stdout.is_empty(), "a summary is printed: {run:?}");
    assert!(!run.stdout.contains("error["), "{run:?}");
    assert!(!run.stdout.contains("warning["), "{run:?}");
}

/// Parse JUnit XML with python3's minidom; return `failures` attribute of
/// <testsuites> and each <failure>'s type, or panic with python's error.
fn parse_junit(xml: &str) -> (String, Vec<String>) {
    let script = r#"
import sys, xml.dom.minidom
doc = xml.dom.minidom.parseString(sys.stdin.buffer.read())
root = doc.documentElement
assert root.tagName == "testsuites", root.tagName
print(root.getAttribute("failures"))
for f in doc.getElementsByTagName("failure"):
    print(f.getAttribute("type"))
"#;
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    child.stdin.take().expect("stdin").write_all(xml.as_bytes()).expect("write to python3");
    let out = child.wait_with_output().expect("wait for python3");
    assert!(
        out.status.success(),
        "junit output is not well-formed XML: {}\n{xml}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = text.lines().map(str::to_string);
    let failures = lines.next().expect("failures attribute");
    (failures, lines.collect())
}

#[test]
fn junit_parses_as_xml_with_a_failure_per_error() {
    let wrk = mixed();
    let run = wrk.validate(&["--format", "junit"]);
    run.assert_code(1);
    if !tool(&PYTHON3) {
        return;
    }
    let (failures, types) = parse_junit(&run.stdout);
    assert_eq!(failures, "1", "{run:?}");
    assert_eq!(types, vec!["invalid-email"], "{run:?}");
}

#[test]
fn junit_with_strict_fails_on_warnings_too() {
    let wrk = mixed();
    let run = wrk.validate(&["--format", "junit", "--strict"]);
    run.assert_code(1);
    if !tool(&PYTHON3) {
        return;
    }
    let (failures, mut types) = parse_junit(&run.stdout);
    types.sort();
    assert_eq!(failures, "4", "{run:?}");
    assert_eq!(
        types,
        vec!["invalid-email", "invalid-exam-code", "org-without-employees", "unknown-membership-level"],
        "{run:?}"
    );
}

#[test]
fn junit_of_a_clean_run_has_no_failure() {
    let wrk = Workdir::baseline();
    let run = wrk.validate(&["--format", "junit"]);
    run.assert_code(0);
    if !tool(&PYTHON3) {
        return;
    }
    let (failures, types) = parse_junit(&run.stdout);
    assert_eq!(failures, "0");
    assert!(types.is_empty());
}

#[test]
fn github_lines_are_workflow_commands() {
    let wrk = mixed();
    let (_, findings) = wrk.validate_json(&[]);
    let run = wrk.validate(&["--format", "github"]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // Errors first, then warnings, then info, each in file and line order (GitHub
    // shows 10 of each kind); one line per finding, even when a value holds a newline.
    let rank = |s: &str| ["error", "warning", "info"].iter().position(|k| *k == s).unwrap();
    let mut ordered: Vec<_> = findings.iter().collect();
    ordered.sort_by_key(|f| rank(f.severity.as_str()));
    assert!(findings.len() <= 10, "this input stays under the cap");
    assert_eq!(lines.len(), ordered.len(), "{run:?}");
    for (line, f) in lines.iter().zip(&ordered) {
        let command = match f.severity.as_str() {
            "error" => "::error ",
            "warning" => "::warning ",
            _ => "::notice ",
        };
        assert!(line.starts_with(&format!("{command}file={},", f.file)), "{line} for {f:?}");
        let props = &line[..line[2..].find("::").expect("message separator") + 2];
        assert!(props.split([' ', ',']).any(|p| p == format!("line={}", f.line)), "{line} for {f:?}");
        assert!(line.contains(&f.rule), "{line} for {f:?}");
    }
    assert!(lines[0].starts_with("::error file=employees.csv,"), "{run:?}");
}

#[test]
fn github_escapes_property_separators_in_file_names() {
    let wrk = Workdir::new();
    wrk.create("pmc, export.csv", memberships(&[CONTOSO, FABRIKAM]));
    wrk.create("employees.csv", employees(&[ANNA, "1234567,Ben,Ng,ben@contoso.com,owner,,,,"]));
    let run = wrk.run([
        "validate",
        "--memberships",
        "pmc, export.csv",
        "--employees",
        "employees.csv",
        "--as-of",
        AS_OF,
        "--format",
        "github",
    ]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(lines[0].starts_with("::error file=employees.csv,"), "{run:?}");
    assert!(lines[0].contains("line=3"), "{run:?}");
    assert!(lines[1].starts_with("::warning file=pmc%2C export.csv,"), "{run:?}");
    assert!(lines[1].contains("line=3"), "{run:?}");
}

/// Hundreds of findings of every kind, across many organisations.
fn many_findings() -> Workdir {
    let mut m_rows = Vec::new();
    for i in 0..40u32 {
        let id = 1_000_000 + i;
        let row = match i % 6 {
            1 => format!("{id},Org {i},Gold,2024-01-01,2025-01-31,yes,org{i}.onmicrosoft.com,US"),
            2 => format!("{id},Org {i},Platinum,2024-10-01,2025-09-30,no,org{i}.onmicrosoft.com,DE"),
            3 => format!("{id},Org {i},Silver,2024-10-01,2025-09-30,no,org{i},FR"),
            4 => format!("{id},Org {i},Silver,2024-10-01,2025-09-30,maybe,org{i}.onmicrosoft.com,France"),
            _ => format!("{id},Org {i},Gold,2024-10-01,2025-09-30,y,org{i}.onmicrosoft.com,GB"),
        };
        m_rows.push(row);
    }
    m_rows.push(m_rows[0].clone());
    m_rows.push(format!("{},Org 5 again,Gold,2024-10-01,2025-09-30,y,org5.onmicrosoft.com,GB", 1_000_005));
    let mut e_rows = Vec::new();
    for i in 0..40u32 {
        let id = 1_000_000 + i;
        for j in 0..25u32 {
            let role = if j == 0 && i % 7 != 3 { "admin" } else { "employee" };
            let base = format!("{id},First{j},Last{i},p{j}@org{i}.com,{role},Title,,AZ-900,");
            match (i * 25 + j) % 13 {
                1 => e_rows.push(format!("{id},First{j},Last{i},p{j}(at)org{i}.com,{role},,,,")),
                2 => e_rows.push(format!("{id},First{j},Last{i},p{j}@org{i}.com,owner,,,,")),
                3 => e_rows.push(format!("{id},First{j},Last{i},p{j}@org{i}.com,{role},,,AZ900;70-53,")),
                4 => e_rows.push(format!("{id},,,p{j}@org{i}.com,{role},,,,")),
                5 => e_rows.push(format!("{},First{j},Last{i},p{j}@org{i}.com,{role},,,,", 9_000_000 + i)),
                6 => e_rows.push(format!("{id},First{j},Last{i},shared{j}@example.com,{role},,,,")),
                7 => {
                    e_rows.push(base.clone());
                    e_rows.push(base);
                }
                8 => {
                    e_rows.push(base);
                    e_rows.push(format!("{id},First{j},Last{i},P{j}@Org{i}.com,{role},Other,,AZ-104,"));
                }
                9 => e_rows.push(format!("{id},First{j},Last{i},p{j}@org{i}.com")),
                10 => e_rows.push(format!("{id},First{j},Last{i},p{j}@org{i}.com,{role},\"two\nlines\",,,")),
                _ => e_rows.push(base),
            }
        }
    }
    let m: Vec<&str> = m_rows.iter().map(String::as_str).collect();
    let e: Vec<&str> = e_rows.iter().map(String::as_str).collect();
    Workdir::with_inputs(memberships(&m), employees(&e))
}

#[test]
fn jobs_1_and_jobs_4_print_identical_bytes() {
    let wrk = many_findings();
    let (_, findings) = wrk.validate_json(&[]);
    assert!(findings.len() > 200, "{} findings", findings.len());
    for rule in [
        "invalid-email",
        "invalid-role",
        "invalid-exam-code",
        "missing-value",
        "unknown-organization",
        "cross-org-employee",
        "exact-duplicate",
        "conflicting-duplicate",
        "malformed-row",
        "membership-expired",
        "unknown-membership-level",
        "invalid-domain",
        "invalid-value",
        "duplicate-organization",
        "org-without-admin",
    ] {
        assert!(!with_rule(&findings, rule).is_empty(), "no {rule} finding");
    }
    for format in ["text", "json", "junit", "github"] {
        let one = wrk.validate(&["--format", format, "--jobs", "1"]);
        let four = wrk.validate(&["--format", format, "--jobs", "4"]);
        let default = wrk.validate(&["--format", format]);
        one.assert_code(1);
        four.assert_code(1);
        assert!(one.stdout_bytes == four.stdout_bytes, "--format {format}: --jobs 1 and 4 differ");
        assert!(one.stdout_bytes == default.stdout_bytes, "--format {format}: --jobs 1 and the default differ");
    }
}

#[test]
fn findings_are_sorted_by_file_line_rule() {
    let wrk = many_findings();
    let (_, findings) = wrk.validate_json(&["--jobs", "4"]);
    for pair in findings.windows(2) {
        let a = (&pair[0].file, pair[0].line, &pair[0].rule);
        let b = (&pair[1].file, pair[1].line, &pair[1].rule);
        assert!(a <= b, "out of order: {:?} then {:?}", pair[0], pair[1]);
    }
}

#[test]
fn strict_turns_a_warning_only_input_into_exit_1() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Fabrikam Inc,Silver,2024-06-01,2025-05-31,no,fabrikam.onmicrosoft.com,DE"]),
        employees(&[ANNA, BEN, CARLA]),
    );
    let run = wrk.validate(&[]);
    run.assert_code(0);
    assert!(run.stdout.contains("memberships.csv:3:5: warning[membership-expired]: "), "{run:?}");

    let run = wrk.validate(&["--strict"]);
    run.assert_code(1);
    assert!(run.stdout.contains("memberships.csv:3:5: error[membership-expired]: "), "{run:?}");
}

#[test]
fn missing_input_file_is_exit_2_naming_the_path() {
    let wrk = Workdir::new();
    wrk.create(M, memberships(&[CONTOSO, FABRIKAM]));
    let run = wrk.run(["validate", "--memberships", M, "--employees", "no such employees.csv", "--as-of", AS_OF]);
    run.assert_code(2);
    assert!(run.stderr.contains("no such employees.csv"), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
}

#[test]
fn directory_as_input_is_exit_2_naming_the_path() {
    let wrk = Workdir::new();
    wrk.create(E, employees(&[ANNA, BEN, CARLA]));
    std::fs::create_dir(wrk.path("exports")).expect("mkdir");
    let run = wrk.run(["validate", "--memberships", "exports", "--employees", E, "--as-of", AS_OF]);
    run.assert_code(2);
    assert!(run.stderr.contains("exports"), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_exit_2_naming_the_path() {
    use std::os::unix::fs::PermissionsExt;
    let wrk = Workdir::baseline();
    let path = wrk.path(E);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        return; // running as root: permissions are not enforced
    }
    let run = wrk.validate(&["--format", "json"]);
    run.assert_code(2);
    assert!(run.stderr.contains(E), "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
}

#[test]
fn bad_as_of_is_exit_2() {
    let wrk = Workdir::baseline();
    for bad in ["2025-02-30", "01/06/2025", "tomorrow", ""] {
        let run = wrk.run(["validate", "--memberships", M, "--employees", E, "--as-of", bad]);
        run.assert_code(2);
        assert!(run.stdout.is_empty(), "{run:?}");
        assert!(run.stderr.contains("--as-of"), "{run:?}");
    }
}

#[test]
fn usage_errors_are_exit_2() {
    let wrk = Workdir::baseline();
    let runs = [
        wrk.validate(&["--format", "xml"]),
        wrk.validate(&["--jobs", "0"]),
        wrk.validate(&["--date-order", "ymd"]),
        wrk.run(["validate", "--memberships", M]),
        wrk.run(["frobnicate"]),
    ];
    for run in runs {
        run.assert_code(2);
        assert!(!run.stderr.is_empty(), "{run:?}");
    }
}

#[test]
fn validate_writes_nothing_to_disk() {
    let wrk = many_findings();
    let before = wrk.listing();
    for format in ["text", "json", "junit", "github"] {
        wrk.validate(&["--format", format]).assert_code(1);
    }
    assert_eq!(wrk.listing(), before);
}

#[test]
fn quiet_keeps_stderr_empty() {
    let wrk = mixed();
    let run = wrk.validate(&[]);
    run.assert_code(1);
    assert_eq!(run.stderr, "", "{run:?}");
}
