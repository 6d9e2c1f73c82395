//! `pmc-migrate apply`, the real run: passwords, credential files, sign-on
//! emails and the ledger, crash-safe. Who gets a password is
//! [`crate::issue`]'s decision; the files go through one staged
//! [`crate::transaction`] whose commit point is the ledger.

use super::args::{Common, Inputs};
use crate::Error;
use crate::check::Outcome;
use crate::check::{Checked, check, load_status, with_jobs};
use crate::credentials::{Issued, entra, file};
use crate::emit::mail::{self, Letter};
use crate::history::Ledger;
use crate::ids::CredentialsFile;
use crate::issue::{self, Batch};
use crate::model::Role;
use crate::options::{Creation, Options};
use crate::plan::OrgPlan;
use crate::plan::accounts::AccountPlan;
use crate::plan_file;
use crate::progress::Progress;
use crate::transaction::{self, Staging, atomic::write_atomic};
use crate::{emit, ledger};
use std::collections::HashMap;
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
    #[command(flatten)]
    pub common: Common,
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let (opts, reviewed) = match &args.plan {
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Input { path: path.clone(), source })?;
            let jobs = args.common.jobs.map(usize::from);
            (plan_file::options_from_plan(&bytes, jobs, args.common.quiet)?, Some(bytes))
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
        return Ok(super::plan::plan_and_report(&opts, &args.out)?.outcome());
    }
    let (checked, applied) = apply(&opts, args, reviewed.as_deref())?;
    print!("{}", emit::text::apply_summary(&checked, &applied, &args.out));
    Ok(if applied.refused { Outcome::Errors } else { checked.outcome() })
}

/// Lock the folder, finish or roll back a run cut short, check the reviewed
/// plan's pins, plan, issue, stage, commit (the ledger), report.
fn apply(opts: &Options, args: &Args, reviewed: Option<&[u8]>) -> Result<(Checked, crate::applied::Applied), Error> {
    let dir = &args.out;
    std::fs::create_dir_all(dir).map_err(|source| Error::Output { path: dir.clone(), source })?;
    let _lock = transaction::lock(dir)?;
    let ledger = ledger::load(dir)?;
    transaction::recover(dir, ledger.last_run())?;
    if let Some(reviewed) = reviewed {
        plan_file::verify_pins(reviewed, &ledger)?;
    }
    let status = load_status(opts)?;
    let checked = with_jobs(opts.jobs, || check(opts, &ledger, status.as_ref()))?;
    if let Some(reviewed) = reviewed
        && plan_file::render(&checked, None) != reviewed
    {
        return Err(plan_file::PlanFileError::Stale(
            "these inputs and this ledger no longer give the reviewed plan (was it edited, or made by another version?)"
                .to_string(),
        )
        .into());
    }

    if checked.outcome() == Outcome::Errors && !args.skip_invalid {
        return report(checked, &ledger, ledger.last_run(), true, dir);
    }

    let run = ledger.last_run() + 1;
    let progress = Progress::new(opts.quiet);
    let stage_timer = progress.stage("issuing passwords");
    let (issued, new_ledger) = issue::issue(&checked, &ledger, run, dir)?;
    drop(stage_timer);
    if issued.is_empty() && new_ledger == ledger {
        // Nothing new: the ledger and every credential file stay as they are.
        return report(checked, &ledger, ledger.last_run(), false, dir);
    }

    let mut staging = Staging::begin(dir, run)?;
    let stage_timer = progress.stage("writing credential files");
    let to = StageTo { opts, entra_csv: args.entra_csv, run, dir };
    stage(&mut staging, &issued, &checked, &to)?;
    drop(stage_timer);
    let stage_timer = progress.stage("committing credential files");
    let ledger_path = dir.join(ledger::FILE_NAME);
    staging.commit(|| {
        write_atomic(&ledger_path, &ledger::render(&new_ledger), None)
            .map_err(|source| transaction::TxnError::Io { path: ledger_path.clone(), source })
    })?;
    drop(stage_timer);
    report(checked, &new_ledger, run, false, dir)
}

/// Every way an apply ends: the reports, with what this run did (or refused).
fn report(
    checked: Checked,
    ledger: &Ledger,
    run: u32,
    refused: bool,
    dir: &Path,
) -> Result<(Checked, crate::applied::Applied), Error> {
    let applied = issue::applied(&checked, ledger, run, refused);
    emit::write_reports(&checked, Some(&applied), dir)?;
    Ok((checked, applied))
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

/// Write every secret file into the staging folder: the folders first, then
/// the organisations' files in parallel (creating tens of thousands of files
/// is kernel work that two cores share).
fn stage(staging: &mut Staging, issued: &[Batch], checked: &Checked, to: &StageTo<'_>) -> Result<(), Error> {
    use rayon::prelude::*;
    let orgs: HashMap<&str, &OrgPlan> = checked.plan.organizations.iter().map(|o| (o.mpn_id.as_str(), o)).collect();
    for (_, accounts) in issued {
        staging.ensure_dir(Path::new("credentials"))?;
        if to.opts.creation == Creation::Individual {
            staging.ensure_dir(&Path::new("outbox").join(&accounts[0].mpn_id))?;
        }
    }
    let staging = &*staging;
    issued
        .par_iter()
        .try_for_each(|(name, accounts)| stage_org(staging, name, accounts, orgs[accounts[0].mpn_id.as_str()], to))
}

/// One organisation's credential file, Entra file and sign-on emails.
fn stage_org(
    staging: &Staging,
    name: &CredentialsFile,
    accounts: &[Issued],
    org: &OrgPlan,
    to: &StageTo<'_>,
) -> Result<(), Error> {
    let StageTo { opts, entra_csv, run, dir } = *to;
    staging.write(Path::new(&name.to_string()), &file::render(accounts))?;
    let by_username: HashMap<&str, &AccountPlan> = org.accounts.iter().map(|a| (a.username.as_str(), a)).collect();
    if entra_csv {
        let rows: Vec<(&Issued, &AccountPlan)> =
            accounts.iter().map(|i| (i, by_username[i.username.as_str()])).collect();
        staging.write(Path::new(&name.entra()), &entra::render(&rows, org.country.as_deref()))?;
    }
    if opts.creation != Creation::Individual {
        return Ok(());
    }
    let admin = org.accounts.iter().find(|a| a.role == Role::Admin);
    for i in accounts {
        let plan = by_username[i.username.as_str()];
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
    }
    Ok(())
}
