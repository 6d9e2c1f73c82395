//! The former deduplication, kept for tests as the yardstick: every person's
//! rows grouped by a plain ordered map (where polars did the grouping),
//! merged into a copy of the first row, the output rebuilt row by row. The
//! messages are shared; what it checks is who is grouped, merged, dropped
//! and named, and in which order.

use super::findings::At;
use super::{merge_into, same_data};
use crate::core::finding::Finding;
use crate::core::model::Employee;
use std::collections::BTreeMap;

/// Row-index groups of more than one row, each ascending, ordered by first row.
fn groups_by<K: Ord>(keys: impl Iterator<Item = K>) -> Vec<Vec<usize>> {
    let mut map: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.enumerate() {
        map.entry(k).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = map.into_values().filter(|g| g.len() > 1).collect();
    out.sort_unstable_by_key(|g| g[0]);
    out
}

pub(super) fn dedup(people: Vec<Employee>, file: &str, email_col: u32) -> (Vec<Employee>, Vec<Finding>) {
    let at = At { file, email_col };
    let n = people.len();
    let groups = groups_by(people.iter().map(|p| (p.mpn_id.as_str(), p.email_key())));
    let mut findings = Vec::new();
    let mut drop = vec![false; n];
    let mut merged: Vec<(usize, Employee)> = Vec::new();
    for group in &groups {
        let first = group[0];
        let mut person = people[first].clone();
        for (k, &j) in group.iter().enumerate().skip(1) {
            let row = &people[j];
            drop[j] = true;
            let exact = group[..k].iter().find(|&&i| same_data(&people[i], row));
            if let Some(&i) = exact {
                findings.push(at.exact_duplicate(row, &people[i]));
                continue;
            }
            findings.push(at.conflicting_duplicate(row, &people[first]));
            merge_into(&mut person, row);
        }
        merged.push((first, person));
    }
    let mut merged = merged.into_iter().peekable();
    let mut employees = Vec::with_capacity(n);
    for (i, p) in people.into_iter().enumerate() {
        if drop[i] {
            continue;
        }
        match merged.peek() {
            Some((first, _)) if *first == i => employees.push(merged.next().expect("peeked").1),
            _ => employees.push(p),
        }
    }
    for group in groups_by(employees.iter().map(|p| p.email_key())) {
        let first = &employees[group[0]];
        for &j in &group[1..] {
            findings.push(at.cross_org_employee(&employees[j], first));
        }
    }
    (employees, findings)
}
