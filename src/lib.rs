//! pmc-migrate: Partner Membership Center exports → a reviewed Partner Center
//! migration. Layers, each using only those below it (checked by
//! `scripts/layers.py`):
//!
//! 1. domain types: `model`, `ids`, `finding`, `options`, `history`, `applied`,
//!    and the leaf utilities `progress`, `interrupt` and `transaction`;
//! 2. pipeline stages: `load` → `validate` → `dedup` → `teams` → `plan`,
//!    composed by `check`; `team_status` and `status` after cutover; `generate`;
//! 3. artefacts, one module per file format: `plan_file`, `ledger`,
//!    `credentials`, and `issue` (who gets a password);
//! 4. `emit`: HTML, text, JUnit, GitHub, mail;
//! 5. `cmd`: one file per command.

pub(crate) mod applied;
pub(crate) mod check;
pub mod cmd;
pub(crate) mod credentials;
pub(crate) mod dedup;
pub(crate) mod emit;
pub(crate) mod finding;
pub(crate) mod generate;
pub(crate) mod history;
pub(crate) mod ids;
pub(crate) mod interrupt;
pub(crate) mod issue;
pub(crate) mod ledger;
pub(crate) mod load;
pub(crate) mod model;
pub(crate) mod options;
pub(crate) mod plan;
pub(crate) mod plan_file;
pub(crate) mod progress;
pub(crate) mod status;
pub(crate) mod team_status;
pub(crate) mod teams;
pub(crate) mod transaction;
pub(crate) mod validate;

mod surface;
pub use surface::*;

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Check(#[from] check::CheckError),
    #[error(transparent)]
    Load(#[from] load::LoadError),
    #[error(transparent)]
    Ledger(#[from] ledger::LedgerError),
    #[error(transparent)]
    PlanFile(#[from] plan_file::PlanFileError),
    #[error(transparent)]
    Transaction(#[from] transaction::TxnError),
    #[error(transparent)]
    Issue(#[from] issue::IssueError),
    #[error(transparent)]
    Report(#[from] emit::WriteError),
    #[error("cannot render a sign-on email: {0}")]
    Mail(#[from] tera::Error),
    #[error("cannot write the report: {0}")]
    Write(#[from] std::io::Error),
    #[error("cannot write {path}: {source}")]
    Output { path: PathBuf, source: std::io::Error },
    #[error("cannot read {path}: {source}")]
    Input { path: PathBuf, source: std::io::Error },
    #[error(
        "no ledger in {0}: run `pmc-migrate apply --out {0}` first; status compares its ledger with the status export"
    )]
    NoLedger(PathBuf),
    #[error(transparent)]
    Threads(#[from] check::ThreadsError),
    #[error(transparent)]
    Generate(#[from] generate::GenerateError),
    #[error(transparent)]
    Folder(#[from] transaction::owned::FolderError),
}

impl Error {
    /// Refusals exit 1 (a stale plan, a folder locked by another apply); other errors exit 2.
    pub fn is_refusal(&self) -> bool {
        match self {
            Error::PlanFile(e) => e.is_refusal(),
            Error::Transaction(transaction::TxnError::Locked { .. }) => true,
            Error::Issue(e) => e.is_refusal(),
            _ => false,
        }
    }
}
