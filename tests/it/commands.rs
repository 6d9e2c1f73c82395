//! The commands around the migration: `rules` and `explain RULE`.

use crate::common::*;
use pmc_migrate::Rule;

#[test]
fn rules_lists_every_rule_with_its_severity_and_a_description() {
    let run = Workdir::new().run(["rules"]);
    run.assert_code(0);
    for rule in Rule::ALL {
        let line = run
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id()))
            .unwrap_or_else(|| panic!("{} is not listed: {run:?}", rule.id()));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[1], rule.severity().as_str(), "{line}");
        assert!(words.len() > 4, "no description: {line}");
    }
    assert_eq!(run.stderr, "");
}

#[test]
fn explain_says_what_why_and_how_for_every_rule() {
    let wrk = Workdir::new();
    for rule in Rule::ALL {
        let run = wrk.run(["explain", rule.id()]);
        run.assert_code(0);
        let first = run.stdout.lines().next().unwrap_or_default();
        assert!(first.starts_with(&format!("{} ({}): ", rule.id(), rule.severity().as_str())), "{run:?}");
        for heading in ["\nWhat it means\n", "\nWhy it matters\n", "\nHow to fix the export\n"] {
            assert!(run.stdout.contains(heading), "{heading:?} missing: {run:?}");
        }
        assert!(!run.stdout.contains("no explanation"), "{run:?}");
    }
    // Ids are read as a finding prints them, whatever the case.
    let run = wrk.run(["explain", "ORG-WITHOUT-ADMIN"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("org-without-admin (error): "), "{run:?}");
}

#[test]
fn explain_of_an_unknown_rule_is_a_usage_error_listing_the_ids() {
    let run = Workdir::new().run(["explain", "invalid-dates"]);
    run.assert_code(2);
    assert_eq!(run.stdout, "");
    for rule in Rule::ALL {
        assert!(run.stderr.contains(rule.id()), "{} not listed: {run:?}", rule.id());
    }
    assert!(run.stderr.contains("'invalid-date'"), "the closest id is suggested: {run:?}");
}
