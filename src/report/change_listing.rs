//! What `plan` and `apply` print for the person at the terminal (design §6).
//!
//! The report, for stdout and kept under `--quiet`: the change listing (per
//! organisation `+ ~ - =`, the people behind `+ ~ -`, a summary line), the
//! first errors and warnings in `validate`'s form, and the files the run
//! wrote. The messages for stderr are [`super::next`]'s. Never a password:
//! nothing here holds one.

use super::changes::{Changes, Counts, OrgChanges, Person, Sign};
use super::fit;
use super::html::kit::{page_id, thousands};
use super::text::{counts_line, finding_line, plural};
pub(crate) use crate::core::applied::Written;
use crate::core::finding::{Severity, printable};
use crate::core::ids::CredentialsFile;
use crate::pipeline::Checked;
use std::fmt::Write;
use std::path::Path;

/// People, organisations and files named before "… and N more", unless `--changes all`.
pub(crate) const FIRST: usize = 20;
/// Errors and warnings printed; the rest are in findings.csv.
pub(crate) const FIRST_FINDINGS: usize = 20;

/// How much of the listing to show, whether in colour, and in how many columns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub limit: usize,
    pub colour: bool,
    /// The terminal's width, which long lines are fitted to; `None` off a
    /// terminal, where lines stay whole for whatever reads them.
    pub width: Option<usize>,
}

impl Style {
    /// Colour only on a terminal that can show it: not when `NO_COLOR` is set
    /// (no-color.org), nor when `TERM=dumb`. Lines fit the terminal's width.
    pub(crate) fn for_stdout(limit: usize) -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        let terminal = std::io::stdout().is_terminal();
        let width = terminal.then(|| console::Term::stdout().size_checked()).flatten().map(|(_, cols)| cols.into());
        Style { limit, colour: terminal && !no_color && !dumb, width }
    }

    /// The columns left after `used`, when lines are fitted.
    fn room(&self, used: usize) -> Option<usize> {
        self.width.map(|w| w.saturating_sub(used))
    }

    fn sign(&self, sign: Sign) -> String {
        let code = match sign {
            Sign::Create => "32",
            Sign::Reissue => "33",
            Sign::Left => "31",
        };
        if self.colour { format!("\x1b[{code}m{}\x1b[0m", sign.symbol()) } else { sign.symbol().to_string() }
    }
}

/// Whether the listing is what will happen, what happened, or what was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Plan,
    Applied,
    Refused,
}

/// `plan`'s (and `apply --dry-run`'s) report.
pub(crate) fn plan_report(checked: &Checked, out_dir: &Path, style: Style) -> String {
    let mut text = listing(checked, Tense::Plan, None, style);
    text.push_str(&findings(checked, out_dir));
    let _ = writeln!(text, "Wrote {}.", reports(checked, out_dir));
    text
}

/// `apply`'s report: the listing of what it did (or refused), the findings,
/// and every file it wrote.
pub(crate) fn apply_report(checked: &Checked, tense: Tense, written: &Written, out_dir: &Path, style: Style) -> String {
    let mut text = listing(checked, tense, Some(written), style);
    text.push_str(&findings(checked, out_dir));
    text.push_str("Wrote:\n");
    let shown = &written.credentials[..written.credentials.len().min(style.limit)];
    let mut files = written_files(shown, written, out_dir);
    if written.committed {
        files.push((
            out_dir.join(crate::files::ledger_csv::FILE_NAME).display().to_string(),
            format!("run {}", written.run),
        ));
    }
    let width = files.iter().map(|(p, _)| p.chars().count()).max().unwrap_or(0);
    for (path, what) in &files {
        let _ = writeln!(text, "  {path:width$}  {what}");
    }
    if written.credentials.len() > shown.len() {
        let more = plural(written.credentials.len() - shown.len(), "organisation", "organisations");
        let _ = writeln!(text, "  … and the files of {more} more (--changes all names every one)");
    }
    let _ = writeln!(text, "  {}", reports(checked, out_dir));
    text
}

/// The change listing and its summary line.
fn listing(checked: &Checked, tense: Tense, written: Option<&Written>, style: Style) -> String {
    let changes = Changes::new(&checked.plan);
    let mut text = String::new();
    let changed: Vec<&OrgChanges> = changes.changed().collect();
    if !changed.is_empty() {
        text.push_str(&org_table(&changed, changes.orgs.len(), tense, style));
        text.push('\n');
        text.push_str(&people(&changes, style));
        text.push('\n');
    }
    let _ = writeln!(text, "{}", summary(&changes, tense, written));
    if !checked.blocked.is_empty() {
        let ids: Vec<String> = checked.blocked.iter().take(style.limit).map(|b| printable(&b.mpn_id)).collect();
        let more = checked.blocked.len() - ids.len();
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let _ = writeln!(
            text,
            "Left out by errors: {} ({}{more}); nobody in {} gets an account until the errors are fixed.",
            plural(checked.blocked.len(), "organisation", "organisations"),
            ids.join(", "),
            if checked.blocked.len() == 1 { "it" } else { "them" }
        );
    }
    text
}

/// Per organisation with anything to do, its `+ ~ - =` counts.
fn org_table(changed: &[&OrgChanges], all: usize, tense: Tense, style: Style) -> String {
    let shown = &changed[..changed.len().min(style.limit)];
    // At least two wide, so that the header's `+` never starts a line the way a person's does.
    let digits = |f: fn(&Counts) -> usize| shown.iter().map(|o| f(&o.counts).to_string().len()).fold(2, usize::max);
    let w = [digits(|c| c.create), digits(|c| c.reissue), digits(|c| c.left), digits(|c| c.keep)];
    let id_width = shown.iter().map(|o| o.mpn_id.len()).max().unwrap_or(0).max("MPN ID".len());
    let mut text = String::from("Changes (+ create, ~ reissue, - left the export, = keep):\n");
    if !shown.is_empty() {
        let _ = writeln!(
            text,
            "  {:>a$}  {:>b$}  {:>c$}  {:>d$}  {:id_width$}  Organisation",
            "+",
            "~",
            "-",
            "=",
            "MPN ID",
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3]
        );
    }
    // Everything before the name: the counts and the MPN ID, each followed by two spaces.
    let before_name = 2 + w.iter().sum::<usize>() + 2 * 4 + id_width + 2;
    for o in shown {
        let c = o.counts;
        let name = o.organization().map_or_else(|| "(not in this plan)".to_string(), printable);
        let enrol = match (c.enrol > 0, tense) {
            (false, _) => "",
            (true, Tense::Applied) => " (enrolled)",
            (true, _) => " (to enrol)",
        };
        let name = match style.room(before_name + enrol.len()) {
            Some(room) => fit::middle(&name, room.max(MIN_NAME)),
            None => name,
        };
        let _ = writeln!(
            text,
            "  {:>a$}  {:>b$}  {:>c$}  {:>d$}  {:id_width$}  {name}{enrol}",
            c.create,
            c.reissue,
            c.left,
            c.keep,
            printable(o.mpn_id),
            a = w[0],
            b = w[1],
            c = w[2],
            d = w[3]
        );
    }
    if changed.len() > shown.len() {
        let n = changed.len() - shown.len();
        let orgs = if n == 1 { "organisation" } else { "organisations" };
        let _ = writeln!(text, "  … and {n} more {orgs} with changes (--changes all lists every one)");
    }
    let unchanged = all - changed.len();
    if unchanged > 0 {
        let _ = writeln!(text, "  and {} with nothing to do", plural(unchanged, "organisation", "organisations"));
    }
    text
}

/// The people behind `+ ~ -`, at most `style.limit` of them.
fn people(changes: &Changes, style: Style) -> String {
    let shown: Vec<Person> = changes.people().take(style.limit).collect();
    let total = changes.totals.create + changes.totals.reissue + changes.totals.left;
    let id_width = shown.iter().map(|p| p.mpn_id.len()).max().unwrap_or(0);
    let user_width = shown.iter().map(|p| p.username.chars().count()).max().unwrap_or(0);
    let mut text = String::new();
    for p in &shown {
        let name = p.display_name.map(printable);
        let email = printable(p.email);
        let why = match (p.sign, p.issued_in) {
            (Sign::Reissue, _) => ": new temporary password, the last one expired unused (R7)".to_string(),
            (Sign::Left, Some(run)) => format!(": left the export (issued in run {run}; nothing is deleted)"),
            _ => String::new(),
        };
        // The sign, the MPN ID and the username stay whole; the rest fits what is left.
        let rest = match style.room(2 + 1 + 1 + id_width + 2 + user_width + 2) {
            Some(room) => fit_person(name.as_deref(), &email, &why, room),
            None => who(name.as_deref(), &email) + &why,
        };
        let _ = writeln!(
            text,
            "  {} {:id_width$}  {:user_width$}  {rest}",
            style.sign(p.sign),
            printable(p.mpn_id),
            p.username
        );
    }
    if total > shown.len() {
        let n = total - shown.len();
        let who = if n == 1 { "person" } else { "people" };
        let _ = writeln!(text, "  … and {n} more {who} (--changes all lists every one; plan.json has them all)");
    }
    text
}

/// Fewer columns than this for a name or an address say nothing: the line wraps instead.
const MIN_NAME: usize = 12;

/// `Name <address>`, or `<address>` for someone without a name.
fn who(name: Option<&str>, email: &str) -> String {
    match name {
        Some(name) => format!("{name} <{email}>"),
        None => format!("<{email}>"),
    }
}

/// `who` and `why` in `room` columns: the name and the address lose their
/// middles first (the address keeps at least half of what is left, as it is
/// what tells two people apart), then the reason its end.
fn fit_person(name: Option<&str>, email: &str, why: &str, room: usize) -> String {
    let whole = who(name, email) + why;
    if fit::columns(&whole) <= room {
        return whole;
    }
    let brackets = if name.is_some() { 3 } else { 2 };
    let text = room.saturating_sub(fit::columns(why) + brackets).max(MIN_NAME);
    let (name_w, email_w) = (name.map_or(0, fit::columns), fit::columns(email));
    let name_room = if name.is_some() { name_w.min(text / 2).max(text.saturating_sub(email_w)) } else { 0 };
    let email_room = text.saturating_sub(name_room).max(MIN_NAME / 2);
    let short = who(name.map(|n| fit::middle(n, name_room)).as_deref(), &fit::middle(email, email_room));
    let short = short + why;
    if fit::columns(&short) <= room { short } else { fit::end(&short, room.max(MIN_NAME)) }
}

/// The one line that sums the listing up.
fn summary(changes: &Changes, tense: Tense, written: Option<&Written>) -> String {
    let t = changes.totals;
    let orgs = plural(changes.orgs.len(), "organisation", "organisations");
    let enrol = if t.enrol > 0 {
        let verb = if tense == Tense::Applied { "enrolled" } else { "to enrol" };
        format!(", {} {verb}", t.enrol)
    } else {
        String::new()
    };
    match tense {
        Tense::Plan if !t.any() => {
            format!("No changes: {} to keep in {orgs}; nothing for apply to do.", plural(t.keep, "account", "accounts"))
        }
        Tense::Plan => format!(
            "Plan: {} to create, {} to reissue, {} left, {} to keep, in {orgs}{enrol}.",
            t.create, t.reissue, t.left, t.keep
        ),
        Tense::Refused => format!(
            "Not applied: {} to create, {} to reissue, {} left, {} to keep, in {orgs}{enrol}.",
            t.create, t.reissue, t.left, t.keep
        ),
        Tense::Applied => match written {
            Some(w) if w.committed => format!(
                "Applied run {}: {} created, {} reissued, {} left, {} kept, in {orgs}{enrol}.",
                w.run, t.create, t.reissue, t.left, t.keep
            ),
            _ => {
                let run = written.map_or(0, |w| w.run);
                let ledger = if run == 0 {
                    "nothing has been applied here yet".to_string()
                } else {
                    format!("the ledger stays at run {run}")
                };
                format!(
                    "Nothing to do: no account to create or reissue ({} left, {} kept, in {orgs}); no password issued, {ledger}.",
                    t.left, t.keep
                )
            }
        },
    }
}

/// The first errors and warnings, errors first, and the counts with a pointer to findings.csv.
fn findings(checked: &Checked, out_dir: &Path) -> String {
    let mut text = String::from("\n");
    let listed = checked.counts.errors + checked.counts.warnings;
    let mut shown = 0;
    for severity in [Severity::Error, Severity::Warning] {
        for f in checked.findings.iter().filter(|f| f.severity == severity).take(FIRST_FINDINGS - shown) {
            let _ = writeln!(text, "{}", finding_line(f));
            shown += 1;
        }
    }
    if listed > shown {
        let _ = writeln!(text, "… and {} more errors and warnings", listed - shown);
    }
    text.push_str(&counts_line(&checked.counts));
    if !checked.findings.is_empty() {
        let _ = write!(text, "; every finding is in {}", out_dir.join("findings.csv").display());
    }
    text.push_str("\n\n");
    text
}

/// The report files every plan and apply writes.
fn reports(checked: &Checked, out_dir: &Path) -> String {
    let pages = checked.plan.organizations.iter().filter(|o| page_id(&o.mpn_id)).count();
    let file = |name: &str| out_dir.join(name).display().to_string();
    format!(
        "{}, {}, {} and {} ({})",
        file("index.html"),
        file("plan.json"),
        file("findings.csv"),
        file("orgs/"),
        if pages == 1 { "1 page".to_string() } else { format!("{} pages", thousands(pages)) }
    )
}

/// The secret files of `orgs`' credentials, each with what it holds.
fn written_files(orgs: &[(CredentialsFile, usize)], w: &Written, out_dir: &Path) -> Vec<(String, String)> {
    let path = |rel: &str| out_dir.join(rel).display().to_string();
    let mut out = Vec::new();
    let age = if w.sealed { ".age" } else { "" };
    for (file, n) in orgs {
        let passwords = plural(*n, "temporary password", "temporary passwords");
        out.push((path(&format!("{file}{age}")), format!("{passwords}, mode 0600")));
        if w.entra {
            let users = plural(*n, "user", "users");
            let entra = format!("{}{age}", file.entra());
            out.push((path(&entra), format!("{users} for Microsoft Entra's \"Bulk create users\", mode 0600")));
        }
        if w.outbox {
            let emails = plural(*n, "sign-on email", "sign-on emails");
            out.push((path(&format!("outbox/{}/", file.mpn_id)), format!("{emails}, mode 0600")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_are_coloured_only_when_asked() {
        let plain = Style { limit: FIRST, colour: false, width: None };
        assert_eq!([Sign::Create, Sign::Reissue, Sign::Left].map(|s| plain.sign(s)), ["+", "~", "-"]);
        let colour = Style { limit: FIRST, colour: true, width: None };
        assert_eq!(colour.sign(Sign::Create), "\x1b[32m+\x1b[0m");
        assert_eq!(colour.sign(Sign::Left), "\x1b[31m-\x1b[0m");
    }
}
