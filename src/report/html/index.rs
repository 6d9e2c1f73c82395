//! What `index.html` shows: run facts, totals, findings by rule, the
//! organisation tables (capped), organisations left out and, after a real
//! run, what apply did. Every table is capped so the page stays small for any
//! export; plan.json, findings.csv and orgs/ hold the rest.

use super::checklist::{Checklist, admin_checklist, employee_checklist};
use super::kit::{
    ActionCounts, Capped, Count, MAX_FINDINGS, MAX_ORGS, PlanFacts, capped, count, date, page_id, plan_facts, shown,
};
use super::org::{LeftRow, OrgRow, credential_names, left_row, org_row};
use super::svg::{self, Chart};
use crate::core::applied::{Applied, OrgApplied};
use crate::core::finding::{Finding, Severity};
use crate::core::model::{InputFacts, Role};
use crate::core::options::Creation;
use crate::files::plan_file;
use crate::pipeline::Checked;
use crate::pipeline::plan::accounts::PASSWORD_DAYS;
use crate::pipeline::plan::{OrgPlan, Plan};
use crate::pipeline::validate::BlockedOrg;
use crate::report::changes::{Changes, OrgChanges};
use chrono::Days;
use serde::Serialize;
use std::collections::HashMap;

/// Rows of the table of organisations left out.
pub(crate) const MAX_BLOCKED: usize = 100;
/// People who left the export, listed in the apply section.
pub(crate) const MAX_LEFT: usize = 100;
/// Reasons shown per organisation left out.
pub(crate) const MAX_REASONS: usize = 5;

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    rows: Count,
    sha256: &'a str,
    encoding: &'static str,
    delimiter: &'static str,
    ignored_columns: &'a [String],
}

fn input(i: &InputFacts) -> Input<'_> {
    Input {
        path: &i.source,
        rows: count(i.rows as usize),
        sha256: &i.sha256,
        encoding: i.encoding,
        // A workbook has no delimiter to show.
        delimiter: if i.delimiter == 0 { "" } else { crate::pipeline::load::dialect::describe(i.delimiter) },
        ignored_columns: &i.ignored_columns,
    }
}

/// The plan's totals (plan.json's summary, and accounts by role and action).
#[derive(Serialize)]
struct Totals {
    organizations: Count,
    accounts: Count,
    people: Count,
    admins: Count,
    employees: Count,
    errors: Count,
    warnings: Count,
    infos: Count,
    blocked: Count,
    /// Accounts by ledger action (all `create` on a first run).
    actions: ActionCounts,
    only_create: bool,
}

fn totals(checked: &Checked) -> Totals {
    let orgs = &checked.plan.organizations;
    let summary = plan_file::summary(checked);
    let admins = orgs.iter().flat_map(|o| &o.accounts).filter(|a| a.role == Role::Admin).count();
    let actions = ActionCounts::planned(orgs.iter().flat_map(|o| &o.accounts));
    Totals {
        organizations: count(summary.organizations),
        accounts: count(summary.accounts),
        people: count(summary.employees),
        admins: count(admins),
        employees: count(summary.accounts - admins),
        errors: count(summary.errors),
        warnings: count(summary.warnings),
        infos: count(summary.infos),
        blocked: count(summary.blocked_organizations),
        only_create: actions.kept.n + actions.reissued.n == 0,
        actions,
    }
}

/// The findings the index lists: errors first, then warnings, then info, each
/// in file and line order; at most [`MAX_FINDINGS`] of them.
fn first_findings(all: &[Finding]) -> Vec<&Finding> {
    let mut shown: Vec<&Finding> = Vec::with_capacity(MAX_FINDINGS.min(all.len()));
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        shown.extend(all.iter().filter(|f| f.severity == severity).take(MAX_FINDINGS - shown.len()));
    }
    shown
}

#[derive(Serialize)]
struct BlockedRow<'a> {
    mpn_id: &'a str,
    organization: &'a str,
    line: u64,
    reasons: &'a [String],
    more_reasons: usize,
}

fn blocked_row(b: &BlockedOrg) -> BlockedRow<'_> {
    BlockedRow {
        mpn_id: &b.mpn_id,
        organization: &b.organization,
        line: b.line,
        reasons: &b.reasons[..b.reasons.len().min(MAX_REASONS)],
        more_reasons: b.reasons.len().saturating_sub(MAX_REASONS),
    }
}

/// Which of R3/R4's notes apply to this run: organisations with an overlap,
/// renewed ones among them, expired ones.
#[derive(Serialize)]
struct Notes {
    overlap: Count,
    renewed: Count,
    expired: Count,
}

/// The shared scale of the index's overlap bars: full width is the longest overlap.
#[derive(Serialize)]
struct Scale {
    days: Count,
    until: String,
    width: u32,
}

#[derive(Serialize)]
pub(crate) struct Index<'a> {
    run: PlanFacts,
    inputs: Vec<Input<'a>>,
    totals: Totals,
    chart: Option<Chart>,
    /// Findings serialize with the field names the templates use.
    findings: Capped<&'a Finding>,
    orgs: Capped<OrgRow<'a>>,
    scale: Scale,
    notes: Notes,
    blocked: Capped<BlockedRow<'a>>,
    /// What an apply of this plan would do; `None` after a real run, whose
    /// apply section shows the same counts as done.
    changes: Option<ChangesView<'a>>,
    /// What a real run did; `None` for plan and `apply --dry-run`.
    apply: Option<ApplyView<'a>>,
    /// status.html is in the folder: the index links to it.
    status_page: bool,
    /// Both in `--lang`, the language of people without one of their own.
    admin_checklist: Checklist,
    employee_checklist: &'static Checklist,
}

pub(crate) fn index<'a>(checked: &'a Checked, applied: Option<&'a Applied>, status_page: bool) -> Index<'a> {
    let plan = &checked.plan;
    let orgs = &plan.organizations;
    let longest = orgs.iter().max_by_key(|o| (o.overlap_days, o.pmc_end));
    let scale_days = longest.map_or(0, |o| o.overlap_days);
    let orgs_where = |f: fn(&OrgPlan) -> bool| count(orgs.iter().filter(|o| f(o)).count());
    let expires = plan.as_of.checked_add_days(Days::new(PASSWORD_DAYS)).unwrap_or(plan.as_of);
    Index {
        run: plan_facts(plan),
        inputs: checked.inputs.iter().map(input).collect(),
        totals: totals(checked),
        chart: svg::findings_chart(&checked.findings),
        findings: shown(first_findings(&checked.findings), checked.findings.len()),
        orgs: capped(orgs, MAX_ORGS, |o| org_row(o, scale_days)),
        scale: Scale {
            days: count(scale_days as usize),
            until: longest.map_or_else(String::new, |o| date(o.pmc_end)),
            width: svg::BAR_WIDTH,
        },
        notes: Notes {
            overlap: orgs_where(|o| !o.expired),
            renewed: orgs_where(|o| o.renewed && !o.expired),
            expired: orgs_where(|o| o.expired),
        },
        blocked: capped(&checked.blocked, MAX_BLOCKED, blocked_row),
        changes: applied.is_none().then(|| changes_view(&checked.plan, checked.ledger_sha256.is_some())),
        apply: applied.map(|a| apply_view(a, checked)),
        status_page,
        admin_checklist: admin_checklist(plan.lang, plan.creation == Creation::Bulk, plan.as_of, expires),
        employee_checklist: employee_checklist(plan.lang, plan.creation == Creation::Bulk),
    }
}

/// One organisation of an apply: its counts and where its credential files are.
#[derive(Serialize)]
struct ApplyOrgRow<'a> {
    mpn_id: &'a str,
    /// Empty for an organisation no longer planned (only people who left it).
    organization: &'a str,
    page: bool,
    counts: ActionCounts,
    credential_files: Vec<String>,
    outbox: Option<&'a str>,
}

fn apply_org_row<'a>(mpn_id: &'a str, o: &'a OrgApplied, plan: Option<&'a OrgPlan>) -> ApplyOrgRow<'a> {
    ApplyOrgRow {
        mpn_id,
        organization: plan.map_or("", |p| p.organization.as_str()),
        page: plan.is_some() && page_id(mpn_id),
        counts: ActionCounts::applied(o),
        credential_files: credential_names(o),
        outbox: o.outbox.as_deref(),
    }
}

/// The index's apply section. Never a password: `Applied` holds none.
#[derive(Serialize)]
struct ApplyView<'a> {
    run: u32,
    refused: bool,
    counts: ActionCounts,
    /// Accounts given a new temporary password (created or reissued).
    issued: usize,
    orgs: Capped<ApplyOrgRow<'a>>,
    left: Capped<LeftRow<'a>>,
}

fn apply_view<'a>(applied: &'a Applied, checked: &'a Checked) -> ApplyView<'a> {
    let plans: HashMap<&str, &OrgPlan> = checked.plan.organizations.iter().map(|o| (o.mpn_id.as_str(), o)).collect();
    let (created, kept, reissued, left) = applied.totals();
    let rows: Vec<ApplyOrgRow<'a>> = applied
        .organizations
        .iter()
        .take(MAX_ORGS)
        .map(|(id, o)| apply_org_row(id, o, plans.get(id.as_str()).copied()))
        .collect();
    ApplyView {
        run: applied.run,
        refused: applied.refused,
        counts: ActionCounts::new(created, kept, reissued, left),
        issued: created + reissued,
        orgs: shown(rows, applied.organizations.len()),
        left: capped(&checked.plan.left, MAX_LEFT, left_row),
    }
}

/// One organisation of the Changes section.
#[derive(Serialize)]
struct ChangeRow<'a> {
    mpn_id: &'a str,
    /// Empty for an organisation no longer planned (only people who left it).
    organization: &'a str,
    page: bool,
    counts: ActionCounts,
    enrol: bool,
}

fn change_row<'a>(o: &&OrgChanges<'a>) -> ChangeRow<'a> {
    let c = o.counts;
    ChangeRow {
        mpn_id: o.mpn_id,
        organization: o.organization().unwrap_or(""),
        page: o.plan.is_some() && page_id(o.mpn_id),
        counts: ActionCounts::new(c.create, c.keep, c.reissue, c.left),
        enrol: c.enrol > 0,
    }
}

/// The index's Changes section: the terminal's change listing, per
/// organisation with anything to do, and everyone who left the export.
#[derive(Serialize)]
struct ChangesView<'a> {
    /// Anything for an apply to do (what `plan --detailed-exitcode` reports).
    any: bool,
    /// The plan was made against a ledger (an earlier apply into this folder).
    ledger: bool,
    counts: ActionCounts,
    enrol: Count,
    orgs: Capped<ChangeRow<'a>>,
    unchanged: Count,
    left: Capped<LeftRow<'a>>,
}

fn changes_view(plan: &Plan, ledger: bool) -> ChangesView<'_> {
    let changes = Changes::new(plan);
    let t = changes.totals;
    let changed: Vec<&OrgChanges> = changes.changed().collect();
    let left: Vec<_> = changes.left().collect();
    ChangesView {
        any: t.any(),
        ledger,
        counts: ActionCounts::new(t.create, t.keep, t.reissue, t.left),
        enrol: count(t.enrol),
        orgs: capped(&changed, MAX_ORGS, change_row),
        unchanged: count(changes.orgs.len() - changed.len()),
        left: capped(&left, MAX_LEFT, |l| left_row(l)),
    }
}
