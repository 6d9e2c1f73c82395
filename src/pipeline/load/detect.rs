//! Which legacy encoding a file's bytes look like, by chardetng (Firefox's
//! detector), to name it in `invalid-encoding` and to notice a `--encoding`
//! of another script than the bytes (`suspect-encoding`).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// How many bytes the detector reads, from the line of the first non-ASCII
/// byte on: plenty for a guess, and junk costs no more than this.
const SAMPLE: usize = 1024 * 1024;

/// The encoding `bytes` (no byte-order mark) most likely are in. With
/// `allow_utf8` false the guess is never UTF-8 (asked when it is not).
pub(super) fn guess(bytes: &[u8], allow_utf8: bool) -> &'static Encoding {
    // ASCII lines before the first other byte say nothing about the encoding.
    let first = bytes.iter().position(|&b| b >= 0x80).unwrap_or(bytes.len());
    let from = bytes[..first].iter().rposition(|&b| b == b'\n').map_or(0, |nl| nl + 1);
    let sample = &bytes[from..bytes.len().min(from + SAMPLE)];
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(sample, from + sample.len() == bytes.len());
    let utf8 = if allow_utf8 { Utf8Detection::Allow } else { Utf8Detection::Deny };
    detector.guess(None, utf8)
}

/// How to ask for `encoding` on the command line.
pub(super) fn label(encoding: &'static Encoding) -> String {
    encoding.name().to_ascii_lowercase()
}

/// The hint for a file that is not valid in the encoding it was read as.
pub(super) fn hint(guessed: Option<&'static Encoding>) -> String {
    match guessed {
        Some(encoding) => format!("the file looks like {}: pass --encoding {}", encoding.name(), label(encoding)),
        None => "if the file was saved in a legacy encoding, pass it with --encoding (for example --encoding \
                 windows-1252)"
            .to_string(),
    }
}

/// The writing systems encodings are for. Encodings of one script read each
/// other's names nearly right (windows-1252 and ISO-8859-2 share their
/// letters); encodings of two scripts turn every name into another script's
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Script {
    Latin,
    Cyrillic,
    Greek,
    Hebrew,
    Arabic,
    Thai,
    TraditionalChinese,
    SimplifiedChinese,
    Japanese,
    Korean,
    /// UTF-8 and UTF-16: every script.
    Unicode,
}

pub(super) fn script(encoding: &'static Encoding) -> Script {
    use encoding_rs::*;
    let e = encoding;
    if e == UTF_8 || e == UTF_16LE || e == UTF_16BE {
        Script::Unicode
    } else if e == BIG5 {
        Script::TraditionalChinese
    } else if e == GBK || e == GB18030 {
        Script::SimplifiedChinese
    } else if e == SHIFT_JIS || e == EUC_JP || e == ISO_2022_JP {
        Script::Japanese
    } else if e == EUC_KR {
        Script::Korean
    } else if [WINDOWS_1251, KOI8_R, KOI8_U, ISO_8859_5, IBM866, X_MAC_CYRILLIC].contains(&e) {
        Script::Cyrillic
    } else if e == WINDOWS_1253 || e == ISO_8859_7 {
        Script::Greek
    } else if [WINDOWS_1255, ISO_8859_8, ISO_8859_8_I].contains(&e) {
        Script::Hebrew
    } else if e == WINDOWS_1256 || e == ISO_8859_6 {
        Script::Arabic
    } else if e == WINDOWS_874 {
        Script::Thai
    } else {
        Script::Latin
    }
}

/// The detector's guess when it is of another script than the encoding the
/// file was read with (two Latin encodings never are).
pub(super) fn other_script(guessed: &'static Encoding, given: &'static Encoding) -> Option<&'static Encoding> {
    (script(guessed) != script(given)).then_some(guessed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK, SHIFT_JIS, UTF_8, WINDOWS_1252};

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }

    const CHINESE: &str = "mpn_id,first_name,last_name\n1234567,宗翰,李\n1234567,建宏,陳\n1234567,小明,王\n";

    #[test]
    fn big5_and_gbk_names_are_told_apart() {
        assert_eq!(guess(&encode(BIG5, CHINESE), false), BIG5);
        let simplified = "mpn_id,first_name,last_name\n1234567,宗翰,李\n1234567,建宏,陈\n1234567,小明,王\n";
        assert_eq!(guess(&encode(GBK, simplified), false), GBK);
        assert_eq!(guess(&encode(SHIFT_JIS, "名前\n山田太郎,やまだ\n鈴木花子,すずき\n"), false), SHIFT_JIS);
    }

    #[test]
    fn western_names_look_like_windows_1252() {
        let bytes = encode(WINDOWS_1252, "first,last\nJürgen,Weiß\nFrançois,Ñúñez\nRenée,Lefèvre\n");
        assert_eq!(guess(&bytes, false), WINDOWS_1252);
        assert_eq!(other_script(guess(&bytes, true), WINDOWS_1252), None);
        assert_eq!(other_script(guess(&bytes, true), encoding_rs::ISO_8859_2), None, "two Latin encodings");
    }

    #[test]
    fn the_ascii_lines_before_the_first_other_byte_are_skipped() {
        let mut bytes = "mpn_id,first_name\n".repeat(100_000).into_bytes();
        bytes.extend(encode(BIG5, CHINESE));
        assert_eq!(guess(&bytes, false), BIG5);
        assert_eq!(other_script(guess(&bytes, true), WINDOWS_1252), Some(BIG5));
        assert_eq!(other_script(guess("Zoë,Jürgen\n".as_bytes(), true), WINDOWS_1252), Some(UTF_8));
    }

    #[test]
    fn the_hint_names_the_label_to_pass() {
        assert_eq!(hint(Some(BIG5)), "the file looks like Big5: pass --encoding big5");
        assert!(hint(None).contains("--encoding windows-1252"));
    }
}
