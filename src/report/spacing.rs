//! Spaces around inserted values in Chinese text.
//!
//! A Chinese sentence has no space between a Chinese name or company name
//! and the words around it (王小明您好：), while a Latin name or a number
//! keeps one (David Wilson 您好：, 有效期為 90 天). The zh-TW Fluent files write
//! a space on both sides of every value; [`mark`] fences each value in and
//! [`tidy`] drops each such space whose two neighbours are both wide
//! (CJK) characters, never touching the inside of a value.

/// Around each value while its message is formatted (private-use
/// characters: no input value keeps them, see [`mark`]).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// `value` fenced in, with any fence characters of its own dropped.
pub(crate) fn mark(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 6);
    out.push(OPEN);
    out.extend(value.chars().filter(|c| *c != OPEN && *c != CLOSE));
    out.push(CLOSE);
    out
}

/// The formatted `text` without the fences and without a space between a
/// value and a wide neighbour when the value's own edge is wide too.
pub(crate) fn tidy(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == OPEN || c == CLOSE {
            continue;
        }
        if c == ' ' && at_fence(&chars, i) {
            let before = chars[..i].iter().rev().find(|c| **c != OPEN && **c != CLOSE);
            let after = chars[i + 1..].iter().find(|c| **c != OPEN && **c != CLOSE);
            if before.is_some_and(|c| wide(*c)) && after.is_some_and(|c| wide(*c)) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The space at `i` touches a value: a fence is right before or after it.
fn at_fence(chars: &[char], i: usize) -> bool {
    (i > 0 && chars[i - 1] == CLOSE) || chars.get(i + 1) == Some(&OPEN)
}

/// Han, kana, Hangul and the full-width punctuation Chinese text uses.
pub(crate) fn wide(c: char) -> bool {
    crate::core::names::is_cjk(c.encode_utf8(&mut [0; 4]))
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(pattern: &str, value: &str) -> String {
        tidy(&pattern.replace('$', &mark(value)))
    }

    #[test]
    fn chinese_values_lose_the_spaces_latin_ones_keep_them() {
        assert_eq!(fill("$ 您好：", "王小明"), "王小明您好：");
        assert_eq!(fill("$ 您好：", "David Wilson"), "David Wilson 您好：");
        assert_eq!(fill("加入 $ 的帳戶", "台灣雲端"), "加入台灣雲端的帳戶");
        assert_eq!(fill("加入 $ 的帳戶", "Contoso Ltd"), "加入 Contoso Ltd 的帳戶");
        // Only the side where both neighbours are wide.
        assert_eq!(fill("請在 $ 之前", "2027年3月1日"), "請在 2027年3月1日之前");
        assert_eq!(fill("（$）", "AZ-900"), "（AZ-900）");
    }

    #[test]
    fn spaces_inside_values_and_elsewhere_stay() {
        assert_eq!(fill("加入 $ 的帳戶", "台灣 雲端"), "加入台灣 雲端的帳戶");
        assert_eq!(tidy("合作 夥伴"), "合作 夥伴");
        assert_eq!(fill("$", "a\u{E000}b\u{E001}"), "ab");
        assert_eq!(fill("x $ y", ""), "x  y");
    }
}
