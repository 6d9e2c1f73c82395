//! `pmc-migrate send` against a real SMTP server (aiosmtpd, started by each
//! test on a free port of 127.0.0.1 with STARTTLS, a throw-away certificate
//! authority and AUTH; `tests/smtp_server.py`). Messages are counted where
//! they arrive: at the server.

mod encrypt;
mod exactly_once;
mod failures;

use crate::common::*;
use crate::tools::{AIOSMTPD, tool};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub const USER: &str = "relay@contoso.example";
pub const PASSWORD: &str = "correct horse";

/// The test SMTP server, killed when dropped.
pub struct Smtp {
    child: Option<Child>,
    pub port: u16,
    args: Vec<String>,
    received: PathBuf,
}

impl Smtp {
    /// Start the server for `wrk` (messages go to `received/`), with `extra` options.
    pub fn start(wrk: &Workdir, extra: &[&str]) -> Smtp {
        let received = wrk.path("received");
        std::fs::create_dir_all(&received).unwrap();
        let mut args: Vec<String> = vec![
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_server.py").into(),
            "--dir".into(),
            received.display().to_string(),
            "--certs".into(),
            wrk.path("certs").display().to_string(),
            "--user".into(),
            USER.into(),
            "--password".into(),
            PASSWORD.into(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut smtp = Smtp { child: None, port: 0, args, received };
        smtp.spawn();
        smtp
    }

    fn spawn(&mut self) {
        let mut args = self.args.clone();
        if self.port != 0 {
            args.extend(["--port".into(), self.port.to_string()]);
        }
        let mut child = Command::new("python3")
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.strip_prefix("ready ").and_then(|p| p.trim().parse().ok());
        self.port = port.unwrap_or_else(|| panic!("the SMTP server did not start: {line:?}"));
        self.child = Some(child);
    }

    /// SIGKILL the server (a crash, or the network gone).
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Start it again on the same port.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    pub fn url(&self) -> String {
        format!("smtp://localhost:{}", self.port)
    }

    /// Every message received so far, whole, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<String> = std::fs::read_dir(&self.received)
            .unwrap()
            .filter_map(|e| e.unwrap().file_name().into_string().ok())
            .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
            .collect();
        names.sort_by_key(|n| n.split('-').next().and_then(|t| t.parse::<u128>().ok()));
        names
            .into_iter()
            .map(|name| {
                let meta: Value = serde_json::from_slice(&std::fs::read(self.received.join(&name)).unwrap()).unwrap();
                let eml = self.received.join(name.replace(".json", ".eml"));
                let bytes = std::fs::read(&eml).unwrap();
                let options = meta["mail_options"].as_array().unwrap();
                Received {
                    mail_from: meta["mail_from"].as_str().unwrap_or("").into(),
                    rcpt: meta["rcpt_tos"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().into()).collect(),
                    smtputf8: options.iter().any(|o| o == "SMTPUTF8"),
                    tls: meta["tls"] == true,
                    authenticated: meta["authenticated"] == true,
                    message_id: header(&bytes, "Message-ID"),
                    eml,
                    bytes,
                }
            })
            .collect()
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One message as the server got it.
#[derive(Debug)]
pub struct Received {
    pub mail_from: String,
    pub rcpt: Vec<String>,
    pub smtputf8: bool,
    pub tls: bool,
    pub authenticated: bool,
    pub message_id: String,
    pub eml: PathBuf,
    pub bytes: Vec<u8>,
}

/// A header's value as written (first line only: ours are short).
pub fn header(bytes: &[u8], name: &str) -> String {
    let text = String::from_utf8_lossy(bytes);
    let prefix = format!("{name}: ");
    text.lines().find_map(|l| l.strip_prefix(&prefix)).unwrap_or("").trim().to_string()
}

/// The server is there (or the test skips); `wrk` has an outbox of about
/// `employees` sign-on messages in `out/` (the generator's people, some
/// with non-ASCII addresses).
pub fn outbox(employees: usize) -> Option<Workdir> {
    if !tool(&AIOSMTPD) {
        return None;
    }
    let wrk = Workdir::new();
    let n = employees.to_string();
    wrk.run(["generate", "--orgs", "5", "--employees", &n, "--out", ".", "--quiet"]).assert_code(0);
    wrk.apply("out", &["--creation", "individual", "--as-of", "2026-12-01"]).assert_code(0);
    Some(wrk)
}

/// Every message file in `out/outbox`, relative to the work directory.
pub fn messages(wrk: &Workdir) -> Vec<String> {
    let mut files = wrk.files_under("out/outbox");
    files.retain(|f| f.ends_with(".eml") || f.ends_with(".eml.age"));
    files
}

/// `send` with the server's URL, CA and credentials, plus `extra`.
pub fn send_command(wrk: &Workdir, smtp: &Smtp, extra: &[&str]) -> Command {
    let ca = wrk.path("certs/ca.pem").display().to_string();
    let url = smtp.url();
    let mut args = vec!["send", "--out", "out", "--smtp", &url, "--smtp-ca", &ca, "--rate", "1000000", "--quiet"];
    args.extend(extra);
    let mut cmd = wrk.command(args);
    cmd.env("PMC_SMTP_USER", USER).env("PMC_SMTP_PASSWORD", PASSWORD).env_remove("PMC_SMTP_OAUTH_TOKEN");
    cmd
}

pub fn send(wrk: &Workdir, smtp: &Smtp, extra: &[&str]) -> Run {
    let output = send_command(wrk, smtp, extra).output().expect("run send");
    Run {
        args: extra.iter().map(|s| s.to_string()).collect(),
        code: output.status.code().expect("send exited by a signal"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        stdout_bytes: output.stdout,
    }
}

/// How many times each Message-ID arrived.
pub fn arrivals(received: &[Received]) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for r in received {
        *seen.entry(r.message_id.clone()).or_default() += 1;
    }
    seen
}

/// The Message-IDs of every message in the outbox.
pub fn outbox_ids(wrk: &Workdir) -> Vec<String> {
    let mut ids: Vec<String> = messages(wrk).iter().map(|f| header(&wrk.read(f), "Message-ID")).collect();
    ids.sort();
    ids
}

/// Each received message parses with Python's `email` without a defect
/// (as UTF-8 under `policy.SMTPUTF8` when it came with SMTPUTF8).
pub fn assert_parse_clean(received: &[Received]) {
    const PARSE: &str = r#"
import email, email.policy, json, sys
out = []
for item in json.load(sys.stdin):
    raw = open(item["eml"], "rb").read()
    if item["smtputf8"]:
        msg = email.message_from_string(raw.decode("utf-8"), policy=email.policy.SMTPUTF8)
    else:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = []
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
        for name, value in part.items():
            defects += [name + ": " + type(d).__name__ for d in getattr(value, "defects", [])]
    out.append({"eml": item["eml"], "defects": defects, "to": [a.addr_spec for a in msg["To"].addresses]})
print(json.dumps(out))
"#;
    let items: Vec<Value> = received
        .iter()
        .map(|r| serde_json::json!({"eml": r.eml.display().to_string(), "smtputf8": r.smtputf8}))
        .collect();
    let mut child =
        Command::new("python3").args(["-c", PARSE]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(serde_json::to_string(&items).unwrap().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "the parser failed");
    let parsed: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    for (p, r) in parsed.iter().zip(received) {
        // Python marks each non-ASCII local part whatever the policy (CPython
        // #81074): under SMTPUTF8 the one expected note, on that address only.
        let local_eai = |a: &str| !a.split('@').next().unwrap_or("").is_ascii();
        let mut allowed = Vec::new();
        if local_eai(&r.mail_from) {
            allowed.push("From: NonASCIILocalPartDefect");
        }
        if r.rcpt.iter().any(|a| local_eai(a)) {
            allowed.push("To: NonASCIILocalPartDefect");
        }
        assert!(r.smtputf8 || allowed.is_empty(), "{}", p["eml"]);
        assert_eq!(p["defects"], serde_json::json!(allowed), "{}", p["eml"]);
        assert_eq!(p["to"], serde_json::json!(r.rcpt), "the To header names the envelope's recipient");
    }
}

/// SMTPUTF8 was asked for exactly the messages with a non-ASCII address.
pub fn assert_smtputf8_only_for_eai(received: &[Received]) {
    let eai = received.iter().filter(|r| r.smtputf8).count();
    assert!(eai > 0, "the generated people include non-ASCII addresses");
    for r in received {
        let non_ascii = r.rcpt.iter().any(|a| !a.is_ascii()) || !r.mail_from.is_ascii();
        assert_eq!(r.smtputf8, non_ascii, "{:?}", r.rcpt);
    }
}
