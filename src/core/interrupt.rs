//! SIGINT and SIGTERM. A thread of its own waits for them; when one comes it
//! clears the progress bars, removes every temporary file and unfinished
//! folder registered here (staged password files included), prints one line
//! saying what state the output folder is in, and exits 130 or 143. Inside a
//! critical section (a commit under way) it waits for the section to end, so
//! a commit is always finished, never cut in half by the signal.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

/// What an interrupt leaves when no workflow said otherwise.
const UNTOUCHED: &str = "nothing was written";

struct State {
    /// Paths to remove on a signal, by registration number.
    cleanup: Vec<(u64, PathBuf)>,
    next: u64,
    /// Open critical sections; a signal meanwhile waits in `pending`.
    critical: u32,
    pending: Option<i32>,
    /// The output folder's state should a signal come now.
    folder: String,
}

static STATE: Mutex<State> =
    Mutex::new(State { cleanup: Vec::new(), next: 0, critical: 0, pending: None, folder: String::new() });

/// Set once a signal is being handled: writers stop creating files.
static STOPPING: AtomicBool = AtomicBool::new(false);

fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Start listening for SIGINT and SIGTERM (once, from `main`).
pub(crate) fn install() {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return; // Without the handler the default action (exit) still applies.
    };
    std::thread::spawn(move || {
        for signal in signals.forever() {
            on_signal(signal);
        }
    });
}

fn on_signal(signal: i32) {
    let mut s = state();
    if s.critical > 0 {
        s.pending.get_or_insert(signal);
        return;
    }
    exit_now(s, signal)
}

/// Clean up and exit, holding the state's lock so nothing new is registered meanwhile.
fn exit_now(s: MutexGuard<'static, State>, signal: i32) -> ! {
    STOPPING.store(true, Ordering::SeqCst);
    crate::core::progress::clear_all();
    for (_, path) in s.cleanup.iter().rev() {
        remove(path);
    }
    let folder = if s.folder.is_empty() { UNTOUCHED } else { s.folder.as_str() };
    let name = if signal == signal_hook::consts::SIGTERM { "terminated" } else { "interrupted" };
    eprintln!("pmc-migrate: {name}; {folder}");
    std::process::exit(128 + signal)
}

/// Remove `path` whole. Workers may still be creating files in it for a
/// moment (they stop at [`stopping`]), so a folder is tried a few times.
fn remove(path: &Path) {
    for _ in 0..100 {
        let gone = match std::fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => std::fs::remove_dir_all(path).is_ok(),
            Ok(_) => std::fs::remove_file(path).is_ok(),
            Err(_) => true,
        };
        if gone {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// True once a signal is being handled: long writers check it before each
/// file and stop, so the folder being removed stays removed.
pub(crate) fn stopping() -> bool {
    STOPPING.load(Ordering::Relaxed)
}

/// The error a writer returns when it stops for a signal.
pub(crate) fn stopped() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::Interrupted, "interrupted")
}

/// What the output folder holds should a signal come now ("" when untouched).
pub(crate) fn folder_state() -> String {
    state().folder.clone()
}

/// Say what the output folder holds should a signal come from now on.
pub(crate) fn set_folder_state(what: impl Into<String>) {
    state().folder = what.into();
}

/// Removes its path on a signal for as long as it lives.
#[must_use = "the path is removed on a signal only while this lives"]
pub(crate) struct Cleanup(u64);

/// Remove `path` (a file or a whole folder) if a signal comes while the guard lives.
pub(crate) fn remove_on_signal(path: &Path) -> Cleanup {
    let mut s = state();
    s.next += 1;
    let id = s.next;
    s.cleanup.push((id, path.to_path_buf()));
    Cleanup(id)
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        state().cleanup.retain(|(id, _)| *id != self.0);
    }
}

/// A commit under way: a signal waits until the guard drops, then exits.
#[must_use = "the section is critical only while this lives"]
pub(crate) struct Critical(());

pub(crate) fn critical() -> Critical {
    state().critical += 1;
    Critical(())
}

impl Drop for Critical {
    fn drop(&mut self) {
        let mut s = state();
        s.critical -= 1;
        if s.critical == 0
            && let Some(signal) = s.pending
        {
            exit_now(s, signal);
        }
    }
}

/// Test hook: with `PMC_MIGRATE_PAUSE=step`, say so on stderr and wait at
/// `step` for a minute, so a test can send a signal at a known point.
pub(crate) fn pause(step: &str) {
    if std::env::var("PMC_MIGRATE_PAUSE").is_ok_and(|v| v == step) {
        // Said only to a pipe: on a terminal the test reads the bars instead.
        if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            eprintln!("pmc-migrate: paused at {step}");
        }
        std::thread::sleep(std::time::Duration::from_secs(60));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cleanup_guard_unregisters_its_path_when_dropped() {
        let guard = remove_on_signal(Path::new("x"));
        let id = guard.0;
        assert!(state().cleanup.iter().any(|(i, _)| *i == id));
        drop(guard);
        assert!(!state().cleanup.iter().any(|(i, _)| *i == id));
    }

    #[test]
    fn remove_takes_a_folder_whole_and_a_missing_path_quietly() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("f"), b"x").unwrap();
        remove(&dir.path().join("a"));
        assert!(!dir.path().join("a").exists());
        remove(&dir.path().join("missing"));
    }
}
