//! Workbooks (design §3): `.xlsx`, `.xlsm`, `.xlsb`, `.xls` and `.ods` read with
//! calamine. The chosen sheet's rows are handed over as text records with
//! their row numbers, the same the CSV path makes, so validation and planning
//! cannot tell a workbook from a CSV file; findings name it `path[Sheet]`.

mod cells;

use super::header_row::{Search, Verdict};
use super::headers::{self, ColumnSpec, HeaderMap, Need};
use crate::core::finding::{Finding, Rule, quote};
use crate::core::options::ReadOptions;
use calamine::{Ods, Reader, SheetType, SheetVisible, Xls, Xlsb, Xlsx};
use cells::{CellStream, MAX_COLUMNS, RangeRows, SheetRows};
use csv::StringRecord;
use std::io::Cursor;

const ZIP: &[u8] = b"PK\x03\x04";
const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
const ODS_MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

impl Kind {
    /// The workbook format of `bytes`, by magic bytes first: a renamed workbook
    /// is still a workbook, and a text export named `.xls` (as many web exports
    /// are) is still text. The extension only names a zip's format when its
    /// entries don't.
    pub(crate) fn detect(file: &str, bytes: &[u8]) -> Option<Kind> {
        if bytes.starts_with(OLE2) {
            return Some(Kind::Xls);
        }
        if !bytes.starts_with(ZIP) {
            return None;
        }
        if is_ods(bytes) {
            return Some(Kind::Ods);
        }
        let ext = file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let has = |name: &[u8]| memchr::memmem::find(bytes, name).is_some();
        if has(b"xl/workbook.xml") {
            Some(Kind::Xlsx)
        } else if has(b"xl/workbook.bin") {
            Some(Kind::Xlsb)
        } else {
            match ext.as_str() {
                "xlsx" | "xlsm" => Some(Kind::Xlsx),
                "xlsb" => Some(Kind::Xlsb),
                "ods" => Some(Kind::Ods),
                _ => None,
            }
        }
    }

    /// What the report says in place of an encoding.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx workbook",
            Kind::Xlsb => "xlsb workbook",
            Kind::Xls => "xls workbook",
            Kind::Ods => "ods workbook",
        }
    }
}

/// An OpenDocument file starts with an uncompressed `mimetype` entry.
fn is_ods(bytes: &[u8]) -> bool {
    let u16_at = |i: usize| bytes.get(i..i + 2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
    let (name_len, extra_len) = (u16_at(26), u16_at(28));
    let data = 30 + name_len + extra_len;
    bytes.get(30..30 + name_len) == Some(b"mimetype".as_slice())
        && bytes.get(data..).is_some_and(|d| d.starts_with(ODS_MIMETYPE))
}

/// A workbook that cannot be opened or read (damaged, encrypted, not what
/// its magic bytes say): an unreadable input, not a finding.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("cannot read {file} as a workbook: {message}")]
    Unreadable { file: String, message: String },
    /// The format's library could not open it. Its own words ("Could not find
    /// EOCD", "Invalid sector shift") tell the person nothing they can act
    /// on, so the message says what the file is not and what to do instead.
    #[error(
        "{file} is not a readable {format} workbook: open it in Excel or LibreOffice and save it again as .xlsx, \
         or as CSV"
    )]
    NotOpened { file: String, format: &'static str },
}

fn workbook_error(file: &str, message: impl std::fmt::Display) -> WorkbookError {
    WorkbookError::Unreadable { file: file.to_string(), message: message.to_string() }
}

fn not_opened(file: &str, kind: Kind) -> WorkbookError {
    let format = match kind {
        Kind::Xlsx => ".xlsx",
        Kind::Xlsb => ".xlsb",
        Kind::Xls => ".xls",
        Kind::Ods => ".ods",
    };
    WorkbookError::NotOpened { file: file.to_string(), format }
}

/// The sheet read (or, when none fits, the findings that say why).
pub(crate) struct Sheet {
    /// `path[Sheet]`, or the path when no sheet was chosen.
    pub source: String,
    pub headers: HeaderMap,
    pub findings: Vec<Finding>,
    /// The rows above the header, for the load summary.
    pub passed_over: Vec<String>,
}

/// Read the sheet of a workbook that holds this export: `push` receives each
/// record with its row number (never a row of a sheet that does not fit).
pub(crate) fn read<E: From<WorkbookError>>(
    file: &str,
    bytes: &[u8],
    kind: Kind,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    push: &mut dyn FnMut(u64, &StringRecord) -> Result<(), E>,
) -> Result<Sheet, E> {
    // A damaged workbook must be an error naming the file, not a crash.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| choose(file, bytes, kind, schema, read, push)))
        .unwrap_or_else(|_| Err(workbook_error(file, "the workbook is damaged").into()))
}

/// What one sheet turned out to be.
enum Outcome {
    /// No cell has a value.
    Empty,
    /// The header row (its first row with a value) lacks required columns.
    Wrong { headers: HeaderMap, findings: Vec<Finding> },
    Fits {
        headers: HeaderMap,
        /// The header's spreadsheet row, and how many records followed it.
        header_line: u64,
        records: u64,
        passed_over: Vec<String>,
    },
}

fn choose<E: From<WorkbookError>>(
    file: &str,
    bytes: &[u8],
    kind: Kind,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    push: &mut dyn FnMut(u64, &StringRecord) -> Result<(), E>,
) -> Result<Sheet, E> {
    let fail = |e: String| workbook_error(file, e);
    if kind == Kind::Xls && memchr::memmem::find(bytes, &utf16("EncryptedPackage")).is_some() {
        return Err(fail("it is password-protected; save a copy without a password and read that".into()).into());
    }
    if kind != Kind::Xls {
        check_unpacked_size(bytes).map_err(fail)?;
    }
    let mut book = Book::open(kind, bytes).map_err(|_| not_opened(file, kind))?;
    let worksheets: Vec<(String, bool)> = book
        .sheets()
        .into_iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name, s.visible == SheetVisible::Visible))
        .collect();
    // --sheet names a sheet (hidden ones too), case-insensitively as Excel does;
    // otherwise every visible sheet is a candidate, in workbook order.
    let candidates: Vec<String> = if read.sheets.is_empty() {
        worksheets.iter().filter(|(_, visible)| *visible).map(|(n, _)| n.clone()).collect()
    } else {
        read.sheets
            .iter()
            .filter_map(|want| worksheets.iter().find(|(n, _)| n.to_lowercase() == want.to_lowercase()))
            .map(|(n, _)| n.clone())
            .collect()
    };
    let mut tried = Vec::new();
    for name in candidates {
        let label = format!("{file}[{name}]");
        match book.with_rows(&name, |rows| read_sheet(rows, schema, read, &label, file, push)).map_err(fail)?? {
            Outcome::Fits { headers, header_line, records, passed_over } => {
                // A header without records is a truncated export, as in a CSV file.
                let findings = if records == 0 {
                    let message = "the header is there but no rows follow: was the export cut short? Export it again";
                    vec![Finding::new(&label, header_line, 1, Rule::NoRows, message.to_string())]
                } else {
                    Vec::new()
                };
                return Ok(Sheet { source: label, headers, findings, passed_over });
            }
            outcome => tried.push((name, label, outcome)),
        }
    }
    Ok(match tried.len() {
        // One sheet: its own findings, as a CSV file with that header would get.
        1 => {
            let (_, label, outcome) = tried.pop().expect("one sheet");
            let (headers, findings) = match outcome {
                Outcome::Wrong { headers, findings } => (headers, findings),
                // No cell has a value: one empty-file, as for an empty CSV file.
                _ => super::hints::judge_header(None, 0, schema, &label),
            };
            Sheet { source: label, headers, findings, passed_over: Vec::new() }
        }
        _ => {
            let message = if tried.is_empty() {
                no_candidate(&worksheets, &read.sheets)
            } else {
                let each: Vec<String> =
                    tried.iter().map(|(name, _, o)| format!("{} ({})", quote(name), lacks(schema, o))).collect();
                format!("no sheet has the required columns; tried {}", each.join(", "))
            };
            let headers = headers::match_headers(&[], schema, file).0;
            let findings = vec![Finding::new(file, 1, 1, Rule::MissingColumn, message)];
            Sheet { source: file.to_string(), headers, findings, passed_over: Vec::new() }
        }
    })
}

/// Why no sheet was even tried: `--sheet` named none of them, or all are hidden.
fn no_candidate(worksheets: &[(String, bool)], wanted: &[String]) -> String {
    let names: Vec<String> = worksheets.iter().map(|(n, _)| quote(n)).collect();
    if worksheets.is_empty() {
        "the workbook has no worksheet".to_string()
    } else if wanted.is_empty() {
        format!("every sheet is hidden ({}); name one with --sheet", names.join(", "))
    } else {
        let wanted: Vec<String> = wanted.iter().map(|n| quote(n)).collect();
        format!("no sheet named {} (its sheets: {})", wanted.join(" or "), names.join(", "))
    }
}

/// What a sheet that does not fit lacks, for the message naming the sheets tried.
fn lacks(schema: &[ColumnSpec], outcome: &Outcome) -> String {
    let Outcome::Wrong { headers, .. } = outcome else { return "empty".to_string() };
    let absent = |need: Need| schema.iter().zip(&headers.fields).filter(move |(s, f)| s.need == need && f.is_none());
    let mut names: Vec<String> = absent(Need::Required).map(|(s, _)| s.name.to_string()).collect();
    let one_of: Vec<&str> = absent(Need::OneOf).map(|(s, _)| s.name).collect();
    if !one_of.is_empty() && one_of.len() == schema.iter().filter(|s| s.need == Need::OneOf).count() {
        names.push(one_of.join(" or "));
    }
    format!("no {}", names.join(", "))
}

/// The header is searched for among the first rows (design §9); the rows
/// after it are records, each padded to the header's width and numbered as
/// the spreadsheet shows it.
fn read_sheet<E: From<WorkbookError>>(
    rows: &mut dyn SheetRows,
    schema: &[ColumnSpec],
    read: &ReadOptions,
    label: &str,
    file: &str,
    push: &mut dyn FnMut(u64, &StringRecord) -> Result<(), E>,
) -> Result<Outcome, E> {
    let fail = |e: String| workbook_error(file, e);
    let mut search = Search::new(schema, read, label);
    // Rows kept while searching: (spreadsheet row, cells).
    let mut pending: Vec<(u64, StringRecord)> = Vec::new();
    let mut rec = StringRecord::new();
    let mut after = None; // a row read past the search, to be taken as data
    let (header_line, header) = loop {
        let Some(row) = rows.next_row(&mut rec, MAX_COLUMNS).map_err(fail)? else {
            if pending.iter().all(|(_, r)| blank(r)) {
                return Ok(Outcome::Empty);
            }
            break take_fallback(&pending, &search);
        };
        let line = u64::from(row) + 1;
        let names: Vec<&str> = rec.iter().collect();
        match search.offer(line, &names) {
            Verdict::Header => break (line, rec.clone()),
            Verdict::Wait => pending.push((line, rec.clone())),
            Verdict::GiveUp => {
                after = Some((line, rec.clone()));
                break take_fallback(&pending, &search);
            }
        }
    };
    let names: Vec<&str> = header.iter().collect();
    let (headers, mut findings) = headers::match_with(&names, schema, label, &read.columns);
    if !findings.is_empty() {
        search.explain(header_line, &mut findings);
        return Ok(Outcome::Wrong { headers, findings });
    }
    let width = header.len();
    let mut records = 0;
    let mut take = |line: u64, rec: &mut StringRecord| -> Result<(), E> {
        if blank(rec) {
            return Ok(());
        }
        rec.truncate(width);
        while rec.len() < width {
            rec.push_field("");
        }
        records += 1;
        push(line, rec)
    };
    // Rows kept after a header read by fallback, and the row past the search, are data.
    for (line, mut r) in pending.into_iter().filter(|(line, _)| *line > header_line).chain(after) {
        take(line, &mut r)?;
    }
    while let Some(row) = rows.next_row(&mut rec, width).map_err(fail)? {
        take(u64::from(row) + 1, &mut rec)?;
    }
    let passed_over = search.passed_over(header_line);
    Ok(Outcome::Fits { headers, header_line, records, passed_over })
}

fn blank(rec: &StringRecord) -> bool {
    rec.iter().all(|f| f.trim().is_empty())
}

/// No row of the search fits: the one [`Search::fallback`] picks is the header.
fn take_fallback(pending: &[(u64, StringRecord)], search: &Search<'_>) -> (u64, StringRecord) {
    pending[search.fallback()].clone()
}

/// How far past its own size a workbook may unpack where it is held whole:
/// design §3 keeps memory under the file's size plus 256 MB.
const MAX_UNPACKED: u64 = 256 << 20;
/// Deflate packs spreadsheet XML about 10:1; a bomb packs thousands to one.
const MAX_RATIO: u64 = 100;

/// Refuse a decompression bomb (a few KB that unpack to gigabytes) before
/// calamine opens it, as an unreadable input rather than an out-of-memory:
/// an entry that unpacks past the file's size plus 256 MB is refused when it
/// packs over 100:1, or when it is the shared strings, which are read whole
/// (sheets are streamed). The sizes are those the zip directory declares.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    let limit = MAX_UNPACKED + bytes.len() as u64;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_raw(i) else { continue };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let held_whole = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        if size > limit && (held_whole || size / packed > MAX_RATIO) {
            return Err(format!(
                "it unpacks to {} MB ({} in the zip), over the limit of {} MB (its size plus 256 MB) for what \
                 packs over {MAX_RATIO}:1 or is read whole: save the sheet as CSV and read that",
                size >> 20,
                name,
                limit >> 20
            ));
        }
    }
    Ok(())
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// One open workbook of any format.
enum Book<'b> {
    Xlsx(Xlsx<Cursor<&'b [u8]>>),
    Xlsb(Xlsb<Cursor<&'b [u8]>>),
    Xls(Xls<Cursor<&'b [u8]>>),
    Ods(Ods<Cursor<&'b [u8]>>),
}

fn text(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl<'b> Book<'b> {
    fn open(kind: Kind, bytes: &'b [u8]) -> Result<Self, String> {
        let c = Cursor::new(bytes);
        Ok(match kind {
            Kind::Xlsx => Book::Xlsx(Xlsx::new(c).map_err(text)?),
            Kind::Xlsb => Book::Xlsb(Xlsb::new(c).map_err(text)?),
            Kind::Xls => Book::Xls(Xls::new(c).map_err(text)?),
            Kind::Ods => Book::Ods(Ods::new(c).map_err(text)?),
        })
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        match self {
            Book::Xlsx(b) => b.sheets_metadata().to_vec(),
            Book::Xlsb(b) => b.sheets_metadata().to_vec(),
            Book::Xls(b) => b.sheets_metadata().to_vec(),
            Book::Ods(b) => b.sheets_metadata().to_vec(),
        }
    }

    /// Run `f` over the rows of sheet `name`: streamed where calamine can.
    fn with_rows<T>(&mut self, name: &str, f: impl FnOnce(&mut dyn SheetRows) -> T) -> Result<T, String> {
        Ok(match self {
            Book::Xlsx(b) => {
                let mut cells = b.worksheet_cells_reader(name).map_err(text)?;
                f(&mut CellStream::new(move || cells.next_cell().map_err(text)))
            }
            Book::Xlsb(b) => {
                let mut cells = b.worksheet_cells_reader(name).map_err(text)?;
                f(&mut CellStream::new(move || cells.next_cell().map_err(text)))
            }
            Book::Xls(b) => f(&mut RangeRows::new(b.worksheet_range(name).map_err(text)?)),
            Book::Ods(b) => f(&mut RangeRows::new(b.worksheet_range(name).map_err(text)?)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_magic_bytes_whatever_the_name() {
        let xlsx = b"PK\x03\x04 ... [Content_Types].xml ... xl/workbook.xml ...";
        assert_eq!(Kind::detect("export.csv", xlsx), Some(Kind::Xlsx));
        assert_eq!(Kind::detect("export.dat", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Some(Kind::Xls));
        let mut ods = b"PK\x03\x04".to_vec();
        ods.extend([0; 22]);
        ods.extend([8, 0, 0, 0]);
        ods.extend(b"mimetype");
        ods.extend(ODS_MIMETYPE);
        assert_eq!(Kind::detect("renamed.zip", &ods), Some(Kind::Ods));
    }

    #[test]
    fn text_named_like_a_workbook_is_text_and_a_plain_zip_is_no_workbook() {
        assert_eq!(Kind::detect("export.xls", b"mpn_id\tname\n1234\tA\n"), None);
        assert_eq!(Kind::detect("export.zip", b"PK\x03\x04 docs/readme.txt"), None);
        assert_eq!(Kind::detect("export.XLSX", b"PK\x03\x04 docs/readme.txt"), Some(Kind::Xlsx));
    }
}
