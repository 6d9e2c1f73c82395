//! JUnit XML for CI test tabs: a suite per input file, a testcase per rule,
//! a `<failure>` per error (the first [`MAX_PER_RULE`], then one that counts
//! the rest, so that a million findings stay far under GitLab's limits);
//! warnings and info go to the testcase's output, capped the same way.

use crate::check::Checked;
use crate::finding::{Finding, Rule, Severity};
use std::io::{self, Write};

/// Findings listed per rule and file; the rest are counted.
pub const MAX_PER_RULE: usize = 100;

pub fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let files: Vec<&str> = checked.inputs.iter().map(|i| i.path.as_str()).collect();
    let failures = checked.findings.iter().filter(|f| f.severity == Severity::Error).count();
    let tests = files.len() * Rule::ALL.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="pmc-migrate validate" tests="{tests}" failures="{failures}" errors="0">"#)?;
    for file in files {
        let in_file: Vec<&Finding> = checked.findings.iter().filter(|f| f.file == file).collect();
        let file_failures = in_file.iter().filter(|f| f.severity == Severity::Error).count();
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{file_failures}" errors="0" skipped="0">"#,
            escape(file),
            Rule::ALL.len()
        )?;
        for rule in Rule::ALL {
            let hits: Vec<&&Finding> = in_file.iter().filter(|f| f.rule == rule).collect();
            if hits.is_empty() {
                writeln!(out, r#"    <testcase classname="{}" name="{rule}"/>"#, escape(file))?;
                continue;
            }
            writeln!(out, r#"    <testcase classname="{}" name="{rule}">"#, escape(file))?;
            let mut notes = String::new();
            let (mut errors, mut others) = (0usize, 0usize);
            for f in &hits {
                let text = format!("{}:{}:{}: {}", f.file, f.line, f.column, f.message);
                let shown = if f.severity == Severity::Error { &mut errors } else { &mut others };
                *shown += 1;
                if *shown > MAX_PER_RULE {
                    continue;
                }
                if f.severity == Severity::Error {
                    writeln!(
                        out,
                        r#"      <failure type="{rule}" message="{}">{}</failure>"#,
                        escape(&f.message),
                        escape(&text)
                    )?;
                } else {
                    notes.push_str(&format!("{}: {text}\n", f.severity));
                }
            }
            if errors > MAX_PER_RULE {
                let more = errors - MAX_PER_RULE;
                writeln!(
                    out,
                    r#"      <failure type="{rule}" message="and {more} more {rule} errors">the full list is in findings.csv (plan) or --format json</failure>"#
                )?;
            }
            if others > MAX_PER_RULE {
                notes.push_str(&format!("… and {} more (see findings.csv or --format json)\n", others - MAX_PER_RULE));
            }
            if !notes.is_empty() {
                writeln!(out, "      <system-out>{}</system-out>", escape(&notes))?;
            }
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")?;
    out.flush()
}

/// XML text/attribute escaping; characters XML 1.0 forbids become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
        assert_eq!(escape("a\u{1}b"), "a\u{FFFD}b");
    }
}
