//! Stage 1, **load**: read an export (any encoding and dialect spreadsheets
//! write) into records that remember the physical line they start on.

mod detect;
pub(crate) mod dialect;
pub(crate) mod encoding;
mod error;
mod header_row;
pub(crate) mod headers;
pub(crate) mod hints;
pub(crate) mod input;
mod left_out;
mod lines;
mod plausible;
pub(crate) mod records;
mod store;
pub(crate) mod summary;
mod text;
pub(crate) mod workbook;

use crate::core::finding::{Finding, Rule};
use crate::core::hex::hex;
use crate::core::model::InputFacts;
use crate::core::options::ReadOptions;
use crate::core::progress::Counter;
use encoding_rs::Encoding;
pub(crate) use error::LoadError;
use headers::{ColumnSpec, HeaderMap};
use sha2::{Digest, Sha256};
use std::path::Path;
pub(crate) use store::{Record, Rows, Store};

/// A loaded file: its facts, header map, usable records and load findings.
#[derive(Debug)]
pub struct Table {
    pub facts: InputFacts,
    pub headers: HeaderMap,
    pub records: Rows,
    /// Records left out by a load error (encoding, field count), already reported:
    /// later rules still need to know they exist (an organisation is not "unknown").
    pub rejected: Rows,
    pub findings: Vec<Finding>,
}

impl Table {
    /// True when none of the file's rows can be used: it lacks a required
    /// column, is not text, is empty, or has a header and no rows.
    pub fn unusable(&self) -> bool {
        !self.headers.usable || self.facts.rows == 0
    }

    /// How findings name the file: the path as given on the command line, or
    /// `path[Sheet]` for a workbook.
    pub fn file(&self) -> &str {
        &self.facts.source
    }

    /// A file that is not text: one `invalid-encoding` finding, nothing usable.
    fn not_text(file: &str, bytes: &[u8], schema: &[ColumnSpec], message: String) -> Table {
        Table {
            facts: InputFacts {
                path: file.to_string(),
                source: file.to_string(),
                sha256: hex(&Sha256::digest(bytes)),
                rows: 0,
                ignored_columns: Vec::new(),
                delimiter: b',',
                encoding: "not text",
                ..InputFacts::default()
            },
            headers: hints::unusable_header(schema, file),
            records: Rows::default(),
            rejected: Rows::default(),
            findings: vec![Finding::new(file, 1, 1, Rule::InvalidEncoding, message)],
        }
    }
}

pub fn load_file(path: &Path, schema: &[ColumnSpec], read: &ReadOptions) -> Result<Table, LoadError> {
    load_counted(path, schema, read, &Counter::hidden())
}

/// [`load_file`], counting the file's bytes on `counter` as they are parsed.
pub(crate) fn load_counted(
    path: &Path,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    counter: &Counter,
) -> Result<Table, LoadError> {
    let file = path.display().to_string();
    // A stream's first bytes that make it one `invalid-encoding` finding are
    // all that is read of it (a workbook is never judged by its first bytes).
    let not_text = |head: &[u8]| {
        workbook::Kind::detect(&file, head).is_none()
            && !head.starts_with(b"PK")
            && hints::not_text(head, read.encoding).is_some()
    };
    let bytes = input::read(path, not_text)?;
    try_parse_bytes(&file, bytes, schema, read, counter)
}

/// [`try_parse_bytes`] for inputs known to be under 4 GiB (tests, fuzzing).
pub fn parse_bytes(file: &str, bytes: Vec<u8>, schema: &[ColumnSpec], read: &ReadOptions) -> Table {
    try_parse_bytes(file, bytes, schema, read, &Counter::hidden()).expect("input under 4 GiB")
}

/// Everything after the read, apart so tests and fuzzing can feed bytes directly.
pub(crate) fn try_parse_bytes(
    file: &str,
    bytes: Vec<u8>,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    counter: &Counter,
) -> Result<Table, LoadError> {
    if let Some(kind) = workbook::Kind::detect(file, &bytes) {
        return read_workbook(file, &bytes, kind, schema, read);
    }
    if let Some(message) = hints::not_text(&bytes, read.encoding) {
        return Ok(Table::not_text(file, &bytes, schema, message));
    }
    let file_len = bytes.len() as u64;
    // When decoding keeps the bytes as they are (plain UTF-8), the text is hashed
    // while it is parsed; otherwise the original bytes are hashed first.
    let unchanged = read.encoding.is_none_or(|e| e == encoding_rs::UTF_8)
        && !bytes.starts_with(b"\xEF\xBB\xBF")
        && std::str::from_utf8(&bytes).is_ok();
    let early_sha256 = (!unchanged).then(|| hex(&Sha256::digest(&bytes)));
    let looks_like = looks_like(&bytes, read.encoding, unchanged);
    let decoded = encoding::decode(bytes, read.encoding);
    // The guess is a hint only where it differs from what was read.
    let hint = detect::hint(looks_like.filter(|&e| e != decoded.encoding));
    let (sha256, parsed) = rayon::join(
        || early_sha256.unwrap_or_else(|| hex(&Sha256::digest(decoded.text.as_bytes()))),
        || text::parse_text(&decoded, file, schema, read, &hint, counter.reader(decoded.text.len(), file_len)),
    );
    let text::Parsed { mut headers, store, mut kept, mut rejected, mut findings, rows, delimiter, passed_over } =
        parsed?;
    let store = std::sync::Arc::new(store);
    let guessed = looks_like.and_then(|e| detect::other_script(e, decoded.encoding));
    if let Some(guessed) = guessed.filter(|_| read.encoding.is_some() && plausible::judged(decoded.encoding)) {
        let rows = Rows { store: store.clone(), picks: kept.clone() };
        if let Some(suspect) = plausible::first_suspect(&rows, &headers, schema, file, decoded.encoding, guessed) {
            // As for a missing column: no row of the file is used.
            findings.push(suspect);
            headers.usable = false;
            (kept, rejected) = (Vec::new(), Vec::new());
        }
    }
    Ok(Table {
        facts: InputFacts {
            path: file.to_string(),
            source: file.to_string(),
            sha256,
            rows,
            // Header names are listed in reports and on the terminal: cut like any quoted value.
            ignored_columns: headers.ignored.iter().map(|c| crate::core::finding::cut(c).into_owned()).collect(),
            delimiter,
            encoding: decoded.encoding.name(),
            passed_over,
            renamed: headers.renamed.clone(),
        },
        headers,
        records: Rows { store: store.clone(), picks: kept },
        rejected: Rows { store, picks: rejected },
        findings,
    })
}

/// The encoding the detector takes the bytes for, asked only where it can
/// matter: bytes without a byte-order mark that are not UTF-8 (to name their
/// encoding), or read with a `--encoding` other than UTF-8 (to judge it).
fn looks_like(bytes: &[u8], given: Option<&'static Encoding>, utf8: bool) -> Option<&'static Encoding> {
    if Encoding::for_bom(bytes).is_some() {
        return None;
    }
    match given.filter(|&e| e != encoding_rs::UTF_8) {
        Some(_) => Some(detect::guess(bytes, true)),
        None => (!utf8).then(|| detect::guess(bytes, false)),
    }
}

/// The chosen sheet of a workbook as a table: its records arrive as text with
/// their row numbers, as a CSV file's do; the facts hash the file's bytes.
fn read_workbook(
    file: &str,
    bytes: &[u8],
    kind: workbook::Kind,
    schema: &[ColumnSpec],
    read: &ReadOptions,
) -> Result<Table, LoadError> {
    let mut store = Store::default();
    let (sha256, sheet) = rayon::join(
        || hex(&Sha256::digest(bytes)),
        || workbook::read(file, bytes, kind, schema, read, &mut |line, rec| store.push_record(line, rec)),
    );
    let workbook::Sheet { source, headers, findings, passed_over } = sheet?;
    store.text.shrink_to_fit();
    let (rows, ignored_columns, encoding) = (store.rows.len() as u32, headers.ignored.clone(), kind.describe());
    let renamed = headers.renamed.clone();
    let (path, rows_read) = (file.to_string(), rows.into());
    let facts = InputFacts {
        path,
        source,
        sha256,
        rows: rows_read,
        ignored_columns,
        delimiter: 0,
        encoding,
        passed_over,
        renamed,
    };
    let store = std::sync::Arc::new(store);
    let records = Rows { store: store.clone(), picks: (0..rows).collect() };
    Ok(Table { facts, headers, records, rejected: Rows { store, picks: Vec::new() }, findings })
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
        assert_eq!(t.records.at(0).get(&t.headers, e::FIRST_NAME), "two\nlines");
    }

    #[test]
    fn crlf_bom_semicolon() {
        let t = parse(b"\xEF\xBB\xBFmpn_id;first_name;email\r\n1234;\"a;b\";a@x.com\r\n");
        assert_eq!(t.facts.delimiter, b';');
        assert_eq!(t.records.len(), 1);
        assert_eq!(t.records.at(0).line, 2);
        assert_eq!(t.records.at(0).get(&t.headers, e::FIRST_NAME), "a;b");
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
}
