//! Every output goes to a temporary name in its folder, is synced, and is
//! renamed into place: an interrupted run leaves the old file or the new one.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Mode of files that hold no secret (temporary files start out private).
pub(crate) const PUBLIC_MODE: u32 = 0o644;

/// Write `bytes` to `path` atomically; `mode` (e.g. 0o600) is set before the
/// rename, [`PUBLIC_MODE`] when `None`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    write_renamed(path, bytes, mode)
}

/// Like [`write_atomic`], with the content streamed by `fill` through a
/// buffer, so a large file is never held in memory whole.
pub(crate) fn write_atomic_streamed(
    path: &Path,
    mode: Option<u32>,
    fill: impl FnOnce(&mut io::BufWriter<&fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    let (dir, tmp) = temporary_beside(path)?;
    let _cleanup = crate::core::interrupt::remove_on_signal(tmp.path());
    {
        let mut w = io::BufWriter::with_capacity(1 << 20, tmp.as_file());
        fill(&mut w)?;
        w.flush()?;
    }
    finish(tmp, path, dir, mode)
}

fn temporary_beside(path: &Path) -> io::Result<(&Path, tempfile::NamedTempFile)> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Ok((dir, tempfile::Builder::new().prefix(".pmc-migrate-").suffix(".tmp").tempfile_in(dir)?))
}

fn finish(tmp: tempfile::NamedTempFile, path: &Path, dir: &Path, mode: Option<u32>) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(fs::Permissions::from_mode(mode.unwrap_or(PUBLIC_MODE)))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

fn write_renamed(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    let (dir, mut tmp) = temporary_beside(path)?;
    let _cleanup = crate::core::interrupt::remove_on_signal(tmp.path());
    tmp.write_all(bytes)?;
    tmp.flush()?;
    finish(tmp, path, dir, mode)
}

/// Make (or reuse) `root/rel`, refusing to pass through a symbolic link or a
/// file: in a shared output folder, a planted link must not carry secrets or
/// pages elsewhere. Folders it creates get `mode`.
pub(crate) fn real_dir(root: &Path, rel: &Path, mode: u32) -> io::Result<std::path::PathBuf> {
    let mut path = root.to_path_buf();
    for part in rel.components() {
        match part {
            std::path::Component::Normal(p) => path.push(p),
            _ => return Err(io::Error::other(format!("{} is not a plain relative folder", rel.display()))),
        }
        match fs::symlink_metadata(&path) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(io::Error::other(format!("{} is a link; refusing to write through it", path.display())));
            }
            Ok(m) if !m.is_dir() => return Err(io::Error::other(format!("{} is not a folder", path.display()))),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(&path)?;
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    fs::set_permissions(&path, fs::Permissions::from_mode(mode))?;
                }
                #[cfg(not(unix))]
                let _ = mode;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(path)
}

/// Make every file under `dir` durable: one filesystem sync on Linux instead
/// of one per file (tens of thousands on a large run), each file elsewhere.
pub(crate) fn sync_tree(dir: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let handle = fs::File::open(dir)?;
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs only reads the descriptor, which `handle` keeps open for the call.
        if unsafe { libc::syncfs(handle.as_raw_fd()) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            if entry.file_type()?.is_dir() {
                sync_tree(&entry.path())?;
            } else {
                fs::File::open(entry.path())?.sync_all()?;
            }
        }
        Ok(())
    }
}

/// Make the rename itself durable (best effort: not every platform can open a folder).
pub(super) fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn real_dir_refuses_links() {
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("/tmp", dir.path().join("link")).unwrap();
        assert!(real_dir(dir.path(), Path::new("link/x"), 0o700).is_err());
        assert!(real_dir(dir.path(), Path::new("../x"), 0o700).is_err());
        let made = real_dir(dir.path(), Path::new("a/b"), 0o700).unwrap();
        assert!(made.is_dir());
    }

    #[test]
    fn writes_replaces_and_leaves_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"one", None).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, PUBLIC_MODE);
        }
        write_atomic(&p, b"two", Some(0o600)).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
