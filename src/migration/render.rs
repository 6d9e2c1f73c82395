//! What the workflows need from the report layer above them: the pages of a
//! report set, the status page, a sign-on email and a reminder. The commands hand the
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

    /// One reminder to sign in, ready to send.
    fn reminder(&self, reminder: &Reminder<'_>) -> io::Result<Vec<u8>>;
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

/// What a reminder says to someone whose temporary password expires soon:
/// never the password, only when it lapses and whom to ask for it.
pub(crate) struct Reminder<'a> {
    pub mpn_id: &'a str,
    /// The organisation's name (empty: unknown, the MPN ID stands alone).
    pub organization: &'a str,
    /// The person's display name (empty: unknown, their address stands in).
    pub display_name: &'a str,
    pub email: &'a str,
    pub username: &'a str,
    pub password_expires: NaiveDate,
    /// The organisation's admin, name and address (none: "your administrator").
    pub admin: Option<(&'a str, &'a str)>,
    /// The Date of the message: the day `status` judged at.
    pub date: NaiveDate,
    pub language: Lang,
    /// `--sign-in-url` as the plan recorded it.
    pub sign_in_url: &'a str,
}
