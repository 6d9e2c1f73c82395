//! The crate's layering holds: every folder under `src/` is one layer, and
//! `scripts/layers.py` finds no file importing a higher layer's folder and no
//! import cycle between files.

use crate::tools::{PYTHON3, tool};
use std::path::Path;
use std::process::Command;

#[test]
fn no_module_imports_a_higher_layer_and_no_file_cycle() {
    if !tool(&PYTHON3) {
        return;
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("python3").arg(repo.join("scripts/layers.py")).output().expect("python3 runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "scripts/layers.py found problems:\n{text}{}", String::from_utf8_lossy(&out.stderr));
    assert!(text.contains(" 0 problems"), "{text}");
}

#[test]
fn the_checker_sees_a_planted_upward_import() {
    if !tool(&PYTHON3) {
        return;
    }
    // The checker itself can fail: a copy of src/ with one upward import is refused.
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let copy = tmp.path();
    std::fs::create_dir_all(copy.join("scripts")).unwrap();
    std::fs::copy(repo.join("scripts/layers.py"), copy.join("scripts/layers.py")).unwrap();
    let status = Command::new("cp").arg("-r").arg(repo.join("src")).arg(copy).status().unwrap();
    assert!(status.success());
    let model = copy.join("src/core/model.rs");
    let text = std::fs::read_to_string(&model).unwrap();
    std::fs::write(&model, format!("use crate::report::text;\n{text}")).unwrap();
    let out = Command::new("python3").arg(copy.join("scripts/layers.py")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("src/core/model.rs (core) uses src/report/text.rs (report)"), "{text}");
}
