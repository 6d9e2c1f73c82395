//! SPEC §9 "The output folder" (endless inputs): an endless input (a FIFO
//! fed forever) meets the same bounds as a file; `generate` refuses sizes
//! past its limits before building anything.

use crate::common::*;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const E: &str = "employees.csv";

/// A FIFO at `name` in `wrk` that a thread fills with `chunk` over and over
/// until its reader goes away (or, never opened, for `limit`).
fn endless_fifo(wrk: &Workdir, name: &str, chunk: Vec<u8>, limit: Duration) -> std::thread::JoinHandle<()> {
    let path = wrk.path(name);
    let c_path = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0, "mkfifo");
    std::thread::spawn(move || {
        let start = Instant::now();
        // Opened without blocking (it fails until a reader opens it), so the
        // thread ends even when the binary never reads the FIFO.
        let mut fifo = loop {
            match std::fs::OpenOptions::new().write(true).custom_flags(libc::O_NONBLOCK).open(&path) {
                Ok(f) => break f,
                Err(_) if start.elapsed() < limit => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => return,
            }
        };
        unsafe { libc::fcntl(std::os::fd::AsRawFd::as_raw_fd(&fifo), libc::F_SETFL, 0) };
        while start.elapsed() < limit && fifo.write_all(&chunk).is_ok() {}
    })
}

/// `pmc-migrate args` in `wrk`, killed past `limit`: (exit code, stdout,
/// stderr), the code `None` when it had to be killed.
fn run_within(wrk: &Workdir, args: &[&str], limit: Duration) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pmc-migrate"))
        .current_dir(wrk.root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run pmc-migrate");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() && start.elapsed() < limit {
        std::thread::sleep(Duration::from_millis(20));
    }
    if child.try_wait().expect("wait").is_none() {
        let _ = child.kill();
    }
    let out = child.wait_with_output().expect("output");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn an_endless_fifo_of_zeros_is_one_invalid_encoding_finding_at_once() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&[ANNA]));
    let limit = Duration::from_secs(30);
    let writer = endless_fifo(&wrk, "zeros.csv", vec![0; 64 * 1024], limit);
    let args = ["validate", "--memberships", "zeros.csv", "--employees", E, "--as-of", AS_OF, "--quiet"];
    let (code, stdout, stderr) = run_within(&wrk, &args, limit);
    writer.join().unwrap();
    assert_eq!(code, Some(1), "killed after {limit:?} (None), or failed: {stdout}{stderr}");
    assert!(
        stdout.contains("zeros.csv:1:1: error[invalid-encoding]: this is not a text export"),
        "line 1 of the FIFO: {stdout}"
    );
}

#[test]
fn an_endless_fifo_of_text_stops_at_4_gib_naming_the_file() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&[ANNA]));
    let limit = Duration::from_secs(180);
    let writer = endless_fifo(&wrk, "endless.csv", "1234567,Anna,Lee,anna@contoso.com\n".repeat(30_000).into(), limit);
    let args = ["validate", "--memberships", "memberships.csv", "--employees", "endless.csv", "--quiet"];
    let (code, stdout, stderr) = run_within(&wrk, &args, limit);
    writer.join().unwrap();
    assert_eq!(code, Some(2), "killed after {limit:?} (None), or not refused: {stdout}{stderr}");
    assert!(stderr.contains("endless.csv is not a regular file and went on past 4294967295 bytes (4 GiB)"), "{stderr}");
}

#[test]
fn generate_refuses_sizes_past_its_limits_before_building_anything() {
    let wrk = Workdir::new();
    let limit = Duration::from_secs(20);
    for (args, says) in [
        (["--orgs", "1000000000", "--employees", "1"], "--orgs 1000000000 is over the limit of 10000000"),
        (["--orgs", "1", "--employees", "100000001"], "--employees 100000001 is over the limit of 100000000"),
    ] {
        let mut all = vec!["generate", "--out", "gen"];
        all.extend(args);
        let (code, _, stderr) = run_within(&wrk, &all, limit);
        assert_eq!(code, Some(2), "killed after {limit:?} (None), or not refused: {stderr}");
        assert!(stderr.contains(says), "{stderr}");
        assert!(!wrk.exists("gen/memberships.csv") && !wrk.exists("gen/employees.csv"));
    }
}
