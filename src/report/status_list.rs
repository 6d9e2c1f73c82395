//! What `status` prints on stdout (a report: `--quiet` keeps it): the people
//! to remove and add again, those whose temporary password expires within
//! the warning window and those still waiting for a first sign-in, each by
//! name, organisation and date, by MPN ID then username, the first `limit`
//! of each (`--changes`); then the exports' findings, errors first; then the
//! summary, and the reminders written with how to send them, last, so that
//! they are what stays on screen. Plain text: no colour, nothing fitted to a
//! terminal, so a pipe gets every character.

use super::change_listing::FIRST_FINDINGS;
use super::fit;
use super::text::finding_line;
use crate::core::finding::{Severity, printable};
use crate::files::plan_file::Roster;
use crate::migration::reminders::{FOLDER, Reminded};
use crate::pipeline::assess::{EmployeeStatus, LISTED, OrgStatus, SignIn, StatusReport};
use std::fmt::Write;
use std::path::Path;

/// `status`'s report for the folder `out_dir`, naming at most `limit` people
/// of each group; `exports` is how many status exports were read, `reminded`
/// what became of the reminder set (none: `--no-reminders`).
pub(crate) fn status_report(
    report: &StatusReport,
    roster: &Roster,
    out_dir: &Path,
    limit: usize,
    exports: usize,
    reminded: Option<Reminded>,
) -> String {
    let (html, json) = (out_dir.join("status.html"), out_dir.join("status.json"));
    let exports = if exports == 1 { "export" } else { "exports" };
    let mut text = String::new();
    for state in LISTED {
        people(&mut text, report, roster, state, limit);
    }
    let errors = report.findings.iter().filter(|f| f.severity == Severity::Error);
    let others = report.findings.iter().filter(|f| f.severity != Severity::Error);
    let n = report.findings.len();
    if n > 0 {
        let _ = writeln!(text, "Findings in the status {} ({n}):", exports);
        for f in errors.chain(others).take(FIRST_FINDINGS) {
            let _ = writeln!(text, "  {}", finding_line(f));
        }
        if n > FIRST_FINDINGS {
            let _ = writeln!(text, "  … and {} more (see {} / {})", n - FIRST_FINDINGS, html.display(), json.display());
        }
    }
    let c = report.sign_in();
    let counts = crate::core::finding::count(&report.findings);
    let _ = writeln!(
        text,
        "{} signed in, {} waiting, {} expiring within {}, {} to remove and add again, {} not in the status {}",
        c.signed_in,
        c.waiting,
        c.expires_soon,
        counted(report.warn_days, "day"),
        c.must_reissue,
        c.unknown,
        exports
    );
    let _ = writeln!(
        text,
        "{}, {} in the status {}",
        counted(counts.errors as i64, "error"),
        counted(counts.warnings as i64, "warning"),
        exports
    );
    let _ = writeln!(text, "status: {}", html.display());
    if let Some(r) = reminded {
        reminders(&mut text, r, out_dir);
    }
    text
}

/// How many reminders are waiting in `outbox/reminders/`, how many of an
/// earlier run went, and how to send them.
fn reminders(text: &mut String, r: Reminded, out_dir: &Path) {
    let gone = match r.removed {
        0 => String::new(),
        1 => "; 1 earlier reminder removed (signed in, expired or renewed since)".to_string(),
        n => format!("; {n} earlier reminders removed (signed in, expired or renewed since)"),
    };
    let folder = out_dir.join(FOLDER);
    let _ = match r.written {
        0 if gone.is_empty() => return,
        0 => writeln!(text, "reminders: none due{gone}"),
        1 => writeln!(text, "reminders: 1 written to {} (no password in it){gone}", folder.display()),
        n => writeln!(text, "reminders: {n} written to {} (no password in them){gone}", folder.display()),
    };
    if r.written > 0 {
        let dir = super::next::shell(&out_dir.display().to_string());
        let _ = writeln!(text, "Next: send them with pmc-migrate send --out {dir}");
    }
}

/// One group: its title and count, its first `limit` people in aligned
/// columns (name, username, organisation, date), then how many more.
fn people(text: &mut String, report: &StatusReport, roster: &Roster, state: SignIn, limit: usize) {
    let all = report.in_state(state);
    if all.is_empty() {
        return;
    }
    let n = all.len();
    let _ = match state {
        SignIn::MustReissue => writeln!(
            text,
            "To remove and add again ({n}): temporary password expired unused; the next apply --status reissues it (R7)"
        ),
        SignIn::ExpiresSoon => {
            writeln!(text, "Expiring within {} ({n}): not signed in yet", counted(report.warn_days, "day"))
        }
        _ => writeln!(text, "Waiting for a first sign-in ({n}):"),
    };
    let rows: Vec<[String; 4]> = all.iter().take(limit).map(|&(o, e)| row(roster, o, e)).collect();
    let width = |i: usize| rows.iter().map(|r| fit::columns(&r[i])).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2)];
    for r in &rows {
        let mut line = String::from(" ");
        for (cell, w) in r.iter().zip(widths) {
            line.push(' ');
            line.push_str(cell);
            line.extend(std::iter::repeat_n(' ', w - fit::columns(cell) + 1));
        }
        line.push(' ');
        line.push_str(&r[3]);
        let _ = writeln!(text, "{line}");
    }
    if all.len() > rows.len() {
        let _ = writeln!(text, "  … and {} more (--changes all to list them)", all.len() - rows.len());
    }
}

/// A person's cells: display name (else their address), username,
/// organisation (name and MPN ID, or the MPN ID alone), and the date.
fn row(roster: &Roster, o: &OrgStatus, e: &EmployeeStatus) -> [String; 4] {
    let name = roster
        .people
        .get(&e.username.to_lowercase())
        .map_or_else(|| printable(&e.email), |p| printable(&p.display_name));
    let org = match roster.organizations.get(o.mpn_id.as_str()) {
        Some(org) => format!("{} ({})", printable(org), o.mpn_id),
        None => o.mpn_id.to_string(),
    };
    let when = match e.days_left {
        d if d < 0 => format!("expired {}, {} ago", e.password_expires, counted(-d, "day")),
        0 => format!("expires {}, today is its last day", e.password_expires),
        d => format!("expires {}, {} left", e.password_expires, counted(d, "day")),
    };
    [name, printable(&e.username), org, when]
}

/// "1 day", "7 days", "-1 day".
fn counted(n: i64, noun: &str) -> String {
    if n.abs() == 1 { format!("{n} {noun}") } else { format!("{n} {noun}s") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Lang;
    use crate::files::plan_file::Person;
    use crate::pipeline::assess::SignInCounts;
    use chrono::NaiveDate;

    fn person(user: &str, sign_in: SignIn, days_left: i64) -> EmployeeStatus {
        let expires = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        EmployeeStatus {
            email: format!("{user}@x.com"),
            username: format!("{user}@x.onmicrosoft.com").as_str().into(),
            password_expires: expires,
            sign_in,
            days_left,
            pu_connected: None,
            associated_at: None,
            competency_visible_at: None,
            competency_visible: false,
            next_action: "keep",
        }
    }

    fn report(orgs: Vec<OrgStatus>) -> StatusReport {
        let mut orgs = orgs;
        for o in &mut orgs {
            o.sign_in = SignInCounts::default();
            for e in &o.employees {
                o.sign_in.add(e.sign_in);
            }
        }
        StatusReport {
            as_of: NaiveDate::from_ymd_opt(2027, 2, 22).unwrap().into(),
            warn_days: 7,
            organizations: orgs,
            needs_action: 0,
            findings: Vec::new(),
            lang: Default::default(),
            delivery: Vec::new(),
        }
    }

    #[test]
    fn names_people_aligned_by_organisation_then_username_with_wide_names() {
        let mut a = OrgStatus::new("2222".into());
        a.employees = vec![person("zed", SignIn::ExpiresSoon, 7), person("amy", SignIn::ExpiresSoon, 0)];
        let mut b = OrgStatus::new("1111".into());
        b.employees = vec![person("li", SignIn::ExpiresSoon, 1), person("bo", SignIn::MustReissue, -3)];
        let mut roster = Roster::default();
        let person = |name: &str| Person { display_name: name.into(), email: String::new(), language: Lang::En };
        roster.people.insert("li@x.onmicrosoft.com".into(), person("李宗翰"));
        roster.people.insert("zed@x.onmicrosoft.com".into(), person("Zed Fox"));
        roster.organizations.insert("1111".into(), "台灣雲端".into());
        let reminded = Reminded { written: 3, removed: 1 };
        let text = status_report(&report(vec![b, a]), &roster, Path::new("out"), 2, 1, Some(reminded));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[..6],
            [
                "To remove and add again (1): temporary password expired unused; the next apply --status reissues \
                 it (R7)",
                "  bo@x.com  bo@x.onmicrosoft.com  台灣雲端 (1111)  expired 2027-03-01, 3 days ago",
                "Expiring within 7 days (3): not signed in yet",
                "  李宗翰     li@x.onmicrosoft.com   台灣雲端 (1111)  expires 2027-03-01, 1 day left",
                "  amy@x.com  amy@x.onmicrosoft.com  2222             expires 2027-03-01, today is its last day",
                "  … and 1 more (--changes all to list them)",
            ]
        );
        assert_eq!(
            lines[lines.len() - 3..],
            [
                "status: out/status.html",
                "reminders: 3 written to out/outbox/reminders/ (no password in them); 1 earlier reminder removed \
                 (signed in, expired or renewed since)",
                "Next: send them with pmc-migrate send --out out",
            ]
        );
        let quiet = |r| status_report(&report(Vec::new()), &roster, Path::new("out"), 2, 1, r);
        assert!(quiet(None).ends_with("status: out/status.html\n"));
        assert!(quiet(Some(Reminded { written: 0, removed: 0 })).ends_with("status: out/status.html\n"));
        let gone = quiet(Some(Reminded { written: 0, removed: 2 }));
        assert!(
            gone.ends_with(
                "\nreminders: none due; 2 earlier reminders removed (signed in, expired or renewed since)\n"
            )
        );
    }
}
