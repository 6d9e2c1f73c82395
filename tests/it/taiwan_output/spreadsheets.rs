//! Every CSV for people starts with a UTF-8 BOM (Excel on a zh-TW Windows
//! reads one without it in Big5 and garbles every Chinese name), and no cell
//! of findings.csv or ledger.csv starts like a formula; the ledger reads its
//! neutralised cells back exactly, whatever they hold.

use super::{CHEN, FORMOSA, LI};
use crate::common::*;
use proptest::prelude::*;
use std::path::Path;

/// Every field of a CSV file, after its BOM.
fn fields(file: &str, bytes: &[u8]) -> Vec<String> {
    let body = bytes.strip_prefix(BOM).unwrap_or_else(|| panic!("{file} does not start with a UTF-8 BOM"));
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body);
    reader.records().flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()).collect()
}

fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn findings_credentials_and_ledger_open_in_a_spreadsheet_as_written() {
    // An email and a name that start like formulas, and a finding that quotes one.
    let evil = "7654321,=1+2,李,=cmd@formosacloud.com.tw,employee,,,,";
    let wrk = Workdir::with_inputs(memberships(&[FORMOSA]), employees(&[LI, CHEN, evil, "7654321,,,,employee,,,,"]));
    let run = wrk.apply("out", &["--skip-invalid"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    for file in ["out/findings.csv", "out/ledger.csv", "out/credentials/7654321.csv"] {
        let cells = fields(file, &wrk.read(file));
        assert!(cells.iter().any(|c| c.contains("李") || c.contains("formosacloud")), "{file}: {cells:?}");
        let bad: Vec<&String> = cells.iter().filter(|c| formula_like(c)).collect();
        assert!(bad.is_empty(), "{file} has formula-like cells {bad:?}");
    }
    let ledger = wrk.read_string("out/ledger.csv");
    assert!(ledger.contains(",'=cmd@formosacloud.com.tw,"), "{ledger}");
    // The next apply reads the ledger back: the person is kept, not added again.
    let again = wrk.apply("out", &["--skip-invalid"]);
    assert!(again.code == 0 || again.code == 1, "{}", again.stderr);
    let plan = wrk.json("out/plan.json");
    let evil_account = plan["organizations"][0]["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["email"] == "=cmd@formosacloud.com.tw")
        .expect("the account")
        .clone();
    assert_eq!(evil_account["action"], "keep", "{evil_account}");
    assert_eq!(wrk.read_string("out/ledger.csv"), ledger, "an apply with nothing new keeps the ledger's bytes");
}

#[test]
fn findings_csv_has_a_bom() {
    let wrk = Workdir::with_inputs(memberships(&[FORMOSA]), employees(&[LI, "7654321,,,,employee,,,,"]));
    wrk.plan("out", &[]);
    let bytes = wrk.read("out/findings.csv");
    assert!(bytes.starts_with(BOM), "{:?}", String::from_utf8_lossy(&bytes));
    assert!(!findings_csv(&bytes).is_empty());
}

/// A ledger as an earlier version wrote it (no BOM, cells as they are), with
/// one account whose email and key are `email`.
fn legacy_ledger(email: &str) -> Vec<u8> {
    let mut out =
        b"kind,mpn_id,email_key,email,username,issued,password_expires,run,credentials_file,pc_start,pc_end,creation\n"
            .to_vec();
    let mut w = csv::Writer::from_writer(&mut out);
    let fixed = ["a@x.onmicrosoft.com", "2026-12-01", "2027-03-01", "1", "credentials/1234.csv", "", "", ""];
    let row: Vec<&str> = ["account", "1234", email, email].into_iter().chain(fixed).collect();
    w.write_record(row).unwrap();
    drop(w);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever a cell holds (a leading = + - @ ' TAB CR, any script), the
    /// ledger written reads back to the same ledger, and no cell of it starts
    /// like a formula.
    #[test]
    fn ledger_cells_round_trip_exactly(email in "['=+@\\t\\r-]{0,3}[a-z李'=@ .-]{0,12}") {
        let path = Path::new("ledger.csv");
        let ledger = pmc_migrate::parse_ledger(&legacy_ledger(&email), path).expect("a legacy ledger");
        prop_assert_eq!(&ledger.accounts.values().next().unwrap().email, &email);
        let bytes = pmc_migrate::render_ledger(&ledger);
        let back = pmc_migrate::parse_ledger(&bytes, path).expect("a written ledger");
        prop_assert_eq!(&back, &ledger);
        prop_assert_eq!(pmc_migrate::render_ledger(&back), bytes.clone());
        for cell in fields("ledger.csv", &bytes) {
            prop_assert!(!formula_like(&cell), "{:?}", cell);
        }
    }
}
