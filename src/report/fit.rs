//! Text cut to a terminal's columns: a line that wraps mid-name is harder to
//! read than one whose long name or address loses its middle to `…`. Columns
//! are counted as a terminal draws them (CJK characters take two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const ELLIPSIS: char = '…';

/// How many columns `s` takes on a terminal.
pub(crate) fn columns(s: &str) -> usize {
    s.width()
}

/// `s` in at most `max` columns: its start and its end, `…` between them
/// (the start gets the odd column). Unchanged when it fits.
pub(crate) fn middle(s: &str, max: usize) -> String {
    if columns(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room = max - 1; // the ellipsis takes one column
    let head = take(s.chars(), room.div_ceil(2));
    let tail: String = take(s.chars().rev(), room - columns(&head)).chars().rev().collect();
    format!("{head}{ELLIPSIS}{tail}")
}

/// `s` in at most `max` columns: its start, then `…`. Unchanged when it fits.
pub(crate) fn end(s: &str, max: usize) -> String {
    if columns(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    format!("{}{ELLIPSIS}", take(s.chars(), max - 1))
}

/// The characters of `chars`, in order, while they fit in `max` columns
/// (a wide character that would straddle the limit is left out whole).
fn take(chars: impl Iterator<Item = char>, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in chars {
        let w = c.width().unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_fits_is_left_alone() {
        assert_eq!(middle("anna@contoso.com", 16), "anna@contoso.com");
        assert_eq!(end("anna", 4), "anna");
    }

    #[test]
    fn the_middle_goes_and_the_ends_stay() {
        assert_eq!(middle("siobhan.oconnor@northwind.ie", 11), "siobh…nd.ie");
        assert_eq!(columns(&middle("siobhan.oconnor@northwind.ie", 11)), 11);
        assert_eq!(end("left the export", 8), "left th…");
    }

    #[test]
    fn wide_characters_count_two_columns_and_are_never_split() {
        assert_eq!(columns("李宗翰"), 6);
        // 5 columns: one wide character each side of the ellipsis would be 5; two on the left would be 6.
        let cut = middle("李宗翰陳美玲", 5);
        assert_eq!(cut, "李…玲");
        assert!(columns(&middle("李宗翰陳美玲", 6)) <= 6);
        assert_eq!(end("李宗翰", 4), "李…");
    }
}
