//! Which row is the header (design §9): exports saved by hand carry a title,
//! a note or blank rows above it, so the header is the first of the first
//! ten rows that fits the schema, or the one `--header-row` names. The rows
//! above it are passed over and named in the load summary; when none fits,
//! the first row with a value is read as the header, and the `missing-column`
//! finding says so and which row came nearest.

use super::headers::{ColumnSpec, match_with};
use crate::core::finding::{Finding, Rule, cut};
use crate::core::options::ReadOptions;

/// How many rows (lines of a CSV file, rows of a sheet) the header is looked for in.
pub(crate) const SEARCH_ROWS: u64 = 10;

/// What the row just offered is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The header.
    Header,
    /// Not the header, and one may still come: keep the row.
    Wait,
    /// Past the search with no header found: read the first row kept as the
    /// header ([`Search::fallback`]); this row is data.
    GiveUp,
}

/// A row looked at while searching.
struct Seen {
    line: u64,
    /// How many columns of the schema it names.
    matched: usize,
    /// What it says, for the load summary: its first cell with a value.
    first: Option<String>,
}

/// The search over a file's first rows.
pub(crate) struct Search<'a> {
    schema: &'a [ColumnSpec],
    read: &'a ReadOptions,
    file: &'a str,
    seen: Vec<Seen>,
}

impl<'a> Search<'a> {
    pub(crate) fn new(schema: &'a [ColumnSpec], read: &'a ReadOptions, file: &'a str) -> Self {
        Search { schema, read, file, seen: Vec::new() }
    }

    /// Judge the row on `line` holding `names`.
    pub(crate) fn offer(&mut self, line: u64, names: &[&str]) -> Verdict {
        if let Some(wanted) = self.read.header_row {
            return if line >= wanted { Verdict::Header } else { self.keep(line, names, 0) };
        }
        if line > SEARCH_ROWS {
            return Verdict::GiveUp;
        }
        let (map, findings) = match_with(names, self.schema, self.file, &self.read.columns);
        if findings.is_empty() {
            return Verdict::Header;
        }
        self.keep(line, names, map.fields.iter().flatten().count())
    }

    fn keep(&mut self, line: u64, names: &[&str], matched: usize) -> Verdict {
        let first = names.iter().map(|n| n.trim()).find(|n| !n.is_empty()).map(|n| cut(n).into_owned());
        self.seen.push(Seen { line, matched, first });
        Verdict::Wait
    }

    /// Which kept row to read as the header when none fits: the first with a
    /// value (an index into the rows kept, in order), or the first.
    pub(crate) fn fallback(&self) -> usize {
        self.seen.iter().position(|s| s.first.is_some()).unwrap_or(0)
    }

    /// The rows above the header on `header_line`, for the load summary:
    /// `line 1 ("Member export, December")`, `line 2 (blank)`.
    pub(crate) fn passed_over(&self, header_line: u64) -> Vec<String> {
        let above = self.seen.iter().filter(|s| s.line < header_line);
        above
            .map(|s| match &s.first {
                Some(text) => format!("{} {}", s.line, crate::core::finding::quote(text)),
                None => format!("{} (blank)", s.line),
            })
            .collect()
    }

    /// Say, in the first `missing-column` finding, which row was read as the
    /// header and which came nearest to being one; each finding takes `header_line`.
    pub(crate) fn explain(&self, header_line: u64, findings: &mut [Finding]) {
        for f in findings.iter_mut() {
            f.line = header_line;
        }
        let Some(first) = findings.iter_mut().find(|f| f.rule == Rule::MissingColumn) else { return };
        if self.read.header_row.is_some() {
            first.message.push_str(&format!(" (row {header_line} is the header, as --header-row says)"));
            return;
        }
        let nearest = self.seen.iter().filter(|s| s.line != header_line && s.matched > 0).max_by_key(|s| s.matched);
        let tail = match nearest {
            // The earliest of equals: max_by_key keeps the last, so ask again.
            Some(best) => {
                let best = self.seen.iter().find(|s| s.line != header_line && s.matched == best.matched).expect("one");
                format!(
                    "row {} names {} of the columns; pass --header-row {} if it is the header",
                    best.line, best.matched, best.line
                )
            }
            None => format!("no other of the first {SEARCH_ROWS} rows names a column"),
        };
        first.message.push_str(&format!(" (row {header_line} was read as the header; {tail})"));
    }
}

#[cfg(test)]
mod tests {
    use super::super::headers::EMPLOYEES;
    use super::*;

    #[test]
    fn the_first_fitting_row_of_ten_is_the_header() {
        let read = ReadOptions::default();
        let mut search = Search::new(&EMPLOYEES, &read, "e.csv");
        assert_eq!(search.offer(1, &["員工匯出", "", ""]), Verdict::Wait);
        assert_eq!(search.offer(3, &["MPN ID", "Email", "Role"]), Verdict::Wait, "no name column");
        assert_eq!(search.offer(4, &["MPN ID", "名字", "電子郵件"]), Verdict::Header);
        assert_eq!(search.passed_over(4), vec!["1 \"員工匯出\"", "3 \"MPN ID\""]);
        assert_eq!(search.offer(11, &["MPN ID", "名字", "電子郵件"]), Verdict::GiveUp, "past the tenth row");
    }

    #[test]
    fn header_row_names_it_and_the_message_says_so() {
        let read = ReadOptions { header_row: Some(2), ..ReadOptions::default() };
        let mut search = Search::new(&EMPLOYEES, &read, "e.csv");
        assert_eq!(search.offer(1, &["mpn_id", "first_name", "email"]), Verdict::Wait);
        assert_eq!(search.offer(2, &["x"]), Verdict::Header);
        let mut f = vec![Finding::new("e.csv", 1, 1, Rule::MissingColumn, "required column".into())];
        search.explain(2, &mut f);
        assert_eq!(
            (f[0].line, f[0].message.as_str()),
            (2, "required column (row 2 is the header, as --header-row says)")
        );
    }

    #[test]
    fn without_a_fitting_row_the_nearest_is_named() {
        let read = ReadOptions::default();
        let mut search = Search::new(&EMPLOYEES, &read, "e.csv");
        for (line, names) in [(1, vec!["Staff list"]), (2, vec!["MPN ID", "Mail"]), (3, vec!["MPN ID", "Name", "Mail"])]
        {
            assert_eq!(search.offer(line, &names), Verdict::Wait);
        }
        assert_eq!(search.fallback(), 0);
        let mut f = vec![Finding::new("e.csv", 1, 1, Rule::MissingColumn, "required column".into())];
        search.explain(1, &mut f);
        assert!(
            f[0].message.ends_with(
                "(row 1 was read as the header; row 2 names 1 of the columns; pass --header-row 2 if it is the header)"
            ),
            "{}",
            f[0].message
        );
    }
}
