//! One writer per folder: an advisory lock on a file inside it.

use super::error::{TxnError, io};
use std::fs;
use std::path::Path;

pub(super) const LOCK_FILE: &str = ".pmc-migrate.lock";

/// Holds the folder's lock for as long as it lives.
pub(crate) struct DirLock(#[allow(dead_code)] fs::File);

/// Take `dir`'s lock, or say that another writer holds it.
pub(crate) fn lock(dir: &Path) -> Result<DirLock, TxnError> {
    let path = dir.join(LOCK_FILE);
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(TxnError::Io { path, source: std::io::Error::other("the lock file is not a plain file") });
    }
    let f = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io(&path))?;
    match f.try_lock() {
        Ok(()) => Ok(DirLock(f)),
        Err(fs::TryLockError::WouldBlock) => Err(TxnError::Locked { dir: dir.to_path_buf(), lock_file: LOCK_FILE }),
        Err(fs::TryLockError::Error(e)) => Err(TxnError::Io { path, source: e }),
    }
}
