//! After cutover: the ledger of an output folder against a Partner Center
//! status export, judged at a moment; writes status.json and status.html.

use super::render::Render;
use super::{Error, folder};
use crate::core::options::ReadOptions;
use crate::core::progress::{Progress, Unit};
use crate::core::transaction::atomic::write_atomic;
use crate::core::transaction::owned::{self, Claim};
use crate::files::ledger_csv as ledger;
use crate::pipeline::assess::{self, StatusReport};
use crate::pipeline::load::hints::Command;
use crate::pipeline::status_export;
use std::path::Path;

/// What a status run is asked to judge.
pub(crate) struct StatusRun<'a> {
    /// The migration folder an apply wrote (holds ledger.csv).
    pub out: &'a Path,
    /// The Partner Center status export.
    pub status: &'a Path,
    pub read: ReadOptions,
    /// The moment to judge at.
    pub as_of: chrono::NaiveDateTime,
    /// Days before a temporary password expires that count as "soon".
    pub warn_days: u32,
    pub quiet: bool,
}

/// Judge the team at `--as-of` and write status.json and status.html into `--out`.
pub(crate) fn status(run: &StatusRun<'_>, render: &dyn Render) -> Result<StatusReport, Error> {
    let dir = run.out;
    // A file is no folder: say so, as plan and apply do, before asking for its ledger.
    if dir.is_file() {
        return Err(owned::FolderError::NotAFolder { dir: dir.to_path_buf() }.into());
    }
    if !dir.join(ledger::FILE_NAME).exists() {
        return Err(Error::NoLedger(dir.to_path_buf()));
    }
    let claim = Claim { exports: &[], inputs: &[run.status], replaces: &["status.json", "status.html"], force: false };
    // The ledger comes with the folder (read once, under its lock).
    let (mut folder, _lock, ledger) = folder::open(dir, &claim, run.quiet)?;
    let progress = Progress::new(run.quiet);
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let (ledger_size, status_size) = (size(&dir.join(ledger::FILE_NAME)), size(run.status));
    let stage = progress.bar("loading", Unit::Bytes, ledger_size + status_size);
    stage.counter().add(ledger_size);
    let team = status_export::load(run.status, &run.read, Command::Status)?;
    stage.counter().add(status_size);
    stage.finish(|n| format!("loaded the ledger and the status export, {n}"));
    if !run.quiet {
        for line in team.facts.iter().flat_map(crate::pipeline::load::summary::notes) {
            eprintln!("{line}");
        }
    }
    let _stage = progress.stage("writing status.json and status.html");
    let file = team.facts.as_ref().map_or_else(|| run.status.display().to_string(), |f| f.source.clone());
    let report = assess::assess(&ledger, &team, run.as_of, i64::from(run.warn_days), &file);
    let out = |path: &Path| Error::output(path.to_path_buf());
    let mut json = serde_json::to_vec_pretty(&report).expect("status serializes");
    json.push(b'\n');
    // Listed before they are written, so a cut never leaves a file of the tool's unlisted.
    folder.wrote(["status.json", "status.html"]);
    folder.save().map_err(out(&dir.join(owned::MARKER)))?;
    let path = dir.join("status.json");
    write_atomic(&path, &json, None).map_err(out(&path))?;
    render.status_page(&report, dir).map_err(out(dir))?;
    Ok(report)
}
