//! Human text: one `file:line:column: severity[rule]: message` line per finding, then a summary.

use crate::pipeline::Checked;
use crate::pipeline::load::dialect;
use std::io::{self, Write};

pub(crate) fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in &checked.findings {
        writeln!(out, "{}", finding_line(f))?;
    }
    if !checked.findings.is_empty() {
        writeln!(out)?;
    }
    for input in &checked.inputs {
        // A workbook has its sheet in its name and no delimiter.
        let delimited = format!(", {}-delimited", dialect::describe(input.delimiter));
        let delimited = if input.delimiter == 0 { "" } else { delimited.as_str() };
        writeln!(out, "{}: {} rows, {}{delimited}", input.source, input.rows, input.encoding)?;
        if !input.ignored_columns.is_empty() {
            let names: Vec<String> = input
                .ignored_columns
                .iter()
                .map(|c| crate::core::finding::printable(&crate::core::finding::cut(c)))
                .collect();
            writeln!(out, "  ignored columns: {}", names.join(", "))?;
        }
    }
    let accounts: usize = checked.plan.organizations.iter().map(|o| o.accounts.len()).sum();
    let orgs = plural(checked.plan.organizations.len(), "organisation", "organisations");
    writeln!(out, "ready to plan: {orgs}, {}", plural(accounts, "account", "accounts"))?;
    if !checked.blocked.is_empty() {
        let cut = |id: &String| crate::core::finding::printable(&crate::core::finding::cut(id));
        let ids: Vec<String> = checked.blocked.iter().map(|b| cut(&b.mpn_id)).collect();
        let orgs = plural(ids.len(), "organisation", "organisations");
        writeln!(out, "left out by errors: {orgs} ({})", ids.join(", "))?;
    }
    writeln!(out, "{}", counts_line(&checked.counts))?;
    out.flush()
}

/// `1 organisation`, `2 organisations`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One finding as `file:line:column: severity[rule]: message`.
pub(crate) fn finding_line(f: &crate::core::finding::Finding) -> String {
    format!("{}:{}:{}: {}[{}]: {}", f.file, f.line, f.column, f.severity, f.rule, f.message)
}

/// `2 errors, 1 warning, 0 info`.
pub(crate) fn counts_line(c: &crate::core::finding::Counts) -> String {
    format!("{}, {}, {} info", plural(c.errors, "error", "errors"), plural(c.warnings, "warning", "warnings"), c.infos)
}
