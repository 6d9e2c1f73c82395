//! A staged commit of many private files: they are written under
//! `.staging/run<N>/` (mode 0600, folders 0700), made durable with one
//! filesystem sync, then the caller's commit point is written, then they are
//! moved into place. A run cut short is finished by [`recover`] when its
//! commit point was written, and rolled back when it was not.

use super::error::{TxnError, fault, io};
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

const STAGING: &str = ".staging";
const SECRET_MODE: u32 = 0o600;

/// Run `run`'s staging folder inside `root`, with the folders made so far.
pub(crate) struct Staging {
    root: PathBuf,
    /// `<root>/.staging/run<N>`.
    path: PathBuf,
    folders: PrivateDirs,
    /// Until the commit point, a signal removes the staged password files.
    _cleanup: crate::core::interrupt::Cleanup,
    /// The commit point was written: from then on the staged files are the
    /// run's (the next run finishes moving them), never to be removed.
    committed: bool,
}

/// A run that ends in an error before its commit point (a full disk, say)
/// takes its staged password files with it.
impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.path);
            let _ = fs::remove_dir(self.root.join(STAGING));
        }
    }
}

impl Staging {
    /// A fresh, empty staging folder for `run` (a leftover one is discarded).
    pub(crate) fn begin(root: &Path, run: u32) -> Result<Staging, TxnError> {
        let rel = Path::new(STAGING).join(format!("run{run}"));
        private_dir(root, &rel)?; // refuses a planted link before anything is removed
        let path = root.join(&rel);
        fs::remove_dir_all(&path).map_err(io(&path))?;
        private_dir(root, &rel)?;
        let _cleanup = crate::core::interrupt::remove_on_signal(&path);
        Ok(Staging { root: root.to_path_buf(), folders: PrivateDirs::new(&path), path, _cleanup, committed: false })
    }

    /// Make the private folder `rel` inside the staging folder (once per folder:
    /// tens of thousands of files share a few folders).
    pub(crate) fn ensure_dir(&mut self, rel: &Path) -> Result<(), TxnError> {
        self.folders.ensure(rel)
    }

    /// A new secret file at `rel` (its folder made first with [`Self::ensure_dir`]):
    /// created 0600, never readable by others, not even for a moment, and not
    /// synced one by one: [`Self::commit`] makes them all durable at once.
    pub(crate) fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), TxnError> {
        use std::io::Write;
        let path = self.path.join(rel);
        if crate::core::interrupt::stopping() {
            return Err(TxnError::Io { path, source: crate::core::interrupt::stopped() });
        }
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, SECRET_MODE);
        let mut f = options.open(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))
    }

    /// Sync everything staged, write the commit point, move the files into
    /// place. `committed` is what a signal from the commit on says of the folder.
    pub(crate) fn commit(
        mut self,
        committed: String,
        commit_point: impl FnOnce() -> Result<(), TxnError>,
    ) -> Result<(), TxnError> {
        crate::core::interrupt::pause("before-commit");
        sync_filesystem(&self.path)?;
        // From the commit point on, a signal waits for the files to be in place.
        let _critical = crate::core::interrupt::critical();
        crate::core::interrupt::set_folder_state(committed);
        fault("before-ledger");
        commit_point()?;
        self.committed = true;
        fault("after-ledger");
        move_into_place(&self.path, &self.root)
    }
}

/// Everything staged reaches the disk before the commit point is written: one
/// filesystem sync instead of one per file (tens of thousands on a large run).
fn sync_filesystem(dir: &Path) -> Result<(), TxnError> {
    #[cfg(test)]
    tests::SYNCS.with(|n| n.set(n.get() + 1));
    super::atomic::sync_tree(dir).map_err(io(dir))
}

/// `root/rel` as a real folder (no link on the way), private: its files are secrets.
fn private_dir(root: &Path, rel: &Path) -> Result<(), TxnError> {
    let path = super::atomic::real_dir(root, rel, 0o700).map_err(io(&root.join(rel)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A real folder (checked above), so this can't change a link's target.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).map_err(io(&path))?;
    }
    Ok(())
}

/// [`private_dir`] once per folder.
struct PrivateDirs {
    root: PathBuf,
    made: HashSet<PathBuf>,
}

impl PrivateDirs {
    fn new(root: &Path) -> Self {
        PrivateDirs { root: root.to_path_buf(), made: HashSet::new() }
    }

    fn ensure(&mut self, rel: &Path) -> Result<(), TxnError> {
        if !self.made.contains(rel) {
            private_dir(&self.root, rel)?;
            self.made.insert(rel.to_path_buf());
        }
        Ok(())
    }
}

/// Anything at `path`, a dangling link included (never follows links).
fn present(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Move the staged files to their places (never over an existing file), then
/// drop the staging folder. A staged folder whose place is free moves whole,
/// one rename (a first run's `credentials/` and `outbox/`); into a folder that
/// is already there, file by file.
fn move_into_place(staging: &Path, dir: &Path) -> Result<(), TxnError> {
    let mut moves = Moves { staging, dir, into: BTreeSet::new() };
    moves.folder(Path::new(""))?;
    sync_folders(&moves.into, dir)?; // the renames are durable too
    fs::remove_dir_all(staging).map_err(io(staging))?;
    let parent = dir.join(STAGING);
    if fs::read_dir(&parent).map(|mut d| d.next().is_none()).unwrap_or(false) {
        let _ = fs::remove_dir(&parent);
    }
    Ok(())
}

/// One pass of [`move_into_place`], and the folders that received entries.
struct Moves<'a> {
    staging: &'a Path,
    dir: &'a Path,
    into: BTreeSet<PathBuf>,
}

impl Moves<'_> {
    /// Move the staged folder `rel`'s entries (in name order, so a run cut
    /// short and finished later moves the same way).
    fn folder(&mut self, rel: &Path) -> Result<(), TxnError> {
        let from = self.staging.join(rel);
        let mut entries = Vec::new();
        for entry in fs::read_dir(&from).map_err(io(&from))? {
            let entry = entry.map_err(io(&from))?;
            let is_dir = entry.file_type().map_err(io(&entry.path()))?.is_dir();
            entries.push((entry.file_name(), is_dir));
        }
        entries.sort();
        for (name, is_dir) in entries {
            let rel = rel.join(name);
            let (from, to) = (self.staging.join(&rel), self.dir.join(&rel));
            if !present(&to) {
                fs::rename(&from, &to).map_err(io(&to))?;
                let first = self.into.is_empty();
                self.into.insert(to.parent().expect("inside dir").to_path_buf());
                if first {
                    fault("mid-move");
                }
            } else if is_dir {
                private_dir(self.dir, &rel)?; // refuses a planted link or file
                self.folder(&rel)?;
            } else {
                // Moved by an earlier, interrupted pass: the staged copy is the same file.
                fs::remove_file(&from).map_err(io(&from))?;
            }
        }
        Ok(())
    }
}

/// Past this many folders, one filesystem sync is cheaper than a sync of each.
const FOLDER_SYNCS: usize = 16;

/// Make the renames into `folders` durable: a sync of each folder (a first
/// run's moves land in `dir` alone), or of the filesystem when they are many.
fn sync_folders(folders: &BTreeSet<PathBuf>, dir: &Path) -> Result<(), TxnError> {
    if folders.len() > FOLDER_SYNCS {
        return sync_filesystem(dir);
    }
    #[cfg(unix)]
    for f in folders {
        fs::File::open(f).and_then(|h| h.sync_all()).map_err(io(f))?;
    }
    Ok(())
}

/// Finish the runs cut short whose commit point was written (run number up to
/// `committed`), roll back the others.
pub(crate) fn recover(dir: &Path, committed: u32) -> Result<(), TxnError> {
    let root = dir.join(STAGING);
    if fs::symlink_metadata(&root).is_ok_and(|m| !m.is_dir()) {
        return Err(TxnError::Io {
            path: root,
            source: std::io::Error::other("not a folder (a link?); refusing to use it"),
        });
    }
    let Ok(entries) = fs::read_dir(&root) else {
        return Ok(());
    };
    let mut runs: Vec<(u32, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&root))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(n) = name.strip_prefix("run").and_then(|n| n.parse::<u32>().ok()) {
            runs.push((n, entry.path()));
        }
    }
    runs.sort();
    for (n, path) in runs {
        if n <= committed {
            eprintln!("pmc-migrate: finishing run {n}, which was interrupted after its ledger was written");
            move_into_place(&path, dir)?;
        } else {
            eprintln!("pmc-migrate: discarding run {n}, which was interrupted before its ledger was written");
            fs::remove_dir_all(&path).map_err(io(&path))?;
        }
    }
    let _ = fs::remove_dir(&root);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Filesystem syncs made by this thread (tests run on threads of their own).
        pub(super) static SYNCS: Cell<usize> = const { Cell::new(0) };
    }

    fn stage(root: &Path, run: u32, files: &[&str]) -> Staging {
        let mut s = Staging::begin(root, run).unwrap();
        for f in files {
            s.ensure_dir(Path::new(f).parent().unwrap()).unwrap();
            s.write(Path::new(f), f.as_bytes()).unwrap();
        }
        s
    }

    #[cfg(unix)]
    #[test]
    fn a_first_commit_syncs_once_and_moves_each_fresh_folder_whole() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let s = stage(dir.path(), 1, &["credentials/1.csv", "credentials/2.csv", "outbox/1/a.eml", "outbox/2/b.eml"]);
        let staged = fs::metadata(s.path.join("credentials")).unwrap().ino();
        let before = SYNCS.with(Cell::get);
        s.commit(String::new(), || Ok(())).unwrap();
        assert_eq!(SYNCS.with(Cell::get) - before, 1, "one filesystem sync");
        assert_eq!(fs::metadata(dir.path().join("credentials")).unwrap().ino(), staged, "moved by one rename");
        for f in ["credentials/1.csv", "credentials/2.csv", "outbox/1/a.eml", "outbox/2/b.eml"] {
            assert_eq!(fs::read(dir.path().join(f)).unwrap(), f.as_bytes());
        }
        assert!(!dir.path().join(STAGING).exists());
    }

    #[test]
    fn a_later_commit_adds_files_beside_the_earlier_ones_and_never_over_them() {
        let dir = tempfile::tempdir().unwrap();
        stage(dir.path(), 1, &["credentials/1.csv", "outbox/1/a.eml"]).commit(String::new(), || Ok(())).unwrap();
        let s = stage(dir.path(), 2, &["credentials/1.run2.csv", "credentials/2.csv", "outbox/1/b.eml"]);
        // A file already in place (as after a move cut short) keeps its bytes.
        fs::write(dir.path().join("credentials/2.csv"), b"in place").unwrap();
        let before = SYNCS.with(Cell::get);
        s.commit(String::new(), || Ok(())).unwrap();
        assert_eq!(SYNCS.with(Cell::get) - before, 1, "one filesystem sync");
        for f in ["credentials/1.csv", "credentials/1.run2.csv", "outbox/1/a.eml", "outbox/1/b.eml"] {
            assert_eq!(fs::read(dir.path().join(f)).unwrap(), f.as_bytes());
        }
        assert_eq!(fs::read(dir.path().join("credentials/2.csv")).unwrap(), b"in place");
        assert!(!dir.path().join(STAGING).exists());
    }

    #[cfg(unix)]
    #[test]
    fn moves_refuse_a_planted_link_in_place_of_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), dir.path().join("credentials")).unwrap();
        let s = stage(dir.path(), 1, &["credentials/1.csv"]);
        assert!(s.commit(String::new(), || Ok(())).is_err());
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_run_that_fails_before_its_commit_point_removes_what_it_staged() {
        let dir = tempfile::tempdir().unwrap();
        drop(stage(dir.path(), 1, &["credentials/1.csv"]));
        assert!(!dir.path().join(STAGING).exists());
        let failed = stage(dir.path(), 1, &["credentials/1.csv"]).commit(String::new(), || {
            Err(TxnError::Io { path: dir.path().into(), source: std::io::Error::other("disk full") })
        });
        assert!(failed.is_err());
        assert!(!dir.path().join(STAGING).exists());
    }

    #[test]
    fn recover_finishes_a_committed_run_and_discards_an_uncommitted_one() {
        let dir = tempfile::tempdir().unwrap();
        // Forgotten, as by a process killed before either committed.
        std::mem::forget(stage(dir.path(), 1, &["credentials/1.csv"]));
        std::mem::forget(stage(dir.path(), 2, &["credentials/1.run2.csv"]));
        recover(dir.path(), 1).unwrap();
        assert!(dir.path().join("credentials/1.csv").is_file());
        assert!(!dir.path().join("credentials/1.run2.csv").exists());
        assert!(!dir.path().join(STAGING).exists());
    }
}
