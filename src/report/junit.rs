//! JUnit XML for CI test tabs (design §7). A `<testsuite>` per input file and,
//! in it, for every rule:
//!
//! - no finding: one passing `<testcase name="FILE RULE">`;
//! - otherwise a `<testcase name="FILE:LINE:COLUMN RULE">` per finding, the
//!   first [`MAX_PER_RULE`] of the rule in that file: an error (a warning
//!   under `--strict`, which makes it one) holds exactly one `<failure>`; a
//!   warning or info passes, as it does not fail `validate`, and says what it
//!   is in its `<system-out>`;
//! - past the cap, one more testcase that says how many findings were left
//!   out: a failure when any of them is an error, so that a million findings
//!   stay far under GitLab's limits and the counts stay honest.
//!
//! `classname` is the rule id. Every `tests`/`failures`/`errors`/`skipped`
//! attribute is the number of those elements below it (`skipped` is left off
//! `<testsuites>`, where the Jenkins xunit `junit-10.xsd` has no such
//! attribute; nothing is ever skipped), and nothing depends on the clock.

use crate::core::finding::{Finding, Rule, Severity};
use crate::pipeline::Checked;
use std::io::{self, Write};

/// Findings listed per rule and file; the rest are counted in one testcase.
pub const MAX_PER_RULE: usize = 100;

/// One rule's findings in one file: those listed, and how many were left out.
#[derive(Default)]
struct RuleCases<'a> {
    shown: Vec<&'a Finding>,
    omitted: usize,
    omitted_errors: usize,
}

impl RuleCases<'_> {
    fn tests(&self) -> usize {
        self.shown.len().max(1) + usize::from(self.omitted > 0)
    }

    fn failures(&self) -> usize {
        self.shown.iter().filter(|f| f.severity == Severity::Error).count() + usize::from(self.omitted_errors > 0)
    }
}

struct Suite<'a> {
    file: &'a str,
    rules: Vec<RuleCases<'a>>,
}

impl Suite<'_> {
    fn tests(&self) -> usize {
        self.rules.iter().map(RuleCases::tests).sum()
    }

    fn failures(&self) -> usize {
        self.rules.iter().map(RuleCases::failures).sum()
    }
}

/// The suites in input order (then any other file a finding names), each
/// with its findings grouped by rule in the order of [`Rule::ALL`].
fn suites(checked: &Checked) -> Vec<Suite<'_>> {
    let new_suite = |file| Suite { file, rules: Rule::ALL.iter().map(|_| RuleCases::default()).collect() };
    let mut suites: Vec<Suite> = checked.inputs.iter().map(|i| new_suite(i.source.as_str())).collect();
    for f in &checked.findings {
        let at = match suites.iter().position(|s| s.file == f.file) {
            Some(at) => at,
            None => {
                suites.push(new_suite(f.file.as_str()));
                suites.len() - 1
            }
        };
        let rule = Rule::ALL.iter().position(|r| *r == f.rule).expect("every rule is in Rule::ALL");
        let cases = &mut suites[at].rules[rule];
        if cases.shown.len() < MAX_PER_RULE {
            cases.shown.push(f);
        } else {
            cases.omitted += 1;
            cases.omitted_errors += usize::from(f.severity == Severity::Error);
        }
    }
    suites
}

pub fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let suites = suites(checked);
    let tests: usize = suites.iter().map(Suite::tests).sum();
    let failures: usize = suites.iter().map(Suite::failures).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="pmc-migrate validate" tests="{tests}" failures="{failures}" errors="0">"#)?;
    for suite in &suites {
        let file = escape(suite.file);
        writeln!(
            out,
            r#"  <testsuite name="{file}" tests="{}" failures="{}" errors="0" skipped="0">"#,
            suite.tests(),
            suite.failures()
        )?;
        for (rule, cases) in Rule::ALL.iter().zip(&suite.rules) {
            if cases.shown.is_empty() {
                writeln!(out, r#"    <testcase classname="{rule}" name="{file} {rule}"/>"#)?;
                continue;
            }
            for f in &cases.shown {
                writeln!(out, r#"    <testcase classname="{rule}" name="{file}:{}:{} {rule}">"#, f.line, f.column)?;
                let text =
                    escape(&format!("{}:{}:{}: {}[{rule}]: {}", f.file, f.line, f.column, f.severity, f.message));
                if f.severity == Severity::Error {
                    writeln!(out, r#"      <failure type="{rule}" message="{}">{text}</failure>"#, escape(&f.message))?;
                } else {
                    writeln!(out, "      <system-out>{text}</system-out>")?;
                }
                writeln!(out, "    </testcase>")?;
            }
            if cases.omitted > 0 {
                let more = cases.omitted;
                let findings = if more == 1 { "finding" } else { "findings" };
                let what = format!("{more} more {rule} {findings} in {file} not listed");
                let rest = "the full list is in findings.csv (plan) or --format json";
                writeln!(out, r#"    <testcase classname="{rule}" name="{file} {rule}: {more} more">"#)?;
                if cases.omitted_errors > 0 {
                    writeln!(out, r#"      <failure type="{rule}" message="{what}">{what}: {rest}</failure>"#)?;
                } else {
                    writeln!(out, "      <system-out>{what}: {rest}</system-out>")?;
                }
                writeln!(out, "    </testcase>")?;
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")?;
    out.flush()
}

/// XML text/attribute escaping; characters XML 1.0 forbids become U+FFFD.
pub(crate) fn escape(s: &str) -> String {
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
