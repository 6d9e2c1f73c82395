//! Stage 2, **validate**: every row checked in parallel (rayon), then the rules
//! that look across rows: duplicate organisations and unknown organisations.
//! One file per rule family; `Finding`s are data, never errors.

mod blocked;
pub(crate) mod cells;
pub(crate) mod dates;
pub(crate) mod employee;
#[cfg(test)]
pub(crate) mod fixture;
pub(crate) mod membership;
pub(crate) mod organizations;
mod row_check;
pub(crate) mod smtputf8;
pub(crate) mod values;

pub(crate) use blocked::{BlockedOrg, reason};

use crate::core::finding::{Finding, Severity};
use crate::core::ids::MpnId;

use crate::core::model::{Employee, Membership};
use crate::core::options::Options;
use crate::core::progress::Counter;
use crate::pipeline::load::headers::{e, m};
use crate::pipeline::load::{Record, Table};

use rayon::prelude::*;
use std::collections::HashSet;

/// What survives validation, plus every finding so far.
#[derive(Debug, Default)]
pub struct Validated {
    /// Valid, unique organisations in input-line order.
    pub memberships: Vec<Membership>,
    /// Valid rows of known, unblocked organisations, in input-line order (not yet deduplicated).
    pub employees: Vec<Employee>,
    pub blocked: Vec<BlockedOrg>,
    pub findings: Vec<Finding>,
}

/// (mpn_id, email key) of every employees row, valid or not, of the given
/// organisations: who is still in the export (and so has not left).
pub(crate) fn keys_in_export(employees: &Table, orgs: &HashSet<&str>) -> HashSet<(MpnId, String)> {
    employees
        .records
        .par_iter()
        .chain(employees.rejected.par_iter())
        .filter(|r| orgs.contains(r.get(&employees.headers, e::MPN_ID)))
        .filter_map(|r| {
            let mpn_id = MpnId::parse(r.get(&employees.headers, e::MPN_ID))?;
            Some((mpn_id, values::email_key(r.get(&employees.headers, e::EMAIL))))
        })
        .collect()
}

pub fn validate(memberships: &Table, employees: &Table, opts: &Options) -> Validated {
    validate_counted(memberships, employees, opts, &Counter::hidden())
}

/// [`validate`], counting the rows checked on `rows`.
pub(crate) fn validate_counted(memberships: &Table, employees: &Table, opts: &Options, rows: &Counter) -> Validated {
    let m_file = memberships.file();
    let e_file = employees.file();
    let (m_checks, e_checks) = rayon::join(
        || {
            rows.each(memberships.records.par_iter())
                .map(|r| membership::check_membership(&r, &memberships.headers, m_file, opts))
                .collect::<Vec<_>>()
        },
        || {
            kept_and_findings(rows.each(employees.records.par_iter()).map(|r| {
                let check = employee::check_employee(&r, &employees.headers, e_file);
                (check.value, check.findings)
            }))
        },
    );
    let (people, e_findings) = e_checks;

    let mut findings: Vec<Finding> = Vec::new();
    findings.extend(memberships.findings.iter().cloned());
    findings.extend(employees.findings.iter().cloned());

    let mut rows = Vec::with_capacity(m_checks.len());
    let mut blocked = Vec::new();
    for (check, rec) in m_checks.into_iter().zip(&memberships.records) {
        match check.value {
            Some(m) => rows.push(m),
            None => blocked.push(blocked_row(
                memberships,
                &rec,
                check.findings.iter().filter(|f| f.severity == Severity::Error).map(reason).collect(),
            )),
        }
        findings.extend(check.findings);
    }
    findings.extend(e_findings);

    let memberships_usable = !memberships.unusable();
    let all_ids = memberships
        .records
        .iter()
        .chain(&memberships.rejected)
        .map(|r| r.get(&memberships.headers, m::MPN_ID))
        .collect();
    for rec in &memberships.rejected {
        let reasons = memberships.findings.iter().filter(|f| f.line == rec.line).map(reason).collect();
        blocked.push(blocked_row(memberships, &rec, reasons));
    }
    let orgs = organizations::unique_organizations(
        rows,
        m_file,
        memberships.headers.column_number(m::MPN_ID),
        &mut blocked,
        &mut findings,
    );
    let people = organizations::known_organizations(
        people,
        &orgs,
        &all_ids,
        memberships_usable,
        e_file,
        employees.headers.column_number(e::MPN_ID),
        &mut findings,
    );
    blocked.sort_by_key(|b| b.line);
    Validated { memberships: orgs, employees: people, blocked, findings }
}

/// The values and the findings of a parallel pass over rows, each in row
/// order. Each row's value is written straight into its slot of a vector of
/// exactly the rows' length (no vector of values grows by doubling, which at
/// a million rows meant copying every value into fresh pages several times),
/// and the slots are then compacted in place. A row's findings join its
/// piece's list at once, so no row's own small vector outlives the row.
fn kept_and_findings<T: Send>(
    checks: impl IndexedParallelIterator<Item = (Option<T>, Vec<Finding>)>,
) -> (Vec<T>, Vec<Finding>) {
    use std::collections::LinkedList;
    let mut slots: Vec<Option<T>> = Vec::with_capacity(checks.len());
    slots.resize_with(checks.len(), || None);
    let pieces: LinkedList<Vec<Finding>> = slots
        .par_iter_mut()
        .zip(checks)
        .fold(Vec::new, |mut findings, (slot, (value, row_findings))| {
            *slot = value;
            findings.extend(row_findings);
            findings
        })
        .map(|piece| LinkedList::from([piece]))
        .reduce(LinkedList::new, |mut left, mut right| {
            left.append(&mut right);
            left
        });
    // In place: `Option<T>` is no larger than `T` for the row types, and a
    // `filter_map` over a vector's own items reuses its allocation (`flatten`
    // does not, hence the identity closure).
    #[allow(clippy::filter_map_identity)]
    let values: Vec<T> = slots.into_iter().filter_map(|slot| slot).collect();
    let mut findings = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        findings.extend(piece);
    }
    (values, findings)
}

/// A memberships row that can't be used, as an organisation left out of the plan.
fn blocked_row(memberships: &Table, rec: &Record<'_>, reasons: Vec<String>) -> BlockedOrg {
    BlockedOrg {
        mpn_id: rec.get(&memberships.headers, m::MPN_ID).to_string(),
        organization: rec.get(&memberships.headers, m::ORGANIZATION).to_string(),
        line: rec.line,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Rule;

    #[test]
    fn kept_values_and_findings_stay_in_row_order() {
        let rows: Vec<u64> = (0..10_000).collect();
        let (kept, findings) = kept_and_findings(rows.par_iter().map(|&n| {
            let finding = Finding::new("e.csv", n, 1, Rule::InvalidEmail, String::new());
            if n % 3 == 0 { (None, vec![finding]) } else { (Some(n), Vec::new()) }
        }));
        assert_eq!(kept, rows.iter().copied().filter(|n| n % 3 != 0).collect::<Vec<_>>());
        assert_eq!(
            findings.iter().map(|f| f.line).collect::<Vec<_>>(),
            rows.iter().copied().filter(|n| n % 3 == 0).collect::<Vec<_>>()
        );
    }

    #[test]
    fn kept_employees_are_compacted_in_place() {
        // What keeps the stage from holding the rows twice.
        assert_eq!(std::mem::size_of::<Option<Employee>>(), std::mem::size_of::<Employee>());
        let slots: Vec<Option<String>> = (0..100).map(|n| (n % 3 != 0).then(|| n.to_string())).collect();
        let at = slots.as_ptr() as usize;
        #[allow(clippy::filter_map_identity)]
        let kept: Vec<String> = slots.into_iter().filter_map(|slot| slot).collect();
        assert_eq!(kept.as_ptr() as usize, at, "the same allocation");
    }
}
