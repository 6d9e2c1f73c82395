//! Rules across rows: `duplicate-organization` / `exact-duplicate` for
//! memberships, `unknown-organization` for employees.

use crate::core::finding::{Finding, Rule, quote};
use crate::core::model::{Employee, Membership};
use std::collections::{HashMap, HashSet};

use super::blocked::{BlockedOrg, reason};

/// Keep the first row of each MPN id. An identical repeat is dropped
/// (`exact-duplicate`); a differing one blocks the organisation
/// (`duplicate-organization`), since nobody can tell which row is right.
pub(crate) fn unique_organizations(
    rows: Vec<Membership>,
    file: &str,
    mpn_col: u32,
    blocked: &mut Vec<BlockedOrg>,
    findings: &mut Vec<Finding>,
) -> Vec<Membership> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(rows.len());
    let mut keep = vec![true; rows.len()];
    let mut conflicting: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        match first.get(row.mpn_id.as_str()) {
            None => {
                first.insert(&row.mpn_id, i);
            }
            Some(&j) => {
                keep[i] = false;
                let original = &rows[j];
                if same_data(original, row) {
                    findings.push(Finding::new(
                        file,
                        row.line,
                        mpn_col,
                        Rule::ExactDuplicate,
                        format!("MPN ID {} repeats line {} exactly; row dropped", quote(&row.mpn_id), original.line),
                    ));
                } else {
                    let f = Finding::new(
                        file,
                        row.line,
                        mpn_col,
                        Rule::DuplicateOrganization,
                        format!(
                            "MPN ID {} is also on line {} with different data; the organisation is left out until one row remains",
                            quote(&row.mpn_id),
                            original.line
                        ),
                    );
                    conflicting.entry(j).or_default().push(reason(&f));
                    findings.push(f);
                }
            }
        }
    }
    let mut kept = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        if let Some(reasons) = conflicting.remove(&i) {
            blocked.push(BlockedOrg {
                mpn_id: row.mpn_id.to_string(),
                organization: row.organization,
                line: row.line,
                reasons,
            });
        } else if keep[i] {
            kept.push(row);
        }
    }
    kept
}

fn same_data(a: &Membership, b: &Membership) -> bool {
    Membership { line: b.line, ..a.clone() } == *b
}

/// Drop employees whose organisation is absent (`unknown-organization`) or
/// blocked (already reported on the memberships file).
pub(crate) fn known_organizations(
    people: Vec<Employee>,
    orgs: &[Membership],
    all_ids: &HashSet<&str>,
    memberships_usable: bool,
    file: &str,
    mpn_col: u32,
    findings: &mut Vec<Finding>,
) -> Vec<Employee> {
    let valid: HashSet<&str> = orgs.iter().map(|m| m.mpn_id.as_str()).collect();
    people
        .into_iter()
        .filter(|p| {
            if valid.contains(p.mpn_id.as_str()) {
                return true;
            }
            if memberships_usable && !all_ids.contains(p.mpn_id.as_str()) {
                findings.push(Finding::new(
                    file,
                    p.line,
                    mpn_col,
                    Rule::UnknownOrganization,
                    format!("MPN ID {} of {} is not in the memberships file", quote(&p.mpn_id), quote(&p.email)),
                ));
            }
            false
        })
        .collect()
}
