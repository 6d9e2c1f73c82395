//! A `Finding` is data about the input (design §4), never an error of the tool.

use serde::Serialize;
use std::fmt;

mod file_name;
mod rules;
mod severity;

pub(crate) use file_name::FileName;

pub use rules::{Rule, markdown_table};
pub use severity::Severity;

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// One finding: `file, line, column, rule, severity, message`.
/// `line` is the physical line on which the record starts (header = 1);
/// `column` is the 1-based field number (1 when the finding is about a whole row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub file: FileName,
    pub line: u64,
    pub column: u32,
    pub rule: Rule,
    pub severity: Severity,
    pub message: String,
}

impl Finding {
    pub fn new(file: &str, line: u64, column: u32, rule: Rule, message: String) -> Self {
        Finding { file: FileName::shared(file), line, column, rule, severity: rule.severity(), message }
    }
}

/// Sort by file, line, rule (then column and message so that the order is total):
/// the same bytes whatever the thread count.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_unstable_by(|a, b| {
        (a.file.as_str(), a.line, a.rule.id(), a.column, a.message.as_str()).cmp(&(
            b.file.as_str(),
            b.line,
            b.rule.id(),
            b.column,
            b.message.as_str(),
        ))
    });
}

/// `--strict`: every warning becomes an error.
pub(crate) fn apply_strict(findings: &mut [Finding]) {
    for f in findings {
        if f.severity == Severity::Warning {
            f.severity = Severity::Error;
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn count(findings: &[Finding]) -> Counts {
    let mut c = Counts::default();
    for f in findings {
        match f.severity {
            Severity::Error => c.errors += 1,
            Severity::Warning => c.warnings += 1,
            Severity::Info => c.infos += 1,
        }
    }
    c
}

/// An input value safe to print on a terminal: control characters escaped
/// (no escape sequence from an export can retitle or clear a terminal).
pub(crate) fn printable(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() { out.extend(c.escape_default()) } else { out.push(c) }
    }
    out
}

/// How many characters of an input value any message or listing shows (design §3).
pub(crate) const MAX_QUOTED_CHARS: usize = 80;

/// An input value cut to [`MAX_QUOTED_CHARS`] characters, `…` marking the cut:
/// for listings (such as ignored header names) that print values unquoted.
pub(crate) fn cut(value: &str) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &value[..at]).into(),
        None => value.into(),
    }
}

/// Quote an input value for a message: control characters escaped, long values cut,
/// so that a hostile or huge cell can't flood or break a report line.
pub(crate) fn quote(value: &str) -> String {
    const MAX_CHARS: usize = MAX_QUOTED_CHARS;
    let mut out = String::with_capacity(value.len().min(MAX_CHARS * 2) + 2);
    out.push('"');
    for (n, ch) in value.chars().enumerate() {
        if n == MAX_CHARS {
            out.push('…');
            break;
        }
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_controls_and_cuts_long_values() {
        assert_eq!(quote("a\"b\nc"), "\"a\\\"b\\nc\"");
        let long = "x".repeat(200);
        let q = quote(&long);
        assert!(q.chars().count() < 90);
        assert!(q.ends_with("…\""));
    }

    #[test]
    fn cut_keeps_80_characters_and_marks_the_cut() {
        assert_eq!(cut("short"), "short");
        assert_eq!(cut(&"é".repeat(80)), "é".repeat(80));
        assert_eq!(cut(&"é".repeat(500)), format!("{}…", "é".repeat(80)));
    }

    #[test]
    fn sorting_is_by_file_line_rule() {
        let mut v = vec![
            Finding::new("b.csv", 2, 1, Rule::InvalidEmail, "m".into()),
            Finding::new("a.csv", 9, 1, Rule::InvalidDate, "m".into()),
            Finding::new("a.csv", 9, 1, Rule::DateOrder, "m".into()),
            Finding::new("a.csv", 3, 4, Rule::MissingValue, "m".into()),
        ];
        sort_findings(&mut v);
        let got: Vec<_> = v.iter().map(|f| (f.file.as_str(), f.line, f.rule.id())).collect();
        assert_eq!(
            got,
            vec![
                ("a.csv", 3, "missing-value"),
                ("a.csv", 9, "date-order"),
                ("a.csv", 9, "invalid-date"),
                ("b.csv", 2, "invalid-email"),
            ]
        );
    }

    #[test]
    fn strict_turns_warnings_into_errors_only() {
        let mut v = vec![
            Finding::new("a", 1, 1, Rule::MembershipExpired, "m".into()),
            Finding::new("a", 1, 1, Rule::ExactDuplicate, "m".into()),
        ];
        apply_strict(&mut v);
        assert_eq!(v[0].severity, Severity::Error);
        assert_eq!(v[1].severity, Severity::Info);
    }
}
