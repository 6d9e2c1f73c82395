//! The documents stand on their own and say true things about the tree:
//! every test SECURITY.md names exists where it says, docs/design.md keeps
//! the section numbers that code and tests cite ("design §N"), and nothing
//! under `src/` or `tests/` points at a contract outside the repository.

use std::fs;
use std::path::{Path, PathBuf};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The `path::name` references in `text`: every code span that starts with
/// `tests/` or `src/` and names a test after a `.rs` file.
fn test_references(text: &str) -> Vec<(String, String)> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.starts_with("tests/") || span.starts_with("src/"))
        .filter_map(|span| span.split_once(".rs::"))
        .map(|(file, name)| (format!("{file}.rs"), name.trim().to_string()))
        .collect()
}

/// The references in `text` that do not hold under `root`: the file is
/// missing, or it has no `fn name` (a property test's `fn` inside
/// `proptest!` counts).
fn broken_references(text: &str, root: &Path) -> Vec<String> {
    test_references(text)
        .into_iter()
        .filter(|(file, name)| {
            let Ok(source) = fs::read_to_string(root.join(file)) else { return true };
            !source.contains(&format!("fn {name}(")) && !source.contains(&format!("fn {name}<"))
        })
        .map(|(file, name)| format!("{file}::{name}"))
        .collect()
}

#[test]
fn every_test_security_md_names_exists_where_it_says() {
    let text = fs::read_to_string(repo().join("SECURITY.md")).unwrap();
    let references = test_references(&text);
    assert!(references.len() > 40, "too few test references found in SECURITY.md: {references:?}");
    let broken = broken_references(&text, repo());
    assert!(broken.is_empty(), "SECURITY.md names tests that are not in the tree:\n{}", broken.join("\n"));
}

#[test]
fn a_wrong_reference_is_caught() {
    let text = "shown by `tests/it/docs.rs::no_such_test` and `src/no/such/file.rs::x`, \
                but `tests/it/docs.rs::a_wrong_reference_is_caught` is here";
    assert_eq!(broken_references(text, repo()), ["tests/it/docs.rs::no_such_test", "src/no/such/file.rs::x"]);
}

#[test]
fn the_design_has_sections_1_to_9() {
    let text = fs::read_to_string(repo().join("docs/design.md")).expect("docs/design.md exists");
    let numbers: Vec<u32> = text
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .filter_map(|title| title.split_once('.'))
        .filter_map(|(number, _)| number.parse().ok())
        .collect();
    assert_eq!(numbers, (1..=9).collect::<Vec<_>>(), "docs/design.md's numbered sections");
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Where each needle occurs in the files under `dir`, as `path:line: needle`.
fn occurrences(dir: &str, needles: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    files_under(&repo().join(dir), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let bytes = fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        for (n, line) in text.lines().enumerate() {
            for needle in needles {
                if line.contains(needle) {
                    let path = file.strip_prefix(repo()).unwrap().display();
                    found.push(format!("{path}:{}: {needle}", n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn code_and_tests_cite_no_document_outside_the_repository() {
    // Spelled in two pieces so that this file does not contain them.
    let needles = [concat!("shared", "/"), concat!("SPEC", ".md")];
    let in_tests = occurrences("tests", &needles);
    assert!(in_tests.is_empty(), "tests/ points outside the repository:\n{}", in_tests.join("\n"));
    let in_src = occurrences("src", &needles);
    assert!(
        in_src.is_empty(),
        "src/ points outside the repository; cite docs/design.md (\"design §N\") instead:\n{}",
        in_src.join("\n")
    );
}
