//! pmc-migrate: Partner Membership Center exports → a reviewed Partner Center
//! migration. The stages run forward, each in its own module:
//! load → validate → dedup → teams → (plan) → emit.

pub mod dedup;
pub mod emit;
pub mod finding;
pub mod load;
pub mod model;
pub mod options;
pub mod progress;
pub mod teams;
pub mod validate;

use finding::{Counts, Finding};
use load::headers::{EMPLOYEES, MEMBERSHIPS, e, m};
use model::InputFacts;
use options::{Options, ReportFormat};
use progress::Progress;
use teams::Team;
use validate::BlockedOrg;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error(transparent)]
    Dedup(#[from] dedup::DedupError),
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot start {jobs} worker threads: {message}")]
    Threads { jobs: usize, message: String },
}

/// Everything known after checking the inputs: what can be planned, what is
/// left out, and every finding (sorted; `--strict` applied).
#[derive(Debug)]
pub struct Checked {
    pub inputs: Vec<InputFacts>,
    pub teams: Vec<Team>,
    pub blocked: Vec<BlockedOrg>,
    pub findings: Vec<Finding>,
    pub counts: Counts,
}

/// load → validate → dedup → teams.
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

    let mut findings = validated.findings;
    findings.extend(deduped.findings);
    findings.extend(teams.findings);
    if opts.strict {
        finding::apply_strict(&mut findings);
    }
    finding::sort_findings(&mut findings);
    let counts = finding::count(&findings);
    Ok(Checked {
        inputs: vec![memberships.facts, employees.facts],
        teams: teams.teams,
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
