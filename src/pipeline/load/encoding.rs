//! Bytes → UTF-8 text: BOM sniffing (UTF-8, UTF-16 LE/BE), `--encoding` for
//! legacy files, and the physical lines holding bytes the encoding can't decode.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// Past this many invalid sequences (or lines holding them) the decoder stops
/// listing: the rest of the file is taken as bad (`bad_from`), so junk costs
/// neither memory nor time per byte.
pub(crate) const MAX_INVALID: usize = 1_000_000;

pub(crate) struct Decoded {
    pub text: String,
    /// The encoding actually used (after BOM sniffing), e.g. "UTF-8", "UTF-16LE".
    pub encoding: &'static Encoding,
    /// Physical lines (1-based, ascending) holding undecodable bytes, each once.
    pub bad_lines: Vec<u64>,
    /// Every line from this one on is taken as bad (too many to list).
    pub bad_from: Option<u64>,
}

/// Decode a whole file. A BOM wins over `fallback`; without either, UTF-8.
pub(crate) fn decode(mut bytes: Vec<u8>, fallback: Option<&'static Encoding>) -> Decoded {
    let encoding = match Encoding::for_bom(&bytes) {
        Some((encoding, bom_len)) if encoding == UTF_8 => {
            bytes.drain(..bom_len);
            UTF_8
        }
        Some((encoding, bom_len)) => return decode_slow(&bytes[bom_len..], encoding),
        None => fallback.unwrap_or(UTF_8),
    };
    if encoding != UTF_8 {
        return decode_slow(&bytes, encoding);
    }
    // UTF-8 is used in place, never copied: a large export stays one buffer.
    let (bad_lines, bad_from) = repair_utf8_in_place(&mut bytes);
    let text = String::from_utf8(bytes).expect("repaired to valid UTF-8");
    let bad_lines = if bad_lines.is_empty() { nul_in_first_line(&text) } else { bad_lines };
    Decoded { text, encoding, bad_lines, bad_from }
}

/// Replace every invalid UTF-8 sequence with as many `?` bytes (same length,
/// so nothing moves) and return the physical lines where they were; past
/// [`MAX_INVALID`] sequences, every non-ASCII byte left, and the line there.
fn repair_utf8_in_place(bytes: &mut [u8]) -> (Vec<u64>, Option<u64>) {
    if std::str::from_utf8(bytes).is_ok() {
        return (Vec::new(), None);
    }
    // One pass, byte by byte, for files with some bad bytes; junk (an invalid
    // sequence every other byte) is cut short at the limit.
    let mut bad_lines: Vec<u64> = Vec::new();
    let (mut i, mut line, mut invalid) = (0usize, 1u64, 0usize);
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            line += u64::from(b == b'\n');
            i += 1;
            continue;
        }
        let len = invalid_len(&bytes[i..]);
        if len == 0 {
            i += utf8_len(b);
            continue;
        }
        invalid += 1;
        if invalid > MAX_INVALID {
            bytes[i..].iter_mut().for_each(|b| *b = if *b < 0x80 { *b } else { b'?' });
            return (bad_lines, Some(line));
        }
        if bad_lines.last() != Some(&line) {
            bad_lines.push(line);
        }
        bytes[i..i + len].fill(b'?');
        i += len;
    }
    (bad_lines, None)
}

/// The length of a UTF-8 sequence by its (valid) lead byte.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        _ => 2,
    }
}

/// 0 when `bytes` starts with a valid non-ASCII character; otherwise the length
/// of the invalid sequence there (as `Utf8Error::error_len` counts it: the lead
/// byte and the continuation bytes that fit it, or all that is left).
fn invalid_len(bytes: &[u8]) -> usize {
    // Valid second bytes per lead byte (Unicode table 3-7), then 0x80..=0xBF.
    let (len, lo, hi) = match bytes[0] {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return 1,
    };
    let mut k = 1;
    while k < len {
        let (lo, hi) = if k == 1 { (lo, hi) } else { (0x80, 0xBF) };
        match bytes.get(k) {
            Some(&c) if (lo..=hi).contains(&c) => k += 1,
            _ => return k,
        }
    }
    0
}

/// A NUL byte in the header line almost always means UTF-16 written without a BOM.
fn nul_in_first_line(text: &str) -> Vec<u64> {
    let first = text.split('\n').next().unwrap_or("");
    if first.contains('\0') { vec![1] } else { Vec::new() }
}

fn decode_slow(src: &[u8], encoding: &'static Encoding) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(src.len() * 3) + 16;
    let mut text = String::with_capacity(capacity);
    let mut bad_lines: Vec<u64> = Vec::new();
    let mut bad_from = None;
    let mut newlines_seen = 0u64;
    let mut counted_upto = 0usize;
    let mut pos = 0usize;
    // Through a small buffer: decoding into the String itself initialises all
    // its spare capacity on every call, and a call ends at every malformed
    // sequence, so junk made that quadratic.
    let mut buf = "\0".repeat(64 * 1024);
    loop {
        let (result, read, written) = decoder.decode_to_str_without_replacement(&src[pos..], &mut buf, true);
        pos += read;
        text.push_str(&buf[..written]);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => {
                newlines_seen += bytecount(&text.as_bytes()[counted_upto..]);
                counted_upto = text.len();
                let line = newlines_seen + 1;
                if bad_lines.len() == MAX_INVALID {
                    bad_from.get_or_insert(line);
                } else if bad_lines.last() != Some(&line) {
                    bad_lines.push(line);
                }
                text.push('\u{FFFD}');
            }
        }
    }
    if encoding == UTF_8 && bad_lines.is_empty() {
        bad_lines = nul_in_first_line(&text);
    }
    Decoded { text, encoding, bad_lines, bad_from }
}

fn bytecount(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The encoding a `--encoding` label names: a WHATWG label (`big5`,
/// `windows-1252`, `shift_jis`, `utf-16le`), the same with `_` for `-` as
/// Python writes them (`euc_kr`), or a Windows code page as admins know them
/// (`cp950`, `ms950`, `cp936`, `cp932`, `cp1252`, `windows-936`).
pub(crate) fn for_label(label: &str) -> Option<&'static Encoding> {
    let label = label.trim().to_ascii_lowercase();
    if let Some(encoding) = Encoding::for_label(label.as_bytes()) {
        return Some(encoding);
    }
    if let Some(encoding) = Encoding::for_label(label.replace('_', "-").as_bytes()) {
        return Some(encoding);
    }
    match label.as_str() {
        "big5hkscs" | "hkscs" => return Some(encoding_rs::BIG5),
        "ansi-1252" | "latin-1" => return Some(encoding_rs::WINDOWS_1252),
        _ => {}
    }
    let number = ["windows-", "x-cp", "cp-", "cp", "ms-", "ms", "win"]
        .iter()
        .find_map(|prefix| label.strip_prefix(prefix))
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))?;
    code_page(number.parse().ok()?)
}

/// The encoding of a Windows code page number, where encoding_rs has one.
fn code_page(number: u32) -> Option<&'static Encoding> {
    use encoding_rs::*;
    Some(match number {
        874 => WINDOWS_874,
        932 => SHIFT_JIS,
        936 => GBK,
        949 => EUC_KR,
        950 => BIG5,
        866 => IBM866,
        1250 => WINDOWS_1250,
        1251 => WINDOWS_1251,
        1252 => WINDOWS_1252,
        1253 => WINDOWS_1253,
        1254 => WINDOWS_1254,
        1255 => WINDOWS_1255,
        1256 => WINDOWS_1256,
        1257 => WINDOWS_1257,
        1258 => WINDOWS_1258,
        1200 => UTF_16LE,
        1201 => UTF_16BE,
        10000 => MACINTOSH,
        10007 => X_MAC_CYRILLIC,
        20866 => KOI8_R,
        21866 => KOI8_U,
        20932 | 51932 => EUC_JP,
        50220 => ISO_2022_JP,
        54936 => GB18030,
        65001 => UTF_8,
        // ISO-8859-N as code page 28590 + N.
        28591..=28605 => return Encoding::for_label(format!("iso-8859-{}", number - 28590).as_bytes()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode(b"\xEF\xBB\xBFa,b\n".to_vec(), None);
        assert_eq!(d.text, "a,b\n");
        assert_eq!(d.encoding, UTF_8);
        let d = decode(b"a,b\n".to_vec(), None);
        assert_eq!(d.text, "a,b\n");
        assert!(d.bad_lines.is_empty());
    }

    #[test]
    fn utf16_both_byte_orders() {
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("é\tx\n".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(le, None).text, "é\tx\n");
        let be: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain("é\tx\n".encode_utf16().flat_map(|u| u.to_be_bytes())).collect();
        let d = decode(be, None);
        assert_eq!(d.text, "é\tx\n");
        assert_eq!(d.encoding.name(), "UTF-16BE");
    }

    #[test]
    fn invalid_utf8_names_each_bad_line_once() {
        let d = decode(b"h\nok\nbad \xE9 \xE9\nok\nbad\xFF\n".to_vec(), None);
        assert_eq!(d.bad_lines, vec![3, 5]);
        assert_eq!(d.text, "h\nok\nbad ? ?\nok\nbad?\n");
        // A sequence cut short by the end of the file.
        assert_eq!(decode(b"a\n\xE2\x82".to_vec(), None).bad_lines, vec![2]);
    }

    /// What the repair must give: each invalid sequence as `Utf8Error` cuts it, `?`-filled.
    fn repaired_by_std(bytes: &[u8]) -> Vec<u8> {
        let mut want = bytes.to_vec();
        let mut pos = 0;
        while let Err(e) = std::str::from_utf8(&want[pos..]) {
            let at = pos + e.valid_up_to();
            let len = e.error_len().unwrap_or(want.len() - at);
            want[at..at + len].fill(b'?');
            pos = at + len;
        }
        want
    }

    #[test]
    fn invalid_sequences_are_cut_as_the_standard_library_cuts_them() {
        let mut junk = Vec::new();
        let mut x: u32 = 2_463_534_242;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            // Mostly bytes that start or continue sequences, some ASCII and newlines.
            junk.push(if x.is_multiple_of(7) { b"a\n"[(x >> 8) as usize % 2] } else { 0x80 | (x >> 11) as u8 });
        }
        assert_eq!(decode(junk.clone(), None).text.as_bytes(), repaired_by_std(&junk));
        let cases: [&[u8]; 8] = [
            b"\xFF",
            b"\xC0\x80",
            b"\xE2\x82",
            b"\xE2\x82Z",
            b"\xED\xA0\x80",
            b"\xF0\x9F\x98",
            b"\xF4\x90\x80\x80",
            b"\x80\x80\xF0\x9F\x98\x80\xE0\x80",
        ];
        for case in cases {
            assert_eq!(decode(case.to_vec(), None).text.as_bytes(), repaired_by_std(case), "{case:?}");
        }
    }

    #[test]
    fn past_the_limit_the_rest_is_bad_from_its_line() {
        let mut junk = b"h\n".to_vec();
        junk.extend(std::iter::repeat_n(b"\xFF\n".as_slice(), MAX_INVALID + 3).flatten());
        let d = decode(junk, None);
        assert_eq!(d.bad_lines.len(), MAX_INVALID);
        assert_eq!(d.bad_from, Some(MAX_INVALID as u64 + 2));
        assert!(d.text.bytes().all(|b| b.is_ascii()));
    }

    #[test]
    fn utf16_with_many_unpaired_surrogates_decodes_each_as_a_replacement() {
        let mut le = vec![0xFF, 0xFE];
        for _ in 0..100_000 {
            le.extend([0x00, 0xD8, b'a', 0x00]);
        }
        le.extend([b'\n', 0x00, b'b', 0x00]);
        let d = decode(le, None);
        assert_eq!(d.text.len(), 100_000 * 4 + 2);
        assert!(d.text.ends_with("\u{FFFD}a\nb"));
        assert_eq!(d.bad_lines, vec![1]);
    }

    #[test]
    fn windows_1252_label_decodes_legacy_bytes() {
        let enc = Encoding::for_label(b"windows-1252");
        let d = decode(b"Ren\xE9e\n".to_vec(), enc);
        assert_eq!(d.text, "Renée\n");
        assert!(d.bad_lines.is_empty());
    }

    #[test]
    fn labels_and_the_code_pages_admins_name() {
        let name = |label: &str| for_label(label).map(Encoding::name);
        for (label, want) in [
            ("big5", "Big5"),
            ("cp950", "Big5"),
            ("MS950", "Big5"),
            ("big5-hkscs", "Big5"),
            ("big5_hkscs", "Big5"),
            ("cp936", "GBK"),
            ("windows-936", "GBK"),
            ("cp932", "Shift_JIS"),
            ("cp949", "EUC-KR"),
            ("cp1252", "windows-1252"),
            ("cp1251", "windows-1251"),
            ("cp28592", "ISO-8859-2"),
            ("cp65001", "UTF-8"),
            (" euc_kr ", "EUC-KR"),
            ("utf-16le", "UTF-16LE"),
        ] {
            assert_eq!(name(label), Some(want), "{label}");
        }
        for label in ["cp", "cp9999", "ms-dos", "klingon", "cp950x", "windows-"] {
            assert_eq!(name(label), None, "{label}");
        }
    }

    #[test]
    fn nul_in_header_is_flagged() {
        let d = decode(b"a\0,b\0\n".to_vec(), None);
        assert_eq!(d.bad_lines, vec![1]);
    }
}
