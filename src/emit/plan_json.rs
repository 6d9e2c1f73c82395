//! plan.json: the whole plan, no passwords. Field names of SPEC §7.

use crate::Checked;
use crate::apply::Applied;
use crate::finding::Severity;
use crate::model::InputFacts;
use crate::plan::{LeftAccount, OrgPlan};
use crate::validate::BlockedOrg;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub struct Summary {
    pub organizations: usize,
    /// Distinct people (by email) across the planned organisations.
    pub employees: usize,
    /// One per person per organisation.
    pub accounts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub blocked_organizations: usize,
}

#[derive(Serialize)]
struct PlanDoc<'a> {
    as_of: NaiveDate,
    tool: Tool,
    creation: &'static str,
    inputs: &'a [InputFacts],
    summary: Summary,
    organizations: &'a [OrgPlan],
    blocked_organizations: &'a [BlockedOrg],
    /// People in the ledger who are gone from the export: reported, never deleted.
    left: &'a [LeftAccount],
    #[serde(skip_serializing_if = "Option::is_none")]
    apply: Option<&'a Applied>,
}

pub fn summary(checked: &Checked) -> Summary {
    let orgs = &checked.plan.organizations;
    let people: HashSet<&str> = orgs.iter().flat_map(|o| o.accounts.iter().map(|a| a.email_key.as_str())).collect();
    Summary {
        organizations: orgs.len(),
        employees: people.len(),
        accounts: orgs.iter().map(|o| o.accounts.len()).sum(),
        errors: checked.counts.errors,
        warnings: checked.counts.warnings,
        infos: checked.findings.iter().filter(|f| f.severity == Severity::Info).count(),
        blocked_organizations: checked.blocked.len(),
    }
}

pub fn render(checked: &Checked, applied: Option<&Applied>) -> Vec<u8> {
    let doc = PlanDoc {
        as_of: checked.plan.as_of,
        tool: Tool { name: "pmc-migrate", version: env!("CARGO_PKG_VERSION") },
        creation: checked.plan.creation.as_str(),
        inputs: &checked.inputs,
        summary: summary(checked),
        organizations: &checked.plan.organizations,
        blocked_organizations: &checked.blocked,
        left: &checked.plan.left,
        apply: applied,
    };
    let mut out = serde_json::to_vec_pretty(&doc).expect("plan serializes");
    out.push(b'\n');
    out
}
