//! What the workflows need from the report layer above them: the pages of a
//! report set, the status page and a sign-on email. The commands hand the
//! workflows the report layer's implementation of [`Render`], so the
//! workflows stay below the formats people read.

use crate::core::applied::Applied;
use crate::core::model::{Lang, Text};
use crate::core::progress::Counter;
use crate::files::credentials::Issued;
use crate::pipeline::Checked;
use crate::pipeline::assess::StatusReport;
use chrono::NaiveDate;
use std::io;
use std::path::Path;

pub(crate) trait Render: Sync {
    /// Write `index.html` and `orgs/` into `into`, a report generation;
    /// `status_page` says whether the index links a status.html beside it.
    fn report_pages(
        &self,
        checked: &Checked,
        applied: Option<&Applied>,
        into: &Path,
        status_page: bool,
        pages: &Counter,
    ) -> io::Result<()>;

    /// How many pages [`Render::report_pages`] writes.
    fn page_count(&self, checked: &Checked) -> u64;

    /// Write `status.html` into `out_dir`.
    fn status_page(&self, report: &StatusReport, out_dir: &Path) -> io::Result<()>;

    /// One sign-on email, ready to send.
    fn letter(&self, letter: &Letter<'_>) -> io::Result<Vec<u8>>;
}

/// What a sign-on email says to one person.
pub(crate) struct Letter<'a> {
    pub issued: &'a Issued,
    pub organization: &'a str,
    pub admin_name: &'a str,
    pub admin_email: &'a str,
    pub partner_university: bool,
    pub exams: &'a [Text],
    pub date: NaiveDate,
    /// The person's language (their `language` cell, else `--lang`).
    pub language: Lang,
    /// `--sign-in-url`: where the person signs in, in every sign-on email.
    pub sign_in_url: &'a str,
}
