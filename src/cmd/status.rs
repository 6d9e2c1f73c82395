//! `pmc-migrate status`, after cutover: the ledger of `--out` against a
//! Partner Center team-status export; writes status.json and status.html.

use super::args::{parse_delimiter, parse_encoding};
use crate::Error;
use crate::check::Outcome;
use crate::options::ReadOptions;
use crate::progress::{Progress, Unit};
use crate::status::{self, StatusReport};
use crate::transaction::atomic::write_atomic;
use crate::transaction::owned::{self, Claim};
use crate::{emit, ledger, team_status};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
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
    /// Sheet of a status workbook to read (default: the first whose header row fits).
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheets: Vec<String>,
    /// No summary on stdout.
    #[arg(long, short)]
    pub quiet: bool,
}

fn parse_when(s: &str) -> Result<chrono::NaiveDateTime, String> {
    use crate::validate::dates;
    team_status::parse_datetime(s).ok_or_else(|| {
        // Say what is wrong with the day when it is shaped like one (2026-02-29).
        let day = s.trim().split(['T', ' ']).next().unwrap_or("");
        match dates::parse_as_of(day) {
            Err(why) if dates::is_ymd_shaped(day) => why,
            _ => format!("{s:?} is not YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
        }
    })
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let report = assess(args)?;
    if !args.quiet {
        super::stdout::print(&emit::text::status_summary(&report, &args.out))?;
    }
    Ok(if report.needs_attention() { Outcome::Errors } else { Outcome::Clean })
}

/// Judge the team at `--as-of` and write status.json and status.html into `--out`.
fn assess(args: &Args) -> Result<StatusReport, Error> {
    let dir = &args.out;
    if !dir.join(ledger::FILE_NAME).exists() {
        return Err(Error::NoLedger(dir.clone()));
    }
    let claim =
        Claim { exports: &[], inputs: &[&args.status], replaces: &["status.json", "status.html"], force: false };
    let (mut folder, _lock, _) = super::folder::open(dir, &claim, args.quiet)?;
    let progress = Progress::new(args.quiet);
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let (ledger_size, status_size) = (size(&dir.join(ledger::FILE_NAME)), size(&args.status));
    let stage = progress.bar("loading", Unit::Bytes, ledger_size + status_size);
    let ledger = ledger::load(dir)?;
    stage.counter().add(ledger_size);
    let read = ReadOptions {
        encoding: args.encoding,
        delimiter: args.delimiter,
        date_order: None,
        sheets: args.sheets.clone(),
    };
    let team = team_status::load(&args.status, &read)?;
    stage.counter().add(status_size);
    stage.finish(|n| format!("loaded the ledger and the status export, {n}"));
    let _stage = progress.stage("writing status.json and status.html");
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().naive_local());
    let file = team.facts.as_ref().map_or_else(|| args.status.display().to_string(), |f| f.source.clone());
    let report = status::assess(&ledger, &team, as_of, i64::from(args.warn_days), &file);
    let out = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Output { path, source }
    };
    let mut json = serde_json::to_vec_pretty(&report).expect("status serializes");
    json.push(b'\n');
    // Listed before they are written, so a cut never leaves a file of the tool's unlisted.
    folder.wrote(["status.json", "status.html"]);
    folder.save().map_err(out(&dir.join(owned::MARKER)))?;
    let path = dir.join("status.json");
    write_atomic(&path, &json, None).map_err(out(&path))?;
    emit::html::files::write_status(&report, dir).map_err(out(dir))?;
    Ok(report)
}
