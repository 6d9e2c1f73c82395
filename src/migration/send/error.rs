//! Why `send` could not start, or had to stop: each a usage or connection
//! error (exit 2). A message the server refused is not an error here: it is
//! recorded in the sent log and the run goes on.

use crate::core::transaction::{TxnError, owned::FolderError};
use crate::files::sent_log::SentLogError;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum SendError {
    #[error("--smtp {0:?}: {1}")]
    Url(String, &'static str),
    #[error(
        "--allow-plaintext sends passwords readable on the network: only to a loopback address (127.0.0.1, ::1, localhost), not {0}"
    )]
    PlaintextRemote(String),
    #[error("SMTP credentials: {0} (PMC_SMTP_USER with PMC_SMTP_PASSWORD or PMC_SMTP_OAUTH_TOKEN)")]
    Credentials(&'static str),
    #[error("--smtp-ca {path}: {reason}")]
    Ca { path: PathBuf, reason: String },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("no outbox in {0}: `pmc-migrate apply --creation individual --out {0}` writes the sign-on mail there")]
    NoOutbox(PathBuf),
    #[error("cannot connect to {server}: {reason}")]
    Connect { server: String, reason: String },
    #[error("{server} refused the login: {reason}")]
    Login { server: String, reason: String },
    #[error("lost the connection to {server} and could not get it back: {reason}")]
    Lost { server: String, reason: String },
    #[error("{path}: {reason}")]
    Decrypt { path: PathBuf, reason: String },
    #[error("--identity {path}: {reason}")]
    Identity { path: PathBuf, reason: String },
    #[error(transparent)]
    SentLog(#[from] SentLogError),
    #[error(transparent)]
    Transaction(#[from] TxnError),
    #[error(transparent)]
    Folder(#[from] FolderError),
}
