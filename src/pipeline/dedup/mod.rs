//! Stage 3, **dedup**: one person per organisation and email (trimmed, NFC,
//! case-folded). A hash pass finds the rows that repeat a key; only those
//! are merged or dropped, in place, and only they get findings, which need
//! exact lines.

mod findings;
#[cfg(test)]
mod reference;
mod repeats;

use crate::core::finding::Finding;
use crate::core::model::{Employee, Role};
use findings::{At, same_letters};
use repeats::{by_first, repeats};

#[derive(Debug, Default)]
pub struct Deduped {
    /// One entry per person per organisation, ordered by first input line.
    pub employees: Vec<Employee>,
    pub findings: Vec<Finding>,
    /// (the person's first line, a later line of theirs) for every row merged
    /// or dropped, in row order: what a later stage says about a person it
    /// says at each of their rows.
    pub repeats: Vec<(u64, u64)>,
}

pub fn dedup(mut people: Vec<Employee>, file: &str, email_col: u32) -> Deduped {
    let at = At { file, email_col };
    let later = repeats(&people, |p| (p.mpn_id.as_str(), p.email_key()));
    // Ascending, since repeats come in row order.
    let dropped: Vec<u32> = later.iter().map(|&(_, row)| row).collect();
    let repeat_lines: Vec<(u64, u64)> =
        later.iter().map(|&(first, row)| (people[first as usize].line, people[row as usize].line)).collect();
    let mut findings = Vec::new();
    for (first, rows) in by_first(later) {
        let merge = judge_group(&people, first as usize, &rows, at, &mut findings);
        // Every later row is after the first: split to merge them into it in place.
        let (head, tail) = people.split_at_mut(first as usize + 1);
        let person = &mut head[first as usize];
        for j in merge {
            merge_into(person, &tail[j as usize - first as usize - 1]);
        }
    }
    let mut dropped = dropped.into_iter().peekable();
    let mut i = 0;
    people.retain(|_| {
        let keep = dropped.next_if_eq(&i).is_none();
        i += 1;
        keep
    });
    // `cross-org-employee`: one account in each tenant, said once per later organisation.
    for (first, rows) in by_first(repeats(&people, |p| p.email_key())) {
        findings.extend(rows.iter().map(|&j| at.cross_org_employee(&people[j as usize], &people[first as usize])));
    }
    Deduped { employees: people, findings, repeats: repeat_lines }
}

/// The findings of one person's later rows, against the rows as read (before
/// any merge); returns the rows to merge into the first, in row order.
fn judge_group(people: &[Employee], first: usize, rows: &[u32], at: At, findings: &mut Vec<Finding>) -> Vec<u32> {
    let mut merge = Vec::new();
    for (k, &j) in rows.iter().enumerate() {
        let row = &people[j as usize];
        // The earliest identical row, which may itself be a later one.
        let mut earlier = std::iter::once(first).chain(rows[..k].iter().map(|&i| i as usize));
        if let Some(i) = earlier.find(|&i| same_data(&people[i], row)) {
            findings.push(at.exact_duplicate(row, &people[i]));
        } else {
            findings.push(at.conflicting_duplicate(row, &people[first]));
            merge.push(j);
        }
    }
    merge
}

/// Whether `b` repeats `a`: every field equal but the line, and the email
/// equal but perhaps for letter case. Addresses are matched without regard to
/// case, so `Kevin.Lin@` and `kevin.lin@` on otherwise equal rows are one row
/// typed twice, not a conflict (the first spelling is kept).
fn same_data(a: &Employee, b: &Employee) -> bool {
    same_letters(&a.email, &b.email)
        && a.email_key() == b.email_key()
        && Employee { line: b.line, email: b.email.clone(), key: b.key.clone(), ..a.clone() } == *b
}

/// The merge policy of design §4.
fn merge_into(person: &mut Employee, row: &Employee) {
    for (mine, theirs) in [
        (&mut person.first_name, &row.first_name),
        (&mut person.last_name, &row.last_name),
        (&mut person.job_title, &row.job_title),
        (&mut person.partner_university_id, &row.partner_university_id),
    ] {
        if mine.is_empty() && !theirs.is_empty() {
            mine.clone_from(theirs);
        }
    }
    if row.role == Role::Admin {
        person.role = Role::Admin;
    }
    if person.language.is_none() {
        person.language = row.language;
    }
    for exam in &row.exams {
        if !person.exams.contains(exam) {
            person.exams.push(exam.clone());
        }
    }
    for cert in &row.certifications {
        if !person.certifications.contains(cert) {
            person.certifications.push(cert.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::finding::Rule;
    use crate::core::model::Lang;

    fn person(line: u64, mpn: &str, email: &str, role: Role, exams: &[&str]) -> Employee {
        let exams = exams.iter().map(|&s| s.into()).collect();
        Employee { exams, ..crate::pipeline::validate::fixture::person(line, mpn, email, role) }
    }

    #[test]
    fn exact_duplicates_drop_and_conflicts_merge() {
        let people = vec![
            person(2, "1234", "ann@x.com", Role::Employee, &["AZ-900"]),
            person(3, "1234", "ann@x.com", Role::Employee, &["AZ-900"]),
            person(4, "1234", "ANN@x.com", Role::Admin, &["AZ-104"]),
            person(5, "5678", "ann@x.com", Role::Employee, &[]),
        ];
        let out = dedup(people, "e.csv", 4);
        assert_eq!(out.employees.len(), 2);
        let ann = &out.employees[0];
        assert_eq!((ann.line, ann.role), (2, Role::Admin));
        assert_eq!(ann.exams, vec!["AZ-900", "AZ-104"]);
        let got: Vec<_> = out.findings.iter().map(|f| (f.rule, f.line)).collect();
        assert_eq!(got, vec![(Rule::ExactDuplicate, 3), (Rule::ConflictingDuplicate, 4), (Rule::CrossOrgEmployee, 5)]);
        // Line 5 is another organisation's person: not a repeat.
        assert_eq!(out.repeats, vec![(2, 3), (2, 4)]);
    }

    #[test]
    fn a_language_on_one_row_of_a_person_is_kept_and_a_difference_named() {
        let mut a = person(2, "1234", "ann@x.com", Role::Employee, &[]);
        let mut b = person(3, "1234", "ann@x.com", Role::Employee, &[]);
        let c = person(4, "1234", "ann@x.com", Role::Employee, &[]);
        (a.language, b.language) = (None, Some(Lang::ZhTw));
        let out = dedup(vec![a.clone(), b, c], "e.csv", 4);
        assert_eq!(out.employees[0].language, Some(Lang::ZhTw));
        let f = &out.findings[0];
        assert_eq!((f.rule, f.line), (Rule::ConflictingDuplicate, 3));
        assert!(f.message.contains("language"), "{}", f.message);
        // The first non-empty value wins, as for every other field.
        a.language = Some(Lang::En);
        let mut b = person(3, "1234", "ann@x.com", Role::Employee, &[]);
        b.language = Some(Lang::ZhTw);
        assert_eq!(dedup(vec![a, b], "e.csv", 4).employees[0].language, Some(Lang::En));
    }

    #[test]
    fn dedup_is_idempotent() {
        let people = vec![
            person(2, "1234", "a@x.com", Role::Employee, &["AZ-900"]),
            person(3, "1234", "A@x.com", Role::Admin, &[]),
        ];
        let once = dedup(people, "e.csv", 4).employees;
        let twice = dedup(once.clone(), "e.csv", 4).employees;
        assert_eq!(once, twice);
    }

    /// Deterministic rows over few organisations and emails, a fifth of them
    /// copies of an earlier row, so that exact repeats, conflicts and people
    /// in several organisations are all frequent.
    fn generated(seed: u64, n: usize) -> Vec<Employee> {
        let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        let mut pick = |k: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % k as u64) as usize
        };
        let codes = ["AZ-900", "AZ-104", "MB-210"];
        let mut rows: Vec<Employee> = Vec::with_capacity(n);
        for i in 0..n {
            let line = i as u64 + 2;
            if i > 0 && pick(5) == 0 {
                rows.push(Employee { line, ..rows[pick(i)].clone() });
                continue;
            }
            let email = ["ann@x.com", "ANN@x.com", "bo@x.com", "cy@y.org", "Cy@Y.org", "di@x.com"][pick(6)];
            let mut p = person(line, ["1234", "5678", "9012"][pick(3)], email, Role::Employee, &[]);
            p.first_name = ["Ann", "", "Bo"][pick(3)].into();
            p.last_name = ["", "Lee"][pick(2)].into();
            p.role = [Role::Employee, Role::Employee, Role::Admin][pick(3)];
            p.job_title = ["", "Dev"][pick(2)].into();
            p.partner_university_id = ["", "PU-1", "PU-2"][pick(3)].into();
            p.exams = codes.iter().filter(|_| pick(4) == 0).map(|&c| c.into()).collect();
            p.certifications = ["Azure Fundamentals"].iter().filter(|_| pick(3) == 0).map(|&c| c.into()).collect();
            p.language = [None, None, Some(Lang::En), Some(Lang::ZhTw)][pick(4)];
            rows.push(p);
        }
        rows
    }

    #[test]
    fn the_same_people_and_findings_as_the_former_implementation() {
        let mut rules = std::collections::BTreeMap::new();
        for seed in 0..60 {
            let people = generated(seed, seed as usize * 7);
            let want = reference::dedup(people.clone(), "e.csv", 4);
            let got = dedup(people, "e.csv", 4);
            for f in &got.findings {
                *rules.entry(f.rule.id()).or_insert(0) += 1;
            }
            assert_eq!((got.employees, got.findings), want, "seed {seed}");
        }
        // The comparison covers every kind of finding, many times.
        for rule in [Rule::ExactDuplicate, Rule::ConflictingDuplicate, Rule::CrossOrgEmployee] {
            assert!(rules.get(rule.id()).is_some_and(|&n| n > 100), "{rules:?}");
        }
    }

    #[test]
    fn unique_rows_are_neither_copied_nor_moved_before_the_first_dropped_row() {
        let people = vec![
            person(2, "1234", "ann@x.com", Role::Employee, &[]),
            person(3, "1234", "bo@x.com", Role::Employee, &[]),
            person(4, "1234", "ann@x.com", Role::Admin, &[]),
            person(5, "5678", "cy@x.com", Role::Employee, &["AZ-900"]),
        ];
        let buffer = people.as_ptr();
        let emails: Vec<*const u8> = people.iter().map(|p| p.email.as_ptr()).collect();
        let out = dedup(people, "e.csv", 4);
        // The same allocation: no second list of every row.
        assert_eq!(out.employees.as_ptr(), buffer);
        let lines: Vec<u64> = out.employees.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![2, 3, 5]);
        // Unique rows keep their strings (not cloned); the row after the dropped one slid down.
        assert_eq!(out.employees[1].email.as_ptr(), emails[1]);
        assert_eq!(out.employees[2].email.as_ptr(), emails[3]);
        assert_eq!(out.employees[0].email.as_ptr(), emails[0], "merged into the first row in place");
        assert_eq!(out.employees[0].role, Role::Admin);
    }

    #[test]
    fn a_duplicate_group_is_merged_as_before() {
        let first = person(2, "1234", "ann@x.com", Role::Employee, &["AZ-900"]);
        let mut conflict = person(4, "1234", "Ann@x.com", Role::Employee, &["AZ-104"]);
        conflict.job_title = "Dev".into();
        let mut later = person(6, "1234", "ann@x.com", Role::Admin, &["AZ-900"]);
        (later.first_name, later.job_title) = (Default::default(), "Lead".into());
        let people = vec![
            first.clone(),
            person(3, "5678", "bo@x.com", Role::Admin, &[]),
            conflict.clone(),
            Employee { line: 5, ..conflict.clone() },
            later,
            Employee { line: 7, ..first.clone() },
        ];
        let out = dedup(people.clone(), "e.csv", 4);
        assert_eq!((out.employees.clone(), out.findings.clone()), reference::dedup(people, "e.csv", 4));
        let ann = &out.employees[0];
        assert_eq!((ann.line, ann.role, ann.first_name.as_str()), (2, Role::Admin, "Ann"));
        assert_eq!((ann.email.as_str(), ann.job_title.as_str()), ("ann@x.com", "Dev"));
        assert_eq!(ann.exams, vec!["AZ-900", "AZ-104"]);
        let got: Vec<_> = out.findings.iter().map(|f| (f.rule, f.line, f.message.as_str())).collect();
        assert_eq!(got[0].0, Rule::ConflictingDuplicate);
        // The email differs in letter case only, which is no difference.
        assert!(got[0].2.contains("line 2 but differs in job_title and exams;"), "{}", got[0].2);
        // An exact repeat names the earliest identical row, which may be a later one.
        assert_eq!((got[1].0, got[1].1), (Rule::ExactDuplicate, 5));
        assert!(got[1].2.contains("repeats line 4 exactly"), "{}", got[1].2);
        assert!(got[2].2.contains("line 2 but differs in first_name, role and job_title;"), "{}", got[2].2);
        assert!(got[3].2.contains("repeats line 2 exactly"), "{}", got[3].2);
        assert_eq!(got.len(), 4);
    }

    #[test]
    fn empty_input() {
        assert!(dedup(Vec::new(), "e.csv", 4).employees.is_empty());
    }
}
