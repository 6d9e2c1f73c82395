//! `pmc-migrate generate`: realistic exports of any size, for benchmarks and demos.

use super::args::parse_as_of;
use crate::Error;
use crate::pipeline::Outcome;
use crate::pipeline::generate::{GenerateOptions, default_anchor, generate};
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of organisations (at least 1).
    #[arg(long, value_name = "N", value_parser = parse_count)]
    pub orgs: usize,
    /// Number of employee rows (at least 1: a header alone is a `no-rows` error).
    #[arg(long, value_name = "M", value_parser = parse_count)]
    pub employees: usize,
    /// Output folder.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Same seed (and --as-of) -> same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Fraction of rows to break in every way the validation rules name (e.g. 0.05).
    #[arg(long, default_value_t = 0.0, value_parser = parse_fraction)]
    pub dirty: f64,
    /// Fraction of employees whose language is zh-TW (a Language column is
    /// added, and half of them get a Chinese name), e.g. 0.3.
    #[arg(long, default_value_t = 0.0, value_parser = parse_fraction)]
    pub language_mix: f64,
    /// Dates are spread around this day (default 2026-12-01, so output never depends on today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// Overwrite memberships.csv and employees.csv if the folder already has them.
    #[arg(long)]
    pub force: bool,
    /// No messages on stderr (what was written, on stdout, stays; errors still show).
    #[arg(long, short)]
    pub quiet: bool,
}

/// A count of rows: 1 or more (an export without rows fails validation).
fn parse_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("0 rows make an export that fails validation (no-rows); give 1 or more".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{s:?} is not a whole number of 1 or more")),
    }
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("{s:?} is not a fraction between 0 and 1")),
    }
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let opts = GenerateOptions {
        orgs: args.orgs,
        employees: args.employees,
        out_dir: args.out.clone(),
        seed: args.seed,
        dirty: args.dirty,
        anchor: args.as_of.unwrap_or_else(default_anchor),
        force: args.force,
        language_mix: args.language_mix,
    };
    let g = generate(&opts)?;
    let wrote = format!("wrote {} and {} ({} bytes)\n", g.memberships.display(), g.employees.display(), g.bytes);
    super::stdout::print(&wrote)?;
    Ok(Outcome::Clean)
}
