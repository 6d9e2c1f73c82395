//! The username rule of design §5 and collision suffixes inside one tenant.

use deunicode::deunicode;

/// Entra's limit for the part of a user principal name before `@`.
pub(crate) const MAX_LOCAL: usize = 64;

/// Transliterate to ASCII, lower-case, replace every run of characters outside
/// `[a-z0-9_-]` (dots included) with one `.`, trim dots from both ends: an
/// RFC 5322 dot-atom, whatever the script. A dot of the input joins the run
/// around it, because transliteration puts spaces beside dots (`建宏.李` is
/// `Jian Hong .Li `), and a dot kept apart from that run would make `..`.
pub(crate) fn sanitize(s: &str) -> String {
    let ascii = deunicode(s).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-') {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('.') {
            out.push('.');
        }
    }
    // At most one dot can trail; none can lead.
    if out.ends_with('.') {
        out.pop();
    }
    out
}

/// The base name before any collision suffix: the email's local part without
/// `+tag`; else first.last; else `user`. At most 64 characters, never ending in `.`.
pub fn base_name(email: &str, first: &str, last: &str) -> String {
    let local = email.rsplit_once('@').map_or(email, |(l, _)| l);
    let local = local.split_once('+').map_or(local, |(l, _)| l);
    let mut name = sanitize(local);
    if name.is_empty() {
        name = sanitize(&format!("{first}.{last}"));
    }
    if name.is_empty() {
        name = "user".to_string();
    }
    fit(&name, "")
}

/// `base` + `suffix`, cutting the base (never the suffix) to fit 64 characters
/// and trimming dots the cut exposes.
pub fn fit(base: &str, suffix: &str) -> String {
    let room = MAX_LOCAL - suffix.len();
    let cut = if base.len() > room { &base[..room] } else { base };
    let cut = cut.trim_end_matches('.');
    format!("{cut}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_tag_is_dropped() {
        assert_eq!(base_name("anna.lee+pmc@contoso.com", "", ""), "anna.lee");
    }

    #[test]
    fn transliterated_and_lower_cased() {
        assert_eq!(base_name("José.García@x.com", "", ""), "jose.garcia");
        assert_eq!(base_name("Jürgen.Weiß@x.de", "", ""), "jurgen.weiss");
        assert_eq!(base_name("Ζωή@x.gr", "", ""), "zoe");
    }

    #[test]
    fn runs_of_other_characters_become_one_dot_and_ends_are_trimmed() {
        assert_eq!(base_name("o'brien!!x@x.com", "", ""), "o.brien.x");
        assert_eq!(base_name("'quoted'@x.com", "", ""), "quoted");
        assert_eq!(base_name("a_b-c.d@x.com", "", ""), "a_b-c.d");
    }

    #[test]
    fn empty_local_part_falls_back_to_first_last_then_user() {
        assert_eq!(base_name("+only@x.com", "Ann", "Lee"), "ann.lee");
        assert_eq!(base_name("!!!@x.com", "", "Ó"), "o");
        assert_eq!(base_name("!!!@x.com", "", ""), "user");
        assert_eq!(base_name("!!!@x.com", "?", "#"), "user");
        // Emoji are transliterated too, so they are not "empty".
        assert_eq!(base_name("😀@x.com", "", ""), "grinning");
    }

    #[test]
    fn cut_to_64_keeping_the_suffix_and_no_trailing_dot() {
        let long = format!("{}@x.com", "a".repeat(70));
        assert_eq!(base_name(&long, "", "").len(), 64);
        let base = format!("{}.b", "a".repeat(62));
        assert_eq!(fit(&base, "").len(), 64);
        let with_suffix = fit(&base, "12");
        assert_eq!(with_suffix, format!("{}12", "a".repeat(62)));
        let dotted = format!("{}.{}", "a".repeat(61), "b".repeat(10));
        assert_eq!(fit(&dotted, "23"), format!("{}23", "a".repeat(61)));
    }

    #[test]
    fn dots_beside_transliterated_words_make_no_empty_atom() {
        // deunicode gives `Jian Hong .Li `: the space and the dot are one run.
        assert_eq!(base_name("建宏.李@formosacloud.com.tw", "", ""), "jian.hong.li");
        assert_eq!(base_name("민준.김@x.kr", "", ""), "minjun.gim");
        assert_eq!(base_name("a..b@x.com", "", ""), "a.b");
        assert_eq!(base_name(".a. .b.@x.com", "", ""), "a.b");
        assert_eq!(base_name("!!!@x.com", "宗翰", "李"), "zong.han.li");
    }

    /// Pieces of local parts from many scripts, with the punctuation around them.
    fn local_part() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            "[a-zA-Z0-9]{1,4}",
            "\\p{Han}{1,3}",
            "\\p{Hangul}{1,3}",
            "\\p{Cyrillic}{1,3}",
            "\\p{Greek}{1,3}",
            "\\p{Arabic}{1,3}",
            "[\u{1F300}-\u{1FAFF}]{1,2}",
            "\\p{M}{1,2}",
            "[._+ -]{1,3}",
            "\\+[a-z]{0,4}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
    }

    /// An Entra user principal name's part before `@`, and an RFC 5322 dot-atom.
    fn assert_valid(local: &str) {
        assert!(!local.is_empty() && local.len() <= MAX_LOCAL, "length of {local:?}");
        for atom in local.split('.') {
            assert!(!atom.is_empty(), "{local:?} has an empty atom (`..` or a dot at an end)");
            assert!(
                atom.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-')),
                "{local:?} has a character outside [a-z0-9._-]"
            );
        }
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Whatever the script: the base, every suffixed name, and the
        /// first.last fallback are valid, and a suffix is kept whole.
        #[test]
        fn every_username_is_a_dot_atom_of_at_most_64(
            local in local_part(),
            first in local_part(),
            last in local_part(),
            pad in 0usize..70,
            n in 2u32..100_000,
        ) {
            let email = format!("{}{local}@x.com", "a".repeat(pad));
            let base = base_name(&email, &first, &last);
            assert_valid(&base);
            let suffix = n.to_string();
            let suffixed = fit(&base, &suffix);
            assert_valid(&suffixed);
            prop_assert!(suffixed.ends_with(&suffix));
            // The first.last fallback alone (an empty local part).
            assert_valid(&base_name(&format!("+{local}@x.com"), &first, &last));
        }
    }
}
