//! After cutover: the ledger of an output folder against the Partner Center
//! status exports of its tenants, judged at a moment; writes status.json and
//! status.html in the plan's language, names the people to list, and writes
//! reminders to those whose temporary password expires soon.

use super::reminders::{self, Reminded};
use super::render::Render;
use super::{Error, folder};
use crate::core::model::Lang;
use crate::core::options::ReadOptions;
use crate::core::progress::{Progress, Unit};
use crate::core::transaction::atomic::write_atomic;
use crate::core::transaction::owned::{self, Claim};
use crate::files::ledger_csv as ledger;
use crate::files::plan_file::{self, Roster};
use crate::pipeline::assess::{self, LISTED, SignIn, StatusReport};
use crate::pipeline::load::hints::Command;
use crate::pipeline::status_export;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What a status run is asked to judge.
pub(crate) struct StatusRun<'a> {
    /// The migration folder an apply wrote (holds ledger.csv).
    pub out: &'a Path,
    /// The Partner Center status exports, one per tenant.
    pub status: &'a [PathBuf],
    pub read: ReadOptions,
    /// The moment to judge at.
    pub as_of: chrono::NaiveDateTime,
    /// Days before a temporary password expires that count as "soon".
    pub warn_days: u32,
    /// The language of status.html (`None`: the plan's).
    pub lang: Option<Lang>,
    /// How many people of each group stdout names (their display names are looked up).
    pub listed: usize,
    /// Write reminders into `outbox/reminders/` (false: `--no-reminders`, the set stays as it was).
    pub reminders: bool,
    pub quiet: bool,
}

/// What a status run found: the report (status.json), and the names of the
/// people and organisations stdout lists, from the folder's plan.json.
pub(crate) struct Judged {
    pub report: StatusReport,
    pub roster: Roster,
    /// The reminder set written (none: `--no-reminders`).
    pub reminded: Option<Reminded>,
}

/// Judge the team at `--as-of` and write status.json and status.html into `--out`.
pub(crate) fn status(run: &StatusRun<'_>, render: &dyn Render) -> Result<Judged, Error> {
    let dir = run.out;
    // A file is no folder: say so, as plan and apply do, before asking for its ledger.
    if dir.is_file() {
        return Err(owned::FolderError::NotAFolder { dir: dir.to_path_buf() }.into());
    }
    if !dir.join(ledger::FILE_NAME).exists() {
        return Err(Error::NoLedger(dir.to_path_buf()));
    }
    let inputs: Vec<&Path> = run.status.iter().map(PathBuf::as_path).collect();
    let replaces: &[&str] = if run.reminders {
        &["status.json", "status.html", reminders::FOLDER]
    } else {
        &["status.json", "status.html"]
    };
    let claim = Claim { exports: &[], inputs: &inputs, replaces, force: false };
    // The ledger comes with the folder (read once, under its lock).
    let (mut folder, _lock, ledger) = folder::open(dir, &claim, run.quiet)?;
    let progress = Progress::new(run.quiet);
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let ledger_size = size(&dir.join(ledger::FILE_NAME));
    let status_size: u64 = inputs.iter().map(|p| size(p)).sum();
    let stage = progress.bar("loading", Unit::Bytes, ledger_size + status_size);
    stage.counter().add(ledger_size);
    let team = status_export::load_all(run.status, &run.read, Command::Status)?;
    stage.counter().add(status_size);
    let exports = if run.status.len() == 1 { "the status export" } else { "the status exports" };
    stage.finish(|n| format!("loaded the ledger and {exports}, {n}"));
    if !run.quiet {
        for line in team.facts.iter().flat_map(crate::pipeline::load::summary::notes) {
            eprintln!("{line}");
        }
    }
    let _stage = progress.stage("writing status.json and status.html");
    let mut report = assess::assess(&ledger, &team, run.as_of, i64::from(run.warn_days));
    let roster = roster(dir, &report, run);
    report.lang = run.lang.unwrap_or(roster.lang);
    report.delivery = super::send::delivery::delivery(dir);
    let out = |path: &Path| Error::output(path.to_path_buf());
    let mut json = serde_json::to_vec_pretty(&report).expect("status serializes");
    json.push(b'\n');
    // Listed before they are written, so a cut never leaves a file of the tool's unlisted.
    folder.wrote(["status.json", "status.html"]);
    folder.save().map_err(out(&dir.join(owned::MARKER)))?;
    let path = dir.join("status.json");
    write_atomic(&path, &json, None).map_err(out(&path))?;
    render.status_page(&report, dir).map_err(out(dir))?;
    let reminded = match run.reminders {
        true => Some(reminders::remind(&mut folder, &report, &roster, run.as_of.date(), render)?),
        false => None,
    };
    Ok(Judged { report, roster, reminded })
}

/// The language, sign-in link, names and admins of the plan.json in `dir`,
/// with the people stdout lists and those reminded. Without a readable plan:
/// English, no names (stdout then shows addresses and MPN IDs, reminders
/// greet by address and name no admin), and a note saying why.
fn roster(dir: &Path, report: &StatusReport, run: &StatusRun<'_>) -> Roster {
    let reminded = report.in_state(SignIn::ExpiresSoon).into_iter().filter(|_| run.reminders);
    let wanted: HashSet<String> = LISTED
        .iter()
        .flat_map(|&state| report.in_state(state).into_iter().take(run.listed))
        .chain(reminded)
        .map(|(_, e)| e.username.to_lowercase())
        .collect();
    let path = dir.join("plan.json");
    let file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(_) => return Roster::default(),
    };
    plan_file::roster(std::io::BufReader::new(file), &wanted).unwrap_or_else(|e| {
        if !run.quiet {
            eprintln!(
                "{}: can't be read ({e}); people and organisations are named by address and MPN ID",
                path.display()
            );
        }
        Roster::default()
    })
}
