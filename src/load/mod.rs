//! Stage 1, **load**: read an export (any encoding and dialect spreadsheets
//! write) into records that remember the physical line they start on.

pub mod dialect;
pub mod encoding;
pub mod headers;

use crate::finding::{Finding, Rule};
use crate::model::InputFacts;
use crate::options::ReadOptions;
use headers::{ColumnSpec, HeaderMap};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
}

/// One data record: its physical start line and its trimmed fields.
#[derive(Debug, Clone)]
pub struct Record {
    pub line: u64,
    pub fields: csv::StringRecord,
}

impl Record {
    /// The trimmed value of schema column `i` ("" when the column is absent).
    pub fn get<'a>(&'a self, map: &HeaderMap, i: usize) -> &'a str {
        map.fields[i].and_then(|f| self.fields.get(f)).map_or("", str::trim)
    }
}

/// A loaded file: its facts, header map, usable records and load findings.
#[derive(Debug)]
pub struct Table {
    pub facts: InputFacts,
    pub headers: HeaderMap,
    pub records: Vec<Record>,
    /// Records left out by a load error (encoding, field count), already reported:
    /// later rules still need to know they exist (an organisation is not "unknown").
    pub rejected: Vec<Record>,
    pub findings: Vec<Finding>,
}

impl Table {
    /// True when the file lacks a required column, so none of its rows can be used.
    pub fn unusable(&self) -> bool {
        self.findings.iter().any(|f| f.rule == Rule::MissingColumn)
    }
}

impl Table {
    pub fn file(&self) -> &str {
        &self.facts.path
    }
}

pub fn load_file(path: &Path, schema: &[ColumnSpec], read: &ReadOptions) -> Result<Table, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read { path: path.to_path_buf(), source })?;
    Ok(parse_bytes(&path.display().to_string(), bytes, schema, read))
}

/// Everything after the read, apart so tests and fuzzing can feed bytes directly.
pub fn parse_bytes(file: &str, bytes: Vec<u8>, schema: &[ColumnSpec], read: &ReadOptions) -> Table {
    let sha256 = hex(&Sha256::digest(&bytes));
    let decoded = encoding::decode(bytes, read.encoding);
    let delimiter = read.delimiter.unwrap_or_else(|| dialect::sniff_delimiter(&decoded.text));
    let mut findings = Vec::new();

    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let mut records = Vec::new();
    let mut header_fields: Option<csv::StringRecord> = None;
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::new(decoded.text.as_bytes());
    // The text is valid UTF-8 by construction, so reading can't fail.
    while reader.read_record(&mut record).unwrap_or(false) {
        let line = lines.line_at(record.position().map_or(0, |p| p.byte()) as usize);
        if header_fields.is_none() {
            header_fields = Some(std::mem::take(&mut record));
            continue;
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // blank rows that spreadsheets leave at the end
        }
        records.push(Record { line, fields: std::mem::take(&mut record) });
    }
    let header_fields = header_fields.unwrap_or_default();
    let header_names: Vec<&str> = header_fields.iter().collect();
    let (headers, header_findings) = headers::match_headers(&header_names, schema, file);

    let encoding_name = decoded.encoding.name();
    let mut bad_records = vec![false; records.len()];
    for &bad in &decoded.bad_lines {
        // The record whose span holds the bad line: the last one starting at or before it.
        let idx = records.partition_point(|r| r.line <= bad);
        let (line, what) = if idx == 0 { (1, "the header") } else { (records[idx - 1].line, "this row") };
        if idx > 0 {
            bad_records[idx - 1] = true;
        }
        findings.push(Finding::new(
            file,
            line,
            1,
            Rule::InvalidEncoding,
            format!(
                "line {bad} of {what} has bytes that are not valid {encoding_name}; \
                 if the file was saved in a legacy encoding, pass it with --encoding (for example --encoding windows-1252)"
            ),
        ));
    }

    let rows = records.len() as u64;
    let header_len = header_fields.len();
    let mut kept = Vec::with_capacity(records.len());
    let mut rejected = Vec::new();
    for (record, bad) in records.into_iter().zip(bad_records) {
        if bad {
            rejected.push(record);
            continue;
        }
        if record.fields.len() != header_len {
            findings.push(Finding::new(
                file,
                record.line,
                1,
                Rule::MalformedRow,
                format!("row has {} fields but the header has {header_len}", record.fields.len()),
            ));
            rejected.push(record);
            continue;
        }
        kept.push(record);
    }
    if !header_findings.is_empty() {
        // Without its required columns no row of the file can be used.
        kept.clear();
        rejected.clear();
    }
    findings.extend(header_findings);

    Table {
        facts: InputFacts {
            path: file.to_string(),
            sha256,
            rows,
            ignored_columns: headers.ignored.clone(),
            delimiter,
            encoding: encoding_name,
        },
        headers,
        records: kept,
        rejected,
        findings,
    }
}

/// Physical line numbers from byte offsets. csv's own line count lags by one
/// after a CR LF, so lines are counted here: LF, CR LF and a lone CR each end one.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter { text, pos: 0, line: 1 }
    }

    /// The line of the first byte at or after `offset` that is not a line
    /// terminator (a record's position can point at the terminator before it).
    /// Offsets must not decrease between calls.
    fn line_at(&mut self, offset: usize) -> u64 {
        let mut start = offset.max(self.pos);
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        for i in self.pos..start {
            match self.text[i] {
                b'\n' => self.line += 1,
                b'\r' if self.text.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.pos = start;
        self.line
    }
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::headers::{EMPLOYEES, e};
    use super::*;

    fn parse(text: &[u8]) -> Table {
        parse_bytes("e.csv", text.to_vec(), &EMPLOYEES, &ReadOptions::default())
    }

    #[test]
    fn quoted_newline_shifts_later_lines() {
        let t = parse(b"mpn_id,first_name,email\n1234,\"two\nlines\",a@x.com\n1234,b,b@x.com\n");
        let lines: Vec<u64> = t.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4]);
        assert_eq!(t.records[0].get(&t.headers, e::FIRST_NAME), "two\nlines");
    }

    #[test]
    fn crlf_bom_semicolon() {
        let t = parse(b"\xEF\xBB\xBFmpn_id;first_name;email\r\n1234;\"a;b\";a@x.com\r\n");
        assert_eq!(t.facts.delimiter, b';');
        assert_eq!(t.records.len(), 1);
        assert_eq!(t.records[0].line, 2);
        assert_eq!(t.records[0].get(&t.headers, e::FIRST_NAME), "a;b");
    }

    #[test]
    fn mixed_line_endings_count_physical_lines() {
        let t = parse(b"mpn_id,first_name,email\r\n1234,a,a@x.com\n\n1234,b,b@x.com\r1234,c,c@x.com\r\n");
        let lines: Vec<u64> = t.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![2, 4, 5]);
    }

    #[test]
    fn field_count_mismatch_is_malformed_row() {
        let t = parse(b"mpn_id,first_name,email\n1234,a\n1234,b,b@x.com\n");
        assert_eq!(t.records.len(), 1);
        assert_eq!(t.findings.len(), 1);
        assert_eq!((t.findings[0].rule, t.findings[0].line), (Rule::MalformedRow, 2));
    }

    #[test]
    fn invalid_bytes_name_the_row_and_drop_it() {
        let t = parse(b"mpn_id,first_name,email\n1234,Ren\xE9e,a@x.com\n1234,b,b@x.com\n");
        assert_eq!(t.records.len(), 1);
        assert_eq!((t.findings[0].rule, t.findings[0].line), (Rule::InvalidEncoding, 2));
    }

    #[test]
    fn missing_column_drops_all_rows() {
        let t = parse(b"mpn_id,first_name\n1234,a\n");
        assert!(t.records.is_empty());
        assert_eq!(t.findings[0].rule, Rule::MissingColumn);
    }

    #[test]
    fn empty_file_reports_missing_columns() {
        let t = parse(b"");
        assert!(t.records.is_empty());
        assert!(t.findings.iter().all(|f| f.rule == Rule::MissingColumn && f.line == 1));
        assert!(!t.findings.is_empty());
    }
}
