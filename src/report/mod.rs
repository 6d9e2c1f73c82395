//! Layer 5, the report: findings, plans and runs in the formats people and CI
//! read (terminal text, JSON, JUnit, GitHub, HTML pages, sign-on emails, reminders).

pub(crate) mod change_listing;
pub(crate) mod changes;
pub(crate) mod delivery;
mod fit;
pub(crate) mod github;
pub(crate) mod html;
pub(crate) mod json;
pub(crate) mod junit;
pub(crate) mod l10n;
pub(crate) mod mail;
pub(crate) mod next;
pub(crate) mod reminder;
pub(crate) mod spacing;
pub(crate) mod status_list;
pub(crate) mod text;

use crate::core::applied::Applied;
use crate::core::options::ReportFormat;
use crate::core::progress::Counter;
use crate::migration::render::{Letter, Reminder, Render};
use crate::pipeline::Checked;
use crate::pipeline::assess::StatusReport;
use std::io::{self, Write};
use std::path::Path;

/// `validate`'s report on stdout in the chosen format.
pub(crate) fn validate_report(checked: &Checked, format: ReportFormat, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ReportFormat::Text => text::write(checked, out),
        ReportFormat::Json => json::write(checked, out),
        ReportFormat::Junit => junit::write(checked, out),
        ReportFormat::Github => github::write(checked, out),
    }
}

/// The report layer's pages and mail, for the workflows below it.
pub(crate) struct Renderer;

impl Render for Renderer {
    fn report_pages(
        &self,
        checked: &Checked,
        applied: Option<&Applied>,
        into: &Path,
        status_page: bool,
        pages: &Counter,
    ) -> io::Result<()> {
        html::files::write_report(checked, applied, into, status_page, pages)
    }

    fn page_count(&self, checked: &Checked) -> u64 {
        html::files::page_count(checked)
    }

    fn status_page(&self, report: &StatusReport, out_dir: &Path) -> io::Result<()> {
        html::files::write_status(report, out_dir)
    }

    fn letter(&self, letter: &Letter<'_>) -> io::Result<Vec<u8>> {
        mail::render(letter).map_err(|e| io::Error::other(format!("cannot render a sign-on email: {e}")))
    }

    fn reminder(&self, reminder: &Reminder<'_>) -> io::Result<Vec<u8>> {
        Ok(reminder::render(reminder))
    }
}
