//! design §3 "Bounds": a field over 64 KiB or a record over 1 MiB is
//! `malformed-row` on its line, quoted values (header names included) are cut
//! at 80 characters, and junk bytes give a short answer, not a flood.

use crate::common::*;

const E: &str = "employees.csv";

/// The `malformed-row` findings of `employees.csv`.
fn malformed(findings: &[Finding]) -> Vec<&Finding> {
    findings.iter().filter(|f| f.file == E && f.rule == "malformed-row").collect()
}

#[test]
fn a_field_of_70_kib_is_malformed_row_on_its_line() {
    let long = "x".repeat(70 * 1024);
    let row = format!("1234567,Dan,Ray,dan@contoso.com,employee,{long},,,");
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&[ANNA, &row, BEN]));
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    let bad = malformed(&findings);
    assert_eq!(bad.len(), 1, "one finding for the record: {findings:#?}");
    assert_eq!((bad[0].line, bad[0].column), (3, 6), "its line, and the column of the long field");
    assert!(bad[0].message.contains("64 KiB"), "{}", bad[0].message);
    assert!(run.stdout.len() < 4096, "the long value is not echoed: {} bytes", run.stdout.len());
    // The rows around it are read as usual: Anna and Ben are planned.
    assert!(findings.iter().all(|f| f.line != 2 && f.line != 4 || f.severity != "error"), "{findings:#?}");
}

#[test]
fn a_record_over_1_mib_of_small_fields_is_malformed_row() {
    // 1.1 MiB in fields of 9 characters: no field is long, the record is.
    let fields = vec!["abcdefghi"; 116_000].join(",");
    let row = format!("1234567,Dan,Ray,dan@contoso.com,{fields}");
    assert!(row.len() > 1024 * 1024 * 11 / 10);
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&[ANNA, BEN, &row]));
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    let bad = malformed(&findings);
    assert_eq!(bad.len(), 1, "{findings:#?}");
    assert_eq!((bad[0].line, bad[0].column), (4, 1));
    assert!(bad[0].message.contains("1 MiB"), "{}", bad[0].message);
    assert!(run.stdout.len() < 4096, "{} bytes", run.stdout.len());
}

#[test]
fn a_header_name_of_500_characters_is_cut_at_80() {
    // An unknown column, listed as ignored; and the email column's header
    // padded to 500 characters (it still matches: `_` is ignored), quoted
    // in the finding about an empty email.
    let ignored = "y".repeat(500);
    let email = format!("email{}", "_".repeat(495));
    let header = format!("mpn_id,first_name,last_name,{email},role,{ignored}");
    let csv = format!("{header}\n1234567,Anna,Lee,anna@contoso.com,admin,x\n1234567,Ben,Ng,,employee,x\n");
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), csv);

    let run = wrk.validate(&[]);
    run.assert_code(1);
    let line = run.stdout.lines().find(|l| l.contains("ignored columns:")).expect("an ignored-columns line");
    assert!(line.contains(&format!("{}…", "y".repeat(80))), "{line}");
    assert!(!line.contains(&"y".repeat(81)), "cut at 80 characters: {line}");

    let (_, findings) = wrk.validate_json(&[]);
    let missing = findings.iter().find(|f| f.rule == "missing-value").expect("missing-value for Ben's email");
    assert_eq!(missing.line, 3);
    assert!(missing.message.contains(&format!("\"email{}…\"", "_".repeat(75))), "{}", missing.message);
    assert!(!missing.message.contains(&"_".repeat(76)), "{}", missing.message);

    wrk.plan("out", &[]);
    let report = wrk.read_string("out/index.html");
    assert!(report.contains(&format!("{}…", "y".repeat(80))) && !report.contains(&"y".repeat(81)));
}

/// Deterministic junk: xorshift bytes (any value, newlines and quotes included).
fn junk(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// Junk that passes for text at a glance: no control bytes but line feeds
/// (the binary sniff lets it through), so the record loop's bounds answer it.
fn text_junk(len: usize) -> Vec<u8> {
    junk(len)
        .into_iter()
        .map(|b| {
            if b >= 0x20 {
                b
            } else if b % 4 == 0 {
                b'\n'
            } else {
                b | 0x40
            }
        })
        .collect()
}

#[test]
fn a_50_mb_file_of_zero_bytes_gets_a_short_answer() {
    // What `truncate -s 50M employees.csv` makes: 50 MB of NULs, which the
    // sniff of the first bytes calls binary.
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), vec![0u8; 50 << 20]);
    let run = wrk.validate(&[]);
    run.assert_code(1);
    assert!(run.stdout.len() < 4096, "a few lines, not the junk: {} bytes", run.stdout.len());
    assert!(
        run.stdout.contains("employees.csv:1:1: error[invalid-encoding]: this is not a text export"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_50_mb_line_of_text_is_malformed_row_and_missing_columns() {
    // One "line" of 50 MB that looks like text: the header is over the bounds.
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), vec![b'y'; 50 << 20]);
    let run = wrk.validate(&[]);
    run.assert_code(1);
    assert!(run.stdout.len() < 4096, "a few lines, not the junk: {} bytes", run.stdout.len());
    assert!(
        run.stdout.contains("employees.csv:1:1: error[malformed-row]: field 1 holds 52428800 bytes"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("missing-column"), "{}", run.stdout);
}

#[test]
fn binary_junk_gets_one_finding() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), junk(8 << 20));
    let run = wrk.validate(&[]);
    run.assert_code(1);
    assert!(run.stdout.len() < 4096, "{} bytes", run.stdout.len());
    assert!(run.stdout.contains("error[invalid-encoding]: this is not a text export"), "{}", run.stdout);
}

#[test]
fn junk_bytes_get_a_short_answer() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), text_junk(8 << 20));
    let run = wrk.validate(&[]);
    run.assert_code(1);
    assert!(run.stdout.len() < 1 << 20, "stdout stays under 1 MB: {} bytes", run.stdout.len());
    assert!(run.stdout.contains("missing-column"), "the junk has no header");
    assert!(run.stdout.contains("does not look like an export"), "one finding sums up the rest");
}

#[test]
fn a_valid_header_then_junk_lists_a_thousand_rows_and_sums_up_the_rest() {
    let mut bytes = employees(&[ANNA]).into_bytes();
    bytes.extend(text_junk(8 << 20));
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), bytes);
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    let load: Vec<_> = findings
        .iter()
        .filter(|f| f.file == E && matches!(f.rule.as_str(), "malformed-row" | "invalid-encoding"))
        .collect();
    assert!((1000..1010).contains(&load.len()), "{} load findings", load.len());
    let summary = load.iter().find(|f| f.message.contains("not listed one by one")).expect("a summing-up finding");
    assert!(summary.line > load.iter().filter(|f| f != &summary).map(|f| f.line).max().unwrap_or(0));
    assert!(run.stdout.len() < 2 << 20, "{} bytes", run.stdout.len());
}
