//! Whole-file mistakes get one finding that says what to do (design §3): the
//! two exports swapped, UTF-16 without a byte-order mark, a workbook or PDF
//! instead of a CSV; and date messages that say what is wrong with the day.
//! (Empty and header-only files: `malformed.rs`.)

use crate::common::*;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

fn baseline_memberships() -> String {
    memberships(&[CONTOSO, FABRIKAM])
}

fn baseline_employees() -> String {
    employees(&[ANNA, BEN, CARLA])
}

#[test]
fn swapped_exports_are_one_error_saying_so() {
    let wrk = Workdir::with_inputs(baseline_employees(), baseline_memberships());
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    // One error, not seven missing-column errors.
    assert_findings(&findings, &[(M, 1, 1, "missing-column", "error")]);
    assert_eq!(
        findings[0].message,
        "the two files look swapped: memberships.csv is a PMC employee export and employees.csv a PMC \
         membership export; run again with --memberships employees.csv --employees memberships.csv"
    );
    wrk.plan("out", &[]).assert_code(1);
    assert_eq!(findings_csv(&wrk.read("out/findings.csv")), findings);
    // Given the right way round, the same files are clean.
    let run = wrk.run(["validate", "--memberships", E, "--employees", M, "--as-of", AS_OF, "--quiet"]);
    run.assert_code(0);
}

#[test]
fn one_export_given_for_the_other_says_which_it_is() {
    // The employees export given twice.
    let wrk = Workdir::with_inputs(baseline_employees(), baseline_employees());
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    assert_findings(&findings, &[(M, 1, 1, "missing-column", "error")]);
    assert!(
        findings[0].message.starts_with("the header is that of a PMC employee export, not a PMC membership export"),
        "{findings:#?}"
    );
    // A header that is neither: the missing columns, one by one, as before.
    let wrk = Workdir::with_inputs(baseline_memberships(), "mpn_id,role\n1234567,admin\n");
    let (_, findings) = wrk.validate_json(&[]);
    assert_findings(&findings, &[(E, 1, 1, "missing-column", "error"), (E, 1, 1, "missing-column", "error")]);
}

#[test]
fn utf16_without_a_bom_gets_the_utf16_hint_never_windows_1252() {
    let text = baseline_employees();
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, label) in [(le, "utf-16le"), (be, "utf-16be")] {
        let wrk = Workdir::with_inputs(baseline_memberships(), &bytes);
        // Even with a legacy encoding given for the other file.
        for extra in [&[][..], &["--encoding", "windows-1252"]] {
            let (run, findings) = wrk.validate_json(extra);
            run.assert_code(1);
            assert_findings(&findings, &[(E, 1, 1, "invalid-encoding", "error")]);
            let message = &findings[0].message;
            assert!(message.contains(&format!("pass --encoding {label}")), "{message}");
            assert!(!message.contains("windows-1252"), "{message}");
        }
        // Following the hint works (a byte-order mark keeps the other file UTF-8).
        wrk.create(M, format!("\u{feff}{}", baseline_memberships()));
        let (run, findings) = wrk.validate_json(&["--encoding", label]);
        run.assert_code(0);
        assert!(findings.is_empty(), "{findings:#?}");
    }
}

#[test]
fn an_archive_or_pdf_is_not_a_text_export() {
    for (bytes, says) in [
        (&b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00[Content_Types].xml"[..], "not a workbook"),
        (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n", "it is a PDF document"),
    ] {
        let wrk = Workdir::with_inputs(bytes, baseline_employees());
        let (run, findings) = wrk.validate_json(&[]);
        run.assert_code(1);
        // One finding for the file; no employee is an unknown organisation because of it.
        assert_findings(&findings, &[(M, 1, 1, "invalid-encoding", "error")]);
        let message = &findings[0].message;
        assert!(message.starts_with("this is not a text export: ") && message.contains(says), "{message}");
        assert!(!message.contains("windows-1252"), "{message}");
    }
}

#[test]
fn a_damaged_workbook_is_an_unreadable_input() {
    // OLE2 magic bytes make it an .xls workbook, whatever its name; this one can't be read.
    let wrk = Workdir::with_inputs(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00\x00\x00", baseline_employees());
    let run = wrk.validate(&[]);
    run.assert_code(2);
    assert!(run.stderr.contains("memberships.csv is not a readable .xls workbook"), "{run:?}");
    assert!(!run.stderr.contains("windows-1252"), "{run:?}");
}

#[test]
fn an_impossible_day_says_what_is_wrong_with_it() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            &CONTOSO.replace("2025-08-31", "2026-02-29"),
            &FABRIKAM.replace("2024-10-01", "2024-13-01"),
            "3456789,Litware,Gold,2025-04-31,2026-03-31,no,litware.onmicrosoft.com,US",
        ]),
        employees(&[ANNA, BEN, CARLA, "3456789,Dee,Ko,dee@litware.com,admin,,,,"]),
    );
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    let dates: Vec<(u64, u32, &str)> =
        with_rule(&findings, "invalid-date").iter().map(|f| (f.line, f.column, f.message.as_str())).collect();
    assert_eq!(
        dates,
        [
            (2, 5, "date \"2026-02-29\" is no such day: February 2026 has 28 days"),
            (3, 4, "date \"2024-13-01\" is no such day: there is no month 13"),
            (4, 4, "date \"2025-04-31\" is no such day: April 2025 has 30 days"),
        ]
    );
}

#[test]
fn as_of_says_what_is_wrong_with_the_day() {
    let wrk = Workdir::baseline();
    for (when, why) in [
        ("2026-02-29", "2026-02-29: February 2026 has 28 days"),
        ("2026-13-01", "2026-13-01: there is no month 13"),
        ("2026-02", "\"2026-02\" is not a date in YYYY-MM-DD form"),
        ("1999-12-31", "1999-12-31: before 2000"),
        ("9999-01-01", "9999-01-01: after 9998-12-31"),
    ] {
        let run = wrk.run(["validate", "--memberships", M, "--employees", E, "--as-of", when]);
        run.assert_code(2);
        assert!(run.stderr.contains(why), "{run:?}");
    }
}
