//! design §9 "Encodings" and "The output folder" (endless inputs): a Big5 export
//! is named as Big5, read with `--encoding cp950`, and refused as
//! `suspect-encoding` when read as windows-1252; an endless input (a FIFO fed
//! forever) meets the same bounds as a file; `generate` refuses sizes past
//! its limits before building anything.

use crate::common::*;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const E: &str = "employees.csv";

/// An employee export of `rows` written in `encoding`.
fn employees_in(encoding: &'static encoding_rs::Encoding, rows: &[&str]) -> Vec<u8> {
    let text = employees(rows);
    let (bytes, _, unmappable) = encoding.encode(&text);
    assert!(!unmappable, "{rows:?} in {}", encoding.name());
    bytes.into_owned()
}

/// The employee export of three Taiwanese people, in Big5.
fn big5_employees() -> Vec<u8> {
    employees_in(
        encoding_rs::BIG5,
        &[
            "1234567,宗翰,李,li@contoso.com,admin,,,,",
            "1234567,建宏,陳,chen@contoso.com,employee,,,,",
            "1234567,小明,王,wang@contoso.com,employee,,,,",
        ],
    )
}

#[test]
fn a_big5_export_is_named_as_big5_on_each_line_it_cannot_read() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), big5_employees());
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(1);
    let bad = with_rule(&findings, "invalid-encoding");
    let lines: Vec<u64> = bad.iter().map(|f| f.line).collect();
    assert_eq!(lines, [2, 3, 4], "{findings:#?}");
    for f in bad {
        assert!(f.message.ends_with("the file looks like Big5: pass --encoding big5"), "{}", f.message);
        assert!(!f.message.contains("windows-1252"), "{}", f.message);
    }
}

#[test]
fn big5_read_as_windows_1252_is_suspect_encoding_and_no_row_is_used() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), big5_employees());
    let (run, findings) = wrk.validate_json(&["--encoding", "windows-1252"]);
    run.assert_code(1);
    // 李宗翰's first name, the first implausible name: line 2, column 2.
    assert_findings(&findings, &[(E, 2, 2, "suspect-encoding", "error")]);
    let message = &findings[0].message;
    assert!(message.starts_with("\"©v¿«\" read as windows-1252 is not a plausible name"), "{message}");
    assert!(message.contains("the file looks like Big5 (pass --encoding big5)"), "{message}");
    assert_eq!(run.json_report().summary.accounts, 0, "no mojibake account is planned");

    let run = wrk.plan("out", &["--encoding", "windows-1252"]);
    run.assert_code(1);
    assert!(wrk.files_under("out").iter().all(|f| !f.contains("credentials/")), "{:?}", wrk.files_under("out"));
}

#[test]
fn the_code_page_names_admins_know_read_big5() {
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), big5_employees());
    for label in ["cp950", "ms950", "big5-hkscs", "BIG5"] {
        let (run, findings) = wrk.validate_json(&["--encoding", label]);
        run.assert_code(0);
        assert!(findings.is_empty(), "{label}: {findings:#?}");
        assert_eq!(run.json_report().summary.accounts, 3, "{label}");
    }
    let run = wrk.plan("out", &["--encoding", "cp950"]);
    assert!(run.code == 0 || run.code == 2, "{run:?}");
    assert!(wrk.read_string("out/plan.json").contains("宗翰"), "the names are read right");
    let run = wrk.validate(&["--encoding", "cp9999"]);
    run.assert_code(2);
    assert!(run.stderr.contains("\"cp9999\" is not an encoding label"), "{run:?}");
}

#[test]
fn western_names_in_windows_1252_are_not_suspect() {
    let bytes = employees_in(
        encoding_rs::WINDOWS_1252,
        &[
            "1234567,Jürgen,Weiß,jw@contoso.com,admin,,,,",
            "1234567,François,Ñúñez,fn@contoso.com,employee,Directeur général,,,",
            "1234567,Renée,O’Brien,ro@contoso.com,employee,,,,",
        ],
    );
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), bytes);
    for label in ["windows-1252", "cp1252", "latin1"] {
        let (run, findings) = wrk.validate_json(&["--encoding", label]);
        run.assert_code(0);
        assert!(findings.is_empty(), "{label}: {findings:#?}");
    }
}

#[test]
fn utf8_read_as_windows_1252_is_suspect_encoding() {
    let wrk =
        Workdir::with_inputs(memberships(&[CONTOSO]), employees(&[ANNA, "1234567,Jürgen,Weiß,jw@contoso.com,,,,,"]));
    let (run, findings) = wrk.validate_json(&["--encoding", "cp1252"]);
    run.assert_code(1);
    assert_findings(&findings, &[(E, 3, 2, "suspect-encoding", "error")]);
    assert!(findings[0].message.starts_with("\"JÃ¼rgen\" read as windows-1252"), "{}", findings[0].message);
    assert!(findings[0].message.contains("looks like UTF-8 (pass --encoding utf-8)"), "{}", findings[0].message);
}

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

#[test]
fn apply_plan_refuses_a_plan_or_ledger_that_is_not_a_regular_file() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let run = wrk.run(["apply", "--plan", "/dev/zero", "--out", "out"]);
    run.assert_code(2);
    assert!(
        run.stderr.contains("/dev/zero is not a plan.json written by `pmc-migrate plan` (it is not a regular file"),
        "{run:?}"
    );
    // A FIFO in place of a ledger the tool wrote.
    wrk.apply("out", &[]).assert_code(0);
    std::fs::remove_file(wrk.path("out/ledger.csv")).unwrap();
    let fifo = std::ffi::CString::new(wrk.path("out/ledger.csv").to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the path, a valid C string that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let run = wrk.apply("out", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("ledger.csv: not a regular file"), "{run:?}");
}
