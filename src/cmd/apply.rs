//! `pmc-migrate apply`, the real run: passwords, credential files, sign-on
//! emails and the ledger, crash-safe. Who gets a password is
//! [`crate::issue`]'s decision; the files go through one staged
//! [`crate::transaction`] whose commit point is the ledger.

use super::args::{Common, Inputs};
use super::folder::{self, REPORT};
use crate::Error;
use crate::applied::Applied;
use crate::check::Outcome;
use crate::check::{Checked, check, load_status, with_jobs};
use crate::credentials::{entra, file};
use crate::emit::listing::{self, Tense, Written};
use crate::emit::mail::{self, Letter};
use crate::ids::CredentialsFile;
use crate::interrupt;
use crate::issue::{self, Issue, IssueError};
use crate::model::Role;
use crate::options::{Creation, Options};
use crate::plan::OrgPlan;
use crate::plan_file;
use crate::progress::{Counter, Progress, Unit};
use crate::transaction::owned::{self, Claim, Folder};
use crate::transaction::{self, Staging, atomic::write_atomic_streamed};
use crate::{emit, ledger};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The PMC membership export (not with --plan, which names its own).
    #[arg(long, value_name = "FILE", required_unless_present = "plan", conflicts_with = "plan")]
    pub memberships: Option<PathBuf>,
    /// The PMC employee export (not with --plan).
    #[arg(long, value_name = "FILE", required_unless_present = "plan", conflicts_with = "plan")]
    pub employees: Option<PathBuf>,
    /// Output folder (created if missing); holds the ledger between runs.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write into a non-empty folder that pmc-migrate did not make, replacing
    /// files at its names there (it never deletes files it did not write).
    #[arg(long)]
    pub force: bool,
    /// Only plan: the same as `pmc-migrate plan`.
    #[arg(long, conflicts_with = "plan")]
    pub dry_run: bool,
    /// Apply the valid rows even when others have errors (they are reported).
    #[arg(long)]
    pub skip_invalid: bool,
    /// Carry out exactly this reviewed plan.json (its inputs, options and ledger are
    /// pinned by SHA-256: a stale plan is refused and nothing is written).
    #[arg(long, value_name = "PLAN.JSON")]
    pub plan: Option<PathBuf>,
    /// Also write credentials/<mpn_id>.entra.csv for Microsoft Entra's "Bulk create users" upload.
    #[arg(long)]
    pub entra_csv: bool,
    /// How many people (and organisations' files) the listing names: a number, or `all`.
    #[arg(long, value_name = "N|all", default_value_t = listing::FIRST, value_parser = super::plan::parse_changes)]
    pub changes: usize,
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let (opts, reviewed) = match &args.plan {
        Some(path) => {
            let fixed = args.common.fixed_by_plan();
            if !fixed.is_empty() {
                return Err(plan_file::PlanFileError::FixedOptions { options: fixed.join(", ") }.into());
            }
            let bytes = plan_file::read(path)?;
            let jobs = args.common.jobs.map(usize::from);
            (plan_file::options_from_plan(path, &bytes, &args.out, jobs, args.common.quiet)?, Some(bytes))
        }
        None => {
            let inputs = Inputs {
                memberships: args.memberships.clone().expect("required without --plan"),
                employees: args.employees.clone().expect("required without --plan"),
            };
            (args.common.to_options(&inputs), None)
        }
    };
    if args.dry_run {
        return Ok(super::plan::plan_and_report(&opts, &args.out, args.changes, args.force)?.outcome());
    }
    let (checked, applied, written) = apply(&opts, args, reviewed.as_deref())?;
    let tense = if applied.refused { Tense::Refused } else { Tense::Applied };
    let style = listing::Style::for_stdout(args.changes);
    super::stdout::print(&listing::apply_report(&checked, tense, &written, &args.out, style))?;
    if applied.refused {
        // A refusal is never silenced: it is why nothing was issued.
        eprint!("{}", emit::next::refusal(&checked, &args.out));
        return Ok(Outcome::Errors);
    }
    if !opts.quiet {
        eprint!("{}", emit::next::apply_next(&checked, &written, &args.out));
    }
    Ok(checked.outcome())
}

/// Lock the folder, finish or roll back a run cut short, check the reviewed
/// plan's pins, plan, issue, stage, commit (the ledger), report.
fn apply(opts: &Options, args: &Args, reviewed: Option<&[u8]>) -> Result<(Checked, Applied, Written), Error> {
    let dir = &args.out;
    let status_input = opts.status.iter().map(PathBuf::as_path).collect::<Vec<_>>();
    let replaces: Vec<&str> = REPORT.into_iter().chain([ledger::FILE_NAME]).collect();
    let claim = Claim {
        exports: &[&opts.memberships, &opts.employees],
        inputs: &status_input,
        replaces: &replaces,
        force: args.force,
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

    if checked.outcome() == Outcome::Errors && !args.skip_invalid {
        let applied = issue::applied(&checked, &ledger, None, ledger.last_run(), true);
        return report(checked, applied, Written::default(), &mut folder);
    }

    let run = ledger.last_run() + 1;
    let progress = Progress::new(opts.quiet);
    let stage_timer = progress.stage("issuing passwords");
    let issue = issue::issue(&checked, &ledger, run, dir)?;
    drop(stage_timer);
    if issue.keeps_ledger() {
        // Nothing new: the ledger and every credential file stay as they are.
        let applied = issue::applied(&checked, &ledger, None, ledger.last_run(), false);
        return report(checked, applied, Written::default(), &mut folder);
    }

    let mut staging = Staging::begin(dir, run)?;
    interrupt::set_folder_state(format!(
        "no account was issued: the staged password files were removed and {} is as it was",
        dir.display()
    ));
    let to = StageTo { opts, entra_csv: args.entra_csv, run, dir };
    let stage_timer = progress.bar("writing credentials", Unit::Items("files"), to.files(&checked, &issue));
    stage(&mut staging, &issue, &checked, &to, &stage_timer.counter())?;
    stage_timer.finish(|n| format!("wrote {n} with passwords"));
    let stage_timer = progress.stage("committing credential files");
    let ledger_path = dir.join(ledger::FILE_NAME);
    let individual = opts.creation == Creation::Individual;
    folder.wrote([ledger::FILE_NAME, "credentials/"].into_iter().chain(individual.then_some("outbox/")));
    folder.save().map_err(|source| Error::Output { path: dir.join(owned::MARKER), source })?;
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
        entra: args.entra_csv,
        outbox: opts.creation == Creation::Individual,
    };
    let applied = issue::applied(&checked, &ledger, Some(&issue), run, false);
    drop(issue);
    report(checked, applied, written, &mut folder)
}

/// Every way an apply ends: the reports, with what this run did (or refused).
fn report(
    checked: Checked,
    applied: Applied,
    mut written: Written,
    folder: &mut Folder,
) -> Result<(Checked, Applied, Written), Error> {
    written.run = applied.run;
    emit::write_reports(&checked, Some(&applied), folder)?;
    Ok((checked, applied, written))
}

/// What every organisation's staged files need to know.
#[derive(Clone, Copy)]
struct StageTo<'a> {
    opts: &'a Options,
    entra_csv: bool,
    run: u32,
    /// The output folder (where earlier runs' messages are).
    dir: &'a Path,
}

impl StageTo<'_> {
    /// How many files [`stage`] writes: per organisation its credentials,
    /// its Entra file, and (individual creation) one message per account.
    fn files(&self, checked: &Checked, issue: &Issue) -> u64 {
        let per_org = 1 + u64::from(self.entra_csv);
        let individual = self.opts.creation == Creation::Individual;
        let orgs = checked.plan.organizations.iter().zip(&issue.files);
        orgs.filter(|(_, file)| file.is_some())
            .map(|(org, _)| per_org + if individual { issue::fresh(org).count() as u64 } else { 0 })
            .sum()
    }
}

/// Write every secret file into the staging folder: the folders first, then
/// the organisations' files in parallel (creating tens of thousands of files
/// is kernel work that two cores share), each organisation's passwords drawn
/// as its files are written, so none waits in memory for the others.
fn stage(
    staging: &mut Staging,
    issue: &Issue,
    checked: &Checked,
    to: &StageTo<'_>,
    files: &Counter,
) -> Result<(), Error> {
    use rayon::prelude::*;
    let orgs = &checked.plan.organizations;
    for (org, _) in orgs.iter().zip(&issue.files).filter(|(_, file)| file.is_some()) {
        staging.ensure_dir(Path::new("credentials"))?;
        if to.opts.creation == Creation::Individual {
            staging.ensure_dir(&Path::new("outbox").join(&org.mpn_id))?;
        }
    }
    let staging = &*staging;
    orgs.par_iter().zip(&issue.files).try_for_each(|(org, file)| match file {
        Some(name) => stage_org(staging, name, org, to, files),
        None => Ok(()),
    })
}

/// One organisation's passwords, credential file, Entra file and sign-on emails.
fn stage_org(
    staging: &Staging,
    name: &CredentialsFile,
    org: &OrgPlan,
    to: &StageTo<'_>,
    files: &Counter,
) -> Result<(), Error> {
    let StageTo { opts, entra_csv, run, dir } = *to;
    let accounts = issue::draw(org).map_err(IssueError::from)?;
    staging.write(Path::new(&name.to_string()), &file::render(accounts.iter().map(|(i, _)| i)))?;
    files.add(1);
    if entra_csv {
        staging.write(Path::new(&name.entra()), &entra::render(&accounts, org.country.as_deref()))?;
        files.add(1);
    }
    if opts.creation != Creation::Individual {
        return Ok(());
    }
    let admin = org.accounts.iter().find(|a| a.role == Role::Admin);
    for (i, plan) in &accounts {
        let letter = Letter {
            issued: i,
            organization: &org.organization,
            // Empty: the email names "your administrator" in the person's language.
            admin_name: admin.map_or("", |a| a.display_name.as_str()),
            admin_email: admin.map_or("", |a| a.email.as_str()),
            partner_university: plan.tasks.contains(&crate::model::Task::ConnectPartnerUniversity),
            exams: &plan.exams,
            date: opts.as_of,
            language: plan.language,
            first_name: &plan.first_name,
            last_name: &plan.last_name,
        };
        let rel = Path::new("outbox").join(&org.mpn_id);
        // A reissue writes a new message beside the first one, never over it.
        let first = rel.join(format!("{}.eml", i.username));
        let taken = std::fs::symlink_metadata(dir.join(&first)).is_ok();
        let rel = if taken { rel.join(format!("{}.run{run}.eml", i.username)) } else { first };
        staging.write(&rel, &mail::render(&letter)?)?;
        files.add(1);
    }
    Ok(())
}
