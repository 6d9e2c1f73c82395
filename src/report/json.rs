//! JSON: `{"summary": {...}, "findings": [...]}`. The summary's names are
//! plan.json's (its `as_of`, `inputs` and `summary`), so a CI job reads both
//! alike; each finding is `{file, line, column, rule, severity, message}`.

use crate::core::finding::Finding;
use crate::core::model::InputFacts;
use crate::pipeline::Checked;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Report<'a> {
    summary: Summary<'a>,
    findings: &'a [Finding],
}

/// plan.json's summary without `employees` (distinct people), whose count
/// would cost validate a set of every email.
#[derive(Serialize)]
struct Summary<'a> {
    as_of: NaiveDate,
    /// Each input's path, SHA-256 and data rows.
    inputs: &'a [InputFacts],
    /// Organisations and accounts ready to plan.
    organizations: usize,
    accounts: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Organisations left out by errors.
    blocked_organizations: usize,
}

pub(crate) fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let orgs = &checked.plan.organizations;
    let c = checked.counts;
    let summary = Summary {
        as_of: checked.plan.as_of,
        inputs: &checked.inputs,
        organizations: orgs.len(),
        accounts: orgs.iter().map(|o| o.accounts.len()).sum(),
        errors: c.errors,
        warnings: c.warnings,
        infos: c.infos,
        blocked_organizations: checked.blocked.len(),
    };
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &Report { summary, findings: &checked.findings })?;
    writeln!(out)?;
    out.flush()
}
