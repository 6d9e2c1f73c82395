//! Layer 1, the core: domain types (people, organisations, ids, findings,
//! options, the ledger's history) and the leaf utilities every layer uses
//! (progress on the terminal, signals, file-system transactions).

pub mod applied;
pub mod finding;
pub mod ids;
pub mod interrupt;
pub mod ledger;
pub mod model;
pub mod options;
pub mod progress;
pub mod transaction;
