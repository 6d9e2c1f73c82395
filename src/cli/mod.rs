//! The command layer, one file per command (as xsv's `src/cmd/`): each owns
//! its arguments and its `run`, and turns them into calls on the layers below.

pub mod apply;
mod args;
pub mod columns;
pub mod completions;
pub mod explain;
pub mod generate;
mod help;
pub mod man;
pub mod plan;
pub mod rules;
pub mod send;
pub mod status;
mod stdout;
pub mod validate;

use crate::Error;
use clap::{CommandFactory, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "pmc-migrate",
    version,
    about = "Migrate Partner Membership Center exports to Partner Center",
    long_about = "Migrate Partner Membership Center exports to Partner Center.\n\n\
        Reads the PMC membership and employee exports of one or many organisations, checks every row, and \
        plans each organisation's new membership and each employee's account. validate checks; plan is the dry \
        run (reports only); apply also writes credential files, sign-on emails and the ledger that makes the \
        next run incremental; status follows the team after cutover.",
    after_help = help::after_help("")
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the exports and print every finding; writes nothing to disk.
    #[command(after_help = help::after_help("validate"))]
    Validate(validate::Args),
    /// The dry run: plan every organisation and account, write plan.json,
    /// findings.csv and the HTML report into --out. No credentials.
    #[command(after_help = help::after_help("plan"))]
    Plan(plan::Args),
    /// The real run: everything plan writes, plus credential files, sign-on
    /// emails (--creation individual) and the ledger for incremental re-runs.
    #[command(after_help = help::after_help("apply"))]
    Apply(apply::Args),
    /// After cutover: who signed in, and by name who is waiting, whose password
    /// expires soon and who must be removed and added again; when competency
    /// credit shows. Writes status.html and status.json.
    #[command(after_help = help::after_help("status"))]
    Status(status::Args),
    /// Deliver the sign-on mail in --out's outbox over SMTP, exactly once
    /// (a sent log in --out remembers what the server accepted).
    #[command(after_help = help::after_help("send"))]
    Send(send::Args),
    /// Write realistic memberships.csv and employees.csv of any size (benchmarks, demos).
    #[command(after_help = help::after_help("generate"))]
    Generate(generate::Args),
    /// Every header the tool accepts for each column of the three exports.
    #[command(after_help = help::after_help("columns"))]
    Columns(columns::Args),
    /// List every rule id with its severity and what it flags.
    #[command(after_help = help::after_help("rules"))]
    Rules(rules::Args),
    /// What a rule means, why it matters and how to fix the export.
    #[command(after_help = help::after_help("explain"))]
    Explain(explain::Args),
    /// Print a shell completion script on stdout.
    #[command(after_help = help::after_help("completions"))]
    Completions(completions::Args),
    /// Print the manual page (roff) on stdout.
    #[command(after_help = help::after_help("man"))]
    Man(man::Args),
}

/// What the run means for the exit code.
pub use crate::pipeline::Outcome;

/// The whole program: arguments in, exit code out. 0 done, 1 findings or a
/// refusal (or action needed), 2 a usage error or an I/O failure; with
/// `plan --detailed-exitcode` every failure is 1, so that 2 means only
/// "changes to apply" (terraform's contract).
pub fn main(args: impl IntoIterator<Item = std::ffi::OsString>) -> u8 {
    let args: Vec<std::ffi::OsString> = args.into_iter().collect();
    let detailed = args.iter().any(|a| a == "--detailed-exitcode");
    let fail = |code: u8| if detailed { 1 } else { code };
    if help_of_help(&args) {
        return match print_help_of_help() {
            Ok(()) => 0,
            Err(_) => 2,
        };
    }
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not failures (clap says 0 for them).
            return match e.exit_code() {
                0 => 0,
                code => fail(u8::try_from(code).unwrap_or(2)),
            };
        }
    };
    match run(&cli.command) {
        Ok(Outcome::Clean) => 0,
        Ok(Outcome::Errors) => 1,
        Ok(Outcome::Changes) => 2,
        Err(e) => {
            eprintln!("pmc-migrate: {e}");
            if e.is_refusal() { 1 } else { fail(2) }
        }
    }
}

/// `pmc-migrate help --help` (or `-h`): clap's own `help` command reads its
/// arguments as command names and refuses `--help` (exit 2), where every
/// other command prints its help.
fn help_of_help(args: &[std::ffi::OsString]) -> bool {
    args.get(1).is_some_and(|a| a == "help") && args[2..].iter().any(|a| a == "--help" || a == "-h")
}

fn print_help_of_help() -> std::io::Result<()> {
    let mut cli = Cli::command();
    cli.build();
    // As clap prints every help: coloured only on a terminal that shows colour.
    cli.find_subcommand_mut("help").expect("clap adds a help command").print_long_help()
}

/// Run one command.
pub fn run(command: &Command) -> Result<Outcome, Error> {
    crate::core::interrupt::install();
    match command {
        Command::Validate(args) => validate::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Apply(args) => apply::run(args),
        Command::Status(args) => status::run(args),
        Command::Send(args) => send::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Columns(args) => columns::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Completions(args) => completions::run(args, Cli::command()),
        Command::Man(args) => man::run(args, Cli::command()),
    }
}
