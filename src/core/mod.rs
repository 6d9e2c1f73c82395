//! Layer 1, the core: domain types (people, organisations, ids, findings,
//! options, the ledger's history) and the leaf utilities every layer uses
//! (progress on the terminal, signals, file-system transactions).

pub(crate) mod applied;
pub(crate) mod finding;
pub(crate) mod hex;
pub(crate) mod ids;
pub(crate) mod interrupt;
pub(crate) mod ledger;
pub(crate) mod model;
pub(crate) mod names;
pub(crate) mod options;
pub(crate) mod progress;
pub(crate) mod transaction;
