//! `pmc-migrate apply`, the real run (design §5, §6, §7): credential files,
//! temporary passwords, sign-on emails, the ledger and incremental re-runs
//! (R7 reissues), refusal on errors, the folder lock and crash safety.

use crate::common::*;
use crate::tools::{PYTHON3, tool};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const DAN: &str = "1234567,Dan,Fox,dan@contoso.com,employee,,,,";
const NORTHWIND: &str = "3456789,Northwind Traders,Gold,2024-09-01,2026-03-31,no,northwind.onmicrosoft.com,GB";
const EVE: &str = "3456789,Eve,Stone,eve@northwind.com,admin,,PU-9,,";
const FAY: &str = "3456789,Fay,Wu,fay@northwind.com,employee,,,AZ-900,";

/// Every row of every file in `out/credentials`.
fn credentials(wrk: &Workdir, out: &str) -> Vec<Cred> {
    wrk.files_under(&format!("{out}/credentials")).iter().flat_map(|f| parse_credentials(f, &wrk.read(f))).collect()
}

/// The credential files of `out`, name → bytes.
fn credential_files(wrk: &Workdir, out: &str) -> BTreeMap<String, Vec<u8>> {
    wrk.files_under(&format!("{out}/credentials"))
        .into_iter()
        .map(|f| {
            let bytes = wrk.read(&f);
            (f, bytes)
        })
        .collect()
}

/// Every file below `dir`, name → bytes.
fn snapshot(wrk: &Workdir, dir: &str) -> BTreeMap<String, Vec<u8>> {
    wrk.files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = wrk.read(&f);
            (f, bytes)
        })
        .collect()
}

/// The records of `out/ledger.csv`, header excluded.
fn ledger_records(wrk: &Workdir, out: &str) -> Vec<Vec<String>> {
    let bytes = wrk.read(&format!("{out}/ledger.csv"));
    csv::Reader::from_reader(bytes.as_slice())
        .records()
        .map(|r| r.expect("ledger record").iter().map(String::from).collect())
        .collect()
}

/// How many ledger records hold `value` as a whole field.
fn ledger_count(records: &[Vec<String>], value: &str) -> usize {
    records.iter().filter(|r| r.iter().any(|f| f == value)).count()
}

/// (mpn_id, email, username, action) of every planned account.
fn planned(plan: &Value) -> Vec<(String, String, String, String)> {
    let mut out = Vec::new();
    for o in plan["organizations"].as_array().expect("organizations") {
        for a in o["accounts"].as_array().expect("accounts") {
            let s = |v: &Value| v.as_str().expect("a string").to_string();
            out.push((s(&o["mpn_id"]), s(&a["email"]), s(&a["username"]), s(&a["action"])));
        }
    }
    out
}

/// email → action in plan.json.
fn actions(plan: &Value) -> BTreeMap<String, String> {
    planned(plan).into_iter().map(|(_, e, _, a)| (e, a)).collect()
}

fn org<'a>(plan: &'a Value, mpn_id: &str) -> &'a Value {
    plan["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["mpn_id"] == mpn_id)
        .unwrap_or_else(|| panic!("no organisation {mpn_id}: {plan:#}"))
}

fn account<'a>(plan: &'a Value, email: &str) -> &'a Value {
    plan["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|o| o["accounts"].as_array().unwrap())
        .find(|a| a["email"] == email)
        .unwrap_or_else(|| panic!("no account {email}: {plan:#}"))
}

#[cfg(unix)]
fn mode(wrk: &Workdir, name: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(wrk.path(name)).unwrap().permissions().mode() & 0o777
}

/// design §5: 16 characters with upper, lower, digit and symbol; Entra symbols
/// needing no CSV quoting; no look-alikes; not starting with = + - @.
fn assert_password_rules(p: &str) {
    const ENTRA_SYMBOLS: &str = "@#$%^&*-_!+=[]{}|\\:',.?/`~\"();<>";
    assert_eq!(p.chars().count(), 16, "length of {p:?}");
    assert!(p.chars().any(|c| c.is_ascii_uppercase()), "no upper case in {p:?}");
    assert!(p.chars().any(|c| c.is_ascii_lowercase()), "no lower case in {p:?}");
    assert!(p.chars().any(|c| c.is_ascii_digit()), "no digit in {p:?}");
    assert!(p.chars().any(|c| c.is_ascii_punctuation()), "no symbol in {p:?}");
    for c in p.chars() {
        assert!(!"0Oo1lI".contains(c), "look-alike {c:?} in {p:?}");
        assert!(
            c.is_ascii_alphanumeric() || (ENTRA_SYMBOLS.contains(c) && !",\"".contains(c)),
            "{c:?} in {p:?} is not an Entra symbol usable unquoted"
        );
    }
    assert!(!p.starts_with(['=', '+', '-', '@']), "{p:?} starts with a formula character");
}

fn status_csv(rows: &[&str]) -> String {
    csv("username,signed_in,pu_connected,associated_at", rows)
}

/// A workdir with three organisations and six people.
fn three_orgs() -> Workdir {
    Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM, NORTHWIND]), employees(&[ANNA, BEN, CARLA, DAN, EVE, FAY]))
}

/// Parse .eml files with Python's `email` package (policy=default).
fn parse_emails(wrk: &Workdir, files: &[String]) -> Vec<Value> {
    const SCRIPT: &str = r#"
import email, email.policy, json, sys
out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    body = msg.get_body(preferencelist=('plain',))
    to = msg['to']
    out.append({
        "path": path,
        "to": [a.addr_spec for a in to.addresses] if to is not None else [],
        "subject": str(msg['subject']),
        "defects": [type(d).__name__ for d in msg.defects] + ([type(d).__name__ for d in to.defects] if to is not None else []),
        "body": body.get_content() if body is not None else None,
    })
print(json.dumps(out))
"#;
    let output = Command::new("python3")
        .current_dir(wrk.root())
        .arg("-c")
        .arg(SCRIPT)
        .args(files)
        .output()
        .expect("run python3");
    assert!(output.status.success(), "python3 could not parse the emails: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice::<Vec<Value>>(&output.stdout).expect("python's JSON")
}

// ---- a first real run ----

#[test]
fn first_apply_writes_credentials_ledger_and_reports() {
    let wrk = Workdir::baseline();
    let run = wrk.apply("out", &[]);
    run.assert_code(0);
    for f in ["out/plan.json", "out/findings.csv", "out/index.html", "out/ledger.csv"] {
        assert!(wrk.exists(f), "{f} missing: {:?}", wrk.listing());
    }
    assert_eq!(wrk.files_under("out/credentials"), ["out/credentials/1234567.csv", "out/credentials/2345678.csv"]);
    let plan = wrk.json("out/plan.json");
    let accounts = planned(&plan);
    assert_eq!(accounts.len(), 3);
    assert!(accounts.iter().all(|a| a.3 == "create"), "{accounts:#?}");

    let creds = credentials(&wrk, "out");
    assert_eq!(creds.len(), 3, "{creds:#?}");
    let anna = creds.iter().find(|c| c.email == "anna@contoso.com").unwrap();
    assert_eq!(anna.file, "out/credentials/1234567.csv");
    assert_eq!(anna.username, "anna@contoso.onmicrosoft.com");
    assert_eq!(anna.display_name, "Anna Lee");
    assert_eq!(anna.expires, "2025-08-30");
    let carla = creds.iter().find(|c| c.email == "carla@fabrikam.com").unwrap();
    assert_eq!(carla.file, "out/credentials/2345678.csv");
    for (mpn_id, email, username, _) in &accounts {
        let c = creds.iter().find(|c| &c.email == email).unwrap();
        assert_eq!(&c.username, username);
        assert_eq!(c.file, format!("out/credentials/{mpn_id}.csv"));
    }

    let ledger = ledger_records(&wrk, "out");
    for (_, email, username, _) in &accounts {
        assert_eq!(ledger_count(&ledger, username), 1, "{username} in the ledger: {ledger:#?}");
        assert_eq!(ledger_count(&ledger, email), 1, "{email} in the ledger: {ledger:#?}");
    }
}

#[cfg(unix)]
#[test]
fn credential_files_are_private_with_bom_crlf_and_the_header() {
    let wrk = three_orgs();
    wrk.apply("out", &[]).assert_code(0);
    let files = wrk.files_under("out/credentials");
    assert_eq!(files.len(), 3, "{files:?}");
    for f in &files {
        assert_eq!(mode(&wrk, f), 0o600, "mode of {f}");
        let bytes = wrk.read(f);
        assert!(bytes.starts_with(BOM), "{f}");
        assert!(
            bytes[BOM.len()..].starts_with(b"username,display_name,email,temporary_password,password_expires\r\n"),
            "{f}: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        parse_credentials(f, &bytes);
    }
}

#[test]
fn temporary_passwords_follow_the_rules_and_are_unique() {
    let rows: Vec<String> = std::iter::once(ANNA.to_string())
        .chain((0..80).map(|i| format!("1234567,P{i},Q{i},p{i}@contoso.com,employee,,,,")))
        .collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&rows));
    wrk.apply("out", &[]).assert_code(0);
    let creds = credentials(&wrk, "out");
    assert_eq!(creds.len(), 81);
    let mut seen = BTreeSet::new();
    for c in &creds {
        assert_password_rules(&c.password);
        assert!(seen.insert(c.password.clone()), "password repeated: {}", c.username);
    }
}

#[test]
fn formula_cells_are_neutralised_with_a_quote() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&[
            ANNA,
            "1234567,=cmd,Evil,=cmd@contoso.com,employee,,,,",
            "1234567,@SUM(A1),Two,-minus@contoso.com,employee,,,,",
            "1234567,+Plus,Three,plus@contoso.com,employee,,,,",
        ]),
    );
    wrk.apply("out", &[]).assert_code(0);
    let creds = credentials(&wrk, "out");
    let by_email =
        |e: &str| creds.iter().find(|c| c.email == e).unwrap_or_else(|| panic!("no row with email {e:?}: {creds:#?}"));
    let cmd = by_email("'=cmd@contoso.com");
    assert_eq!(cmd.display_name, "'=cmd Evil");
    assert_eq!(cmd.username, "cmd@contoso.onmicrosoft.com");
    let minus = by_email("'-minus@contoso.com");
    assert_eq!(minus.display_name, "'@SUM(A1) Two");
    assert_eq!(minus.username, "'-minus@contoso.onmicrosoft.com");
    let plus = by_email("plus@contoso.com");
    assert_eq!(plus.display_name, "'+Plus Three");
    let anna = by_email("anna@contoso.com");
    assert_eq!(anna.display_name, "Anna Lee");
    for c in &creds {
        assert!(!c.password.starts_with('\''), "{c:?}");
    }
}

// ---- secrets stay in the credential files ----

/// Every file below `out` except credential files (and the outbox when `outbox_ok`).
fn scan_for_passwords(wrk: &Workdir, out: &str, passwords: &BTreeSet<String>, outbox_ok: bool) {
    for f in wrk.files_under(out) {
        if f.starts_with(&format!("{out}/credentials/")) || (outbox_ok && f.starts_with(&format!("{out}/outbox/"))) {
            continue;
        }
        let bytes = wrk.read(&f);
        for p in passwords {
            assert!(!bytes.windows(p.len()).any(|w| w == p.as_bytes()), "a password is in {f}");
        }
    }
}

#[test]
fn passwords_never_appear_outside_the_credential_files() {
    let wrk = three_orgs();
    // Not quiet: whatever the tool says on stdout and stderr is scanned too.
    let mut runs = vec![wrk.run(out_args("apply", "out", &[]).into_iter().filter(|a| a != "--quiet"))];
    runs[0].assert_code(0);
    // A new hire, then a reissue, so there are several runs' passwords.
    wrk.create(
        "employees.csv",
        employees(&[ANNA, BEN, CARLA, DAN, EVE, FAY, "2345678,Gus,Hale,gus@fabrikam.com,employee,,,,"]),
    );
    runs.push(wrk.apply("out", &[]));
    wrk.create("status.csv", status_csv(&["ben@contoso.onmicrosoft.com,no,,"]));
    runs.push(wrk.apply("out", &["--as-of", "2025-09-15", "--status", "status.csv"]));
    runs.push(wrk.apply("out", &["--dry-run", "--as-of", "2025-09-15", "--status", "status.csv"]));
    for r in &runs {
        r.assert_code(0);
    }
    let creds = credentials(&wrk, "out");
    assert_eq!(creds.len(), 8, "6 + 1 new hire + 1 reissue: {creds:#?}");
    let passwords: BTreeSet<String> = creds.iter().map(|c| c.password.clone()).collect();
    assert_eq!(passwords.len(), 8);
    scan_for_passwords(&wrk, "out", &passwords, false);
    for r in &runs {
        for p in &passwords {
            assert!(!r.stdout.contains(p.as_str()), "a password on stdout: {r:?}");
            assert!(!r.stderr.contains(p.as_str()), "a password on stderr: {r:?}");
        }
    }
    // The files named in the brief are there to be scanned.
    for f in ["out/plan.json", "out/findings.csv", "out/index.html", "out/ledger.csv", "out/orgs/1234567.html"] {
        assert!(wrk.exists(f), "{f} missing: {:?}", wrk.listing());
    }
}

#[test]
fn passwords_of_individual_mode_stay_in_credentials_and_outbox() {
    let wrk = three_orgs();
    let run = wrk.run(out_args("apply", "out", &["--creation", "individual"]).into_iter().filter(|a| a != "--quiet"));
    run.assert_code(0);
    let passwords: BTreeSet<String> = credentials(&wrk, "out").into_iter().map(|c| c.password).collect();
    assert_eq!(passwords.len(), 6);
    scan_for_passwords(&wrk, "out", &passwords, true);
    for p in &passwords {
        assert!(!run.stdout.contains(p.as_str()) && !run.stderr.contains(p.as_str()), "{run:?}");
    }
}

// ---- incremental re-runs ----

#[test]
fn second_apply_issues_nothing_and_third_writes_the_same_plan() {
    let wrk = three_orgs();
    wrk.apply("out", &[]).assert_code(0);
    let creds = credential_files(&wrk, "out");
    let ledger = wrk.read("out/ledger.csv");

    let second = wrk.apply("out", &[]);
    second.assert_code(0);
    assert_eq!(credential_files(&wrk, "out"), creds, "credentials changed");
    assert!(wrk.read("out/ledger.csv") == ledger, "ledger.csv changed");
    let plan2 = wrk.read("out/plan.json");
    let plan = wrk.json("out/plan.json");
    let all = planned(&plan);
    assert_eq!(all.len(), 6);
    assert!(all.iter().all(|a| a.3 == "keep"), "{all:#?}");
    // Kept accounts keep the expiry of the password they were given.
    for (_, email, _, _) in &all {
        assert_eq!(account(&plan, email)["password_expires"], "2025-08-30");
    }

    let third = wrk.apply("out", &[]);
    third.assert_code(0);
    assert!(wrk.read("out/plan.json") == plan2, "plan.json of the third apply differs from the second");
    assert_eq!(credential_files(&wrk, "out"), creds);
    assert!(wrk.read("out/ledger.csv") == ledger);
}

#[test]
fn a_new_hire_lands_alone_in_a_run2_file() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = credential_files(&wrk, "out");

    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.apply("out", &[]).assert_code(0);
    let files = credential_files(&wrk, "out");
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["out/credentials/1234567.csv", "out/credentials/1234567.run2.csv", "out/credentials/2345678.csv"]
    );
    for (f, bytes) in &before {
        assert!(&files[f] == bytes, "{f} was rewritten");
    }
    let run2 = parse_credentials("run2", &files["out/credentials/1234567.run2.csv"]);
    assert_eq!(run2.len(), 1, "{run2:#?}");
    assert_eq!(run2[0].email, "dan@contoso.com");
    assert_eq!(run2[0].username, "dan@contoso.onmicrosoft.com");
    assert_password_rules(&run2[0].password);

    let plan = wrk.json("out/plan.json");
    let actions = actions(&plan);
    assert_eq!(actions["dan@contoso.com"], "create");
    for e in ["anna@contoso.com", "ben@contoso.com", "carla@fabrikam.com"] {
        assert_eq!(actions[e], "keep", "{e}");
    }
    let ledger = ledger_records(&wrk, "out");
    for u in [
        "anna@contoso.onmicrosoft.com",
        "ben@contoso.onmicrosoft.com",
        "carla@fabrikam.onmicrosoft.com",
        "dan@contoso.onmicrosoft.com",
    ] {
        assert_eq!(ledger_count(&ledger, u), 1, "{u}: {ledger:#?}");
    }
}

#[test]
fn a_person_gone_from_the_export_is_reported_as_left_and_stays_in_the_ledger() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let creds = credential_files(&wrk, "out");

    wrk.create("employees.csv", employees(&[ANNA, CARLA]));
    wrk.apply("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let left = plan["left"].as_array().unwrap_or_else(|| panic!("no left array: {plan:#}"));
    assert_eq!(left.len(), 1, "{left:#?}");
    assert_eq!(left[0]["email"], "ben@contoso.com");
    assert_eq!(left[0]["mpn_id"], "1234567");
    assert_eq!(left[0]["username"], "ben@contoso.onmicrosoft.com");
    assert!(planned(&plan).iter().all(|a| a.1 != "ben@contoso.com"));
    let ledger = ledger_records(&wrk, "out");
    assert_eq!(ledger_count(&ledger, "ben@contoso.onmicrosoft.com"), 1, "{ledger:#?}");
    assert_eq!(credential_files(&wrk, "out"), creds, "nothing is deleted or rewritten");

    // Back in the export: the same account, kept.
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA]));
    wrk.apply("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["left"].as_array().map_or(0, Vec::len), 0);
    assert_eq!(account(&plan, "ben@contoso.com")["action"], "keep");
    assert_eq!(credential_files(&wrk, "out"), creds);
}

mod reissue;

use reissue::actions_of;
mod crash;
mod refusal;
