//! The employee checklist (R8, R9) in one language, for the index and for
//! each organisation's page. Its text does not depend on the organisation,
//! so each (language, creation mode) is built once per process, whatever the
//! number of pages.

use crate::emit::l10n::text;
use crate::model::Lang;
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Serialize)]
pub struct Step {
    /// Shown bold.
    title: String,
    text: String,
}

#[derive(Serialize)]
pub struct Checklist {
    /// The HTML `lang` of its section.
    lang: &'static str,
    title: String,
    intro: String,
    steps: [Step; 4],
    wait: String,
    wait_before: String,
    /// A Partner Center menu path, shown as UI text.
    wait_place: String,
    wait_after: String,
}

/// The checklist in `lang`; `bulk`: Partner Center emails the sign-in info (R6).
pub fn employee_checklist(lang: Lang, bulk: bool) -> &'static Checklist {
    static ALL: OnceLock<Vec<Checklist>> = OnceLock::new();
    let all = ALL.get_or_init(|| Lang::ALL.into_iter().flat_map(|l| [build(l, false), build(l, true)]).collect());
    &all[lang as usize * 2 + usize::from(bulk)]
}

fn build(lang: Lang, bulk: bool) -> Checklist {
    let t = |id: &str| text(lang, id, &[]);
    let step = |title: &str, detail: &str| Step { title: t(title), text: t(detail) };
    Checklist {
        lang: lang.tag(),
        title: t("checklist-title"),
        intro: t("checklist-intro"),
        steps: [
            step("checklist-sign-in", if bulk { "checklist-sign-in.bulk" } else { "checklist-sign-in.individual" }),
            step("checklist-university", "checklist-university.text"),
            step("checklist-exams", "checklist-exams.text"),
            step("checklist-password-reset", "checklist-password-reset.text"),
        ],
        wait: t("checklist-wait"),
        wait_before: t("checklist-wait.before"),
        wait_place: t("checklist-wait.place"),
        wait_after: t("checklist-wait.after"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_and_mode_has_its_own_text() {
        let en = employee_checklist(Lang::En, true);
        assert_eq!((en.lang, en.title.as_str()), ("en", "Employee checklist"));
        assert!(en.steps[0].text.starts_with("Partner Center emails you"), "{}", en.steps[0].text);
        assert!(employee_checklist(Lang::En, false).steps[0].text.starts_with("Your admin sends you"));
        let zh = employee_checklist(Lang::ZhTw, true);
        assert_eq!((zh.lang, zh.title.as_str()), ("zh-TW", "員工檢查清單"));
        assert!(zh.steps[0].title.contains("登入資訊"), "{}", zh.steps[0].title);
        assert!(zh.steps[1].title.contains("合作夥伴大學"));
        assert!(zh.wait_place.contains("專長認證"));
        assert!(employee_checklist(Lang::ZhTw, false).steps[0].text.contains("系統管理員"));
    }
}
