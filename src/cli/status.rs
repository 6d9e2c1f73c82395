//! `pmc-migrate status`, after cutover: the ledger of `--out` against the
//! Partner Center team-status exports of its tenants; writes status.json and
//! status.html, names the people who have not signed in yet, and writes
//! reminders to those whose temporary password expires soon.

use super::args::{encoding_parser, lang_parser, parse_columns, parse_delimiter};
use crate::Error;
use crate::core::model::Lang;
use crate::core::options::ReadOptions;
use crate::migration::{self, status::StatusRun};
use crate::pipeline::Outcome;
use crate::report::{self, change_listing as listing};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The migration folder an apply wrote (holds ledger.csv).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Partner Center team-status export: username, signed_in, pu_connected,
    /// associated_at; repeat for each tenant's export (an account in any of them
    /// is not missing).
    #[arg(long, value_name = "FILE", required = true)]
    pub status: Vec<PathBuf>,
    /// The moment taken as now, against which sign-ins, expiring passwords and
    /// competency credit are judged: YYYY-MM-DD (midnight) or YYYY/M/D, optionally
    /// with a time H:MM (default: now).
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub as_of: Option<chrono::NaiveDateTime>,
    /// Exit 1 when someone's temporary password expires within this many days
    /// without a sign-in; each of them gets a reminder in DIR/outbox/reminders/.
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub warn_days: u32,
    /// Write no reminders (DIR/outbox/reminders/ stays as the last run left it).
    #[arg(long)]
    pub no_reminders: bool,
    /// How many people each list on stdout names (to re-add, expiring,
    /// waiting): a number, or `all`.
    #[arg(long, value_name = "N|all", default_value_t = listing::FIRST, value_parser = super::plan::parse_changes)]
    pub changes: usize,
    /// Language of status.html [default: the language of the folder's plan.json].
    #[arg(long, value_name = "LANG", value_parser = lang_parser(), hide_possible_values = true)]
    pub lang: Option<Lang>,
    /// Encoding of a status file without a BOM (e.g. windows-1252).
    #[arg(long, value_name = "LABEL", value_parser = encoding_parser(), hide_possible_values = true)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Field delimiter: , ; tab or | (default: sniffed).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Sheet of a status workbook to read (default: the first whose header row fits).
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheets: Vec<String>,
    /// The line (CSV) or sheet row holding the header (default: the first of the first ten that fits).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_row: Option<u64>,
    /// More header names for the tool's columns: a CSV (header,column) or TOML file.
    #[arg(long, value_name = "FILE", value_parser = parse_columns)]
    pub columns: Option<crate::core::options::ColumnNames>,
    /// No progress bars or messages on stderr (the lists and summary on stdout stay; errors still show).
    #[arg(long, short)]
    pub quiet: bool,
}

fn parse_when(s: &str) -> Result<chrono::NaiveDateTime, String> {
    crate::pipeline::validate::dates::parse_moment(s, "YYYY-MM-DD or YYYY-MM-DDTHH:MM")
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let read = ReadOptions {
        encoding: args.encoding,
        delimiter: args.delimiter,
        date_order: None,
        sheets: args.sheets.clone(),
        header_row: args.header_row,
        columns: args.columns.clone().unwrap_or_default(),
    };
    let run = StatusRun {
        out: &args.out,
        status: &args.status,
        read,
        as_of: args.as_of.unwrap_or_else(|| chrono::Local::now().naive_local()),
        warn_days: args.warn_days,
        lang: args.lang,
        listed: args.changes,
        reminders: !args.no_reminders,
        quiet: args.quiet,
    };
    let judged = migration::status::status(&run, &report::Renderer)?;
    // A report, which --quiet never silences (design §6).
    let (report, exports) = (&judged.report, args.status.len());
    let (roster, reminded) = (&judged.roster, judged.reminded);
    let text = report::status_list::status_report(report, roster, &args.out, args.changes, exports, reminded);
    super::stdout::print(&text)?;
    Ok(if report.needs_attention() { Outcome::Errors } else { Outcome::Clean })
}
