//! The output folder is the tool's own. The first run marks it (a small file
//! with the tool's version and the list of files it wrote); later runs
//! replace or delete only files on that list. A non-empty folder without the
//! mark is refused unless forced, and `/`, the home folder and a folder that
//! holds an input are refused always.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The mark, inside the output folder.
pub(crate) const MARKER: &str = ".pmc-migrate";
const HEADER: &str = "pmc-migrate";
const NOTE: &str = "# This folder is pmc-migrate's output. The files it wrote (it replaces or deletes no other):";
/// Names the tool keeps in a folder without listing them (its lock, its staging).
const OWN: [&str; 3] = [MARKER, super::lock::LOCK_FILE, ".staging"];
/// Every name the tool writes at the top of its folder (a folder's name ends
/// in `/`): what an unmarked folder of an earlier version, or a forced one,
/// holds at these names is taken as the tool's.
const TOOL_NAMES: [&str; 9] = [
    "plan.json",
    "findings.csv",
    "index.html",
    "orgs/",
    "ledger.csv",
    "credentials/",
    "outbox/",
    "status.json",
    "status.html",
];
/// How many entries a refusal names.
const NAMED: usize = 5;

#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("refusing --out {}: {why}; choose a new folder, e.g. --out migration", dir.display())]
    Forbidden { dir: PathBuf, why: String },
    #[error(
        "--out {} is not empty and was not made by pmc-migrate (it holds {entries}); choose a new or empty \
         folder, or pass --force to let pmc-migrate write its files there (it never deletes files it did not write)",
        dir.display()
    )]
    Foreign { dir: PathBuf, entries: String },
    #[error(
        "{} was not written by pmc-migrate and this run would replace it; move it out of {}, or pass --force \
         to let pmc-migrate replace it",
        path.display(), dir.display()
    )]
    NotOurs { dir: PathBuf, path: PathBuf },
    #[error(
        "{} was not written by pmc-migrate, and {}/ is replaced whole on every run; move it out of the folder",
        path.display(), folder.display()
    )]
    InsideOurs { path: PathBuf, folder: PathBuf },
    #[error("--out {} is a file; --out must be a folder (it is created if missing)", dir.display())]
    NotAFolder { dir: PathBuf },
    #[error("{} is both an input and an output of this run; give the input from another folder", path.display())]
    InputIsOutput { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// What a command is about to do in the folder.
pub(crate) struct Claim<'a> {
    /// Exports that must not live inside the folder at all.
    pub exports: &'a [&'a Path],
    /// Other inputs, which must not be one of the files the run writes.
    pub inputs: &'a [&'a Path],
    /// The entries the run replaces: files, and folders replaced whole (`orgs/`).
    pub replaces: &'a [&'a str],
    /// `--force`: take a foreign folder, and replace files at the tool's names in it.
    pub force: bool,
}

/// A claimed output folder and the files the tool wrote in it.
#[derive(Debug)]
pub(crate) struct Folder {
    dir: PathBuf,
    written: BTreeSet<String>,
    /// The folder had no mark and was taken (an earlier version's, or forced).
    pub adopted: bool,
    /// The mark is still to be written ([`Folder::save`], once the folder's lock is held).
    pub unmarked: bool,
}

/// Check `dir` against `claim` and make it the tool's (created when missing).
pub(crate) fn claim(dir: &Path, claim: &Claim) -> Result<Folder, FolderError> {
    let io_at = |path: &Path| {
        let path = path.to_path_buf();
        move |source| FolderError::Io { path, source }
    };
    match fs::metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(FolderError::NotAFolder { dir: dir.to_path_buf() }),
        Ok(_) => {}
        Err(_) => fs::create_dir_all(dir).map_err(io_at(dir))?,
    }
    let real = fs::canonicalize(dir).map_err(io_at(dir))?;
    let forbidden = |why: String| FolderError::Forbidden { dir: dir.to_path_buf(), why };
    if real.parent().is_none() {
        return Err(forbidden("it is the root folder".into()));
    }
    if std::env::var_os("HOME").and_then(|h| fs::canonicalize(h).ok()).is_some_and(|home| home == real) {
        return Err(forbidden("it is your home folder".into()));
    }
    for export in claim.exports {
        if fs::canonicalize(export).is_ok_and(|p| p.starts_with(&real)) {
            return Err(forbidden(format!("it holds the input {}", export.display())));
        }
    }
    for input in claim.inputs {
        let Ok(p) = fs::canonicalize(input) else { continue };
        if claim.replaces.iter().chain(&OWN).any(|name| p.starts_with(real.join(name))) {
            return Err(FolderError::InputIsOutput { path: input.to_path_buf() });
        }
    }
    let mut folder = match read_marker(dir).map_err(io_at(&dir.join(MARKER)))? {
        Some(written) => Folder { dir: dir.to_path_buf(), written, adopted: false, unmarked: false },
        None => adopt(dir, claim)?,
    };
    for name in claim.replaces {
        let path = dir.join(name);
        if name.ends_with('/') {
            folder.check_inside(&path, name)?;
        } else if fs::symlink_metadata(&path).is_ok() && !folder.written.contains(*name) {
            if !claim.force {
                return Err(FolderError::NotOurs { dir: dir.to_path_buf(), path });
            }
            folder.written.insert(name.to_string());
        }
    }
    folder.unmarked = !dir.join(MARKER).exists();
    Ok(folder)
}

/// A folder without the mark: empty, an earlier version's, or forced.
fn adopt(dir: &Path, claim: &Claim) -> Result<Folder, FolderError> {
    let io_at = |source| FolderError::Io { path: dir.to_path_buf(), source };
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_at)? {
        let name = entry.map_err(io_at)?.file_name().to_string_lossy().into_owned();
        if !OWN.contains(&name.as_str()) {
            entries.push(name);
        }
    }
    entries.sort();
    let empty = entries.is_empty();
    if !empty && !claim.force && !earlier_version(dir) {
        let mut named: Vec<String> = entries.iter().take(NAMED).cloned().collect();
        if entries.len() > NAMED {
            named.push(format!("and {} more", entries.len() - NAMED));
        }
        return Err(FolderError::Foreign { dir: dir.to_path_buf(), entries: named.join(", ") });
    }
    // What is there at the tool's names is taken as written by it (an earlier
    // version's files, or ones the user forced it to take).
    let mut written = BTreeSet::new();
    for name in TOOL_NAMES {
        let path = dir.join(name);
        if name == "orgs/" {
            for entry in fs::read_dir(&path).into_iter().flatten().flatten() {
                let page = entry.file_name().to_string_lossy().into_owned();
                if is_tool_page(&page) {
                    written.insert(format!("{name}{page}"));
                }
            }
        } else if fs::symlink_metadata(&path).is_ok() {
            written.insert(name.to_string());
        }
    }
    Ok(Folder { dir: dir.to_path_buf(), written, adopted: !empty, unmarked: true })
}

/// A name the tool gives a file in `orgs/`: `<mpn_id>.html`, the listing, the stylesheet.
fn is_tool_page(name: &str) -> bool {
    let page = name.strip_suffix(".html").is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()));
    page || name == "index.html" || name == "style.css"
}

/// A folder an earlier pmc-migrate wrote, before folders were marked: it
/// holds a ledger or a plan of the tool's.
fn earlier_version(dir: &Path) -> bool {
    let starts = |name: &str, with: &[u8]| {
        use io::Read;
        let mut head = [0u8; 64];
        fs::File::open(dir.join(name)).and_then(|mut f| f.read(&mut head)).is_ok_and(|n| head[..n].starts_with(with))
    };
    // A ledger starts with a BOM since it is written for spreadsheets too.
    starts("ledger.csv", b"kind,mpn_id,email_key,")
        || starts("ledger.csv", b"\xEF\xBB\xBFkind,mpn_id,email_key,")
        || starts("plan.json", b"{\n    \"as_of\"")
}

/// The list of written files in `dir`'s mark; `None` when there is no mark.
fn read_marker(dir: &Path) -> io::Result<Option<BTreeSet<String>>> {
    let text = match fs::read_to_string(dir.join(MARKER)) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let mut lines = text.lines();
    if !lines.next().is_some_and(|l| l.starts_with(HEADER)) {
        return Err(io::Error::other("not a pmc-migrate folder mark (restore it, or remove it and pass --force)"));
    }
    Ok(Some(lines.filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_string).collect()))
}

impl Folder {
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every entry of the folder `path` (named `name`, ending in `/`) must be
    /// the tool's: the folder is replaced whole. A folder inside it that the
    /// list names (`outbox/reminders/1234/`) is checked the same way.
    fn check_inside(&self, path: &Path, name: &str) -> Result<(), FolderError> {
        let Ok(entries) = fs::read_dir(path) else { return Ok(()) };
        for entry in entries.flatten() {
            let rel = format!("{name}{}", entry.file_name().to_string_lossy());
            let folder = format!("{rel}/");
            if self.written.contains(&folder) && entry.file_type().is_ok_and(|t| t.is_dir()) {
                self.check_inside(&entry.path(), &folder)?;
            } else if !self.written.contains(&rel) {
                return Err(FolderError::InsideOurs { path: self.dir.join(rel), folder: path.to_path_buf() });
            }
        }
        Ok(())
    }

    /// Record files the run writes (relative paths; `orgs/1234.html`).
    pub(crate) fn wrote<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) {
        self.written.extend(names.into_iter().map(Into::into));
    }

    /// The files and folders the list names under `prefix`.
    pub(crate) fn listed(&self, prefix: &str) -> Vec<String> {
        self.written.iter().filter(|n| n.starts_with(prefix)).cloned().collect()
    }

    /// Forget the files under `prefix` (a folder the run replaced whole).
    pub(crate) fn replaced(&mut self, prefix: &str) {
        self.written.retain(|n| !n.starts_with(prefix));
    }

    /// Write the mark with the current list, atomically.
    pub(crate) fn save(&self) -> io::Result<()> {
        let mut text = format!("{HEADER} {}\n{NOTE}\n", env!("CARGO_PKG_VERSION"));
        for name in &self.written {
            text.push_str(name);
            text.push('\n');
        }
        super::atomic::write_atomic(&self.dir.join(MARKER), text.as_bytes(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORTS: Claim = Claim { exports: &[], inputs: &[], replaces: &["index.html", "orgs/"], force: false };

    #[test]
    fn a_new_folder_is_marked_and_a_marked_one_is_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut folder = claim(&out, &REPORTS).unwrap();
        assert!(folder.unmarked);
        folder.wrote(["index.html", "orgs/1.html"]);
        folder.save().unwrap();
        fs::create_dir_all(out.join("orgs")).unwrap();
        fs::write(out.join("orgs/1.html"), "p").unwrap();
        fs::write(out.join("index.html"), "i").unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let again = claim(&out, &REPORTS).unwrap();
        assert!(!again.adopted);
    }

    #[test]
    fn a_foreign_folder_is_refused_unless_forced_and_its_own_folder_never_holds_strangers() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("orgs")).unwrap();
        fs::write(dir.path().join("orgs/notes.txt"), "x").unwrap();
        fs::write(dir.path().join("index.html"), "mine").unwrap();
        let e = claim(dir.path(), &REPORTS).unwrap_err().to_string();
        assert!(e.contains("index.html, orgs"), "{e}");
        let forced = Claim { force: true, ..REPORTS };
        let e = claim(dir.path(), &forced).unwrap_err().to_string();
        assert!(e.contains("orgs/notes.txt"), "{e}");
        fs::remove_file(dir.path().join("orgs/notes.txt")).unwrap();
        assert!(claim(dir.path(), &forced).unwrap().adopted);
    }

    #[test]
    fn a_listed_folder_inside_a_replaced_one_is_checked_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let claim_reminders = Claim { replaces: &["outbox/reminders/"], ..REPORTS };
        let mut folder = claim(dir.path(), &claim_reminders).unwrap();
        folder.wrote(["outbox/reminders/1/", "outbox/reminders/1/a.eml"]);
        folder.save().unwrap();
        fs::create_dir_all(dir.path().join("outbox/reminders/1")).unwrap();
        fs::write(dir.path().join("outbox/reminders/1/a.eml"), "m").unwrap();
        assert!(claim(dir.path(), &claim_reminders).is_ok());
        assert_eq!(folder.listed("outbox/reminders/"), ["outbox/reminders/1/", "outbox/reminders/1/a.eml"]);
        fs::write(dir.path().join("outbox/reminders/1/mine.eml"), "x").unwrap();
        let e = claim(dir.path(), &claim_reminders).unwrap_err().to_string();
        assert!(e.contains("outbox/reminders/1/mine.eml"), "{e}");
        fs::remove_file(dir.path().join("outbox/reminders/1/mine.eml")).unwrap();
        // A folder the list does not name is a stranger, whatever it holds.
        fs::create_dir_all(dir.path().join("outbox/reminders/2")).unwrap();
        let e = claim(dir.path(), &claim_reminders).unwrap_err().to_string();
        assert!(e.contains("outbox/reminders/2"), "{e}");
    }

    #[test]
    fn root_and_a_folder_holding_an_input_are_refused() {
        assert!(matches!(claim(Path::new("/"), &REPORTS), Err(FolderError::Forbidden { .. })));
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("m.csv");
        fs::write(&export, "x").unwrap();
        let with_input = Claim { exports: &[&export], force: true, ..REPORTS };
        assert!(matches!(claim(dir.path(), &with_input), Err(FolderError::Forbidden { .. })));
    }
}
