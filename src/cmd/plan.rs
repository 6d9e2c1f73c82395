//! `pmc-migrate plan`, the dry run: check and plan against the ledger in
//! `--out`, if any, then write plan.json, findings.csv and the HTML report.

use super::args::{Common, Inputs};
use crate::Error;
use crate::check::Outcome;
use crate::check::{Checked, check, load_status, with_jobs};
use crate::emit::listing;
use crate::options::Options;
use crate::progress::Progress;
use crate::{emit, ledger};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
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
    let checked = plan_and_report(&args.common.to_options(&args.inputs), &args.out, args.changes)?;
    Ok(match checked.outcome() {
        Outcome::Clean if args.detailed_exitcode && checked.plan.has_changes() => Outcome::Changes,
        outcome => outcome,
    })
}

/// `plan`, and `apply --dry-run`, which is the same: write the reports, print
/// the change listing (a report: stdout, also under --quiet) and what to do
/// next (a message: stderr, not under --quiet).
pub fn plan_and_report(opts: &Options, out: &Path, changes: usize) -> Result<Checked, Error> {
    let checked = write_plan(opts, out)?;
    print!("{}", listing::plan_report(&checked, out, listing::Style::for_stdout(changes)));
    if !opts.quiet {
        eprint!("{}", emit::next::plan_next(&checked, out));
    }
    Ok(checked)
}

/// Check and plan against the ledger in `out_dir`, then write the reports there.
pub fn write_plan(opts: &Options, out_dir: &Path) -> Result<Checked, Error> {
    with_jobs(opts.jobs, || -> Result<_, Error> {
        let ledger = ledger::load(out_dir)?;
        let status = load_status(opts)?;
        let checked = check(opts, &ledger, status.as_ref())?;
        let _stage = Progress::new(opts.quiet).timer("writing reports");
        emit::write_reports(&checked, None, out_dir)?;
        Ok(checked)
    })
}
