//! Every CSV a real run writes, opened by the program an admin opens it with:
//! LibreOffice Calc imports each file (comma, double quote, UTF-8), saves it
//! as .xlsx, and calamine reads that back. Each field must be one cell with
//! the text as written (numbers and ISO dates as Calc's numbers and dates),
//! and no cell may be a formula. A control file shows that the check sees a
//! formula when a value is not neutralised.

use crate::common::*;
use crate::tools::{SOFFICE, tool};
use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `files` through Calc's CSV import, saved as .xlsx in `wrk`'s `calc/`.
fn through_calc(wrk: &Workdir, files: &[&str]) -> Vec<PathBuf> {
    let out = wrk.path("calc");
    let profile = format!("file://{}", wrk.path("calc-profile").display());
    let status = Command::new(SOFFICE.program)
        .args(["--headless", "--norestore", &format!("-env:UserInstallation={profile}")])
        .args(["--convert-to", "xlsx", "--infilter=CSV:44,34,76,1", "--outdir"])
        .arg(&out)
        .args(files.iter().map(|f| wrk.path(f)))
        .output()
        .unwrap_or_else(|e| panic!("LibreOffice (soffice) must be installed (.ci/run installs it): {e}"));
    assert!(status.status.success(), "soffice: {}", String::from_utf8_lossy(&status.stderr));
    files
        .iter()
        .map(|f| {
            let stem = Path::new(f).file_stem().expect("a file name").to_string_lossy().into_owned();
            out.join(format!("{stem}.xlsx"))
        })
        .collect()
}

/// The records of a CSV file as the csv crate reads them (BOM dropped).
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    reader.records().map(|r| r.expect("a record").iter().map(String::from).collect()).collect()
}

/// Whether Calc's cell `cell` shows the CSV field `field` as written.
fn same(cell: &Data, field: &str) -> bool {
    match cell {
        Data::String(s) => s == field,
        Data::Empty => field.is_empty(),
        Data::Float(f) => field.parse::<f64>() == Ok(*f),
        Data::Int(i) => field.parse::<i64>() == Ok(*i),
        Data::DateTime(d) => d.as_datetime().map(|t| t.date()) == NaiveDate::parse_from_str(field, "%Y-%m-%d").ok(),
        _ => false,
    }
}

/// Every cell of the first sheet of `xlsx` against the records of `csv`:
/// the cells that differ from their field, and how many cells are formulas.
fn compare(xlsx: &Path, csv: &[u8]) -> (Vec<String>, usize) {
    let mut book: Xlsx<_> = calamine::open_workbook(xlsx).unwrap_or_else(|e| panic!("{}: {e}", xlsx.display()));
    let sheet = book.sheet_names()[0].clone();
    let cells = book.worksheet_range(&sheet).expect("the sheet");
    let formulas = book.worksheet_formula(&sheet).expect("its formulas");
    let records = records(csv);
    assert_eq!(cells.start(), Some((0, 0)), "{}", xlsx.display());
    assert_eq!(cells.height(), records.len(), "{}: one row per record", xlsx.display());
    let mut differ = Vec::new();
    for (r, record) in records.iter().enumerate() {
        for (c, field) in record.iter().enumerate() {
            let cell = cells.get((r, c)).unwrap_or(&Data::Empty);
            if !same(cell, field) {
                differ.push(format!("row {} column {}: Calc shows {cell:?} for {field:?}", r + 1, c + 1));
            }
        }
        if (record.len()..cells.width()).any(|c| cells.get((r, c)).is_some_and(|d| *d != Data::Empty)) {
            differ.push(format!("row {}: a field was split across cells", r + 1));
        }
    }
    (differ, formulas.used_cells().filter(|(_, _, f)| !f.is_empty()).count())
}

/// A run whose values try every way a cell can go wrong in a spreadsheet.
fn hostile_run() -> Workdir {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[
            ANNA,
            // Formula-like starts (OWASP CSV injection), a comma, quotes, a line
            // break and accented letters: every one must stay text in its cell.
            &row(&["1234567", "=1+2", "+49", "=evil@contoso.com", "employee", "@SUM(A1)", "", "", ""]),
            &row(&["1234567", "Zoë \"Z\"", "Ærø, Jr", "zoe@contoso.com", "employee", "Head\nof IT", "", "AZ-104", ""]),
            &row(&["1234567", "Dee", "-Ray", "-dee@contoso.com", "employee", "Ops", "", "", ""]),
            "1234567,Ed,Bad,not-an-email,employee,,,,",
            CARLA,
        ]),
    );
    wrk.apply("out", &["--entra-csv", "--skip-invalid"]).assert_code(1);
    // The control: a formula left as it is, which Calc must run.
    wrk.create("control.csv", "a,b\r\n=1+2,x\r\n");
    wrk
}

/// `files` of `wrk` through Calc, each checked cell for cell, and the control
/// checked to show a formula.
fn assert_calc_reads(wrk: &Workdir, files: &[&str]) {
    let mut all: Vec<&str> = files.to_vec();
    all.push("control.csv");
    let converted = through_calc(wrk, &all);
    for (file, xlsx) in files.iter().zip(&converted) {
        let (differ, formulas) = compare(xlsx, &wrk.read(file));
        assert!(differ.is_empty(), "{file}: {differ:#?}");
        assert_eq!(formulas, 0, "{file}: Calc would run a formula");
    }
    let (differ, formulas) = compare(&converted[files.len()], &wrk.read("control.csv"));
    assert_eq!((differ.len(), formulas), (1, 1), "the control's formula is seen: {differ:?}");
}

#[test]
fn libreoffice_reads_the_spreadsheet_files_cell_for_cell_and_runs_no_formula() {
    if !tool(&SOFFICE) {
        return;
    }
    let wrk = hostile_run();
    assert_calc_reads(&wrk, &["out/findings.csv", "out/credentials/1234567.csv", "out/credentials/1234567.entra.csv"]);
    // The neutralised values are text with their quote.
    let credentials = records(&wrk.read("out/credentials/1234567.csv"));
    assert!(credentials.iter().any(|r| r[1] == "'=1+2 +49" && r[2] == "'=evil@contoso.com"), "{credentials:?}");
}

/// The ledger is the tool's own record, read back by the next apply, but an
/// admin may open it in Calc: its cells are escaped (a leading `'`) and read
/// back exactly (`src/files/cells.rs`).
#[test]
fn libreoffice_reads_the_ledger_cell_for_cell_and_runs_no_formula() {
    if !tool(&SOFFICE) {
        return;
    }
    let wrk = hostile_run();
    assert_calc_reads(&wrk, &["out/ledger.csv"]);
}
