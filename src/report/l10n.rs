//! Employee-facing text in each person's language: the Project Fluent files
//! of `locales/<tag>/`, compiled into the binary and parsed once per process.
//! English is the fallback for a message a translation lacks; the tests below
//! make sure no shipped translation lacks one, and that every message id the
//! code uses is in English.

use crate::core::model::Lang;
use crate::report::spacing;
use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::OnceLock;

type Files = [(&'static str, &'static str); 5];

/// Each language's files, by name, in [`Lang::ALL`] order.
const LOCALES: [(Lang, Files); 2] = [
    (
        Lang::En,
        [
            ("common.ftl", include_str!("../../locales/en/common.ftl")),
            ("signon.ftl", include_str!("../../locales/en/signon.ftl")),
            ("checklist.ftl", include_str!("../../locales/en/checklist.ftl")),
            ("pages.ftl", include_str!("../../locales/en/pages.ftl")),
            ("reminder.ftl", include_str!("../../locales/en/reminder.ftl")),
        ],
    ),
    (
        Lang::ZhTw,
        [
            ("common.ftl", include_str!("../../locales/zh-TW/common.ftl")),
            ("signon.ftl", include_str!("../../locales/zh-TW/signon.ftl")),
            ("checklist.ftl", include_str!("../../locales/zh-TW/checklist.ftl")),
            ("pages.ftl", include_str!("../../locales/zh-TW/pages.ftl")),
            ("reminder.ftl", include_str!("../../locales/zh-TW/reminder.ftl")),
        ],
    ),
];

type Bundle = FluentBundle<FluentResource>;

fn bundles() -> &'static [Bundle] {
    static BUNDLES: OnceLock<Vec<Bundle>> = OnceLock::new();
    BUNDLES.get_or_init(|| LOCALES.iter().map(|(lang, files)| bundle(*lang, files)).collect())
}

/// The files are part of the binary: a syntax error or a duplicate id is a
/// bug the tests catch, so it panics rather than shipping a silent gap.
fn bundle(lang: Lang, files: &Files) -> Bundle {
    let id = lang.tag().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Values go into plain-text mail and escaped HTML: Unicode isolation
    // marks (U+2068, U+2069) around them would only be stray characters there.
    bundle.set_use_isolating(false);
    for (name, text) in files {
        let resource = FluentResource::try_new(text.to_string())
            .unwrap_or_else(|(_, e)| panic!("locales/{}/{name}: {e:?}", lang.tag()));
        bundle.add_resource(resource).unwrap_or_else(|e| panic!("locales/{}/{name}: {e:?}", lang.tag()));
    }
    bundle
}

/// Message `id` (or `id.attribute`) in `lang` with the string `args`; the
/// English one when `lang` lacks it.
pub(crate) fn text(lang: Lang, id: &str, args: &[(&str, &str)]) -> String {
    format(bundles(), lang, id, args, &[])
}

/// [`text`] with `numbers` too: counts that a message's plural forms select
/// on (`{ $accounts_n -> [one] … *[other] … }`), shown through its strings.
pub(crate) fn text_n(lang: Lang, id: &str, args: &[(&str, &str)], numbers: &[(&str, f64)]) -> String {
    format(bundles(), lang, id, args, numbers)
}

fn format(all: &[Bundle], lang: Lang, id: &str, args: &[(&str, &str)], numbers: &[(&str, f64)]) -> String {
    let found = [lang, Lang::En].into_iter().find_map(|l| {
        let bundle = &all[l as usize];
        pattern(bundle, id).map(|p| (bundle, p))
    });
    let Some((bundle, pattern)) = found else {
        debug_assert!(false, "message {id} is not in locales/en");
        return id.to_string();
    };
    // Chinese text sets values without the spaces Latin ones keep (spacing).
    let tight = lang == Lang::ZhTw && !args.is_empty();
    let mut fluent_args = FluentArgs::with_capacity(args.len() + numbers.len());
    for (name, n) in numbers {
        fluent_args.set(*name, *n);
    }
    for (name, value) in args {
        // Only a value with a wide character at an edge can lose a space
        // (spacing::tidy); the rest go in as given, so that a select on
        // them ([true], [comma]) still matches.
        let wide_edge =
            value.chars().next().is_some_and(spacing::wide) || value.chars().last().is_some_and(spacing::wide);
        if tight && wide_edge {
            fluent_args.set(*name, spacing::mark(value));
        } else {
            fluent_args.set(*name, *value);
        }
    }
    let mut errors = Vec::new();
    let out = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
    debug_assert!(errors.is_empty(), "{id} in {}: {errors:?}", lang.tag());
    if tight { spacing::tidy(&out) } else { out }
}

fn pattern<'b>(bundle: &'b Bundle, id: &str) -> Option<&'b fluent_syntax::ast::Pattern<&'b str>> {
    match id.split_once('.') {
        Some((message, attribute)) => bundle.get_message(message)?.get_attribute(attribute).map(|a| a.value()),
        None => bundle.get_message(id)?.value(),
    }
}

/// `d` in the locale's form: `2027-03-01`, `2027年3月1日`.
pub(crate) fn date(lang: Lang, d: NaiveDate) -> String {
    let (iso, year, month, day) = (d.to_string(), d.year().to_string(), d.month().to_string(), d.day().to_string());
    text(lang, "date", &[("iso", &iso), ("year", &year), ("month", &month), ("day", &day)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
    use std::collections::{BTreeMap, BTreeSet};

    /// Every message and attribute (`id`, `id.attr`) of a locale, with the
    /// variables its pattern uses.
    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        for (name, text) in &LOCALES[lang as usize].1 {
            let resource = fluent_syntax::parser::parse(*text).unwrap_or_else(|(_, e)| panic!("{name}: {e:?}"));
            for entry in resource.body {
                if let Entry::Message(m) = entry {
                    if let Some(p) = &m.value {
                        out.insert(m.id.name.to_string(), variables(p));
                    }
                    for a in &m.attributes {
                        out.insert(format!("{}.{}", m.id.name, a.id.name), variables(&a.value));
                    }
                }
            }
        }
        out
    }

    /// The variables a pattern uses, in its variants and selectors too; not
    /// the `…_n` counts that only choose a plural form (a language without
    /// plurals has no use for them).
    fn variables(p: &Pattern<&str>) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        collect(p, &mut out);
        out.retain(|v| !v.ends_with("_n"));
        out
    }

    fn collect(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &p.elements {
            match element {
                PatternElement::Placeable {
                    expression: Expression::Inline(InlineExpression::VariableReference { id }),
                } => {
                    out.insert(id.name.to_string());
                }
                PatternElement::Placeable { expression: Expression::Select { selector, variants } } => {
                    if let InlineExpression::VariableReference { id } = selector {
                        out.insert(id.name.to_string());
                    }
                    for v in variants {
                        collect(&v.value, out);
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn locales_are_indexed_by_lang() {
        for (i, (lang, _)) in LOCALES.iter().enumerate() {
            assert_eq!(*lang as usize, i);
            assert_eq!(Lang::ALL[i], *lang);
        }
        assert_eq!(bundles().len(), Lang::ALL.len());
    }

    #[test]
    fn every_english_message_is_translated_with_the_same_variables() {
        let en = messages(Lang::En);
        assert!(en.len() > 40, "{en:?}");
        for lang in Lang::ALL {
            let other = messages(lang);
            let missing: Vec<&String> = en.keys().filter(|k| !other.contains_key(*k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}: it would fall back to English", lang.tag());
            let extra: Vec<&String> = other.keys().filter(|k| !en.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{} has {extra:?}, which English lacks", lang.tag());
            for (id, vars) in &en {
                // The date's parts are there to choose from.
                if id != "date" {
                    assert_eq!(&other[id], vars, "variables of {id} in {}", lang.tag());
                }
            }
        }
    }

    /// String literals in the code that name a message (`signon-…`,
    /// `checklist-…`, `admin-…`, `reminder-…`, with or without an attribute).
    fn ids_in(source: &str) -> Vec<&str> {
        source
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|s| {
                ["signon-", "checklist-", "admin-", "reminder-"].iter().any(|p| s.starts_with(p))
                    || *s == "date"
                        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            })
            .collect()
    }

    #[test]
    fn every_message_the_code_uses_is_in_english() {
        let en = messages(Lang::En);
        let sources = [
            ("emit/l10n.rs", include_str!("l10n.rs")),
            ("emit/mail.rs", include_str!("mail.rs")),
            ("emit/html/checklist.rs", include_str!("html/checklist.rs")),
            ("emit/reminder.rs", include_str!("reminder.rs")),
        ];
        let mut used = 0;
        for (file, source) in sources {
            // Only the code: the tests below name ids on purpose.
            let code = source.split("#[cfg(test)]").next().unwrap();
            for id in ids_in(code) {
                assert!(en.contains_key(id), "{file} uses {id}, which locales/en lacks");
                used += 1;
            }
        }
        assert!(used > 40, "the scan found {used} ids");
        assert_eq!(ids_in(r#"text(l, "signon-subject", &[]); "checklist-wait.text" "x-y""#).len(), 2);
    }

    #[test]
    fn a_missing_translation_falls_back_to_english() {
        let files: Files = [
            ("common.ftl", "date = { $iso }"),
            ("signon.ftl", ""),
            ("checklist.ftl", ""),
            ("pages.ftl", ""),
            ("reminder.ftl", ""),
        ];
        let set = [bundle(Lang::En, &LOCALES[0].1), bundle(Lang::ZhTw, &files)];
        assert!(pattern(&set[1], "signon-subject").is_none());
        let args = [("organization", "Contoso")];
        assert_eq!(format(&set, Lang::ZhTw, "signon-subject", &args, &[]), "Your Partner Center sign-in for Contoso");
        assert_eq!(format(&set, Lang::ZhTw, "date", &[("iso", "2027-03-01")], &[]), "2027-03-01");
        assert_eq!(text(Lang::ZhTw, "signon-subject", &args), "您在 Contoso 的合作夥伴中心登入資訊");
        assert_eq!(
            text(Lang::ZhTw, "signon-subject", &[("organization", "台灣雲端")]),
            "您在台灣雲端的合作夥伴中心登入資訊"
        );
        assert!(pattern(&bundles()[Lang::En as usize], "checklist-wait.text").is_some());
        assert!(pattern(&bundles()[Lang::En as usize], "checklist-wait.nothing").is_none());
    }

    #[test]
    fn dates_in_each_locale() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(date(Lang::En, d), "2027-03-01");
        assert_eq!(date(Lang::ZhTw, d), "2027年3月1日");
        assert_eq!(date(Lang::ZhTw, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()), "2026年12月31日");
    }

    #[test]
    fn values_are_inserted_as_given_without_isolation_marks() {
        let s = text(Lang::ZhTw, "signon-greeting", &[("name", "王小明 {$x} <b>")]);
        assert_eq!(s, "王小明 {$x} <b> 您好：");
        let s = text(Lang::ZhTw, "signon-greeting", &[("name", "王小明")]);
        assert_eq!(s, "王小明您好：");
        // A Latin value still selects its variant in Chinese text.
        let s = text(Lang::ZhTw, "page-footer", &[("version", "0.1.0"), ("as_of", "2026-12-01"), ("creation", "bulk")]);
        assert!(s.contains("（大量建立帳戶）"), "{s}");
        let s = text(Lang::En, "signon-subject", &[("organization", "O'Brien & Co")]);
        assert_eq!(s, "Your Partner Center sign-in for O'Brien & Co");
    }
}
