//! A reader that goes away (`| head -1`) ends the report quietly: no panic,
//! the committed work stands, and the messages on stderr still come.

use super::*;
use std::process::Stdio;

/// `args` with stdout read for its first line only, then closed.
fn first_line_only(wrk: &Workdir, args: &[String]) -> (Option<i32>, String) {
    use std::io::{BufRead, BufReader};
    let mut child = wrk.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    drop(out);
    let output = child.wait_with_output().unwrap();
    (output.status.code(), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn apply_into_a_closed_pipe_commits_and_still_says_what_it_wrote() {
    // Enough people that the listing outgrows the pipe's buffer.
    let people: Vec<String> = (0..3000).map(|i| format!("1234567,P{i},Q,p{i}@contoso.com,employee,,,,")).collect();
    let mut rows: Vec<&str> = vec![ANNA];
    rows.extend(people.iter().map(String::as_str));
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&rows));
    let args: Vec<String> =
        out_args("apply", "out", &["--changes", "all"]).into_iter().filter(|a| a != "--quiet").collect();
    let (code, stderr) = first_line_only(&wrk, &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
    assert!(stderr.contains("Next:"), "the next steps still reach stderr: {stderr}");
    assert_eq!(ledger_lines(&wrk), 3001 + 1, "the ledger has every account and the enrolment");

    let args: Vec<String> = out_args("plan", "out2", &["--changes", "all"]);
    let (code, stderr) = first_line_only(&wrk, &args);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(wrk.exists("out2/plan.json"));
}

#[test]
fn validate_into_a_closed_pipe_keeps_its_exit_code() {
    let bad: Vec<String> = (0..3000).map(|i| format!("1234567,P{i},Q,not-an-email-{i},employee,,,,")).collect();
    let rows: Vec<&str> = bad.iter().map(String::as_str).collect();
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&rows));
    let args: Vec<String> =
        ["validate", "--memberships", "memberships.csv", "--employees", "employees.csv", "--as-of", AS_OF]
            .map(String::from)
            .to_vec();
    let (code, stderr) = first_line_only(&wrk, &args);
    assert_eq!(code, Some(1), "the findings still fail the run: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("Broken pipe"), "{stderr}");
}

fn ledger_lines(wrk: &Workdir) -> usize {
    wrk.read_string("out/ledger.csv").lines().skip(1).count()
}
