//! File-system transactions, knowing nothing of the pipeline: atomic writes of
//! one file, a lock that keeps two writers out of one folder, and a staged
//! multi-file commit (stage privately, one sync, a commit point, move into
//! place; the next run finishes or rolls back one that was cut short).

pub mod atomic;
mod lock;
pub mod owned;
pub mod publish;
mod staging;

mod error;

pub use error::TxnError;
pub use lock::{DirLock, lock};
pub use staging::{Staging, recover};
