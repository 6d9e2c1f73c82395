//! Whole-file problems, each reported once with what to do instead of as a
//! flood of row findings: a file that is not text (a workbook, a PDF, UTF-16
//! without a byte-order mark), an empty file, a header without rows, and the
//! two PMC exports given the wrong way round (design §3).

use super::headers::{self, ColumnSpec, Export, HeaderMap};
use crate::core::finding::{Finding, Rule};
use crate::core::options::ColumnNames;
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How much of the file the sniffing looks at.
const SNIFF: usize = 4096;

/// Why `bytes` can't be a CSV export at all, as an `invalid-encoding` message.
/// `encoding` is `--encoding`: a file the user says is UTF-16 is not second-guessed.
pub(crate) fn not_text(bytes: &[u8], encoding: Option<&'static Encoding>) -> Option<String> {
    // Workbooks (.xlsx, .xlsm, .xls, .ods) are read before this is asked
    // (`workbook::Kind::detect`): a zip here is some other archive.
    let what = if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        "it is a zip archive but not a workbook (.xlsx, .xlsm, .ods): unzip it, or open it in the \
         spreadsheet program and save it as a workbook or as CSV UTF-8"
            .to_string()
    } else if bytes.starts_with(b"%PDF") {
        "it is a PDF document: export the data as CSV instead".to_string()
    } else if bytes.starts_with(b"\x1F\x8B") {
        "it is gzip-compressed: decompress it first".to_string()
    } else if encoding.is_some_and(|e| e == UTF_16LE || e == UTF_16BE) || Encoding::for_bom(bytes).is_some() {
        return None;
    } else if let Some(utf16) = utf16_without_bom(bytes) {
        let label = utf16.name().to_ascii_lowercase();
        return Some(format!(
            "the file looks like {} without a byte-order mark (a NUL byte beside every character): \
             pass --encoding {label}",
            utf16.name()
        ));
    } else {
        // Text, in any encoding, has next to no C0 control bytes besides TAB, CR, LF (and ESC).
        let head = &bytes[..bytes.len().min(SNIFF)];
        let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x1B)).count();
        if head.len() < 16 || controls * 16 < head.len() {
            return None;
        }
        "its first bytes are full of control bytes, as in images and other binary files: \
         export the data as CSV"
            .to_string()
    };
    Some(format!("this is not a text export: {what}"))
}

/// UTF-16 of mostly Latin text: in at least three pairs of bytes out of four,
/// one byte is NUL, and always the same one of the pair.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF) & !1];
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let count = |zero: usize| head.chunks_exact(2).filter(|p| p[zero] == 0 && p[1 - zero] != 0).count();
    let (le, be) = (count(1), count(0));
    if le * 4 >= pairs * 3 && be == 0 {
        Some(UTF_16LE)
    } else if be * 4 >= pairs * 3 && le == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// The header map of a file none of whose rows can be used.
pub(crate) fn unusable_header(schema: &[ColumnSpec], file: &str) -> HeaderMap {
    let (mut map, _) = headers::match_headers(&[], schema, file);
    map.usable = false;
    map.looks_like = None;
    map
}

/// A file's header line, matched against its schema once, as its first
/// record is read: whether rows can be used is known before they are.
pub(crate) struct Header {
    pub map: HeaderMap,
    /// `missing-column` and the like: when there are any, no row is used.
    pub findings: Vec<Finding>,
    /// Names nothing: a line of empty fields. A header over the bounds (design
    /// §3) is unread, not blank: its columns are missing, not the file.
    pub blank: bool,
    /// The line it is on (design §9: not always the first).
    pub line: u64,
}

impl Header {
    pub(crate) fn read(
        names: &[&str],
        oversize: bool,
        schema: &[ColumnSpec],
        file: &str,
        columns: &ColumnNames,
    ) -> Header {
        let (map, findings) = headers::match_with(names, schema, file, columns);
        Header { map, findings, blank: !oversize && names.iter().all(|n| n.trim().is_empty()), line: 1 }
    }
}

/// The header (`None`: the file had none) of a file with `rows` records, and
/// its findings. An empty file is one `empty-file` error, not a
/// `missing-column` per column; a header without records is `no-rows`.
pub(crate) fn judge_header(
    header: Option<Header>,
    rows: usize,
    schema: &[ColumnSpec],
    file: &str,
) -> (HeaderMap, Vec<Finding>) {
    let none = || Header::read(&[], false, schema, file, &ColumnNames::default());
    let Header { map, findings, blank, line } = header.unwrap_or_else(none);
    if rows == 0 && blank {
        let message = "the file is empty (no header line, no rows): export it again".to_string();
        return (unusable_header(schema, file), vec![Finding::new(file, 1, 1, Rule::EmptyFile, message)]);
    }
    if rows == 0 && findings.is_empty() {
        let message = "the header is there but no rows follow: was the export cut short? Export it again".to_string();
        return (map, vec![Finding::new(file, line, 1, Rule::NoRows, message)]);
    }
    (map, findings)
}

/// The one error for both PMC exports given the wrong way round.
pub(crate) fn swapped_message(memberships: &str, employees: &str) -> String {
    let (m, e) = (memberships, employees);
    format!(
        "the two files look swapped: {m} is a PMC employee export and {e} a PMC membership export; \
         run again with --memberships {e} --employees {m}"
    )
}

/// The command a file is read for: a hint names only options it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Command {
    /// validate, plan and apply: --memberships, --employees and --status.
    Migration,
    /// status: the team-status export alone, with --status.
    Status,
}

/// Make the hint of a `missing-column` error that names another export fit
/// `command`: `status` has no --memberships or --employees to pass it with.
pub(crate) fn fit_command(table: &mut super::Table, command: Command) {
    let Some(other) = table.headers.looks_like else { return };
    if command != Command::Status || other == Export::Status {
        return;
    }
    let message = format!(
        "the header is that of {}, not {}: status reads the team-status export downloaded from Partner Center \
         (username, signed_in, pu_connected, associated_at) with --status; the PMC exports are for validate, plan \
         and apply",
        other.describe(),
        Export::Status.describe()
    );
    for f in table.findings.iter_mut().filter(|f| f.rule == Rule::MissingColumn) {
        f.message.clone_from(&message);
    }
}

/// The error for one file given as both PMC exports (`same_path`: one path
/// twice, else two copies with the same bytes), on the export it is not.
pub(crate) fn same_file_message(this: Export, other: Export, m: &str, e: &str, same_path: bool) -> String {
    let twice = if same_path {
        format!("--memberships and --employees name the same file, {m}")
    } else {
        format!("{m} and {e} hold the same bytes")
    };
    format!(
        "the header is that of {}, not {}: the same file was given twice ({twice}); pass {} with {}",
        other.describe(),
        this.describe(),
        this.describe(),
        this.flag()
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Table, parse_bytes};
    use super::headers::EMPLOYEES;
    use super::*;

    fn parse(text: &[u8]) -> Table {
        parse_bytes("e.csv", text.to_vec(), &EMPLOYEES, &crate::core::options::ReadOptions::default())
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    #[test]
    fn utf16_without_a_bom_is_named_with_its_byte_order() {
        let le = utf16le("mpn_id,organization\n1234,Zoë\n");
        assert!(not_text(&le, None).unwrap().contains("--encoding utf-16le"));
        let be: Vec<u8> = "mpn_id,x\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(not_text(&be, None).unwrap().contains("--encoding utf-16be"));
        // Said to be UTF-16, or with a BOM: decoded as such.
        assert_eq!(not_text(&le, Some(UTF_16LE)), None);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&le);
        assert_eq!(not_text(&bom, None), None);
    }

    #[test]
    fn archives_pdfs_and_nul_heavy_files_are_not_text() {
        for (bytes, says) in [
            (&b"PK\x03\x04\x14\x00\x06\x00"[..], "not a workbook"),
            (b"%PDF-1.7\n%\xE2\xE3", "PDF"),
            (&[0u8; 64], "binary"),
        ] {
            let message = not_text(bytes, Some(encoding_rs::WINDOWS_1252)).unwrap();
            assert!(message.contains(says) && !message.contains("windows-1252"), "{message}");
        }
    }

    #[test]
    fn text_is_text() {
        assert_eq!(not_text(b"mpn_id,organization\n1234,Ren\xE9e\n", None), None);
        assert_eq!(not_text(b"", None), None);
        // One stray NUL in a row is a row's problem, not the file's.
        assert_eq!(not_text(b"mpn_id,organization,x,y,z\n1234,Contoso\0,a,b,c\n", None), None);
    }

    #[test]
    fn empty_file_is_one_empty_file_finding() {
        for text in [&b""[..], b"\xEF\xBB\xBF", b"\n\n", b"  \r\n"] {
            let t = parse(text);
            assert!(t.records.is_empty() && t.unusable());
            let got: Vec<_> = t.findings.iter().map(|f| (f.rule, f.line)).collect();
            assert_eq!(got, vec![(Rule::EmptyFile, 1)], "{text:?}");
        }
    }

    #[test]
    fn header_without_rows_is_no_rows() {
        let t = parse(b"mpn_id,first_name,email\r\n,,\n");
        assert!(t.unusable());
        let got: Vec<_> = t.findings.iter().map(|f| (f.rule, f.line)).collect();
        assert_eq!(got, vec![(Rule::NoRows, 1)]);
    }
}
