//! Free-text cells on their way to Microsoft Entra and spreadsheets (design §4):
//! control characters replaced by a space
//! (`control-character`), formula-like starts reported (`formula-like-value`),
//! Entra's length limits enforced (`too-long`). Every change gets a finding on
//! the cell, so no output holds a value changed silently.

use super::row_check::RowCheck;
use crate::core::finding::{Rule, quote};

/// Microsoft Entra's limits, in characters (not bytes).
pub(crate) const GIVEN_NAME_MAX: usize = 64;
pub(crate) const SURNAME_MAX: usize = 64;
pub(crate) const DISPLAY_NAME_MAX: usize = 256;
pub(crate) const JOB_TITLE_MAX: usize = 128;

// The display name is first + " " + last, or the email when both are empty:
// once the parts are cut it always fits, with room to spare for the `'` a
// spreadsheet file may add. Checked here, when the crate is compiled.
const _: () = assert!(GIVEN_NAME_MAX + 1 + SURNAME_MAX < DISPLAY_NAME_MAX);
const _: () = assert!(super::values::EMAIL_MAX < DISPLAY_NAME_MAX);

/// Starts a spreadsheet reads as a formula; the credentials and Entra files
/// write such a cell with a leading `'`.
pub(crate) const FORMULA_START: [char; 4] = ['=', '+', '-', '@'];

pub(crate) fn is_formula_like(s: &str) -> bool {
    s.starts_with(FORMULA_START)
}

/// Characters that break a cell or a line: Unicode controls (C0, DEL, C1:
/// CR, LF, TAB, NUL, ESC, …) and the Unicode line and paragraph separators.
fn is_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Each run of control characters replaced by one space (a CR LF is one line
/// break, not two spaces), then trimmed; `None` when there is none.
pub(crate) fn replace_controls(s: &str) -> Option<String> {
    if !s.contains(is_control) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut in_run = false;
    for c in s.chars() {
        if is_control(c) {
            if !in_run {
                out.push(' ');
            }
            in_run = true;
        } else {
            out.push(c);
            in_run = false;
        }
    }
    Some(out.trim().to_string())
}

/// The first `max` characters of `s`, without the trailing space a cut may expose.
pub(crate) fn cut(s: &str, max: usize) -> &str {
    match s.char_indices().nth(max) {
        Some((end, _)) => s[..end].trim_end(),
        None => s,
    }
}

/// True when `value`, as a spreadsheet file writes it (a `'` before a
/// formula-like start), fits Entra's limit `max`.
pub(crate) fn fits(value: &str, max: usize) -> bool {
    value.chars().count() + usize::from(is_formula_like(value)) <= max
}

/// `cell` with control characters replaced (`control-character`).
pub(crate) fn without_controls<T>(out: &mut RowCheck<'_, T>, col: usize, label: &str, cell: &str) -> String {
    match replace_controls(cell) {
        None => cell.to_string(),
        Some(clean) => {
            out.push(
                col,
                Rule::ControlCharacter,
                format!(
                    "{label} {} holds a line break, tab or other control character: each run replaced by a space, giving {}",
                    quote(cell),
                    quote(&clean)
                ),
            );
            clean
        }
    }
}

/// Where a formula-like value of a column ends up with its leading `'`.
pub(crate) enum Holders {
    /// The given name, and the display name it starts: both credential files.
    DisplayName,
    /// A column of the Entra file only (a surname after a given name, a job title).
    Entra,
}

/// `formula-like-value` for `value`, then `too-long` (cut to Entra's `max`,
/// leaving room for the `'` the spreadsheet files add).
pub(crate) fn entra_value<T>(
    out: &mut RowCheck<'_, T>,
    col: usize,
    label: &str,
    value: String,
    max: usize,
    holders: Holders,
) -> String {
    let formula = is_formula_like(&value);
    if formula {
        let files = match holders {
            Holders::DisplayName => "the credentials file (display name) and the Entra file hold it",
            Holders::Entra => "the Entra file holds it",
        };
        out.push(col, Rule::FormulaLikeValue, formula_message(label, &value, files));
    }
    if fits(&value, max) {
        return value;
    }
    let room = max - usize::from(formula);
    let chars = value.chars().count();
    let why = if formula {
        format!(
            "with the leading ' of the spreadsheet files that is more than the {max} Microsoft Entra accepts: cut after character {room}"
        )
    } else {
        format!("more than the {max} Microsoft Entra accepts: cut after character {room}")
    };
    out.push(col, Rule::TooLong, format!("{label} {} has {chars} characters, {why}", quote(&value)));
    cut(&value, room).to_string()
}

/// The message of `formula-like-value`: what starts the value and where the `'` goes.
pub(crate) fn formula_message(label: &str, value: &str, files: &str) -> String {
    let first = value.chars().next().unwrap_or(' ');
    format!(
        "{label} {} starts with {}, which a spreadsheet runs as a formula: {files} with a leading ' (elsewhere it is unchanged)",
        quote(value),
        quote(&first.to_string())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_controls_become_one_space_and_ends_are_trimmed() {
        assert_eq!(replace_controls("Ann"), None);
        assert_eq!(replace_controls("Ann\r\nLee").as_deref(), Some("Ann Lee"));
        assert_eq!(replace_controls("Ann\tLee\0").as_deref(), Some("Ann Lee"));
        assert_eq!(replace_controls("\u{1b}[2JAnn").as_deref(), Some("[2JAnn"));
        assert_eq!(replace_controls("A\u{2028}B\u{85}C").as_deref(), Some("A B C"));
        assert_eq!(replace_controls("\0").as_deref(), Some(""));
    }

    #[test]
    fn cut_counts_characters_not_bytes() {
        let name = "é".repeat(70);
        assert_eq!(cut(&name, 64).chars().count(), 64);
        assert_eq!(cut(&name, 64).len(), 128);
        assert_eq!(cut("ab cd", 3), "ab");
        assert_eq!(cut("short", 64), "short");
    }

    #[test]
    fn fits_counts_the_quote_of_a_formula_like_value() {
        assert!(fits(&"x".repeat(64), 64));
        assert!(!fits(&format!("={}", "x".repeat(63)), 64));
        assert!(fits(&format!("={}", "x".repeat(62)), 64));
        assert!(!fits(&"x".repeat(65), 64));
    }

    #[test]
    fn formula_like_starts() {
        for s in ["=1+2", "+49 30", "-x", "@SUM(A1)"] {
            assert!(is_formula_like(s), "{s}");
        }
        assert!(!is_formula_like("Ann"));
        assert!(!is_formula_like("'=1"));
    }
}
