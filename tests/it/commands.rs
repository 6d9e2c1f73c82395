//! The commands around the migration: `rules`, `explain RULE`, `completions
//! SHELL`, `man [COMMAND]`, and every command's `--help` with examples and
//! exit codes.

use crate::common::*;
use crate::tools::{BASH, tool};
use clap::CommandFactory;
use pmc_migrate::Rule;
use pmc_migrate::cli::Cli;

/// Every subcommand's name, from the real argument definitions.
fn subcommands() -> Vec<String> {
    Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect()
}

#[test]
fn rules_lists_every_rule_with_its_severity_and_a_description() {
    let run = Workdir::new().run(["rules"]);
    run.assert_code(0);
    for rule in Rule::ALL {
        let line = run
            .stdout
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule.id()))
            .unwrap_or_else(|| panic!("{} is not listed: {run:?}", rule.id()));
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[1], rule.severity().as_str(), "{line}");
        assert!(words.len() > 4, "no description: {line}");
    }
    assert_eq!(run.stderr, "");
}

#[test]
fn explain_says_what_why_and_how_for_every_rule() {
    let wrk = Workdir::new();
    for rule in Rule::ALL {
        let run = wrk.run(["explain", rule.id()]);
        run.assert_code(0);
        let first = run.stdout.lines().next().unwrap_or_default();
        assert!(first.starts_with(&format!("{} ({}): ", rule.id(), rule.severity().as_str())), "{run:?}");
        for heading in ["\nWhat it means\n", "\nWhy it matters\n", "\nHow to fix the export\n"] {
            assert!(run.stdout.contains(heading), "{heading:?} missing: {run:?}");
        }
        assert!(!run.stdout.contains("no explanation"), "{run:?}");
    }
    // Ids are read as a finding prints them, whatever the case.
    let run = wrk.run(["explain", "ORG-WITHOUT-ADMIN"]);
    run.assert_code(0);
    assert!(run.stdout.starts_with("org-without-admin (error): "), "{run:?}");
}

#[test]
fn explain_of_an_unknown_rule_is_a_usage_error_listing_the_ids() {
    let run = Workdir::new().run(["explain", "invalid-dates"]);
    run.assert_code(2);
    assert_eq!(run.stdout, "");
    for rule in Rule::ALL {
        assert!(run.stderr.contains(rule.id()), "{} not listed: {run:?}", rule.id());
    }
    assert!(run.stderr.contains("'invalid-date'"), "the closest id is suggested: {run:?}");
}

#[test]
fn completions_name_every_subcommand_in_every_shell() {
    let wrk = Workdir::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = wrk.run(["completions", shell]);
        run.assert_code(0);
        for name in subcommands() {
            assert!(run.stdout.contains(&name), "{shell}: no {name}");
        }
        assert!(run.stdout.contains("memberships"), "{shell}: no options");
    }
    wrk.run(["completions", "tcsh"]).assert_code(2);
}

/// What bash completes after `words` (the last one being completed), with
/// the script `pmc-migrate completions bash` prints.
pub(crate) fn bash_completes(wrk: &Workdir, words: &[&str]) -> Vec<String> {
    let script = wrk.run(["completions", "bash"]);
    wrk.create("completion.bash", &script.stdout);
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let (cur, prev) = (words[words.len() - 1], words[words.len() - 2]);
    let program = format!(
        "source ./completion.bash; COMP_WORDS=({}); COMP_CWORD={}; _pmc__migrate pmc-migrate '{cur}' '{prev}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        quoted.join(" "),
        words.len() - 1
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .current_dir(wrk.root())
        .output()
        .expect("run bash");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(String::from).collect()
}

#[test]
fn bash_completes_subcommands_their_options_and_rule_ids() {
    if !tool(&BASH) {
        return;
    }
    let wrk = Workdir::new();
    let top = bash_completes(&wrk, &["pmc-migrate", ""]);
    for name in subcommands() {
        assert!(top.contains(&name), "{name} not completed: {top:?}");
    }
    assert_eq!(bash_completes(&wrk, &["pmc-migrate", "validate", "--mem"]), ["--memberships"]);
    assert_eq!(bash_completes(&wrk, &["pmc-migrate", "explain", "ambig"]), ["ambiguous-date"]);
    assert_eq!(bash_completes(&wrk, &["pmc-migrate", "completions", "po"]), ["powershell"]);
}

#[test]
fn the_man_page_has_name_synopsis_every_command_examples_and_exit_status() {
    let wrk = Workdir::new();
    let run = wrk.run(["man"]);
    run.assert_code(0);
    let page = &run.stdout;
    assert!(page.starts_with(".TH pmc\\-migrate 1 "), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH SUBCOMMANDS", ".SH EXAMPLES"] {
        assert!(page.contains(&format!("\n{section}\n")), "no {section}: {page}");
    }
    assert!(page.contains("\n.SH \"EXIT STATUS\"\n"), "{page}");
    for name in subcommands() {
        assert!(page.contains(&format!("pmc\\-migrate\\-{}(1)", name.replace('-', "\\-"))), "no {name}: {page}");
        let sub = wrk.run(["man", &name]);
        sub.assert_code(0);
        assert!(sub.stdout.starts_with(&format!(".TH pmc\\-migrate\\-{name} 1 ")), "{}", sub.stdout);
        assert!(sub.stdout.contains("\n.SH SYNOPSIS\n") && sub.stdout.contains("\n.SH EXAMPLES\n"), "{name}");
    }
    assert!(!page.contains("pmc\\-migrate\\-help(1)"), "clap's help command has no page");
    let validate = wrk.run(["man", "validate"]);
    assert!(validate.stdout.contains("\\-\\-memberships"), "{}", validate.stdout);
    // One binary, one page: no date in it.
    similar_asserts::assert_eq!(wrk.run(["man"]).stdout, run.stdout);
}

#[test]
fn every_help_ends_with_examples_and_exit_codes() {
    let wrk = Workdir::new();
    for name in subcommands().iter().map(String::as_str).chain([""]) {
        let args: Vec<&str> = [name, "--help"].into_iter().filter(|a| !a.is_empty()).collect();
        let run = wrk.run(&args);
        run.assert_code(0);
        let examples = run.stdout.find("\nExamples:\n").unwrap_or_else(|| panic!("{name}: {run:?}"));
        let codes = run.stdout.find("\nExit codes:\n").unwrap_or_else(|| panic!("{name}: {run:?}"));
        assert!(examples < codes, "{run:?}");
        assert!(run.stdout[examples..codes].contains("\n  pmc-migrate "), "{run:?}");
        assert!(run.stdout[codes..].contains("\n  0  "), "{run:?}");
        assert!(!run.stdout.contains('\x1b'), "no styling when stdout is not a terminal: {run:?}");
    }
}

#[test]
fn help_states_the_exit_codes_the_commands_use() {
    let wrk = Workdir::baseline();
    // validate: 1 on errors, as its help says.
    let help = wrk.run(["validate", "--help"]).stdout;
    assert!(help.contains("  1  validation errors"), "{help}");
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, "9999999,Dan,Bo,dan@x.com,admin,,,,"]));
    wrk.validate(&[]).assert_code(1);
    // explain: 2 for no such rule.
    assert!(wrk.run(["explain", "--help"]).stdout.contains("  2  no such rule"));
    wrk.run(["explain", "nope"]).assert_code(2);
}
