//! Workbooks at the edges (design §3): an empty sheet is `empty-file` and a
//! header without rows `no-rows`, as for CSV files; a zip that unpacks to far
//! more than its size at a ratio no spreadsheet has (a decompression bomb) is
//! refused before it is read.
//! The workbooks are made here with Python's `zipfile`: the smallest xlsx
//! Excel opens, with inline strings.

use crate::common::*;
use crate::tools::{PYTHON3, tool};
use std::process::Command;

/// An .xlsx of one sheet "Staff" holding `rows` (the first is the header),
/// plus an entry of `padding` zero bytes, deflated, when it is not 0.
fn xlsx(wrk: &Workdir, name: &str, rows: &[&[&str]], padding: u64) {
    let script = r#"
import json, sys, zipfile, zlib
rows, padding, path = json.loads(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
def cell(c, v):
    v = v.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{c}" t="inlineStr"><is><t>{v}</t></is></c>'
def col(i):
    return chr(ord("A") + i)
sheet = "".join(
    f'<row r="{r + 1}">' + "".join(cell(f"{col(i)}{r + 1}", v) for i, v in enumerate(row)) + "</row>"
    for r, row in enumerate(rows))
ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
pkg = "http://schemas.openxmlformats.org/package/2006"
doc = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
files = {
    "[Content_Types].xml": f'<Types xmlns="{pkg}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" Type="{doc}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": f'<workbook {ns} {rel}><sheets><sheet name="Staff" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}/relationships"><Relationship Id="rId1" Type="{doc}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    "xl/worksheets/sheet1.xml": f'<worksheet {ns}><sheetData>{sheet}</sheetData></worksheet>',
}
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in files.items():
        z.writestr(name, text)
    if padding:
        with z.open("xl/media/padding.bin", "w", force_zip64=True) as f:
            block = bytes(1 << 20)
            for _ in range(padding >> 20):
                f.write(block)
"#;
    let rows = serde_json::to_string(rows).unwrap();
    let out = Command::new("python3")
        .args(["-c", script, &rows, &padding.to_string()])
        .arg(wrk.path(name))
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

const HEADER: &[&str] = &["mpn_id", "first_name", "last_name", "email", "role"];

fn validate(wrk: &Workdir) -> (Run, Vec<Finding>) {
    wrk.create("memberships.csv", memberships(&[CONTOSO]));
    let run = wrk.run([
        "validate",
        "--memberships",
        "memberships.csv",
        "--employees",
        "staff.xlsx",
        "--as-of",
        "2026-12-01",
        "--format",
        "json",
        "--quiet",
    ]);
    let findings = if run.code == 2 { Vec::new() } else { run.findings() };
    (run, findings)
}

/// The (file, line, rule) of every finding about `staff.xlsx`.
fn of_workbook(findings: &[Finding]) -> Vec<(String, u64, String)> {
    findings
        .iter()
        .filter(|f| f.file.starts_with("staff.xlsx"))
        .map(|f| (f.file.clone(), f.line, f.rule.clone()))
        .collect()
}

#[test]
fn a_sheet_with_no_cell_is_one_empty_file() {
    if !tool(&PYTHON3) {
        return;
    }
    let wrk = Workdir::new();
    xlsx(&wrk, "staff.xlsx", &[], 0);
    let (run, findings) = validate(&wrk);
    run.assert_code(1);
    assert_eq!(of_workbook(&findings), [("staff.xlsx[Staff]".to_string(), 1, "empty-file".to_string())]);
}

#[test]
fn a_header_without_rows_is_no_rows_on_the_header_row() {
    if !tool(&PYTHON3) {
        return;
    }
    let wrk = Workdir::new();
    // A blank first row: the header is the sheet's row 2.
    xlsx(&wrk, "staff.xlsx", &[&[""], HEADER], 0);
    let (run, findings) = validate(&wrk);
    run.assert_code(1);
    assert_eq!(of_workbook(&findings), [("staff.xlsx[Staff]".to_string(), 2, "no-rows".to_string())]);
    // One row, and the finding goes.
    xlsx(&wrk, "staff.xlsx", &[HEADER, &["1234567", "Anna", "Lee", "anna@contoso.com", "admin"]], 0);
    let (run, findings) = validate(&wrk);
    run.assert_code(0);
    assert_eq!(of_workbook(&findings), []);
}

#[test]
fn a_decompression_bomb_is_refused_before_it_is_read() {
    if !tool(&PYTHON3) {
        return;
    }
    // 300 MB of zeros deflate to about 300 KB (1000:1): over the file's size
    // plus 256 MB, at a ratio spreadsheet XML never has.
    let wrk = Workdir::new();
    xlsx(&wrk, "staff.xlsx", &[HEADER, &["1234567", "Anna", "Lee", "anna@contoso.com", "admin"]], 300 << 20);
    assert!(std::fs::metadata(wrk.path("staff.xlsx")).unwrap().len() < 2 << 20);
    let (run, _) = validate(&wrk);
    run.assert_code(2);
    assert!(run.stderr.contains("cannot read staff.xlsx as a workbook: it unpacks to 300 MB"), "{}", run.stderr);
    // Under the limit it is read as usual.
    xlsx(&wrk, "staff.xlsx", &[HEADER, &["1234567", "Anna", "Lee", "anna@contoso.com", "admin"]], 8 << 20);
    validate(&wrk).0.assert_code(0);
}
