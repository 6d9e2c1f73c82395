//! A long display name in a sign-on email reads back exactly in Python's
//! `email` package with `policy.default`: the header is folded between the
//! name's words, never inside one ("Hohenzollern-S igmaringen").

use crate::common::*;
use crate::tools::{PYTHON3, tool};
use std::process::Command;

/// Prints each message's From and To, address and display name, one JSON array a line.
const READ_NAMES: &str = r#"
import email, email.policy, json, sys
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        msg = email.message_from_bytes(f.read(), policy=email.policy.default)
    for header in ("From", "To"):
        a = msg[header].addresses[0]
        print(json.dumps([path, header, a.addr_spec, a.display_name]))
"#;

#[test]
fn long_ascii_display_names_read_back_whole_in_pythons_email_parser() {
    let memberships = memberships(&["1234567,Contoso Ltd,Gold,2024-09-01,2025-08-31,yes,contoso.onmicrosoft.com,US"]);
    let employees = employees(&[
        "1234567,Maximilian Ferdinand Karl Anton Josef Maria,von Hohenzollern-Sigmaringen-Veringen,max@contoso.com,admin,,,,",
        "1234567,Anna-Katharina Elisabeth Margarethe,Schleswig-Holstein-Sonderburg-Glucksburg,anna@contoso.com,employee,,,,",
        "1234567,Bob,Ng,bob@contoso.com,employee,,,,",
    ]);
    let wrk = Workdir::with_inputs(memberships, employees);
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    if !tool(&PYTHON3) {
        return;
    }
    let plan = wrk.json("out/plan.json");
    let accounts = plan["organizations"][0]["accounts"].as_array().expect("accounts");
    let name_of = |email: &str| {
        let a = accounts.iter().find(|a| a["email"] == email).unwrap_or_else(|| panic!("{email} in plan.json"));
        a["display_name"].as_str().expect("display_name").to_string()
    };
    let admin = name_of("max@contoso.com");
    assert!(admin.len() > 77, "a name too long for one header line: {admin}");
    let paths: Vec<String> = wrk.files_under("out/outbox");
    assert_eq!(paths.len(), 3);
    let output = Command::new("python3")
        .arg("-c")
        .arg(READ_NAMES)
        .args(paths.iter().map(|p| wrk.path(p)))
        .output()
        .expect("run python3");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for line in String::from_utf8(output.stdout).expect("UTF-8").lines() {
        let (path, header, address, name): (String, String, String, String) = serde_json::from_str(line).expect("JSON");
        let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let headers = raw.split("\r\n\r\n").next().unwrap().to_string();
        let expected = name_of(&address);
        assert_eq!(name, expected, "{header} of {path}:\n{headers}");
        assert!(!headers.contains("=?"), "a plain ASCII name needs no encoded word:\n{headers}");
    }
}
