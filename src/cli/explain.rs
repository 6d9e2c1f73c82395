//! `pmc-migrate explain RULE`: what a rule means, why it matters and how to
//! fix the export. An unknown id is a usage error (exit 2) listing every id.

use crate::Error;
use crate::core::finding::{Rule, Severity};
use crate::pipeline::Outcome;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A rule id, as in a finding (`pmc-migrate rules` lists them).
    #[arg(value_name = "RULE", ignore_case = true, value_parser = rule_parser(), hide_possible_values = true)]
    pub rule: Rule,
    /// Accepted as by every command (this one writes no messages to silence).
    #[arg(long, short)]
    pub quiet: bool,
}

/// Rule ids as clap's possible values: an unknown one is refused with the
/// list (and the closest id), and shells complete them.
fn rule_parser() -> impl TypedValueParser<Value = Rule> {
    PossibleValuesParser::new(Rule::ALL.map(Rule::id))
        .map(|id| *Rule::ALL.iter().find(|r| r.id().eq_ignore_ascii_case(&id)).expect("a listed rule id"))
}

pub fn run(args: &Args) -> Result<Outcome, Error> {
    super::stdout::stdout().write_all(render(args.rule).as_bytes())?;
    Ok(Outcome::Clean)
}

pub fn render(rule: Rule) -> String {
    let severity = rule.severity();
    let e = rule.explanation();
    let mut out = format!("{rule} ({severity}): {}\n", e.summary);
    for (heading, text) in [("What it means", e.meaning), ("Why it matters", e.why), ("How to fix the export", e.fix)] {
        out.push_str(&format!("\n{heading}\n"));
        wrap(text, 78, &mut out);
    }
    out.push('\n');
    wrap(effect(rule), 78, &mut out);
    out
}

/// What a finding of `rule` does to the exit code: by its severity, except
/// for the rules only `status` reports, which has no --strict (a test runs
/// every rule and checks that the run does what this says).
pub fn effect(rule: Rule) -> &'static str {
    match rule {
        Rule::MissingStatus => {
            "A warning that fails status: status exits 1 while an issued account is missing from the export, \
             so that a cron job never takes an account nobody can follow for one that is fine."
        }
        Rule::UnknownAccount => "A warning of status: it does not change status's exit code.",
        _ => match rule.severity() {
            Severity::Error => {
                "An error: what it names (the row, its organisation, or the whole file) is left out, and the run \
                 exits 1."
            }
            Severity::Warning => {
                "A warning: it does not fail the run; under --strict (validate, plan, apply) it is an error and the \
                 run exits 1."
            }
            Severity::Info => "Info: for your records; it never changes the exit code, not even under --strict.",
        },
    }
}

/// `text` as lines of at most `width` columns, indented by two spaces.
fn wrap(text: &str, width: usize, out: &mut String) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && 2 + line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(&format!("  {line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&format!("  {line}\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_explains_itself_in_short_lines() {
        for rule in Rule::ALL {
            let text = render(rule);
            for heading in ["What it means", "Why it matters", "How to fix the export"] {
                assert!(text.contains(heading), "{rule}:\n{text}");
            }
            assert!(text.lines().skip(1).all(|l| l.chars().count() <= 78), "{rule}:\n{text}");
        }
    }
}
