//! Sign-on emails (design §7, `outbox/`) read by their real consumer, Python's
//! `email` package: for `samples/` and for hostile input (800-character names,
//! line breaks in a name, non-ASCII local parts, a very long organisation
//! name), every message parses without a defect, keeps RFC 5322's 998-byte
//! line limit and RFC 2047's 75-character encoded words, and decodes to the
//! right From, To, Subject and body, in the person's language (English, or
//! Traditional Chinese with `Content-Language: zh-TW`).

use crate::common::*;
use crate::tools::{PYTHON3, tool};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

/// Parses each message with Python's `email` package and reports what it saw.
///
/// An ordinary message is parsed from its bytes with `policy.default`. An
/// RFC 6532 message (one of its addresses is not ASCII) is UTF-8 by
/// definition: it is decoded as UTF-8 and parsed with `policy.SMTPUTF8`
/// (Python's bytes parser keeps undecoded bytes in headers whatever the
/// policy, and reports them as `UndecodableBytesDefect`).
///
/// `name` is each address header's display name decoded by RFC 2047 §6.2
/// (white space between adjacent encoded words dropped), which the legacy
/// decoder implements; Python's modern parser keeps that white space inside
/// display names (CPython gh-128110), so its `display_name` is only reported.
const PARSE: &str = r#"
import email, email.header, email.policy, email.utils, json, re, sys

ENCODED_WORD = re.compile(rb'=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=')

def rfc2047_name(raw_value):
    name, _ = email.utils.parseaddr(re.sub(r'\r?\n(?=[ \t])', '', raw_value))
    return str(email.header.make_header(email.header.decode_header(name)))

out = []
for item in json.load(sys.stdin):
    path = item["path"]
    with open(path, 'rb') as f:
        raw = f.read()
    if item["smtputf8"]:
        msg = email.message_from_string(raw.decode('utf-8'), policy=email.policy.SMTPUTF8)
    else:
        msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = []
    for part in msg.walk():
        defects += ["message: " + type(d).__name__ for d in part.defects]
        for name, value in part.items():
            defects += [name + ": " + type(d).__name__ for d in value.defects]
    raw_headers = {}
    for name, value in msg.raw_items():
        raw_headers.setdefault(name, []).append(value)
    def mailbox(name):
        if msg[name] is None:
            return None
        return {
            "addresses": [[a.display_name, a.addr_spec] for a in msg[name].addresses],
            "name": rfc2047_name(raw_headers[name][0]),
        }
    body = msg.get_body(preferencelist=('plain',))
    out.append({
        "path": path,
        "defects": defects,
        "header_counts": {k: len(v) for k, v in raw_headers.items()},
        "from": mailbox("From"),
        "to": mailbox("To"),
        "subject": str(msg["Subject"]),
        "date": str(msg["Date"]),
        "message_id": str(msg["Message-ID"]),
        "content_language": str(msg["Content-Language"]),
        "body": body.get_content() if body is not None else None,
        "longest_line": max(len(line) for line in raw.split(b'\r\n')),
        "bare_line_ends": raw.replace(b'\r\n', b'').count(b'\n') + raw.replace(b'\r\n', b'').count(b'\r'),
        "longest_encoded_word": max([len(w) for w in ENCODED_WORD.findall(raw)], default=0),
        "ascii": raw.isascii(),
    })
print(json.dumps(out))
"#;

/// What one message must say, from plan.json and the credential files.
#[derive(Debug)]
struct Expected {
    path: String,
    from: (String, String),
    to: (String, String),
    subject: String,
    username: String,
    password: String,
    expires: String,
    smtputf8: bool,
    /// `en` or `zh-TW`, as plan.json says (absent: `en`).
    language: String,
}

/// A value as it may appear in a header or the body: on one line.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn local_part(email: &str) -> &str {
    email.rsplit_once('@').map_or(email, |(local, _)| local)
}

fn expected_messages(wrk: &Workdir, out: &str) -> Vec<Expected> {
    // username → temporary password, from the credential files. (Read here
    // without the common parser's CRLF checks: a line break inside a name is
    // kept in its quoted field until the `control-character` rule lands.)
    let mut passwords = BTreeMap::new();
    for f in wrk.files_under(&format!("{out}/credentials")) {
        let bytes = wrk.read(&f);
        let mut reader = csv::Reader::from_reader(bytes.strip_prefix(BOM).expect("a BOM"));
        for r in reader.records() {
            let r = r.unwrap();
            passwords.insert(r[0].to_string(), r[3].to_string());
        }
    }
    let plan = wrk.json(&format!("{out}/plan.json"));
    let s = |v: &Value| v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string();
    let mut expected = Vec::new();
    for org in plan["organizations"].as_array().expect("organizations") {
        let accounts = org["accounts"].as_array().expect("accounts");
        let admin = accounts.iter().find(|a| a["role"] == "admin").expect("an admin");
        for a in accounts {
            let username = s(&a["username"]);
            let (from, to) = (
                (one_line(&s(&admin["display_name"])), s(&admin["email"])),
                (one_line(&s(&a["display_name"])), s(&a["email"])),
            );
            let language = a["language"].as_str().unwrap_or("en").to_string();
            let organization = one_line(&s(&org["organization"]));
            expected.push(Expected {
                path: format!("{out}/outbox/{}/{username}.eml", s(&org["mpn_id"])),
                smtputf8: !from.1.is_ascii() || !to.1.is_ascii(),
                from,
                to,
                subject: match language.as_str() {
                    // No space beside a Chinese name in Chinese text; a Latin one keeps it.
                    "zh-TW" => {
                        let gap = |c: Option<char>| if c.is_some_and(|c| c >= '\u{2E80}') { "" } else { " " };
                        let (l, r) = (gap(organization.chars().next()), gap(organization.chars().last()));
                        format!("您在{l}{organization}{r}的合作夥伴中心登入資訊")
                    }
                    _ => format!("Your Partner Center sign-in for {organization}"),
                },
                password: passwords[&username].clone(),
                expires: local_date(&language, &s(&a["password_expires"])),
                username,
                language,
            });
        }
    }
    expected
}

/// `2027-03-01` as the person reads it: `2027年3月1日` in Traditional Chinese.
fn local_date(language: &str, iso: &str) -> String {
    let parts: Vec<u32> = iso.split('-').map(|p| p.parse().unwrap()).collect();
    match language {
        "zh-TW" => format!("{}年{}月{}日", parts[0], parts[1], parts[2]),
        _ => iso.to_string(),
    }
}

/// R8's four steps and the password advice, in each language's words.
fn steps(language: &str) -> &'static [&'static str] {
    match language {
        "zh-TW" => &[
            "設定您自己的密碼",
            "合作夥伴大學帳戶",
            "Microsoft 技術測驗及認證",
            "與帳戶建立關聯",
            "密碼重設自助",
            "暫時密碼只能使用 90 天",
        ],
        _ => &[
            "choose your own password",
            "Connect your Partner University account",
            "Associate your Microsoft exams and certifications",
            "password-reset self-service",
            "The temporary password is good for 90 days",
        ],
    }
}

fn parse_with_python(wrk: &Workdir, expected: &[Expected]) -> Vec<Value> {
    let items: Vec<Value> = expected.iter().map(|e| json!({"path": e.path, "smtputf8": e.smtputf8})).collect();
    let mut child = Command::new("python3")
        .current_dir(wrk.root())
        .arg("-c")
        .arg(PARSE)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    child.stdin.take().unwrap().write_all(serde_json::to_string(&items).unwrap().as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "python3 could not parse the emails: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("python's JSON")
}

/// Every message of `out` is there (and nothing else) and passes Python's parser.
fn assert_outbox_passes_python(wrk: &Workdir, out: &str, date: &str) -> Vec<Expected> {
    let expected = expected_messages(wrk, out);
    let mut paths: Vec<&str> = expected.iter().map(|e| e.path.as_str()).collect();
    paths.sort();
    assert_eq!(wrk.files_under(&format!("{out}/outbox")), paths);
    let parsed = parse_with_python(wrk, &expected);
    assert_eq!(parsed.len(), expected.len());
    for (e, msg) in expected.iter().zip(&parsed) {
        let path = &e.path;
        let ctx = || {
            let raw = String::from_utf8_lossy(&wrk.read(path)).into_owned();
            format!("{path}:\n{}", raw.split("\r\n\r\n").next().unwrap())
        };
        // RFC 6532: Python's header parser marks every non-ASCII local part
        // with NonASCIILocalPartDefect whatever the policy (CPython #81074);
        // under SMTPUTF8 that is the one expected note, on that address only.
        let mut allowed = Vec::new();
        for (header, addr) in [("From", &e.from.1), ("To", &e.to.1)] {
            if !local_part(addr).is_ascii() {
                allowed.push(format!("{header}: NonASCIILocalPartDefect"));
            }
        }
        assert!(e.smtputf8 || allowed.is_empty());
        let defects: Vec<String> =
            msg["defects"].as_array().unwrap().iter().map(|d| d.as_str().unwrap().into()).collect();
        assert_eq!(defects, allowed, "defects in {}", ctx());

        assert!(msg["longest_line"].as_u64().unwrap() <= 998, "a line over 998 bytes in {}", ctx());
        assert_eq!(msg["bare_line_ends"], 0, "a bare CR or LF in {}", ctx());
        assert!(msg["longest_encoded_word"].as_u64().unwrap() <= 75, "an encoded word over 75 characters in {}", ctx());
        assert_eq!(msg["ascii"], !e.smtputf8, "only an RFC 6532 message may hold 8-bit bytes: {}", ctx());
        for header in
            ["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "Content-Language"]
        {
            assert_eq!(msg["header_counts"][header], 1, "{header} in {}", ctx());
        }
        assert_eq!(msg["header_counts"].as_object().unwrap().len(), 9, "headers of {}", ctx());
        assert_eq!(msg["content_language"], e.language.as_str(), "Content-Language of {}", ctx());

        for (header, (name, addr)) in [("from", &e.from), ("to", &e.to)] {
            let m = &msg[header];
            assert_eq!(m["addresses"].as_array().unwrap().len(), 1, "{header} of {}", ctx());
            assert_eq!(m["addresses"][0][1], addr.as_str(), "{header} address of {}", ctx());
            assert_eq!(m["name"], name.as_str(), "{header} name of {}", ctx());
        }
        assert_eq!(msg["subject"], e.subject.as_str(), "subject of {}", ctx());
        assert_eq!(msg["date"], date, "date of {}", ctx());
        let id = msg["message_id"].as_str().unwrap();
        assert!(id.starts_with("<signon.") && id.ends_with("@pmc-migrate.invalid>"), "{id} in {}", ctx());

        let body = msg["body"].as_str().unwrap_or_else(|| panic!("no text body in {}", ctx()));
        for needle in [e.username.as_str(), e.password.as_str(), e.expires.as_str()]
            .into_iter()
            .chain(steps(&e.language).iter().copied())
        {
            assert!(body.contains(needle), "{path}: {needle:?} not in the body:\n{body}");
        }
        // The steps are numbered 1 to 4, each on a line of its own.
        for n in 1..=4 {
            assert_eq!(body.matches(&format!("\n  {n}. ")).count(), 1, "step {n} in {path}:\n{body}");
        }
        if e.language == "zh-TW" {
            // Traditional, not Simplified: 登入資訊 and 帳戶, never 登录信息 or 帐户.
            assert!(body.contains("登入資訊") && body.contains("帳戶"), "{path}:\n{body}");
            assert!(!body.contains("登录") && !body.contains("帐户"), "{path}:\n{body}");
        } else {
            assert!(!body.contains("登入") && body.starts_with("Hello "), "{path}:\n{body}");
        }
    }
    expected
}

#[test]
fn sample_sign_on_emails_pass_pythons_email_parser() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let wrk = Workdir::with_inputs(
        std::fs::read(repo.join("samples/memberships.csv")).unwrap(),
        std::fs::read(repo.join("samples/employees.csv")).unwrap(),
    );
    wrk.apply("out", &["--as-of", "2026-12-01", "--creation", "individual"]).assert_code(0);
    if !tool(&PYTHON3) {
        return;
    }
    let expected = assert_outbox_passes_python(&wrk, "out", "Tue, 01 Dec 2026 00:00:00 +0000");
    assert_eq!(expected.len(), 34);
    assert!(expected.iter().any(|e| e.smtputf8), "the sample has a non-ASCII local part");
    assert!(expected.iter().any(|e| !e.smtputf8));
    // Four people of the organisation in Taiwan, and Mei Chen at Fabrikam.
    let zh: Vec<&str> = expected.iter().filter(|e| e.language == "zh-TW").map(|e| e.to.1.as_str()).collect();
    assert_eq!(
        zh,
        [
            "mei.chen@fabrikam.com",
            "yichun.wang@formosacloud.com.tw",
            "chihming.chen@formosacloud.com.tw",
            "yating.lin@formosacloud.com.tw",
            "chiahao.chang@formosacloud.com.tw"
        ]
    );
}

/// One CSV line from `fields`, quoted where needed.
fn row(fields: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(fields).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap().trim_end_matches('\n').to_string()
}

#[test]
fn hostile_sign_on_emails_pass_pythons_email_parser() {
    let long_org = format!("{}Ltd", "Very Long Organisation Name & Sons ".repeat(40));
    let long_first = format!("{}{}", "Ł".repeat(400), "x".repeat(400));
    let (a800, b800, o800) = ("A".repeat(800), "B".repeat(800), "Ö".repeat(800));
    let memberships = memberships(&[
        &row(&["1234567", &long_org, "Gold", "2024-09-01", "2025-08-31", "yes", "contoso.onmicrosoft.com", "US"]),
        &row(&[
            "2345678",
            "Müller & Weiß\r\nGmbH",
            "Gold",
            "2024-09-01",
            "2025-08-31",
            "yes",
            "mueller.onmicrosoft.com",
            "DE",
        ]),
    ]);
    let employees = employees(&[
        &row(&["1234567", &a800, &b800, "anna@contoso.com", "admin", "", "PU-1", "AZ-900", ""]),
        &row(&["1234567", &long_first, &o800, "jürgen.weiß@contoso.com", "employee", "", "", "", ""]),
        &row(&[
            "1234567",
            "Eve\r\nBcc: all@evil.example",
            "Stone\nX-Evil: 1",
            "eve@contoso.com",
            "employee",
            "",
            "",
            "",
            "",
        ]),
        &row(&["1234567", "\"Quote\" \\ (x)", "<y>, z;", "quote@contoso.com", "employee", "", "", "", ""]),
        &row(&["2345678", "Jürgen", "Weiß", "jürgen.weiß@müller-weiß.de", "admin", "", "", "", ""]),
        &row(&["2345678", "=Ann", "@Lee", "ann@müller-weiß.de", "employee", "", "", "", ""]),
        &row(&["2345678", "Bob", "Ng", "bob@mueller.de", "employee", "", "", "", ""]),
    ]);
    let wrk = Workdir::with_inputs(memberships, employees);
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    if !tool(&PYTHON3) {
        return;
    }
    let expected = assert_outbox_passes_python(&wrk, "out", "Sun, 01 Jun 2025 00:00:00 +0000");
    assert_eq!(expected.len(), 7);
    let smtputf8: Vec<&str> = expected.iter().filter(|e| e.smtputf8).map(|e| e.to.1.as_str()).collect();
    assert_eq!(
        smtputf8,
        ["jürgen.weiß@contoso.com", "jürgen.weiß@müller-weiß.de", "ann@müller-weiß.de", "bob@mueller.de"],
        "RFC 6532 messages"
    );
    // Headers are folded, and no name adds a header of its own.
    for e in &expected {
        let raw = String::from_utf8(wrk.read(&e.path)).unwrap();
        let headers = raw.split("\r\n\r\n").next().unwrap();
        assert!(!headers.contains("\nBcc") && !headers.contains("\nX-Evil"), "{headers}");
        if e.to.0.starts_with("AAAA") {
            assert!(headers.lines().filter(|l| l.starts_with(' ')).count() > 20, "{headers}");
        }
    }
}
