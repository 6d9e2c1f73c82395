//! Each employee's account plan (R6, R7, R8) and unique usernames per tenant.

use super::username;
use crate::core::finding::{Finding, Rule, quote};
use crate::core::ids::Username;
use crate::core::model::{Employee, Lang, Role, Task, Text};
use crate::core::options::{Creation, Options};
use chrono::{Days, NaiveDate};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// R7: a temporary password is good for 90 days.
pub(crate) const PASSWORD_DAYS: u64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Keep,
    Reissue,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Keep => "keep",
            Action::Reissue => "reissue",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountPlan {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub creation: Creation,
    pub username: Username,
    pub password_expires: NaiveDate,
    pub tasks: Vec<Task>,
    pub action: Action,
    /// The language of this person's sign-on email: their `language` cell,
    /// else `--lang`. Written only when not English, so English-only plans
    /// keep their bytes.
    #[serde(skip_serializing_if = "Lang::is_en")]
    pub language: Lang,
    #[serde(skip)]
    pub email_key: String,
    #[serde(skip)]
    pub line: u64,
    #[serde(skip)]
    pub first_name: Text,
    #[serde(skip)]
    pub last_name: Text,
    #[serde(skip)]
    pub job_title: Text,
    #[serde(skip)]
    pub exams: Vec<Text>,
    #[serde(skip)]
    pub certifications: Vec<Text>,
}

/// R8's steps for `e`, in the order people do them.
pub(crate) fn tasks_for(e: &Employee) -> Vec<Task> {
    let mut tasks = vec![Task::GetSignInInfo];
    if !e.partner_university_id.is_empty() {
        tasks.push(Task::ConnectPartnerUniversity);
    }
    if !e.exams.is_empty() || !e.certifications.is_empty() {
        tasks.push(Task::AssociateExamsCertifications);
    }
    tasks.push(Task::SetUpPasswordReset);
    tasks
}

/// The account of `e` (consumed: its strings move into the plan, no copies);
/// `lang` is the run's `--lang`, which the person's own language overrides.
pub(crate) fn account_plan(e: Employee, opts: &Options, username: Username) -> AccountPlan {
    let (creation, as_of, lang) = (opts.creation, opts.as_of, opts.lang);
    let display_name = e.display_name(opts.name_order);
    let tasks = tasks_for(&e);
    let email_key = e.key.map_or_else(|| e.email.clone(), String::from);
    AccountPlan {
        email: e.email,
        display_name,
        role: e.role,
        creation,
        username,
        password_expires: as_of.checked_add_days(Days::new(PASSWORD_DAYS)).expect("date in range"),
        tasks,
        action: Action::Create,
        language: e.language.unwrap_or(lang),
        email_key,
        line: e.line,
        first_name: e.first_name,
        last_name: e.last_name,
        job_title: e.job_title,
        exams: e.exams,
        certifications: e.certifications,
    }
}

/// A person to name inside one tenant.
pub struct Candidate<'a> {
    pub line: u64,
    pub email: &'a str,
    pub first: &'a str,
    pub last: &'a str,
}

/// Usernames (local part only) for everyone in one tenant, in the order given.
/// The earliest input line keeps each natural name; later ones get `2`, `3`, …
/// skipping any name someone else holds. `reserved` names (e.g. from the
/// ledger) are never handed out.
pub fn assign_usernames(
    people: &[Candidate<'_>],
    domain: &str,
    reserved: &HashSet<String>,
    file: &str,
    email_col: u32,
    findings: &mut Vec<Finding>,
) -> Vec<String> {
    let bases: Vec<String> = people.iter().map(|p| username::base_name(p.email, p.first, p.last)).collect();
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by_key(|&i| people[i].line);
    // Names held borrow from `bases` and `reserved`; only a suffixed name is a
    // new string. (hashbrown's hasher: std's SipHash was a tenth of a plan's CPU.)
    let mut taken: hashbrown::HashSet<Cow<'_, str>> = hashbrown::HashSet::with_capacity(reserved.len() + people.len());
    taken.extend(reserved.iter().map(|s| Cow::Borrowed(s.as_str())));
    let mut owner: hashbrown::HashMap<&str, u64> = hashbrown::HashMap::with_capacity(people.len());
    let mut natural = vec![false; people.len()];
    // First pass: each natural name goes to its earliest line.
    for &i in &order {
        if taken.insert(Cow::Borrowed(&bases[i])) {
            owner.insert(&bases[i], people[i].line);
            natural[i] = true;
        }
    }
    // Second pass: the rest get the first free numeric suffix.
    let mut suffixed: Vec<Option<String>> = vec![None; people.len()];
    for &i in &order {
        if natural[i] {
            continue;
        }
        let mut n = 2u32;
        let name = loop {
            let candidate = username::fit(&bases[i], &n.to_string());
            if !taken.contains(candidate.as_str()) {
                break candidate;
            }
            n += 1;
        };
        let held_by = owner
            .get(bases[i].as_str())
            .map_or_else(|| "an existing account".to_string(), |line| format!("line {line}"));
        findings.push(Finding::new(
            file,
            people[i].line,
            email_col,
            Rule::UsernameCollision,
            format!(
                "username {} is held by {held_by}; {} gets {}",
                quote(&format!("{}@{domain}", bases[i])),
                quote(people[i].email),
                quote(&format!("{name}@{domain}"))
            ),
        ));
        taken.insert(Cow::Owned(name.clone()));
        suffixed[i] = Some(name);
    }
    drop((taken, owner));
    bases.into_iter().zip(suffixed).map(|(base, suffixed)| suffixed.unwrap_or(base)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(line: u64, email: &'static str) -> Candidate<'static> {
        Candidate { line, email, first: "", last: "" }
    }

    #[test]
    fn earliest_line_keeps_the_name_later_get_suffixes() {
        let people = [cand(9, "ann@x.com"), cand(2, "ann+a@x.com"), cand(5, "Ann@y.com"), cand(3, "ann2@x.com")];
        let mut findings = Vec::new();
        let names = assign_usernames(&people, "x.com", &HashSet::new(), "e.csv", 4, &mut findings);
        assert_eq!(names, vec!["ann4", "ann", "ann3", "ann2"]);
        let lines: Vec<u64> = findings.iter().map(|f| f.line).collect();
        assert_eq!(lines, vec![5, 9]);
        assert!(findings.iter().all(|f| f.rule == Rule::UsernameCollision));
    }

    #[test]
    fn reserved_names_keep_their_owner() {
        let reserved: HashSet<String> = ["ann".to_string()].into();
        let mut findings = Vec::new();
        let names = assign_usernames(&[cand(2, "ann@x.com")], "x.com", &reserved, "e.csv", 4, &mut findings);
        assert_eq!(names, vec!["ann2"]);
        assert!(findings[0].message.contains("existing account"));
    }

    #[test]
    fn tasks_follow_r8() {
        let mut e = Employee {
            line: 2,
            mpn_id: "1234".into(),
            first_name: "A".into(),
            last_name: Default::default(),
            email: "a@x.com".into(),
            key: None,
            role: Role::Employee,
            job_title: Default::default(),
            partner_university_id: Default::default(),
            exams: vec![],
            certifications: vec![],
            language: None,
        };
        assert_eq!(tasks_for(&e), vec![Task::GetSignInInfo, Task::SetUpPasswordReset]);
        e.partner_university_id = "PU1".into();
        e.certifications = vec!["MCSA".into()];
        assert_eq!(
            tasks_for(&e),
            vec![
                Task::GetSignInInfo,
                Task::ConnectPartnerUniversity,
                Task::AssociateExamsCertifications,
                Task::SetUpPasswordReset
            ]
        );
    }

    #[test]
    fn password_expires_90_days_after_cutover() {
        let e = Employee {
            line: 2,
            mpn_id: "1234".into(),
            first_name: "A".into(),
            last_name: "B".into(),
            email: "a@x.com".into(),
            key: None,
            role: Role::Admin,
            job_title: Default::default(),
            partner_university_id: Default::default(),
            exams: vec![],
            certifications: vec![],
            language: None,
        };
        let as_of = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let opts = Options::new("m.csv".into(), "e.csv".into(), as_of);
        let p = account_plan(e.clone(), &opts, "a@x.com".into());
        assert_eq!(p.password_expires, NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
        assert_eq!(p.display_name, "A B");
        assert_eq!(p.creation, Creation::Bulk);
        // The display name follows --name-order; the parts stay as given.
        let chinese = Employee { first_name: "宗翰".into(), last_name: "李".into(), ..e };
        let p = account_plan(chinese.clone(), &opts, "a@x.com".into());
        assert_eq!((p.display_name.as_str(), p.first_name.as_str(), p.last_name.as_str()), ("李宗翰", "宗翰", "李"));
        let western = Options { name_order: crate::core::names::NameOrder::Western, ..opts };
        assert_eq!(account_plan(chinese, &western, "a@x.com".into()).display_name, "宗翰 李");
    }
}
