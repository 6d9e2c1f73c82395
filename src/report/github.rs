//! GitHub Actions workflow commands: `::error file=F,line=N,col=C,title=RULE::message`.
//! GitHub shows only 10 annotations of each kind per step, so the first 10
//! errors and 10 warnings are printed and one notice counts the rest; with
//! `GITHUB_STEP_SUMMARY` set, a Markdown summary (under 1 MB) is appended there.

use crate::core::finding::{Finding, Rule, Severity};
use crate::pipeline::Checked;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// GitHub's per-step limit for each annotation kind.
pub(crate) const MAX_ANNOTATIONS: usize = 10;
/// Rows of the step summary's findings table.
pub const SUMMARY_ROWS: usize = 50;

pub(crate) fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let findings = &checked.findings;
    let mut out = io::BufWriter::new(out);
    let mut shown = 0usize;
    // Errors first, then warnings, then info; each in file and line order.
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let limit = if severity == Severity::Info { MAX_ANNOTATIONS - 1 } else { MAX_ANNOTATIONS };
        let of_kind = findings.iter().filter(|f| f.severity == severity).take(limit);
        shown += annotate(of_kind, &mut out)?;
    }
    if shown < findings.len() {
        writeln!(
            out,
            "::notice title=pmc-migrate::{} more findings are not shown as annotations (GitHub shows 10 of each kind); run with --format text, or see findings.csv in the plan's output folder",
            findings.len() - shown
        )?;
    }
    out.flush()?;
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") {
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
        file.write_all(step_summary(checked).as_bytes())?;
    }
    Ok(())
}

fn annotate<'a>(findings: impl Iterator<Item = &'a Finding>, out: &mut impl Write) -> io::Result<usize> {
    let mut n = 0;
    for f in findings {
        n += 1;
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&f.file),
            f.line,
            f.column,
            f.rule,
            escape_data(&f.message)
        )?;
    }
    Ok(n)
}

/// Markdown for the job's summary page: totals, findings by rule, the first
/// findings as a table. Bounded whatever the number of findings.
pub fn step_summary(checked: &Checked) -> String {
    let c = checked.counts;
    let mut md = String::from("## pmc-migrate validate\n\n");
    let accounts: usize = checked.plan.organizations.iter().map(|o| o.accounts.len()).sum();
    md.push_str(&format!(
        "**{} errors, {} warnings, {} info** — {} organisations and {} accounts ready to plan, {} organisations left out.\n\n",
        c.errors,
        c.warnings,
        c.infos,
        checked.plan.organizations.len(),
        accounts,
        checked.blocked.len()
    ));
    for input in &checked.inputs {
        md.push_str(&format!("- `{}`: {} rows\n", cell(&input.source, 200), input.rows));
    }
    let mut by_rule: BTreeMap<&str, (Severity, usize)> = BTreeMap::new();
    for f in &checked.findings {
        by_rule.entry(f.rule.id()).or_insert((f.severity, 0)).1 += 1;
    }
    if !by_rule.is_empty() {
        md.push_str("\n| rule | severity | findings |\n|---|---|---:|\n");
        for rule in Rule::ALL {
            if let Some((severity, n)) = by_rule.get(rule.id()) {
                md.push_str(&format!("| `{rule}` | {severity} | {n} |\n"));
            }
        }
        md.push_str("\n| file | line | col | severity | rule | message |\n|---|---:|---:|---|---|---|\n");
        let mut ordered: Vec<&Finding> = checked.findings.iter().filter(|f| f.severity == Severity::Error).collect();
        ordered.extend(checked.findings.iter().filter(|f| f.severity != Severity::Error));
        for f in ordered.iter().take(SUMMARY_ROWS) {
            md.push_str(&format!(
                "| {} | {} | {} | {} | `{}` | {} |\n",
                cell(&f.file, 120),
                f.line,
                f.column,
                f.severity,
                f.rule,
                cell(&f.message, 300)
            ));
        }
        if checked.findings.len() > SUMMARY_ROWS {
            md.push_str(&format!(
                "\n{} more findings: run `pmc-migrate plan` and read findings.csv, or `validate --format json`.\n",
                checked.findings.len() - SUMMARY_ROWS
            ));
        }
    }
    md.push('\n');
    md
}

/// A Markdown table cell: pipes and line breaks escaped, length capped.
fn cell(s: &str, max: usize) -> String {
    let mut out: String = s.chars().take(max).collect::<String>().replace('|', "\\|").replace(['\n', '\r'], " ");
    if s.chars().count() > max {
        out.push('…');
    }
    crate::core::finding::printable(&out.replace('<', "&lt;"))
}

/// The escaping GitHub's runner expects for a command's message.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Properties also escape `:` and `,`, which separate them.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_runner() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
