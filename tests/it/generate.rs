//! `generate` (design §6): it never replaces exports already in the folder
//! unless `--force`, refuses counts that make no export, and its data is valid
//! at any size unless `--dirty` is given.

use crate::common::*;

fn generate(wrk: &Workdir, args: &[&str]) -> Run {
    let mut all = vec!["generate", "--out", "gen"];
    all.extend_from_slice(args);
    wrk.run(all)
}

#[test]
fn existing_exports_are_not_overwritten_without_force() {
    let wrk = Workdir::new();
    wrk.create("gen/employees.csv", "my real export\n");
    let run = generate(&wrk, &["--orgs", "3", "--employees", "9"]);
    run.assert_code(2);
    assert!(run.stderr.contains("gen/employees.csv already exists: pass --force to overwrite it"), "{run:?}");
    assert_eq!(wrk.read_string("gen/employees.csv"), "my real export\n");
    assert!(!wrk.exists("gen/memberships.csv"), "half a pair was written: {:?}", wrk.listing());

    let run = generate(&wrk, &["--orgs", "3", "--employees", "9", "--force"]);
    run.assert_code(0);
    assert!(wrk.read_string("gen/employees.csv").starts_with("Partner ID,"), "not overwritten");
    // Run again: now memberships.csv is there too.
    let run = generate(&wrk, &["--orgs", "3", "--employees", "9"]);
    run.assert_code(2);
    assert!(run.stderr.contains("gen/memberships.csv already exists"), "{run:?}");
}

#[test]
fn counts_that_make_no_export_are_usage_errors() {
    let wrk = Workdir::new();
    for (args, says) in [
        (["--orgs", "0", "--employees", "5"], "no-rows"),
        (["--orgs", "2", "--employees", "0"], "no-rows"),
        (["--orgs", "2", "--employees", "-1"], "-1"),
        (["--orgs", "two", "--employees", "5"], "not a whole number"),
    ] {
        let run = generate(&wrk, &args);
        run.assert_code(2);
        assert!(run.stderr.contains(says), "{run:?}");
        assert!(!wrk.exists("gen"), "{args:?} wrote {:?}", wrk.listing());
    }
}

/// `validate --format json` of the generated pair: (exit code, error findings).
fn validate_errors(wrk: &Workdir) -> (i32, Vec<Finding>) {
    let run = wrk.run([
        "validate",
        "--memberships",
        "gen/memberships.csv",
        "--employees",
        "gen/employees.csv",
        "--as-of",
        "2026-12-01",
        "--quiet",
        "--format",
        "json",
    ]);
    let findings = run.findings();
    (run.code, findings.into_iter().filter(|f| f.severity == "error").collect())
}

#[test]
fn clean_data_at_20000_organisations_has_no_errors() {
    let wrk = Workdir::new();
    generate(&wrk, &["--orgs", "20000", "--employees", "20000", "--seed", "3"]).assert_code(0);
    // Every tenant domain fits Entra's 48 characters (the longest company names did not).
    let text = wrk.read_string("gen/memberships.csv");
    let longest = text.lines().skip(1).map(|l| l.rsplit(',').nth(1).unwrap().len()).max().unwrap();
    assert!((40..=48).contains(&longest), "longest domain: {longest}");
    let (code, errors) = validate_errors(&wrk);
    assert!(errors.is_empty(), "{} errors, the first: {:#?}", errors.len(), &errors[..errors.len().min(5)]);
    assert_eq!(code, 0);

    // --dirty breaks rows on purpose: errors then.
    let wrk = Workdir::new();
    generate(&wrk, &["--orgs", "50", "--employees", "500", "--dirty", "0.2"]).assert_code(0);
    let (code, errors) = validate_errors(&wrk);
    assert_eq!(code, 1);
    assert!(errors.len() > 10, "{errors:#?}");
}
