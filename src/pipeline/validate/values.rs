//! Checks of single values: emails, roles, flags, exam codes, countries (ids and domains: `crate::core::ids`).

use crate::core::model::Role;
use unicode_normalization::UnicodeNormalization;

/// The longest address, in bytes (RFC 5321's path limit less its brackets).
pub(crate) const EMAIL_MAX: usize = 254;

/// A deliverable address: one `@`, a local part of 1–64 characters without
/// spaces or control characters or stray dots, and a domain with a dot.
pub(crate) fn is_email(s: &str) -> bool {
    if s.len() > EMAIL_MAX {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"".contains(c));
    let domain_ok = domain.contains('.')
        && domain.split('.').all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

/// An address whose local part (before the last `@`) is not ASCII: mail to
/// it needs SMTPUTF8 (RFC 6531) all the way, and its message is RFC 6532.
pub(crate) fn has_non_ascii_local_part(email: &str) -> bool {
    email.rsplit_once('@').is_some_and(|(local, _)| !local.is_ascii())
}

/// Trimmed, Unicode NFC, case-folded: two spellings of one address are one person.
pub fn email_key(email: &str) -> String {
    let email = email.trim();
    if email.is_ascii() {
        // ASCII is already NFC, and its case folding is lower-casing.
        return email.to_ascii_lowercase();
    }
    if unicode_normalization::is_nfc_quick(email.chars()) == unicode_normalization::IsNormalized::Yes {
        return case_fold(email);
    }
    let nfc: String = email.nfc().collect();
    case_fold(&nfc)
}

/// Unicode default case folding, char by char as the standard defines it,
/// with ASCII lower-cased directly: most characters of a non-ASCII address
/// are ASCII, and the fold table's search cost as much as the rest of the row.
pub(crate) fn case_fold(s: &str) -> String {
    use caseless::Caseless;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(std::iter::once(c).default_case_fold());
        }
    }
    out
}

/// The header matcher's key (design §9): full-width forms folded, case,
/// spaces, `_`, `-` and `.` dropped, so `Ｙｅｓ` and `Global-Admin` are read.
fn squash(s: &str) -> String {
    crate::pipeline::load::headers::normalize(s)
}

/// `None` when the value names no known role. Besides English, the words
/// of Microsoft's zh-TW guide (系統管理員, 員工) and their zh-Hans and
/// Japanese equivalents.
pub(crate) fn parse_role(s: &str) -> Option<Role> {
    match squash(s).as_str() {
        "" | "employee" | "user" | "member" | "standarduser" => Some(Role::Employee),
        "員工" | "使用者" | "成員" | "员工" | "用户" | "成员" | "従業員" | "社員" | "ユーザー" | "メンバー" => {
            Some(Role::Employee)
        }
        "admin" | "administrator" | "globaladmin" | "globaladministrator" => Some(Role::Admin),
        "系統管理員"
        | "管理員"
        | "全域管理員"
        | "系统管理员"
        | "管理员"
        | "全局管理员"
        | "管理者"
        | "システム管理者"
        | "グローバル管理者" => Some(Role::Admin),
        _ => None,
    }
}

/// yes/no, true/false, y/n, 1/0 (any case, full-width too), and 是/否,
/// はい/いいえ.
pub(crate) fn parse_flag(s: &str) -> Option<bool> {
    // Not squashed: "-1" must not read as "1".
    let key: String = s.nfkc().flat_map(char::to_lowercase).collect();
    match key.trim() {
        "yes" | "true" | "y" | "1" | "是" | "はい" => Some(true),
        "no" | "false" | "n" | "0" | "否" | "いいえ" => Some(false),
        _ => None,
    }
}

pub(crate) const KNOWN_LEVELS: [&str; 4] = ["Network Member", "Action Pack", "Silver", "Gold"];

pub(crate) fn is_known_level(s: &str) -> bool {
    let key = squash(s);
    KNOWN_LEVELS.iter().any(|k| squash(k) == key)
}

/// `az-900` → `AZ-900`; valid codes are two or three letters or two or three
/// digits, a hyphen, three digits and an optional letter (70-533, AZ-900, MB-210T).
pub(crate) fn normalize_exam(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let (prefix, number) = code.split_once('-')?;
    let prefix_ok = (2..=3).contains(&prefix.len())
        && (prefix.bytes().all(|b| b.is_ascii_uppercase()) || prefix.bytes().all(|b| b.is_ascii_digit()));
    let digits = number.trim_end_matches(|c: char| c.is_ascii_uppercase());
    let number_ok = digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()) && number.len() - digits.len() <= 1;
    (prefix_ok && number_ok).then_some(code)
}

/// A `;`-separated list, trimmed, empty items dropped.
pub(crate) fn split_list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|x| !x.is_empty())
}

/// ISO 3166-1 alpha-2 shape: two ASCII letters (upper-cased).
pub(crate) fn normalize_country(s: &str) -> Option<String> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic())).then(|| s.to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_folding_matches_the_unicode_table_for_every_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = format!("A{c}b");
            assert_eq!(case_fold(&s), caseless::default_case_fold_str(&s), "U+{:04X}", c as u32);
        }
        assert_eq!(email_key(" STRASSE.Ärzte@Fuß.example "), "strasse.ärzte@fuss.example");
    }

    #[test]
    fn emails() {
        assert!(is_email("anna.lee+pmc@contoso.com"));
        assert!(is_email("jürgen@müller.de"));
        assert!(!is_email("no-at-sign"));
        assert!(!is_email("two@@x.com"));
        assert!(!is_email("a b@x.com"));
        assert!(!is_email("a@localhost"));
        assert!(!is_email(".a@x.com"));
    }

    #[test]
    fn non_ascii_local_parts() {
        assert!(has_non_ascii_local_part("jürgen.weiß@muellerweiss.de"));
        assert!(!has_non_ascii_local_part("juergen@müller.de"));
        assert!(!has_non_ascii_local_part("anna@contoso.com"));
        assert!(!has_non_ascii_local_part("no-at-sign-é"));
    }

    #[test]
    fn email_key_folds_case_and_normalizes() {
        assert_eq!(email_key(" Anna@Contoso.COM "), "anna@contoso.com");
        assert_eq!(email_key("Jose\u{301}@x.com"), email_key("JOS\u{c9}@x.com"));
        assert_eq!(email_key("STRASSE@x.de"), email_key("straße@x.de"));
    }

    #[test]
    fn roles() {
        assert_eq!(parse_role(""), Some(Role::Employee));
        assert_eq!(parse_role("Global Admin"), Some(Role::Admin));
        assert_eq!(parse_role("Administrator"), Some(Role::Admin));
        assert_eq!(parse_role("owner"), None);
        for admin in ["系統管理員", "管理員", "系统管理员", "管理者", "システム管理者"] {
            assert_eq!(parse_role(admin), Some(Role::Admin), "{admin}");
        }
        for employee in ["員工", "员工", "従業員", " 員工 "] {
            assert_eq!(parse_role(employee), Some(Role::Employee), "{employee}");
        }
    }

    #[test]
    fn flags_in_chinese_and_japanese_and_full_width() {
        for (raw, want) in
            [("是", true), ("否", false), ("はい", true), ("いいえ", false), ("Ｙｅｓ", true), ("１", true)]
        {
            assert_eq!(parse_flag(raw), Some(want), "{raw}");
        }
        assert_eq!(parse_flag("是的嗎"), None);
    }

    #[test]
    fn flags_levels_countries() {
        assert_eq!(parse_flag("Y"), Some(true));
        assert_eq!(parse_flag("0"), Some(false));
        assert_eq!(parse_flag("maybe"), None);
        assert!(is_known_level("network member"));
        assert!(!is_known_level("Platinum"));
        assert_eq!(normalize_country("de"), Some("DE".into()));
        assert_eq!(normalize_country("Germany"), None);
    }

    #[test]
    fn exam_codes() {
        assert_eq!(normalize_exam("az-900"), Some("AZ-900".into()));
        assert_eq!(normalize_exam("70-533"), Some("70-533".into()));
        assert_eq!(normalize_exam("MB-210T"), Some("MB-210T".into()));
        assert_eq!(normalize_exam("AZ900"), None);
        assert_eq!(normalize_exam("A-900"), None);
        assert_eq!(normalize_exam("AZ-9000"), None);
        assert_eq!(split_list(" 70-533; ;AZ-900 ").collect::<Vec<_>>(), vec!["70-533", "AZ-900"]);
    }
}
