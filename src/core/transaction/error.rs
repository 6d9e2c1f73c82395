//! What can go wrong in a transaction, and the test-only fault injection
//! that proves a transaction cut short at any step recovers.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum TxnError {
    #[error(
        "another pmc-migrate run is writing to {dir} (it holds {lock_file}); wait for it to finish, or use another --out"
    )]
    Locked { dir: PathBuf, lock_file: &'static str },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

pub(super) fn io(path: &Path) -> impl FnOnce(std::io::Error) -> TxnError + '_ {
    move |source| TxnError::Io { path: path.to_path_buf(), source }
}

/// Test-only fault injection: abort at a named step to prove crash safety.
const FAULT_ENV: &str = "PMC_MIGRATE_FAULT";

pub(super) fn fault(step: &str) {
    if std::env::var(FAULT_ENV).is_ok_and(|v| v == step) {
        eprintln!("pmc-migrate: fault injected at {step}");
        std::process::abort();
    }
}
