//! The public surface: what the integration tests, the property tests and the
//! fuzz targets reach. Every module stays `pub(crate)`, so the layering inside
//! the crate is the crate's own business; this list is all that is promised.

pub use crate::check::{CheckError, Checked, Outcome, check, with_jobs};
pub use crate::dedup::{Deduped, dedup};
pub use crate::emit::findings_csv::render as render_findings_csv;
pub use crate::emit::github::{SUMMARY_ROWS, step_summary};
pub use crate::emit::junit::{MAX_PER_RULE as JUNIT_MAX_PER_RULE, write as write_junit};
pub use crate::finding::{Counts, Finding, Rule, Severity, count as count_findings};
pub use crate::history::{Enrolment, Ledger, LedgerAccount};
pub use crate::ids::{MpnId, Username};
pub use crate::ledger::{LedgerError, parse as parse_ledger, render as render_ledger};
pub use crate::load::headers::{ColumnSpec, EMPLOYEES, MEMBERSHIPS};
pub use crate::load::{Table, load_file, parse_bytes};
pub use crate::model::{Employee, InputFacts, Lang, Role};
pub use crate::options::{Creation, DateOrder, Options, ReadOptions};
pub use crate::plan::Plan;
pub use crate::plan::accounts::{Candidate, assign_usernames};
pub use crate::plan::membership::membership_dates;
pub use crate::plan::username::{base_name, fit};
pub use crate::plan_file::render as render_plan_file;
pub use crate::validate::dates::{DateError, LAST_DAY, parse_date};
pub use crate::validate::validate;
pub use crate::validate::values::email_key;
