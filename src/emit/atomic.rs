//! Every output goes to a temporary name in its folder, is synced, and is
//! renamed into place: an interrupted run leaves the old file or the new one.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Mode of files that hold no secret (temporary files start out private).
pub const PUBLIC_MODE: u32 = 0o644;

/// Write `bytes` to `path` atomically; `mode` (e.g. 0o600) is set before the
/// rename, [`PUBLIC_MODE`] when `None`.
pub fn write_atomic(path: &Path, bytes: &[u8], mode: Option<u32>) -> io::Result<()> {
    write_renamed(path, bytes, mode, true)
}

/// Atomic against a killed process (temporary name, then rename) but not
/// synced to disk: for report pages, thousands of which would otherwise cost
/// two syncs each; a power cut can at worst leave a page to regenerate.
pub fn write_page(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_renamed(path, bytes, None, false)
}

fn write_renamed(path: &Path, bytes: &[u8], mode: Option<u32>, durable: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new().prefix(".pmc-migrate-").suffix(".tmp").tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.flush()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(fs::Permissions::from_mode(mode.unwrap_or(PUBLIC_MODE)))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    if durable {
        tmp.as_file().sync_all()?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    if durable {
        sync_dir(dir);
    }
    Ok(())
}

/// Make the rename itself durable (best effort: not every platform can open a folder).
fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
