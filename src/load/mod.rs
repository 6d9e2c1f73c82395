//! Stage 1, **load**: read an export (any encoding and dialect spreadsheets
//! write) into records that remember the physical line they start on.

pub mod dialect;
pub mod encoding;
pub mod headers;
pub mod hints;
pub mod workbook;

use crate::finding::{Finding, Rule};
use crate::model::InputFacts;
use crate::options::ReadOptions;
use crate::progress::Counter;
use headers::{ColumnSpec, HeaderMap};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("the file holds more than 4 GiB of field data; split it")]
    TooLarge,
    #[error(transparent)]
    Workbook(#[from] workbook::WorkbookError),
}

/// Every data record of a file, all fields back to back in one buffer: a
/// million rows are three allocations, not three million.
#[derive(Debug, Default)]
pub struct Store {
    text: String,
    /// End offset in `text` of every field of every record.
    ends: Vec<u32>,
    rows: Vec<RowMeta>,
}

#[derive(Debug, Clone, Copy)]
struct RowMeta {
    line: u64,
    /// Index in `ends` of the row's first field.
    first: u32,
    /// Offset in `text` where the row's first field starts.
    start: u32,
    len: u32,
}

impl Store {
    fn push(&mut self, line: u64, fields: &csv::StringRecord) -> Result<(), LoadError> {
        let too_large = || LoadError::TooLarge;
        let first = u32::try_from(self.ends.len()).map_err(|_| too_large())?;
        let start = u32::try_from(self.text.len()).map_err(|_| too_large())?;
        for field in fields {
            self.text.push_str(field);
            self.ends.push(u32::try_from(self.text.len()).map_err(|_| too_large())?);
        }
        self.rows.push(RowMeta { line, first, start, len: fields.len() as u32 });
        Ok(())
    }

    fn record(&self, k: u32) -> Record<'_> {
        let m = self.rows[k as usize];
        let ends = &self.ends[m.first as usize..(m.first + m.len) as usize];
        Record { line: m.line, text: &self.text, start: m.start, ends }
    }
}

/// One data record: its physical start line and its fields (a view into the store).
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    pub line: u64,
    text: &'a str,
    start: u32,
    ends: &'a [u32],
}

impl<'a> Record<'a> {
    /// The trimmed value of schema column `i` ("" when the column is absent).
    pub fn get(&self, map: &HeaderMap, i: usize) -> &'a str {
        map.fields[i].and_then(|f| self.field(f)).map_or("", str::trim)
    }

    /// Field `f` as written (untrimmed).
    pub fn field(&self, f: usize) -> Option<&'a str> {
        let end = *self.ends.get(f)? as usize;
        let start = if f == 0 { self.start as usize } else { self.ends[f - 1] as usize };
        Some(&self.text[start..end])
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Some records of a store (the usable ones, or the rejected ones).
#[derive(Debug, Default, Clone)]
pub struct Rows {
    store: std::sync::Arc<Store>,
    picks: Vec<u32>,
}

impl Rows {
    pub fn len(&self) -> usize {
        self.picks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.picks.is_empty()
    }

    /// The `k`-th record of this selection.
    pub fn at(&self, k: usize) -> Record<'_> {
        self.store.record(self.picks[k])
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = Record<'_>> + ExactSizeIterator + '_ {
        self.picks.iter().map(|&k| self.store.record(k))
    }

    pub fn par_iter(&self) -> impl rayon::iter::IndexedParallelIterator<Item = Record<'_>> + '_ {
        use rayon::prelude::*;
        self.picks.par_iter().map(|&k| self.store.record(k))
    }
}

impl<'a> IntoIterator for &'a Rows {
    type Item = Record<'a>;
    type IntoIter = Box<dyn Iterator<Item = Record<'a>> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

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
pub fn load_counted(
    path: &Path,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    counter: &Counter,
) -> Result<Table, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read { path: path.to_path_buf(), source })?;
    try_parse_bytes(&path.display().to_string(), bytes, schema, read, counter)
}

/// [`try_parse_bytes`] for inputs known to be under 4 GiB (tests, fuzzing).
pub fn parse_bytes(file: &str, bytes: Vec<u8>, schema: &[ColumnSpec], read: &ReadOptions) -> Table {
    try_parse_bytes(file, bytes, schema, read, &Counter::hidden()).expect("input under 4 GiB")
}

/// Everything after the read, apart so tests and fuzzing can feed bytes directly.
pub fn try_parse_bytes(
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
    let decoded = encoding::decode(bytes, read.encoding);
    let (sha256, parsed) = rayon::join(
        || early_sha256.unwrap_or_else(|| hex(&Sha256::digest(decoded.text.as_bytes()))),
        || parse_text(&decoded, file, schema, read, counter.reader(decoded.text.as_bytes(), file_len)),
    );
    let Parsed { headers, store, kept, rejected, findings, rows, delimiter } = parsed?;
    Ok(Table {
        facts: InputFacts {
            path: file.to_string(),
            source: file.to_string(),
            sha256,
            rows,
            ignored_columns: headers.ignored.clone(),
            delimiter,
            encoding: decoded.encoding.name(),
        },
        headers,
        records: Rows { store: store.clone(), picks: kept },
        rejected: Rows { store, picks: rejected },
        findings,
    })
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
        || workbook::read(file, bytes, kind, schema, read, &mut |line, rec| store.push(line, rec)),
    );
    let workbook::Sheet { source, headers, findings } = sheet?;
    store.text.shrink_to_fit();
    let (rows, ignored_columns, encoding) = (store.rows.len() as u32, headers.ignored.clone(), kind.describe());
    let facts =
        InputFacts { path: file.into(), source, sha256, rows: rows.into(), ignored_columns, delimiter: 0, encoding };
    let store = std::sync::Arc::new(store);
    let records = Rows { store: store.clone(), picks: (0..rows).collect() };
    Ok(Table { facts, headers, records, rejected: Rows { store, picks: Vec::new() }, findings })
}

/// What parsing a decoded file yields.
struct Parsed {
    headers: HeaderMap,
    store: std::sync::Arc<Store>,
    /// Indices of the records kept, and of those rejected (a wrong field count).
    kept: Vec<u32>,
    rejected: Vec<u32>,
    findings: Vec<Finding>,
    rows: u64,
    delimiter: u8,
}

fn parse_text(
    decoded: &encoding::Decoded,
    file: &str,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    source: crate::progress::Reading<'_>,
) -> Result<Parsed, LoadError> {
    let delimiter = read.delimiter.unwrap_or_else(|| dialect::sniff_delimiter(&decoded.text));
    let mut findings = Vec::new();

    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(source);
    let mut store = Store { text: String::with_capacity(decoded.text.len()), ..Store::default() };
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
        store.push(line, &record)?;
    }
    drop(reader);
    let (headers, header_findings) = hints::read_header(header_fields.as_ref(), store.rows.len(), schema, file);
    let header_fields = header_fields.unwrap_or_default();

    let encoding_name = decoded.encoding.name();
    let mut bad_records = vec![false; store.rows.len()];
    for &bad in &decoded.bad_lines {
        // The record whose span holds the bad line: the last one starting at or before it.
        let idx = store.rows.partition_point(|r| r.line <= bad);
        let (line, what) = if idx == 0 { (1, "the header") } else { (store.rows[idx - 1].line, "this row") };
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

    let rows = store.rows.len() as u64;
    let header_len = header_fields.len() as u32;
    let mut kept = Vec::with_capacity(store.rows.len());
    let mut rejected = Vec::new();
    for (k, (meta, bad)) in store.rows.iter().zip(bad_records).enumerate() {
        let k = k as u32;
        if bad {
            rejected.push(k);
            continue;
        }
        if meta.len != header_len {
            findings.push(Finding::new(
                file,
                meta.line,
                1,
                Rule::MalformedRow,
                format!("row has {} fields but the header has {header_len}", meta.len),
            ));
            rejected.push(k);
            continue;
        }
        kept.push(k);
    }
    if !header_findings.is_empty() {
        // Without its required columns no row of the file can be used.
        kept.clear();
        rejected.clear();
    }
    findings.extend(header_findings);
    store.text.shrink_to_fit();
    Ok(Parsed { headers, store: std::sync::Arc::new(store), kept, rejected, findings, rows, delimiter })
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
