//! credentials/<mpn_id>.csv: UTF-8 with BOM (spreadsheets read it right),
//! cells that a spreadsheet would run as a formula neutralised with `'`.

use super::Issued;

pub(crate) const HEADER: [&str; 5] = ["username", "display_name", "email", "temporary_password", "password_expires"];

/// OWASP CSV injection: a cell starting with = + - @ TAB CR or LF gets a leading `'`.
pub(crate) fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

pub(crate) fn render<'a>(accounts: impl IntoIterator<Item = &'a Issued>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(HEADER);
    for a in accounts {
        let expires = a.password_expires.to_string();
        let _ = w.write_record([
            neutralize(&a.username).as_ref(),
            neutralize(&a.display_name).as_ref(),
            neutralize(&a.email).as_ref(),
            neutralize(a.password.expose()).as_ref(),
            expires.as_str(),
        ]);
    }
    w.into_inner().unwrap_or_default()
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
        assert_eq!(neutralize("Ann"), "Ann");
    }
}
