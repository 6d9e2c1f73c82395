//! Layer 3, the files: one module owns each file the tool writes for later
//! runs or for people, reading and writing it (plan.json, ledger.csv,
//! findings.csv, credential files).

pub(crate) mod cells;
pub(crate) mod column_names;
pub(crate) mod credentials;
pub(crate) mod findings_csv;
pub(crate) mod ledger_csv;
pub(crate) mod plan_file;
pub(crate) mod sealed;
pub(crate) mod sent_log;
