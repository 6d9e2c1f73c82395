//! plan.json: the whole plan, no passwords. Field names of SPEC §7.

use crate::Checked;
use crate::apply::Applied;
use crate::finding::Severity;
use crate::model::InputFacts;
use crate::plan::{LeftAccount, OrgPlan};
use crate::validate::BlockedOrg;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub struct Summary {
    pub organizations: usize,
    /// Distinct people (by email) across the planned organisations.
    pub employees: usize,
    /// One per person per organisation.
    pub accounts: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub blocked_organizations: usize,
}

/// How the inputs were read and judged: `apply --plan` repeats exactly these.
#[derive(Serialize)]
struct RecordedOptions {
    strict: bool,
    date_order: Option<crate::options::DateOrder>,
    encoding: Option<&'static str>,
    delimiter: Option<String>,
}

#[derive(Serialize)]
struct PlanDoc<'a> {
    as_of: NaiveDate,
    tool: Tool,
    creation: &'static str,
    options: RecordedOptions,
    /// SHA-256 of the output folder's ledger.csv when the plan was made (null: none).
    ledger_sha256: Option<&'a str>,
    inputs: &'a [InputFacts],
    summary: Summary,
    organizations: &'a [OrgPlan],
    blocked_organizations: &'a [BlockedOrg],
    /// People in the ledger who are gone from the export: reported, never deleted.
    left: &'a [LeftAccount],
    #[serde(skip_serializing_if = "Option::is_none")]
    apply: Option<&'a Applied>,
}

pub fn summary(checked: &Checked) -> Summary {
    let orgs = &checked.plan.organizations;
    let people: HashSet<&str> = orgs.iter().flat_map(|o| o.accounts.iter().map(|a| a.email_key.as_str())).collect();
    Summary {
        organizations: orgs.len(),
        employees: people.len(),
        accounts: orgs.iter().map(|o| o.accounts.len()).sum(),
        errors: checked.counts.errors,
        warnings: checked.counts.warnings,
        infos: checked.findings.iter().filter(|f| f.severity == Severity::Info).count(),
        blocked_organizations: checked.blocked.len(),
    }
}

/// plan.json's bytes (see [`write_to`]).
pub fn render(checked: &Checked, applied: Option<&Applied>) -> Vec<u8> {
    let mut out = Vec::new();
    write_to(checked, applied, &mut out).expect("writing to memory");
    out
}

/// Stream plan.json: indented down to each account, every account on one line,
/// so that a million accounts stay reviewable and diff-able yet compact.
pub fn write_to(checked: &Checked, applied: Option<&Applied>, out: &mut impl std::io::Write) -> std::io::Result<()> {
    let doc = PlanDoc {
        as_of: checked.plan.as_of,
        tool: Tool { name: "pmc-migrate", version: env!("CARGO_PKG_VERSION") },
        creation: checked.plan.creation.as_str(),
        options: RecordedOptions {
            strict: checked.options.strict,
            date_order: checked.options.read.date_order,
            encoding: checked.options.read.encoding.map(|e| e.name()),
            delimiter: checked.options.read.delimiter.map(|d| (d as char).to_string()),
        },
        ledger_sha256: checked.ledger_sha256.as_deref(),
        inputs: &checked.inputs,
        summary: summary(checked),
        organizations: &checked.plan.organizations,
        blocked_organizations: &checked.blocked,
        left: &checked.plan.left,
        apply: applied,
    };
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, ShallowPretty::new(4));
    doc.serialize(&mut ser).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// serde_json's pretty layout down to `max_depth` nesting levels, compact below.
struct ShallowPretty {
    depth: usize,
    max_depth: usize,
    has_value: bool,
}

impl ShallowPretty {
    fn new(max_depth: usize) -> Self {
        ShallowPretty { depth: 0, max_depth, has_value: false }
    }

    fn pretty(&self) -> bool {
        self.depth <= self.max_depth
    }

    fn newline_indent<W: ?Sized + std::io::Write>(&self, w: &mut W, depth: usize) -> std::io::Result<()> {
        w.write_all(b"\n")?;
        for _ in 0..depth {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn begin<W: ?Sized + std::io::Write>(&mut self, w: &mut W, open: &[u8]) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(open)
    }

    fn end<W: ?Sized + std::io::Write>(&mut self, w: &mut W, close: &[u8]) -> std::io::Result<()> {
        let was_pretty = self.pretty();
        self.depth -= 1;
        if was_pretty && self.has_value {
            self.newline_indent(w, self.depth)?;
        }
        w.write_all(close)
    }

    fn item<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        if self.pretty() { self.newline_indent(w, self.depth) } else { Ok(()) }
    }
}

impl serde_json::ser::Formatter for ShallowPretty {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.begin(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.end(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(if self.pretty() { b": " } else { b":" })
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _w: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pretty_indents_to_the_depth_and_keeps_deeper_values_on_one_line() {
        let v = serde_json::json!({"a": [{"b": [1, 2], "c": {"d": true}}], "e": []});
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, ShallowPretty::new(2));
        v.serialize(&mut ser).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "{\n  \"a\": [\n    {\"b\":[1,2],\"c\":{\"d\":true}}\n  ],\n  \"e\": []\n}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
