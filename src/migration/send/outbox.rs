//! The messages in DIR/outbox (sign-on mail in `outbox/<mpn_id>/`, and any
//! other folder below it such as `reminders/`), found in a fixed order, and
//! the few headers `send` needs from each: who it goes to, who it is from,
//! its Message-ID.

use super::error::SendError;
use std::path::{Path, PathBuf};

pub(crate) const FOLDER: &str = "outbox";
/// A message as apply writes it, and one encrypted for age recipients.
pub(crate) const PLAIN: &str = ".eml";
pub(crate) const AGE: &str = ".eml.age";

/// Every message file below DIR/outbox, as paths relative to DIR with `/`
/// between folders, sorted (so runs go in the same order).
pub(crate) fn scan(dir: &Path) -> Result<Vec<String>, SendError> {
    let root = dir.join(FOLDER);
    if !root.is_dir() {
        return Err(SendError::NoOutbox(dir.to_path_buf()));
    }
    let mut out = Vec::new();
    let mut folders = vec![root];
    while let Some(folder) = folders.pop() {
        let read = |source| SendError::Read { path: folder.clone(), source };
        for entry in std::fs::read_dir(&folder).map_err(read)? {
            let entry = entry.map_err(read)?;
            let kind = entry.file_type().map_err(read)?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                folders.push(entry.path());
            } else if kind.is_file() && (name.ends_with(PLAIN) || name.ends_with(AGE)) && !name.starts_with('.') {
                out.push(relative(dir, &entry.path()));
            }
        }
    }
    out.sort();
    Ok(out)
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The organisation folder a message is in (`outbox/<mpn_id>/…`), if any.
pub(crate) fn organisation(file: &str) -> Option<&str> {
    let mut parts = file.split('/').peekable();
    if parts.next() != Some(FOLDER) {
        return None;
    }
    parts.next_if_eq(&"reminders");
    let org = parts.next()?;
    // A folder, not the file itself.
    parts.peek().is_some().then_some(org)
}

/// What `send` reads from a message's header.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Headers {
    pub from: Option<String>,
    pub to: Vec<String>,
    pub message_id: Option<String>,
}

/// The header block (up to the first empty line), unfolded: From, To and
/// Message-ID; the addresses are the `<…>` part, or the whole value.
pub(crate) fn headers(message: &[u8]) -> Headers {
    let text = String::from_utf8_lossy(message);
    let block = text.split("\r\n\r\n").next().unwrap_or("");
    let block = block.split("\n\n").next().unwrap_or("");
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        match (line.starts_with([' ', '\t']), fields.last_mut()) {
            (true, Some((_, value))) => {
                value.push(' ');
                value.push_str(line.trim());
            }
            _ => {
                if let Some((name, value)) = line.split_once(':') {
                    fields.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
                }
            }
        }
    }
    let mut h = Headers::default();
    for (name, value) in fields {
        match name.as_str() {
            "from" if h.from.is_none() => h.from = addresses(&value).into_iter().next(),
            "to" | "cc" => h.to.extend(addresses(&value)),
            "message-id" if h.message_id.is_none() => h.message_id = Some(value),
            _ => {}
        }
    }
    h
}

/// The addresses of one header value: per comma-separated mailbox (commas
/// in quoted display names do not count), its `<addr>`, or the bare address.
fn addresses(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut quoted, mut escaped, mut in_angle) = (false, false, false);
    let (mut bare, mut angle) = (String::new(), None::<String>);
    let mut finish = |bare: &mut String, angle: &mut Option<String>| {
        let addr = angle.take().unwrap_or_else(|| std::mem::take(bare));
        if !addr.trim().is_empty() {
            out.push(addr.trim().to_string());
        }
        bare.clear();
    };
    for c in value.chars() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '<' => (in_angle, angle) = (true, Some(String::new())),
            '>' => in_angle = false,
            ',' if !in_angle => finish(&mut bare, &mut angle),
            c if in_angle => angle.get_or_insert_default().push(c),
            c => bare.push(c),
        }
    }
    finish(&mut bare, &mut angle);
    out
}

/// The path of a message file.
pub(crate) fn path(dir: &Path, file: &str) -> PathBuf {
    dir.join(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_unfolded_and_addresses_found() {
        let msg = b"From: \"Ann <A>\" <ann@example.com>\r\nTo: =?utf-8?B?S2Vu?=\r\n <kenji.tr\xe1\xba\xa7n@example.com>\r\nMessage-ID: <x.1@pmc-migrate.invalid>\r\n\r\nTo: body@example.com\r\n";
        let h = headers(msg);
        assert_eq!(h.from.as_deref(), Some("ann@example.com"));
        assert_eq!(h.to, vec!["kenji.tr\u{1ea7}n@example.com"]);
        assert_eq!(h.message_id.as_deref(), Some("<x.1@pmc-migrate.invalid>"));
        assert_eq!(headers(b"To: a@b, c@d\r\n\r\n").to, vec!["a@b", "c@d"]);
        assert_eq!(headers(b"To: \"Lee, \\\"Ann\\\" <x>\" <ann@x.example>\r\n\r\n").to, vec!["ann@x.example"]);
    }

    #[test]
    fn messages_are_found_in_order_with_their_organisation() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["outbox/2/b.eml", "outbox/1/a.eml.age", "outbox/reminders/1/c.eml", "outbox/1/notes.txt"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, b"").unwrap();
        }
        let files = scan(dir.path()).unwrap();
        assert_eq!(files, ["outbox/1/a.eml.age", "outbox/2/b.eml", "outbox/reminders/1/c.eml"]);
        assert_eq!(organisation(&files[0]), Some("1"));
        assert_eq!(organisation(&files[2]), Some("1"));
    }
}
