//! A set of files published as one unit: written into a fresh generation
//! folder, made durable, committed by one rename, then moved into place. A
//! run cut short before the commit leaves the previous set untouched (the
//! next run removes the unfinished generation); one cut short after it is
//! finished by the next run, so whoever looks next sees one complete set.

use super::atomic::{real_dir, sync_dir, sync_tree};
use crate::core::hex::hex;
use crate::core::interrupt;
use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The generation being written; removed when it is found unfinished.
const NEW: &str = ".report-new";
/// A committed generation whose files are being moved into place.
const READY: &str = ".report-ready";
/// Folders the new set replaced, removed once it is in place.
const OLD: &str = ".report-old";
/// Where an earlier version wrote its organisation pages first.
const LEGACY: [&str; 2] = [".orgs-new", ".orgs-old"];
/// Temporary files of single atomic writes ([`super::atomic`]).
const TEMPORARY: (&str, &str) = (".pmc-migrate-", ".tmp");

/// A generation folder inside `root`, being filled.
pub(crate) struct Generation {
    root: PathBuf,
    path: PathBuf,
    /// Until the commit, a signal removes the unfinished generation.
    cleanup: Option<interrupt::Cleanup>,
}

/// A run that ends in an error before the commit removes its unfinished set.
impl Drop for Generation {
    fn drop(&mut self) {
        if self.cleanup.is_some() {
            let _ = remove_real(&self.path);
        }
    }
}

impl Generation {
    /// A fresh, empty generation in `root` (a leftover one is discarded).
    pub(crate) fn begin(root: &Path) -> io::Result<Generation> {
        let path = root.join(NEW);
        remove_real(&path)?;
        real_dir(root, Path::new(NEW), 0o755)?;
        let cleanup = Some(interrupt::remove_on_signal(&path));
        Ok(Generation { root: root.to_path_buf(), path, cleanup })
    }

    /// The folder to write the set into.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Make the set durable, commit it, and move its files into place, each
    /// replacing the one of the same name (a folder replaces the old folder
    /// whole). A signal from the commit on waits for the set to be in place.
    /// `published` is what a signal from then on says of the folder.
    pub(crate) fn publish(mut self, published: String) -> io::Result<()> {
        interrupt::pause("before-publish");
        sync_tree(&self.path)?;
        let _critical = interrupt::critical();
        interrupt::set_folder_state(published);
        fs::rename(&self.path, self.root.join(READY))?;
        self.cleanup = None;
        sync_dir(&self.root);
        finish(&self.root)
    }
}

/// Move a committed generation's entries into place: folders first, then
/// files in name order, so the set's record (plan.json) comes last.
fn finish(root: &Path) -> io::Result<()> {
    let ready = root.join(READY);
    let old = root.join(OLD);
    remove_real(&old)?;
    let mut entries = Vec::new();
    for entry in fs::read_dir(&ready)? {
        let entry = entry?;
        entries.push((!entry.file_type()?.is_dir(), entry.file_name()));
    }
    entries.sort();
    for (is_file, name) in entries {
        let (from, to) = (ready.join(&name), root.join(&name));
        if !is_file {
            match fs::symlink_metadata(&to) {
                Ok(m) if m.is_dir() => {
                    real_dir(root, Path::new(OLD), 0o700)?;
                    fs::rename(&to, old.join(&name))?;
                }
                Ok(_) => {
                    return Err(io::Error::other(format!("{} is not a folder; refusing to replace it", to.display())));
                }
                Err(_) => {}
            }
        }
        fs::rename(&from, &to)?;
    }
    sync_dir(root);
    fs::remove_dir(&ready)?;
    remove_real(&old)
}

/// Tidy what an interrupted run left in `root`: finish a committed
/// generation, remove an unfinished one and stray temporary files. Returns
/// one sentence for each kind of thing it did.
pub(crate) fn recover(root: &Path) -> io::Result<Vec<String>> {
    let mut done = Vec::new();
    if fs::symlink_metadata(root.join(READY)).is_ok() {
        finish(root)?;
        done.push("finished publishing the report set of an interrupted run".to_string());
    }
    remove_real(&root.join(OLD))?;
    if fs::symlink_metadata(root.join(NEW)).is_ok() {
        remove_real(&root.join(NEW))?;
        done.push("removed the unfinished report set of an interrupted run".to_string());
    }
    let mut stray = 0;
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let temporary = name.starts_with(TEMPORARY.0) && name.ends_with(TEMPORARY.1);
        if temporary || LEGACY.contains(&name.as_str()) {
            remove_real(&entry.path())?;
            stray += 1;
        }
    }
    if stray > 0 {
        done.push(format!("removed {stray} temporary file(s) of an interrupted run"));
    }
    Ok(done)
}

/// The SHA-256 of a set of files in `root`: `names` are files or folders
/// (every file under a folder counts), and the digest is that of the lines
/// `<sha256 of the file>  <relative path>`, sorted by path, as `sha256sum`
/// prints them. Anything but a plain file or folder makes it an error.
pub(crate) fn digest(root: &Path, names: &[&str]) -> io::Result<String> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    for name in names {
        collect(root, Path::new(name), &mut files)?;
    }
    files.sort();
    let lines: Vec<String> = files
        .par_iter()
        .map(|rel| {
            let bytes = fs::read(root.join(rel))?;
            Ok(format!("{}  {}\n", hex(&Sha256::digest(&bytes)), rel))
        })
        .collect::<io::Result<_>>()?;
    let mut all = Sha256::new();
    lines.iter().for_each(|l| all.update(l.as_bytes()));
    Ok(hex(&all.finalize()))
}

/// The files at `rel` (a file, or every file under a folder), as `/`-separated paths.
fn collect(root: &Path, rel: &Path, out: &mut Vec<String>) -> io::Result<()> {
    let path = root.join(rel);
    let meta = match fs::symlink_metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    if meta.is_file() {
        out.push(rel.to_string_lossy().replace('\\', "/"));
    } else if meta.is_dir() {
        for entry in fs::read_dir(&path)? {
            collect(root, &rel.join(entry?.file_name()), out)?;
        }
    } else {
        return Err(io::Error::other(format!("{} is neither a file nor a folder", path.display())));
    }
    Ok(())
}

/// Remove what this module made at `path` (a folder whole, never through a link).
fn remove_real(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn a_published_set_replaces_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "index.html", "old");
        write(dir.path(), "orgs/1.html", "old page");
        let g = Generation::begin(dir.path()).unwrap();
        write(g.path(), "index.html", "new");
        write(g.path(), "orgs/2.html", "new page");
        g.publish(String::new()).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("index.html")).unwrap(), "new");
        assert!(!dir.path().join("orgs/1.html").exists());
        assert!(dir.path().join("orgs/2.html").is_file());
        for leftover in [NEW, READY, OLD] {
            assert!(!dir.path().join(leftover).exists());
        }
    }

    #[test]
    fn recover_removes_an_unfinished_set_and_finishes_a_committed_one() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "index.html", "old");
        write(dir.path(), ".report-new/index.html", "unfinished");
        write(dir.path(), ".pmc-migrate-x1.tmp", "partial");
        let done = recover(dir.path()).unwrap();
        assert_eq!(done.len(), 2, "{done:?}");
        assert_eq!(fs::read_to_string(dir.path().join("index.html")).unwrap(), "old");
        assert!(!dir.path().join(".pmc-migrate-x1.tmp").exists());

        // Cut short mid-move: the old orgs/ already aside, the new one not yet in place.
        write(dir.path(), ".report-ready/index.html", "committed");
        write(dir.path(), ".report-ready/orgs/2.html", "new page");
        write(dir.path(), ".report-old/orgs/1.html", "old page");
        let done = recover(dir.path()).unwrap();
        assert_eq!(done, ["finished publishing the report set of an interrupted run"]);
        assert_eq!(fs::read_to_string(dir.path().join("index.html")).unwrap(), "committed");
        assert!(dir.path().join("orgs/2.html").is_file());
        assert!(!dir.path().join(OLD).exists() && !dir.path().join(READY).exists());
    }

    #[test]
    fn the_digest_covers_every_file_and_its_name() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.csv", "x");
        write(dir.path(), "orgs/1.html", "p");
        let one = digest(dir.path(), &["a.csv", "orgs"]).unwrap();
        assert_eq!(one, digest(dir.path(), &["a.csv", "orgs"]).unwrap());
        write(dir.path(), "orgs/notes.txt", "added");
        let two = digest(dir.path(), &["a.csv", "orgs"]).unwrap();
        assert_ne!(one, two);
        fs::rename(dir.path().join("orgs/notes.txt"), dir.path().join("orgs/other.txt")).unwrap();
        assert_ne!(two, digest(dir.path(), &["a.csv", "orgs"]).unwrap());
    }
}
