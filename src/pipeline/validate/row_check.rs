//! The findings of one row as its columns are checked, and its typed value
//! when none of them is an error.

use crate::core::finding::{Finding, Rule, Severity, quote};
use crate::pipeline::load::headers::{ColumnSpec, HeaderMap};

/// Per-row result: the typed value when the row has no error, and its findings.
pub(crate) struct RowCheck<'a, T> {
    file: &'a str,
    line: u64,
    map: &'a HeaderMap,
    schema: &'a [ColumnSpec],
    pub value: Option<T>,
    pub findings: Vec<Finding>,
}

impl<'a, T> RowCheck<'a, T> {
    pub(crate) fn new(file: &'a str, line: u64, map: &'a HeaderMap, schema: &'a [ColumnSpec]) -> Self {
        RowCheck { file, line, map, schema, value: None, findings: Vec::new() }
    }

    /// A finding about schema column `i` of this row.
    pub(crate) fn push(&mut self, i: usize, rule: Rule, message: String) {
        let column = self.map.column_number(i);
        self.findings.push(Finding::new(self.file, self.line, column, rule, message));
    }

    pub(crate) fn missing(&mut self, i: usize) {
        let name = self.map.header_name(i, self.schema);
        self.push(i, Rule::MissingValue, format!("required value {} is empty", quote(&name)));
    }

    pub(crate) fn has_error(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}
