//! Examples and exit codes of every command, kept in one place: clap shows
//! them after each `--help`, `pmc-migrate man` turns them into the EXAMPLES
//! and EXIT STATUS sections, and a test parses every example with the real
//! argument definitions, so that none goes stale.

use clap::builder::StyledStr;
use clap::builder::styling::Styles;

/// What `--help` shows after the options.
pub(super) struct Help {
    /// (what it does, the command line)
    pub examples: &'static [(&'static str, &'static str)],
    /// (code, when)
    pub exit_codes: &'static [(&'static str, &'static str)],
}

const USAGE: (&str, &str) = ("2", "usage error (a bad option or value)");
const IO: (&str, &str) = ("2", "usage error, unreadable input file, or I/O failure");

/// The help of `command` ("" for `pmc-migrate` itself).
pub(super) fn of(command: &str) -> Help {
    match command {
        "validate" => Help {
            examples: &[
                (
                    "Check both exports for a cutover on 1 December 2026",
                    "pmc-migrate validate --memberships memberships.csv --employees employees.csv --as-of 2026-12-01",
                ),
                (
                    "The same in CI, as GitHub annotations",
                    "pmc-migrate validate --memberships memberships.csv --employees employees.csv --format github",
                ),
                (
                    "An old Excel export: windows-1252, day-first dates",
                    "pmc-migrate validate --memberships m.csv --employees e.csv --encoding windows-1252 --date-order dmy",
                ),
            ],
            exit_codes: &[
                ("0", "no errors (warnings and info allowed)"),
                ("1", "validation errors, or warnings under --strict"),
                IO,
            ],
        },
        "plan" => Help {
            examples: &[
                (
                    "The dry run: review cutover/index.html and cutover/findings.csv",
                    "pmc-migrate plan --memberships memberships.csv --employees employees.csv --as-of 2026-12-01 --out cutover",
                ),
                (
                    "A drift check for cron: exit 2 when there is something to apply",
                    "pmc-migrate plan --memberships memberships.csv --employees employees.csv --out cutover --detailed-exitcode",
                ),
            ],
            exit_codes: &[
                ("0", "no errors (with --detailed-exitcode: and nothing to apply)"),
                ("1", "validation errors, or warnings under --strict; with --detailed-exitcode, any failure"),
                (
                    "2",
                    "usage error, unreadable input file, or I/O failure; with --detailed-exitcode only: valid, with accounts to create or reissue",
                ),
            ],
        },
        "apply" => Help {
            examples: &[
                (
                    "Carry out exactly the plan that was reviewed",
                    "pmc-migrate apply --plan cutover/plan.json --out cutover",
                ),
                (
                    "Individual creation: ready-to-send sign-on emails in cutover/outbox/",
                    "pmc-migrate apply --memberships memberships.csv --employees employees.csv --creation individual --out cutover",
                ),
                (
                    "Later: reissue accounts whose temporary password expired unused",
                    "pmc-migrate apply --memberships memberships.csv --employees employees.csv --status team-status.csv --out cutover",
                ),
            ],
            exit_codes: &[
                ("0", "applied, no errors"),
                (
                    "1",
                    "validation errors (no credentials are written unless --skip-invalid, which still exits 1), \
                     a stale --plan, or a folder locked by another apply",
                ),
                IO,
            ],
        },
        "status" => Help {
            examples: &[
                (
                    "Who has signed in, and who must be added again",
                    "pmc-migrate status --out cutover --status team-status.csv",
                ),
                (
                    "Judge at a given time, warning two weeks ahead",
                    "pmc-migrate status --out cutover --status team-status.csv --as-of 2026-12-03T09:30 --warn-days 14",
                ),
                (
                    "One export per tenant, naming everyone not signed in yet",
                    "pmc-migrate status --out cutover --status contoso-status.csv --status fabrikam-status.csv --changes all",
                ),
            ],
            exit_codes: &[
                ("0", "nobody needs action"),
                (
                    "1",
                    "someone's temporary password expired unused, or expires within --warn-days; \
                     an issued account is missing from every export; or an export has errors",
                ),
                ("2", "usage error, no ledger in --out, unreadable input file, or I/O failure"),
            ],
        },
        "send" => Help {
            examples: &[
                ("What would be sent, connecting to nothing", "pmc-migrate send --out cutover --dry-run"),
                (
                    "Through Microsoft 365, logged in as PMC_SMTP_USER with PMC_SMTP_PASSWORD from the environment",
                    "pmc-migrate send --out cutover --smtp smtp://smtp.office365.com:587",
                ),
                (
                    "One organisation, messages written with apply --encrypt-to",
                    "pmc-migrate send --out cutover --smtp smtps://mail.contoso.com --only 1234567 --identity key.txt",
                ),
            ],
            exit_codes: &[
                ("0", "every message is delivered (with --dry-run: nothing is left to send)"),
                ("1", "a server refused a message for good, or messages are left (run send again)"),
                (
                    "2",
                    "usage error, wrong credentials, unreachable server or lost connection, no outbox in --out, \
                     or a message that cannot be read or decrypted",
                ),
            ],
        },
        "generate" => Help {
            examples: &[
                ("A small demo pair of exports", "pmc-migrate generate --orgs 50 --employees 1000 --out demo"),
                (
                    "A million rows for benchmarks, 5% of them broken",
                    "pmc-migrate generate --orgs 50000 --employees 1000000 --dirty 0.05 --seed 42 --out bench",
                ),
            ],
            exit_codes: &[
                ("0", "written"),
                ("2", "usage error, exports already in --out without --force, or I/O failure"),
            ],
        },
        "columns" => Help {
            examples: &[("Which headers name the email column", "pmc-migrate columns | grep email")],
            exit_codes: &[("0", "always")],
        },
        "rules" => Help {
            examples: &[("Every rule id, its severity and what it checks", "pmc-migrate rules")],
            exit_codes: &[("0", "always")],
        },
        "explain" => Help {
            examples: &[(
                "What an ambiguous-date finding means and how to fix it",
                "pmc-migrate explain ambiguous-date",
            )],
            exit_codes: &[("0", "explained"), ("2", "no such rule (the message lists every rule id)")],
        },
        "completions" => Help {
            examples: &[
                ("bash", "pmc-migrate completions bash > ~/.local/share/bash-completion/completions/pmc-migrate"),
                ("zsh (a folder on $fpath)", "pmc-migrate completions zsh > ~/.zfunc/_pmc-migrate"),
                ("fish", "pmc-migrate completions fish > ~/.config/fish/completions/pmc-migrate.fish"),
                ("PowerShell", "pmc-migrate completions powershell >> $PROFILE"),
            ],
            exit_codes: &[("0", "printed"), USAGE],
        },
        "man" => Help {
            examples: &[
                ("Read the manual page", "pmc-migrate man | man -l -"),
                ("The main page, to install", "pmc-migrate man > pmc-migrate.1"),
                ("The page of one command", "pmc-migrate man apply > pmc-migrate-apply.1"),
            ],
            exit_codes: &[("0", "printed"), USAGE],
        },
        _ => Help {
            examples: &[
                (
                    "1. Check the exports",
                    "pmc-migrate validate --memberships memberships.csv --employees employees.csv --as-of 2026-12-01",
                ),
                (
                    "2. The dry run; review cutover/index.html",
                    "pmc-migrate plan --memberships memberships.csv --employees employees.csv --as-of 2026-12-01 --out cutover",
                ),
                ("3. Carry out the reviewed plan", "pmc-migrate apply --plan cutover/plan.json --out cutover"),
                (
                    "4. After cutover, with Partner Center's team status",
                    "pmc-migrate status --out cutover --status team-status.csv",
                ),
                ("What a finding's rule means", "pmc-migrate explain org-without-admin"),
            ],
            exit_codes: &[
                ("0", "done, no errors"),
                (
                    "1",
                    "validation errors (or warnings under --strict), apply refused, or (status) someone needs action",
                ),
                ("2", "usage error, unreadable input, or I/O failure; plan --detailed-exitcode: changes to apply"),
            ],
        },
    }
}

/// `--help`'s text after the options: examples, then exit codes, headed like clap's own sections.
pub(super) fn after_help(command: &str) -> StyledStr {
    let help = of(command);
    let h = Styles::styled().get_header().to_owned();
    let mut out = format!("{h}Examples:{h:#}\n");
    for (what, line) in help.examples {
        out.push_str(&format!("  # {what}\n  {line}\n"));
    }
    out.push_str(&format!("\n{h}Exit codes:{h:#}\n"));
    for (code, when) in help.exit_codes {
        out.push_str(&format!("  {code}  {when}\n"));
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::{CommandFactory, Parser};

    /// The arguments of an example, up to a redirection or a pipe.
    fn words(line: &str) -> Vec<&str> {
        line.split_whitespace().take_while(|w| !matches!(*w, ">" | ">>" | "|" | "&&")).collect()
    }

    #[test]
    fn every_example_parses() {
        let names: Vec<String> = Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect();
        for name in names.iter().map(String::as_str).chain([""]) {
            let help = of(name);
            assert!(!help.examples.is_empty() && !help.exit_codes.is_empty(), "{name:?} has no help");
            for (_, line) in help.examples {
                let args = words(line);
                assert_eq!(args[0], "pmc-migrate");
                if !name.is_empty() {
                    assert_eq!(args[1], name, "an example of {name} runs another command: {line}");
                }
                if let Err(e) = Cli::try_parse_from(&args) {
                    panic!("example of {name:?} does not parse: {line}\n{e}");
                }
            }
        }
    }

    #[test]
    fn every_command_shows_examples_and_exit_codes() {
        let mut cli = Cli::command();
        for sub in cli.get_subcommands_mut() {
            let help = sub.render_help().to_string();
            assert!(help.contains("Examples:") && help.contains("Exit codes:"), "{}:\n{help}", sub.get_name());
        }
    }
}
