//! Stage 3, **dedup**: one person per organisation and email (trimmed, NFC,
//! case-folded). Grouping is columnar work, done by polars; the merge policy
//! and the findings, which need exact lines, are per group.

use crate::finding::{Finding, Rule, quote};
use crate::model::{Employee, Role};
use polars::prelude::*;

#[derive(Debug, Default)]
pub struct Deduped {
    /// One entry per person per organisation, ordered by first input line.
    pub employees: Vec<Employee>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, thiserror::Error)]
#[error("grouping employees failed: {0}")]
pub struct DedupError(#[from] PolarsError);

/// Row-index groups of equal keys, each ascending, ordered by first row.
fn groups_by(columns: Vec<Column>, keys: &[&str], height: usize) -> Result<Vec<Vec<u32>>, DedupError> {
    if height == 0 {
        return Ok(Vec::new());
    }
    let df = DataFrame::new(height, columns)?;
    let grouped = df.group_by(keys.iter().copied())?;
    let mut out: Vec<Vec<u32>> = match grouped.get_groups().as_ref() {
        GroupsType::Idx(idx) => idx
            .iter()
            .filter(|(_, all)| all.len() > 1)
            .map(|(_, all)| {
                let mut v = all.as_slice().to_vec();
                v.sort_unstable();
                v
            })
            .collect(),
        GroupsType::Slice { groups, .. } => {
            groups.iter().filter(|[_, len]| *len > 1).map(|[first, len]| (*first..first + len).collect()).collect()
        }
    };
    out.sort_unstable_by_key(|g| g[0]);
    Ok(out)
}

pub fn dedup(people: Vec<Employee>, file: &str, email_col: u32) -> Result<Deduped, DedupError> {
    let n = people.len();
    let mpn = Column::new("mpn_id".into(), people.iter().map(|p| p.mpn_id.as_str()).collect::<Vec<_>>());
    let key = Column::new("email_key".into(), people.iter().map(|p| p.email_key.as_str()).collect::<Vec<_>>());
    let groups = groups_by(vec![mpn, key], &["mpn_id", "email_key"], n)?;

    let mut findings = Vec::new();
    let mut drop = vec![false; n];
    let mut merged: Vec<(usize, Employee)> = Vec::new();
    for group in &groups {
        let first = group[0] as usize;
        let mut person = people[first].clone();
        for (k, &j) in group.iter().enumerate().skip(1) {
            let row = &people[j as usize];
            drop[j as usize] = true;
            let exact = group[..k].iter().find(|&&i| same_data(&people[i as usize], row));
            if let Some(&i) = exact {
                findings.push(Finding::new(
                    file,
                    row.line,
                    email_col,
                    Rule::ExactDuplicate,
                    format!("{} repeats line {} exactly; row dropped", quote(&row.email), people[i as usize].line),
                ));
                continue;
            }
            let differing = differing_fields(&people[first], row);
            findings.push(Finding::new(
                file,
                row.line,
                email_col,
                Rule::ConflictingDuplicate,
                format!(
                    "{} is the same person as line {} but {} differ; merged (exams and certifications united, admin if any row says admin, first non-empty value otherwise)",
                    quote(&row.email),
                    person.line,
                    differing.join(", ")
                ),
            ));
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
    findings.extend(cross_org(&employees, file, email_col)?);
    Ok(Deduped { employees, findings })
}

/// `cross-org-employee`: the same email in several organisations gets one
/// account in each tenant; said once per later organisation.
fn cross_org(employees: &[Employee], file: &str, email_col: u32) -> Result<Vec<Finding>, DedupError> {
    let key = Column::new("email_key".into(), employees.iter().map(|p| p.email_key.as_str()).collect::<Vec<_>>());
    let groups = groups_by(vec![key], &["email_key"], employees.len())?;
    let mut findings = Vec::new();
    for group in groups {
        let first = &employees[group[0] as usize];
        for &j in &group[1..] {
            let p = &employees[j as usize];
            findings.push(Finding::new(
                file,
                p.line,
                email_col,
                Rule::CrossOrgEmployee,
                format!(
                    "{} is also in organisation {} (line {}): one account in each tenant",
                    quote(&p.email),
                    quote(&first.mpn_id),
                    first.line
                ),
            ));
        }
    }
    Ok(findings)
}

fn same_data(a: &Employee, b: &Employee) -> bool {
    Employee { line: b.line, ..a.clone() } == *b
}

fn differing_fields(a: &Employee, b: &Employee) -> Vec<&'static str> {
    let mut out = Vec::new();
    // mpn_id and the email key are equal within a group by construction.
    let pairs: [(&str, bool); 9] = [
        ("first_name", a.first_name != b.first_name),
        ("last_name", a.last_name != b.last_name),
        ("email", a.email != b.email),
        ("role", a.role != b.role),
        ("job_title", a.job_title != b.job_title),
        ("partner_university_id", a.partner_university_id != b.partner_university_id),
        ("exams", a.exams != b.exams),
        ("certifications", a.certifications != b.certifications),
        ("language", a.language != b.language),
    ];
    for (name, differs) in pairs {
        if differs {
            out.push(name);
        }
    }
    out
}

/// The merge policy of SPEC §4.
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
    use crate::model::Lang;
    use crate::validate::values::email_key;

    fn person(line: u64, mpn: &str, email: &str, role: Role, exams: &[&str]) -> Employee {
        Employee {
            line,
            mpn_id: mpn.into(),
            first_name: "Ann".into(),
            last_name: Default::default(),
            email: email.into(),
            email_key: email_key(email),
            role,
            job_title: Default::default(),
            partner_university_id: Default::default(),
            exams: exams.iter().map(|&s| s.into()).collect(),
            certifications: vec![],
            language: None,
        }
    }

    #[test]
    fn exact_duplicates_drop_and_conflicts_merge() {
        let people = vec![
            person(2, "1234", "ann@x.com", Role::Employee, &["AZ-900"]),
            person(3, "1234", "ann@x.com", Role::Employee, &["AZ-900"]),
            person(4, "1234", "ANN@x.com", Role::Admin, &["AZ-104"]),
            person(5, "5678", "ann@x.com", Role::Employee, &[]),
        ];
        let out = dedup(people, "e.csv", 4).unwrap();
        assert_eq!(out.employees.len(), 2);
        let ann = &out.employees[0];
        assert_eq!((ann.line, ann.role), (2, Role::Admin));
        assert_eq!(ann.exams, vec!["AZ-900", "AZ-104"]);
        let got: Vec<_> = out.findings.iter().map(|f| (f.rule, f.line)).collect();
        assert_eq!(got, vec![(Rule::ExactDuplicate, 3), (Rule::ConflictingDuplicate, 4), (Rule::CrossOrgEmployee, 5)]);
    }

    #[test]
    fn a_language_on_one_row_of_a_person_is_kept_and_a_difference_named() {
        let mut a = person(2, "1234", "ann@x.com", Role::Employee, &[]);
        let mut b = person(3, "1234", "ann@x.com", Role::Employee, &[]);
        let c = person(4, "1234", "ann@x.com", Role::Employee, &[]);
        (a.language, b.language) = (None, Some(Lang::ZhTw));
        let out = dedup(vec![a.clone(), b, c], "e.csv", 4).unwrap();
        assert_eq!(out.employees[0].language, Some(Lang::ZhTw));
        let f = &out.findings[0];
        assert_eq!((f.rule, f.line), (Rule::ConflictingDuplicate, 3));
        assert!(f.message.contains("language"), "{}", f.message);
        // The first non-empty value wins, as for every other field.
        a.language = Some(Lang::En);
        let mut b = person(3, "1234", "ann@x.com", Role::Employee, &[]);
        b.language = Some(Lang::ZhTw);
        assert_eq!(dedup(vec![a, b], "e.csv", 4).unwrap().employees[0].language, Some(Lang::En));
    }

    #[test]
    fn dedup_is_idempotent() {
        let people = vec![
            person(2, "1234", "a@x.com", Role::Employee, &["AZ-900"]),
            person(3, "1234", "A@x.com", Role::Admin, &[]),
        ];
        let once = dedup(people, "e.csv", 4).unwrap().employees;
        let twice = dedup(once.clone(), "e.csv", 4).unwrap().employees;
        assert_eq!(once, twice);
    }

    #[test]
    fn empty_input() {
        assert!(dedup(Vec::new(), "e.csv", 4).unwrap().employees.is_empty());
    }
}
