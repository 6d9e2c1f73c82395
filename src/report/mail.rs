//! outbox/<mpn_id>/<username>.eml: one message per user for individual
//! creation (R6), where the admin sends sign-on details directly.
//!
//! The text is in the person's language (`emit::l10n`: subject, body, the
//! expiry date in the locale's form), which the `Content-Language` header
//! names. The body's layout is templates/signon.eml.tera ([`body`]); the message is
//! built by `mail-builder`: folded headers, RFC 2047 encoded words of at most
//! 75 characters, a 7bit, quoted-printable or base64 body so that no line is
//! longer than 998 bytes. An address with a non-ASCII local part is written
//! as raw UTF-8 (RFC 6532: such a message needs a mail system with SMTPUTF8,
//! which the `non-ascii-email` finding says). Nothing in a message depends on
//! the clock or on chance: the Date is the cutover date and the Message-ID is
//! derived from the username and that date.

use crate::core::model::Lang;
use crate::report::html::templates::render_mail;
use crate::report::l10n::{date, text};
use chrono::NaiveDate;
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::date::Date;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;
use serde::Serialize;
use sha2::{Digest, Sha256};
use unicode_width::UnicodeWidthStr;

pub(crate) use crate::migration::render::Letter;

/// The whole message: headers and the encoded body.
pub(crate) fn render(letter: &Letter<'_>) -> Result<Vec<u8>, tera::Error> {
    let body = body(letter)?;
    let i = letter.issued;
    let subject = text(letter.language, "signon-subject", &[("organization", &one_line(letter.organization))]);
    Ok(message(
        Envelope {
            from: (!letter.admin_email.is_empty()).then_some((letter.admin_name, letter.admin_email)),
            to: (&i.display_name, &i.email),
            subject: &subject,
            date: letter.date,
            message_id: message_id("signon", &[&i.username, &letter.date.to_string()], letter.date),
            language: letter.language,
        },
        body,
    ))
}

/// The header of a message to one person, as every mail the tool writes has it.
pub(super) struct Envelope<'a> {
    /// Display name and address; none: the message has no From (the sender's mail system sets one).
    pub from: Option<(&'a str, &'a str)>,
    pub to: (&'a str, &'a str),
    pub subject: &'a str,
    /// The Date, at midnight UTC: never the clock.
    pub date: NaiveDate,
    pub message_id: String,
    pub language: Lang,
}

/// The message of `envelope` with the plain-text `body` (LF line ends).
pub(super) fn message(envelope: Envelope<'_>, body: String) -> Vec<u8> {
    let mut msg = MessageBuilder::new();
    if let Some((name, email)) = envelope.from {
        msg = mailbox(msg, "From", name, email);
    }
    let (name, email) = envelope.to;
    let msg = mailbox(msg, "To", name, email)
        .subject(one_line(envelope.subject))
        .date(Date::new(envelope.date.and_hms_opt(0, 0, 0).expect("midnight").and_utc().timestamp()))
        .message_id(MessageId::new(envelope.message_id))
        .header("Content-Language", Raw::new(envelope.language.tag()))
        .text_body(body);
    let mut out = Vec::new();
    msg.serialize(&mut out);
    out
}

/// One line of the sign-in block: a label, padding to line up the values
/// (by display width: a CJK character takes two columns), the value.
#[derive(Serialize)]
pub(super) struct Field {
    pub label: String,
    pub pad: String,
    pub value: String,
}

/// The `(label, value)` pairs with their labels padded to one column.
pub(super) fn aligned(labels: Vec<(String, String)>) -> Vec<Field> {
    let width = labels.iter().map(|(l, _)| l.width()).max().unwrap_or(0) + 2;
    labels.into_iter().map(|(label, value)| Field { pad: " ".repeat(width - label.width()), label, value }).collect()
}

/// The plain-text body from the template (LF line ends; the builder writes CRLF).
fn body(letter: &Letter<'_>) -> Result<String, tera::Error> {
    let i = letter.issued;
    let lang = letter.language;
    let organization = one_line(letter.organization);
    let org = [("organization", organization.as_str())];
    let admin = match one_line(letter.admin_name).trim() {
        "" => text(lang, "signon-your-admin", &[]),
        name => name.to_string(),
    };
    let expires = date(lang, i.password_expires);
    let exams = letter.exams.join(&text(lang, "list-separator", &[]));
    let labels = [
        (text(lang, "signon-username", &[]), i.username.to_string()),
        (text(lang, "signon-password", &[]), i.password.expose().to_string()),
        (text(lang, "signon-expires", &[]), expires.clone()),
        (text(lang, "signon-sign-in-at", &[]), one_line(letter.sign_in_url)),
    ];
    let fields = aligned(labels.into());
    let steps = [
        text(lang, "signon-step-sign-in", &[]),
        if letter.partner_university {
            text(lang, "signon-step-university-member", &[])
        } else {
            text(lang, "signon-step-university", &[])
        },
        if exams.is_empty() {
            text(lang, "signon-step-exams", &org)
        } else {
            text(lang, "signon-step-exams-listed", &[org[0], ("exams", &exams)])
        },
        text(lang, "signon-step-password-reset", &[]),
    ];
    let mpn_id = i.mpn_id.to_string();
    let mut ctx = tera::Context::new();
    ctx.insert("greeting", &text(lang, "signon-greeting", &[("name", &one_line(&i.display_name))]));
    ctx.insert("added", &text(lang, "signon-added", &[("admin", &admin), org[0], ("mpn_id", &mpn_id)]));
    ctx.insert("info", &text(lang, "signon-info", &[]));
    ctx.insert("fields", &fields);
    ctx.insert("deadline", &text(lang, "signon-deadline", &[("date", &expires)]));
    ctx.insert("then", &text(lang, "signon-then", &[]));
    ctx.insert("steps", &steps);
    ctx.insert("progress", &text(lang, "signon-progress", &[]));
    ctx.insert("delete", &text(lang, "signon-delete", &[]));
    render_mail(&ctx)
}

/// Control characters (line breaks above all) become spaces.
pub(super) fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Longer ASCII names the builder would encode (its limit for a plain phrase).
const LONGEST_PLAIN_NAME: usize = 77;

/// The longest word of a plain display name: a header line with the word
/// and its quote marks stays well under 78 characters.
const LONGEST_PLAIN_WORD: usize = 70;

/// `header` (From or To) with a display name on one line and an address
/// without anything that could end the angle brackets or the header
/// (validation already refuses such addresses: this is belt and braces).
///
/// A long ASCII name is written as a quoted string folded between its words
/// (RFC 5322 §3.2.2), not as encoded words: the builder would split those
/// anywhere, and readers that keep the white space between encoded words
/// (Python's `email`, CPython gh-128110) would then show "Hohenzollern-S
/// igmaringen". A word too long for a line falls back to encoded words.
fn mailbox<'x>(msg: MessageBuilder<'x>, header: &'static str, name: &str, email: &str) -> MessageBuilder<'x> {
    let email: String =
        email.chars().filter(|c| !c.is_control() && !c.is_whitespace() && !"<>,;:\"()[]\\".contains(*c)).collect();
    let name = one_line(name).trim().to_string();
    let plain = name.is_ascii()
        && name.len() > LONGEST_PLAIN_NAME
        && name.split(' ').all(|word| word.len() <= LONGEST_PLAIN_WORD);
    if plain {
        let quoted = name.replace('\\', "\\\\").replace('"', "\\\"");
        return msg.header(header, Raw::new(format!("\"{quoted}\" <{email}>")));
    }
    msg.header(header, Address::new_address((!name.is_empty()).then_some(name), email))
}

/// `<KIND.YYYYMMDD.HASH@pmc-migrate.invalid>`, HASH of the `key` parts (a
/// sign-on mail's: the username and the cutover date): the same parts give
/// the same id, and no input value appears in it.
pub(super) fn message_id(kind: &str, key: &[&str], date: NaiveDate) -> String {
    let hash = Sha256::digest(key.join("\n").as_bytes());
    let hex: String = hash[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("{kind}.{}.{hex}@pmc-migrate.invalid", date.format("%Y%m%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::credentials::Issued;
    use crate::files::credentials::password;

    fn issued(display_name: &str, email: &str) -> Issued {
        Issued {
            mpn_id: "1234567".into(),
            username: "anna@contoso.onmicrosoft.com".into(),
            display_name: display_name.into(),
            email: email.into(),
            password: password::generate().unwrap(),
            password_expires: NaiveDate::from_ymd_opt(2025, 8, 30).unwrap(),
        }
    }

    fn letter<'a>(i: &'a Issued, organization: &'a str, admin_name: &'a str) -> Letter<'a> {
        Letter {
            issued: i,
            organization,
            admin_name,
            admin_email: "admin@contoso.com",
            partner_university: false,
            exams: &[],
            date: NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            language: Lang::En,
            sign_in_url: crate::core::options::DEFAULT_SIGN_IN_URL,
        }
    }

    fn headers(msg: &[u8]) -> String {
        let text = String::from_utf8(msg.to_vec()).unwrap();
        text.split("\r\n\r\n").next().unwrap().to_string()
    }

    #[test]
    fn header_values_cannot_inject_lines() {
        let i = issued("Eve\r\nBcc: all@x.com", "eve@x.com");
        let msg = render(&letter(&i, "Contoso\nX-Evil: 1", "Adam\r\nCc: b@x.com")).unwrap();
        let h = headers(&msg);
        for line in h.split("\r\n") {
            let name = line.split(':').next().unwrap();
            assert!(
                line.starts_with([' ', '\t'])
                    || [
                        "From",
                        "To",
                        "Subject",
                        "Date",
                        "Message-ID",
                        "MIME-Version",
                        "Content-Type",
                        "Content-Language"
                    ]
                    .contains(&name)
                    || name == "Content-Transfer-Encoding",
                "unexpected header line {line:?} in\n{h}"
            );
        }
        assert!(!h.contains("\nBcc") && !h.contains("\nCc") && !h.contains("\nX-Evil"), "{h}");
    }

    #[test]
    fn deterministic_date_and_message_id() {
        let i = issued("Anna Lee", "anna@contoso.com");
        let a = render(&letter(&i, "Contoso Ltd", "Ben Ng")).unwrap();
        let b = render(&letter(&i, "Contoso Ltd", "Ben Ng")).unwrap();
        assert_eq!(a, b);
        let h = headers(&a);
        assert!(h.contains("Date: Sun, 1 Jun 2025 00:00:00 +0000"), "{h}");
        assert!(h.contains("Message-ID: <signon.20250601."), "{h}");
    }

    /// The body, decoded (the builder picks quoted-printable or base64).
    fn body_of(letter: &Letter<'_>) -> String {
        body(letter).unwrap()
    }

    #[test]
    fn english_body_word_for_word() {
        let i = issued("Anna Lee", "anna@contoso.com");
        let exams = ["AZ-900".into(), "AZ-104".into()];
        let l = Letter { partner_university: true, exams: &exams, ..letter(&i, "Contoso Ltd", "Ben Ng") };
        let expected = format!(
            "Hello Anna Lee,

Ben Ng has added you to the Partner Center account of Contoso Ltd (MPN ID 1234567), which replaces the Partner Membership Center.

Your sign-in information:

  Username:            anna@contoso.onmicrosoft.com
  Temporary password:  {}
  Password expires:    2025-08-30
  Sign in at:          https://partner.microsoft.com/dashboard

Sign in at Partner Center before 2025-08-30. The temporary password is good for 90 days; after that your admin must remove you and add you again.

Then, please:

  1. Sign in with the username and temporary password above and choose your own password.
  2. Connect your Partner University account (Partner Center > your account settings > Connect Partner University).
  3. Associate your Microsoft exams and certifications with your account (AZ-900, AZ-104), so that they count for Contoso Ltd's competencies.
  4. Optionally, set up password-reset self-service with your security questions.

Competency progress shows in Partnership > Competencies 24 hours after you associate your account or complete a skill goal.

This message holds a password: please delete it once you have signed in.
",
            i.password.expose()
        );
        assert_eq!(body_of(&l), expected);
        let h = headers(&render(&l).unwrap());
        assert!(h.contains("\r\nContent-Language: en\r\n"), "{h}");
        assert!(h.contains("Subject: Your Partner Center sign-in for Contoso Ltd\r\n"), "{h}");
    }

    #[test]
    fn traditional_chinese_body_and_headers() {
        // The plan made the display name family name first (core::names).
        let i = issued("王怡君", "yichun.wang@contoso.com");
        let exams = ["AZ-900".into(), "AZ-104".into()];
        let l = Letter {
            language: Lang::ZhTw,
            admin_email: "",
            exams: &exams,
            sign_in_url: "https://partner.example.com/signin",
            ..letter(&i, "台灣雲端", "")
        };
        let body = body_of(&l);
        let pw = i.password.expose();
        for needle in [
            "王怡君您好：\n",
            "您的系統管理員已將您加入台灣雲端（MPN ID：1234567）的合作夥伴中心帳戶。",
            // Labels line up by display width: two columns per CJK character.
            "  使用者名稱：  anna@contoso.onmicrosoft.com\n",
            &format!("  暫時密碼：    {pw}\n"),
            "  密碼到期日：  2025年8月30日\n",
            "  登入網址：    https://partner.example.com/signin\n",
            "請在 2025年8月30日之前登入合作夥伴中心。",
            "  1. 以上方的使用者名稱和暫時密碼登入",
            "  2. 如果您有合作夥伴大學帳戶",
            "  3. 將您的 Microsoft 技術測驗及認證（AZ-900、AZ-104）與帳戶建立關聯，讓它們計入台灣雲端的專長認證。\n",
            "  4. 選用：設定密碼重設自助",
        ] {
            assert!(body.contains(needle), "{needle:?} not in\n{body}");
        }
        assert!(!body.contains("2025-08-30") && !body.contains("Hello"), "{body}");
        let h = headers(&render(&l).unwrap());
        assert!(h.contains("\r\nContent-Language: zh-TW\r\n"), "{h}");
        // The subject is an RFC 2047 encoded word (UTF-8), not raw bytes.
        assert!(h.contains("Subject: =?utf-8?"), "{h}");
        assert!(h.is_ascii() && !h.contains("From:"), "{h}");
        // A name in Latin letters keeps its spaces in Chinese text.
        let j = issued("David Wilson", "david@contoso.com");
        let l = Letter { issued: &j, admin_name: "Ben Ng", organization: "Contoso Ltd", ..l };
        let body = body_of(&l);
        assert!(body.starts_with("David Wilson 您好：\n"), "{body}");
        assert!(body.contains("Ben Ng 已將您加入 Contoso Ltd（MPN ID：1234567）的"), "{body}");
    }
}
