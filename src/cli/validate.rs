//! `pmc-migrate validate`: check both exports and print every finding on
//! stdout in the chosen format; nothing is written to disk.

use super::args::{Common, Inputs};
use crate::Error;
use crate::core::ledger::Ledger;
use crate::core::options::{Options, ReportFormat};
use crate::pipeline::Outcome;
use crate::pipeline::{check, load_status, with_jobs};
use crate::report;
use clap::ValueEnum;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub inputs: Inputs,
    /// Report format on stdout.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    pub format: FormatArg,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Junit,
    Github,
}

impl FormatArg {
    pub fn to_format(self) -> ReportFormat {
        match self {
            FormatArg::Text => ReportFormat::Text,
            FormatArg::Json => ReportFormat::Json,
            FormatArg::Junit => ReportFormat::Junit,
            FormatArg::Github => ReportFormat::Github,
        }
    }
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let opts = args.common.to_options(&args.inputs);
    report(&opts, args.format.to_format(), &mut super::stdout::stdout())
}

/// Check, then the report on `out`.
pub fn report(opts: &Options, format: ReportFormat, out: &mut dyn std::io::Write) -> Result<Outcome, Error> {
    let checked = with_jobs(opts.jobs, || -> Result<_, Error> {
        let status = load_status(opts)?;
        Ok(check(opts, &Ledger::default(), status.as_ref())?)
    })?;
    report::validate_report(&checked, format, out)?;
    Ok(checked.outcome())
}
