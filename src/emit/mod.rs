//! Stage 6, **emit**: findings and plans in the formats people and CI read.

pub mod changes;
pub mod findings_csv;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod l10n;
pub mod listing;
pub mod mail;
pub mod next;
pub mod text;

use crate::applied::Applied;
use crate::check::Checked;
use crate::options::ReportFormat;
use crate::plan_file;
use crate::progress::{Progress, Unit};
use crate::transaction::atomic;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    pub path: PathBuf,
    pub source: io::Error,
}

/// `validate`'s report on stdout in the chosen format.
pub fn validate_report(checked: &Checked, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Text => text::write(checked, out),
        ReportFormat::Json => json::write(checked, out),
        ReportFormat::Junit => junit::write(checked, out),
        ReportFormat::Github => github::write(checked, out),
    }
}

/// plan.json, findings.csv, index.html and orgs/*.html, each written atomically.
pub fn write_reports(checked: &Checked, applied: Option<&Applied>, out_dir: &Path) -> Result<(), WriteError> {
    let out = |path: PathBuf| move |source| WriteError { path, source };
    std::fs::create_dir_all(out_dir).map_err(out(out_dir.to_path_buf()))?;
    let progress = Progress::new(checked.options.quiet);
    // plan.json is one long sequential write; the pages render on the other threads meanwhile.
    let (files, pages) = rayon::join(
        || {
            let _stage = progress.stage("writing plan.json and findings.csv");
            let path = out_dir.join("plan.json");
            atomic::write_atomic_streamed(&path, None, |w| plan_file::write_to(checked, applied, out_dir, w))
                .map_err(out(path.clone()))?;
            let path = out_dir.join("findings.csv");
            atomic::write_atomic(&path, &findings_csv::render(&checked.findings), None).map_err(out(path.clone()))
        },
        || {
            let stage = progress.bar("writing pages", Unit::Items("pages"), html::files::page_count(checked));
            html::files::write_report(checked, applied, out_dir, &stage.counter())
                .map_err(out(out_dir.to_path_buf()))?;
            stage.finish(|n| format!("wrote {n}"));
            Ok(())
        },
    );
    files?;
    pages
}
