//! `pmc-migrate completions SHELL`: a completion script on stdout (clap_complete).

use crate::Error;
use crate::pipeline::Outcome;
use clap::ValueEnum;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
    /// Accepted as by every command (this one writes no messages to silence).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// `cli` is the whole command line (`Cli::command()`), passed in from the module that defines it.
pub fn run(args: &Args, cli: clap::Command) -> Result<Outcome, Error> {
    let shell = match args.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    super::stdout::stdout().write_all(&script(shell, cli))?;
    Ok(Outcome::Clean)
}

pub fn script(shell: clap_complete::Shell, mut cli: clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cli, BIN, &mut out);
    if shell != clap_complete::Shell::Bash {
        return out;
    }
    // clap_complete's bash script spells a hyphenated binary's state two
    // ways (`pmc__migrate__subcmd__plan` in the loop, `pmc__subcmd__migrate__…`
    // in the case arms), so nothing after a subcommand would complete
    // (clap issue 6421). Spell the arms as the loop does.
    String::from_utf8_lossy(&out).replace("pmc__subcmd__migrate", "pmc__migrate").into_bytes()
}

const BIN: &str = "pmc-migrate";
