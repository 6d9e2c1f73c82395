//! Layer 2, the pipeline: load → validate → dedup → teams → plan, against
//! what earlier applies did, into one [`Checked`] that every command reports
//! on; and after cutover, the status export and its assessment.

pub(crate) mod assess;
pub(crate) mod dedup;
pub(crate) mod generate;
pub(crate) mod load;
pub(crate) mod plan;
pub(crate) mod status_export;
pub(crate) mod teams;
pub(crate) mod validate;

use crate::core::finding::{self, Counts, Finding};
use crate::core::ledger::Ledger;
use crate::core::model::InputFacts;
use crate::core::options::Options;
use crate::core::progress::{Progress, Unit};
use load::LoadError;
use load::headers::{EMPLOYEES, MEMBERSHIPS, e, m};
use plan::{History, Plan};
use status_export::TeamStatus;
use std::collections::HashSet;
use validate::BlockedOrg;

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Threads(#[from] ThreadsError),
}

#[derive(Debug, thiserror::Error)]
#[error("cannot start {jobs} worker threads: {message}")]
pub struct ThreadsError {
    jobs: usize,
    message: String,
}

/// Run `f` on a rayon pool of `jobs` threads (the global pool when `None`).
pub fn with_jobs<T: Send, E: Send + From<ThreadsError>>(
    jobs: Option<usize>,
    f: impl FnOnce() -> Result<T, E> + Send,
) -> Result<T, E> {
    match jobs {
        None => f(),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| ThreadsError { jobs: n, message: e.to_string() })?
            .install(f),
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
pub fn check(opts: &Options, ledger: &Ledger, status: Option<&TeamStatus>) -> Result<Checked, CheckError> {
    let progress = Progress::new(opts.quiet);
    let size = |path: &std::path::Path| std::fs::metadata(path).map_or(0, |m| m.len());
    let stage = progress.bar("loading", Unit::Bytes, size(&opts.memberships) + size(&opts.employees));
    let bytes = stage.counter();
    let (memberships, employees) = rayon::join(
        || load::load_counted(&opts.memberships, &MEMBERSHIPS, &opts.read, &bytes),
        || load::load_counted(&opts.employees, &EMPLOYEES, &opts.read, &bytes),
    );
    let (mut memberships, mut employees) = (memberships?, employees?);
    merge_swapped(&mut memberships, &mut employees);
    name_same_file(opts, &mut memberships, &mut employees);
    stage.finish(|n| format!("loaded 2 files, {n}"));
    if !opts.quiet {
        // How each file was read, where that is not as written (design §9).
        for line in [&memberships, &employees].into_iter().flat_map(|t| load::summary::notes(&t.facts)) {
            eprintln!("{line}");
        }
    }

    let rows = (memberships.records.len() + employees.records.len()) as u64;
    let stage = progress.bar("validating", Unit::Items("rows"), rows);
    let validated = validate::validate_counted(&memberships, &employees, opts, &stage.counter());
    // Only people the ledger knows can have left; skip the scan on a first run.
    let ledger_orgs: HashSet<&str> = ledger.accounts.values().map(|a| a.mpn_id.as_str()).collect();
    let in_export =
        if ledger_orgs.is_empty() { HashSet::new() } else { validate::keys_in_export(&employees, &ledger_orgs) };
    // The raw records are not needed past validation: free them before planning.
    for table in [&mut memberships, &mut employees] {
        (table.records, table.rejected) = (load::Rows::default(), load::Rows::default());
    }
    stage.finish(|n| format!("validated {n}"));
    let stage = progress.stage("deduplicating");
    let deduped = dedup::dedup(validated.employees, employees.file(), employees.headers.column_number(e::EMAIL));
    drop(stage);
    // A stage of its own, so that each one's time and memory are seen apart.
    let stage = progress.stage("grouping by organisation");
    let teams = teams::assemble(
        validated.memberships,
        deduped.employees,
        validated.blocked,
        memberships.file(),
        memberships.headers.column_number(m::MPN_ID),
        !employees.unusable(),
    );
    drop(stage);
    let mut findings = validated.findings;
    let teams_people = teams.teams.iter().map(|t| t.employees.as_slice());
    validate::smtputf8::name_senders(&mut findings, employees.file(), teams_people, &deduped.repeats);

    let stage = progress.stage("planning");
    let source = plan::Source { file: employees.file(), email_col: employees.headers.column_number(e::EMAIL) };
    let (plan, plan_findings) =
        plan::plan(teams.teams, opts, History { ledger, status, in_export: &in_export }, &source);
    drop(stage);

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

/// Both PMC exports given the wrong way round: one error instead of one per file.
fn merge_swapped(memberships: &mut load::Table, employees: &mut load::Table) {
    use load::headers::Export;
    if memberships.headers.looks_like != Some(Export::Employees)
        || employees.headers.looks_like != Some(Export::Memberships)
    {
        return;
    }
    // The swap finding is each file's only missing-column finding.
    employees.findings.retain(|f| f.rule != finding::Rule::MissingColumn);
    let message = load::hints::swapped_message(memberships.file(), employees.file());
    for f in memberships.findings.iter_mut().filter(|f| f.rule == finding::Rule::MissingColumn) {
        f.message.clone_from(&message);
    }
}

/// One file given for both exports: its header fits one of them, so the other
/// would say "look swapped", which sends the person after the wrong mistake.
fn name_same_file(opts: &Options, memberships: &mut load::Table, employees: &mut load::Table) {
    use load::headers::Export;
    let canonical = |p: &std::path::Path| std::fs::canonicalize(p).ok();
    let same_path = canonical(&opts.memberships).is_some_and(|m| Some(m) == canonical(&opts.employees));
    if !same_path && memberships.facts.sha256 != employees.facts.sha256 {
        return;
    }
    let (m, e) = (memberships.facts.path.clone(), employees.facts.path.clone());
    for (table, this) in [(memberships, Export::Memberships), (employees, Export::Employees)] {
        let Some(other) = table.headers.looks_like else { continue };
        // With looks_like set, the file's only missing-column finding is the one naming the other export.
        let message = load::hints::same_file_message(this, other, &m, &e, same_path);
        for f in table.findings.iter_mut().filter(|f| f.rule == finding::Rule::MissingColumn) {
            f.message.clone_from(&message);
        }
    }
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

/// The `--status` exports (one per tenant) as one, when any was given.
pub(crate) fn load_status(opts: &Options) -> Result<Option<TeamStatus>, LoadError> {
    if opts.status.is_empty() {
        return Ok(None);
    }
    Ok(Some(status_export::load_all(&opts.status, &opts.read, load::hints::Command::Migration)?))
}
