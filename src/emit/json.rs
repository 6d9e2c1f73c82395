//! JSON: `{"summary": {...}, "findings": [...]}`. The summary uses plan.json's
//! names (its `as_of`, `inputs` and `summary`), so a CI job reads both alike;
//! each finding is `{file, line, column, rule, severity, message}`.

use crate::check::Checked;
use crate::finding::Finding;
use crate::model::InputFacts;
use crate::plan_file;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Report<'a> {
    summary: Summary<'a>,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct Summary<'a> {
    as_of: NaiveDate,
    /// Each input's path, SHA-256 and data rows.
    inputs: &'a [InputFacts],
    /// Organisations and accounts ready to plan, finding counts, organisations left out.
    #[serde(flatten)]
    counts: plan_file::Summary,
}

pub fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        summary: Summary { as_of: checked.plan.as_of, inputs: &checked.inputs, counts: plan_file::summary(checked) },
        findings: &checked.findings,
    };
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &report)?;
    writeln!(out)?;
    out.flush()
}
