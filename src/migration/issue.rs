//! The pure half of `apply`: who gets a new temporary password, which
//! credentials file holds it, the ledger that records it, and the summary of
//! the run. Writing the files is [`crate::core::transaction`]'s job.

use crate::core::applied::{Applied, OrgApplied};
use crate::core::ids::{CredentialsFile, MpnId};
use crate::core::ledger::{Enrolment, Ledger, LedgerAccount};
use crate::core::options::Creation;
use crate::files::credentials::{Issued, password};
use crate::files::ledger_csv as ledger;
use crate::pipeline::Checked;
use crate::pipeline::plan::OrgPlan;
use crate::pipeline::plan::accounts::{AccountPlan, Action};
use rayon::prelude::*;
use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error(
        "{0} already exists and was not written by this ledger; move it away before applying (credential files are never overwritten)"
    )]
    WouldOverwrite(PathBuf),
    #[error(transparent)]
    Rng(#[from] password::RngError),
    #[error(
        "the earlier runs in this folder created accounts {earlier}, and this run asks for {now} creation; \
         nothing was written. Run again with --creation {earlier_flag}, or use a new --out folder for the \
         organisations to create {now}ly",
        earlier = if *.earlier == Creation::Bulk { "in bulk" } else { "individually" },
        now = .now.as_str(),
        earlier_flag = .earlier.as_str()
    )]
    CreationChanged { earlier: Creation, now: Creation },
}

impl IssueError {
    /// Refused, not broken: the folder and its ledger are fine as they are.
    pub fn is_refusal(&self) -> bool {
        matches!(self, IssueError::CreationChanged { .. })
    }
}

/// Every run of a folder creates accounts the same way: the ledger's earlier
/// runs fix it (a bulk run's people got no sign-on email to resend).
pub(crate) fn same_creation(ledger: &Ledger, now: Creation) -> Result<(), IssueError> {
    match ledger.creation() {
        Some(earlier) if earlier != now => Err(IssueError::CreationChanged { earlier, now }),
        _ => Ok(()),
    }
}

/// What run `run` issues, decided before any password is drawn: the
/// earlier ledger and the plan say it all, so the next ledger is written
/// from them ([`Issue::write_ledger`]) and never built whole.
pub(crate) struct Issue<'a> {
    pub run: u32,
    /// Per planned organisation (in plan order), the credentials file of its
    /// creates and reissues; `None` when it has neither.
    pub files: Vec<Option<CredentialsFile>>,
    checked: &'a Checked,
    before: &'a Ledger,
}

impl Issue<'_> {
    /// Whether this run gives anyone a password.
    pub(crate) fn is_empty(&self) -> bool {
        self.files.iter().all(Option::is_none)
    }

    /// Whether the ledger stays as it was: nobody issued, every organisation enrolled before.
    pub(crate) fn keeps_ledger(&self) -> bool {
        self.is_empty()
            && self.checked.plan.organizations.iter().all(|o| self.before.enrolments.contains_key(&o.mpn_id))
    }

    /// The ledger that records this run: the earlier one, with the first
    /// enrolment of each new organisation and this run's accounts (a reissue
    /// replacing its earlier line), merged in the ledger's order.
    pub(crate) fn write_ledger(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        let mut enrolments = self.before.enrolments.clone();
        for org in &self.checked.plan.organizations {
            let creation = Some(self.checked.plan.creation);
            let e = Enrolment { pc_start: org.pc_start, pc_end: org.pc_end, run: self.run, creation };
            enrolments.entry(org.mpn_id.clone()).or_insert(e);
        }
        let mut fresh: Vec<(&OrgPlan, &AccountPlan, &CredentialsFile)> = (self.checked.plan.organizations.iter())
            .zip(&self.files)
            .filter_map(|(org, file)| Some((org, file.as_ref()?)))
            .flat_map(|(org, file)| fresh(org).map(move |a| (org, a, file)))
            .collect();
        fresh.par_sort_unstable_by(|x, y| (&x.0.mpn_id, &x.1.email_key).cmp(&(&y.0.mpn_id, &y.1.email_key)));
        let as_of = self.checked.plan.as_of;
        let run = self.run;
        let new = fresh.iter().map(|(org, a, file)| LedgerAccount {
            mpn_id: org.mpn_id.clone(),
            email_key: a.email_key.clone(),
            email: a.email.clone(),
            username: a.username.clone(),
            issued: as_of,
            password_expires: a.password_expires,
            run,
            credentials_file: (*file).clone(),
        });
        ledger::write_rows(&enrolments, merge(self.before.accounts.values(), new), out)
    }
}

/// The accounts of `old` and `new` (each in the ledger's order) in that
/// order, a new account in place of an old one with its key.
fn merge<'a>(
    old: impl Iterator<Item = &'a LedgerAccount>,
    new: impl Iterator<Item = LedgerAccount>,
) -> impl Iterator<Item = Cow<'a, LedgerAccount>> {
    let (mut old, mut new) = (old.peekable(), new.peekable());
    std::iter::from_fn(move || match (old.peek(), new.peek()) {
        (Some(o), Some(n)) => match (&o.mpn_id, &o.email_key).cmp(&(&n.mpn_id, &n.email_key)) {
            Ordering::Less => old.next().map(Cow::Borrowed),
            Ordering::Equal => {
                old.next();
                new.next().map(Cow::Owned)
            }
            Ordering::Greater => new.next().map(Cow::Owned),
        },
        (Some(_), None) => old.next().map(Cow::Borrowed),
        (None, _) => new.next().map(Cow::Owned),
    })
}

/// Who gets a password in run `run` and in which file. The passwords
/// themselves are drawn by [`draw`], organisation by organisation, in the
/// pass that writes their files.
pub(crate) fn issue<'a>(
    checked: &'a Checked,
    ledger: &'a Ledger,
    run: u32,
    dir: &Path,
) -> Result<Issue<'a>, IssueError> {
    // A few file checks per organisation: tens of thousands of system calls, in parallel.
    let files = (checked.plan.organizations.par_iter())
        .map(|org| match fresh(org).next() {
            Some(_) => credentials_file_name(org, ledger, run, dir).map(Some),
            None => Ok(None),
        })
        .collect::<Result<_, _>>()?;
    Ok(Issue { run, files, checked, before: ledger })
}

/// `org`'s accounts that get a new password: creates and reissues, in plan order.
pub(crate) fn fresh(org: &OrgPlan) -> impl Iterator<Item = &AccountPlan> {
    org.accounts.iter().filter(|a| matches!(a.action, Action::Create | Action::Reissue))
}

/// A new password for each of `org`'s [`fresh`] accounts, beside its plan.
pub(crate) fn draw(org: &OrgPlan) -> Result<Vec<(Issued, &AccountPlan)>, password::RngError> {
    fresh(org)
        .map(|a| {
            let issued = Issued {
                mpn_id: org.mpn_id.clone(),
                username: a.username.clone(),
                display_name: a.display_name.clone(),
                email: a.email.clone(),
                password: password::generate_for(&a.username)?,
                password_expires: a.password_expires,
            };
            Ok((issued, a))
        })
        .collect()
}

/// `credentials/<mpn_id>.csv` the first time, `credentials/<mpn_id>.run<N>.csv`
/// after ([`super::staging::secret_name`]'s policy), its Entra file's name free too.
fn credentials_file_name(org: &OrgPlan, ledger: &Ledger, run: u32, dir: &Path) -> Result<CredentialsFile, IssueError> {
    let first = CredentialsFile { mpn_id: org.mpn_id.clone(), run: None };
    let later = CredentialsFile { mpn_id: org.mpn_id.clone(), run: Some(run) };
    let (first_name, later_name) = (first.to_string(), later.to_string());
    let first_allowed = !ledger.has_accounts_for(&org.mpn_id);
    let chosen = super::staging::secret_name(dir, Path::new(&first_name), Path::new(&later_name), first_allowed)?;
    let name = if chosen == Path::new(&first_name) { first } else { later };
    for entra in [name.entra(), format!("{}{}", name.entra(), crate::files::sealed::SUFFIX)] {
        if dir.join(&entra).exists() {
            return Err(IssueError::WouldOverwrite(dir.join(entra)));
        }
    }
    Ok(name)
}

/// What the run did: per organisation, created, kept, reissued, left, and
/// its credential files: those the ledger names, with this run's (`issue`,
/// `None` when nothing was issued) in place of the ones its reissues replace.
pub(crate) fn applied(
    checked: &Checked,
    ledger: &Ledger,
    issue: Option<&Issue<'_>>,
    run: u32,
    refused: bool,
) -> Applied {
    let mut out: BTreeMap<MpnId, OrgApplied> = BTreeMap::new();
    for org in &checked.plan.organizations {
        let e = out.entry(org.mpn_id.clone()).or_default();
        for a in &org.accounts {
            match a.action {
                Action::Create => e.created += 1,
                Action::Keep => e.kept += 1,
                Action::Reissue => e.reissued += 1,
            }
        }
    }
    for l in &checked.plan.left {
        out.entry(l.mpn_id.clone()).or_default().left += 1;
    }
    let this_run: HashMap<&MpnId, (&OrgPlan, &CredentialsFile)> = issue
        .map(|i| i.checked.plan.organizations.iter().zip(&i.files))
        .into_iter()
        .flatten()
        .filter_map(|(org, file)| Some((&org.mpn_id, (org, file.as_ref()?))))
        .collect();
    for (mpn_id, e) in out.iter_mut() {
        let issued = this_run.get(mpn_id);
        // Only an organisation with earlier accounts can have some replaced.
        let replaced: HashSet<&str> = match issued {
            Some((org, _)) if ledger.has_accounts_for(mpn_id) => fresh(org).map(|a| a.email_key.as_str()).collect(),
            _ => HashSet::new(),
        };
        let files = ledger.accounts_of(mpn_id).filter(|a| !replaced.contains(a.email_key.as_str()));
        for file in files.map(|a| &a.credentials_file).chain(issued.map(|(_, f)| *f)) {
            if !e.credential_files.contains(file) {
                e.credential_files.push(file.clone());
            }
        }
        e.credential_files.sort();
        if checked.plan.creation == Creation::Individual && !e.credential_files.is_empty() {
            e.outbox = Some(format!("outbox/{mpn_id}/"));
        }
    }
    Applied { run, refused, organizations: out }
}

/// Which credential files are on disk as age files, so the pages name each
/// file as it is and say how to open it.
pub(crate) fn mark_sealed(applied: &mut Applied, dir: &Path) {
    for org in applied.organizations.values_mut() {
        let sealed = |f: &&CredentialsFile| dir.join(format!("{f}{}", crate::files::sealed::SUFFIX)).is_file();
        org.sealed = org.credential_files.iter().filter(sealed).cloned().collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(mpn_id: &str, email_key: &str, run: u32) -> LedgerAccount {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        LedgerAccount {
            mpn_id: mpn_id.into(),
            email_key: email_key.into(),
            email: email_key.into(),
            username: format!("{email_key}@x.onmicrosoft.com").as_str().into(),
            issued: d,
            password_expires: d,
            run,
            credentials_file: format!("credentials/{mpn_id}.csv").as_str().into(),
        }
    }

    #[test]
    fn merge_keeps_the_ledger_order_and_a_reissue_replaces_its_line() {
        let old = [account("1111", "a", 1), account("1111", "b", 1), account("2222", "d", 1)];
        let new = [account("1111", "b", 2), account("1111", "c", 2), account("3333", "e", 2)];
        let merged: Vec<(String, String, u32)> =
            merge(old.iter(), new.into_iter()).map(|a| (a.mpn_id.to_string(), a.email_key.clone(), a.run)).collect();
        let want = [("1111", "a", 1), ("1111", "b", 2), ("1111", "c", 2), ("2222", "d", 1), ("3333", "e", 2)];
        assert_eq!(merged, want.map(|(m, e, r)| (m.to_string(), e.to_string(), r)));
    }
}
