//! pmc-migrate: Partner Membership Center exports → a reviewed Partner Center
//! migration. The stages run forward, each in its own module:
//! load → validate → dedup → teams → plan → emit (and, for apply, credentials + ledger).

pub mod apply;
pub mod credentials;
pub mod dedup;
pub mod emit;
pub mod finding;
pub mod generate;
pub mod ledger;
pub mod load;
pub mod model;
pub mod options;
pub mod plan;
pub mod progress;
pub mod reviewed_plan;
pub mod status;
pub mod team_status;
pub mod teams;
pub mod validate;

use finding::{Counts, Finding};
use ledger::Ledger;
use load::headers::{EMPLOYEES, MEMBERSHIPS, e, m};
use model::InputFacts;
use options::{Options, ReportFormat};
use plan::{History, Plan};
use progress::Progress;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use team_status::TeamStatus;
use validate::BlockedOrg;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error(transparent)]
    Dedup(#[from] dedup::DedupError),
    #[error(transparent)]
    Ledger(#[from] ledger::LedgerError),
    #[error(transparent)]
    Apply(#[from] apply::ApplyError),
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write {path}: {source}")]
    Output { path: PathBuf, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Input { path: PathBuf, source: std::io::Error },
    #[error(
        "no ledger in {0}: run `pmc-migrate apply --out {0}` first; status compares its ledger with the status export"
    )]
    NoLedger(PathBuf),
    #[error("cannot start {jobs} worker threads: {message}")]
    Threads { jobs: usize, message: String },
}

impl Error {
    /// Refusals exit 1 (a stale plan, a folder locked by another apply); other errors exit 2.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Error::Apply(e) if e.is_refusal())
    }
}

/// Everything known after checking and planning: the plan, what is left out,
/// and every finding (sorted; `--strict` applied).
#[derive(Debug)]
pub struct Checked {
    pub inputs: Vec<InputFacts>,
    pub plan: Plan,
    pub blocked: Vec<BlockedOrg>,
    pub findings: Vec<Finding>,
    pub counts: Counts,
    /// The options the plan was made with (recorded in plan.json).
    pub options: Options,
    /// SHA-256 of the ledger the plan was made against (`None`: no ledger).
    pub ledger_sha256: Option<String>,
}

/// load → validate → dedup → teams → plan, against what earlier applies did.
pub fn check(opts: &Options, ledger: &Ledger, status: Option<&TeamStatus>) -> Result<Checked, Error> {
    let progress = Progress::new(opts.quiet);
    let stage = progress.stage("loading");
    let (memberships, employees) = rayon::join(
        || load::load_file(&opts.memberships, &MEMBERSHIPS, &opts.read),
        || load::load_file(&opts.employees, &EMPLOYEES, &opts.read),
    );
    let (mut memberships, mut employees) = (memberships?, employees?);
    drop(stage);

    let stage = progress.stage("validating");
    let validated = validate::validate(&memberships, &employees, opts);
    // Only people the ledger knows can have left; skip the scan on a first run.
    let ledger_orgs: HashSet<&str> = ledger.accounts.values().map(|a| a.mpn_id.as_str()).collect();
    let in_export =
        if ledger_orgs.is_empty() { HashSet::new() } else { validate::keys_in_export(&employees, &ledger_orgs) };
    // The raw records are not needed past validation: free them before planning.
    for table in [&mut memberships, &mut employees] {
        (table.records, table.rejected) = (load::Rows::default(), load::Rows::default());
    }
    drop(stage);
    let stage = progress.stage("deduplicating");
    let deduped = dedup::dedup(validated.employees, employees.file(), employees.headers.column_number(e::EMAIL))?;
    let teams = teams::assemble(
        validated.memberships,
        deduped.employees,
        validated.blocked,
        memberships.file(),
        memberships.headers.column_number(m::MPN_ID),
        !employees.unusable(),
    );
    drop(stage);

    let stage = progress.stage("planning");
    let source = plan::Source { file: employees.file(), email_col: employees.headers.column_number(e::EMAIL) };
    let (plan, plan_findings) =
        plan::plan(teams.teams, opts, History { ledger, status, in_export: &in_export }, &source);
    drop(stage);

    let mut findings = validated.findings;
    findings.extend(deduped.findings);
    findings.extend(teams.findings);
    findings.extend(plan_findings);
    let mut inputs = vec![memberships.facts, employees.facts];
    if let Some(status) = status {
        findings.extend(status.findings.iter().cloned());
        inputs.extend(status.facts.clone());
    }
    if opts.strict {
        finding::apply_strict(&mut findings);
    }
    finding::sort_findings(&mut findings);
    let counts = finding::count(&findings);
    Ok(Checked {
        inputs,
        plan,
        blocked: teams.blocked,
        findings,
        counts,
        options: opts.clone(),
        ledger_sha256: ledger.sha256.clone(),
    })
}

/// What the run means for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, no errors.
    Clean,
    /// Validation errors (or warnings under `--strict`), or apply refused.
    Errors,
    /// `plan --detailed-exitcode`: valid, with accounts to create or reissue.
    Changes,
}

impl Checked {
    pub fn outcome(&self) -> Outcome {
        if self.counts.errors > 0 { Outcome::Errors } else { Outcome::Clean }
    }
}

/// The `--status` export, when one was given.
pub fn load_status(opts: &Options) -> Result<Option<TeamStatus>, Error> {
    match &opts.status {
        Some(path) => Ok(Some(team_status::load(path, &opts.read)?)),
        None => Ok(None),
    }
}

/// `pmc-migrate validate`: check, then the report on `out`; nothing on disk.
pub fn run_validate(opts: &Options, format: ReportFormat, out: &mut dyn std::io::Write) -> Result<Outcome, Error> {
    let checked = with_jobs(opts.jobs, || {
        let status = load_status(opts)?;
        check(opts, &Ledger::default(), status.as_ref())
    })?;
    emit::validate_report(&checked, format, out)?;
    Ok(checked.outcome())
}

/// `pmc-migrate plan` (the dry run): check and plan against the ledger in
/// `out_dir`, if any, then write plan.json, findings.csv and the HTML report.
pub fn run_plan(opts: &Options, out_dir: &Path) -> Result<Checked, Error> {
    with_jobs(opts.jobs, || {
        let ledger = Ledger::load(out_dir)?;
        let status = load_status(opts)?;
        let checked = check(opts, &ledger, status.as_ref())?;
        let _stage = Progress::new(opts.quiet).stage("writing reports");
        write_reports(&checked, None, out_dir)?;
        Ok(checked)
    })
}

/// plan.json, findings.csv, index.html and orgs/*.html, each written atomically.
pub fn write_reports(checked: &Checked, applied: Option<&apply::Applied>, out_dir: &Path) -> Result<(), Error> {
    let out = |path: PathBuf| move |source| Error::Output { path, source };
    std::fs::create_dir_all(out_dir).map_err(out(out_dir.to_path_buf()))?;
    let progress = Progress::new(checked.options.quiet);
    // plan.json is one long sequential write; the pages render on the other threads meanwhile.
    let (files, pages) = rayon::join(
        || {
            let _stage = progress.stage("writing plan.json and findings.csv");
            let path = out_dir.join("plan.json");
            emit::atomic::write_atomic_streamed(&path, None, |w| emit::plan_json::write_to(checked, applied, w))
                .map_err(out(path.clone()))?;
            let path = out_dir.join("findings.csv");
            emit::atomic::write_atomic(&path, &emit::findings_csv::render(&checked.findings), None)
                .map_err(out(path.clone()))
        },
        || {
            let _stage = progress.stage("writing the HTML report");
            emit::html::files::write_report(checked, applied, out_dir).map_err(out(out_dir.to_path_buf()))
        },
    );
    files?;
    pages
}

/// What `status` was asked.
pub struct StatusOptions {
    pub out_dir: PathBuf,
    pub status: PathBuf,
    pub as_of: chrono::NaiveDateTime,
    pub warn_days: i64,
    pub read: options::ReadOptions,
}

/// `pmc-migrate status`: the ledger of `out_dir` against a Partner Center
/// team-status export; writes status.json and status.html into `out_dir`.
pub fn run_status(opts: &StatusOptions) -> Result<status::StatusReport, Error> {
    let ledger_path = opts.out_dir.join(ledger::FILE_NAME);
    if !ledger_path.exists() {
        return Err(Error::NoLedger(opts.out_dir.clone()));
    }
    let ledger = Ledger::load(&opts.out_dir)?;
    let team = team_status::load(&opts.status, &opts.read)?;
    let file = opts.status.display().to_string();
    let report = status::assess(&ledger, &team, opts.as_of, opts.warn_days, &file);
    let out = |path: PathBuf| move |source| Error::Output { path, source };
    let mut json = serde_json::to_vec_pretty(&report).expect("status serializes");
    json.push(b'\n');
    let path = opts.out_dir.join("status.json");
    emit::atomic::write_atomic(&path, &json, None).map_err(out(path.clone()))?;
    emit::html::files::write_status(&report, &opts.out_dir).map_err(out(opts.out_dir.clone()))?;
    Ok(report)
}

/// Run `f` on a rayon pool of `jobs` threads (the global pool when `None`).
pub fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    match jobs {
        None => f(),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Threads { jobs: n, message: e.to_string() })?
            .install(f),
    }
}
