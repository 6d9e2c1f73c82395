//! What `send` did, for stdout: each message not delivered with the
//! server's words, then one line of counts (sent, already sent, failed,
//! left) and what to do about what is left. Never a password: the summary
//! names files and addresses only.

use super::text::plural;
use crate::migration::send::{NotSent, Summary};
use std::fmt::Write;
use std::path::Path;

/// Messages named one by one before the rest are only counted.
const LISTED: usize = 20;

pub(crate) fn summary(s: &Summary, out: &Path) -> String {
    let mut text = String::new();
    if s.dry_run {
        for (file, to) in &s.would_send {
            let _ = writeln!(text, "would send {file} to {to}");
        }
        let _ = writeln!(
            text,
            "dry run: {} to send, {} already sent",
            plural(s.would_send.len(), "message", "messages"),
            s.already
        );
        return text;
    }
    list(&mut text, "failed", &s.failed);
    list(&mut text, "left", s.left.iter().filter(|n| !n.reason.is_empty()).cloned().collect::<Vec<_>>().as_slice());
    let _ =
        writeln!(text, "{} sent, {} already sent, {} failed, {} left", s.sent, s.already, s.failed.len(), s.left.len());
    let log = out.join(crate::files::sent_log::FILE_NAME);
    if !s.failed.is_empty() {
        let _ = writeln!(
            text,
            "The server refused {} for good (its words are in {}): correct the address and run apply again, or reach them another way.",
            plural(s.failed.len(), "message", "messages"),
            log.display()
        );
    }
    if !s.left.is_empty() {
        let _ = writeln!(
            text,
            "Run send again to deliver what is left; {} keeps it from sending anything twice.",
            log.display()
        );
    }
    text
}

fn list(text: &mut String, what: &str, items: &[NotSent]) {
    for n in items.iter().take(LISTED) {
        let to = if n.recipient.is_empty() { String::new() } else { format!(" to {}", n.recipient) };
        let _ = writeln!(text, "{what}: {}{to}: {}", n.file, n.reason);
    }
    if items.len() > LISTED {
        let _ = writeln!(text, "{what}: … and {} more", items.len() - LISTED);
    }
}
