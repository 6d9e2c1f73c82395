//! `pmc-migrate rules`: every rule id with its severity and what it checks.

use crate::Error;
use crate::core::finding::{Rule, Severity};
use crate::pipeline::Outcome;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the list as the Markdown table of the README.
    #[arg(long)]
    pub markdown: bool,
    /// Accepted as by every command (this one writes no messages to silence).
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    let mut out = super::stdout::stdout();
    let text = if args.markdown { crate::core::finding::markdown_table() } else { render() };
    out.write_all(text.as_bytes())?;
    Ok(Outcome::Clean)
}

/// One line per rule, errors first, then warnings, then info, each in the
/// order of the rule list; the columns line up for reading and for `grep`.
pub fn render() -> String {
    let width = Rule::ALL.iter().map(|r| r.id().len()).max().unwrap_or(0);
    let mut out = format!("{:width$}  {:8}  {}\n", "RULE", "SEVERITY", "WHAT IT FLAGS");
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        for rule in Rule::ALL.iter().filter(|r| r.severity() == severity) {
            let summary = rule.explanation().summary;
            out.push_str(&format!("{:width$}  {:8}  {summary}\n", rule.id(), severity.as_str()));
        }
    }
    out.push_str("\n`pmc-migrate explain RULE` says what a rule means, why it matters and how to fix the export.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_rule_once_with_its_severity() {
        let text = render();
        for rule in Rule::ALL {
            let lines: Vec<&str> = text.lines().filter(|l| l.split_whitespace().next() == Some(rule.id())).collect();
            assert_eq!(lines.len(), 1, "{}:\n{text}", rule.id());
            assert_eq!(lines[0].split_whitespace().nth(1), Some(rule.severity().as_str()), "{}", lines[0]);
        }
    }
}
