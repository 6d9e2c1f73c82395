//! `--out` naming a file gets one answer from every command that writes, and
//! `status -q` keeps its report: `--quiet` silences messages, never a report.

use crate::common::*;

const NOT_A_FOLDER: &str =
    "pmc-migrate: --out afile.txt is a file; --out must be a folder (it is created if missing)\n";

#[test]
fn out_naming_a_file_is_refused_in_the_same_words_by_every_command() {
    let wrk = Workdir::baseline();
    wrk.create("afile.txt", "notes\n");
    wrk.create("status.csv", "username,signed_in,pu_connected,associated_at\nanna@contoso.onmicrosoft.com,yes,,\n");
    let runs = [
        wrk.plan("afile.txt", &[]),
        wrk.apply("afile.txt", &[]),
        wrk.run(["status", "--out", "afile.txt", "--status", "status.csv", "--as-of", AS_OF]),
        wrk.run(["generate", "--orgs", "2", "--employees", "5", "--out", "afile.txt"]),
    ];
    for run in runs {
        run.assert_code(2);
        assert_eq!(run.stderr, NOT_A_FOLDER, "{run:?}");
    }
    assert_eq!(wrk.read_string("afile.txt"), "notes\n");
}

#[test]
fn status_quiet_keeps_the_summary_on_stdout_and_says_nothing_on_stderr() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let rows = [
        "anna@contoso.onmicrosoft.com,yes,,",
        "ben@contoso.onmicrosoft.com,yes,,",
        "carla@fabrikam.onmicrosoft.com,yes,,",
    ];
    wrk.create("status.csv", csv("username,signed_in,pu_connected,associated_at", &rows));
    let args = ["status", "--out", "out", "--status", "status.csv", "--as-of", AS_OF];
    let loud = wrk.run(args);
    loud.assert_code(0);
    let quiet = wrk.run(args.iter().copied().chain(["-q"]));
    quiet.assert_code(0);
    assert!(quiet.stdout.contains("3 signed in"), "{quiet:?}");
    assert_eq!(quiet.stdout, loud.stdout, "{quiet:?}");
    assert_eq!(quiet.stderr, "", "{quiet:?}");
}
