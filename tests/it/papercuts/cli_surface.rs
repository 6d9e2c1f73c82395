//! The command line's rough edges: `help --help`, `generate -q`, completions
//! that offer the values of `--lang` and `--encoding` instead of file names,
//! man pages groff reads without a warning, `TERM=dumb`, and `--as-of`'s
//! help saying both things it is.

use super::terminal_width::{on_terminal, plan_command};
use crate::commands::bash_completes;
use crate::common::*;
use crate::tools::{BASH, SCRIPT, tool};

#[test]
fn help_help_is_help_not_a_usage_error() {
    let wrk = Workdir::new();
    for flag in ["--help", "-h"] {
        let run = wrk.run(["help", flag]);
        run.assert_code(0);
        assert!(run.stdout.contains("Usage: pmc-migrate help [COMMAND]"), "{run:?}");
    }
}

#[test]
fn generate_takes_quiet_as_every_command_that_reads_or_writes_exports() {
    let wrk = Workdir::new();
    let run = wrk.run(["generate", "--orgs", "2", "--employees", "5", "--out", "g", "-q"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("wrote "), "{run:?}");
    let run = wrk.run(["generate", "--orgs", "2", "--employees", "5", "--out", "h", "--quiet"]);
    run.assert_code(0);
}

#[test]
fn every_command_takes_quiet() {
    let wrk = Workdir::new();
    for args in
        [&["rules", "-q"][..], &["explain", "missing-column", "-q"], &["completions", "bash", "-q"], &["man", "-q"]]
    {
        let run = wrk.run(args);
        run.assert_code(0);
        assert!(!run.stdout.is_empty() && run.stderr.is_empty(), "{run:?}");
    }
}

#[test]
fn completion_offers_the_values_of_lang_and_encoding_not_file_names() {
    if !tool(&BASH) {
        return;
    }
    let wrk = Workdir::baseline();
    for command in ["validate", "plan", "apply"] {
        assert_eq!(bash_completes(&wrk, &["pmc-migrate", command, "--lang", ""]), ["en", "zh-TW"]);
        let encodings = bash_completes(&wrk, &["pmc-migrate", command, "--encoding", ""]);
        assert!(encodings.contains(&"windows-1252".to_string()) && encodings.contains(&"big5".to_string()));
        assert!(!encodings.iter().any(|e| e.ends_with(".csv")), "{encodings:?}");
    }
    let encodings = bash_completes(&wrk, &["pmc-migrate", "status", "--encoding", "win"]);
    assert!(encodings.iter().all(|e| e.starts_with("windows-")) && !encodings.is_empty(), "{encodings:?}");
    // The offer is no limit: other labels and spellings are still read.
    wrk.validate(&["--encoding", "latin1", "--lang", "zh_TW"]).assert_code(0);
}

#[test]
fn every_man_page_is_ascii_where_roff_needs_an_escape() {
    let wrk = Workdir::new();
    for page in ["", "validate", "plan", "apply", "status", "generate", "rules", "explain", "completions", "man"] {
        let args: Vec<&str> = if page.is_empty() { vec!["man"] } else { vec!["man", page] };
        let run = wrk.run(args);
        run.assert_code(0);
        assert!(!run.stdout.contains('→'), "man {page}: a raw arrow, which groff -ww warns about");
    }
}

#[test]
fn term_dumb_gets_no_escape_codes() {
    if !tool(&SCRIPT) {
        return;
    }
    let wrk = Workdir::baseline();
    let text = on_terminal(&wrk, 100, &plan_command(), &[("TERM", "dumb")]);
    assert!(text.contains("  + 1234567  anna@contoso.onmicrosoft.com"), "{text:?}");
    assert!(!text.contains('\x1b'), "{text:?}");
}

#[test]
fn as_of_help_says_it_is_also_now_where_sign_ins_are_judged() {
    let wrk = Workdir::new();
    for command in ["validate", "plan", "apply"] {
        let run = wrk.run([command, "--help"]);
        let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            help.contains(
                "Cutover date, YYYY-MM-DD or YYYY/M/D (default: today); with --status also the day taken as now"
            ),
            "{help}"
        );
    }
    let run = wrk.run(["status", "--help"]);
    let help = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("The moment taken as now, against which sign-ins, expiring passwords"), "{help}");
}
