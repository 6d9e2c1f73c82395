//! Human text: one `file:line:column: severity[rule]: message` line per finding, then a summary.

use crate::check::Checked;
use crate::load::dialect;
use std::io::{self, Write};

pub fn write(checked: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    for f in &checked.findings {
        writeln!(out, "{}:{}:{}: {}[{}]: {}", f.file, f.line, f.column, f.severity, f.rule, f.message)?;
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
            let names: Vec<String> =
                input.ignored_columns.iter().map(|c| crate::finding::printable(&crate::finding::cut(c))).collect();
            writeln!(out, "  ignored columns: {}", names.join(", "))?;
        }
    }
    let accounts: usize = checked.plan.organizations.iter().map(|o| o.accounts.len()).sum();
    writeln!(out, "ready to plan: {} organisations, {} accounts", checked.plan.organizations.len(), accounts)?;
    if !checked.blocked.is_empty() {
        let ids: Vec<String> =
            checked.blocked.iter().map(|b| crate::finding::printable(&crate::finding::cut(&b.mpn_id))).collect();
        writeln!(out, "left out by errors: {} organisations ({})", ids.len(), ids.join(", "))?;
    }
    let c = checked.counts;
    writeln!(out, "{} errors, {} warnings, {} info", c.errors, c.warnings, c.infos)?;
    out.flush()
}

/// The few lines `plan` prints when it is done.
pub fn plan_summary(checked: &Checked, out_dir: &std::path::Path) -> String {
    let s = crate::plan_file::summary(checked);
    let mut text = format!(
        "planned {} organisations, {} accounts for {} people; {} left out by errors\n{} errors, {} warnings, {} info\n",
        s.organizations, s.accounts, s.employees, s.blocked_organizations, s.errors, s.warnings, s.infos
    );
    text.push_str(&format!("report: {}\n", out_dir.join("index.html").display()));
    text.push_str(&format!("plan:   {}\n", out_dir.join("plan.json").display()));
    text.push_str(&format!("findings: {}\n", out_dir.join("findings.csv").display()));
    text
}

/// What `apply` prints when it is done: what was issued, and where, never a password.
pub fn apply_summary(checked: &Checked, applied: &crate::applied::Applied, out_dir: &std::path::Path) -> String {
    let mut text = plan_summary(checked, out_dir);
    if applied.refused {
        text.push_str(
            "apply refused: fix the errors above (see findings.csv) or pass --skip-invalid; no credentials written\n",
        );
        return text;
    }
    let (created, kept, reissued, left) = applied.totals();
    text.push_str(&format!(
        "run {}: {created} created, {reissued} reissued, {kept} kept, {left} left the export\n",
        applied.run
    ));
    text.push_str(&format!("credentials: {} (mode 0600)\n", out_dir.join("credentials").display()));
    text
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
