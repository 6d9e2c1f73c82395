//! What `send` is asked to do, and what it did.

use super::error::SendError;
use super::smtp;
use crate::files::sealed::Identities;
use std::path::Path;

/// What a send is asked to do.
pub(crate) struct SendRun<'a> {
    pub out: &'a Path,
    /// None for `--dry-run`: nothing is connected to.
    pub server: Option<smtp::Server>,
    /// Messages a minute, at most.
    pub rate: u32,
    /// Attempts after the first for a message met by a 4xx reply or a dropped connection.
    pub retries: u32,
    /// `--only`: an organisation (MPN ID) or a recipient's address.
    pub only: Option<&'a str>,
    pub delete_sent: bool,
    /// The envelope sender, when not the message's From.
    pub from: Option<&'a str>,
    /// Keys for messages written with `apply --encrypt-to`.
    pub identities: Option<&'a Identities>,
    pub quiet: bool,
}

/// A message not delivered, and why.
#[derive(Debug, Clone)]
pub(crate) struct NotSent {
    pub file: String,
    pub recipient: String,
    /// The server's words (or why the message could not be handed over).
    pub reason: String,
}

/// What a send did.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    /// Accepted by the server in this run.
    pub sent: usize,
    /// Named in the sent log by an earlier run.
    pub already: usize,
    /// Refused for good (5xx) or unreadable: recorded, to be fixed.
    pub failed: Vec<NotSent>,
    /// Not sent yet: a 4xx after every retry, or not reached.
    pub left: Vec<NotSent>,
    /// A dry run: nothing was connected to.
    pub dry_run: bool,
    /// `--dry-run`: what would go, file and recipient.
    pub would_send: Vec<(String, String)>,
    /// Why the run stopped before the end (the connection), if it did.
    pub stopped: Option<SendError>,
}

impl Summary {
    /// Everything asked for was delivered (or would be, in a dry run: nothing left).
    pub(crate) fn all_delivered(&self) -> bool {
        self.failed.is_empty() && self.left.is_empty() && self.would_send.is_empty() && self.stopped.is_none()
    }
}
