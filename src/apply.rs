//! `apply`, the real run: passwords, credential files, sign-on emails and the
//! ledger, crash-safe. Files are staged under `.staging/run<N>/`, the ledger
//! is the commit point, and staged files are then moved into place; a run cut
//! short is finished (ledger written) or rolled back (ledger not written) by
//! the next apply. A lock file keeps two applies out of one folder.

use crate::credentials::outbox::{self, Letter};
use crate::credentials::password;
use crate::credentials::{Issued, file};
use crate::emit::atomic::write_atomic;
use crate::ledger::{Enrolment, Ledger, LedgerAccount};
use crate::model::Role;
use crate::options::{Creation, Options};
use crate::plan::OrgPlan;
use crate::plan::accounts::AccountPlan;
use crate::plan::accounts::Action;
use crate::{Checked, Error, Outcome, check, load_status, write_reports};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = ".pmc-migrate.lock";
const STAGING: &str = ".staging";
/// Test-only fault injection: abort at a named step to prove crash safety.
const FAULT_ENV: &str = "PMC_MIGRATE_FAULT";
const SECRET_MODE: u32 = 0o600;

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(
        "another pmc-migrate apply is running in {0} (it holds {LOCK_FILE}); wait for it to finish, or use another --out"
    )]
    Locked(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error(
        "{0} already exists and was not written by this ledger; move it away before applying (credential files are never overwritten)"
    )]
    WouldOverwrite(PathBuf),
    #[error(transparent)]
    Rng(#[from] password::RngError),
    #[error("cannot render a sign-on email: {0}")]
    Template(#[from] tera::Error),
    #[error("{0:?} can't be used in a file name; refusing to write it")]
    UnsafeName(String),
    #[error("stale plan: {0}; nothing was written. Run `pmc-migrate plan` again, review it, then apply the new plan")]
    StalePlan(String),
}

impl ApplyError {
    /// Refusals (exit 1) as opposed to failures (exit 2).
    pub fn is_refusal(&self) -> bool {
        matches!(self, ApplyError::Locked(_) | ApplyError::StalePlan(_))
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ApplyError + '_ {
    move |source| ApplyError::Io { path: path.to_path_buf(), source }
}

/// What an apply did, for plan.json and the report. Never a password.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Applied {
    /// This run's number, or the last one when nothing new was issued.
    pub run: u32,
    /// True when errors stopped the apply: reports only, no credentials.
    pub refused: bool,
    pub organizations: BTreeMap<String, OrgApplied>,
}

impl Applied {
    /// (created, kept, reissued, left) over every organisation.
    pub fn totals(&self) -> (usize, usize, usize, usize) {
        self.organizations
            .values()
            .fold((0, 0, 0, 0), |(c, k, r, l), o| (c + o.created, k + o.kept, r + o.reissued, l + o.left))
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct OrgApplied {
    pub created: usize,
    pub kept: usize,
    pub reissued: usize,
    pub left: usize,
    /// Credential files of this organisation, oldest first (relative to --out).
    pub credential_files: Vec<String>,
    pub outbox: Option<String>,
}

pub struct ApplyOptions {
    pub out_dir: PathBuf,
    pub skip_invalid: bool,
    /// Also write Microsoft Entra "Bulk create users" files.
    pub entra_csv: bool,
    /// `--plan`: the reviewed plan.json this apply must carry out exactly.
    pub reviewed_plan: Option<Vec<u8>>,
}

/// Holds the folder's lock for as long as it lives.
struct DirLock(#[allow(dead_code)] fs::File);

fn lock(dir: &Path) -> Result<DirLock, ApplyError> {
    let path = dir.join(LOCK_FILE);
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(ApplyError::Io { path, source: std::io::Error::other("the lock file is not a plain file") });
    }
    let f = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io(&path))?;
    match f.try_lock() {
        Ok(()) => Ok(DirLock(f)),
        Err(fs::TryLockError::WouldBlock) => Err(ApplyError::Locked(dir.to_path_buf())),
        Err(fs::TryLockError::Error(e)) => Err(ApplyError::Io { path, source: e }),
    }
}

fn fault(step: &str) {
    if std::env::var(FAULT_ENV).is_ok_and(|v| v == step) {
        eprintln!("pmc-migrate: fault injected at {step}");
        std::process::abort();
    }
}

pub fn run_apply(opts: &Options, apply: &ApplyOptions) -> Result<(Checked, Applied), Error> {
    let dir = &apply.out_dir;
    fs::create_dir_all(dir).map_err(|source| Error::Output { path: dir.clone(), source })?;
    let _lock = lock(dir)?;
    let ledger = Ledger::load(dir)?;
    recover(dir, &ledger)?;
    if let Some(reviewed) = &apply.reviewed_plan {
        crate::reviewed_plan::verify_pins(reviewed, &ledger)?;
    }
    let status = load_status(opts)?;
    let checked = crate::with_jobs(opts.jobs, || check(opts, &ledger, status.as_ref()))?;
    if let Some(reviewed) = &apply.reviewed_plan
        && crate::emit::plan_json::render(&checked, None) != *reviewed
    {
        return Err(ApplyError::StalePlan(
            "these inputs and this ledger no longer give the reviewed plan (was it edited, or made by another version?)"
                .to_string(),
        )
        .into());
    }

    if checked.outcome() == Outcome::Errors && !apply.skip_invalid {
        return report(checked, &ledger, ledger.last_run(), true, dir);
    }

    let run = ledger.last_run() + 1;
    let progress = crate::progress::Progress::new(opts.quiet);
    let stage_timer = progress.stage("issuing passwords");
    let (issued, new_ledger) = issue(&checked, &ledger, opts, run, dir)?;
    drop(stage_timer);
    if issued.is_empty() && new_ledger == ledger {
        // Nothing new: the ledger and every credential file stay as they are.
        return report(checked, &ledger, ledger.last_run(), false, dir);
    }

    let staging_rel = Path::new(STAGING).join(format!("run{run}"));
    private_dir(dir, &staging_rel)?; // refuses a planted link before anything is removed
    let staging = dir.join(&staging_rel);
    fs::remove_dir_all(&staging).map_err(io(&staging))?;
    private_dir(dir, &staging_rel)?;
    let stage_timer = progress.stage("writing credential files");
    let to = StageTo { opts, entra_csv: apply.entra_csv, run, dir, staging: &staging };
    stage(&issued, &checked, &to)?;
    drop(stage_timer);
    let stage_timer = progress.stage("syncing credential files to disk");
    sync_filesystem(&staging)?;
    drop(stage_timer);
    fault("before-ledger");
    write_atomic(&dir.join(crate::ledger::FILE_NAME), &new_ledger.render(), None).map_err(io(dir))?;
    fault("after-ledger");
    let stage_timer = progress.stage("moving credential files into place");
    move_into_place(&staging, dir)?;
    drop(stage_timer);
    report(checked, &new_ledger, run, false, dir)
}

/// Every way an apply ends: the reports, with what this run did (or refused).
fn report(checked: Checked, ledger: &Ledger, run: u32, refused: bool, dir: &Path) -> Result<(Checked, Applied), Error> {
    let applied = Applied { run, refused, organizations: summarize(&checked, ledger) };
    write_reports(&checked, Some(&applied), dir)?;
    Ok((checked, applied))
}

/// One credentials file (relative path) and the accounts it holds.
type Batch = (String, Vec<Issued>);

/// Passwords for every create and reissue, and the ledger that records them.
fn issue(
    checked: &Checked,
    ledger: &Ledger,
    opts: &Options,
    run: u32,
    dir: &Path,
) -> Result<(Vec<Batch>, Ledger), ApplyError> {
    let mut next = ledger.clone();
    let mut out = Vec::new();
    for org in &checked.plan.organizations {
        next.enrolments.entry(org.mpn_id.clone()).or_insert(Enrolment {
            pc_start: org.pc_start,
            pc_end: org.pc_end,
            run,
        });
        let fresh: Vec<_> =
            org.accounts.iter().filter(|a| matches!(a.action, Action::Create | Action::Reissue)).collect();
        if fresh.is_empty() {
            continue;
        }
        let file_name = credentials_file_name(org, ledger, run, dir)?;
        let mut issued = Vec::with_capacity(fresh.len());
        for a in fresh {
            issued.push(Issued {
                mpn_id: org.mpn_id.clone(),
                username: a.username.clone(),
                display_name: a.display_name.clone(),
                email: a.email.clone(),
                password: password::generate()?,
                password_expires: a.password_expires,
            });
            next.accounts.insert(
                (org.mpn_id.clone(), a.email_key.clone()),
                LedgerAccount {
                    mpn_id: org.mpn_id.clone(),
                    email_key: a.email_key.clone(),
                    email: a.email.clone(),
                    username: a.username.clone(),
                    issued: opts.as_of,
                    password_expires: a.password_expires,
                    run,
                    credentials_file: file_name.clone(),
                },
            );
        }
        out.push((file_name, issued));
    }
    Ok((out, next))
}

/// `credentials/1234.run2.csv` → `credentials/1234.run2.entra.csv`.
fn entra_name(credentials_file: &str) -> String {
    format!("{}.entra.csv", credentials_file.trim_end_matches(".csv"))
}

/// `credentials/<mpn_id>.csv` the first time, `credentials/<mpn_id>.run<N>.csv` after.
fn credentials_file_name(org: &OrgPlan, ledger: &Ledger, run: u32, dir: &Path) -> Result<String, ApplyError> {
    if !crate::validate::values::is_mpn_id(&org.mpn_id) {
        return Err(ApplyError::UnsafeName(org.mpn_id.clone()));
    }
    let first = format!("credentials/{}.csv", org.mpn_id);
    let had_any = ledger.has_accounts_for(&org.mpn_id);
    let name =
        if had_any || dir.join(&first).exists() { format!("credentials/{}.run{run}.csv", org.mpn_id) } else { first };
    for taken in [name.clone(), entra_name(&name)] {
        if dir.join(&taken).exists() {
            return Err(ApplyError::WouldOverwrite(dir.join(taken)));
        }
    }
    Ok(name)
}

/// Write every secret file into the staging folder, mode 0600: the folders
/// first, then the organisations' files in parallel (creating tens of
/// thousands of files is kernel work that two cores share).
fn stage(issued: &[Batch], checked: &Checked, to: &StageTo<'_>) -> Result<(), ApplyError> {
    use rayon::prelude::*;
    let StageTo { opts, dir, staging, .. } = *to;
    let orgs: HashMap<&str, &OrgPlan> = checked.plan.organizations.iter().map(|o| (o.mpn_id.as_str(), o)).collect();
    let staging_rel = staging.strip_prefix(dir).expect("staging is inside the output folder");
    let mut folders = PrivateDirs::new(dir);
    for (name, accounts) in issued {
        folders.ensure(&staging_rel.join(Path::new(name).parent().expect("has parent")))?;
        if opts.creation == Creation::Individual {
            folders.ensure(&staging_rel.join("outbox").join(&accounts[0].mpn_id))?;
        }
    }
    issued.par_iter().try_for_each(|(name, accounts)| stage_org(name, accounts, orgs[accounts[0].mpn_id.as_str()], to))
}

/// Where and how an apply stages its secret files.
#[derive(Clone, Copy)]
struct StageTo<'a> {
    opts: &'a Options,
    entra_csv: bool,
    run: u32,
    /// The output folder.
    dir: &'a Path,
    /// This run's staging folder inside it.
    staging: &'a Path,
}

/// One organisation's credential file, Entra file and sign-on emails.
fn stage_org(name: &str, accounts: &[Issued], org: &OrgPlan, to: &StageTo<'_>) -> Result<(), ApplyError> {
    let StageTo { opts, entra_csv, run, dir, staging } = *to;
    write_private(&staging.join(name), &file::render(accounts))?;
    let by_username: HashMap<&str, &AccountPlan> = org.accounts.iter().map(|a| (a.username.as_str(), a)).collect();
    if entra_csv {
        let rows: Vec<(&Issued, &AccountPlan)> =
            accounts.iter().map(|i| (i, by_username[i.username.as_str()])).collect();
        write_private(
            &staging.join(entra_name(name)),
            &crate::credentials::entra::render(&rows, org.country.as_deref()),
        )?;
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
            admin_name: admin.map_or("Your administrator", |a| a.display_name.as_str()),
            admin_email: admin.map_or("", |a| a.email.as_str()),
            partner_university: plan.tasks.contains(&crate::model::Task::ConnectPartnerUniversity),
            exams: &plan.exams,
            date: opts.as_of,
        };
        // Usernames are built from [a-z0-9._-] and a validated domain (and the
        // ledger's are checked when read): still, never let one name a path.
        if !i.username.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@'))
            || i.username.starts_with('.')
        {
            return Err(ApplyError::UnsafeName(i.username.clone()));
        }
        let rel = Path::new("outbox").join(&org.mpn_id);
        // A reissue writes a new message beside the first one, never over it.
        let first = rel.join(format!("{}.eml", i.username));
        let rel = if present(&dir.join(&first)) { rel.join(format!("{}.run{run}.eml", i.username)) } else { first };
        write_private(&staging.join(&rel), &outbox::render(&letter)?)?;
    }
    Ok(())
}

/// A new secret file in the staging folder: created 0600 (never readable by
/// others, not even for a moment) and not synced one by one: [`sync_filesystem`]
/// makes them all durable at once before the ledger commits the run.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), ApplyError> {
    use std::io::Write;
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, SECRET_MODE);
    let mut f = options.open(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))
}

/// Everything staged reaches the disk before the ledger is written: one
/// filesystem sync instead of one per file (tens of thousands on a large run).
fn sync_filesystem(staging: &Path) -> Result<(), ApplyError> {
    #[cfg(target_os = "linux")]
    {
        let dir = fs::File::open(staging).map_err(io(staging))?;
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs only reads the descriptor, which `dir` keeps open for the call.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(ApplyError::Io { path: staging.to_path_buf(), source: std::io::Error::last_os_error() });
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut files = Vec::new();
        collect_files(staging, &mut files)?;
        for f in files {
            fs::File::open(&f).and_then(|f| f.sync_all()).map_err(io(&f))?;
        }
        Ok(())
    }
}

/// `root/rel` as a real folder (no link on the way), private: its files are secrets.
fn private_dir(root: &Path, rel: &Path) -> Result<(), ApplyError> {
    let path = crate::emit::atomic::real_dir(root, rel, 0o700).map_err(io(&root.join(rel)))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A real folder (checked above), so this can't change a link's target.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).map_err(io(&path))?;
    }
    Ok(())
}

/// [`private_dir`] once per folder: tens of thousands of files share a few folders.
struct PrivateDirs<'a> {
    root: &'a Path,
    made: std::collections::HashSet<PathBuf>,
}

impl<'a> PrivateDirs<'a> {
    fn new(root: &'a Path) -> Self {
        PrivateDirs { root, made: std::collections::HashSet::new() }
    }

    fn ensure(&mut self, rel: &Path) -> Result<(), ApplyError> {
        if !self.made.contains(rel) {
            private_dir(self.root, rel)?;
            self.made.insert(rel.to_path_buf());
        }
        Ok(())
    }
}

/// Anything at `path`, a dangling link included (never follows links).
fn present(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Move staged files to their places (never over an existing file), then drop the staging folder.
fn move_into_place(staging: &Path, dir: &Path) -> Result<(), ApplyError> {
    let mut files = Vec::new();
    collect_files(staging, &mut files)?;
    files.sort();
    let mut folders = PrivateDirs::new(dir);
    for (n, from) in files.iter().enumerate() {
        let rel = from.strip_prefix(staging).expect("inside staging");
        let to = dir.join(rel);
        if present(&to) {
            // Moved by an earlier, interrupted pass: the staged copy is the same file.
            fs::remove_file(from).map_err(io(from))?;
            continue;
        }
        folders.ensure(rel.parent().expect("has parent"))?;
        fs::rename(from, &to).map_err(io(&to))?;
        if n == 0 {
            fault("mid-move");
        }
    }
    sync_filesystem(dir)?; // the renames are durable too
    fs::remove_dir_all(staging).map_err(io(staging))?;
    let parent = dir.join(STAGING);
    if fs::read_dir(&parent).map(|mut d| d.next().is_none()).unwrap_or(false) {
        let _ = fs::remove_dir(&parent);
    }
    Ok(())
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), ApplyError> {
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let path = entry.path();
        if entry.file_type().map_err(io(&path))?.is_dir() {
            collect_files(&path, out)?;
        } else if !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".pmc-migrate-")) {
            out.push(path);
        }
    }
    Ok(())
}

/// Finish (ledger committed) or roll back (not committed) a run cut short.
fn recover(dir: &Path, ledger: &Ledger) -> Result<(), ApplyError> {
    let root = dir.join(STAGING);
    if fs::symlink_metadata(&root).is_ok_and(|m| !m.is_dir()) {
        return Err(ApplyError::Io {
            path: root,
            source: std::io::Error::other("not a folder (a link?); refusing to use it"),
        });
    }
    let Ok(entries) = fs::read_dir(&root) else {
        return Ok(());
    };
    let mut runs: Vec<(u32, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io(&root))?;
        let name = entry.file_name().to_string_lossy().to_string();
        if let Some(n) = name.strip_prefix("run").and_then(|n| n.parse::<u32>().ok()) {
            runs.push((n, entry.path()));
        }
    }
    runs.sort();
    for (n, path) in runs {
        if n <= ledger.last_run() {
            eprintln!("pmc-migrate: finishing run {n}, which was interrupted after its ledger was written");
            move_into_place(&path, dir)?;
        } else {
            eprintln!("pmc-migrate: discarding run {n}, which was interrupted before its ledger was written");
            fs::remove_dir_all(&path).map_err(io(&path))?;
        }
    }
    let _ = fs::remove_dir(&root);
    Ok(())
}

/// Per organisation: created, kept, reissued, left, and its credential files.
fn summarize(checked: &Checked, ledger: &Ledger) -> BTreeMap<String, OrgApplied> {
    let mut out: BTreeMap<String, OrgApplied> = BTreeMap::new();
    for org in &checked.plan.organizations {
        let e = out.entry(org.mpn_id.clone()).or_default();
        for a in &org.accounts {
            match a.action {
                Action::Create => e.created += 1,
                Action::Keep => e.kept += 1,
                Action::Reissue => e.reissued += 1,
            }
        }
    }
    for l in &checked.plan.left {
        out.entry(l.mpn_id.clone()).or_default().left += 1;
    }
    for a in ledger.accounts.values() {
        if let Some(e) = out.get_mut(&a.mpn_id)
            && !e.credential_files.contains(&a.credentials_file)
        {
            e.credential_files.push(a.credentials_file.clone());
        }
    }
    for (mpn_id, e) in out.iter_mut() {
        e.credential_files.sort_by_key(|f| (f.matches(".run").count(), run_number(f), f.clone()));
        if checked.plan.creation == Creation::Individual && ledger.has_accounts_for(mpn_id) {
            e.outbox = Some(format!("outbox/{mpn_id}/"));
        }
    }
    out
}

fn run_number(f: &str) -> u32 {
    f.rsplit_once(".run").and_then(|(_, r)| r.trim_end_matches(".csv").parse().ok()).unwrap_or(0)
}
