//! `non-ascii-email`: an address with a non-ASCII local part needs SMTPUTF8.
//! For most people that is their own sign-on email; for the admin whose
//! address is the From of the organisation's sign-on emails (its first admin,
//! as apply picks it), it is every one of them. Who that admin is shows only
//! after duplicates are merged (admin if any row says admin), so the row rule
//! writes the person's text and [`name_senders`] rewrites the sender's.

use super::values::has_non_ascii_local_part;
use crate::core::finding::{Finding, Rule, quote};
use crate::core::model::{Employee, Role};
use std::collections::HashMap;

/// How every `non-ascii-email` message ends unless its row is the sender's.
const OWN_MAIL: &str = ": its sign-on email needs a mail system with SMTPUTF8";

/// The message at a row whose address has a non-ASCII local part.
pub(crate) fn message(email: &str) -> String {
    // Sized exactly: `format!` reserves twice its literal text, and this
    // message is on most rows of an export of accented names.
    const START: &str = "email ";
    const MIDDLE: &str = " has a non-ASCII local part";
    let quoted = quote(email);
    let mut out = String::with_capacity(START.len() + quoted.len() + MIDDLE.len() + OWN_MAIL.len());
    for part in [START, &quoted, MIDDLE, OWN_MAIL] {
        out.push_str(part);
    }
    out
}

/// The end of the sending admin's message, in place of [`OWN_MAIL`].
fn sender_ending(mpn_id: &str) -> String {
    format!(
        ", and as the first admin of organisation {mpn_id} it is the sender (From) of the organisation's sign-on \
         emails (--creation individual): every one of them needs a mail system with SMTPUTF8"
    )
}

/// Rewrite the `non-ascii-email` findings at every row of each team's sending
/// admin (the first admin in line order, whose email is non-ASCII). `teams`
/// are the organisations' people after dedup, `repeats` the (first line,
/// later line) pairs of the rows dedup merged or dropped.
pub(crate) fn name_senders<'a>(
    findings: &mut [Finding],
    file: &str,
    teams: impl IntoIterator<Item = &'a [Employee]>,
    repeats: &[(u64, u64)],
) {
    // The sender's first line -> their organisation's MPN ID (borrowed: an
    // ending is written only for a finding that gets it).
    let mut senders: HashMap<u64, &str> = HashMap::new();
    for people in teams {
        if let Some(admin) = people.iter().find(|e| e.role == Role::Admin)
            && has_non_ascii_local_part(&admin.email)
        {
            senders.insert(admin.line, admin.mpn_id.as_str());
        }
    }
    if senders.is_empty() {
        return;
    }
    let later: Vec<(u64, &str)> =
        repeats.iter().filter_map(|(first, later)| Some((*later, *senders.get(first)?))).collect();
    senders.extend(later);
    for f in findings.iter_mut().filter(|f| f.rule == Rule::NonAsciiEmail && f.file == file) {
        if let (Some(mpn_id), Some(start)) = (senders.get(&f.line), f.message.strip_suffix(OWN_MAIL)) {
            f.message = format!("{start}{}", sender_ending(mpn_id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::validate::fixture::person;

    fn finding(line: u64, email: &str) -> Finding {
        Finding::new("e.csv", line, 4, Rule::NonAsciiEmail, message(email))
    }

    #[test]
    fn only_the_first_admins_rows_say_every_mail_of_the_organisation() {
        let org = [
            person(2, "1234", "zoë@x.com", Role::Employee),
            person(3, "1234", "jürgen@x.com", Role::Admin),
            person(5, "1234", "åsa@x.com", Role::Admin),
        ];
        let other = [person(4, "5678", "jürgen@x.com", Role::Employee), person(6, "5678", "bo@x.com", Role::Admin)];
        // Line 7 repeats line 3's person, line 8 line 2's.
        let mut findings: Vec<Finding> = [(2, "zoë@x.com"), (3, "jürgen@x.com"), (4, "jürgen@x.com")]
            .into_iter()
            .chain([(5, "åsa@x.com"), (7, "JÜRGEN@x.com"), (8, "zoë@x.com")])
            .map(|(line, email)| finding(line, email))
            .collect();
        name_senders(&mut findings, "e.csv", [&org[..], &other[..]], &[(3, 7), (2, 8)]);
        let senders: Vec<u64> = findings
            .iter()
            .filter(|f| f.message.contains("first admin of organisation 1234"))
            .map(|f| f.line)
            .collect();
        assert_eq!(senders, [3, 7]);
        assert_eq!(
            findings[1].message,
            format!("email \"jürgen@x.com\" has a non-ASCII local part{}", sender_ending("1234"))
        );
        assert!(findings[4].message.starts_with("email \"JÜRGEN@x.com\""), "{}", findings[4].message);
        for f in findings.iter().filter(|f| ![3, 7].contains(&f.line)) {
            assert!(f.message.ends_with(OWN_MAIL), "line {}: {}", f.line, f.message);
        }
    }

    #[test]
    fn an_ascii_first_admin_sends_in_ascii() {
        let org = [person(2, "1234", "anna@x.com", Role::Admin), person(3, "1234", "jürgen@x.com", Role::Admin)];
        let mut findings = vec![finding(3, "jürgen@x.com")];
        name_senders(&mut findings, "e.csv", [&org[..]], &[]);
        assert_eq!(findings[0].message, message("jürgen@x.com"));
    }
}
