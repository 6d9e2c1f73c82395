//! credentials/<mpn_id>.csv: UTF-8 with BOM (spreadsheets read it right),
//! cells that a spreadsheet would run as a formula neutralised with `'`
//! (`files::cells`).

use super::Issued;
use crate::files::cells::{BOM, neutralize};

pub(crate) const HEADER: [&str; 5] = ["username", "display_name", "email", "temporary_password", "password_expires"];

pub(crate) fn render<'a>(accounts: impl IntoIterator<Item = &'a Issued>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.to_vec());
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
