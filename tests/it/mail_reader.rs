//! Messages as Python's `email` reads them: the decoded From and To names and
//! addresses, subject, language, plain-text body and every defect it finds.

use crate::common::Workdir;
use serde_json::Value;
use std::process::Command;

const PARSE: &str = r#"
import email, email.header, email.policy, email.utils, json, sys
def name(raw):
    n, _ = email.utils.parseaddr(raw)
    return str(email.header.make_header(email.header.decode_header(n)))
def addr(header):
    return header.addresses[0].addr_spec if header else ""
out = {}
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    legacy = email.message_from_bytes(raw, policy=email.policy.compat32)
    defects = [type(d).__name__ for part in msg.walk() for d in part.defects]
    defects += [type(d).__name__ for _, v in msg.items() for d in v.defects]
    out[path] = {"from": name(legacy["From"] or ""), "from_addr": addr(msg["From"]),
                 "to": name(legacy["To"]), "to_addr": addr(msg["To"]),
                 "subject": str(msg["Subject"]), "language": str(msg["Content-Language"]),
                 "body": msg.get_body(preferencelist=('plain',)).get_content().replace('\r\n', '\n'),
                 "defects": defects}
print(json.dumps(out))
"#;

/// Each of `paths` (relative to `wrk`) read by Python, keyed by its path.
pub fn read_mails(wrk: &Workdir, paths: &[&str]) -> Value {
    let output = Command::new("python3").current_dir(wrk.root()).arg("-c").arg(PARSE).args(paths).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}
