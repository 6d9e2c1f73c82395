//! outbox/reminders/<mpn_id>/<username>.expires-<date>.eml: the reminder
//! `status` writes for someone who has not signed in and whose temporary
//! password expires within `--warn-days`. Built as the sign-on mail is
//! ([`super::mail`]: the same From, To, Date, Message-ID and language rules),
//! with no password in it: the date to sign in by, the sign-in link, and whom
//! to ask for a lost password. The Message-ID is derived from the account and
//! its expiry, so a reminder is the same message on every day it is written
//! and a new expiry makes a new one.

use super::l10n::{date, text};
use super::mail::{Envelope, aligned, message, message_id, one_line};
use crate::migration::render::Reminder;
use std::fmt::Write;

/// The whole message: headers and the encoded body.
pub(crate) fn render(r: &Reminder<'_>) -> Vec<u8> {
    let lang = r.language;
    let expires = date(lang, r.password_expires);
    let organization = one_line(if r.organization.trim().is_empty() { r.mpn_id } else { r.organization });
    let subject = text(lang, "reminder-subject", &[("organization", &organization), ("date", &expires)]);
    let key = [r.mpn_id, r.username, &r.password_expires.to_string()];
    message(
        Envelope {
            from: r.admin,
            to: (r.display_name, r.email),
            subject: &subject,
            date: r.date,
            message_id: message_id("reminder", &key, r.password_expires),
            language: lang,
        },
        body(r, &organization, &expires),
    )
}

/// The plain-text body (LF line ends; the builder writes CRLF).
fn body(r: &Reminder<'_>, organization: &str, expires: &str) -> String {
    let lang = r.language;
    let name = match one_line(r.display_name).trim() {
        "" => one_line(r.email),
        name => name.to_string(),
    };
    let when = ("date", expires);
    let not_yet = [("organization", organization), ("mpn_id", r.mpn_id), when];
    let lost = match r.admin {
        Some((admin, email)) if !admin.trim().is_empty() && !email.trim().is_empty() => {
            text(lang, "reminder-lost", &[("admin", one_line(admin).trim()), ("email", &one_line(email))])
        }
        _ => text(lang, "reminder-lost-unnamed", &[]),
    };
    let fields = aligned(vec![
        (text(lang, "signon-username", &[]), one_line(r.username)),
        (text(lang, "signon-sign-in-at", &[]), one_line(r.sign_in_url)),
    ]);
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", text(lang, "reminder-greeting", &[("name", &name)]));
    let _ = writeln!(out, "{}\n", text(lang, "reminder-not-yet", &not_yet));
    for f in fields {
        let _ = writeln!(out, "  {}{}{}", f.label, f.pad, f.value);
    }
    let _ = writeln!(out, "\n{}\n", text(lang, "reminder-before", &[when]));
    let _ = writeln!(out, "{lost}\n");
    let _ = writeln!(out, "{}", text(lang, "reminder-no-password", &[]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Lang;
    use chrono::NaiveDate;

    fn reminder<'a>(language: Lang, display_name: &'a str, organization: &'a str) -> Reminder<'a> {
        Reminder {
            mpn_id: "1234567",
            organization,
            display_name,
            email: "ben@contoso.com",
            username: "ben@contoso.onmicrosoft.com",
            password_expires: NaiveDate::from_ymd_opt(2025, 8, 30).unwrap(),
            admin: Some(("Anna Lee", "anna@contoso.com")),
            date: NaiveDate::from_ymd_opt(2025, 8, 27).unwrap(),
            language,
            sign_in_url: crate::core::options::DEFAULT_SIGN_IN_URL,
        }
    }

    fn text_of(msg: &[u8]) -> String {
        String::from_utf8(msg.to_vec()).unwrap()
    }

    #[test]
    fn english_body_word_for_word() {
        let r = reminder(Lang::En, "Ben Ng", "Contoso Ltd");
        assert_eq!(
            body(&r, "Contoso Ltd", "2025-08-30"),
            "Hello Ben Ng,

You have not signed in yet to the Partner Center account of Contoso Ltd (MPN ID 1234567). Your temporary password expires on 2025-08-30.

  Username:    ben@contoso.onmicrosoft.com
  Sign in at:  https://partner.microsoft.com/dashboard

Please sign in before 2025-08-30 and choose your own password. After that the temporary password no longer works, and your admin must remove you and add you again.

If you lost the temporary password, ask Anna Lee (anna@contoso.com) for it.

This reminder holds no password.
"
        );
    }

    #[test]
    fn the_message_id_follows_the_account_and_expiry_not_the_day_it_is_written() {
        let r = reminder(Lang::En, "Ben Ng", "Contoso Ltd");
        let a = text_of(&render(&r));
        let later = text_of(&render(&Reminder { date: NaiveDate::from_ymd_opt(2025, 8, 29).unwrap(), ..r }));
        let id = |m: &str| m.lines().find(|l| l.starts_with("Message-ID: ")).unwrap().to_string();
        assert_eq!(id(&a), id(&later));
        assert!(id(&a).starts_with("Message-ID: <reminder.20250830."), "{a}");
        assert!(a.contains("\r\nDate: Wed, 27 Aug 2025 00:00:00 +0000\r\n"), "{a}");
        let renewed = Reminder { password_expires: NaiveDate::from_ymd_opt(2025, 11, 28).unwrap(), ..r };
        assert_ne!(id(&a), id(&text_of(&render(&renewed))));
        assert!(a.contains("\r\nSubject: Reminder: sign in to Partner Center for Contoso Ltd before 2025-08-30\r\n"));
    }

    #[test]
    fn traditional_chinese_without_an_admin_or_names() {
        let r = Reminder { admin: None, ..reminder(Lang::ZhTw, "", "") };
        let body = body(&r, "1234567", "2025年8月30日");
        assert!(body.starts_with("ben@contoso.com 您好：\n"), "{body}");
        for needle in [
            "您的暫時密碼將於 2025年8月30日到期。",
            "  使用者名稱：  ben@contoso.onmicrosoft.com\n  登入網址：    https://partner.microsoft.com/dashboard\n",
            "請在 2025年8月30日之前登入",
            "請向您的系統管理員索取。",
            "這封提醒郵件不含密碼。",
        ] {
            assert!(body.contains(needle), "{needle:?} not in\n{body}");
        }
        let msg = text_of(&render(&r));
        assert!(msg.contains("\r\nContent-Language: zh-TW\r\n") && !msg.contains("\r\nFrom:"), "{msg}");
    }
}
