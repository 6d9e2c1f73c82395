//! The records of a loaded file: every field back to back in one buffer,
//! with views that hand out borrowed fields.

use super::error::LoadError;
use super::headers::HeaderMap;

/// Every data record of a file, all fields back to back in one buffer: a
/// million rows are three allocations, not three million.
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub(super) text: String,
    /// End offset in `text` of every field of every record.
    pub(super) ends: Vec<u32>,
    pub(super) rows: Vec<RowMeta>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct RowMeta {
    line: u64,
    /// Index in `ends` of the row's first field.
    first: u32,
    /// Offset in `text` where the row's first field starts.
    start: u32,
    len: u32,
}

impl Store {
    /// Append one record: its fields back to back in `data`, `ends` their end offsets.
    pub(super) fn push(&mut self, line: u64, data: &str, ends: &[usize]) -> Result<(), LoadError> {
        let too_large = || LoadError::TooLarge;
        let first = u32::try_from(self.ends.len()).map_err(|_| too_large())?;
        let start = u32::try_from(self.text.len()).map_err(|_| too_large())?;
        self.text.push_str(data);
        for &end in ends {
            self.ends.push(u32::try_from(start as usize + end).map_err(|_| too_large())?);
        }
        u32::try_from(self.text.len()).map_err(|_| too_large())?;
        self.rows.push(RowMeta { line, first, start, len: ends.len() as u32 });
        Ok(())
    }

    /// Append one record read from a workbook.
    pub(super) fn push_record(&mut self, line: u64, record: &csv::StringRecord) -> Result<(), LoadError> {
        let ends: Vec<usize> =
            record.iter().scan(0, |end, f| Some(std::mem::replace(end, *end + f.len()) + f.len())).collect();
        self.push(line, record.as_slice(), &ends)
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
    pub(super) store: std::sync::Arc<Store>,
    pub(super) picks: Vec<u32>,
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
