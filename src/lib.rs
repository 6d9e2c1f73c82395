//! pmc-migrate: Partner Membership Center exports → a reviewed Partner Center
//! migration. One folder per layer, each using only the folders below it
//! (checked by `scripts/layers.py`; docs/design.md tells the whole story):
//!
//! 1. `core`: domain types and leaf utilities (progress, signals, transactions);
//! 2. `pipeline`: load → validate → dedup → teams → plan, and the status export;
//! 3. `files`: one module per file the tool writes (plan.json, ledger.csv, …);
//! 4. `migration`: the workflows `plan`, `apply` and `status` over a folder;
//! 5. `report`: HTML, text, JUnit, GitHub and mail, for people and CI;
//! 6. `cli`: one thin file per command, over one workflow call each.

#![warn(unreachable_pub)]

pub mod cli;
pub(crate) mod core;
pub(crate) mod files;
pub(crate) mod migration;
pub(crate) mod pipeline;
pub(crate) mod report;

mod surface;
pub use surface::*;

pub use migration::Error;
