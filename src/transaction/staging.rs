//! A staged commit of many private files: they are written under
//! `.staging/run<N>/` (mode 0600, folders 0700), made durable with one
//! filesystem sync, then the caller's commit point is written, then they are
//! moved into place. A run cut short is finished by [`recover`] when its
//! commit point was written, and rolled back when it was not.

use super::error::{TxnError, fault, io};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

const STAGING: &str = ".staging";
const SECRET_MODE: u32 = 0o600;

/// Run `run`'s staging folder inside `root`, with the folders made so far.
pub struct Staging {
    root: PathBuf,
    /// `<root>/.staging/run<N>`.
    path: PathBuf,
    folders: PrivateDirs,
}

impl Staging {
    /// A fresh, empty staging folder for `run` (a leftover one is discarded).
    pub fn begin(root: &Path, run: u32) -> Result<Staging, TxnError> {
        let rel = Path::new(STAGING).join(format!("run{run}"));
        private_dir(root, &rel)?; // refuses a planted link before anything is removed
        let path = root.join(&rel);
        fs::remove_dir_all(&path).map_err(io(&path))?;
        private_dir(root, &rel)?;
        Ok(Staging { root: root.to_path_buf(), folders: PrivateDirs::new(&path), path })
    }

    /// Make the private folder `rel` inside the staging folder (once per folder:
    /// tens of thousands of files share a few folders).
    pub fn ensure_dir(&mut self, rel: &Path) -> Result<(), TxnError> {
        self.folders.ensure(rel)
    }

    /// A new secret file at `rel` (its folder made first with [`Self::ensure_dir`]):
    /// created 0600, never readable by others, not even for a moment, and not
    /// synced one by one: [`Self::commit`] makes them all durable at once.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<(), TxnError> {
        use std::io::Write;
        let path = self.path.join(rel);
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, SECRET_MODE);
        let mut f = options.open(&path).map_err(io(&path))?;
        f.write_all(bytes).map_err(io(&path))
    }

    /// Sync everything staged, write the commit point, move the files into place.
    pub fn commit(self, commit_point: impl FnOnce() -> Result<(), TxnError>) -> Result<(), TxnError> {
        sync_filesystem(&self.path)?;
        fault("before-ledger");
        commit_point()?;
        fault("after-ledger");
        move_into_place(&self.path, &self.root)
    }
}

/// Everything staged reaches the disk before the commit point is written: one
/// filesystem sync instead of one per file (tens of thousands on a large run).
fn sync_filesystem(dir: &Path) -> Result<(), TxnError> {
    #[cfg(target_os = "linux")]
    {
        let handle = fs::File::open(dir).map_err(io(dir))?;
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs only reads the descriptor, which `handle` keeps open for the call.
        if unsafe { libc::syncfs(handle.as_raw_fd()) } != 0 {
            return Err(TxnError::Io { path: dir.to_path_buf(), source: std::io::Error::last_os_error() });
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut files = Vec::new();
        collect_files(dir, &mut files)?;
        for f in files {
            fs::File::open(&f).and_then(|f| f.sync_all()).map_err(io(&f))?;
        }
        Ok(())
    }
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

/// Move staged files to their places (never over an existing file), then drop the staging folder.
fn move_into_place(staging: &Path, dir: &Path) -> Result<(), TxnError> {
    let mut files = Vec::new();
    collect_files(staging, &mut files)?;
    files.sort();
    let mut folders = PrivateDirs::new(dir);
    for (n, from) in files.iter().enumerate() {
        let rel = from.strip_prefix(staging).expect("inside staging");
        let to = dir.join(rel);
        if present(&to) {
            // Moved by an earlier, interrupted pass: the staged copy is the same file.
            fs::remove_file(from).map_err(io(from))?;
            continue;
        }
        folders.ensure(rel.parent().expect("has parent"))?;
        fs::rename(from, &to).map_err(io(&to))?;
        if n == 0 {
            fault("mid-move");
        }
    }
    sync_filesystem(dir)?; // the renames are durable too
    fs::remove_dir_all(staging).map_err(io(staging))?;
    let parent = dir.join(STAGING);
    if fs::read_dir(&parent).map(|mut d| d.next().is_none()).unwrap_or(false) {
        let _ = fs::remove_dir(&parent);
    }
    Ok(())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), TxnError> {
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        if entry.file_type().map_err(io(&path))?.is_dir() {
            collect_files(&path, out)?;
        } else if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".pmc-migrate-")) {
            out.push(path);
        }
    }
    Ok(())
}

/// Finish the runs cut short whose commit point was written (run number up to
/// `committed`), roll back the others.
pub fn recover(dir: &Path, committed: u32) -> Result<(), TxnError> {
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
