//! Human text: one `file:line:column: severity[rule]: message` line per finding, then a summary.

use crate::check::Checked;
use crate::load::dialect;
use std::io::{self, Write};

pub fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in &checked.findings {
        writeln!(out, "{}", finding_line(f))?;
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
            let names: Vec<String> = input.ignored_columns.iter().map(|c| crate::finding::printable(c)).collect();
            writeln!(out, "  ignored columns: {}", names.join(", "))?;
        }
    }
    let accounts: usize = checked.plan.organizations.iter().map(|o| o.accounts.len()).sum();
    let orgs = plural(checked.plan.organizations.len(), "organisation", "organisations");
    writeln!(out, "ready to plan: {orgs}, {}", plural(accounts, "account", "accounts"))?;
    if !checked.blocked.is_empty() {
        let ids: Vec<String> = checked.blocked.iter().map(|b| crate::finding::printable(&b.mpn_id)).collect();
        let orgs = plural(ids.len(), "organisation", "organisations");
        writeln!(out, "left out by errors: {orgs} ({})", ids.join(", "))?;
    }
    writeln!(out, "{}", counts_line(&checked.counts))?;
    out.flush()
}

/// `1 organisation`, `2 organisations`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One finding as `file:line:column: severity[rule]: message`.
pub fn finding_line(f: &crate::finding::Finding) -> String {
    format!("{}:{}:{}: {}[{}]: {}", f.file, f.line, f.column, f.severity, f.rule, f.message)
}

/// `2 errors, 1 warning, 0 info`.
pub fn counts_line(c: &crate::finding::Counts) -> String {
    format!("{}, {}, {} info", plural(c.errors, "error", "errors"), plural(c.warnings, "warning", "warnings"), c.infos)
}

/// What `status` prints: counts, then everyone who needs action.
pub fn status_summary(report: &crate::status::StatusReport, out_dir: &std::path::Path) -> String {
    use crate::status::SignIn;
    let mut lines = String::new();
    for o in &report.organizations {
        for e in &o.employees {
            match e.sign_in {
                SignIn::MustReissue => lines.push_str(&format!(
                    "  {} ({}): temporary password expired {}, never signed in: remove and add again (next apply --status reissues)\n",
                    e.username, o.mpn_id, e.password_expires
                )),
                SignIn::ExpiresSoon => lines.push_str(&format!(
                    "  {} ({}): not signed in, temporary password expires {} ({} days)\n",
                    e.username, o.mpn_id, e.password_expires, e.days_left
                )),
                _ => {}
            }
        }
    }
    let c = report.sign_in();
    let mut text = format!(
        "{} signed in, {} waiting, {} expiring within {} days, {} to remove and add again, {} not in the status export\n",
        c.signed_in, c.waiting, c.expires_soon, report.warn_days, c.must_reissue, c.unknown
    );
    text.push_str(&lines);
    for f in &report.findings {
        text.push_str(&format!("{}:{}:{}: {}[{}]: {}\n", f.file, f.line, f.column, f.severity, f.rule, f.message));
    }
    text.push_str(&format!("status: {}\n", out_dir.join("status.html").display()));
    text
}
