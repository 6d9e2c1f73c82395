//! File-system transactions, knowing nothing of the pipeline: atomic writes of
//! one file, a lock that keeps two writers out of one folder, and a staged
//! multi-file commit (stage privately, one sync, a commit point, move into
//! place; the next run finishes or rolls back one that was cut short).

pub(crate) mod atomic;
mod lock;
pub(crate) mod owned;
pub(crate) mod publish;
mod staging;

mod error;

pub(crate) use error::TxnError;
pub(crate) use lock::{DirLock, lock};
pub(crate) use staging::{Staging, recover};
