//! `status`'s reminders: one message per person not signed in whose
//! temporary password expires within the warning window, in
//! `outbox/reminders/<mpn_id>/<username>.expires-<date>.eml`, mode 0600,
//! where `send` delivers them. Each run replaces the whole set: who has
//! signed in since, or whose password has expired (they are added again, and
//! get a sign-on mail), gets none. A name is stable per account and expiry,
//! so `send`'s log, keyed by file and Message-ID, sends a reminder once and a
//! new expiry's reminder again.

use super::Error;
use super::render::{Reminder, Render};
use crate::core::transaction::atomic::{real_dir, write_atomic};
use crate::core::transaction::owned::{Folder, MARKER};
use crate::files::plan_file::Roster;
use crate::pipeline::assess::{SignIn, StatusReport};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// Where the reminders go, as the folder's list names it.
pub(crate) const FOLDER: &str = "outbox/reminders/";

/// What a run did to the reminder set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reminded {
    /// Reminders in the set now.
    pub written: usize,
    /// Reminders of an earlier run no longer due (signed in, expired, or a new expiry).
    pub removed: usize,
}

/// Replace the reminder set in `folder` by one reminder per person whose
/// password expires soon in `report`, dated `today`.
pub(crate) fn remind(
    folder: &mut Folder,
    report: &StatusReport,
    roster: &Roster,
    today: NaiveDate,
    render: &dyn Render,
) -> Result<Reminded, Error> {
    let dir = folder.dir().to_path_buf();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (org, e) in report.in_state(SignIn::ExpiresSoon) {
        let person = roster.people.get(&e.username.to_lowercase());
        let admin = roster.admins.get(org.mpn_id.as_str());
        let reminder = Reminder {
            mpn_id: org.mpn_id.as_str(),
            organization: roster.organizations.get(org.mpn_id.as_str()).map_or("", String::as_str),
            display_name: person.map_or("", |p| p.display_name.as_str()),
            email: &e.email,
            username: e.username.as_str(),
            password_expires: e.password_expires,
            admin: admin.map(|a| (a.display_name.as_str(), a.email.as_str())),
            date: today,
            // Someone the plan does not name gets the plan's language.
            language: person.map_or(roster.lang, |p| p.language),
            sign_in_url: &roster.sign_in_url,
        };
        let rel = format!("{FOLDER}{}/{}.expires-{}.eml", org.mpn_id, e.username, e.password_expires);
        let bytes = render.reminder(&reminder).map_err(Error::output(dir.join(&rel)))?;
        files.push((rel, bytes));
    }
    let folders: BTreeSet<String> = files.iter().map(|(rel, _)| parent(rel)).collect();
    let names: BTreeSet<String> = files.iter().map(|(rel, _)| rel.clone()).chain(folders.iter().cloned()).collect();
    let earlier = folder.listed(FOLDER);
    let save = |folder: &Folder| folder.save().map_err(Error::output(dir.join(MARKER)));
    // Listed before they are written, so a cut never leaves a file of the tool's unlisted.
    folder.wrote(names.iter().cloned());
    save(folder)?;
    for rel in &folders {
        real_dir(&dir, Path::new(rel), 0o700).map_err(Error::output(dir.join(rel)))?;
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        write_atomic(&path, bytes, Some(0o600)).map_err(Error::output(path))?;
    }
    let stale: Vec<&String> = earlier.iter().filter(|n| !names.contains(*n)).collect();
    let mut removed = 0;
    // Files first, then their folders (which sort before them), deepest first.
    for rel in stale.iter().filter(|n| !n.ends_with('/')) {
        let path = dir.join(rel);
        match std::fs::remove_file(&path) {
            Ok(()) => removed += 1,
            // `send --delete-sent` may have removed it already.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::output(path)(e)),
        }
    }
    // Only an empty folder goes; one that still holds a reminder stays, and
    // an outbox/ that apply wrote stays whatever it holds.
    let outbox = (!folder.listed("outbox/").iter().any(|n| n == "outbox/")).then_some("outbox/");
    for rel in stale.iter().rev().filter(|n| n.ends_with('/')).map(|n| n.as_str()).chain([FOLDER]).chain(outbox) {
        let _ = std::fs::remove_dir(dir.join(rel));
    }
    folder.replaced(FOLDER);
    folder.wrote(names);
    save(folder)?;
    Ok(Reminded { written: files.len(), removed })
}

/// `outbox/reminders/1234/`, the folder of `outbox/reminders/1234/a.eml`.
fn parent(rel: &str) -> String {
    rel.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"))
}
