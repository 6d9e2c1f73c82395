//! What every page shares: numbers and dates formatted for people, capped
//! tables, the run facts of the base template and the count groups shown on
//! more than one page. The views build on these, so that no two pages format
//! the same number or date two ways, and the templates only lay things out.

use crate::core::applied::OrgApplied;
use crate::core::model::Lang;
use crate::core::options::Creation;
use crate::pipeline::plan::Plan;
use crate::pipeline::plan::accounts::{self, AccountPlan, Action};
use chrono::{Days, NaiveDate, NaiveDateTime, Timelike};
use serde::Serialize;

/// Rows of an organisation table (the rest is in plan.json, status.json, orgs/).
pub(crate) const MAX_ORGS: usize = 200;
/// Rows of a findings table (the rest is in findings.csv or status.json).
pub(crate) const MAX_FINDINGS: usize = 100;

/// 1234567 → "1,234,567".
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every date on every page: `2026-12-01`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `2026-12-01 09:30`, with seconds only when there are some.
pub(crate) fn when(t: NaiveDateTime) -> String {
    if t.second() == 0 { t.format("%Y-%m-%d %H:%M").to_string() } else { t.format("%Y-%m-%d %H:%M:%S").to_string() }
}

/// Only a page named from ASCII digits is written or linked: the name comes
/// from input.
pub(crate) fn page_id(mpn_id: &str) -> bool {
    !mpn_id.is_empty() && mpn_id.len() <= 10 && mpn_id.bytes().all(|b| b.is_ascii_digit())
}

/// A number as the templates need it: `n` to compare and choose singular or
/// plural, `fmt` to show.
#[derive(Serialize)]
pub(crate) struct Count {
    pub n: usize,
    pub fmt: String,
}

pub(crate) fn count(n: usize) -> Count {
    Count { n, fmt: thousands(n) }
}

/// A capped table: the rows shown, and how many there are in all and beyond
/// the rows (pages stay small however large the export; the files beside them
/// hold everything).
#[derive(Serialize)]
pub(crate) struct Capped<T> {
    pub rows: Vec<T>,
    pub total: Count,
    pub more: Count,
}

/// The first `cap` of `all`, each through `f`.
pub(crate) fn capped<'a, S, T>(all: &'a [S], cap: usize, f: impl FnMut(&'a S) -> T) -> Capped<T> {
    shown(all.iter().take(cap).map(f).collect(), all.len())
}

/// `rows` shown out of `total`.
pub(crate) fn shown<T>(rows: Vec<T>, total: usize) -> Capped<T> {
    let more = total.saturating_sub(rows.len());
    Capped { rows, total: count(total), more: count(more) }
}

/// Facts the base template shows on every page (`run.version`, `run.as_of`).
/// Each page's own facts flatten this in, so that the templates read one `run`.
#[derive(Serialize)]
pub(crate) struct Facts {
    version: &'static str,
    as_of: String,
    /// The page's `<html lang>`.
    lang: &'static str,
    /// The page's language as `--lang` names it: every message of the page
    /// is looked up in it (`t(k=…, l=run.tag)`).
    tag: &'static str,
    /// A CSS rule after the stylesheet, for the page's script (empty for English).
    fonts: &'static str,
}

impl Facts {
    pub(crate) fn new(as_of: String, lang: Lang) -> Facts {
        Facts { version: env!("CARGO_PKG_VERSION"), as_of, lang: html_lang(lang), tag: lang.tag(), fonts: fonts(lang) }
    }
}

/// The page's language tag: Traditional Chinese as written in Taiwan is
/// `zh-Hant-TW`, so that browsers pick Traditional glyphs and fonts.
pub(crate) fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::ZhTw => "zh-Hant-TW",
    }
}

/// The fonts a zh-TW machine has (Windows, macOS, Linux) before the generic
/// family, so that Chinese text is not set in whatever fallback the browser
/// finds first; and short number headers kept on one line (Chinese text
/// breaks between any two characters, one a line in a narrow column). Unquoted names (valid CSS identifiers): the value goes
/// through the page's HTML escaping, which would turn quotes into entities.
pub(crate) fn fonts(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::ZhTw => {
            "thead th.num { white-space: nowrap; } body { font-family: system-ui, -apple-system, Segoe UI, \
             Microsoft JhengHei, PingFang TC, Noto Sans CJK TC, Noto Sans TC, sans-serif; }"
        }
    }
}

/// Facts of the plan's pages (the index and every organisation page).
#[derive(Serialize)]
pub(crate) struct PlanFacts {
    #[serde(flatten)]
    facts: Facts,
    creation: &'static str,
    bulk: bool,
    password_expires: String,
}

pub(crate) fn plan_facts(plan: &Plan) -> PlanFacts {
    let expires = plan.as_of.checked_add_days(Days::new(accounts::PASSWORD_DAYS)).unwrap_or(plan.as_of);
    PlanFacts {
        facts: Facts::new(date(plan.as_of), plan.lang),
        creation: plan.creation.as_str(),
        bulk: plan.creation == Creation::Bulk,
        password_expires: date(expires),
    }
}

/// Accounts by what apply does with them (R7), and the people who left the
/// export: the index's totals, its apply section and each organisation's.
#[derive(Serialize)]
pub(crate) struct ActionCounts {
    pub created: Count,
    pub kept: Count,
    pub reissued: Count,
    pub left: Count,
}

impl ActionCounts {
    pub(crate) fn new(created: usize, kept: usize, reissued: usize, left: usize) -> ActionCounts {
        ActionCounts { created: count(created), kept: count(kept), reissued: count(reissued), left: count(left) }
    }

    /// What the plan's `accounts` will have done to them (nobody left: the
    /// plan lists those apart).
    pub(crate) fn planned<'a>(accounts: impl Iterator<Item = &'a AccountPlan>) -> ActionCounts {
        let (mut created, mut kept, mut reissued) = (0, 0, 0);
        for a in accounts {
            match a.action {
                Action::Create => created += 1,
                Action::Keep => kept += 1,
                Action::Reissue => reissued += 1,
            }
        }
        ActionCounts::new(created, kept, reissued, 0)
    }

    /// What an apply did for one organisation.
    pub(crate) fn applied(o: &OrgApplied) -> ActionCounts {
        ActionCounts::new(o.created, o.kept, o.reissued, o.left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn page_ids_are_digits_only() {
        assert!(page_id("1234567"));
        assert!(!page_id(""));
        assert!(!page_id("../1234"));
        assert!(!page_id("12a4"));
        assert!(!page_id("１２３４"));
        assert!(!page_id("12345678901"));
    }

    #[test]
    fn capped_counts_what_it_leaves_out() {
        let c = capped(&[1, 2, 3, 4, 5], 2, |n| n * 10);
        assert_eq!(c.rows, vec![10, 20]);
        assert_eq!((c.total.n, c.more.n), (5, 3));
        assert_eq!(shown(vec![1], 1234).more.fmt, "1,233");
    }
}
