//! The username rule of SPEC §5 and collision suffixes inside one tenant.

use deunicode::deunicode;

/// Entra's limit for the part of a user principal name before `@`.
pub const MAX_LOCAL: usize = 64;

/// Transliterate to ASCII, lower-case, replace every run of characters outside
/// `[a-z0-9._-]` with one `.`, trim dots from both ends.
pub fn sanitize(s: &str) -> String {
    let ascii = deunicode(s).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut in_run = false;
    for c in ascii.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('.');
            in_run = true;
        }
    }
    out.trim_matches('.').to_string()
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
}
