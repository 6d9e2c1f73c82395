//! sent.csv in the output folder: the record `send` keeps of each message a
//! mail server accepted (or refused for good), one row per message, appended
//! and synced to disk before the next message goes out. It is what makes a
//! re-run send only what is left; `status` and the report read it to say
//! per organisation what was sent, failed and is left.
//!
//! Columns: file (relative to the folder, `outbox/<mpn_id>/<name>.eml`),
//! recipient, message_id, outcome (`sent` or `failed`), reply (the server's
//! words), time (UTC, RFC 3339). A row cut short by a kill (no line end) is
//! dropped when the log is next opened: its message is the one in flight,
//! sent again.

use crate::files::cells::{BOM, escape, restore};
use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub(crate) const FILE_NAME: &str = "sent.csv";
pub(crate) const HEADER: [&str; 6] = ["file", "recipient", "message_id", "outcome", "reply", "time"];

/// What the server said to one message, for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Accepted (a 2xx reply to the message's data).
    Sent,
    /// Refused with a permanent (5xx) reply.
    Failed,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Sent => "sent",
            Outcome::Failed => "failed",
        }
    }
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub file: String,
    pub recipient: String,
    pub message_id: String,
    pub outcome: Outcome,
    pub reply: String,
    pub time: String,
}

#[derive(Debug, thiserror::Error)]
pub enum SentLogError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: io::Error },
    #[error("{path}:{line}: not a sent log row ({reason})")]
    Malformed { path: PathBuf, line: u64, reason: String },
}

/// The log open for appending, with what it held when opened.
pub(crate) struct SentLog {
    path: PathBuf,
    file: File,
    /// The last outcome of each file named in the log.
    last: HashMap<String, Outcome>,
}

impl SentLog {
    /// Open (or start) `dir`'s log, dropping a last row cut short.
    pub(crate) fn open(dir: &Path) -> Result<SentLog, SentLogError> {
        let path = dir.join(FILE_NAME);
        let write = |source| SentLogError::Write { path: path.clone(), source };
        let mut file = OpenOptions::new().create(true).read(true).append(true).open(&path).map_err(write)?;
        let bytes = fs::read(&path).map_err(|source| SentLogError::Read { path: path.clone(), source })?;
        let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if whole < bytes.len() {
            file.set_len(whole as u64).map_err(write)?;
        }
        if whole == 0 {
            file.set_len(0).map_err(write)?;
            let mut head = BOM.to_vec();
            head.extend(line(&HEADER.map(str::to_string)));
            file.write_all(&head).map_err(write)?;
            file.sync_all().map_err(write)?;
        }
        let last = parse(&path, &bytes[..whole])?.into_iter().map(|r| (r.file, r.outcome)).collect();
        Ok(SentLog { path, file, last })
    }

    /// The rows of `dir`'s log, if it has one (for readers that do not send).
    pub(crate) fn read(dir: &Path) -> Result<Vec<Row>, SentLogError> {
        let path = dir.join(FILE_NAME);
        match fs::read(&path) {
            Ok(bytes) => {
                let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                parse(&path, &bytes[..whole])
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(source) => Err(SentLogError::Read { path, source }),
        }
    }

    /// The files the log names as sent.
    pub(crate) fn sent(&self) -> impl Iterator<Item = &str> {
        self.last.iter().filter(|(_, o)| **o == Outcome::Sent).map(|(f, _)| f.as_str())
    }

    /// Append `row` and sync it to disk before returning: once this returns,
    /// no later run sends the message again.
    pub(crate) fn append(&mut self, row: Row) -> Result<(), SentLogError> {
        let cells = [
            row.file.clone(),
            row.recipient,
            row.message_id,
            row.outcome.as_str().to_string(),
            row.reply.replace(['\r', '\n'], " "),
            row.time,
        ];
        let write = |source| SentLogError::Write { path: self.path.clone(), source };
        self.file.write_all(&line(&cells)).map_err(write)?;
        self.file.sync_data().map_err(write)?;
        self.last.insert(row.file, row.outcome);
        Ok(())
    }
}

/// One CSV record with its line end, each cell escaped as ledger.csv's are.
fn line(cells: &[String; 6]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record(cells.iter().map(|c| escape(c).into_owned()));
    w.into_inner().unwrap_or_default()
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Vec<Row>, SentLogError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let mut rows = Vec::new();
    for record in r.records() {
        let malformed = |line: u64, reason: String| SentLogError::Malformed { path: path.to_path_buf(), line, reason };
        let record = record.map_err(|e| malformed(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let at = record.position().map_or(0, |p| p.line());
        if record.len() != HEADER.len() {
            return Err(malformed(at, format!("{} cells, not {}", record.len(), HEADER.len())));
        }
        let cell = |i: usize| restore(record[i].to_string());
        let outcome = match record[3].trim() {
            "sent" => Outcome::Sent,
            "failed" => Outcome::Failed,
            other => return Err(malformed(at, format!("outcome {other:?} is neither sent nor failed"))),
        };
        rows.push(Row {
            file: cell(0),
            recipient: cell(1),
            message_id: cell(2),
            outcome,
            reply: cell(4),
            time: cell(5),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, outcome: Outcome) -> Row {
        Row {
            file: file.into(),
            recipient: "-ann@example.com".into(),
            message_id: "<a@b>".into(),
            outcome,
            reply: "250 2.0.0\r\nOK".into(),
            time: "2026-12-01T00:00:00Z".into(),
        }
    }

    #[test]
    fn rows_survive_a_reopen_and_a_row_cut_short_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = SentLog::open(dir.path()).unwrap();
        log.append(row("outbox/1/a.eml", Outcome::Sent)).unwrap();
        log.append(row("outbox/1/b.eml", Outcome::Failed)).unwrap();
        drop(log);
        let mut f = OpenOptions::new().append(true).open(dir.path().join(FILE_NAME)).unwrap();
        f.write_all(b"outbox/1/c.eml,x@y,<c@d>,se").unwrap();
        let mut log = SentLog::open(dir.path()).unwrap();
        assert_eq!(log.sent().collect::<Vec<_>>(), ["outbox/1/a.eml"], "b failed, c was cut short");
        log.append(row("outbox/1/b.eml", Outcome::Sent)).unwrap();
        let rows = SentLog::read(dir.path()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].recipient, "-ann@example.com", "escaped and restored");
        assert_eq!(rows[0].reply, "250 2.0.0  OK", "one line");
        assert_eq!(SentLog::open(dir.path()).unwrap().sent().count(), 2);
        let text = fs::read(dir.path().join(FILE_NAME)).unwrap();
        assert!(text.starts_with(BOM));
        assert!(String::from_utf8_lossy(&text).contains("'-ann@example.com"));
    }
}
