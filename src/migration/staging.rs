//! The secret-bearing files of an apply (credential files, Entra files,
//! sign-on emails), staged privately before the commit, and the one policy
//! that names them: a file is never written over.

use super::Error;
use super::issue::{self, Issue, IssueError};
use super::render::{Letter, Render};
use crate::core::ids::CredentialsFile;
use crate::core::model::Role;
use crate::core::options::{Creation, Options};
use crate::core::progress::Counter;
use crate::core::transaction::Staging;
use crate::files::credentials::{entra, file};
use crate::files::sealed::{Recipients, SUFFIX};
use crate::pipeline::Checked;
use crate::pipeline::plan::OrgPlan;
use std::path::{Path, PathBuf};

/// The never-overwrite policy of every secret-bearing file: its first name
/// (`credentials/<mpn_id>.csv`, `outbox/<mpn_id>/<username>.eml`) while that
/// is free and `first_allowed`, else the run's own (`….run<N>.…`); when even
/// that is taken by a file the ledger does not know, a refusal. A name is
/// taken by its plain file and by its age file (`--encrypt-to`) alike.
pub(crate) fn secret_name(dir: &Path, first: &Path, later: &Path, first_allowed: bool) -> Result<PathBuf, IssueError> {
    let present = |rel: &Path| {
        let mut sealed = rel.as_os_str().to_owned();
        sealed.push(SUFFIX);
        std::fs::symlink_metadata(dir.join(rel)).is_ok() || std::fs::symlink_metadata(dir.join(sealed)).is_ok()
    };
    if first_allowed && !present(first) {
        return Ok(first.to_path_buf());
    }
    if present(later) {
        return Err(IssueError::WouldOverwrite(dir.join(later)));
    }
    Ok(later.to_path_buf())
}

/// What every organisation's staged files need to know.
#[derive(Clone, Copy)]
pub(super) struct StageTo<'a> {
    pub opts: &'a Options,
    pub entra_csv: bool,
    pub run: u32,
    /// The output folder (where earlier runs' messages are).
    pub dir: &'a Path,
    pub render: &'a dyn Render,
    /// `--encrypt-to`: every file is written as an age file (`….age`),
    /// encrypted in memory, so no plaintext password reaches the disk.
    pub seal: Option<&'a Recipients>,
}

impl StageTo<'_> {
    /// Stage `bytes` at `rel`, or their age file at `rel.age`.
    fn put(&self, staging: &Staging, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        match self.seal {
            None => Ok(staging.write(rel, bytes)?),
            Some(recipients) => {
                let mut name = rel.as_os_str().to_owned();
                name.push(SUFFIX);
                Ok(staging.write(Path::new(&name), &recipients.encrypt(bytes)?)?)
            }
        }
    }

    /// How many files [`stage`] writes: per organisation its credentials,
    /// its Entra file, and (individual creation) one message per account.
    pub(super) fn files(&self, checked: &Checked, issue: &Issue) -> u64 {
        let per_org = 1 + u64::from(self.entra_csv);
        let individual = self.opts.creation == Creation::Individual;
        let orgs = checked.plan.organizations.iter().zip(&issue.files);
        orgs.filter(|(_, file)| file.is_some())
            .map(|(org, _)| per_org + if individual { issue::fresh(org).count() as u64 } else { 0 })
            .sum()
    }
}

/// Write every secret file into the staging folder: the folders first, then
/// the organisations' files in parallel (creating tens of thousands of files
/// is kernel work that two cores share), each organisation's passwords drawn
/// as its files are written, so none waits in memory for the others.
pub(super) fn stage(
    staging: &mut Staging,
    issue: &Issue,
    checked: &Checked,
    to: &StageTo<'_>,
    files: &Counter,
) -> Result<(), Error> {
    use rayon::prelude::*;
    let orgs = &checked.plan.organizations;
    for (org, _) in orgs.iter().zip(&issue.files).filter(|(_, file)| file.is_some()) {
        staging.ensure_dir(Path::new("credentials"))?;
        if to.opts.creation == Creation::Individual {
            staging.ensure_dir(&Path::new("outbox").join(&org.mpn_id))?;
        }
    }
    let staging = &*staging;
    orgs.par_iter().zip(&issue.files).try_for_each(|(org, file)| match file {
        Some(name) => stage_org(staging, name, org, to, files),
        None => Ok(()),
    })
}

/// One organisation's passwords, credential file, Entra file and sign-on emails.
fn stage_org(
    staging: &Staging,
    name: &CredentialsFile,
    org: &OrgPlan,
    to: &StageTo<'_>,
    files: &Counter,
) -> Result<(), Error> {
    let StageTo { opts, entra_csv, run, dir, render, .. } = *to;
    let accounts = issue::draw(org).map_err(IssueError::from)?;
    to.put(staging, Path::new(&name.to_string()), &file::render(accounts.iter().map(|(i, _)| i)))?;
    files.add(1);
    if entra_csv {
        to.put(staging, Path::new(&name.entra()), &entra::render(&accounts, org.country.as_deref()))?;
        files.add(1);
    }
    if opts.creation != Creation::Individual {
        return Ok(());
    }
    let admin = org.accounts.iter().find(|a| a.role == Role::Admin);
    for (i, plan) in &accounts {
        let letter = Letter {
            issued: i,
            organization: &org.organization,
            // Empty: the email names "your administrator" in the person's language.
            admin_name: admin.map_or("", |a| a.display_name.as_str()),
            admin_email: admin.map_or("", |a| a.email.as_str()),
            partner_university: plan.tasks.contains(&crate::core::model::Task::ConnectPartnerUniversity),
            exams: &plan.exams,
            date: opts.as_of,
            language: plan.language,
            sign_in_url: &opts.sign_in_url,
        };
        let folder = Path::new("outbox").join(&org.mpn_id);
        // A reissue writes a new message beside the first one, never over it.
        let first = folder.join(format!("{}.eml", i.username));
        let later = folder.join(format!("{}.run{run}.eml", i.username));
        let rel = secret_name(dir, &first, &later, true)?;
        let bytes = render.letter(&letter).map_err(Error::output(dir.join(&rel)))?;
        to.put(staging, &rel, &bytes)?;
        files.add(1);
    }
    Ok(())
}
