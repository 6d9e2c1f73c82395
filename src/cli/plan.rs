//! `pmc-migrate plan`, the dry run: check and plan against the ledger in
//! `--out`, if any, then write plan.json, findings.csv and the HTML report.

use super::args::{Common, Inputs};
use crate::Error;
use crate::core::options::Options;
use crate::migration;
use crate::pipeline::{Checked, Outcome};
use crate::report::{self, change_listing as listing};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Output folder (created if missing; marked as pmc-migrate's on the first run).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write into a non-empty folder that pmc-migrate did not make, replacing
    /// files at its names there (it never deletes files it did not write).
    #[arg(long)]
    pub force: bool,
    /// Exit 0 when valid with nothing to do against the ledger, 2 when valid with
    /// accounts to create or reissue, 1 on errors (for cron and CI drift checks).
    #[arg(long)]
    pub detailed_exitcode: bool,
    /// How many people the change listing names: a number, or `all`.
    #[arg(long, value_name = "N|all", default_value_t = listing::FIRST, value_parser = parse_changes)]
    pub changes: usize,
    #[command(flatten)]
    pub common: Common,
}

pub(super) fn parse_changes(s: &str) -> Result<usize, String> {
    match s {
        "all" => Ok(usize::MAX),
        _ => s.parse().map_err(|_| format!("{s:?} is neither a number nor `all`")),
    }
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let checked = plan_and_report(&args.common.to_options(&args.inputs), &args.out, args.changes, args.force)?;
    Ok(match checked.outcome() {
        Outcome::Clean if args.detailed_exitcode && checked.plan.has_changes() => Outcome::Changes,
        outcome => outcome,
    })
}

/// `plan`, and `apply --dry-run`, which is the same: write the reports, print
/// the change listing (a report: stdout, also under --quiet) and what to do
/// next (a message: stderr, not under --quiet).
pub fn plan_and_report(opts: &Options, out: &Path, changes: usize, force: bool) -> Result<Checked, Error> {
    let checked = migration::plan::plan(opts, out, force, &report::Renderer)?;
    super::stdout::print(&listing::plan_report(&checked, out, listing::Style::for_stdout(changes)))?;
    if !opts.quiet {
        eprint!("{}", report::next::plan_next(&checked, out));
    }
    Ok(checked)
}
