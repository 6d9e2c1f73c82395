//! What an organisation's page (`orgs/<mpn_id>.html`) shows: its membership
//! dates and timeline, its accounts with their R8 tasks, and what an apply did
//! for it. The organisation row and the people who left are shown by the
//! index's tables too, so they are built here once.

use super::checklist::employee_checklist_html;
use super::kit::{ActionCounts, Count, PlanFacts, count, date, page_id, plan_facts};
use super::rows;
use super::svg::{self, Timeline};
use crate::core::applied::{Applied, OrgApplied};
use crate::core::model::{Role, Task};
use crate::core::options::Creation;
use crate::files::sealed::SUFFIX;
use crate::pipeline::plan::{LeftAccount, OrgPlan, Plan};
use serde::Serialize;
use std::collections::HashMap;

/// One organisation: a row of the index's tables, the head of its own page.
#[derive(Serialize)]
pub(crate) struct OrgRow<'a> {
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
    overlap_days: Count,
    expired: bool,
    /// Width of the overlap bar on a scale where `scale_days` fills it.
    bar: u32,
    admins: Count,
    employees: Count,
    accounts: Count,
    partner_university: Count,
    exams: Count,
}

pub(crate) fn org_row(o: &OrgPlan, scale_days: u32) -> OrgRow<'_> {
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
        overlap_days: count(o.overlap_days as usize),
        expired: o.expired,
        bar: svg::bar_width(o.overlap_days, scale_days),
        admins: count(admins),
        employees: count(o.accounts.len() - admins),
        accounts: count(o.accounts.len()),
        partner_university: count(with(Task::ConnectPartnerUniversity)),
        exams: count(with(Task::AssociateExamsCertifications)),
    }
}

/// Someone an earlier apply issued an account to who is gone from the export.
#[derive(Serialize)]
pub(crate) struct LeftRow<'a> {
    mpn_id: &'a str,
    email: &'a str,
    username: &'a str,
    run: u32,
}

pub(crate) fn left_row(l: &LeftAccount) -> LeftRow<'_> {
    LeftRow { mpn_id: &l.mpn_id, email: &l.email, username: &l.username, run: l.run }
}

/// People who left the export, by organisation (for the organisation pages).
pub(crate) fn left_by_org(plan: &Plan) -> HashMap<&str, Vec<&LeftAccount>> {
    let mut out: HashMap<&str, Vec<&LeftAccount>> = HashMap::new();
    for l in &plan.left {
        out.entry(l.mpn_id.as_str()).or_default().push(l);
    }
    out
}

/// An organisation page's apply section. Never a password: `Applied` holds none.
#[derive(Serialize)]
struct OrgApplyView<'a> {
    run: u32,
    refused: bool,
    counts: ActionCounts,
    credential_files: Vec<String>,
    /// Whether any of them is an age file: the page says how to open it.
    sealed: bool,
    outbox: Option<&'a str>,
    left: Vec<LeftRow<'a>>,
}

/// Each credential file as it is named on disk: `….csv`, or `….csv.age`.
pub(super) fn credential_names(o: &OrgApplied) -> Vec<String> {
    let name = |f| format!("{f}{}", if o.sealed.contains(f) { SUFFIX } else { "" });
    o.credential_files.iter().map(name).collect()
}

fn org_apply_view<'a>(applied: &'a Applied, o: &OrgPlan, left: &[&'a LeftAccount]) -> OrgApplyView<'a> {
    let (counts, files, sealed, outbox) = match applied.organizations.get(&o.mpn_id) {
        Some(a) => (ActionCounts::applied(a), credential_names(a), !a.sealed.is_empty(), a.outbox.as_deref()),
        None => (ActionCounts::new(0, 0, 0, 0), Vec::new(), false, None),
    };
    OrgApplyView {
        run: applied.run,
        refused: applied.refused,
        counts,
        credential_files: files,
        sealed,
        outbox,
        left: left.iter().map(|l| left_row(l)).collect(),
    }
}

#[derive(Serialize)]
pub(crate) struct OrgPage<'a> {
    run: PlanFacts,
    org: OrgRow<'a>,
    country: &'a str,
    overlap_start: String,
    overlap_end: String,
    timeline: Timeline,
    admins: Vec<&'a str>,
    /// Every account's `<tr>`, escaped in Rust ([`rows`]): no JSON value per account.
    account_rows: String,
    /// What a real run did for this organisation; `None` for plan.
    apply: Option<OrgApplyView<'a>>,
    /// In the language most of its people read (ties: `--lang`), as HTML
    /// rendered once per language and creation mode, not once per page.
    employee_checklist: &'static str,
}

/// `applied` with the people who left this organisation, or `None` for plan.
pub(crate) fn org_page<'a>(
    o: &'a OrgPlan,
    plan: &Plan,
    applied: Option<(&'a Applied, &[&'a LeftAccount])>,
) -> OrgPage<'a> {
    OrgPage {
        run: plan_facts(plan),
        org: org_row(o, o.overlap_days),
        country: o.country.as_deref().unwrap_or(""),
        overlap_start: o.overlap_start.map(date).unwrap_or_default(),
        overlap_end: o.overlap_end.map(date).unwrap_or_default(),
        timeline: svg::timeline(o),
        admins: o.accounts.iter().filter(|a| a.role == Role::Admin).map(|a| a.display_name.as_str()).collect(),
        account_rows: rows::account_rows(&o.accounts, plan.lang),
        apply: applied.map(|(a, left)| org_apply_view(a, o, left)),
        employee_checklist: employee_checklist_html(o.language(plan.lang), plan.creation == Creation::Bulk),
    }
}
