//! Stage 6, **emit**: findings and plans in the formats people and CI read.

pub mod atomic;
pub mod findings_csv;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod plan_json;
pub mod text;

use crate::Checked;
use crate::options::ReportFormat;
use std::io::{self, Write};

/// `validate`'s report on stdout in the chosen format.
pub fn validate_report(checked: &Checked, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Text => text::write(checked, out),
        ReportFormat::Json => json::write(&checked.findings, out),
        ReportFormat::Junit => junit::write(checked, out),
        ReportFormat::Github => github::write(checked, out),
    }
}
