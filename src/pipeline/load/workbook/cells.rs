//! A sheet as rows of text: each row's cells from column A (gaps as ""), each
//! cell written as the CSV a spreadsheet would save, so the rules of design §4
//! see the same strings: whole numbers without `.0`, date cells as YYYY-MM-DD.

use calamine::{Cell, Data, DataRef, ExcelDateTime, Range};
use csv::StringRecord;
use std::fmt::Write;

/// The widest sheet Excel and LibreOffice make (XFD): a cell further right is
/// damage, not data, and is skipped rather than padded to.
pub(super) const MAX_COLUMNS: usize = 16_384;

/// The rows of one sheet, top to bottom.
pub(super) trait SheetRows {
    /// Fill `rec` with the next row that has any cell (at most `width` fields)
    /// and return its 0-based row index.
    fn next_row(&mut self, rec: &mut StringRecord, width: usize) -> Result<Option<u32>, String>;
}

/// Rows from a streaming cell reader (.xlsx, .xlsb): a million rows never sit
/// in memory as cells, only as the loader's text.
pub(super) struct CellStream<'a, F> {
    next: F,
    pending: Option<Cell<DataRef<'a>>>,
    /// The reader said "no more": asking again would read past the sheet's end.
    done: bool,
    tmp: String,
}

impl<'a, F> CellStream<'a, F>
where
    F: FnMut() -> Result<Option<Cell<DataRef<'a>>>, String>,
{
    pub(super) fn new(next: F) -> Self {
        CellStream { next, pending: None, done: false, tmp: String::new() }
    }
}

impl<'a, F> SheetRows for CellStream<'a, F>
where
    F: FnMut() -> Result<Option<Cell<DataRef<'a>>>, String>,
{
    fn next_row(&mut self, rec: &mut StringRecord, width: usize) -> Result<Option<u32>, String> {
        rec.clear();
        let first = match self.pending.take() {
            Some(cell) => cell,
            None if self.done => return Ok(None),
            None => match (self.next)()? {
                Some(cell) => cell,
                None => {
                    self.done = true;
                    return Ok(None);
                }
            },
        };
        let row = first.get_position().0;
        let mut cell = first;
        loop {
            let col = cell.get_position().1 as usize;
            // Cells come left to right; one out of order (a damaged file) is skipped.
            if col < width && col >= rec.len() {
                pad(rec, col);
                self.tmp.clear();
                data_ref_text(cell.get_value(), &mut self.tmp);
                rec.push_field(&self.tmp);
            }
            match (self.next)()? {
                Some(c) if c.get_position().0 == row => cell = c,
                other => {
                    self.done = other.is_none();
                    self.pending = other;
                    return Ok(Some(row));
                }
            }
        }
    }
}

/// Rows of a sheet read whole (.xls, .ods: calamine has no streaming reader
/// for them; .xls holds at most 65,536 rows anyway).
pub(super) struct RangeRows {
    range: Range<Data>,
    next: usize,
    tmp: String,
}

impl RangeRows {
    pub(super) fn new(range: Range<Data>) -> Self {
        RangeRows { range, next: 0, tmp: String::new() }
    }
}

impl SheetRows for RangeRows {
    fn next_row(&mut self, rec: &mut StringRecord, width: usize) -> Result<Option<u32>, String> {
        rec.clear();
        let Some((row0, col0)) = self.range.start() else { return Ok(None) };
        if self.next >= self.range.height() {
            return Ok(None);
        }
        let r = self.next;
        self.next += 1;
        for c in 0..self.range.width() {
            let col = col0 as usize + c;
            if col >= width {
                break;
            }
            let value = self.range.get((r, c)).unwrap_or(&Data::Empty);
            if matches!(value, Data::Empty) {
                continue;
            }
            pad(rec, col);
            self.tmp.clear();
            data_text(value, &mut self.tmp);
            rec.push_field(&self.tmp);
        }
        Ok(Some(row0 + r as u32))
    }
}

/// Empty fields up to (not including) column `col`.
fn pad(rec: &mut StringRecord, col: usize) {
    while rec.len() < col {
        rec.push_field("");
    }
}

fn data_ref_text(value: &DataRef<'_>, out: &mut String) {
    match value {
        DataRef::Int(i) => write_int(*i, out),
        DataRef::Float(f) => number(*f, out),
        DataRef::String(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => iso_or_text(s, out),
        DataRef::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        DataRef::DateTime(dt) => datetime(dt, out),
        DataRef::Error(e) => write_display(e, out),
        DataRef::Empty => {}
    }
}

fn data_text(value: &Data, out: &mut String) {
    match value {
        Data::Int(i) => write_int(*i, out),
        Data::Float(f) => number(*f, out),
        Data::String(s) => out.push_str(s),
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso_or_text(s, out),
        Data::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Data::DateTime(dt) => datetime(dt, out),
        Data::Error(e) => write_display(e, out),
        Data::Empty => {}
    }
}

fn write_int(i: i64, out: &mut String) {
    let _ = write!(out, "{i}");
}

/// An error cell (`#N/A`) stays visible as its text, so the rule for its
/// column reports it instead of the row passing with an empty value.
fn write_display(e: &impl std::fmt::Display, out: &mut String) {
    let _ = write!(out, "{e}");
}

/// Spreadsheets store every number as a float: MPN ID 1234567 is 1234567.0,
/// and must read as "1234567". Fractions keep their shortest exact form.
fn number(f: f64, out: &mut String) {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(out, "{}", f as i64);
    } else {
        let _ = write!(out, "{f}");
    }
}

/// A date cell as YYYY-MM-DD; with a time of day as `YYYY-MM-DD HH:MM:SS`
/// (what the status export's `associated_at` reads). A duration, or a serial
/// outside the calendar, stays a number.
fn datetime(dt: &ExcelDateTime, out: &mut String) {
    match dt.as_datetime().filter(|_| dt.is_datetime()) {
        Some(t) if t.time() == chrono::NaiveTime::MIN => {
            let _ = write!(out, "{}", t.format("%Y-%m-%d"));
        }
        Some(t) => {
            let _ = write!(out, "{}", t.format("%Y-%m-%d %H:%M:%S"));
        }
        None => number(dt.as_f64(), out),
    }
}

/// OpenDocument dates come as ISO text: `2026-03-01` or `2026-03-01T00:00:00`;
/// a midnight time is dropped so the date rules see a plain date.
fn iso_or_text(s: &str, out: &mut String) {
    out.push_str(s.strip_suffix("T00:00:00").unwrap_or(s));
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType;

    fn text(value: Data) -> String {
        let mut out = String::new();
        data_text(&value, &mut out);
        out
    }

    #[test]
    fn ids_stored_as_numbers_read_as_digits() {
        assert_eq!(text(Data::Float(1234567.0)), "1234567");
        assert_eq!(text(Data::Int(4471203)), "4471203");
        assert_eq!(text(Data::Float(12.5)), "12.5");
        assert_eq!(text(Data::Float(1e20)), "100000000000000000000");
    }

    #[test]
    fn date_cells_read_as_iso_dates() {
        let date = ExcelDateTime::new(46082.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(date)), "2026-03-01");
        let with_time = ExcelDateTime::new(46082.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(text(Data::DateTime(with_time)), "2026-03-01 12:00:00");
        let epoch_1904 = ExcelDateTime::new(44620.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(text(Data::DateTime(epoch_1904)), "2026-03-01");
        assert_eq!(text(Data::DateTimeIso("2026-03-01T00:00:00".into())), "2026-03-01");
        assert_eq!(text(Data::DateTimeIso("2026-03-01T09:30:00".into())), "2026-03-01T09:30:00");
    }

    #[test]
    fn flags_and_errors_keep_their_meaning() {
        assert_eq!(text(Data::Bool(true)), "true");
        assert_eq!(text(Data::Bool(false)), "false");
        assert_eq!(text(Data::Error(calamine::CellErrorType::NA)), "#N/A");
        assert_eq!(text(Data::Empty), "");
    }

    #[test]
    fn streamed_cells_group_into_padded_rows() {
        let cells = vec![
            Cell::new((2, 1), DataRef::SharedString("a")),
            Cell::new((2, 3), DataRef::Float(7.0)),
            Cell::new((5, 0), DataRef::Bool(true)),
            Cell::new((5, 9), DataRef::SharedString("beyond the width")),
        ];
        let mut it = cells.into_iter();
        // Like calamine's readers, this one must not be asked again after its end.
        let mut ended = false;
        let mut rows = CellStream::new(move || {
            assert!(!ended, "asked for a cell after the end");
            let next = it.next();
            ended = next.is_none();
            Ok(next)
        });
        let mut rec = StringRecord::new();
        assert_eq!(rows.next_row(&mut rec, 4), Ok(Some(2)));
        assert_eq!(rec, vec!["", "a", "", "7"]);
        assert_eq!(rows.next_row(&mut rec, 4), Ok(Some(5)));
        assert_eq!(rec, vec!["true"]);
        assert_eq!(rows.next_row(&mut rec, 4), Ok(None));
        assert_eq!(rows.next_row(&mut rec, 4), Ok(None));
    }
}
