//! Bytes → UTF-8 text: BOM sniffing (UTF-8, UTF-16 LE/BE), `--encoding` for
//! legacy files, and the physical lines holding bytes the encoding can't decode.

use encoding_rs::{DecoderResult, Encoding, UTF_8};

/// At most this many bad lines are listed (memory stays bounded whatever the
/// bytes); a list one longer than this was cut there: take every line from its
/// last entry on as bad.
pub const MAX_BAD_LINES: usize = 1_000_000;

pub struct Decoded {
    pub text: String,
    /// The encoding actually used (after BOM sniffing), e.g. "UTF-8", "UTF-16LE".
    pub encoding: &'static Encoding,
    /// Physical lines (1-based, ascending) holding undecodable bytes, each once.
    pub bad_lines: Vec<u64>,
}

/// Decode a whole file. A BOM wins over `fallback`; without either, UTF-8.
pub fn decode(mut bytes: Vec<u8>, fallback: Option<&'static Encoding>) -> Decoded {
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
    let bad_lines = repair_utf8_in_place(&mut bytes);
    let text = String::from_utf8(bytes).expect("repaired to valid UTF-8");
    let bad_lines = if bad_lines.is_empty() { nul_in_first_line(&text) } else { bad_lines };
    Decoded { text, encoding, bad_lines }
}

/// Replace every invalid UTF-8 sequence with as many `?` bytes (same length,
/// so nothing moves) and return the physical lines where they were.
fn repair_utf8_in_place(bytes: &mut [u8]) -> Vec<u64> {
    let mut bad_lines: Vec<u64> = Vec::new();
    let (mut pos, mut line, mut counted) = (0usize, 1u64, 0usize);
    while pos < bytes.len() {
        match std::str::from_utf8(&bytes[pos..]) {
            Ok(_) => break,
            Err(e) => {
                let at = pos + e.valid_up_to();
                let len = e.error_len().unwrap_or(bytes.len() - at);
                line += bytecount(&bytes[counted..at]);
                counted = at;
                if bad_lines.last() != Some(&line) && bad_lines.len() <= MAX_BAD_LINES {
                    bad_lines.push(line);
                }
                bytes[at..at + len].fill(b'?');
                pos = at + len;
            }
        }
    }
    bad_lines
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
    let mut newlines_seen = 0u64;
    let mut counted_upto = 0usize;
    let mut pos = 0usize;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&src[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(src.len() - pos + 64),
            DecoderResult::Malformed(_, _) => {
                newlines_seen += bytecount(&text.as_bytes()[counted_upto..]);
                counted_upto = text.len();
                let line = newlines_seen + 1;
                if bad_lines.last() != Some(&line) && bad_lines.len() <= MAX_BAD_LINES {
                    bad_lines.push(line);
                }
                text.push('\u{FFFD}');
            }
        }
    }
    if encoding == UTF_8 && bad_lines.is_empty() {
        bad_lines = nul_in_first_line(&text);
    }
    Decoded { text, encoding, bad_lines }
}

fn bytecount(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
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

    #[test]
    fn windows_1252_label_decodes_legacy_bytes() {
        let enc = Encoding::for_label(b"windows-1252");
        let d = decode(b"Ren\xE9e\n".to_vec(), enc);
        assert_eq!(d.text, "Renée\n");
        assert!(d.bad_lines.is_empty());
    }

    #[test]
    fn nul_in_header_is_flagged() {
        let d = decode(b"a\0,b\0\n".to_vec(), None);
        assert_eq!(d.bad_lines, vec![1]);
    }
}
