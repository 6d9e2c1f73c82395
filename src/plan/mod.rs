//! Stage 5, **plan**: each organisation's new membership dates (R1–R4) and
//! each employee's account (R6–R8, usernames of SPEC §5).

pub mod accounts;
pub mod membership;
pub mod username;

use crate::finding::Finding;
use crate::options::{Creation, Options};
use crate::teams::Team;
use accounts::{AccountPlan, Candidate};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgPlan {
    pub mpn_id: String,
    pub organization: String,
    pub membership: String,
    pub pmc_start: NaiveDate,
    pub pmc_end: NaiveDate,
    pub renewed: bool,
    pub pc_start: NaiveDate,
    pub pc_end: NaiveDate,
    pub overlap_start: Option<NaiveDate>,
    pub overlap_end: Option<NaiveDate>,
    pub overlap_days: u32,
    pub expired: bool,
    pub tenant_domain: String,
    pub country: Option<String>,
    pub creation: Creation,
    pub accounts: Vec<AccountPlan>,
    #[serde(skip)]
    pub line: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub as_of: NaiveDate,
    pub creation: Creation,
    pub organizations: Vec<OrgPlan>,
}

/// (team index, employee index, username) of one person.
type Named = (usize, usize, String);

/// Where findings of this stage point (the employees file and its email column).
pub struct Source<'a> {
    pub file: &'a str,
    pub email_col: u32,
}

pub fn plan(teams: &[Team], opts: &Options, reserved: &HashSet<String>, source: &Source<'_>) -> (Plan, Vec<Finding>) {
    // Usernames are unique per tenant, and two organisations may share one.
    let mut tenants: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in teams.iter().enumerate() {
        tenants.entry(t.membership.tenant_domain.as_str()).or_default().push(i);
    }
    let named: Vec<(Vec<Named>, Vec<Finding>)> = tenants
        .into_par_iter()
        .map(|(domain, team_ids)| {
            let mut slots = Vec::new();
            let mut people = Vec::new();
            for &t in &team_ids {
                for (k, e) in teams[t].employees.iter().enumerate() {
                    slots.push((t, k));
                    people.push(Candidate {
                        line: e.line,
                        email: &e.email,
                        first: &e.first_name,
                        last: &e.last_name,
                    });
                }
            }
            let mut findings = Vec::new();
            let names =
                accounts::assign_usernames(&people, domain, reserved, source.file, source.email_col, &mut findings);
            let named = slots
                .into_iter()
                .zip(names)
                .map(|((t, k), n)| (t, k, format!("{n}@{domain}")))
                .collect();
            (named, findings)
        })
        .collect();

    let mut usernames: Vec<Vec<String>> = teams.iter().map(|t| vec![String::new(); t.employees.len()]).collect();
    let mut findings = Vec::new();
    for (named, f) in named {
        for (t, k, name) in named {
            usernames[t][k] = name;
        }
        findings.extend(f);
    }

    let organizations = teams
        .par_iter()
        .zip(usernames)
        .map(|(team, names)| org_plan(team, names, opts))
        .collect();
    (
        Plan {
            as_of: opts.as_of,
            creation: opts.creation,
            organizations,
        },
        findings,
    )
}

fn org_plan(team: &Team, usernames: Vec<String>, opts: &Options) -> OrgPlan {
    let m = &team.membership;
    let dates = membership::membership_dates(m.end, opts.as_of);
    let accounts = team
        .employees
        .iter()
        .zip(usernames)
        .map(|(e, name)| accounts::account_plan(e, opts.creation, opts.as_of, name))
        .collect();
    OrgPlan {
        mpn_id: m.mpn_id.clone(),
        organization: m.organization.clone(),
        membership: m.membership.clone(),
        pmc_start: m.start,
        pmc_end: m.end,
        renewed: m.renewed,
        pc_start: dates.pc_start,
        pc_end: dates.pc_end,
        overlap_start: dates.overlap_start,
        overlap_end: dates.overlap_end,
        overlap_days: dates.overlap_days,
        expired: dates.expired,
        tenant_domain: m.tenant_domain.clone(),
        country: m.country.clone(),
        creation: opts.creation,
        accounts,
        line: m.line,
    }
}
