//! The report in Traditional Chinese (`--lang zh-TW`) as a reader sees it at
//! 390 and 1400 px: no English sentence in its visible text. An English
//! sentence is a run of two or more words of the English UI one after the
//! other (only spaces or , ; : between them), outside `<code>` and `.mono`
//! (commands, ids, usernames). The words are those of the English pages'
//! messages (locales/en/pages.ftl), less a finding rule's summary (which
//! names membership levels, data the pages show as they are), the program's
//! name and "MPN ID"; names, emails, file names, dates and numbers are not
//! English UI words, or stand alone.

use crate::common::*;
use crate::layout::measure_with;
use crate::tools::{CHROMIUM, PYTHON3, tool};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const PAGES_FTL: &str = include_str!("../../../locales/en/pages.ftl");

/// Words never counted: the program's name and the id every page names.
const NOT_PROSE: [&str; 4] = ["pmc-migrate", "pmc", "mpn", "id"];

/// Every word of the English pages' messages, lowercase: text outside
/// `{ … }` placeables, HTML tags and `<code>`, without the rules' summaries.
pub(crate) fn english_ui_words(ftl: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    let mut in_rule = false;
    for line in ftl.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let text = match line.split_once(" = ") {
            Some((id, value)) if !line.starts_with(' ') => {
                in_rule = id.starts_with("rule-");
                value
            }
            _ => line.trim_start().trim_start_matches('*').split_once(']').map_or(line, |(_, v)| v),
        };
        if in_rule {
            continue;
        }
        let mut prose = String::new();
        let (mut depth, mut tag, mut code) = (0, false, false);
        for (i, c) in text.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '<' if depth == 0 => {
                    tag = true;
                    let rest = &text[i..];
                    if rest.starts_with("<code>") {
                        code = true;
                    } else if rest.starts_with("</code>") {
                        code = false;
                    }
                }
                '>' if tag => tag = false,
                c if depth == 0 && !tag && !code => prose.push(c),
                _ => prose.push(' '),
            }
        }
        for w in prose.split(|c: char| !(c.is_ascii_alphabetic() || c == '-' || c == '\'' || c == '’')) {
            let w = w.trim_matches(|c: char| !c.is_ascii_alphabetic()).to_lowercase();
            if !w.is_empty() && !NOT_PROSE.contains(&w.as_str()) {
                words.insert(w);
            }
        }
    }
    words
}

#[test]
fn the_stop_list_holds_the_english_ui_and_not_data() {
    let words = english_ui_words(PAGES_FTL);
    for w in ["run", "facts", "accounts", "organisation", "partner", "center", "signed", "left", "sign-on"] {
        assert!(words.contains(w), "{w} not in the stop-list");
    }
    for w in ["pack", "gold", "pmc-migrate", "strong", "href", "n_n", "accounts_n"] {
        assert!(!words.contains(w), "{w} in the stop-list");
    }
}

fn english_text(pages: &[(String, PathBuf)], words: &Path) -> Vec<String> {
    let measured = measure_with(pages, None, &[390, 1400], &[OsStr::new("--english-words"), words.as_os_str()]);
    let mut found = Vec::new();
    for m in &measured {
        for p in m.problems.iter().filter(|p| p["kind"] == "english-text") {
            found.push(format!("{} at {} px: {} at {}", m.page, m.width, p["detail"], p["where"]));
        }
    }
    found
}

#[test]
fn the_traditional_chinese_report_has_no_english_sentence_on_a_phone_or_a_desktop() {
    if !(tool(&CHROMIUM) && tool(&PYTHON3)) {
        return;
    }
    let wrk = Workdir::with_samples_in("samples");
    let words: Vec<String> = english_ui_words(PAGES_FTL).into_iter().collect();
    wrk.create("english-words.txt", words.join("\n"));
    let pages = |out: &str| -> Vec<(String, PathBuf)> {
        let mut pages = vec![(format!("{out}-index"), wrk.path(&format!("{out}/index.html")))];
        for id in ["4471203", "6033418", "9160245"] {
            pages.push((format!("{out}-{id}"), wrk.path(&format!("{out}/orgs/{id}.html"))));
        }
        pages
    };
    wrk.plan("zh", &["--as-of", "2026-12-01", "--lang", "zh-TW"]).assert_code(0);
    let found = english_text(&pages("zh"), &wrk.path("english-words.txt"));
    assert!(found.is_empty(), "English sentences in the zh-TW report:\n{}", found.join("\n"));
    // The measure finds them where they are: the English report is full of them.
    wrk.plan("en", &["--as-of", "2026-12-01"]).assert_code(0);
    let found = english_text(&pages("en"), &wrk.path("english-words.txt"));
    assert!(found.len() > 50, "the measure found only {} English sentences in the English report", found.len());
    assert!(found.iter().any(|f| f.contains("Run facts")), "{found:?}");
}
