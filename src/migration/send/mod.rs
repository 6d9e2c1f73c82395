//! `send`: deliver the outbox over SMTP exactly once. The sent log
//! ([`crate::files::sent_log`]) names every message a server accepted; a run
//! sends only what it does not name, appending (and syncing) a row the
//! moment the server accepts, so a kill at any point re-sends at most the
//! one message in flight. The folder lock is apply's, so a send and an apply
//! never run in one folder at once.

mod deliver;
pub(crate) mod delivery;
mod error;
pub(crate) mod outbox;
mod request;
pub(crate) mod smtp;

pub(crate) use error::SendError;
pub(crate) use request::{NotSent, SendRun, Summary};

use crate::core::transaction::{self, owned, owned::Claim};
use crate::files::sent_log::{FILE_NAME, SentLog};
use std::path::Path;

/// Lock the folder, read the log and the outbox, send what is left.
pub(crate) fn send(run: &SendRun<'_>) -> Result<Summary, SendError> {
    let dir = run.out;
    let files = outbox::scan(dir)?;
    let _lock = match run.server {
        Some(_) => Some(claim(dir)?),
        None => None,
    };
    let mut log = match run.server {
        Some(_) => Some(SentLog::open(dir)?),
        None => None,
    };
    let sent_before: std::collections::HashSet<String> = match &log {
        Some(log) => log.sent().map(str::to_string).collect(),
        None => crate::files::sent_log::SentLog::read(dir)?
            .into_iter()
            .fold(std::collections::HashMap::new(), |mut last, row| {
                last.insert(row.file, row.outcome);
                last
            })
            .into_iter()
            .filter(|(_, o)| *o == crate::files::sent_log::Outcome::Sent)
            .map(|(f, _)| f)
            .collect(),
    };
    let mut summary = Summary { dry_run: run.server.is_none(), ..Summary::default() };
    let mut todo = Vec::new();
    for file in files {
        let already = sent_before.contains(&file);
        if already && !matches!(run.only, Some(only) if only.contains('@')) {
            summary.already += usize::from(matches_org(run.only, &file));
            continue;
        }
        // An unreadable message stops the run before anything is sent.
        let bytes = deliver::read_message(dir, &file, run.identities)?;
        if !matches(run.only, &file, &outbox::headers(&bytes).to) {
            continue;
        }
        if already {
            summary.already += 1;
            continue;
        }
        todo.push(deliver::Pending { file, bytes });
    }
    // Messages deleted once sent (--delete-sent) still count as sent before.
    let present: std::collections::HashSet<&str> = todo.iter().map(|p| p.file.as_str()).collect();
    summary.already += sent_before
        .iter()
        .filter(|f| !dir.join(f).exists() && !present.contains(f.as_str()))
        .filter(|f| run.only.is_none_or(|only| !only.contains('@') && matches_org(Some(only), f)))
        .count();
    match (&run.server, log.as_mut()) {
        (Some(server), Some(log)) => deliver::deliver(run, server, log, todo, &mut summary)?,
        _ => {
            for p in todo {
                summary.would_send.push((p.file, outbox::headers(&p.bytes).to.join(", ")));
            }
        }
    }
    Ok(summary)
}

/// The folder must be the tool's (its mark names what it wrote, now the
/// sent log too), held under apply's lock while the run lasts.
fn claim(dir: &Path) -> Result<transaction::DirLock, SendError> {
    let replaces = [FILE_NAME];
    let mut folder = owned::claim(dir, &Claim { exports: &[], inputs: &[], replaces: &replaces, force: false })?;
    let lock = transaction::lock(dir)?;
    folder.wrote([FILE_NAME]);
    folder.save().map_err(|source| SendError::Write { path: dir.join(owned::MARKER), source })?;
    Ok(lock)
}

/// `--only ORG` (or none) keeps `file`.
fn matches_org(only: Option<&str>, file: &str) -> bool {
    only.is_none_or(|only| outbox::organisation(file) == Some(only))
}

/// `--only ORG|EMAIL` keeps this message.
fn matches(only: Option<&str>, file: &str, recipients: &[String]) -> bool {
    match only {
        None => true,
        Some(email) if email.contains('@') => recipients.iter().any(|r| r.to_lowercase() == email.to_lowercase()),
        Some(_) => matches_org(only, file),
    }
}
