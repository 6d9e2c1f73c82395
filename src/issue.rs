//! The pure half of `apply`: who gets a new temporary password, which
//! credentials file holds it, the ledger that records it, and the summary of
//! the run. Writing the files is [`crate::transaction`]'s job.

use crate::applied::{Applied, OrgApplied};
use crate::check::Checked;
use crate::credentials::{Issued, password};
use crate::history::{Enrolment, Ledger, LedgerAccount};
use crate::ids::{CredentialsFile, MpnId};
use crate::options::Creation;
use crate::plan::OrgPlan;
use crate::plan::accounts::Action;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error(
        "{0} already exists and was not written by this ledger; move it away before applying (credential files are never overwritten)"
    )]
    WouldOverwrite(PathBuf),
    #[error(transparent)]
    Rng(#[from] password::RngError),
}

/// One credentials file (relative path) and the accounts it holds.
pub type Batch = (CredentialsFile, Vec<Issued>);

/// Passwords for every create and reissue of run `run`, and the ledger that records them.
pub fn issue(checked: &Checked, ledger: &Ledger, run: u32, dir: &Path) -> Result<(Vec<Batch>, Ledger), IssueError> {
    let mut next = ledger.clone();
    let mut out = Vec::new();
    for org in &checked.plan.organizations {
        next.enrolments.entry(org.mpn_id.clone()).or_insert(Enrolment {
            pc_start: org.pc_start,
            pc_end: org.pc_end,
            run,
        });
        let fresh: Vec<_> =
            org.accounts.iter().filter(|a| matches!(a.action, Action::Create | Action::Reissue)).collect();
        if fresh.is_empty() {
            continue;
        }
        let file_name = credentials_file_name(org, ledger, run, dir)?;
        let mut issued = Vec::with_capacity(fresh.len());
        for a in fresh {
            issued.push(Issued {
                mpn_id: org.mpn_id.clone(),
                username: a.username.clone(),
                display_name: a.display_name.clone(),
                email: a.email.clone(),
                password: password::generate()?,
                password_expires: a.password_expires,
            });
            next.accounts.insert(
                (org.mpn_id.clone(), a.email_key.clone()),
                LedgerAccount {
                    mpn_id: org.mpn_id.clone(),
                    email_key: a.email_key.clone(),
                    email: a.email.clone(),
                    username: a.username.clone(),
                    issued: checked.plan.as_of,
                    password_expires: a.password_expires,
                    run,
                    credentials_file: file_name.clone(),
                },
            );
        }
        out.push((file_name, issued));
    }
    Ok((out, next))
}

/// `credentials/<mpn_id>.csv` the first time, `credentials/<mpn_id>.run<N>.csv` after.
fn credentials_file_name(org: &OrgPlan, ledger: &Ledger, run: u32, dir: &Path) -> Result<CredentialsFile, IssueError> {
    let first = CredentialsFile { mpn_id: org.mpn_id.clone(), run: None };
    let had_any = ledger.has_accounts_for(&org.mpn_id);
    let name = if had_any || dir.join(first.to_string()).exists() {
        CredentialsFile { mpn_id: org.mpn_id.clone(), run: Some(run) }
    } else {
        first
    };
    for taken in [name.to_string(), name.entra()] {
        if dir.join(&taken).exists() {
            return Err(IssueError::WouldOverwrite(dir.join(taken)));
        }
    }
    Ok(name)
}

/// What the run did: per organisation, created, kept, reissued, left, and its credential files.
pub fn applied(checked: &Checked, ledger: &Ledger, run: u32, refused: bool) -> Applied {
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
    for a in ledger.accounts.values() {
        if let Some(e) = out.get_mut(&a.mpn_id)
            && !e.credential_files.contains(&a.credentials_file)
        {
            e.credential_files.push(a.credentials_file.clone());
        }
    }
    for (mpn_id, e) in out.iter_mut() {
        e.credential_files.sort();
        if checked.plan.creation == Creation::Individual && ledger.has_accounts_for(mpn_id) {
            e.outbox = Some(format!("outbox/{mpn_id}/"));
        }
    }
    Applied { run, refused, organizations: out }
}
