//! Stage 5, **plan**: each organisation's new membership dates (R1–R4) and
//! each employee's account (R6–R8, usernames of design §5).

pub(crate) mod accounts;
pub(crate) mod membership;
pub(crate) mod username;

use crate::core::finding::{Finding, Rule};
use crate::core::ids::{MpnId, Username};
use crate::core::ledger::Ledger;
use crate::core::model::Lang;
use crate::core::options::{Creation, Options};
use crate::pipeline::status_export::TeamStatus;
use crate::pipeline::teams::Team;
use crate::pipeline::validate::cells;
use accounts::{AccountPlan, Action, Candidate};
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrgPlan {
    pub mpn_id: MpnId,
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
    /// `new`: this apply enrols the organisation; `recorded`: an earlier apply did, and its dates stand.
    pub enrolment: Enrolment,
    pub accounts: Vec<AccountPlan>,
    #[serde(skip)]
    pub line: u64,
}

/// An account in the ledger whose person is gone from the export: reported, never deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftAccount {
    pub mpn_id: MpnId,
    pub email: String,
    pub username: Username,
    pub run: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub as_of: NaiveDate,
    pub creation: Creation,
    /// `--lang`: the language of people without one of their own.
    pub lang: Lang,
    pub organizations: Vec<OrgPlan>,
    pub left: Vec<LeftAccount>,
}

impl OrgPlan {
    /// The language of the organisation's employee checklist: the one most
    /// of its accounts have; a tie, or nobody, goes to `default` (`--lang`).
    pub fn language(&self, default: Lang) -> Lang {
        let mut counts = [0usize; Lang::ALL.len()];
        for a in &self.accounts {
            counts[a.language as usize] += 1;
        }
        let most = counts.iter().copied().max().unwrap_or(0);
        if counts[default as usize] == most {
            return default;
        }
        Lang::ALL.into_iter().find(|&l| counts[l as usize] == most).unwrap_or(default)
    }
}

impl Plan {
    /// Anything in the change listing: an account to create or reissue,
    /// someone who left the export (whose account someone must remove in
    /// Partner Center), or an organisation not yet enrolled.
    pub fn has_changes(&self) -> bool {
        !self.left.is_empty()
            || self
                .organizations
                .iter()
                .any(|o| o.enrolment == Enrolment::New || o.accounts.iter().any(|a| a.action != Action::Keep))
    }
}

/// Whether an organisation is enrolled by this plan or was by an earlier apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Enrolment {
    New,
    Recorded,
}

/// What earlier applies did, and what Partner Center says since.
#[derive(Clone, Copy)]
pub(crate) struct History<'a> {
    pub ledger: &'a Ledger,
    pub status: Option<&'a TeamStatus>,
    /// (mpn_id, email key) of every row in the employees export, valid or not:
    /// someone whose row has an error, or whose organisation is left out, has not left.
    pub in_export: &'a HashSet<(MpnId, String)>,
}

/// (team index, employee index, username) of one person.
type Named = (usize, usize, Username);

/// Where findings of this stage point (the employees file and its email column).
pub(crate) struct Source<'a> {
    pub file: &'a str,
    pub email_col: u32,
}

pub(crate) fn plan(
    teams: Vec<Team>,
    opts: &Options,
    history: History<'_>,
    source: &Source<'_>,
) -> (Plan, Vec<Finding>) {
    let ledger = history.ledger;
    let issued = ledger.usernames_by_tenant();
    let none = HashSet::new();
    // Usernames are unique per tenant, and two organisations may share one.
    let mut tenants: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, t) in teams.iter().enumerate() {
        tenants.entry(t.membership.tenant_domain.as_str()).or_default().push(i);
    }
    let named: Vec<(Vec<Named>, Vec<Finding>)> = tenants
        .into_par_iter()
        .map(|(domain, team_ids)| {
            // A username in the ledger keeps its owner; nobody else gets it.
            let reserved = issued.get(domain).unwrap_or(&none);
            let mut named: Vec<Named> = Vec::new();
            let mut slots = Vec::new();
            let mut people = Vec::new();
            for &t in &team_ids {
                let mpn_id = &teams[t].membership.mpn_id;
                for (k, e) in teams[t].employees.iter().enumerate() {
                    if let Some(existing) = ledger.account(mpn_id, e.email_key()) {
                        named.push((t, k, existing.username.clone()));
                        continue;
                    }
                    slots.push((t, k));
                    people.push(Candidate { line: e.line, email: &e.email, first: &e.first_name, last: &e.last_name });
                }
            }
            let mut findings = Vec::new();
            let names =
                accounts::assign_usernames(&people, domain, reserved, source.file, source.email_col, &mut findings);
            named.extend(slots.into_iter().zip(names).map(|((t, k), n)| {
                let name = Username::new(&n, domain).expect("the §5 rule on a validated domain gives a valid username");
                (t, k, name)
            }));
            (named, findings)
        })
        .collect();

    let mut usernames: Vec<Vec<Option<Username>>> = teams.iter().map(|t| vec![None; t.employees.len()]).collect();
    let mut findings = Vec::new();
    for (named, f) in named {
        for (t, k, name) in named {
            usernames[t][k] = Some(name);
        }
        findings.extend(f);
    }

    let organizations: Vec<OrgPlan> =
        teams.into_par_iter().zip(usernames).map(|(team, names)| org_plan(team, names, opts, history)).collect();
    findings.extend(formula_like_usernames(&organizations, source));
    let left = left_accounts(ledger, history.in_export);
    (Plan { as_of: opts.as_of, creation: opts.creation, lang: opts.lang, organizations, left }, findings)
}

/// A username issued this run that starts with `-` (from an email or a name
/// that does) gets a leading `'` in the credentials file: the finding says so.
fn formula_like_usernames(orgs: &[OrgPlan], source: &Source<'_>) -> Vec<Finding> {
    orgs.iter()
        .flat_map(|o| &o.accounts)
        .filter(|a| a.action != Action::Keep && cells::is_formula_like(a.username.as_str()))
        .map(|a| {
            let files = "the credentials file holds it";
            let message = cells::formula_message("username", a.username.as_str(), files);
            Finding::new(source.file, a.line, source.email_col, Rule::FormulaLikeValue, message)
        })
        .collect()
}

/// Ledger accounts whose person is nowhere in the employees export.
fn left_accounts(ledger: &Ledger, in_export: &HashSet<(MpnId, String)>) -> Vec<LeftAccount> {
    ledger
        .accounts
        .iter()
        .filter(|(key, _)| !in_export.contains(*key))
        .map(|(_, a)| LeftAccount {
            mpn_id: a.mpn_id.clone(),
            email: a.email.clone(),
            username: a.username.clone(),
            run: a.run,
        })
        .collect()
}

fn org_plan(team: Team, usernames: Vec<Option<Username>>, opts: &Options, history: History<'_>) -> OrgPlan {
    let m = team.membership;
    // Re-enrolment happens once: a later apply keeps the first enrolment's dates.
    let (dates, enrolment) = match history.ledger.enrolments.get(&m.mpn_id) {
        Some(en) => (membership::enrolled_dates(m.end, en.pc_start, en.pc_end), Enrolment::Recorded),
        None => (membership::membership_dates(m.end, opts.as_of), Enrolment::New),
    };
    let accounts = team
        .employees
        .into_iter()
        .zip(usernames)
        .map(|(e, name)| {
            let existing = history.ledger.account(&m.mpn_id, e.email_key());
            let name = name.expect("everyone was named");
            let mut plan = accounts::account_plan(e, opts, name);
            if let Some(existing) = existing {
                let status = history.status.and_then(|s| s.get(&existing.username));
                // R7: past its 90 days without a sign-in, the account must be removed and added again.
                let lapsed = status.is_some_and(|s| !s.signed_in) && opts.as_of > existing.password_expires;
                if lapsed {
                    plan.action = Action::Reissue;
                } else {
                    plan.action = Action::Keep;
                    plan.password_expires = existing.password_expires;
                }
            }
            plan
        })
        .collect();
    OrgPlan {
        mpn_id: m.mpn_id,
        organization: m.organization,
        membership: m.membership,
        pmc_start: m.start,
        pmc_end: m.end,
        renewed: m.renewed,
        pc_start: dates.pc_start,
        pc_end: dates.pc_end,
        overlap_start: dates.overlap_start,
        overlap_end: dates.overlap_end,
        overlap_days: dates.overlap_days,
        expired: dates.expired,
        tenant_domain: m.tenant_domain,
        country: m.country,
        creation: opts.creation,
        enrolment,
        accounts,
        line: m.line,
    }
}
