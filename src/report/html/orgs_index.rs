//! What `orgs/index.html` shows: every organisation page, one row each, for
//! runs whose index caps its organisation table ([`MAX_ORGS`]), so that every
//! page stays reachable by links from index.html. Nothing else is on it; the
//! organisation pages and plan.json hold the detail.

use super::kit::{Count, MAX_ORGS, PlanFacts, count, page_id, plan_facts};
use crate::pipeline::plan::{OrgPlan, Plan};
use serde::Serialize;

/// The index shows only the first [`MAX_ORGS`] organisations: the listing is
/// written then, and the index links to it.
pub(crate) fn wanted(plan: &Plan) -> bool {
    plan.organizations.len() > MAX_ORGS
}

#[derive(Serialize)]
struct Row<'a> {
    mpn_id: &'a str,
    organization: &'a str,
    membership: &'a str,
    accounts: Count,
}

#[derive(Serialize)]
pub(crate) struct Listing<'a> {
    run: PlanFacts,
    total: Count,
    orgs: Vec<Row<'a>>,
}

fn row(o: &OrgPlan) -> Row<'_> {
    Row {
        mpn_id: &o.mpn_id,
        organization: &o.organization,
        membership: &o.membership,
        accounts: count(o.accounts.len()),
    }
}

/// Every planned organisation that has a page, in the plan's order (the index's).
pub(crate) fn listing(plan: &Plan) -> Listing<'_> {
    let orgs: Vec<Row<'_>> = plan.organizations.iter().filter(|o| page_id(&o.mpn_id)).map(row).collect();
    Listing { run: plan_facts(plan), total: count(orgs.len()), orgs }
}
