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

/// Lines of each list `status` prints; the rest are in status.html and status.json.
pub(crate) const STATUS_LIST_CAP: usize = 20;

/// What `status` prints: who must be re-added, whose password expires soon,
/// the export's findings (errors first), each list capped, then the summary
/// last, so that it is what stays on screen whatever the team's size.
pub(crate) fn status_summary(report: &crate::pipeline::assess::StatusReport, out_dir: &std::path::Path) -> String {
    use crate::core::finding::Severity;
    use crate::pipeline::assess::SignIn;
    let (html, json) = (out_dir.join("status.html"), out_dir.join("status.json"));
    let more = format!("(see {} / {})", html.display(), json.display());
    let mut text = String::new();
    let people = |state: SignIn| {
        report
            .organizations
            .iter()
            .flat_map(move |o| o.employees.iter().map(move |e| (o, e)))
            .filter(move |(_, e)| e.sign_in == state)
    };
    let c = report.sign_in();
    let reissue = people(SignIn::MustReissue).map(|(o, e)| {
        format!(
            "  {} ({}): temporary password expired {}, never signed in: {}",
            e.username, o.mpn_id, e.password_expires, "remove and add again (next apply --status reissues)"
        )
    });
    capped(&mut text, &format!("to remove and add again ({}):", c.must_reissue), c.must_reissue, &more, reissue);
    capped(
        &mut text,
        &format!("expiring within {} ({}):", counted(report.warn_days, "day"), c.expires_soon),
        c.expires_soon,
        &more,
        people(SignIn::ExpiresSoon).map(|(o, e)| {
            format!(
                "  {} ({}): not signed in, temporary password expires {} ({})",
                e.username,
                o.mpn_id,
                e.password_expires,
                counted(e.days_left, "day")
            )
        }),
    );
    let errors = report.findings.iter().filter(|f| f.severity == Severity::Error);
    let others = report.findings.iter().filter(|f| f.severity != Severity::Error);
    let n = report.findings.len();
    capped(
        &mut text,
        &format!("findings in the status export ({n}):"),
        n,
        &more,
        errors
            .chain(others)
            .map(|f| format!("{}:{}:{}: {}[{}]: {}", f.file, f.line, f.column, f.severity, f.rule, f.message)),
    );
    let counts = crate::core::finding::count(&report.findings);
    text.push_str(&format!(
        "{} signed in, {} waiting, {} expiring within {}, {} to remove and add again, {} not in the status export\n",
        c.signed_in,
        c.waiting,
        c.expires_soon,
        counted(report.warn_days, "day"),
        c.must_reissue,
        c.unknown
    ));
    text.push_str(&format!(
        "{}, {} in the status export\n",
        counted(counts.errors as i64, "error"),
        counted(counts.warnings as i64, "warning")
    ));
    text.push_str(&format!("status: {}\n", html.display()));
    text
}

/// A titled list of at most [`STATUS_LIST_CAP`] lines out of `total`, then how many more.
fn capped(text: &mut String, title: &str, total: usize, more: &str, lines: impl Iterator<Item = String>) {
    if total == 0 {
        return;
    }
    text.push_str(title);
    text.push('\n');
    for line in lines.take(STATUS_LIST_CAP) {
        text.push_str(&line);
        text.push('\n');
    }
    if total > STATUS_LIST_CAP {
        text.push_str(&format!("  … and {} more {more}\n", total - STATUS_LIST_CAP));
    }
}

/// "1 day", "7 days", "-1 days" is "-1 day".
fn counted(n: i64, noun: &str) -> String {
    if n.abs() == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}
