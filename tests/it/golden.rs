//! The report of `samples/` is committed in `reports/sample/`: regenerating it
//! with the same `--as-of` must give the same bytes, file for file. This is the
//! CI use case for sample exports, shown on the project itself.
//! After an intended change: `scripts/update-golden.sh`, then review the diff.

use crate::diff::assert_same_bytes;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const AS_OF: &str = "2026-12-01";

fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".pmc-migrate")) {
                // The folder's mark and lock are bookkeeping, not the report (tested in trust::folder).
            } else {
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn sample_report_matches_the_committed_one_byte_for_byte() {
    matches_the_committed_report("reports/sample", &[]);
}

/// The same sample with `--lang zh-TW`: every page in Traditional Chinese.
#[test]
fn sample_report_in_traditional_chinese_matches_the_committed_one_byte_for_byte() {
    matches_the_committed_report("reports/sample-zh-TW", &["--lang", "zh-TW"]);
}

fn matches_the_committed_report(out: &str, extra: &[&str]) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The same relative paths as scripts/update-golden.sh, in a scratch copy,
    // so the input and output paths read as in the golden plan.json.
    let work = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(work.path().join("samples")).unwrap();
    for name in ["memberships.csv", "employees.csv"] {
        std::fs::copy(repo.join("samples").join(name), work.path().join("samples").join(name)).unwrap();
    }
    let run = Command::new(env!("CARGO_BIN_EXE_pmc-migrate"))
        .current_dir(work.path())
        .args(["plan", "--memberships", "samples/memberships.csv", "--employees", "samples/employees.csv"])
        .args(["--as-of", AS_OF, "--quiet", "--out", out])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let golden = files(&repo.join(out));
    let fresh = files(&work.path().join(out));
    similar_asserts::assert_eq!(
        golden.keys().collect::<Vec<_>>(),
        fresh.keys().collect::<Vec<_>>(),
        "the set of files differs from {out}"
    );
    for (name, bytes) in &golden {
        let what = format!(
            "{} differs from {out}/{} (-committed, +this run; run scripts/update-golden.sh if the change is intended)",
            name.display(),
            name.display()
        );
        assert_same_bytes(bytes, &fresh[name], &what);
    }
    for must in ["plan.json", "findings.csv", "index.html"] {
        assert!(golden.contains_key(Path::new(must)), "{out}/{must} is missing");
    }
    assert!(golden.keys().any(|k| k.starts_with("orgs")), "no organisation pages in {out}");
}
