//! The sending loop: one connection reused while it lasts, a pace of at
//! most `--rate` messages a minute, retries with a doubling wait on a 4xx
//! reply or a dropped connection, a 5xx recorded as failed with the
//! server's words, and each accepted message in the sent log before the
//! next one goes.

use super::error::SendError;
use super::outbox;
use super::request::{NotSent, SendRun, Summary};
use super::smtp::Server;
use crate::core::interrupt;
use crate::core::progress::{Progress, Unit};
use crate::files::sealed::Identities;
use crate::files::sent_log::{Outcome, Row, SentLog};
use lettre::Address;
use lettre::address::Envelope;
use lettre::transport::smtp::Error as SmtpError;
use lettre::transport::smtp::client::SmtpConnection;
use std::path::Path;
use std::time::{Duration, Instant};

/// The first wait after a 4xx or a dropped connection; it doubles up to [`LONGEST_WAIT`].
const FIRST_WAIT: Duration = Duration::from_secs(1);
const LONGEST_WAIT: Duration = Duration::from_secs(60);

/// A message still to send: its file and its bytes.
pub(super) struct Pending {
    pub file: String,
    pub bytes: Vec<u8>,
}

/// A message's bytes, decrypted in memory when it is an age file.
pub(super) fn read_message(dir: &Path, file: &str, identities: Option<&Identities>) -> Result<Vec<u8>, SendError> {
    let path = outbox::path(dir, file);
    let bytes = std::fs::read(&path).map_err(|source| SendError::Read { path: path.clone(), source })?;
    if !file.ends_with(outbox::AGE) {
        return Ok(bytes);
    }
    let Some(identities) = identities else {
        let reason = "an encrypted message: pass --identity with the key it was encrypted to".to_string();
        return Err(SendError::Decrypt { path, reason });
    };
    identities.decrypt(&bytes).map_err(|e| SendError::Decrypt { path, reason: e.to_string() })
}

/// What became of one message.
enum Fate {
    Sent(String),
    Failed(String),
    /// 4xx every time: left for a later run.
    Left(String),
}

/// Send every pending message, in order.
pub(super) fn deliver(
    run: &SendRun<'_>,
    server: &Server,
    log: &mut SentLog,
    todo: Vec<Pending>,
    summary: &mut Summary,
) -> Result<(), SendError> {
    if todo.is_empty() {
        return Ok(());
    }
    let mut conn = Some(first_connection(server)?);
    interrupt::set_folder_state(format!(
        "{} names every message the server accepted; run send again for the rest",
        run.out.join(crate::files::sent_log::FILE_NAME).display()
    ));
    let progress = Progress::new(run.quiet);
    let bar = progress.bar("sending", Unit::Items("messages"), todo.len() as u64);
    let counter = bar.counter();
    let interval = Duration::from_secs(60) / run.rate.max(1);
    let mut next_start = Instant::now();
    let mut rest = todo.into_iter();
    while let Some(p) = rest.next() {
        let bytes = p.bytes;
        let headers = outbox::headers(&bytes);
        let recipient = headers.to.join(", ");
        let (envelope, bytes) = match envelope(&headers, run.from, bytes) {
            Ok(e) => e,
            Err(reason) => {
                summary.failed.push(NotSent { file: p.file, recipient, reason });
                counter.add(1);
                continue;
            }
        };
        // lettre ends the data with CRLF . CRLF; the message's own last line
        // end is the first CRLF of it, or the server would see an empty line more.
        let bytes = bytes.strip_suffix(b"\r\n").unwrap_or(&bytes);
        std::thread::sleep(next_start.saturating_duration_since(Instant::now()));
        next_start = Instant::now() + interval;
        let fate = match attempt(server, &mut conn, &envelope, bytes, run.retries) {
            Ok(fate) => fate,
            Err(lost) => {
                summary.left.push(NotSent { file: p.file, recipient, reason: lost.to_string() });
                summary.left.extend(rest.map(|p| NotSent {
                    file: p.file,
                    recipient: String::new(),
                    reason: String::new(),
                }));
                summary.stopped = Some(lost);
                return Ok(());
            }
        };
        let message_id = headers.message_id.clone().unwrap_or_default();
        let row = |outcome, reply: &str| Row {
            file: p.file.clone(),
            recipient: recipient.clone(),
            message_id: message_id.clone(),
            outcome,
            reply: reply.to_string(),
            time: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        };
        {
            // A signal waits until the row is on disk (and the file deleted).
            let _critical = interrupt::critical();
            match &fate {
                Fate::Sent(reply) => {
                    log.append(row(Outcome::Sent, reply))?;
                    summary.sent += 1;
                    if run.delete_sent {
                        let path = outbox::path(run.out, &p.file);
                        std::fs::remove_file(&path).map_err(|source| SendError::Write { path, source })?;
                    }
                }
                Fate::Failed(reply) => {
                    log.append(row(Outcome::Failed, reply))?;
                    summary.failed.push(NotSent { file: p.file.clone(), recipient, reason: reply.clone() });
                }
                Fate::Left(reply) => {
                    summary.left.push(NotSent { file: p.file.clone(), recipient, reason: reply.clone() })
                }
            }
        }
        counter.add(1);
    }
    bar.finish(|n| format!("sent {n}"));
    if let Some(mut conn) = conn {
        let _ = conn.quit();
    }
    Ok(())
}

/// The first connection: failing it is an error of the run (a wrong
/// address, certificate or password), not of a message.
fn first_connection(server: &Server) -> Result<SmtpConnection, SendError> {
    server.connect().map_err(|e| {
        let reason = words(&e);
        if e.is_permanent() || e.is_transient() {
            SendError::Login { server: server.name(), reason }
        } else {
            SendError::Connect { server: server.name(), reason }
        }
    })
}

/// The envelope: the message's recipients, and `--from` or its From.
/// Without a From header, `--from` is added as one.
fn envelope(headers: &outbox::Headers, from: Option<&str>, bytes: Vec<u8>) -> Result<(Envelope, Vec<u8>), String> {
    let parse = |a: &str| a.parse::<Address>().map_err(|e| format!("not sent: address {a:?}: {e}"));
    let to = headers.to.iter().map(|a| parse(a)).collect::<Result<Vec<_>, _>>()?;
    if to.is_empty() {
        return Err("not sent: the message has no To address".into());
    }
    let sender = from.or(headers.from.as_deref()).ok_or("not sent: the message has no From: pass --from")?;
    let bytes = match (&headers.from, from) {
        (None, Some(from)) => [format!("From: <{from}>\r\n").into_bytes(), bytes].concat(),
        _ => bytes,
    };
    let envelope = Envelope::new(Some(parse(sender)?), to).map_err(|e| format!("not sent: {e}"))?;
    Ok((envelope, bytes))
}

/// Send one message, reconnecting and retrying on a 4xx or a dropped
/// connection. Err when the connection cannot be had back at all.
fn attempt(
    server: &Server,
    conn: &mut Option<SmtpConnection>,
    envelope: &Envelope,
    bytes: &[u8],
    retries: u32,
) -> Result<Fate, SendError> {
    let mut wait = FIRST_WAIT;
    let mut tries = 0;
    loop {
        let result = match conn.as_mut().filter(|c| !c.has_broken()) {
            Some(c) => c.send(envelope, bytes),
            None => server.connect().and_then(|mut c| {
                let sent = c.send(envelope, bytes);
                *conn = Some(c);
                sent
            }),
        };
        let e = match result {
            Ok(reply) => return Ok(Fate::Sent(reply_words(&reply))),
            Err(e) => e,
        };
        // lettre closes the connection on any error; the next try opens one.
        *conn = None;
        if e.is_permanent() {
            return Ok(Fate::Failed(words(&e)));
        }
        if e.is_client() {
            return Ok(Fate::Failed(format!("not sent: {}", words(&e))));
        }
        if tries == retries {
            return if e.is_transient() {
                Ok(Fate::Left(words(&e)))
            } else {
                Err(SendError::Lost { server: server.name(), reason: words(&e) })
            };
        }
        tries += 1;
        std::thread::sleep(wait);
        wait = (wait * 2).min(LONGEST_WAIT);
    }
}

fn reply_words(reply: &lettre::transport::smtp::response::Response) -> String {
    let code = reply.code();
    let text: Vec<&str> = reply.message().collect();
    format!("{code} {}", text.join(" "))
}

/// An SMTP error in one line (lettre's words include the server's reply).
fn words(e: &SmtpError) -> String {
    e.to_string().replace(['\r', '\n'], " ")
}
