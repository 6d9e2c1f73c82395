//! Workbook input (design §3 "Workbooks"): the sample workbooks of
//! `samples/workbooks/` (made by `scripts/make-workbooks.py` from `samples/*.csv`)
//! plan exactly as their CSV twins; the right sheet is chosen; findings name
//! `path[Sheet]` with the spreadsheet's own row and column numbers.

use crate::common::{Finding, Workdir, assert_findings, findings_csv, sha256_hex};
use serde_json::Value;
use std::path::Path;

/// The samples' cutover date (as in the golden report).
const AS_OF: &str = "2026-12-01";

/// A work directory holding the CSV samples and the named sample workbooks.
fn with_samples(workbooks: &[&str]) -> Workdir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let wrk = Workdir::new();
    for csv in ["memberships.csv", "employees.csv"] {
        wrk.create(csv, std::fs::read(repo.join(csv)).unwrap());
    }
    for name in workbooks {
        wrk.create(name, std::fs::read(repo.join("workbooks").join(name)).unwrap());
    }
    wrk
}

fn run_args<'a>(command: &'a str, memberships: &'a str, employees: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![command, "--memberships", memberships, "--employees", employees, "--as-of", AS_OF, "--quiet"];
    args.extend_from_slice(extra);
    args
}

/// `plan` into `out`: its plan.json and findings.csv.
fn plan(wrk: &Workdir, memberships: &str, employees: &str, out: &str, extra: &[&str]) -> (Value, Vec<Finding>) {
    let mut args = run_args("plan", memberships, employees, extra);
    args.extend(["--out", out]);
    let run = wrk.run(args);
    assert!(run.code == 0 || run.code == 1, "{run:?}");
    (wrk.json(&format!("{out}/plan.json")), findings_csv(&wrk.read(&format!("{out}/findings.csv"))))
}

/// Findings as (line, column, rule, severity, message), the file set aside.
fn without_file(findings: &[Finding]) -> Vec<(u64, u32, String, String, String)> {
    findings.iter().map(|f| (f.line, f.column, f.rule.clone(), f.severity.clone(), f.message.clone())).collect()
}

/// The workbook pair of `ext` plans byte for byte as the CSV pair: plan.json
/// equal once `inputs` is set aside, `inputs` naming the workbooks as given
/// with their own SHA-256, and the same findings in files named `path[Sheet]`.
fn plans_like_the_csv_twin(ext: &str) {
    let (m, e) = (format!("memberships.{ext}"), format!("employees.{ext}"));
    let wrk = with_samples(&[&m, &e]);
    let (mut csv_plan, csv_findings) = plan(&wrk, "memberships.csv", "employees.csv", "out-csv", &[]);
    let (mut book_plan, book_findings) = plan(&wrk, &m, &e, "out-book", &[]);

    // Each plan records its own output folder, and the digest of its report
    // (whose pages name the input files).
    for p in [&mut book_plan, &mut csv_plan] {
        p.as_object_mut().unwrap().remove("out");
        p.as_object_mut().unwrap().remove("report_sha256");
    }
    let inputs = book_plan.as_object_mut().unwrap().remove("inputs").unwrap();
    let csv_inputs = csv_plan.as_object_mut().unwrap().remove("inputs").unwrap();
    for (i, name) in [&m, &e].into_iter().enumerate() {
        assert_eq!(inputs[i]["path"], name.as_str());
        assert_eq!(inputs[i]["sha256"], sha256_hex(&wrk.read(name)));
        assert_eq!(inputs[i]["rows"], csv_inputs[i]["rows"]);
    }
    assert!(csv_plan["organizations"].as_array().unwrap().len() == 6, "the samples plan six organisations");
    assert_eq!(book_plan, csv_plan, "plan.json of the {ext} pair differs from the CSV pair's");

    assert!(!csv_findings.is_empty(), "the samples have findings to compare");
    assert_eq!(without_file(&book_findings), without_file(&csv_findings));
    for (book, csv) in book_findings.iter().zip(&csv_findings) {
        let sheet = if csv.file == "employees.csv" { "Employees" } else { "Memberships" };
        let stem = csv.file.trim_end_matches(".csv");
        assert_eq!(book.file, format!("{stem}.{ext}[{sheet}]"));
    }
}

#[test]
fn xlsx_pair_plans_like_its_csv_twin() {
    plans_like_the_csv_twin("xlsx");
}

#[test]
fn ods_pair_plans_like_its_csv_twin() {
    plans_like_the_csv_twin("ods");
}

#[test]
fn xls_pair_plans_like_its_csv_twin() {
    plans_like_the_csv_twin("xls");
}

#[test]
fn the_sheet_whose_header_fits_is_chosen() {
    let wrk = with_samples(&["memberships.xlsx", "two-sheets.xlsx", "both.xlsx"]);
    let (plan_json, findings) = plan(&wrk, "memberships.xlsx", "two-sheets.xlsx", "out", &[]);
    assert_eq!(plan_json["summary"]["accounts"], 34);
    assert!(findings.iter().any(|f| f.file == "two-sheets.xlsx[Employees]"), "{findings:#?}");
    assert!(findings.iter().all(|f| !f.file.contains("Notes")), "{findings:#?}");

    // One workbook holding both exports: each input takes the sheet that fits it.
    let (plan_json, findings) = plan(&wrk, "both.xlsx", "both.xlsx", "out-both", &[]);
    assert_eq!(plan_json["summary"]["accounts"], 34);
    assert_eq!(plan_json["summary"]["errors"], 0);
    assert!(findings.iter().any(|f| f.file == "both.xlsx[Memberships]"), "{findings:#?}");
    assert!(findings.iter().any(|f| f.file == "both.xlsx[Employees]"), "{findings:#?}");
}

#[test]
fn wrong_header_is_missing_column_naming_the_sheet() {
    let wrk = with_samples(&["memberships.xlsx", "wrong-header.xlsx"]);
    let run = wrk.run(run_args("validate", "memberships.xlsx", "wrong-header.xlsx", &["--format", "json"]));
    run.assert_code(1);
    let findings = run.findings();
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == "error").collect();
    assert_eq!(errors.len(), 1, "{findings:#?}");
    assert_eq!(errors[0].key(), ("wrong-header.xlsx[Employees]", 1, 1, "missing-column", "error"));
    assert!(errors[0].message.contains("\"email\""), "{:?}", errors[0].message);
}

#[test]
fn no_sheet_that_fits_is_missing_column_naming_the_sheets_tried() {
    let wrk = with_samples(&["two-sheets.xlsx", "employees.xlsx"]);
    let run = wrk.run(run_args("validate", "two-sheets.xlsx", "employees.xlsx", &[]));
    run.assert_code(1);
    let line = run.stdout.lines().find(|l| l.contains("[missing-column]")).expect("a missing-column finding");
    assert!(
        line.starts_with("two-sheets.xlsx:1:1: error[missing-column]: no sheet has the required columns"),
        "{line}"
    );
    assert!(line.contains("\"Notes\" (no mpn_id, organization"), "{line}");
    assert!(line.contains("\"Employees\" (no organization"), "{line}");
}

#[test]
fn sheet_option_chooses_and_apply_from_the_plan_repeats_it() {
    let wrk = with_samples(&["memberships.xlsx", "draft-and-final.xlsx"]);
    // Both sheets fit; without --sheet the first ("Draft", one person more) is read.
    let (draft, _) = plan(&wrk, "memberships.xlsx", "draft-and-final.xlsx", "out-draft", &[]);
    assert_eq!(draft["summary"]["accounts"], 35);
    let sheets = ["--sheet", "employees", "--sheet", "Memberships"];
    let (fin, findings) = plan(&wrk, "memberships.xlsx", "draft-and-final.xlsx", "out", &sheets);
    assert_eq!(fin["summary"]["accounts"], 34);
    assert_eq!(fin["options"]["sheets"], serde_json::json!(["employees", "Memberships"]));
    assert!(draft["options"].get("sheets").is_none(), "recorded only when given");
    assert!(findings.iter().any(|f| f.file == "draft-and-final.xlsx[Employees]"), "{findings:#?}");

    // apply --plan reads the inputs again: with the sheets the plan recorded.
    let run = wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--quiet"]);
    run.assert_code(0);
    let ledger = wrk.read_string("out/ledger.csv");
    let accounts = ledger.lines().filter(|l| l.starts_with("account,")).count();
    assert_eq!(accounts, 34, "one ledger row per account of the reviewed plan");
    assert!(!ledger.contains("extra.person@contoso.com"));

    // A sheet the workbook lacks: missing-column listing the sheets it has.
    let run = wrk.run(run_args("validate", "memberships.xlsx", "draft-and-final.xlsx", &["--sheet", "Final"]));
    run.assert_code(1);
    assert!(
        run.stdout.contains(
            "draft-and-final.xlsx:1:1: error[missing-column]: no sheet named \"Final\" (its sheets: \"Draft\", \"Employees\")"
        ),
        "{run:?}"
    );
}

#[test]
fn finding_lines_and_columns_are_the_spreadsheets_rows_and_columns() {
    // offset.xlsx: the table starts at B3 (header), a blank row 7, and the bad
    // address in row 9, column E.
    let wrk = with_samples(&["memberships.xlsx", "offset.xlsx"]);
    let (_, findings) = plan(&wrk, "memberships.xlsx", "offset.xlsx", "out", &[]);
    let employees: Vec<Finding> = findings.into_iter().filter(|f| f.file.starts_with("offset")).collect();
    assert_findings(
        &employees,
        &[
            ("offset.xlsx[Employees]", 8, 5, "non-ascii-email", "info"),
            ("offset.xlsx[Employees]", 8, 5, "username-collision", "warning"),
            ("offset.xlsx[Employees]", 9, 5, "invalid-email", "error"),
        ],
    );
    assert!(employees[1].message.contains("held by line 6"), "{:?}", employees[1].message);
}

#[test]
fn a_renamed_workbook_is_read_as_one_and_text_named_xls_as_text() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let wrk = with_samples(&["memberships.xlsx"]);
    wrk.create("employees.dat", std::fs::read(repo.join("workbooks/employees.xlsx")).unwrap());
    wrk.create("memberships.xls", std::fs::read(repo.join("memberships.csv")).unwrap());
    let run = wrk.run(run_args("validate", "memberships.xls", "employees.dat", &[]));
    run.assert_code(0);
    assert!(run.stdout.contains("employees.dat[Employees]: 34 rows, xlsx workbook"), "{run:?}");
    assert!(run.stdout.contains("memberships.xls: 6 rows, UTF-8, comma-delimited"), "{run:?}");
}

#[test]
fn a_damaged_workbook_is_an_unreadable_input_naming_the_file() {
    let wrk = with_samples(&[]);
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend(b"\0xl/workbook.xml is named but this is no zip".repeat(4));
    wrk.create("employees.xlsx", &bytes);
    let run = wrk.run(run_args("validate", "memberships.csv", "employees.xlsx", &[]));
    run.assert_code(2);
    assert!(run.stderr.contains("employees.xlsx is not a readable .xlsx workbook"), "{run:?}");

    // Excel saves a password-protected workbook as an OLE2 file holding an EncryptedPackage.
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.extend([0; 64]);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    wrk.create("employees.xlsx", &bytes);
    let run = wrk.run(run_args("validate", "memberships.csv", "employees.xlsx", &[]));
    run.assert_code(2);
    assert!(run.stderr.contains("employees.xlsx as a workbook: it is password-protected"), "{run:?}");
}

#[test]
fn junit_suites_are_named_by_sheet() {
    let wrk = with_samples(&["memberships.xlsx", "employees.xlsx"]);
    let run = wrk.run(run_args("validate", "memberships.xlsx", "employees.xlsx", &["--format", "junit"]));
    run.assert_code(0);
    assert!(run.stdout.contains(r#"<testsuite name="employees.xlsx[Employees]""#), "{}", run.stdout);
    assert!(!run.stdout.contains(r#"<testsuite name="employees.xlsx""#), "{}", run.stdout);
}

#[test]
fn status_reads_a_workbook_with_flag_and_date_time_cells() {
    // status.xlsx: header in row 2, Megan (signed in, TRUE, associated at a
    // date-time cell) in row 3, Anna (FALSE) in row 4, a blank row, an unknown user in row 6.
    let wrk = with_samples(&["status.xlsx"]);
    wrk.run(run_args("apply", "memberships.csv", "employees.csv", &["--out", "out"])).assert_code(0);
    let run = wrk.run(["status", "--out", "out", "--status", "status.xlsx", "--as-of", "2026-12-03T00:00"]);
    assert!(run.code != 2, "{run:?}");
    let json = wrk.json("out/status.json");
    let employees: Vec<&Value> =
        json["organizations"].as_array().unwrap().iter().flat_map(|o| o["employees"].as_array().unwrap()).collect();
    let person = |u: &str| *employees.iter().find(|e| e["username"] == u).unwrap_or_else(|| panic!("no {u}"));
    let megan = person("megan.bowen@contoso.com");
    assert_eq!((&megan["sign_in"], &megan["pu_connected"]), (&"signed-in".into(), &true.into()));
    assert_eq!(megan["associated_at"], "2026-12-02T09:30:00");
    assert_eq!(person("anna.lee@contoso.com")["sign_in"], "waiting");

    let findings: Vec<(&str, u64, &str)> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["line"].as_u64().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert!(findings.contains(&("status.xlsx[Status]", 6, "unknown-account")), "{findings:?}");
    // Every account the samples give but Megan's and Anna's.
    let accounts = wrk.json("out/plan.json")["summary"]["accounts"].as_u64().unwrap() as usize;
    assert_eq!(findings.iter().filter(|f| f.2 == "missing-status").count(), accounts - 2, "{findings:?}");
    assert!(findings.iter().all(|f| f.0 == "status.xlsx[Status]"), "{findings:?}");
}

#[test]
fn a_hidden_sheet_is_passed_over_unless_named() {
    // hidden-draft.xlsx: a hidden "Draft" (one person more) before "Employees"; both fit.
    let wrk = with_samples(&["memberships.xlsx", "hidden-draft.xlsx"]);
    let run = wrk.run(run_args("validate", "memberships.xlsx", "hidden-draft.xlsx", &[]));
    run.assert_code(0);
    assert!(run.stdout.contains("hidden-draft.xlsx[Employees]: 29 rows, xlsx workbook\n"), "{run:?}");

    let run = wrk.run(run_args("validate", "memberships.xlsx", "hidden-draft.xlsx", &["--sheet", "Draft"]));
    run.assert_code(1);
    assert!(run.stdout.contains("hidden-draft.xlsx[Draft]: 30 rows, xlsx workbook\n"), "{run:?}");
    // The memberships workbook has no "Draft": unusable, and no delimiter to speak of.
    assert!(run.stdout.contains("memberships.xlsx: 0 rows, xlsx workbook\n"), "{run:?}");
}
