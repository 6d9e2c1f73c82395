//! `suspect-encoding`: names that a `--encoding` of another script than the
//! file's bytes turned into mojibake (Big5 read as windows-1252 makes 李宗翰
//! `§õ ©v¿«`). A wrong encoding spoils every row, so the whole file is refused.
//!
//! Two signs must agree. The detector (chardetng) guesses an encoding of
//! another script than the one given ([`detect::other_script`]), and a
//! decoded name is not one a person or a company has. A name read with a
//! single-byte encoding is implausible when it holds
//! 1. a character beyond ASCII that is neither a letter nor a combining mark,
//!    apart from the punctuation names do carry (’ ‘ ´ · – — and no-break
//!    space; company names also ® © ™ ℠ « » „ “ ” …): mojibake of CJK is
//!    mostly Latin-1 symbols such as `§ © ¿ « ¤ ³`;
//! 2. an upper-case letter beyond ASCII right after a lower-case letter
//!    (`WeiÃŸ`, UTF-8 read as windows-1252), which no name's spelling has;
//! 3. in a Latin encoding, a word of three or more letters none of which is
//!    ASCII (`ÀîÕÅ`, GBK read as windows-1252): Western names mix a few
//!    accented letters into ASCII ones (`Jürgen Weiß`, `François`, `Ñúñez`).
//!
//! Multi-byte encodings (Big5, GBK, Shift_JIS) are not judged by their
//! text: bytes of another encoding are mostly invalid in them, which is
//! `invalid-encoding` already.

use super::detect::{self, Script};
use super::headers::{ColumnSpec, Export, HeaderMap, e, m};
use super::store::Rows;
use crate::core::finding::{Finding, Rule, quote};
use encoding_rs::Encoding;

/// Punctuation real names carry.
const NAME_MARKS: &[char] = &['’', '‘', '´', 'ʼ', '·', '‐', '‑', '–', '—', '\u{A0}'];
/// And what company names carry besides.
const COMPANY_MARKS: &[char] = &['®', '©', '™', '℠', '«', '»', '„', '“', '”', '…', '°'];

/// Whether `encoding`'s text can be judged here: single-byte encodings only.
pub(super) fn judged(encoding: &'static Encoding) -> bool {
    encoding.is_single_byte()
}

/// The name columns of `schema`, and whether each is a company name.
fn name_columns(schema: &[ColumnSpec]) -> &'static [(usize, bool)] {
    match Export::of(schema) {
        Some(Export::Employees) => &[(e::FIRST_NAME, false), (e::LAST_NAME, false)],
        Some(Export::Memberships) => &[(m::ORGANIZATION, true)],
        _ => &[],
    }
}

/// Whether `name`, read with an encoding of `script`, is implausible (the
/// three signs in this module's documentation).
pub(super) fn implausible(name: &str, script: Script, company: bool) -> bool {
    let allowed = |c: char| NAME_MARKS.contains(&c) || company && COMPANY_MARKS.contains(&c);
    // A word of three letters or more, none of them ASCII (sign 3).
    let foreign_word = |letters: usize, ascii: bool| script == Script::Latin && letters >= 3 && !ascii;
    let mut previous = ' ';
    let (mut letters, mut ascii) = (0usize, false);
    for c in name.chars() {
        let letter = c.is_alphabetic();
        if !c.is_ascii() && !letter && !is_mark(c) && !allowed(c) {
            return true;
        }
        if !c.is_ascii() && c.is_uppercase() && previous.is_lowercase() {
            return true;
        }
        if letter || is_mark(c) {
            letters += usize::from(letter);
            ascii |= c.is_ascii();
        } else if foreign_word(letters, ascii) {
            return true;
        } else {
            (letters, ascii) = (0, false);
        }
        previous = c;
    }
    foreign_word(letters, ascii)
}

/// Combining marks (windows-1258 writes Vietnamese tones with them).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}')
}

/// The `suspect-encoding` finding for the first implausible name of `rows`,
/// read with `given` while the bytes look like `guessed`.
pub(super) fn first_suspect(
    rows: &Rows,
    headers: &HeaderMap,
    schema: &[ColumnSpec],
    file: &str,
    given: &'static Encoding,
    guessed: &'static Encoding,
) -> Option<Finding> {
    let script = detect::script(given);
    let columns = name_columns(schema);
    rows.iter().find_map(|record| {
        let &(column, _) =
            columns.iter().find(|&&(column, company)| implausible(record.get(headers, column), script, company))?;
        let value = record.get(headers, column);
        let message = format!(
            "{} read as {} is not a plausible name: the file looks like {} (pass --encoding {}); no row of the file \
             is used, as a wrong encoding spoils every row",
            quote(value),
            given.name(),
            guessed.name(),
            detect::label(guessed),
        );
        Some(Finding::new(file, record.line, headers.column_number(column), Rule::SuspectEncoding, message))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK, SHIFT_JIS, UTF_8, WINDOWS_1252};

    /// `text` written in `from` and read back as `to`.
    fn misread(text: &str, from: &'static Encoding, to: &'static Encoding) -> String {
        to.decode_without_bom_handling(&from.encode(text).0).0.into_owned()
    }

    #[test]
    fn western_names_are_plausible() {
        for name in ["Jürgen Weiß", "François", "Ñúñez", "O’Brien", "Renée Lefèvre", "Zoë", "Ó Briain", "Ærø", "Łukasz"]
        {
            assert!(!implausible(name, Script::Latin, false), "{name}");
        }
        assert!(!implausible("Đỗ Văn", Script::Latin, false), "tones as combining marks");
        assert!(!implausible("Иван Петров", Script::Cyrillic, false));
        assert!(!implausible("Contoso® Ltd – Café", Script::Latin, true));
    }

    #[test]
    fn chinese_names_read_as_windows_1252_are_not() {
        for name in ["李宗翰", "陳建宏", "王小明", "宗翰 李"] {
            let big5 = misread(name, BIG5, WINDOWS_1252);
            assert!(implausible(&big5, Script::Latin, false), "{name} as {big5}");
            assert!(implausible(&big5, Script::Latin, true), "{name} as {big5}, a company");
        }
        assert_eq!(misread("李宗翰", BIG5, WINDOWS_1252), "§õ©v¿«");
        for name in ["李", "张伟", "王小明"] {
            let gbk = misread(name, GBK, WINDOWS_1252);
            assert!(implausible(&gbk, Script::Latin, false) || name.chars().count() == 1, "{name} as {gbk}");
        }
        assert!(implausible(&misread("やまだ", SHIFT_JIS, WINDOWS_1252), Script::Latin, false));
    }

    #[test]
    fn utf8_read_as_windows_1252_is_not() {
        for name in ["Jürgen", "Weiß", "François", "Ñúñez"] {
            let mojibake = misread(name, UTF_8, WINDOWS_1252);
            assert!(implausible(&mojibake, Script::Latin, false), "{name} as {mojibake}");
        }
    }
}
