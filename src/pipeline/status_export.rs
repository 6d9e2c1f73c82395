//! status.csv, the team-status export from Partner Center: who has signed in,
//! connected Partner University and associated exams (R7–R9). One export per
//! tenant; several read together make one [`TeamStatus`].

use crate::core::finding::{Finding, Rule, quote};
use crate::core::options::ReadOptions;
use crate::pipeline::load::headers::{STATUS, s};
use crate::pipeline::load::hints::{self, Command};
use crate::pipeline::load::{LoadError, Table};
use crate::pipeline::validate::values::parse_flag;
use chrono::NaiveDateTime;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    /// The export the row is in, as findings name it.
    pub file: Arc<str>,
    pub line: u64,
    pub username: String,
    pub signed_in: bool,
    pub pu_connected: Option<bool>,
    pub associated_at: Option<NaiveDateTime>,
}

#[derive(Debug, Default)]
pub struct TeamStatus {
    /// Keyed by lower-cased username; a username in several rows is their merge ([`StatusRow::merge`]).
    pub rows: HashMap<String, StatusRow>,
    pub findings: Vec<Finding>,
    /// Path, SHA-256 and rows of each status file, in the order given.
    pub facts: Vec<crate::core::model::InputFacts>,
    /// How findings name each export, in the order given (the first is
    /// where an account found in none of them is reported).
    pub files: Vec<Arc<str>>,
    /// Some export has no usable row (empty, not text, a column missing):
    /// its error stands for the accounts of tenants no other export covers.
    pub unusable: bool,
}

impl TeamStatus {
    pub fn get(&self, username: &str) -> Option<&StatusRow> {
        self.rows.get(&username.to_ascii_lowercase())
    }

    /// Add `row`, merging it with an earlier row of the same username.
    fn insert(&mut self, row: StatusRow) {
        match self.rows.entry(row.username.to_ascii_lowercase()) {
            std::collections::hash_map::Entry::Occupied(mut earlier) => earlier.get_mut().merge(&row),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row);
            }
        }
    }

    /// Another export read into this one: its rows, findings and facts.
    fn absorb(&mut self, other: TeamStatus) {
        self.findings.extend(other.findings);
        self.facts.extend(other.facts);
        self.files.extend(other.files);
        self.unusable |= other.unusable;
        // The merge is order-free (see `merge`), so the map's order is no matter.
        for row in other.rows.into_values() {
            self.insert(row);
        }
    }
}

impl StatusRow {
    /// One person in two rows (two exports of one tenant taken at different
    /// times, or a repeat): a sign-in is never undone, so any row that says
    /// signed in (or Partner University connected) wins, and the earliest
    /// association is when it happened. The first row keeps its place.
    fn merge(&mut self, later: &StatusRow) {
        self.signed_in |= later.signed_in;
        self.pu_connected = match (self.pu_connected, later.pu_connected) {
            (Some(a), Some(b)) => Some(a || b),
            (a, b) => a.or(b),
        };
        self.associated_at = match (self.associated_at, later.associated_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
}

/// A timestamp of the one date grammar (design §9): `2026-12-01 09:30`,
/// `2026/12/1 9:30`, `2026-12-01T09:30:00Z`, or a bare date (midnight). The
/// export has no `--date-order`: a year-last slash date is not read.
pub(crate) fn parse_datetime(raw: &str) -> Option<NaiveDateTime> {
    crate::pipeline::validate::dates::parse_datetime(raw, None).ok()
}

/// The export at `path`, read for `command` (whose options its hints name).
fn load(path: &Path, read: &ReadOptions, command: Command) -> Result<TeamStatus, LoadError> {
    let mut table = crate::pipeline::load::load_file(path, &STATUS, read)?;
    hints::fit_command(&mut table, command);
    Ok(from_table(table))
}

/// The exports at `paths` (one per tenant), each read and checked under its
/// own name, as one team status.
pub(crate) fn load_all(paths: &[PathBuf], read: &ReadOptions, command: Command) -> Result<TeamStatus, LoadError> {
    let mut all = TeamStatus::default();
    for path in paths {
        all.absorb(load(path, read, command)?);
    }
    Ok(all)
}

pub(crate) fn from_table(table: Table) -> TeamStatus {
    let file = table.file().to_string();
    let source: Arc<str> = file.as_str().into();
    let map = &table.headers;
    let mut out = TeamStatus {
        findings: table.findings.clone(),
        facts: vec![table.facts.clone()],
        files: vec![source.clone()],
        unusable: table.unusable(),
        ..Default::default()
    };
    for rec in &table.records {
        let at = |i: usize| map.column_number(i);
        let username = rec.get(map, s::USERNAME);
        let signed_raw = rec.get(map, s::SIGNED_IN);
        let mut ok = true;
        if username.is_empty() {
            out.findings.push(Finding::new(
                &file,
                rec.line,
                at(s::USERNAME),
                Rule::MissingValue,
                "required value \"username\" is empty".into(),
            ));
            ok = false;
        }
        let signed_in = parse_flag(signed_raw);
        if signed_in.is_none() {
            out.findings.push(Finding::new(
                &file,
                rec.line,
                at(s::SIGNED_IN),
                if signed_raw.is_empty() { Rule::MissingValue } else { Rule::InvalidValue },
                format!("signed_in {} is not yes/no, true/false, y/n or 1/0; row ignored", quote(signed_raw)),
            ));
            ok = false;
        }
        let pu_raw = rec.get(map, s::PU_CONNECTED);
        let pu_connected = parse_flag(pu_raw);
        if pu_connected.is_none() && !pu_raw.is_empty() {
            out.findings.push(Finding::new(
                &file,
                rec.line,
                at(s::PU_CONNECTED),
                Rule::InvalidValue,
                format!("pu_connected {} is not yes/no; read as unknown", quote(pu_raw)),
            ));
        }
        // An optional cell that can't be read is absent, never a reason to drop
        // the row (its person would then look missing from the export).
        let assoc_raw = rec.get(map, s::ASSOCIATED_AT);
        let associated_at = parse_datetime(assoc_raw);
        if associated_at.is_none() && !assoc_raw.is_empty() {
            out.findings.push(Finding::new(
                &file,
                rec.line,
                at(s::ASSOCIATED_AT),
                Rule::InvalidValue,
                format!(
                    "associated_at {} is not a date and time like 2026-12-01 09:30; read as no association",
                    quote(assoc_raw)
                ),
            ));
        }
        if ok {
            let row = StatusRow {
                file: source.clone(),
                line: rec.line,
                username: username.to_string(),
                signed_in: signed_in.expect("checked"),
                pu_connected,
                associated_at,
            };
            out.insert(row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        let dt = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap();
        assert_eq!(parse_datetime("2026-12-01 09:30"), Some(dt("2026-12-01 09:30:00")));
        assert_eq!(parse_datetime("2026-12-01T09:30:15Z"), Some(dt("2026-12-01 09:30:15")));
        assert_eq!(parse_datetime("2026-12-01"), Some(dt("2026-12-01 00:00:00")));
        assert_eq!(parse_datetime("yesterday"), None);
        assert_eq!(parse_datetime("2026/12/1 9:30"), Some(dt("2026-12-01 09:30:00")));
        assert_eq!(parse_datetime("12/1/2026 9:30"), None, "month or day first: ambiguous");
    }

    #[test]
    fn rows_and_findings() {
        let t = crate::pipeline::load::parse_bytes(
            "s.csv",
            b"username,signed_in,pu_connected,associated_at\nann@x.com,no,,\nbob@x.com,maybe,,\n,yes,,\n".to_vec(),
            &STATUS,
            &ReadOptions::default(),
        );
        let st = from_table(t);
        assert_eq!(st.rows.len(), 1);
        assert!(!st.get("ANN@x.com").unwrap().signed_in);
        let got: Vec<_> = st.findings.iter().map(|f| (f.rule, f.line)).collect();
        assert_eq!(got, vec![(Rule::InvalidValue, 3), (Rule::MissingValue, 4)]);
    }

    #[test]
    fn unreadable_optional_cells_are_findings_on_the_cell_and_the_row_stays() {
        let t = crate::pipeline::load::parse_bytes(
            "s.csv",
            b"username,signed_in,pu_connected,associated_at\nann@x.com,no,maybe,yesterday\n".to_vec(),
            &STATUS,
            &ReadOptions::default(),
        );
        let st = from_table(t);
        let ann = st.get("ann@x.com").expect("the row is kept");
        assert_eq!((ann.pu_connected, ann.associated_at), (None, None));
        let got: Vec<_> = st.findings.iter().map(|f| (f.rule, f.line, f.column)).collect();
        assert_eq!(got, vec![(Rule::InvalidValue, 2, 3), (Rule::InvalidValue, 2, 4)]);
    }

    #[test]
    fn a_person_in_two_exports_is_signed_in_if_either_says_so() {
        let table = |file: &str, body: &str| {
            let bytes = format!("username,signed_in,pu_connected,associated_at\n{body}").into_bytes();
            from_table(crate::pipeline::load::parse_bytes(file, bytes, &STATUS, &ReadOptions::default()))
        };
        let mut all = table("a.csv", "ann@a.com,no,no,2026-12-02 10:00\nbob@a.com,no,,\n");
        all.absorb(table("b.csv", "ANN@a.com,yes,,2026-12-01 09:00\ncid@b.com,no,yes,\n"));
        let ann = all.get("ann@a.com").expect("ann");
        assert!(ann.signed_in);
        assert_eq!(ann.pu_connected, Some(false));
        assert_eq!(ann.associated_at, parse_datetime("2026-12-01 09:00"));
        assert_eq!((&*ann.file, ann.line), ("a.csv", 2), "the first row keeps its place");
        assert_eq!(&*all.get("cid@b.com").expect("cid").file, "b.csv");
        assert_eq!(all.files, ["a.csv".into(), "b.csv".into()] as [Arc<str>; 2]);
        assert_eq!(all.facts.len(), 2);
    }
}
