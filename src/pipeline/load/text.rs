//! The record loop over a decoded CSV file: the header is searched for among
//! the first rows ([`header_row`]), then every record after it is kept,
//! rejected with a finding, or (past the listing limit) only counted.

use super::error::LoadError;
use super::header_row::{Search, Verdict};
use super::headers::{ColumnSpec, HeaderMap};
use super::left_out::{Bad, BadLines, Listing};
use super::lines::LineCounter;
use super::store::Store;
use super::{encoding, hints, records};
use crate::core::finding::{Finding, Rule};
use crate::core::options::ReadOptions;

/// What parsing a decoded file yields.
pub(super) struct Parsed {
    pub headers: HeaderMap,
    pub store: Store,
    /// Indices of the records kept, and of those rejected (a wrong field count).
    pub kept: Vec<u32>,
    pub rejected: Vec<u32>,
    pub findings: Vec<Finding>,
    pub rows: u64,
    pub delimiter: u8,
    /// The rows above the header, for the load summary.
    pub passed_over: Vec<String>,
}

/// A record read before the header was found, kept until it is known to be
/// a row above the header or (when none fits) the header or a data row.
struct Pending {
    line: u64,
    bad: Option<Bad>,
    oversize: Option<records::Oversize>,
    data: String,
    ends: Vec<usize>,
}

/// What the loop knows once the header is read.
struct Body<'a> {
    file: &'a str,
    encoding_name: &'a str,
    hint: &'a str,
    header: hints::Header,
    header_len: usize,
    /// The header names every required column (rows of a file that lacks one are not kept).
    usable: bool,
    store: Store,
    kept: Vec<u32>,
    rejected: Vec<u32>,
    findings: Vec<Finding>,
    listing: Listing,
}

impl Body<'_> {
    /// Take one record after the header.
    fn row(&mut self, line: u64, p: RowIn<'_>) -> Result<(), LoadError> {
        let RowIn { bad, oversize, data, ends } = p;
        if oversize.is_none() && fields(data, ends).all(|f| f.trim().is_empty()) {
            return Ok(()); // blank rows that spreadsheets leave at the end
        }
        self.listing.rows += 1;
        let wrong_count = ends.len() != self.header_len;
        // Without its required columns no row of the file can be used: none is kept.
        if oversize.is_none() && bad.is_none() && !wrong_count {
            if self.usable {
                self.kept.push(self.store.rows.len() as u32);
                self.store.push(line, data, ends)?;
            }
            return Ok(());
        }
        if !self.listing.list(line) {
            return Ok(()); // past the listing limit: counted in the summary
        }
        let file = self.file;
        self.findings.push(match (oversize, bad) {
            (Some(over), _) => Finding::new(file, line, over.column(), Rule::MalformedRow, over.message("row")),
            (None, Some(bad)) => encoding_finding(file, line, bad, "this row", self.encoding_name, self.hint),
            (None, None) => Finding::new(
                file,
                line,
                1,
                Rule::MalformedRow,
                format!("row has {} fields but the header has {}", ends.len(), self.header_len),
            ),
        });
        if self.usable && oversize.is_none() {
            self.rejected.push(self.store.rows.len() as u32);
            self.store.push(line, data, ends)?;
        }
        Ok(())
    }
}

/// One record as the reader hands it over.
struct RowIn<'a> {
    bad: Option<Bad>,
    oversize: Option<records::Oversize>,
    data: &'a str,
    ends: &'a [usize],
}

impl Pending {
    fn as_row(&self) -> RowIn<'_> {
        RowIn { bad: self.bad.clone(), oversize: self.oversize, data: &self.data, ends: &self.ends }
    }
}

pub(super) fn parse_text(
    decoded: &encoding::Decoded,
    file: &str,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    hint: &str,
    mut source: crate::core::progress::Reading,
) -> Result<Parsed, LoadError> {
    let delimiter = read.delimiter.unwrap_or_else(|| super::dialect::sniff_delimiter(records::head(&decoded.text)));
    let encoding_name = decoded.encoding.name();
    let store = Store { text: String::with_capacity(decoded.text.len()), ..Store::default() };
    let mut store = Some(store);
    let mut search = Search::new(schema, read, file);
    let mut pending: Vec<Pending> = Vec::new();
    let mut body: Option<Body<'_>> = None;
    let mut lines = LineCounter::new(decoded.text.as_bytes());
    let mut bad_lines = BadLines::new(&decoded.bad_lines, decoded.bad_from);
    let mut reader = records::RecordReader::new(decoded.text.as_bytes(), delimiter);
    // The header row chosen from the rows kept so far, and the body it starts.
    let start = |header: Pending, search: &Search<'_>, store: Store| {
        let names: Vec<&str> = fields(&header.data, &header.ends).collect();
        let mut findings = Vec::new();
        if let Some(over) = header.oversize {
            findings.push(Finding::new(file, header.line, over.column(), Rule::MalformedRow, over.message("header")));
        }
        if let Some(bad) = header.bad {
            findings.push(encoding_finding(file, header.line, bad, "the header", encoding_name, hint));
        }
        let mut matched = hints::Header::read(&names, header.oversize.is_some(), schema, file, &read.columns);
        matched.line = header.line;
        if !matched.findings.is_empty() {
            search.explain(header.line, &mut matched.findings);
        }
        let usable = matched.findings.is_empty();
        let header_len = names.len();
        Body {
            file,
            encoding_name,
            hint,
            header: matched,
            header_len,
            usable,
            store,
            kept: Vec::new(),
            rejected: Vec::new(),
            findings,
            listing: Listing::default(),
        }
    };
    while let Some(span) = reader.next_record() {
        let line = lines.line_at(span.start);
        let bad = bad_lines.take(lines.last_line(span.end));
        let (data, ends) = reader.raw();
        // The text is valid UTF-8 and csv-core only drops ASCII bytes, so this can't fail.
        let data = std::str::from_utf8(data).unwrap_or_default();
        source.reached(span.end);
        let row = RowIn { bad, oversize: span.oversize, data, ends };
        if let Some(body) = &mut body {
            body.row(line, row)?;
            continue;
        }
        let names: Vec<&str> = fields(data, ends).collect();
        let verdict = search.offer(line, &names);
        let this = Pending { line, bad: row.bad.clone(), oversize: row.oversize, data: data.into(), ends: ends.into() };
        match verdict {
            Verdict::Wait => pending.push(this),
            Verdict::Header => body = Some(start(this, &search, store.take().expect("once"))),
            Verdict::GiveUp => {
                let mut b = fall_back(&mut pending, &search, |h| start(h, &search, store.take().expect("once")))?;
                b.row(line, row)?;
                body = Some(b);
            }
        }
    }
    drop(reader);
    let body = match body {
        Some(body) => Some(body),
        None if pending.is_empty() => None,
        None => Some(fall_back(&mut pending, &search, |h| start(h, &search, store.take().expect("once")))?),
    };
    let Some(mut body) = body else {
        let (headers, findings) = hints::judge_header(None, 0, schema, file);
        let store = store.take().unwrap_or_default();
        let kept = Vec::new();
        return Ok(Parsed {
            headers,
            store,
            kept,
            rejected: Vec::new(),
            findings,
            rows: 0,
            delimiter,
            passed_over: Vec::new(),
        });
    };
    body.findings.extend(body.listing.summary(file));
    let rows = body.listing.rows;
    let passed_over = search.passed_over(body.header.line);
    let (headers, header_findings) = hints::judge_header(Some(body.header), rows as usize, schema, file);
    body.findings.extend(header_findings);
    body.store.text.shrink_to_fit();
    let Body { store, kept, rejected, findings, .. } = body;
    Ok(Parsed { headers, store, kept, rejected, findings, rows, delimiter, passed_over })
}

/// No row of the first ten fits: the first kept with a value is read as the
/// header (`start`), and the rows kept after it are data.
fn fall_back<'a>(
    pending: &mut Vec<Pending>,
    search: &Search<'_>,
    start: impl FnOnce(Pending) -> Body<'a>,
) -> Result<Body<'a>, LoadError> {
    let at = search.fallback();
    let mut rest = pending.split_off(at);
    let header = rest.remove(0);
    let mut body = start(header);
    for p in &rest {
        body.row(p.line, p.as_row())?;
    }
    Ok(body)
}

/// `invalid-encoding` for bytes not valid in `encoding_name`, with `hint`
/// ([`super::detect::hint`]) on what to pass instead.
fn encoding_finding(file: &str, line: u64, bad: Bad, what: &str, encoding_name: &str, hint: &str) -> Finding {
    let message = match bad {
        Bad::Lines(bad, 0) => format!("line {bad} of {what} has bytes that are not valid {encoding_name}; {hint}"),
        Bad::Lines(bad, more) => {
            format!(
                "line {bad} of {what} (and {more} more of its lines) has bytes that are not valid {encoding_name}; {hint}"
            )
        }
        Bad::Rest(from) => format!(
            "more than {} byte sequences that are not valid {encoding_name}: from line {from} on the file is not read \
             as {encoding_name}; {hint}",
            encoding::MAX_INVALID
        ),
    };
    Finding::new(file, line, 1, Rule::InvalidEncoding, message)
}

/// The fields of a record read by [`records::RecordReader`].
fn fields<'a>(data: &'a str, ends: &'a [usize]) -> impl Iterator<Item = &'a str> + 'a {
    ends.iter().scan(0, move |start, &end| Some(&data[std::mem::replace(start, end)..end]))
}
