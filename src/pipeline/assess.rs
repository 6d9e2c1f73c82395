//! `status`, after cutover: who signed in, who must be removed and added
//! again (R7), Partner University (R8b), exams and certifications (R8c), and
//! when competency progress shows (R9: 24 hours after association).

use crate::core::finding::{Finding, Rule, quote};
use crate::core::ids::{MpnId, Username};
use crate::core::ledger::Ledger;
use crate::core::model::Lang;
use crate::pipeline::status_export::TeamStatus;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// R9: competency progress shows this long after an association.
pub(crate) const COMPETENCY_DELAY_HOURS: i64 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum SignIn {
    /// Signed in at least once.
    SignedIn,
    /// Not yet, the temporary password is still good for more than the warning window.
    Waiting,
    /// Not yet, and the temporary password expires within the warning window.
    ExpiresSoon,
    /// Not yet, and the temporary password has expired: remove and add again (R7).
    MustReissue,
    /// Not in the status export.
    Unknown,
}

/// Accounts by sign-in state. [`assess`] counts each account once, into its
/// organisation's counts; the report's are their sum ([`StatusReport::sign_in`]).
/// status.json, status.html and the terminal summary all show these.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct SignInCounts {
    pub signed_in: usize,
    pub waiting: usize,
    pub expires_soon: usize,
    pub must_reissue: usize,
    pub unknown: usize,
}

impl SignInCounts {
    pub(crate) fn add(&mut self, state: SignIn) {
        match state {
            SignIn::SignedIn => self.signed_in += 1,
            SignIn::Waiting => self.waiting += 1,
            SignIn::ExpiresSoon => self.expires_soon += 1,
            SignIn::MustReissue => self.must_reissue += 1,
            SignIn::Unknown => self.unknown += 1,
        }
    }

    /// Accounts someone must act on before the password lapses (or already should have).
    pub(crate) fn needs_action(&self) -> usize {
        self.expires_soon + self.must_reissue
    }
}

impl std::iter::Sum for SignInCounts {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Self::default(), |a, b| SignInCounts {
            signed_in: a.signed_in + b.signed_in,
            waiting: a.waiting + b.waiting,
            expires_soon: a.expires_soon + b.expires_soon,
            must_reissue: a.must_reissue + b.must_reissue,
            unknown: a.unknown + b.unknown,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct EmployeeStatus {
    pub email: String,
    pub username: Username,
    pub password_expires: NaiveDate,
    pub sign_in: SignIn,
    /// Days left on the temporary password (negative once expired).
    pub days_left: i64,
    pub pu_connected: Option<bool>,
    pub associated_at: Option<NaiveDateTime>,
    /// associated_at + 24 h.
    pub competency_visible_at: Option<NaiveDateTime>,
    pub competency_visible: bool,
    /// What the next apply with this status file will do.
    pub next_action: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct OrgStatus {
    pub mpn_id: MpnId,
    pub employees: Vec<EmployeeStatus>,
    /// Flattened: status.json keeps its `signed_in`, `waiting`, ... per organisation.
    #[serde(flatten)]
    pub sign_in: SignInCounts,
}

impl OrgStatus {
    pub(crate) fn new(mpn_id: MpnId) -> Self {
        OrgStatus { mpn_id, employees: Vec::new(), sign_in: SignInCounts::default() }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatusReport {
    pub as_of: NaiveDateTime,
    pub warn_days: i64,
    pub organizations: Vec<OrgStatus>,
    pub needs_action: usize,
    pub findings: Vec<Finding>,
    /// The language of the status page: the plan's `--lang`.
    pub lang: Lang,
    /// How each organisation's sign-on mail went out, once `send` has run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub delivery: Vec<Delivery>,
}

/// One organisation's sign-on mail by `send`'s log: accepted, refused for
/// good, and not sent yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Delivery {
    pub mpn_id: String,
    pub sent: usize,
    pub failed: usize,
    pub left: usize,
}

impl StatusReport {
    /// Every organisation's sign-in counts together.
    pub(crate) fn sign_in(&self) -> SignInCounts {
        self.organizations.iter().map(|o| o.sign_in).sum()
    }

    /// `status` exits 1 (design §6): someone needs action within the warning
    /// window, an issued account is missing from the export, or the export
    /// has errors (a cron job must not read a broken export as "all fine").
    pub(crate) fn needs_attention(&self) -> bool {
        self.needs_action > 0
            || self.sign_in().unknown > 0
            || self.findings.iter().any(|f| f.severity == crate::core::finding::Severity::Error)
    }

    /// Everyone in `state`, by organisation (MPN ID) then username: the
    /// order `status` names them in on stdout.
    pub(crate) fn in_state(&self, state: SignIn) -> Vec<(&OrgStatus, &EmployeeStatus)> {
        let mut people: Vec<_> = self
            .organizations
            .iter()
            .flat_map(|o| o.employees.iter().filter(move |e| e.sign_in == state).map(move |e| (o, e)))
            .collect();
        people.sort_by(|(a, x), (b, y)| (&a.mpn_id, x.username.as_str()).cmp(&(&b.mpn_id, y.username.as_str())));
        people
    }
}

/// The groups `status` names on stdout, most urgent first.
pub(crate) const LISTED: [SignIn; 3] = [SignIn::MustReissue, SignIn::ExpiresSoon, SignIn::Waiting];

/// Join the ledger with the status exports at `as_of`.
pub(crate) fn assess(ledger: &Ledger, status: &TeamStatus, as_of: NaiveDateTime, warn_days: i64) -> StatusReport {
    let mut findings = status.findings.clone();
    let mut orgs: BTreeMap<MpnId, OrgStatus> = BTreeMap::new();
    let mut known: HashSet<String> = HashSet::new();
    let tenants = tenants(status);
    let today = as_of.date();
    for a in ledger.accounts.values() {
        known.insert(a.username.to_ascii_lowercase());
        let row = status.get(&a.username);
        let days_left = (a.password_expires - today).num_days();
        let sign_in = match row {
            None => SignIn::Unknown,
            Some(r) if r.signed_in => SignIn::SignedIn,
            Some(_) if today > a.password_expires => SignIn::MustReissue,
            Some(_) if days_left <= warn_days => SignIn::ExpiresSoon,
            Some(_) => SignIn::Waiting,
        };
        let associated_at = row.and_then(|r| r.associated_at);
        let visible_at = associated_at.map(|t| t + Duration::hours(COMPETENCY_DELAY_HOURS));
        let org = orgs.entry(a.mpn_id.clone()).or_insert_with(|| OrgStatus::new(a.mpn_id.clone()));
        org.sign_in.add(sign_in);
        org.employees.push(EmployeeStatus {
            email: a.email.clone(),
            username: a.username.clone(),
            password_expires: a.password_expires,
            sign_in,
            days_left,
            pu_connected: row.and_then(|r| r.pu_connected),
            associated_at,
            competency_visible_at: visible_at,
            competency_visible: visible_at.is_some_and(|t| as_of >= t),
            next_action: if sign_in == SignIn::MustReissue { "reissue" } else { "keep" },
        });
        if row.is_none() {
            findings.extend(missing(status, &tenants, &a.username, &a.mpn_id));
        }
    }
    let mut rows: Vec<_> = status.rows.values().collect();
    rows.sort_by_key(|r| r.line);
    for r in rows {
        if !known.contains(&r.username.to_ascii_lowercase()) {
            findings.push(Finding::new(
                &r.file,
                r.line,
                1,
                Rule::UnknownAccount,
                format!("{} is not an account any apply into this folder issued", quote(&r.username)),
            ));
        }
    }
    crate::core::finding::sort_findings(&mut findings);
    let organizations: Vec<OrgStatus> = orgs.into_values().collect();
    let needs_action = organizations.iter().map(|o| o.sign_in).sum::<SignInCounts>().needs_action();
    StatusReport { as_of, warn_days, organizations, needs_action, findings, lang: Lang::En, delivery: Vec::new() }
}

/// Each tenant (lower-cased domain) some export has a row of, with the
/// first export given that has one.
fn tenants(status: &TeamStatus) -> HashMap<String, &str> {
    let rank = |file: &str| status.files.iter().position(|f| &**f == file);
    let mut out: HashMap<String, &str> = HashMap::new();
    for r in status.rows.values() {
        let domain = r.username.rsplit_once('@').map_or("", |(_, d)| d).to_ascii_lowercase();
        let file = out.entry(domain).or_insert(&r.file);
        if rank(&r.file) < rank(file) {
            *file = &r.file;
        }
    }
    out
}

/// The `missing-status` finding of an issued account no export has a row
/// for: on the export that holds its tenant, else on the first one, saying
/// which tenant's export seems left out. None when an export is unusable and
/// no other holds its tenant: that export's error stands for the account.
fn missing(
    status: &TeamStatus,
    tenants: &HashMap<String, &str>,
    username: &Username,
    mpn_id: &MpnId,
) -> Option<Finding> {
    let who = format!("account {} (MPN ID {mpn_id})", quote(username));
    let tenant = username.domain().to_ascii_lowercase();
    let another = format!("its tenant {}: give that tenant's export with another --status", quote(&tenant));
    let (file, message) = match (status.files.as_slice(), tenants.get(&tenant)) {
        ([one], Some(_)) => (&**one, format!("{who} is not in the status export")),
        ([one], None) if !status.unusable => {
            (&**one, format!("{who} is not in the status export, which has no account of {another}"))
        }
        ([_, _, ..], Some(file)) => {
            (*file, format!("{who} is not in the status export of its tenant {}", quote(&tenant)))
        }
        ([first, ..], None) if !status.unusable => {
            let n = status.files.len();
            (&**first, format!("{who} is in none of the {n} status exports, and none has an account of {another}"))
        }
        _ => return None,
    };
    Some(Finding::new(file, 1, 1, Rule::MissingStatus, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::LedgerAccount;
    use crate::pipeline::status_export::StatusRow;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn setup(signed_in: bool, associated: Option<&str>) -> (Ledger, TeamStatus) {
        let mut ledger = Ledger::default();
        ledger.accounts.insert(
            ("1234".into(), "a@x.com".into()),
            LedgerAccount {
                mpn_id: "1234".into(),
                email_key: "a@x.com".into(),
                email: "a@x.com".into(),
                username: "a@x.onmicrosoft.com".into(),
                issued: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                password_expires: NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(),
                run: 1,
                credentials_file: "credentials/1234.csv".into(),
            },
        );
        let mut status = TeamStatus::default();
        status.rows.insert(
            "a@x.onmicrosoft.com".into(),
            StatusRow {
                file: "s.csv".into(),
                line: 2,
                username: "a@x.onmicrosoft.com".into(),
                signed_in,
                pu_connected: Some(true),
                associated_at: associated.map(dt),
            },
        );
        (ledger, status)
    }

    fn one(r: &StatusReport) -> &EmployeeStatus {
        &r.organizations[0].employees[0]
    }

    #[test]
    fn sign_in_states_by_date() {
        let (l, s) = setup(false, None);
        assert_eq!(one(&assess(&l, &s, dt("2027-01-01 00:00"), 7)).sign_in, SignIn::Waiting);
        assert_eq!(one(&assess(&l, &s, dt("2027-02-22 00:00"), 7)).sign_in, SignIn::ExpiresSoon);
        assert_eq!(one(&assess(&l, &s, dt("2027-03-01 00:00"), 7)).sign_in, SignIn::ExpiresSoon);
        let r = assess(&l, &s, dt("2027-03-02 00:00"), 7);
        assert_eq!(one(&r).sign_in, SignIn::MustReissue);
        assert_eq!(one(&r).next_action, "reissue");
        assert_eq!(r.needs_action, 1);
        let (l, s) = setup(true, None);
        assert_eq!(one(&assess(&l, &s, dt("2027-06-01 00:00"), 7)).sign_in, SignIn::SignedIn);
    }

    #[test]
    fn competency_shows_exactly_24_hours_after_association() {
        let (l, s) = setup(true, Some("2026-12-03 10:00"));
        assert!(!one(&assess(&l, &s, dt("2026-12-04 09:59"), 7)).competency_visible);
        let r = assess(&l, &s, dt("2026-12-04 10:00"), 7);
        assert!(one(&r).competency_visible);
        assert_eq!(one(&r).competency_visible_at, Some(dt("2026-12-04 10:00")));
    }

    #[test]
    fn with_several_exports_a_missing_account_is_reported_on_its_tenants_export() {
        let (mut l, _) = setup(true, None);
        let mut b = l.accounts.values().next().unwrap().clone();
        (b.email_key, b.username) = ("b@y.com".into(), "b@y.onmicrosoft.com".into());
        l.accounts.insert(("1234".into(), "b@y.com".into()), b.clone());
        (b.email_key, b.username) = ("c@z.com".into(), "c@z.onmicrosoft.com".into());
        l.accounts.insert(("1234".into(), "c@z.com".into()), b);
        let mut s = TeamStatus { files: vec!["x.csv".into(), "y.csv".into()], ..Default::default() };
        for (file, user) in [("x.csv", "a@x.onmicrosoft.com"), ("y.csv", "other@y.onmicrosoft.com")] {
            let row = StatusRow {
                file: file.into(),
                line: 2,
                username: user.into(),
                signed_in: true,
                pu_connected: None,
                associated_at: None,
            };
            s.rows.insert(user.into(), row);
        }
        let r = assess(&l, &s, dt("2027-01-01 00:00"), 7);
        let missing: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.rule == Rule::MissingStatus)
            .map(|f| (f.file.as_str(), f.message.contains("b@y"), f.message.contains("none of the 2")))
            .collect();
        assert_eq!(missing, [("x.csv", false, true), ("y.csv", true, false)]);
        assert_eq!(r.sign_in().signed_in, 1);
        // An unusable export may hold the tenant no other export has: no finding for it.
        s.unusable = true;
        let r = assess(&l, &s, dt("2027-01-01 00:00"), 7);
        assert_eq!(r.findings.iter().filter(|f| f.rule == Rule::MissingStatus).count(), 1);
    }
}
