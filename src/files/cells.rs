//! Spreadsheet cells in the CSV files people open (design §7, §9): the UTF-8
//! byte-order mark without which Excel on a zh-TW (or any non-UTF-8) Windows
//! reads the bytes in the local code page and garbles every Chinese name,
//! and the leading `'` that keeps a cell a spreadsheet would run as a formula
//! (OWASP's CSV injection) as text.

/// Every CSV the tool writes for people starts with it.
pub(crate) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A cell starting with one of these is a formula (or a hidden control) to a spreadsheet.
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// `cell` with a leading `'` if a spreadsheet would take it for a formula:
/// for files only people read (findings.csv, credential files).
pub(crate) fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_START) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// [`neutralize`], and a cell that already starts with `'` gets one more, so
/// that [`restore`] gives back exactly what was written: for a file the tool
/// reads again (ledger.csv).
pub(crate) fn escape(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with('\'') { std::borrow::Cow::Owned(format!("'{cell}")) } else { neutralize(cell) }
}

/// The cell [`escape`] was given.
pub(crate) fn restore(cell: String) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) => rest.to_string(),
        None => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralized() {
        assert_eq!(neutralize("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralize("+1"), "'+1");
        assert_eq!(neutralize("-1"), "'-1");
        assert_eq!(neutralize("@SUM"), "'@SUM");
        assert_eq!(neutralize("\tx"), "'\tx");
        assert_eq!(neutralize("\rx"), "'\rx");
        assert_eq!(neutralize("Ann"), "Ann");
        assert_eq!(neutralize("'quoted"), "'quoted");
    }

    #[test]
    fn escaped_cells_come_back_exactly() {
        for cell in ["=1+2", "'=1+2", "''", "'", "", "Ann", "-x@y.com", "李宗翰", "\ttab"] {
            let escaped = escape(cell);
            assert!(!escaped.starts_with(FORMULA_START), "{escaped:?}");
            assert_eq!(restore(escaped.into_owned()), cell);
        }
    }
}
