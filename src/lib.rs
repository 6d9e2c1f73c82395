//! pmc-migrate: Partner Membership Center exports → a reviewed Partner Center
//! migration. The stages run forward, each in its own module:
//! load → validate → dedup → teams → (plan) → emit.

pub mod dedup;
pub mod emit;
pub mod finding;
pub mod load;
pub mod model;
pub mod options;
pub mod plan;
pub mod progress;
pub mod teams;
pub mod validate;

use finding::{Counts, Finding};
use load::headers::{EMPLOYEES, MEMBERSHIPS, e, m};
use model::InputFacts;
use options::{Options, ReportFormat};
use plan::Plan;
use progress::Progress;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use validate::BlockedOrg;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error(transparent)]
    Dedup(#[from] dedup::DedupError),
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write {path}: {source}")]
    Output {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot start {jobs} worker threads: {message}")]
    Threads { jobs: usize, message: String },
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
}

/// load → validate → dedup → teams → plan.
pub fn check(opts: &Options) -> Result<Checked, Error> {
    let progress = Progress::new(opts.quiet);
    let stage = progress.stage("loading");
    let (memberships, employees) = rayon::join(
        || load::load_file(&opts.memberships, &MEMBERSHIPS, &opts.read),
        || load::load_file(&opts.employees, &EMPLOYEES, &opts.read),
    );
    let (memberships, employees) = (memberships?, employees?);
    drop(stage);

    let stage = progress.stage("validating");
    let validated = validate::validate(&memberships, &employees, opts);
    drop(stage);
    let stage = progress.stage("deduplicating");
    let deduped = dedup::dedup(
        validated.employees,
        employees.file(),
        employees.headers.column_number(e::EMAIL),
    )?;
    let teams = teams::assemble(
        validated.memberships,
        deduped.employees,
        validated.blocked,
        memberships.file(),
        memberships.headers.column_number(m::MPN_ID),
    );
    drop(stage);

    let stage = progress.stage("planning");
    let source = plan::Source {
        file: employees.file(),
        email_col: employees.headers.column_number(e::EMAIL),
    };
    let (plan, plan_findings) = plan::plan(&teams.teams, opts, &HashSet::new(), &source);
    drop(stage);

    let mut findings = validated.findings;
    findings.extend(deduped.findings);
    findings.extend(teams.findings);
    findings.extend(plan_findings);
    if opts.strict {
        finding::apply_strict(&mut findings);
    }
    finding::sort_findings(&mut findings);
    let counts = finding::count(&findings);
    Ok(Checked {
        inputs: vec![memberships.facts, employees.facts],
        plan,
        blocked: teams.blocked,
        findings,
        counts,
    })
}

/// What the run means for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, no errors.
    Clean,
    /// Validation errors (or warnings under `--strict`).
    Errors,
}

impl Checked {
    pub fn outcome(&self) -> Outcome {
        if self.counts.errors > 0 {
            Outcome::Errors
        } else {
            Outcome::Clean
        }
    }
}

/// `pmc-migrate validate`: check, then the report on `out`; nothing on disk.
pub fn run_validate(opts: &Options, format: ReportFormat, out: &mut dyn std::io::Write) -> Result<Outcome, Error> {
    let checked = with_jobs(opts.jobs, || check(opts))?;
    emit::validate_report(&checked, format, out)?;
    Ok(checked.outcome())
}

/// `pmc-migrate plan` (the dry run): check and plan, then write plan.json,
/// findings.csv and the HTML report into `out_dir`.
pub fn run_plan(opts: &Options, out_dir: &Path) -> Result<Checked, Error> {
    let checked = with_jobs(opts.jobs, || {
        let checked = check(opts)?;
        let _stage = Progress::new(opts.quiet).stage("writing reports");
        write_dry_run(&checked, out_dir)?;
        Ok(checked)
    })?;
    Ok(checked)
}

fn write_dry_run(checked: &Checked, out_dir: &Path) -> Result<(), Error> {
    let out = |path: PathBuf| move |source| Error::Output { path, source };
    std::fs::create_dir_all(out_dir).map_err(out(out_dir.to_path_buf()))?;
    let (plan_json, findings_csv) = rayon::join(
        || emit::plan_json::render(checked),
        || emit::findings_csv::render(&checked.findings),
    );
    let path = out_dir.join("plan.json");
    emit::atomic::write_atomic(&path, &plan_json, None).map_err(out(path.clone()))?;
    let path = out_dir.join("findings.csv");
    emit::atomic::write_atomic(&path, &findings_csv, None).map_err(out(path.clone()))?;
    emit::report::write_report(checked, out_dir).map_err(out(out_dir.to_path_buf()))?;
    Ok(())
}

/// Run `f` on a rayon pool of `jobs` threads (the global pool when `None`).
pub fn with_jobs<T: Send>(jobs: Option<usize>, f: impl FnOnce() -> Result<T, Error> + Send) -> Result<T, Error> {
    match jobs {
        None => f(),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Threads {
                jobs: n,
                message: e.to_string(),
            })?
            .install(f),
    }
}
