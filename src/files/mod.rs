//! Layer 3, the files: one module owns each file the tool writes for later
//! runs or for people, reading and writing it (plan.json, ledger.csv,
//! findings.csv, credential files).

pub mod credentials;
pub mod findings_csv;
pub mod ledger_csv;
pub mod plan_file;
