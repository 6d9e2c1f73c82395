//! JUnit XML for CI test tabs: a suite per input file, a testcase per rule,
//! a `<failure>` per error; warnings and info go to the testcase's output.

use crate::Checked;
use crate::finding::{Finding, Rule, Severity};
use std::io::{self, Write};

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
            for f in hits {
                let text = format!("{}:{}:{}: {}", f.file, f.line, f.column, f.message);
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
