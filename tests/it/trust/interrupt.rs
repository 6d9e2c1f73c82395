//! A signal, or a kill, at a known point: the folder keeps a complete report
//! and no password file, and the next run tidies what a kill left, saying so.

use super::*;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

const DAN: &str = "1234567,Dan,Fox,dan@contoso.com,employee,,,,";

/// `args` started with `PMC_MIGRATE_PAUSE=step`, once it is waiting there.
fn paused(wrk: &Workdir, args: &[String], step: &str) -> Child {
    let mut child = wrk
        .command(args)
        .env("PMC_MIGRATE_PAUSE", step)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pmc-migrate");
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while err.read_line(&mut line).unwrap() > 0 && !line.contains("paused at") {
        line.clear();
    }
    assert!(line.contains(&format!("paused at {step}")), "never paused at {step}: {line}");
    child.stderr = Some(err.into_inner());
    child
}

/// Send `signal` and return the exit code and what stderr said after the pause.
fn signal(child: Child, signal: i32) -> (Option<i32>, String) {
    // SAFETY: kill only sends a signal to the child we started.
    unsafe { libc::kill(child.id() as i32, signal) };
    let output = child.wait_with_output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn an_interrupted_plan_leaves_the_previous_complete_report_and_nothing_else() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let before = (wrk.read("out/plan.json"), wrk.read("out/index.html"), wrk.files_under("out/orgs"));

    // Export B: another person; its plan is cut short after its pages were written.
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    let child = paused(&wrk, &out_args("plan", "out", &[]), "before-publish");
    assert!(wrk.exists("out/.report-new/index.html"), "B's report was being written");
    let (code, stderr) = signal(child, libc::SIGINT);
    assert_eq!(code, Some(130), "{stderr}");
    assert_eq!(stderr.trim(), "pmc-migrate: interrupted; the report in out is still the previous one");
    assert_eq!((wrk.read("out/plan.json"), wrk.read("out/index.html"), wrk.files_under("out/orgs")), before);
    assert!(!wrk.exists("out/.report-new"));
    assert!(wrk.listing().iter().all(|f| !f.ends_with(".tmp")), "{:?}", wrk.listing());

    // SIGTERM the same way: 143.
    let child = paused(&wrk, &out_args("plan", "out", &[]), "before-publish");
    let (code, stderr) = signal(child, libc::SIGTERM);
    assert_eq!(code, Some(143), "{stderr}");
    assert!(stderr.starts_with("pmc-migrate: terminated; "), "{stderr}");
    assert_eq!(wrk.read("out/plan.json"), before.0);
}

#[test]
fn a_killed_plan_leaves_the_previous_report_and_the_next_run_removes_its_leftovers() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let before = (wrk.read("out/plan.json"), wrk.read("out/index.html"));
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    let child = paused(&wrk, &out_args("plan", "out", &[]), "before-publish");
    let (code, _) = signal(child, libc::SIGKILL);
    assert_eq!(code, None, "killed");
    assert_eq!((wrk.read("out/plan.json"), wrk.read("out/index.html")), before);
    // The reviewer's page and the plan still belong together: apply --plan
    // refuses only because the export changed since, not for the report.
    assert_eq!(wrk.json("out/plan.json")["report_sha256"], report_digest(&wrk, "out"));

    let run = wrk.run(out_args("plan", "out", &[]).iter().filter(|a| *a != "--quiet"));
    run.assert_code(0);
    assert!(run.stderr.contains("removed the unfinished report set of an interrupted run in out"), "{run:?}");
    assert!(!wrk.exists("out/.report-new"));
    assert!(wrk.read_string("out/orgs/1234567.html").contains("dan@contoso.com"));
}

#[test]
fn apply_refuses_a_plan_whose_report_is_not_the_one_beside_it() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    // The reviewer's page is not the plan's (another report copied in, say).
    let index = wrk.read_string("out/index.html").replacen("Contoso Ltd", "Contoso Holdings", 1);
    assert_ne!(index, wrk.read_string("out/index.html"));
    wrk.create("out/index.html", index);
    let run = wrk.run(["apply", "--plan", "out/plan.json", "--out", "out"]);
    run.assert_code(1);
    assert!(run.stderr.contains("the report in out (index.html, findings.csv, orgs/) is not the one"), "{run:?}");
    assert!(!wrk.exists("out/ledger.csv") && !wrk.exists("out/credentials"));
}

#[test]
fn an_interrupted_apply_removes_its_staged_passwords_and_says_nothing_was_issued() {
    let wrk = Workdir::baseline();
    let child = paused(&wrk, &out_args("apply", "out", &["--creation", "individual"]), "before-commit");
    assert!(!password_files(&wrk, "out/.staging").is_empty(), "the passwords were staged");
    let (code, stderr) = signal(child, libc::SIGINT);
    assert_eq!(code, Some(130), "{stderr}");
    assert_eq!(
        stderr.trim(),
        "pmc-migrate: interrupted; no account was issued: the staged password files were removed and out is as it was"
    );
    assert!(password_files(&wrk, "out").is_empty(), "{:?}", wrk.listing());
    assert!(!wrk.exists("out/ledger.csv"));
}

#[test]
fn a_killed_apply_leaves_staged_passwords_that_the_next_plan_removes_and_names() {
    let wrk = Workdir::baseline();
    let child = paused(&wrk, &out_args("apply", "out", &[]), "before-commit");
    let (code, _) = signal(child, libc::SIGKILL);
    assert_eq!(code, None, "killed");
    let staged = password_files(&wrk, "out");
    assert!(!staged.is_empty() && staged.iter().all(|f| f.starts_with("out/.staging/")), "{staged:?}");
    let run = wrk.run(out_args("plan", "out", &[]));
    run.assert_code(0);
    assert!(run.stderr.contains("discarding run 1, which was interrupted before its ledger was written"), "{run:?}");
    assert!(password_files(&wrk, "out").is_empty(), "{:?}", wrk.listing());
}
