//! Command-line arguments (clap derive), turned into the library's `Options`.

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use pmc_migrate::load::dialect;
use pmc_migrate::options::{Creation, DateOrder, Options, ReadOptions, ReportFormat};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(name = "pmc-migrate", version, about = "Migrate Partner Membership Center exports to Partner Center")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the exports and print every finding; writes nothing to disk.
    Validate {
        #[command(flatten)]
        inputs: Inputs,
        /// Report format on stdout.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        #[command(flatten)]
        common: Common,
    },
    /// The dry run: plan every organisation and account, write plan.json,
    /// findings.csv and the HTML report into --out. No credentials.
    Plan {
        #[command(flatten)]
        inputs: Inputs,
        /// Output folder (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Exit 0 when valid with nothing to do against the ledger, 2 when valid with
        /// accounts to create or reissue, 1 on errors (for cron and CI drift checks).
        #[arg(long)]
        detailed_exitcode: bool,
        #[command(flatten)]
        common: Common,
    },
    /// The real run: everything plan writes, plus credential files, sign-on
    /// emails (--creation individual) and the ledger for incremental re-runs.
    Apply {
        /// The PMC membership export (not with --plan, which names its own).
        #[arg(long, value_name = "FILE", required_unless_present = "plan", conflicts_with = "plan")]
        memberships: Option<PathBuf>,
        /// The PMC employee export (not with --plan).
        #[arg(long, value_name = "FILE", required_unless_present = "plan", conflicts_with = "plan")]
        employees: Option<PathBuf>,
        /// Output folder (created if missing); holds the ledger between runs.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Only plan: the same as `pmc-migrate plan`.
        #[arg(long, conflicts_with = "plan")]
        dry_run: bool,
        /// Apply the valid rows even when others have errors (they are reported).
        #[arg(long)]
        skip_invalid: bool,
        /// Carry out exactly this reviewed plan.json (its inputs, options and ledger are
        /// pinned by SHA-256: a stale plan is refused and nothing is written).
        #[arg(long, value_name = "PLAN.JSON")]
        plan: Option<PathBuf>,
        /// Also write credentials/<mpn_id>.entra.csv for Microsoft Entra's "Bulk create users" upload.
        #[arg(long)]
        entra_csv: bool,
        #[command(flatten)]
        common: Common,
    },
    /// After cutover: who signed in, who must be removed and added again,
    /// and when competency credit shows. Writes status.html and status.json.
    Status {
        #[command(flatten)]
        args: StatusArgs,
    },
    /// Write realistic memberships.csv and employees.csv of any size (benchmarks, demos).
    Generate {
        /// Number of organisations.
        #[arg(long, value_name = "N")]
        orgs: usize,
        /// Number of employee rows.
        #[arg(long, value_name = "M")]
        employees: usize,
        /// Output folder.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Same seed (and --as-of) → same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Fraction of rows to break in every way the validation rules name (e.g. 0.05).
        #[arg(long, default_value_t = 0.0, value_parser = parse_fraction)]
        dirty: f64,
        /// Dates are spread around this day (default 2026-12-01, so output never depends on today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
        as_of: Option<NaiveDate>,
    },
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if (0.0..=1.0).contains(&f) => Ok(f),
        _ => Err(format!("{s:?} is not a fraction between 0 and 1")),
    }
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The migration folder an apply wrote (holds ledger.csv).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Partner Center team-status export: username, signed_in, pu_connected, associated_at.
    #[arg(long, value_name = "FILE")]
    pub status: PathBuf,
    /// When to judge: YYYY-MM-DD (midnight) or YYYY-MM-DDTHH:MM (default: now).
    #[arg(long, value_name = "WHEN", value_parser = parse_when)]
    pub as_of: Option<chrono::NaiveDateTime>,
    /// Exit 1 when someone's temporary password expires within this many days without a sign-in.
    #[arg(long, value_name = "N", default_value_t = 7)]
    pub warn_days: u32,
    /// Encoding of a status file without a BOM (e.g. windows-1252).
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Field delimiter: , ; tab or | (default: sniffed).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// No summary on stdout.
    #[arg(long, short)]
    pub quiet: bool,
}

fn parse_when(s: &str) -> Result<chrono::NaiveDateTime, String> {
    pmc_migrate::team_status::parse_datetime(s).ok_or_else(|| format!("{s:?} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"))
}

impl StatusArgs {
    pub fn to_options(&self) -> pmc_migrate::StatusOptions {
        pmc_migrate::StatusOptions {
            out_dir: self.out.clone(),
            status: self.status.clone(),
            as_of: self.as_of.unwrap_or_else(|| chrono::Local::now().naive_local()),
            warn_days: i64::from(self.warn_days),
            read: ReadOptions { encoding: self.encoding, delimiter: self.delimiter, date_order: None },
        }
    }
}

#[derive(Debug, Args)]
pub struct Inputs {
    /// The PMC membership export (one row per organisation).
    #[arg(long, value_name = "FILE")]
    pub memberships: PathBuf,
    /// The PMC employee export (one row per person per organisation).
    #[arg(long, value_name = "FILE")]
    pub employees: PathBuf,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Cutover date, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// How accounts are created in Partner Center.
    #[arg(long, value_enum, default_value_t = CreationArg::Bulk)]
    pub creation: CreationArg,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to read slash dates like 3/4/2025.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// Encoding of files without a BOM (e.g. windows-1252); default UTF-8.
    #[arg(long, value_name = "LABEL", value_parser = parse_encoding)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Field delimiter: , ; tab or | (default: sniffed from the header line).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// No progress bars or summaries on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Partner Center team-status export (username, signed_in, ...): accounts
    /// past 90 days without a sign-in are reissued (R7).
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Text,
    Json,
    Junit,
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CreationArg {
    Bulk,
    Individual,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DateOrderArg {
    Mdy,
    Dmy,
}

fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    pmc_migrate::validate::dates::parse_as_of(s)
        .ok_or_else(|| format!("{s:?} is not a date in YYYY-MM-DD form (up to 9998-12-31)"))
}

fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    encoding_rs::Encoding::for_label(s.as_bytes())
        .ok_or_else(|| format!("{s:?} is not an encoding label (try windows-1252, iso-8859-1, shift_jis)"))
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    dialect::parse_delimiter(s).ok_or_else(|| format!("{s:?} is not one of , ; tab |"))
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

impl Common {
    pub fn to_options(&self, inputs: &Inputs) -> Options {
        Options {
            memberships: inputs.memberships.clone(),
            employees: inputs.employees.clone(),
            as_of: self.as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
            creation: match self.creation {
                CreationArg::Bulk => Creation::Bulk,
                CreationArg::Individual => Creation::Individual,
            },
            strict: self.strict,
            read: ReadOptions {
                encoding: self.encoding,
                delimiter: self.delimiter,
                date_order: self.date_order.map(|d| match d {
                    DateOrderArg::Mdy => DateOrder::Mdy,
                    DateOrderArg::Dmy => DateOrder::Dmy,
                }),
            },
            jobs: self.jobs.map(usize::from),
            quiet: self.quiet,
            status: self.status.clone(),
        }
    }
}
