//! An organisation page's account rows, written straight into one string:
//! a million accounts rendered through tera cost a JSON value each, and that
//! dominated large runs. The markup is the one `org.html.tera` had in its
//! loop, byte for byte; every input value goes through [`escape`], which
//! escapes exactly like tera's autoescaping, so the page reads the same.

use crate::core::model::{Lang, Role, Task};
use crate::pipeline::plan::accounts::{AccountPlan, Action};
use crate::report::l10n;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write;
use std::sync::OnceLock;

/// `s`, HTML-escaped as tera escapes (`& < > " ' /`), appended to `out`.
pub(crate) fn escape(out: &mut String, s: &str) {
    let mut rest = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            b'/' => "&#x2F;",
            _ => continue,
        };
        out.push_str(&s[rest..i]);
        out.push_str(entity);
        rest = i + 1;
    }
    out.push_str(&s[rest..]);
}

/// `s` (a username or an email) HTML-escaped, with a `<wbr>` after each
/// `@` and `.`: a narrow cell breaks an address only between its parts,
/// never mid-word. Each part is escaped before the tag goes in after it, so
/// no tag lands inside an entity (`&#x27;` holds neither `@` nor `.`).
pub(crate) fn breakable(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for part in s.split_inclusive(['@', '.']) {
        escape(&mut out, part);
        if part.ends_with(['@', '.']) {
            out.push_str("<wbr>");
        }
    }
    out
}

/// The words an account row shows, in one language (locales/*/pages.ftl),
/// looked up once per process and language, not once per row.
struct Words {
    tasks: [String; 4],
    roles: [String; 2],
    actions: [String; 3],
}

impl Words {
    fn of(lang: Lang) -> &'static Words {
        static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
        &WORDS.get_or_init(|| Lang::ALL.iter().map(|&l| Words::new(l)).collect())[lang as usize]
    }

    fn new(lang: Lang) -> Words {
        let t = |id: &str| l10n::text(lang, id, &[]);
        Words {
            tasks: TASKS.map(|task| t(&format!("task-{}", task_id(task)))),
            roles: [Role::Admin, Role::Employee].map(|r| t(&format!("role-{}", r.as_str()))),
            actions: [Action::Create, Action::Keep, Action::Reissue].map(|a| t(&format!("action-{}", a.as_str()))),
        }
    }

    fn task(&self, task: Task) -> &str {
        &self.tasks[TASKS.iter().position(|t| *t == task).unwrap_or(0)]
    }

    fn role(&self, role: Role) -> &str {
        &self.roles[usize::from(role != Role::Admin)]
    }

    fn action(&self, action: Action) -> &str {
        match action {
            Action::Create => &self.actions[0],
            Action::Keep => &self.actions[1],
            Action::Reissue => &self.actions[2],
        }
    }
}

const TASKS: [Task; 4] =
    [Task::GetSignInInfo, Task::ConnectPartnerUniversity, Task::AssociateExamsCertifications, Task::SetUpPasswordReset];

/// A task's message id: `task-<this>`.
fn task_id(task: Task) -> &'static str {
    match task {
        Task::GetSignInInfo => "sign-in",
        Task::ConnectPartnerUniversity => "university",
        Task::AssociateExamsCertifications => "exams",
        Task::SetUpPasswordReset => "password-reset",
    }
}

/// `2027-03-01`, as `kit::date` writes it, without a format string to parse.
fn date(out: &mut String, d: NaiveDate) {
    let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
}

/// One `<tr>` per account, each ending in a line break, as the table's body.
/// The words are in `lang`; the classes stay the English ids.
pub(crate) fn account_rows(accounts: &[AccountPlan], lang: Lang) -> String {
    let words = Words::of(lang);
    let mut out = String::with_capacity(accounts.len() * 640);
    for a in accounts {
        row(&mut out, a, words);
    }
    out
}

fn row(out: &mut String, a: &AccountPlan, words: &Words) {
    out.push_str("<tr><td class=\"name\">");
    escape(out, &a.display_name);
    if !a.job_title.is_empty() {
        out.push_str("<div class=\"muted\">");
        escape(out, &a.job_title);
        out.push_str("</div>");
    }
    out.push_str("</td><td class=\"long\">");
    escape(out, &a.email);
    out.push_str("</td><td><span class=\"badge ");
    escape(out, a.role.as_str());
    out.push_str("\">");
    escape(out, words.role(a.role));
    out.push_str("</span></td><td class=\"mono long\">");
    escape(out, a.username.as_str());
    out.push_str("</td><td class=\"nowrap\">");
    date(out, a.password_expires);
    out.push_str("</td><td>");
    for &t in &a.tasks {
        // Drawn lighter: the person may skip it.
        out.push_str(if t.optional() { "<span class=\"tag optional\">" } else { "<span class=\"tag\">" });
        escape(out, words.task(t));
        out.push_str("</span>");
    }
    out.push_str("</td><td><span class=\"badge act-");
    escape(out, a.action.as_str());
    out.push_str("\">");
    escape(out, words.action(a.action));
    out.push_str("</span></td></tr>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_exactly_like_tera() {
        for s in [
            "",
            "plain",
            "<script>alert(1)</script>",
            "O'Brien & \"Co\" / <b>",
            "שלום <עולם> & 'x'",
            "株式会社 <テスト> & 東京/大阪",
            "ß&é'ø\"/",
            "{{ 7*7 }}{% raw %}",
        ] {
            let mut out = String::from("kept:");
            escape(&mut out, s);
            assert_eq!(out, format!("kept:{}", tera::escape_html(s)), "{s}");
        }
    }

    #[test]
    fn addresses_break_only_after_at_and_dot_and_never_inside_an_entity() {
        assert_eq!(
            breakable("siobhan.oconnor@northwind.onmicrosoft.com"),
            "siobhan.<wbr>oconnor@<wbr>northwind.<wbr>onmicrosoft.<wbr>com"
        );
        assert_eq!(breakable("o'brien&co@x.com"), "o&#x27;brien&amp;co@<wbr>x.<wbr>com");
        assert_eq!(breakable("<b>.</b>"), "&lt;b&gt;.<wbr>&lt;&#x2F;b&gt;");
        assert_eq!(breakable("a..@"), "a.<wbr>.<wbr>@<wbr>");
        assert_eq!(breakable("陳.chen6@例子.台灣"), "陳.<wbr>chen6@<wbr>例子.<wbr>台灣");
        assert_eq!(breakable(""), "");
        // Without the tags, the text is exactly what tera would have escaped.
        for s in ["o'brien&co@x.com", "\"quoted\"@x.y", "a/b.c@d", "plain"] {
            assert_eq!(breakable(s).replace("<wbr>", ""), tera::escape_html(s), "{s}");
        }
    }

    #[test]
    fn dates_as_the_kit_writes_them() {
        let d = NaiveDate::from_ymd_opt(987, 3, 1).unwrap();
        let mut out = String::new();
        date(&mut out, d);
        assert_eq!(out, super::super::kit::date(d));
    }
}
