//! A corpus of malformed inputs, each run through the real binary three ways
//! (`validate`, `plan --out`, `apply --out`). Whatever the input: a clear
//! finding naming the file and line (or an error naming the file), exit 1 or
//! 2, never a panic (exit 101), and never a credential file.

use crate::common::*;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

/// The three runs of one malformed pair of inputs.
struct Outcome {
    findings: Vec<Finding>,
    validate: Run,
    plan: Run,
    apply: Run,
}

fn assert_no_panic(run: &Run) {
    assert_ne!(run.code, 101, "panicked: {run:?}");
    assert!(!run.stderr.contains("panicked"), "panicked: {run:?}");
    assert!(!run.stderr.contains("RUST_BACKTRACE"), "panicked: {run:?}");
}

/// Run validate (JSON), plan into `plan`, apply into `apply`: no panic in any;
/// no credentials from the plan, nor from an apply that did not succeed.
fn run_all(wrk: &Workdir) -> Outcome {
    let validate = wrk.validate(&["--format", "json"]);
    let plan = wrk.plan("plan", &[]);
    let apply = wrk.apply("apply", &["--creation", "individual"]);
    for run in [&validate, &plan, &apply] {
        assert_no_panic(run);
    }
    let findings = if validate.code == 2 { Vec::new() } else { validate.findings() };
    let dirs: &[&str] = if apply.code == 0 { &["plan"] } else { &["plan", "apply"] };
    for dir in dirs {
        assert!(wrk.files_under(&format!("{dir}/credentials")).is_empty(), "credentials in {dir}: {:?}", wrk.listing());
        assert!(wrk.files_under(&format!("{dir}/outbox")).is_empty(), "outbox in {dir}: {:?}", wrk.listing());
    }
    Outcome { findings, validate, plan, apply }
}

/// Exit 1 from all three runs and at least one error finding of `rule` in
/// `file` at `line` (which also reaches the plan's findings.csv).
fn assert_rejected(wrk: &Workdir, out: &Outcome, file: &str, line: u64, rule: &str) {
    for run in [&out.validate, &out.plan, &out.apply] {
        run.assert_code(1);
    }
    let hit = out.findings.iter().find(|f| f.file == file && f.line == line && f.rule == rule);
    let hit = hit.unwrap_or_else(|| panic!("no {rule} at {file}:{line}: {:#?}", out.findings));
    assert_eq!(hit.severity, "error", "{hit:?}");
    assert!(hit.message.len() < 1024, "the message stays short: {} bytes", hit.message.len());
    let csv = findings_csv(&wrk.read("plan/findings.csv"));
    assert_eq!(csv, out.findings, "findings.csv holds the same findings as validate");
    assert!(!wrk.exists("apply/ledger.csv"), "a refused apply writes no ledger: {:?}", wrk.listing());
}

fn baseline_memberships() -> String {
    memberships(&[CONTOSO, FABRIKAM])
}

fn baseline_employees() -> String {
    employees(&[ANNA, BEN, CARLA])
}

// ---- empty and near-empty files ----

/// The findings of `file`, as (line, rule).
fn of_file(out: &Outcome, file: &str) -> Vec<(u64, String)> {
    out.findings.iter().filter(|f| f.file == file).map(|f| (f.line, f.rule.clone())).collect()
}

#[test]
fn empty_employees_file_is_one_empty_file_error_on_line_1() {
    let wrk = Workdir::with_inputs(baseline_memberships(), "");
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 1, "empty-file");
    // One finding, not one missing-column per column.
    assert_eq!(of_file(&out, E), [(1, "empty-file".to_string())]);
    // Nobody knows who works where: no org-without-employees warnings either.
    assert!(with_rule(&out.findings, "org-without-employees").is_empty(), "{:#?}", out.findings);
}

#[test]
fn empty_memberships_file_is_one_empty_file_error_on_line_1() {
    let wrk = Workdir::with_inputs("", baseline_employees());
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, M, 1, "empty-file");
    assert_eq!(of_file(&out, M), [(1, "empty-file".to_string())]);
    assert!(with_rule(&out.findings, "unknown-organization").is_empty(), "{:#?}", out.findings);
}

#[test]
fn only_a_bom_or_blank_lines_is_an_empty_file() {
    for bytes in [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF", b"\r\n\r\n", b"  \n"] {
        let wrk = Workdir::with_inputs(baseline_memberships(), bytes);
        let out = run_all(&wrk);
        assert_rejected(&wrk, &out, E, 1, "empty-file");
        assert_eq!(of_file(&out, E), [(1, "empty-file".to_string())], "{bytes:?}");
    }
}

#[test]
fn memberships_header_only_is_no_rows_and_no_employee_is_an_unknown_organization() {
    let wrk = Workdir::with_inputs(memberships(&[]), baseline_employees());
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, M, 1, "no-rows");
    assert_findings(&out.findings, &[(M, 1, 1, "no-rows", "error")]);
    assert!(out.validate.stdout.contains("no rows"), "{:?}", out.validate);
}

#[test]
fn employees_header_only_is_no_rows_a_truncated_export_must_not_pass() {
    // Trailing blank lines are no rows either.
    let wrk = Workdir::with_inputs(baseline_memberships(), employees(&[]) + ",,,,,,,,\n\n");
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 1, "no-rows");
    assert_findings(&out.findings, &[(E, 1, 1, "no-rows", "error")]);
    assert!(!wrk.exists("apply/ledger.csv"), "{:?}", wrk.listing());
}

// ---- bytes that are not text ----

#[test]
fn binary_garbage_is_one_encoding_error_saying_it_is_not_text() {
    // A PNG signature, random high bytes, NULs, and line breaks in between.
    let mut garbage = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let mut x: u32 = 0x1234_5678;
    for _ in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        garbage.push((x >> 24) as u8);
    }
    let wrk = Workdir::with_inputs(baseline_memberships(), &garbage);
    let out = run_all(&wrk);
    for run in [&out.validate, &out.plan, &out.apply] {
        run.assert_code(1);
    }
    // One finding for the file, which is no export at all: no legacy-encoding hint.
    let e: Vec<&Finding> = out.findings.iter().filter(|f| f.file == E).collect();
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!((e[0].rule.as_str(), e[0].line, e[0].column), ("invalid-encoding", 1, 1), "{e:#?}");
    assert!(e[0].message.contains("not a text export"), "{e:#?}");
    assert!(!e[0].message.contains("windows-1252"), "{e:#?}");
}

#[test]
fn nul_bytes_in_the_header_are_an_encoding_error_on_line_1() {
    // UTF-16 written without a BOM: every other byte is NUL.
    let text = baseline_employees();
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let wrk = Workdir::with_inputs(baseline_memberships(), &utf16);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 1, "invalid-encoding");
    assert_eq!(of_file(&out, E), [(1, "invalid-encoding".to_string())]);
}

#[test]
fn a_nul_byte_inside_an_email_is_an_invalid_email_on_its_line() {
    let wrk = Workdir::with_inputs(
        baseline_memberships(),
        employees(&[ANNA, "1234567,Ben,Ng,ben\0@contoso.com,employee,,,,", CARLA]),
    );
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 3, "invalid-email");
    let f = out.findings.iter().find(|f| f.rule == "invalid-email").unwrap();
    assert!(f.message.contains("\\0") || f.message.contains("\\u{0}"), "the NUL is shown escaped: {f:?}");
}

// ---- huge values ----

#[test]
fn a_10_mb_field_is_one_short_finding() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let row = format!("1234567,Ben,Ng,{huge},employee,,,,");
    let wrk = Workdir::with_inputs(baseline_memberships(), employees(&[ANNA, &row, CARLA]));
    let out = run_all(&wrk);
    // Over the 64 KiB bound (design §3): malformed-row, the value not echoed.
    assert_rejected(&wrk, &out, E, 3, "malformed-row");
    // The reports quote the value cut short: nothing near 10 MB is written.
    for f in ["plan/findings.csv", "plan/plan.json", "plan/index.html"] {
        let len = wrk.read(f).len();
        assert!(len < 1024 * 1024, "{f} is {len} bytes");
    }
    assert!(out.validate.stdout.len() < 64 * 1024, "validate printed {} bytes", out.validate.stdout.len());
}

#[test]
fn a_file_that_is_one_10_mb_field_is_missing_columns() {
    let huge = "y".repeat(10 * 1024 * 1024);
    let wrk = Workdir::with_inputs(baseline_memberships(), &huge);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 1, "missing-column");
    assert!(out.validate.stdout.len() < 64 * 1024, "validate printed {} bytes", out.validate.stdout.len());
}

#[test]
fn a_row_of_100000_fields_is_a_malformed_row() {
    let row = format!("1234567,Ben,Ng,ben@contoso.com,employee{}", ",x".repeat(100_000 - 5));
    let wrk = Workdir::with_inputs(baseline_memberships(), employees(&[ANNA, &row, CARLA]));
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 3, "malformed-row");
    let f = out.findings.iter().find(|f| f.rule == "malformed-row").unwrap();
    assert!(f.message.contains("100000") && f.message.contains('9'), "{f:?}");
}

#[test]
fn a_header_of_100000_fields_is_still_read_and_stays_readable() {
    // Nine known columns, then 99,991 unknown ones: ignored, and the rows of
    // the same width are fine; a short row is malformed.
    let extra = (0..99_991).map(|i| format!(",extra{i}")).collect::<String>();
    let header = format!("{EMPLOYEES_HEADER}{extra}");
    let pad = ",".repeat(99_991);
    let rows = [format!("{ANNA}{pad}"), BEN.to_string(), format!("{CARLA}{pad}")];
    let text = csv(&header, &rows.iter().map(String::as_str).collect::<Vec<_>>());
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 3, "malformed-row");
    let index = wrk.read("plan/index.html");
    assert!(index.len() < 2 * 1024 * 1024, "index.html is {} bytes", index.len());
}

// ---- line ends, quotes ----

#[test]
fn mixed_line_endings_keep_physical_line_numbers() {
    // Line 2 CRLF, line 3 lone CR, line 4 LF, line 5 CRLF: each bad row on its own line.
    let text = format!(
        "{EMPLOYEES_HEADER}\r\n{ANNA}\r\n1234567,Ben,Ng,bad-email-3,employee,,,,\r1234567,Cy,Ho,bad-email-4,employee,,,,\n1234567,Di,Li,bad-email-5,employee,,,,\r\n{CARLA}\n"
    );
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    for line in [3, 4, 5] {
        assert_rejected(&wrk, &out, E, line, "invalid-email");
        let f = out.findings.iter().find(|f| f.line == line).unwrap();
        assert!(f.message.contains(&format!("bad-email-{line}")), "line {line} names its own value: {f:?}");
    }
}

#[test]
fn an_unterminated_quote_at_end_of_file_is_a_malformed_row_where_it_starts() {
    let text = format!("{}1234567,\"Ben,Ng,ben@contoso.com,employee,,,,\n", employees(&[ANNA, CARLA]));
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 4, "malformed-row");
}

#[test]
fn an_unterminated_quote_swallowing_later_lines_names_its_first_line() {
    let text = format!("{EMPLOYEES_HEADER}\n{ANNA}\n1234567,\"Ben,Ng,ben@contoso.com,employee,,,,\n{CARLA}\n{BEN}\n");
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 3, "malformed-row");
}

// ---- headers ----

#[test]
fn a_duplicate_header_uses_the_first_column_and_lists_the_second_as_ignored() {
    // The second "email" column is not read (first wins), so its different
    // value changes nothing; text output lists it once as an ignored column.
    let text = csv(
        "mpn_id,first_name,last_name,email,role,email",
        &["1234567,Anna,Lee,anna@contoso.com,admin,other@contoso.com", "2345678,Carla,Diaz,carla@fabrikam.com,admin,"],
    );
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    for run in [&out.validate, &out.plan, &out.apply] {
        run.assert_code(0);
    }
    let plan = wrk.json("plan/plan.json");
    let emails: Vec<&str> = plan["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["accounts"].as_array().unwrap())
        .map(|a| a["email"].as_str().unwrap())
        .collect();
    assert_eq!(emails, ["anna@contoso.com", "carla@fabrikam.com"]);
    let text_report = wrk.validate(&[]);
    assert!(text_report.stdout.contains("ignored columns: email"), "{text_report:?}");
}

#[test]
fn a_duplicate_header_whose_first_column_is_empty_is_a_missing_value_in_that_column() {
    let text = csv(
        "mpn_id,first_name,last_name,email,role,email",
        &["1234567,Anna,Lee,,admin,anna@contoso.com", "2345678,Carla,Diaz,carla@fabrikam.com,admin,"],
    );
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 2, "missing-value");
    let f = out.findings.iter().find(|f| f.rule == "missing-value").unwrap();
    assert_eq!(f.column, 4, "the first email column is the one read: {f:?}");
}

#[test]
fn two_aliases_of_one_column_use_the_first_and_ignore_the_second() {
    let text = csv(
        "MPN ID,First Name,Last Name,Email,Email Address,Role",
        &["1234567,Anna,Lee,anna@contoso.com,not-an-email,admin", "2345678,Carla,Diaz,carla@fabrikam.com,,admin"],
    );
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    for run in [&out.validate, &out.plan, &out.apply] {
        run.assert_code(0);
    }
    assert!(
        out.findings.iter().all(|f| f.rule != "invalid-email"),
        "the second alias is not read: {:#?}",
        out.findings
    );
    let text_report = wrk.validate(&[]);
    assert!(text_report.stdout.contains("ignored columns: Email Address"), "{text_report:?}");
}

#[test]
fn two_aliases_whose_first_is_empty_report_the_first_columns_header() {
    let text = csv(
        "Partner ID,Given Name,Surname,Email Address,Work Email,User Role",
        &["1234567,Anna,Lee,,anna@contoso.com,admin", "2345678,Carla,Diaz,carla@fabrikam.com,,admin"],
    );
    let wrk = Workdir::with_inputs(baseline_memberships(), text);
    let out = run_all(&wrk);
    assert_rejected(&wrk, &out, E, 2, "missing-value");
    let f = out.findings.iter().find(|f| f.rule == "missing-value").unwrap();
    assert!(f.message.contains("Email Address"), "the message names the header as written: {f:?}");
}

// ---- files that cannot be read ----

#[test]
fn a_missing_or_unreadable_input_is_exit_2_naming_the_file() {
    let wrk = Workdir::new();
    wrk.create(M, baseline_memberships());
    std::fs::create_dir(wrk.path(E)).unwrap(); // a folder where a file should be
    let out = run_all(&wrk);
    for run in [&out.validate, &out.plan, &out.apply] {
        run.assert_code(2);
        assert!(run.stderr.contains(E), "the error names the file: {run:?}");
    }
    let wrk = Workdir::new();
    wrk.create(E, baseline_employees());
    let out = run_all(&wrk);
    for run in [&out.validate, &out.plan, &out.apply] {
        run.assert_code(2);
        assert!(run.stderr.contains(M), "the error names the file: {run:?}");
    }
}

// ---- dates at the edge of YYYY-MM-DD ----

#[test]
fn an_end_date_in_year_9999_never_writes_a_date_beyond_yyyy_mm_dd() {
    // 9999-12-31 is a common "never ends" value in exports. One year later does
    // not fit YYYY-MM-DD (design §7: dates are YYYY-MM-DD strings): whatever the
    // tool decides (a finding, a cap), plan.json must not hold "+10000-12-31".
    let row = "1234567,Contoso Ltd,Gold,2024-09-01,9999-12-31,yes,contoso.onmicrosoft.com,US";
    let wrk = Workdir::with_inputs(memberships(&[row]), employees(&[ANNA]));
    let run = wrk.plan("out", &[]);
    assert_no_panic(&run);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    let plan = wrk.json("out/plan.json");
    let dates = |v: &serde_json::Value, keys: &[&str]| -> Vec<String> {
        keys.iter().filter_map(|k| v[*k].as_str().map(String::from)).collect()
    };
    let mut all = dates(&plan, &["as_of"]);
    for org in plan["organizations"].as_array().unwrap() {
        all.extend(dates(org, &["pmc_start", "pmc_end", "pc_start", "pc_end", "overlap_start", "overlap_end"]));
        for a in org["accounts"].as_array().unwrap() {
            all.extend(dates(a, &["password_expires"]));
        }
    }
    for d in &all {
        assert!(is_ymd(d), "{d:?} is not YYYY-MM-DD in plan.json");
    }
}

#[test]
fn an_as_of_outside_yyyy_mm_dd_is_a_usage_error() {
    let wrk = Workdir::baseline();
    for as_of in ["-0001-01-01", "+2025-06-01", "-262143-01-01", "10000-01-01"] {
        let run = wrk.run(["validate", "--memberships", M, "--employees", E, "--quiet", &format!("--as-of={as_of}")]);
        assert_no_panic(&run);
        assert_eq!(run.code, 2, "--as-of {as_of} is accepted: {run:?}");
        assert!(run.stderr.contains("--as-of"), "{run:?}");
    }
}
