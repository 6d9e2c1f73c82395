//! How each organisation's sign-on mail went out, for `status`: the sent
//! log's last word on each message, and the messages it does not name yet.
//! Reminders are left out: they are counted by the status run that wrote them.

use super::outbox;
use crate::files::sent_log::{Outcome, SentLog};
use crate::migration::reminders;
use crate::pipeline::assess::Delivery;
use std::collections::BTreeMap;
use std::path::Path;

/// Per organisation, in MPN ID order; empty when `send` has never run in `dir`.
/// A log or outbox that can't be read counts as no delivery: status still reports.
pub(crate) fn delivery(dir: &Path) -> Vec<Delivery> {
    let rows = SentLog::read(dir).unwrap_or_default();
    if rows.is_empty() {
        return Vec::new();
    }
    // The last row of a file wins: a message failed once may be sent later.
    let mut last: BTreeMap<String, Outcome> = BTreeMap::new();
    for row in rows {
        last.insert(row.file, row.outcome);
    }
    let waiting: Vec<String> =
        outbox::scan(dir).unwrap_or_default().into_iter().filter(|f| !last.contains_key(f)).collect();
    let mut orgs: BTreeMap<String, Delivery> = BTreeMap::new();
    let outcomes = last.into_iter().map(|(f, o)| (f, Some(o))).chain(waiting.into_iter().map(|f| (f, None)));
    for (file, outcome) in outcomes {
        if file.starts_with(reminders::FOLDER) {
            continue;
        }
        let Some(mpn_id) = outbox::organisation(&file) else { continue };
        let org =
            orgs.entry(mpn_id.to_string()).or_insert_with(|| Delivery { mpn_id: mpn_id.into(), ..Delivery::default() });
        match outcome {
            Some(Outcome::Sent) => org.sent += 1,
            Some(Outcome::Failed) => org.failed += 1,
            None => org.left += 1,
        }
    }
    orgs.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::sent_log::Row;

    fn row(file: &str, outcome: Outcome) -> Row {
        let text = String::new;
        Row { file: file.into(), recipient: text(), message_id: text(), outcome, reply: text(), time: text() }
    }

    #[test]
    fn counts_sent_failed_and_left_per_organisation_and_leaves_reminders_out() {
        let dir = tempfile::tempdir().unwrap();
        assert!(delivery(dir.path()).is_empty(), "no log: send never ran");
        for f in ["outbox/1111111/a.eml", "outbox/1111111/b.eml", "outbox/1111111/c.eml", "outbox/2222222/d.eml"] {
            let path = dir.path().join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, b"x").unwrap();
        }
        let mut log = SentLog::open(dir.path()).unwrap();
        log.append(row("outbox/1111111/a.eml", Outcome::Sent)).unwrap();
        log.append(row("outbox/1111111/b.eml", Outcome::Failed)).unwrap();
        // Sent, then deleted from the outbox (--delete-sent).
        log.append(row("outbox/2222222/gone.eml", Outcome::Sent)).unwrap();
        log.append(row("outbox/reminders/2222222/r.eml", Outcome::Sent)).unwrap();
        drop(log);
        let d = |mpn_id: &str, sent, failed, left| Delivery { mpn_id: mpn_id.into(), sent, failed, left };
        assert_eq!(delivery(dir.path()), [d("1111111", 1, 1, 1), d("2222222", 1, 0, 1)]);
    }
}
