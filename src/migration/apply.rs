//! The real run: passwords, credential files, sign-on emails and the ledger,
//! crash-safe. Who gets a password is [`super::issue`]'s decision; the files
//! go through one staged [`crate::core::transaction`] whose commit point is
//! the ledger.

use super::folder::{self, REPORT};
use super::issue;
use super::render::Render;
use super::staging::{StageTo, stage};
use super::{Error, report_set};
use crate::core::applied::{Applied, Written};
use crate::core::interrupt;
use crate::core::options::{Creation, Options};
use crate::core::progress::{Progress, Unit};
use crate::core::transaction::owned::{self, Claim, Folder};
use crate::core::transaction::{self, Staging, atomic::write_atomic_streamed};
use crate::files::ledger_csv as ledger;
use crate::files::plan_file;
use crate::files::sealed::Recipients;
use crate::pipeline::{Checked, Outcome, check, load_status, with_jobs};
use std::path::{Path, PathBuf};

/// What an apply is asked to do.
pub(crate) struct ApplyRun<'a> {
    pub opts: Options,
    pub out: &'a Path,
    /// Take a folder the tool did not make.
    pub force: bool,
    /// Apply the valid rows even when others have errors.
    pub skip_invalid: bool,
    /// Also write Microsoft Entra bulk-create files.
    pub entra_csv: bool,
    /// The reviewed plan.json's bytes (`apply --plan`): its pins are checked.
    pub reviewed: Option<Vec<u8>>,
    /// `--encrypt-to`: write every secret file as an age file to these keys.
    pub encrypt_to: Option<Recipients>,
}

impl<'a> ApplyRun<'a> {
    /// An apply of exactly the reviewed plan at `plan`: its options are the
    /// plan's, `jobs` and `quiet` this run's.
    pub(crate) fn reviewed(plan: &Path, out: &'a Path, jobs: Option<usize>, quiet: bool) -> Result<Self, Error> {
        let bytes = plan_file::read(plan)?;
        let opts = plan_file::options_from_plan(plan, &bytes, out, jobs, quiet)?;
        Ok(ApplyRun {
            opts,
            out,
            force: false,
            skip_invalid: false,
            entra_csv: false,
            reviewed: Some(bytes),
            encrypt_to: None,
        })
    }
}

/// What an apply did (or refused): the plan, the run, and the files written.
pub(crate) struct Applying {
    pub checked: Checked,
    pub applied: Applied,
    pub written: Written,
}

/// Lock the folder, finish or roll back a run cut short, check the reviewed
/// plan's pins, plan, issue, stage, commit (the ledger), report.
pub(crate) fn apply(run: &ApplyRun<'_>, render: &dyn Render) -> Result<Applying, Error> {
    let (opts, reviewed) = (&run.opts, run.reviewed.as_deref());
    let dir = run.out;
    let status_input = opts.status.iter().map(PathBuf::as_path).collect::<Vec<_>>();
    let replaces: Vec<&str> = REPORT.into_iter().chain([ledger::FILE_NAME]).collect();
    let claim = Claim {
        exports: &[&opts.memberships, &opts.employees],
        inputs: &status_input,
        replaces: &replaces,
        force: run.force,
    };
    let (mut folder, _lock, ledger) = folder::open(dir, &claim, opts.quiet)?;
    issue::same_creation(&ledger, opts.creation)?;
    if let Some(reviewed) = reviewed {
        plan_file::verify_pins(reviewed, &ledger)?;
        plan_file::verify_report(reviewed, dir)?;
    }
    let status = load_status(opts)?;
    let checked = with_jobs(opts.jobs, || check(opts, &ledger, status.as_ref()))?;
    if let Some(reviewed) = reviewed {
        plan_file::verify_rendered(&checked, reviewed)?;
    }

    if checked.outcome() == Outcome::Errors && !run.skip_invalid {
        let applied = issue::applied(&checked, &ledger, None, ledger.last_run(), true);
        return report(checked, applied, Written::default(), &mut folder, dir, render);
    }

    let (entra_csv, sealed) = (run.entra_csv, run.encrypt_to.as_ref());
    let run = ledger.last_run() + 1;
    let progress = Progress::new(opts.quiet);
    let stage_timer = progress.stage("issuing passwords");
    let issue = issue::issue(&checked, &ledger, run, dir)?;
    drop(stage_timer);
    if issue.keeps_ledger() {
        // Nothing new: the ledger and every credential file stay as they are.
        let applied = issue::applied(&checked, &ledger, None, ledger.last_run(), false);
        return report(checked, applied, Written::default(), &mut folder, dir, render);
    }

    let mut staging = Staging::begin(dir, run)?;
    interrupt::set_folder_state(format!(
        "no account was issued: the staged password files were removed and {} is as it was",
        dir.display()
    ));
    let to = StageTo { opts, entra_csv, run, dir, render, seal: sealed };
    let stage_timer = progress.bar("writing credentials", Unit::Items("files"), to.files(&checked, &issue));
    stage(&mut staging, &issue, &checked, &to, &stage_timer.counter())?;
    stage_timer.finish(|n| format!("wrote {n} with passwords"));
    let stage_timer = progress.stage("committing credential files");
    let ledger_path = dir.join(ledger::FILE_NAME);
    let individual = opts.creation == Creation::Individual;
    folder.wrote([ledger::FILE_NAME, "credentials/"].into_iter().chain(individual.then_some("outbox/")));
    folder.save().map_err(Error::output(dir.join(owned::MARKER)))?;
    let committed = format!("run {run} is committed: ledger.csv and its credential files are in {}", dir.display());
    staging.commit(committed, || {
        write_atomic_streamed(&ledger_path, None, |w| issue.write_ledger(w))
            .map_err(|source| transaction::TxnError::Io { path: ledger_path.clone(), source })
    })?;
    drop(stage_timer);
    let orgs = checked.plan.organizations.iter().zip(&issue.files);
    let written = Written {
        committed: true,
        run,
        credentials: orgs.filter_map(|(org, file)| Some((file.clone()?, issue::fresh(org).count()))).collect(),
        entra: entra_csv,
        outbox: opts.creation == Creation::Individual,
        sealed: sealed.is_some(),
    };
    let applied = issue::applied(&checked, &ledger, Some(&issue), run, false);
    drop(issue);
    report(checked, applied, written, &mut folder, dir, render)
}

/// Every way an apply ends: the reports, with what this run did (or refused).
fn report(
    checked: Checked,
    mut applied: Applied,
    mut written: Written,
    folder: &mut Folder,
    dir: &Path,
    render: &dyn Render,
) -> Result<Applying, Error> {
    written.run = applied.run;
    issue::mark_sealed(&mut applied, dir);
    report_set::write_reports(&checked, Some(&applied), folder, render)?;
    Ok(Applying { checked, applied, written })
}
