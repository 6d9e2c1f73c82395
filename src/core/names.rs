//! A person's display name in the order their readers write it (design §9).
//!
//! Chinese, Japanese and Korean write the family name first and without a
//! space (李宗翰, 佐藤花子, 김민준); a name in Latin letters reads "given
//! family". The display name built here is the one every output uses
//! (credential files, Entra's `displayName`, plan.json, pages, mail), so a
//! person is never 李宗翰 in one place and `宗翰 李` in another.

/// `--name-order`: `auto` looks at the script of both names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NameOrder {
    /// "given family" for everyone, as PMC lists names.
    Western,
    /// Family name first for everyone.
    Eastern,
    /// Family name first when both names are in a CJK script.
    #[default]
    Auto,
}

impl NameOrder {
    /// For serde's `skip_serializing_if`: `auto` is not recorded, so plans
    /// made before the option existed keep their bytes.
    pub fn is_auto(&self) -> bool {
        *self == NameOrder::Auto
    }
}

/// The display name of `given` and `family` (either may be empty; `None`
/// when both are).
pub(crate) fn display_name(given: &str, family: &str, order: NameOrder) -> Option<String> {
    if given.is_empty() || family.is_empty() {
        let one = if given.is_empty() { family } else { given };
        return (!one.is_empty()).then(|| one.to_string());
    }
    let cjk = is_cjk(given) && is_cjk(family);
    Some(match order {
        NameOrder::Auto if cjk => format!("{family}{given}"),
        NameOrder::Eastern if cjk => format!("{family}{given}"),
        NameOrder::Eastern => format!("{family} {given}"),
        NameOrder::Western | NameOrder::Auto => format!("{given} {family}"),
    })
}

/// Every character of `s` is Han, kana or Hangul (or the marks names use
/// with them: 々, 〇, the prolonged-sound mark, the middle dot of
/// transcribed names).
pub(crate) fn is_cjk(s: &str) -> bool {
    !s.is_empty() && s.chars().all(cjk_char)
}

fn cjk_char(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'      // Han, extension A
        | '\u{4E00}'..='\u{9FFF}'    // Han
        | '\u{F900}'..='\u{FAFF}'    // Han compatibility
        | '\u{20000}'..='\u{323AF}'  // Han, extensions B–H
        | '\u{3005}' | '\u{3007}'    // 々 〇
        | '\u{3040}'..='\u{309F}'    // Hiragana
        | '\u{30A0}'..='\u{30FF}'    // Katakana (with ー and ・)
        | '\u{31F0}'..='\u{31FF}'    // Katakana phonetic extensions
        | '\u{FF66}'..='\u{FF9F}'    // half-width Katakana
        | '\u{AC00}'..='\u{D7AF}'    // Hangul syllables
        | '\u{1100}'..='\u{11FF}'    // Hangul jamo
        | '\u{3130}'..='\u{318F}'    // Hangul compatibility jamo
        | '\u{00B7}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auto(given: &str, family: &str) -> String {
        display_name(given, family, NameOrder::Auto).unwrap()
    }

    #[test]
    fn cjk_names_family_first_without_a_space() {
        assert_eq!(auto("宗翰", "李"), "李宗翰");
        assert_eq!(auto("花子", "佐藤"), "佐藤花子");
        assert_eq!(auto("はなこ", "さとう"), "さとうはなこ");
        assert_eq!(auto("민준", "김"), "김민준");
        assert_eq!(auto("宗翰", "歐陽"), "歐陽宗翰");
    }

    #[test]
    fn other_names_given_first() {
        assert_eq!(auto("Anna", "Lee"), "Anna Lee");
        // Mixed scripts: nothing says which order the reader expects.
        assert_eq!(auto("David", "王"), "David 王");
        assert_eq!(auto("宗翰", "Lee"), "宗翰 Lee");
        assert_eq!(auto("宗翰1", "李"), "宗翰1 李");
    }

    #[test]
    fn the_option_overrides_the_script() {
        assert_eq!(display_name("宗翰", "李", NameOrder::Western).unwrap(), "宗翰 李");
        assert_eq!(display_name("Anna", "Lee", NameOrder::Eastern).unwrap(), "Lee Anna");
        assert_eq!(display_name("宗翰", "李", NameOrder::Eastern).unwrap(), "李宗翰");
    }

    #[test]
    fn one_name_or_none() {
        for order in [NameOrder::Auto, NameOrder::Western, NameOrder::Eastern] {
            assert_eq!(display_name("宗翰", "", order).as_deref(), Some("宗翰"));
            assert_eq!(display_name("", "Lee", order).as_deref(), Some("Lee"));
            assert_eq!(display_name("", "", order), None);
        }
    }

    #[test]
    fn auto_is_not_recorded() {
        assert!(NameOrder::default().is_auto());
        assert_eq!(serde_json::to_value(NameOrder::Eastern).unwrap(), "eastern");
    }
}
