//! Argument groups and value parsers that several commands share (clap
//! derive), turned into the library's `Options`.

use crate::core::model::Lang;
use crate::core::names::NameOrder;
use crate::core::options::{ColumnNames, Creation, DEFAULT_SIGN_IN_URL, DateOrder, Options, ReadOptions};
use crate::pipeline::load::dialect;
use chrono::NaiveDate;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, ValueEnum};
use std::ffi::OsStr;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct Inputs {
    /// The PMC membership export (one row per organisation).
    #[arg(long, value_name = "FILE")]
    pub memberships: PathBuf,
    /// The PMC employee export (one row per person per organisation).
    #[arg(long, value_name = "FILE")]
    pub employees: PathBuf,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Cutover date, YYYY-MM-DD or YYYY/M/D (default: today); with --status also
    /// the day taken as now, against which temporary passwords expire (R7).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_as_of)]
    pub as_of: Option<NaiveDate>,
    /// How accounts are created in Partner Center [default: bulk].
    #[arg(long, value_enum)]
    pub creation: Option<CreationArg>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to read slash dates like 3/4/2025.
    #[arg(long, value_enum)]
    pub date_order: Option<DateOrderArg>,
    /// Encoding of files without a BOM (e.g. windows-1252); default UTF-8.
    #[arg(long, value_name = "LABEL", value_parser = encoding_parser(), hide_possible_values = true)]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Field delimiter: , ; tab or | (default: sniffed from the header line).
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,
    /// Workbook sheet to read (default: the first whose header row fits);
    /// repeat for several workbooks, each reads the first named sheet that fits.
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheets: Vec<String>,
    /// The line (CSV) or sheet row holding the header (default: the first of
    /// the first ten that fits; rows above it are passed over).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub header_row: Option<u64>,
    /// More header names for the tool's columns: a CSV (header,column) or
    /// TOML ("header" = "column") file; see `pmc-migrate columns`.
    #[arg(long, value_name = "FILE", value_parser = parse_columns)]
    pub columns: Option<ColumnNames>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,
    /// No progress bars or messages on stderr (reports on stdout stay; errors still show).
    #[arg(long, short)]
    pub quiet: bool,
    /// Partner Center team-status export (username, signed_in, ...): accounts
    /// past 90 days without a sign-in are reissued (R7); repeat for each tenant's export.
    #[arg(long, value_name = "FILE")]
    pub status: Vec<PathBuf>,
    /// Language of sign-on emails and employee checklists for people without
    /// a `language` cell; zh-TW also translates the report's checklists.
    /// [default: en]
    #[arg(long, value_name = "LANG", value_parser = lang_parser(), hide_possible_values = true)]
    pub lang: Option<Lang>,
    /// Display names: given then family name (western), family name first
    /// (eastern), or family name first only when both names are Chinese,
    /// Japanese or Korean (auto). [default: auto]
    #[arg(long, value_enum)]
    pub name_order: Option<NameOrderArg>,
    /// The sign-in page every sign-on email links to.
    /// [default: https://partner.microsoft.com/dashboard]
    #[arg(long, value_name = "URL", value_parser = parse_sign_in_url)]
    pub sign_in_url: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NameOrderArg {
    Western,
    Eastern,
    Auto,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CreationArg {
    Bulk,
    Individual,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DateOrderArg {
    Mdy,
    Dmy,
}

pub(super) fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    crate::pipeline::validate::dates::parse_as_of(s)
}

pub(super) fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("{s:?} is not a supported language: en or zh-TW (also zh-Hant, zh_TW)"))
}

/// An https address on one line: it goes into mail bodies as it is.
pub(super) fn parse_sign_in_url(s: &str) -> Result<String, String> {
    let ok = s.starts_with("https://")
        && s.len() > "https://".len()
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok { Ok(s.to_string()) } else { Err(format!("{s:?} is not an https:// address without spaces")) }
}

pub(super) fn parse_encoding(s: &str) -> Result<&'static encoding_rs::Encoding, String> {
    crate::pipeline::load::encoding::for_label(s).ok_or_else(|| {
        format!("{s:?} is not an encoding label (try windows-1252, big5 or cp950, gbk or cp936, shift_jis or cp932)")
    })
}

/// A value parser that reads as leniently as `parse`, and offers `values`
/// to shells completing the option (which would offer file names otherwise).
/// The offer is not a limit: `--encoding` takes every WHATWG label, `--lang`
/// every spelling of its two languages.
#[derive(Clone)]
pub(super) struct Offer<T> {
    parse: fn(&str) -> Result<T, String>,
    values: &'static [&'static str],
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Offer<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, arg: Option<&clap::Arg>, value: &OsStr) -> Result<T, clap::Error> {
        self.parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(|&v| PossibleValue::new(v))))
    }
}

/// Common labels of the encodings PMC exports come in (design §3).
const ENCODINGS: &[&str] = &[
    "utf-8",
    "utf-16le",
    "utf-16be",
    "windows-1252",
    "windows-1250",
    "windows-1251",
    "iso-8859-2",
    "big5",
    "cp950",
    "gbk",
    "cp936",
    "gb18030",
    "shift_jis",
    "cp932",
    "euc-jp",
    "euc-kr",
];

pub(super) fn encoding_parser() -> Offer<&'static encoding_rs::Encoding> {
    Offer { parse: parse_encoding, values: ENCODINGS }
}

pub(super) fn lang_parser() -> Offer<Lang> {
    Offer { parse: parse_lang, values: &["en", "zh-TW"] }
}

pub(super) fn parse_columns(s: &str) -> Result<ColumnNames, String> {
    crate::files::column_names::read(std::path::Path::new(s)).map_err(|e| e.to_string())
}

pub(super) fn parse_delimiter(s: &str) -> Result<u8, String> {
    dialect::parse_delimiter(s).ok_or_else(|| format!("{s:?} is not one of , ; tab |"))
}

impl Common {
    pub fn to_options(&self, inputs: &Inputs) -> Options {
        Options {
            memberships: inputs.memberships.clone(),
            employees: inputs.employees.clone(),
            as_of: self.as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
            creation: match self.creation {
                None | Some(CreationArg::Bulk) => Creation::Bulk,
                Some(CreationArg::Individual) => Creation::Individual,
            },
            strict: self.strict,
            read: ReadOptions {
                encoding: self.encoding,
                delimiter: self.delimiter,
                sheets: self.sheets.clone(),
                header_row: self.header_row,
                columns: self.columns.clone().unwrap_or_default(),
                date_order: self.date_order.map(|d| match d {
                    DateOrderArg::Mdy => DateOrder::Mdy,
                    DateOrderArg::Dmy => DateOrder::Dmy,
                }),
            },
            jobs: self.jobs.map(usize::from),
            quiet: self.quiet,
            status: self.status.clone(),
            lang: self.lang.unwrap_or_default(),
            name_order: match self.name_order {
                None | Some(NameOrderArg::Auto) => NameOrder::Auto,
                Some(NameOrderArg::Western) => NameOrder::Western,
                Some(NameOrderArg::Eastern) => NameOrder::Eastern,
            },
            sign_in_url: self.sign_in_url.clone().unwrap_or_else(|| DEFAULT_SIGN_IN_URL.to_string()),
        }
    }

    /// The options given that a reviewed plan already fixed (`apply --plan`
    /// refuses them rather than ignore them).
    pub fn fixed_by_plan(&self) -> Vec<&'static str> {
        let given = [
            ("--as-of", self.as_of.is_some()),
            ("--creation", self.creation.is_some()),
            ("--strict", self.strict),
            ("--date-order", self.date_order.is_some()),
            ("--encoding", self.encoding.is_some()),
            ("--delimiter", self.delimiter.is_some()),
            ("--sheet", !self.sheets.is_empty()),
            ("--header-row", self.header_row.is_some()),
            ("--columns", self.columns.is_some()),
            ("--status", !self.status.is_empty()),
            ("--lang", self.lang.is_some()),
            ("--name-order", self.name_order.is_some()),
            ("--sign-in-url", self.sign_in_url.is_some()),
        ];
        given.into_iter().filter(|(_, given)| *given).map(|(name, _)| name).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_offered_is_read() {
        for label in ENCODINGS {
            assert!(parse_encoding(label).is_ok(), "{label}");
        }
        for lang in lang_parser().values {
            assert!(parse_lang(lang).is_ok(), "{lang}");
        }
    }
}
