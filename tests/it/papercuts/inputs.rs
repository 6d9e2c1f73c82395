//! Whole-file mistakes in the person's words: one file given for both
//! exports, a workbook no library can open, and a PMC export given to
//! `status`, whose hint may name only options `status` has.

use crate::common::*;

#[test]
fn the_same_file_for_both_exports_is_named_as_such_never_as_swapped() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN, CARLA]));
    let run = wrk.run(["validate", "--memberships", "memberships.csv", "--employees", "memberships.csv", "-q"]);
    run.assert_code(1);
    assert!(!run.stdout.contains("swapped"), "{run:?}");
    assert!(
        run.stdout.contains(
            "memberships.csv:1:1: error[missing-column]: the header is that of a PMC membership export, not a PMC \
             employee export: the same file was given twice (--memberships and --employees name the same file, \
             memberships.csv); pass a PMC employee export with --employees"
        ),
        "{run:?}"
    );
    // Another path to the same file, and a copy with the same bytes.
    let run = wrk.run(["validate", "--memberships", "./employees.csv", "--employees", "employees.csv", "-q"]);
    assert!(run.stdout.contains("the same file was given twice (--memberships and --employees"), "{run:?}");
    wrk.create("copy.csv", wrk.read("employees.csv"));
    let run = wrk.run(["validate", "--memberships", "copy.csv", "--employees", "employees.csv", "-q"]);
    run.assert_code(1);
    assert!(run.stdout.contains("(copy.csv and employees.csv hold the same bytes)"), "{run:?}");
    assert!(run.stdout.contains("pass a PMC membership export with --memberships"), "{run:?}");
}

#[test]
fn a_workbook_that_cannot_be_opened_says_what_it_is_not_and_what_to_do() {
    let wrk = Workdir::baseline();
    let no_eocd = b"PK\x03\x04 xl/workbook.xml but the archive ends here".to_vec();
    let mut bad_sectors = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bad_sectors.extend([0; 600]);
    // A real zip without the workbook's parts (`_rels/.rels`).
    let mut no_rels = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut no_rels);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("xl/workbook.xml", stored).unwrap();
        std::io::Write::write_all(&mut zip, b"<workbook/>").unwrap();
        zip.finish().unwrap();
    }
    for (name, bytes, format) in
        [("a.xlsx", no_eocd, ".xlsx"), ("b.xls", bad_sectors, ".xls"), ("c.xlsx", no_rels.into_inner(), ".xlsx")]
    {
        wrk.create(name, bytes);
        let run = wrk.run(["validate", "--memberships", "memberships.csv", "--employees", name, "-q"]);
        run.assert_code(2);
        let want = format!(
            "pmc-migrate: {name} is not a readable {format} workbook: open it in Excel or LibreOffice and save it \
             again as .xlsx, or as CSV\n"
        );
        assert_eq!(run.stderr, want, "{run:?}");
    }
}

#[test]
fn a_pmc_export_given_to_status_gets_a_hint_status_can_follow() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let run = wrk.run(["status", "--out", "out", "--status", "memberships.csv", "--as-of", AS_OF]);
    run.assert_code(1);
    assert!(!run.stdout.contains("--memberships") && !run.stdout.contains("--employees"), "{run:?}");
    assert!(
        run.stdout.contains(
            "the header is that of a PMC membership export, not a Partner Center team-status export: status reads \
             the team-status export downloaded from Partner Center"
        ),
        "{run:?}"
    );
    // apply has both options, so its hint may name them.
    let run = wrk.plan("out2", &["--status", "memberships.csv"]);
    assert!(run.stdout.contains("pass a PMC membership export with --memberships"), "{run:?}");
}
