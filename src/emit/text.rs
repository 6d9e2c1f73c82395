//! Human text: one `file:line:column: severity[rule]: message` line per finding, then a summary.

use crate::Checked;
use crate::load::dialect;
use std::io::{self, Write};

pub fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in &checked.findings {
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            f.file, f.line, f.column, f.severity, f.rule, f.message
        )?;
    }
    if !checked.findings.is_empty() {
        writeln!(out)?;
    }
    for input in &checked.inputs {
        writeln!(
            out,
            "{}: {} rows, {}, {}-delimited",
            input.path,
            input.rows,
            input.encoding,
            dialect::describe(input.delimiter)
        )?;
        if !input.ignored_columns.is_empty() {
            writeln!(out, "  ignored columns: {}", input.ignored_columns.join(", "))?;
        }
    }
    let people: usize = checked.teams.iter().map(|t| t.employees.len()).sum();
    writeln!(
        out,
        "ready to plan: {} organisations, {} people",
        checked.teams.len(),
        people
    )?;
    if !checked.blocked.is_empty() {
        let ids: Vec<&str> = checked.blocked.iter().map(|b| b.mpn_id.as_str()).collect();
        writeln!(
            out,
            "left out by errors: {} organisations ({})",
            ids.len(),
            ids.join(", ")
        )?;
    }
    let c = checked.counts;
    writeln!(out, "{} errors, {} warnings, {} info", c.errors, c.warnings, c.infos)?;
    out.flush()
}
