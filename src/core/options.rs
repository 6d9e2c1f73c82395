//! The one options struct the CLI fills and the library reads.

use crate::core::model::Lang;
use crate::core::names::NameOrder;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Recorded in plan.json as `mdy` / `dmy`, and read back by `apply --plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Mdy,
    Dmy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Creation {
    #[default]
    Bulk,
    Individual,
}

impl Creation {
    pub fn as_str(self) -> &'static str {
        match self {
            Creation::Bulk => "bulk",
            Creation::Individual => "individual",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReportFormat {
    #[default]
    Text,
    Json,
    Junit,
    Github,
}

/// `--columns FILE` (design §9): more headers for the tool's columns, each
/// `(header as the file writes it, column name)`, in the file's order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct ColumnNames(pub Vec<(String, String)>);

impl ColumnNames {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How input files are read (design §3).
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// `--encoding LABEL` for files without a BOM; `None` means UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// `--delimiter`; `None` means sniff from the header line.
    pub delimiter: Option<u8>,
    pub date_order: Option<DateOrder>,
    /// `--sheet NAME` (repeatable): the workbook sheets to read; empty means
    /// the first visible sheet whose header row fits the schema.
    pub sheets: Vec<String>,
    /// `--header-row N`: the line (CSV) or sheet row holding the header;
    /// `None` means the first of the first ten that fits the schema.
    pub header_row: Option<u64>,
    /// `--columns FILE`, read.
    pub columns: ColumnNames,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub memberships: PathBuf,
    pub employees: PathBuf,
    pub as_of: NaiveDate,
    pub creation: Creation,
    pub strict: bool,
    pub read: ReadOptions,
    /// Worker threads; `None` lets rayon choose.
    pub jobs: Option<usize>,
    pub quiet: bool,
    /// `--status`: the Partner Center team-status exports (who signed in), one per tenant.
    pub status: Vec<PathBuf>,
    /// `--lang`: employee-facing text for people without a `language` cell;
    /// `zh-TW` also translates the report's checklists.
    pub lang: Lang,
    /// `--name-order`: how given and family names make a display name.
    pub name_order: NameOrder,
    /// `--sign-in-url`: the page every sign-on email links to.
    pub sign_in_url: String,
}

/// Partner Center's sign-in page, where a new account first signs in.
pub(crate) const DEFAULT_SIGN_IN_URL: &str = "https://partner.microsoft.com/dashboard";

impl Options {
    pub fn new(memberships: PathBuf, employees: PathBuf, as_of: NaiveDate) -> Self {
        Options {
            memberships,
            employees,
            as_of,
            creation: Creation::Bulk,
            strict: false,
            read: ReadOptions::default(),
            jobs: None,
            quiet: true,
            status: Vec::new(),
            lang: Lang::En,
            name_order: NameOrder::Auto,
            sign_in_url: DEFAULT_SIGN_IN_URL.to_string(),
        }
    }
}
