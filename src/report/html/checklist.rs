//! The report's checklists in one language: the employee checklist (R8, R9)
//! for the index and each organisation's page, and the admin checklist
//! (R1–R9) for the index. The employee checklist does not depend on the run,
//! so each (language, creation mode) is built once per process, whatever the
//! number of pages.

use super::templates::{CHECKLIST, render_page};
use crate::core::model::Lang;
use crate::report::l10n::{date, text};
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::OnceLock;

/// A run of text, or a name on Partner Center's screens (`<ui>…</ui>` in
/// the messages), which the page shows as UI text.
#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct Seg {
    ui: bool,
    text: String,
}

/// `Open <ui>Set up your team</ui> and …` → segments.
fn segments(s: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(start) = rest.find("<ui>") {
        let Some(len) = rest[start..].find("</ui>") else { break };
        if start > 0 {
            out.push(Seg { ui: false, text: rest[..start].to_string() });
        }
        out.push(Seg { ui: true, text: rest[start + 4..start + len].to_string() });
        rest = &rest[start + len + 5..];
    }
    if !rest.is_empty() {
        out.push(Seg { ui: false, text: rest.to_string() });
    }
    out
}

#[derive(Serialize)]
pub(crate) struct Item {
    /// The rules it carries out (`R1 R2`), shown as a badge; empty for none.
    rule: &'static str,
    /// Shown bold.
    title: Vec<Seg>,
    text: Vec<Seg>,
}

#[derive(Serialize)]
pub(crate) struct Checklist {
    /// The section's id on the page.
    id: &'static str,
    /// The HTML `lang` of its section.
    lang: &'static str,
    /// The list's CSS class.
    class: &'static str,
    title: String,
    intro: String,
    items: Vec<Item>,
    /// A closing note in the same form as an item.
    note: Option<Item>,
}

fn item(lang: Lang, rule: &'static str, title: &str, detail: &str, args: &[(&str, &str)]) -> Item {
    Item { rule, title: segments(&text(lang, title, args)), text: segments(&text(lang, detail, args)) }
}

/// The employee checklist in `lang`; `bulk`: Partner Center emails the sign-in info (R6).
pub(crate) fn employee_checklist(lang: Lang, bulk: bool) -> &'static Checklist {
    static ALL: OnceLock<Vec<Checklist>> = OnceLock::new();
    per_variant(&ALL, lang, bulk, employee)
}

/// [`employee_checklist`] rendered by the `checklist` macro, once per process
/// for each language and creation mode, for every organisation page.
pub(crate) fn employee_checklist_html(lang: Lang, bulk: bool) -> &'static str {
    #[derive(Serialize)]
    struct View {
        c: &'static Checklist,
    }
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    let html: &'static String = per_variant(&ALL, lang, bulk, |l, b| {
        // Compiled-in templates and fixed words: a failure is a bug the tests show.
        render_page(CHECKLIST, &View { c: employee_checklist(l, b) }).expect("the checklist renders")
    });
    html
}

/// The value of `make` for (`lang`, `bulk`), made for every pair on first use.
fn per_variant<T>(
    all: &'static OnceLock<Vec<T>>,
    lang: Lang,
    bulk: bool,
    make: impl Fn(Lang, bool) -> T,
) -> &'static T {
    let all = all.get_or_init(|| Lang::ALL.into_iter().flat_map(|l| [make(l, false), make(l, true)]).collect());
    &all[lang as usize * 2 + usize::from(bulk)]
}

fn employee(lang: Lang, bulk: bool) -> Checklist {
    let sign_in = if bulk { "checklist-sign-in.bulk" } else { "checklist-sign-in.individual" };
    Checklist {
        id: "employee",
        lang: lang.tag(),
        class: "steps alpha",
        title: text(lang, "checklist-title", &[]),
        intro: text(lang, "checklist-intro", &[]),
        items: vec![
            item(lang, "", "checklist-sign-in", sign_in, &[]),
            item(lang, "", "checklist-university", "checklist-university.text", &[]),
            item(lang, "", "checklist-exams", "checklist-exams.text", &[]),
            item(lang, "", "checklist-password-reset", "checklist-password-reset.text", &[]),
        ],
        note: Some(item(lang, "", "checklist-wait", "checklist-wait.text", &[])),
    }
}

/// The admin checklist in `lang` for a cutover on `as_of` whose temporary
/// passwords expire on `expires`.
pub(crate) fn admin_checklist(lang: Lang, bulk: bool, as_of: NaiveDate, expires: NaiveDate) -> Checklist {
    let (as_of, expires) = (date(lang, as_of), date(lang, expires));
    let create = if bulk {
        item(lang, "R6", "admin-bulk", "admin-bulk.text", &[])
    } else {
        item(lang, "R6", "admin-individual", "admin-individual.text", &[])
    };
    Checklist {
        id: "admin",
        lang: lang.tag(),
        class: "steps",
        title: text(lang, "admin-title", &[]),
        intro: text(lang, "admin-intro", &[]),
        items: vec![
            item(lang, "R1 R2", "admin-enrol", "admin-enrol.text", &[("as_of", &as_of)]),
            item(lang, "R5", "admin-add", "admin-add.text", &[]),
            create,
            item(lang, "R7", "admin-expiry", "admin-expiry.text", &[("expires", &expires)]),
            item(lang, "R8", "admin-password-reset", "admin-password-reset.text", &[]),
            item(lang, "R9", "admin-competencies", "admin-competencies.text", &[]),
        ],
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(segs: &[Seg]) -> String {
        segs.iter().map(|s| if s.ui { format!("[{}]", s.text) } else { s.text.clone() }).collect()
    }

    #[test]
    fn ui_names_become_their_own_segments() {
        assert_eq!(plain(&segments("Open <ui>A</ui> and <ui>B › C</ui>.")), "Open [A] and [B › C].");
        assert_eq!(plain(&segments("<ui>A</ui>")), "[A]");
        assert_eq!(plain(&segments("no markup")), "no markup");
        // An unclosed tag stays text rather than swallowing the rest.
        assert_eq!(plain(&segments("a <ui>b")), "a <ui>b");
        assert!(segments("").is_empty());
    }

    #[test]
    fn each_language_and_mode_has_its_own_text() {
        let en = employee_checklist(Lang::En, true);
        assert_eq!((en.lang, en.title.as_str()), ("en", "Employee checklist"));
        assert!(plain(&en.items[0].text).starts_with("Partner Center emails you"));
        assert!(plain(&employee_checklist(Lang::En, false).items[0].text).starts_with("Your admin sends you"));
        let zh = employee_checklist(Lang::ZhTw, true);
        assert_eq!((zh.lang, zh.title.as_str()), ("zh-TW", "員工檢查清單"));
        assert!(plain(&zh.items[0].title).contains("登入資訊"));
        assert!(plain(&zh.items[1].text).contains("[更新設定檔] > [取得合作夥伴大學存取權]"));
        assert!(plain(&zh.note.as_ref().unwrap().text).contains("[合作關係 › 專長認證]"));
        assert!(plain(&employee_checklist(Lang::ZhTw, false).items[0].text).contains("系統管理員"));
    }

    #[test]
    fn admin_checklist_dates_in_the_locale_form() {
        let (as_of, expires) =
            (NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
        let en = admin_checklist(Lang::En, true, as_of, expires);
        assert!(plain(&en.items[0].text).contains("(2026-12-01)"));
        assert!(plain(&en.items[2].text).contains("[Set up your team]"));
        assert!(plain(&en.items[3].text).contains("until 2027-03-01"));
        let zh = admin_checklist(Lang::ZhTw, false, as_of, expires);
        assert!(plain(&zh.items[0].text).contains("（2026年12月1日）"));
        assert_eq!(plain(&zh.items[2].title), "以 [新增使用者] 逐一建立帳戶。");
        assert!(plain(&zh.items[3].text).contains("2027年3月1日"));
        let rules: Vec<&str> = zh.items.iter().map(|i| i.rule).collect();
        assert_eq!(rules, ["R1 R2", "R5", "R6", "R7", "R8", "R9"]);
    }
}
