//! An organisation left out of the plan, and the reasons the report shows.

use crate::core::finding::Finding;

/// An organisation left out of the plan, and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct BlockedOrg {
    pub mpn_id: String,
    pub organization: String,
    pub line: u64,
    pub reasons: Vec<String>,
}

/// A blocked organisation's reason, as shown in the report.
pub(crate) fn reason(f: &Finding) -> String {
    format!("{} line {}: {} — {}", f.file, f.line, f.rule, f.message)
}
