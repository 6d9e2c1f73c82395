//! What the templates see: plain serializable views of the checked plan, with
//! numbers already formatted and SVG geometry already computed, so that the
//! templates only lay things out. Tables of the index are capped.

use super::svg::{self, Chart, Timeline};
use crate::Checked;
use crate::apply::{Applied, OrgApplied};
use crate::emit::plan_json;
use crate::finding::{Finding, Severity};
use crate::model::{InputFacts, Role, Task};
use crate::plan::accounts::{self, AccountPlan, Action};
use crate::plan::{LeftAccount, OrgPlan, Plan};
use crate::validate::BlockedOrg;
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Rows of each index table (the rest is in plan.json, findings.csv and orgs/).
pub const MAX_ORGS: usize = 200;
pub const MAX_FINDINGS: usize = 100;
pub const MAX_BLOCKED: usize = 100;
/// People who left the export, listed in the index's apply section.
pub const MAX_LEFT: usize = 100;
/// Reasons shown per organisation left out.
pub const MAX_REASONS: usize = 5;

/// Only a page named from ASCII digits is written: the name comes from input.
pub fn page_id(mpn_id: &str) -> bool {
    !mpn_id.is_empty() && mpn_id.len() <= 10 && mpn_id.bytes().all(|b| b.is_ascii_digit())
}

/// 1234567 → "1,234,567".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Facts every page shows.
#[derive(Serialize)]
pub struct Run {
    version: &'static str,
    as_of: String,
    creation: &'static str,
    bulk: bool,
    password_expires: String,
}

fn run(plan: &Plan) -> Run {
    let expires = plan.as_of.checked_add_days(Days::new(accounts::PASSWORD_DAYS)).unwrap_or(plan.as_of);
    Run {
        version: env!("CARGO_PKG_VERSION"),
        as_of: date(plan.as_of),
        creation: plan.creation.as_str(),
        bulk: plan.creation == crate::options::Creation::Bulk,
        password_expires: date(expires),
    }
}

/// A capped table: the rows shown, and how many more there are.
#[derive(Serialize)]
pub struct Capped<T> {
    rows: Vec<T>,
    total: usize,
    total_fmt: String,
    more: usize,
    more_fmt: String,
}

fn capped<'a, S, T>(all: &'a [S], cap: usize, f: impl FnMut(&'a S) -> T) -> Capped<T> {
    shown(all.iter().take(cap).map(f).collect(), all.len())
}

/// `rows` shown out of `total`.
fn shown<T>(rows: Vec<T>, total: usize) -> Capped<T> {
    let more = total.saturating_sub(rows.len());
    Capped { rows, total, total_fmt: thousands(total), more, more_fmt: thousands(more) }
}

#[derive(Serialize)]
struct Input<'a> {
    path: &'a str,
    rows: String,
    sha256: &'a str,
    encoding: &'static str,
    delimiter: &'static str,
    ignored_columns: &'a [String],
}

fn input(i: &InputFacts) -> Input<'_> {
    Input {
        path: &i.path,
        rows: thousands(i.rows as usize),
        sha256: &i.sha256,
        encoding: i.encoding,
        delimiter: crate::load::dialect::describe(i.delimiter),
        ignored_columns: &i.ignored_columns,
    }
}

/// The totals, formatted for people.
#[derive(Serialize)]
struct Totals {
    organizations: String,
    accounts: String,
    people: String,
    admins: String,
    employees: String,
    errors: String,
    warnings: String,
    infos: String,
    blocked: String,
    /// Accounts by ledger action (all `create` on a first run).
    create: String,
    keep: String,
    reissue: String,
    only_create: bool,
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

/// One organisation in the index tables.
#[derive(Serialize)]
struct OrgRow<'a> {
    mpn_id: &'a str,
    page: bool,
    organization: &'a str,
    membership: &'a str,
    tenant_domain: &'a str,
    pmc_start: String,
    pmc_end: String,
    renewed: bool,
    pc_start: String,
    pc_end: String,
    overlap_days: String,
    expired: bool,
    /// Width of the overlap bar on the index's shared scale.
    bar: u32,
    admins: String,
    employees: String,
    accounts: String,
    partner_university: String,
    exams: String,
}

fn org_row<'a>(o: &'a OrgPlan, scale_days: u32) -> OrgRow<'a> {
    let admins = o.accounts.iter().filter(|a| a.role == Role::Admin).count();
    let with = |task: Task| o.accounts.iter().filter(|a| a.tasks.contains(&task)).count();
    OrgRow {
        mpn_id: &o.mpn_id,
        page: page_id(&o.mpn_id),
        organization: &o.organization,
        membership: &o.membership,
        tenant_domain: &o.tenant_domain,
        pmc_start: date(o.pmc_start),
        pmc_end: date(o.pmc_end),
        renewed: o.renewed,
        pc_start: date(o.pc_start),
        pc_end: date(o.pc_end),
        overlap_days: thousands(o.overlap_days as usize),
        expired: o.expired,
        bar: svg::bar_width(o.overlap_days, scale_days),
        admins: thousands(admins),
        employees: thousands(o.accounts.len() - admins),
        accounts: thousands(o.accounts.len()),
        partner_university: thousands(with(Task::ConnectPartnerUniversity)),
        exams: thousands(with(Task::AssociateExamsCertifications)),
    }
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

/// Which of R3/R4's notes apply to this run.
#[derive(Serialize)]
struct Notes {
    overlap: usize,
    renewed: usize,
    expired: usize,
    overlap_fmt: String,
    renewed_fmt: String,
    expired_fmt: String,
}

/// The shared scale of the index's overlap bars: full width is the longest overlap.
#[derive(Serialize)]
struct Scale {
    days: String,
    until: String,
    width: u32,
}

#[derive(Serialize)]
pub struct Index<'a> {
    run: Run,
    inputs: Vec<Input<'a>>,
    totals: Totals,
    chart: Option<Chart>,
    /// Findings serialize with the field names the templates use.
    findings: Capped<&'a Finding>,
    orgs: Capped<OrgRow<'a>>,
    scale: Scale,
    notes: Notes,
    blocked: Capped<BlockedRow<'a>>,
    summary: plan_json::Summary,
    /// What a real run did; `None` for plan and `apply --dry-run`.
    apply: Option<ApplyView<'a>>,
    /// status.html is in the folder: the index links to it.
    status_page: bool,
}

pub fn index<'a>(checked: &'a Checked, applied: Option<&'a Applied>, status_page: bool) -> Index<'a> {
    let plan = &checked.plan;
    let orgs = &plan.organizations;
    let summary = plan_json::summary(checked);
    let admins = orgs.iter().flat_map(|o| &o.accounts).filter(|a| a.role == Role::Admin).count();
    let action = |want: Action| orgs.iter().flat_map(|o| &o.accounts).filter(|a| a.action == want).count();
    let (keep, reissue) = (action(Action::Keep), action(Action::Reissue));
    let totals = Totals {
        organizations: thousands(summary.organizations),
        accounts: thousands(summary.accounts),
        people: thousands(summary.employees),
        admins: thousands(admins),
        employees: thousands(summary.accounts - admins),
        errors: thousands(summary.errors),
        warnings: thousands(summary.warnings),
        infos: thousands(summary.infos),
        blocked: thousands(summary.blocked_organizations),
        create: thousands(summary.accounts - keep - reissue),
        keep: thousands(keep),
        reissue: thousands(reissue),
        only_create: keep + reissue == 0,
    };
    let longest = orgs.iter().max_by_key(|o| (o.overlap_days, o.pmc_end));
    let scale_days = longest.map_or(0, |o| o.overlap_days);
    let count = |f: fn(&OrgPlan) -> bool| orgs.iter().filter(|o| f(o)).count();
    let (overlap, renewed, expired) = (count(|o| !o.expired), count(|o| o.renewed && !o.expired), count(|o| o.expired));
    Index {
        run: run(plan),
        inputs: checked.inputs.iter().map(input).collect(),
        totals,
        chart: svg::findings_chart(&checked.findings),
        findings: shown(first_findings(&checked.findings).into_iter().collect(), checked.findings.len()),
        orgs: capped(orgs, MAX_ORGS, |o| org_row(o, scale_days)),
        scale: Scale {
            days: thousands(scale_days as usize),
            until: longest.map_or_else(String::new, |o| date(o.pmc_end)),
            width: svg::BAR_WIDTH,
        },
        notes: Notes {
            overlap,
            renewed,
            expired,
            overlap_fmt: thousands(overlap),
            renewed_fmt: thousands(renewed),
            expired_fmt: thousands(expired),
        },
        blocked: capped(&checked.blocked, MAX_BLOCKED, blocked_row),
        summary,
        apply: applied.map(|a| apply_view(a, checked)),
        status_page,
    }
}

/// An apply's counts, formatted for people.
#[derive(Serialize)]
struct ApplyCounts {
    created: String,
    kept: String,
    reissued: String,
    left: String,
}

fn apply_counts(created: usize, kept: usize, reissued: usize, left: usize) -> ApplyCounts {
    ApplyCounts {
        created: thousands(created),
        kept: thousands(kept),
        reissued: thousands(reissued),
        left: thousands(left),
    }
}

/// One organisation of an apply: its counts and where its credential files are.
#[derive(Serialize)]
struct ApplyOrgRow<'a> {
    mpn_id: &'a str,
    /// Empty for an organisation no longer planned (only people who left it).
    organization: &'a str,
    page: bool,
    counts: ApplyCounts,
    credential_files: &'a [String],
    outbox: Option<&'a str>,
}

fn apply_org_row<'a>(mpn_id: &'a str, o: &'a OrgApplied, plan: Option<&'a OrgPlan>) -> ApplyOrgRow<'a> {
    ApplyOrgRow {
        mpn_id,
        organization: plan.map_or("", |p| p.organization.as_str()),
        page: plan.is_some() && page_id(mpn_id),
        counts: apply_counts(o.created, o.kept, o.reissued, o.left),
        credential_files: &o.credential_files,
        outbox: o.outbox.as_deref(),
    }
}

/// Someone an earlier apply issued an account to who is gone from the export.
#[derive(Serialize)]
struct LeftRow<'a> {
    mpn_id: &'a str,
    email: &'a str,
    username: &'a str,
    run: u32,
}

fn left_row(l: &LeftAccount) -> LeftRow<'_> {
    LeftRow { mpn_id: &l.mpn_id, email: &l.email, username: &l.username, run: l.run }
}

/// The index's apply section. Never a password: `Applied` holds none.
#[derive(Serialize)]
pub struct ApplyView<'a> {
    run: u32,
    refused: bool,
    counts: ApplyCounts,
    /// Raw totals, for the template's wording.
    issued: usize,
    left_total: usize,
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
        counts: apply_counts(created, kept, reissued, left),
        issued: created + reissued,
        left_total: left,
        orgs: shown(rows, applied.organizations.len()),
        left: capped(&checked.plan.left, MAX_LEFT, left_row),
    }
}

/// An organisation page's apply section.
#[derive(Serialize)]
pub struct OrgApplyView<'a> {
    run: u32,
    refused: bool,
    counts: ApplyCounts,
    credential_files: &'a [String],
    outbox: Option<&'a str>,
    left: Vec<LeftRow<'a>>,
}

/// People who left the export, by organisation (for the organisation pages).
pub fn left_by_org(plan: &Plan) -> HashMap<&str, Vec<&LeftAccount>> {
    let mut out: HashMap<&str, Vec<&LeftAccount>> = HashMap::new();
    for l in &plan.left {
        out.entry(l.mpn_id.as_str()).or_default().push(l);
    }
    out
}

fn org_apply_view<'a>(applied: &'a Applied, o: &OrgPlan, left: &[&'a LeftAccount]) -> OrgApplyView<'a> {
    let (counts, files, outbox) = match applied.organizations.get(&o.mpn_id) {
        Some(a) => {
            (apply_counts(a.created, a.kept, a.reissued, a.left), a.credential_files.as_slice(), a.outbox.as_deref())
        }
        None => (apply_counts(0, 0, 0, 0), &[][..], None),
    };
    OrgApplyView {
        run: applied.run,
        refused: applied.refused,
        counts,
        credential_files: files,
        outbox,
        left: left.iter().map(|l| left_row(l)).collect(),
    }
}

/// An R8 task as shown to people.
#[derive(Serialize)]
struct TaskTag {
    label: &'static str,
    /// Drawn lighter: the person may skip it.
    optional: bool,
}

/// The one place a task gets its words on the page.
fn task_tag(task: Task) -> TaskTag {
    let label = match task {
        Task::GetSignInInfo => "Get sign-in info",
        Task::ConnectPartnerUniversity => "Connect Partner University",
        Task::AssociateExamsCertifications => "Associate exams & certifications",
        Task::SetUpPasswordReset => "Password reset (optional)",
    };
    TaskTag { label, optional: task.optional() }
}

#[derive(Serialize)]
struct AccountRow<'a> {
    display_name: &'a str,
    email: &'a str,
    role: &'static str,
    job_title: &'a str,
    username: &'a str,
    password_expires: String,
    tasks: Vec<TaskTag>,
    action: &'static str,
    exams: &'a [String],
    certifications: &'a [String],
}

fn account_row(a: &AccountPlan) -> AccountRow<'_> {
    AccountRow {
        display_name: &a.display_name,
        email: &a.email,
        role: a.role.as_str(),
        job_title: &a.job_title,
        username: &a.username,
        password_expires: date(a.password_expires),
        tasks: a.tasks.iter().map(|&t| task_tag(t)).collect(),
        action: a.action.as_str(),
        exams: &a.exams,
        certifications: &a.certifications,
    }
}

#[derive(Serialize)]
pub struct OrgPage<'a> {
    run: Run,
    org: OrgRow<'a>,
    country: &'a str,
    overlap_start: String,
    overlap_end: String,
    timeline: Timeline,
    admins: Vec<&'a str>,
    accounts: Vec<AccountRow<'a>>,
    /// What a real run did for this organisation; `None` for plan.
    apply: Option<OrgApplyView<'a>>,
}

/// `applied` with the people who left this organisation, or `None` for plan.
pub fn org_page<'a>(o: &'a OrgPlan, plan: &Plan, applied: Option<(&'a Applied, &[&'a LeftAccount])>) -> OrgPage<'a> {
    OrgPage {
        run: run(plan),
        org: org_row(o, o.overlap_days),
        country: o.country.as_deref().unwrap_or(""),
        overlap_start: o.overlap_start.map(date).unwrap_or_default(),
        overlap_end: o.overlap_end.map(date).unwrap_or_default(),
        timeline: svg::timeline(o),
        admins: o.accounts.iter().filter(|a| a.role == Role::Admin).map(|a| a.display_name.as_str()).collect(),
        accounts: o.accounts.iter().map(account_row).collect(),
        apply: applied.map(|(a, left)| org_apply_view(a, o, left)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn page_ids_are_digits_only() {
        assert!(page_id("1234567"));
        assert!(!page_id(""));
        assert!(!page_id("../1234"));
        assert!(!page_id("12a4"));
        assert!(!page_id("１２３４"));
        assert!(!page_id("12345678901"));
    }
}
