//! Every way a command can fail, one variant per cause, each with the file
//! it concerns; the commands print them and choose the exit code.

use crate::core::transaction::{self, owned::FolderError};
use crate::files::sealed::SealedError;
use crate::files::{ledger_csv::LedgerError, plan_file::PlanFileError};
use crate::migration::issue::IssueError;
use crate::migration::send::SendError;
use crate::pipeline::{CheckError, ThreadsError, generate::GenerateError, load::LoadError};
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An export could not be read or worker threads not started.
    #[error(transparent)]
    Pipeline(#[from] CheckError),
    #[error(transparent)]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    PlanFile(#[from] PlanFileError),
    #[error(transparent)]
    Transaction(#[from] transaction::TxnError),
    #[error(transparent)]
    Folder(#[from] FolderError),
    #[error(transparent)]
    Issue(#[from] IssueError),
    #[error(transparent)]
    Generate(#[from] GenerateError),
    #[error(transparent)]
    Send(#[from] SendError),
    #[error(transparent)]
    Sealed(#[from] SealedError),
    #[error("cannot write {path}: {source}")]
    Output { path: PathBuf, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Input { path: PathBuf, source: std::io::Error },
    /// Standard output failed (other than a reader that went away).
    #[error("cannot write the report: {0}")]
    Stdout(#[from] std::io::Error),
    #[error(
        "no ledger in {0}: run `pmc-migrate apply --out {0}` first; status compares its ledger with the status export"
    )]
    NoLedger(PathBuf),
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Pipeline(CheckError::Load(e))
    }
}

impl From<ThreadsError> for Error {
    fn from(e: ThreadsError) -> Self {
        Error::Pipeline(CheckError::Threads(e))
    }
}

impl Error {
    /// Refusals exit 1 (a stale plan, a folder locked by another run, a
    /// changed --creation); other errors exit 2.
    pub fn is_refusal(&self) -> bool {
        match self {
            Error::PlanFile(e) => e.is_refusal(),
            Error::Transaction(transaction::TxnError::Locked { .. }) => true,
            Error::Send(SendError::Transaction(transaction::TxnError::Locked { .. })) => true,
            Error::Issue(e) => e.is_refusal(),
            _ => false,
        }
    }

    /// An error at `path` while writing it.
    pub fn output(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error + 'static {
        let path = path.into();
        move |source| Error::Output { path, source }
    }
}
