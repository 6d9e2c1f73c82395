//! outbox/<mpn_id>/<username>.eml: one RFC 5322 message per user for
//! individual creation (R6), where the admin sends sign-on details directly.
//! The body comes from templates/signon.eml.tera; headers are built here so
//! that no input value can inject a header line.

use crate::credentials::Issued;
use crate::emit::html::templates::render_mail;
use chrono::NaiveDate;

pub struct Letter<'a> {
    pub issued: &'a Issued,
    pub organization: &'a str,
    pub admin_name: &'a str,
    pub admin_email: &'a str,
    pub partner_university: bool,
    pub exams: &'a [String],
    pub date: NaiveDate,
}

pub fn render(letter: &Letter<'_>) -> Result<Vec<u8>, tera::Error> {
    let i = letter.issued;
    let mut ctx = tera::Context::new();
    ctx.insert("display_name", &one_line(&i.display_name));
    ctx.insert("admin", &one_line(letter.admin_name));
    ctx.insert("organization", &one_line(letter.organization));
    ctx.insert("mpn_id", &i.mpn_id);
    ctx.insert("username", &i.username);
    ctx.insert("password", i.password.expose());
    ctx.insert("password_expires", &i.password_expires.to_string());
    ctx.insert("partner_university", &letter.partner_university);
    ctx.insert("has_exams", &!letter.exams.is_empty());
    ctx.insert("exams", &letter.exams.join(", "));
    let body = render_mail(&ctx)?;

    let date = letter.date.and_hms_opt(0, 0, 0).expect("midnight").and_utc().format("%a, %d %b %Y %H:%M:%S +0000");
    let mut msg = String::with_capacity(body.len() + 512);
    msg.push_str(&format!("From: {}\r\n", mailbox(letter.admin_name, letter.admin_email)));
    msg.push_str(&format!("To: {}\r\n", mailbox(&i.display_name, &i.email)));
    msg.push_str(&format!(
        "Subject: {}\r\n",
        encode_word(&format!("Your Partner Center sign-in for {}", letter.organization))
    ));
    msg.push_str(&format!("Date: {date}\r\n"));
    msg.push_str("MIME-Version: 1.0\r\n");
    msg.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    msg.push_str("Content-Transfer-Encoding: 8bit\r\n");
    msg.push_str("\r\n");
    for line in body.lines() {
        msg.push_str(line);
        msg.push_str("\r\n");
    }
    Ok(msg.into_bytes())
}

/// Control characters (line breaks above all) become spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// `"Display Name" <addr>` with the name as an RFC 2047 encoded word when it
/// is not plain ASCII, so no value can break out of its header.
fn mailbox(name: &str, email: &str) -> String {
    let email: String = email.chars().filter(|c| !c.is_control() && !matches!(c, '<' | '>' | ',' | '"')).collect();
    let name = one_line(name);
    if name.is_empty() { format!("<{email}>") } else { format!("{} <{email}>", encode_word(&name)) }
}

fn encode_word(text: &str) -> String {
    let text = one_line(text);
    let plain = text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '\'' | '!'));
    if plain && text.len() < 70 {
        return text;
    }
    format!("=?UTF-8?B?{}?=", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(T[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn header_values_cannot_inject_lines() {
        let m = mailbox("Eve\r\nBcc: all@x.com", "eve@x.com");
        assert!(!m.contains('\n') && !m.contains('\r'));
        assert!(encode_word("Jürgen").starts_with("=?UTF-8?B?"));
        assert_eq!(encode_word("Ann Lee"), "Ann Lee");
    }
}
