//! The command layer, one file per command (as xsv's `src/cmd/`): each owns
//! its arguments and its `run`, and turns them into calls on the layers below.

pub mod apply;
mod args;
pub mod explain;
pub mod generate;
pub mod plan;
pub mod rules;
pub mod status;
pub mod validate;

use crate::Error;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "pmc-migrate", version, about = "Migrate Partner Membership Center exports to Partner Center")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the exports and print every finding; writes nothing to disk.
    Validate(validate::Args),
    /// The dry run: plan every organisation and account, write plan.json,
    /// findings.csv and the HTML report into --out. No credentials.
    Plan(plan::Args),
    /// The real run: everything plan writes, plus credential files, sign-on
    /// emails (--creation individual) and the ledger for incremental re-runs.
    Apply(apply::Args),
    /// After cutover: who signed in, who must be removed and added again,
    /// and when competency credit shows. Writes status.html and status.json.
    Status(status::Args),
    /// Write realistic memberships.csv and employees.csv of any size (benchmarks, demos).
    Generate(generate::Args),
    /// List every rule id with its severity and what it flags.
    Rules(rules::Args),
    /// What a rule means, why it matters and how to fix the export.
    Explain(explain::Args),
}

/// What the run means for the exit code.
pub use crate::check::Outcome;

/// Run one command.
pub fn run(command: &Command) -> Result<Outcome, Error> {
    match command {
        Command::Validate(args) => validate::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Apply(args) => apply::run(args),
        Command::Status(args) => status::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
    }
}
