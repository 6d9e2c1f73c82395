//! Stage 4, **teams**: each organisation with its people. An organisation with
//! people to migrate and no admin cannot proceed (R5, `org-without-admin`);
//! one with nobody to migrate is kept with a warning (`org-without-employees`).

use crate::core::finding::{Finding, Rule, quote};
use crate::core::model::{Employee, Membership, Role};
use crate::pipeline::validate::{BlockedOrg, reason};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(crate) struct Team {
    pub membership: Membership,
    /// In input-line order.
    pub employees: Vec<Employee>,
}

#[derive(Debug, Default)]
pub(crate) struct Teams {
    /// Organisations that can be planned, in input-line order.
    pub teams: Vec<Team>,
    /// Organisations left out, with reasons, in input-line order.
    pub blocked: Vec<BlockedOrg>,
    pub findings: Vec<Finding>,
}

pub(crate) fn assemble(
    memberships: Vec<Membership>,
    employees: Vec<Employee>,
    mut blocked: Vec<BlockedOrg>,
    file: &str,
    mpn_col: u32,
    employees_usable: bool,
) -> Teams {
    let index: HashMap<&str, usize> = memberships.iter().enumerate().map(|(i, m)| (m.mpn_id.as_str(), i)).collect();
    let slots: Vec<Option<usize>> = employees.iter().map(|e| index.get(e.mpn_id.as_str()).copied()).collect();
    drop(index);
    // Each team's vector sized once: growing them by doubling copied every
    // person up to twice and, at ten million, held gigabytes of spare room.
    let mut sizes = vec![0usize; memberships.len()];
    for &i in slots.iter().flatten() {
        sizes[i] += 1;
    }
    let mut people: Vec<Vec<Employee>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (e, slot) in employees.into_iter().zip(slots) {
        if let Some(i) = slot {
            people[i].push(e);
        }
    }
    let mut findings = Vec::new();
    let mut teams = Vec::with_capacity(memberships.len());
    for (membership, employees) in memberships.into_iter().zip(people) {
        if employees.is_empty() {
            // With an unusable employees file nobody knows who works where: say nothing.
            if !employees_usable {
                teams.push(Team { membership, employees });
                continue;
            }
            findings.push(Finding::new(
                file,
                membership.line,
                mpn_col,
                Rule::OrgWithoutEmployees,
                format!(
                    "organisation {} ({}) has no employees to migrate",
                    quote(&membership.organization),
                    membership.mpn_id
                ),
            ));
        } else if !employees.iter().any(|e| e.role == Role::Admin) {
            let f = Finding::new(
                file,
                membership.line,
                mpn_col,
                Rule::OrgWithoutAdmin,
                format!(
                    "organisation {} ({}) has {} employee(s) but no admin to add them (R5); mark one person's role as admin",
                    quote(&membership.organization),
                    membership.mpn_id,
                    employees.len()
                ),
            );
            blocked.push(BlockedOrg {
                mpn_id: membership.mpn_id.to_string(),
                organization: membership.organization.clone(),
                line: membership.line,
                reasons: vec![reason(&f)],
            });
            findings.push(f);
            continue;
        }
        teams.push(Team { membership, employees });
    }
    blocked.sort_by_key(|b| b.line);
    Teams { teams, blocked, findings }
}
