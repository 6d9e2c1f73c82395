//! The public surface: what the integration tests, the property tests and the
//! fuzz targets reach. Every module stays `pub(crate)`, so the layering inside
//! the crate is the crate's own business; this list is all that is promised.

pub use crate::core::finding::{
    Counts, Finding, Rule, Severity, count as count_findings, markdown_table as rules_table,
};
pub use crate::core::ids::{MpnId, Username};
pub use crate::core::ledger::{Enrolment, Ledger, LedgerAccount};
pub use crate::core::model::{Employee, InputFacts, Lang, Role};
pub use crate::core::options::{Creation, DateOrder, Options, ReadOptions};
pub use crate::files::findings_csv::render as render_findings_csv;
pub use crate::files::ledger_csv::{LedgerError, parse as parse_ledger, render as render_ledger};
pub use crate::files::plan_file::render as render_plan_file;
pub use crate::pipeline::dedup::{Deduped, dedup};
pub use crate::pipeline::load::headers::{ColumnSpec, EMPLOYEES, MEMBERSHIPS};
pub use crate::pipeline::load::{Table, load_file, parse_bytes};
pub use crate::pipeline::plan::Plan;
pub use crate::pipeline::plan::accounts::{Candidate, assign_usernames};
pub use crate::pipeline::plan::membership::membership_dates;
pub use crate::pipeline::plan::username::{base_name, fit};
pub use crate::pipeline::validate::dates::{DateError, LAST_DAY, parse_date};
pub use crate::pipeline::validate::validate;
pub use crate::pipeline::validate::values::email_key;
pub use crate::pipeline::{CheckError, Checked, Outcome, check, with_jobs};
pub use crate::report::github::{SUMMARY_ROWS, step_summary};
pub use crate::report::junit::{MAX_PER_RULE as JUNIT_MAX_PER_RULE, write as write_junit};
