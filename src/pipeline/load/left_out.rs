//! Rows the loader leaves out: which of them get a finding of their own, and
//! which bad lines (from decoding) fall in which record.

use crate::core::finding::{Finding, Rule};

/// Past this many rows left out by the loader, while they are more than half of
/// the rows read, a file is taken for something other than an export: its
/// further bad rows are counted in one finding, not listed one by one, so that
/// junk bytes make neither a flood of output nor of memory.
const MAX_LISTED: u64 = 1000;

#[derive(Default)]
pub(super) struct Listing {
    /// Data rows read (blank rows aside).
    pub rows: u64,
    left_out: u64,
    listed: u64,
    /// Rows left out without a finding of their own: how many, first and last line.
    unlisted: u64,
    first: u64,
    last: u64,
}

impl Listing {
    /// Count a row left out; whether it gets a finding of its own.
    pub(super) fn list(&mut self, line: u64) -> bool {
        self.left_out += 1;
        if self.listed < MAX_LISTED || self.left_out * 2 <= self.rows {
            self.listed += 1;
            return true;
        }
        if self.unlisted == 0 {
            self.first = line;
        }
        self.last = line;
        self.unlisted += 1;
        false
    }

    pub(super) fn summary(&self, file: &str) -> Option<Finding> {
        (self.unlisted > 0).then(|| {
            Finding::new(
                file,
                self.first,
                1,
                Rule::MalformedRow,
                format!(
                    "{} more rows between lines {} and {} are left out for the same reasons (bytes that are not \
                     valid text, a wrong number of fields, or over the size limits) and not listed one by one: \
                     {} of the {} rows can't be read, so this does not look like an export; check the file, \
                     --encoding and --delimiter",
                    self.unlisted, self.first, self.last, self.left_out, self.rows
                ),
            )
        })
    }
}

/// The decoder's bad lines, handed out record by record.
pub(super) struct BadLines<'a> {
    lines: &'a [u64],
    next: usize,
    /// Where the decoder stopped listing: every line from here on is bad.
    from: Option<u64>,
}

/// Where the bad bytes of a record are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Bad {
    /// Its first bad line, and how many more it has.
    Lines(u64, u64),
    /// It is past the line from which the decoder stopped listing.
    Rest(u64),
}

impl<'a> BadLines<'a> {
    pub(super) fn new(lines: &'a [u64], from: Option<u64>) -> Self {
        BadLines { lines, next: 0, from }
    }

    /// The bad bytes of the record on lines `..=last` (after the records
    /// before it); its lines are used up.
    pub(super) fn take(&mut self, last: u64) -> Option<Bad> {
        let from = self.next;
        while self.lines.get(self.next).is_some_and(|&l| l <= last) {
            self.next += 1;
        }
        match (self.next - from, self.from) {
            (0, Some(cut)) if cut <= last => Some(Bad::Rest(cut)),
            (0, _) => None,
            (n, _) => Some(Bad::Lines(self.lines[from], n as u64 - 1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_of_bad_rows_lists_a_thousand_then_sums_up() {
        let mut l = Listing::default();
        let listed = (2..3002u64).filter(|&line| {
            l.rows += 1;
            l.list(line)
        });
        assert_eq!(listed.count() as u64, MAX_LISTED);
        let f = l.summary("e.csv").expect("a summary");
        assert_eq!((f.rule, f.line), (Rule::MalformedRow, 1002));
        assert!(f.message.starts_with("2000 more rows between lines 1002 and 3001"), "{}", f.message);
    }

    #[test]
    fn bad_rows_that_are_a_minority_are_all_listed() {
        let mut l = Listing::default();
        for line in 2..20_002u64 {
            l.rows += 1;
            if line % 3 == 0 {
                assert!(l.list(line), "line {line}");
            }
        }
        assert!(l.summary("e.csv").is_none());
    }

    #[test]
    fn bad_lines_go_to_the_record_that_spans_them() {
        let lines = [2, 3, 7];
        let mut b = BadLines::new(&lines, None);
        assert_eq!(b.take(4), Some(Bad::Lines(2, 1)), "a record on lines 2-4 holds two bad lines");
        assert_eq!(b.take(5), None);
        assert_eq!(b.take(9), Some(Bad::Lines(7, 0)));
        assert_eq!(b.take(10), None);
    }

    #[test]
    fn past_the_listed_bad_lines_every_record_is_bad() {
        let mut b = BadLines::new(&[2, 4], Some(6));
        assert_eq!(b.take(5), Some(Bad::Lines(2, 1)));
        assert_eq!(b.take(6), Some(Bad::Rest(6)), "the record holding the cut line");
        assert_eq!(b.take(7), Some(Bad::Rest(6)), "and every one after it");
    }
}
