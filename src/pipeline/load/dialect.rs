//! Delimiter sniffing among `,` `;` TAB `|` from the first line holding one
//! (the header's, or a title's above it).

pub(crate) const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The candidate seen most often outside quotes on the first line holding
/// one, of the first ten; `,` when none.
pub(crate) fn sniff_delimiter(text: &str) -> u8 {
    // The first line holding any candidate decides, among the lines the header
    // may be on (design §9): a title row above the header often holds none.
    let mut counts = [0usize; 4];
    let mut in_quotes = false;
    let mut lines = 0;
    for b in text.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                // CR LF counts twice: twenty terminators are ten lines.
                lines += 1;
                if counts.iter().any(|&n| n > 0) || lines >= 20 {
                    break;
                }
            }
            _ if !in_quotes => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// Parse a `--delimiter` value: one of the candidates, or `tab`/`\t`.
pub(crate) fn parse_delimiter(s: &str) -> Option<u8> {
    match s {
        "," | "comma" => Some(b','),
        ";" | "semicolon" => Some(b';'),
        "\t" | "\\t" | "tab" | "TAB" => Some(b'\t'),
        "|" | "pipe" => Some(b'|'),
        _ => None,
    }
}

pub(crate) fn describe(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_line_without_a_delimiter_is_passed_over() {
        assert_eq!(sniff_delimiter("會員資格匯出\r\n\r\nmpn_id\torganization\r\n1,a\r\n"), b'\t');
        assert_eq!(sniff_delimiter("title\nmpn_id;organization\n"), b';');
    }

    #[test]
    fn sniffs_each_candidate() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(sniff_delimiter("a;b;c\r\n1,2,3,4,5"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b|c"), b'|');
    }

    #[test]
    fn ignores_delimiters_inside_quotes_and_defaults_to_comma() {
        assert_eq!(sniff_delimiter("\"a;b;c;d\",e,f\n"), b',');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }
}
