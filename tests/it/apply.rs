//! `pmc-migrate apply`, the real run (SPEC §5, §6, §7): credential files,
//! temporary passwords, sign-on emails, the ledger and incremental re-runs
//! (R7 reissues), refusal on errors, the folder lock and crash safety.

use crate::common::*;
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

/// SPEC §5: 16 characters with upper, lower, digit and symbol; Entra symbols
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

// ---- R7: reissue after 90 days without a sign-in ----

#[test]
fn reissue_after_90_days_without_sign_in() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = credential_files(&wrk, "out");
    let old_ben = credentials(&wrk, "out").into_iter().find(|c| c.email == "ben@contoso.com").unwrap();

    let day_91 = add_days(AS_OF, 91);
    wrk.create(
        "status.csv",
        status_csv(&["ben@contoso.onmicrosoft.com,no,,", "anna@contoso.onmicrosoft.com,yes,yes,2025-06-10 09:30"]),
    );
    let run = wrk.apply("out", &["--as-of", &day_91, "--status", "status.csv"]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");
    let actions = actions(&plan);
    assert_eq!(actions["ben@contoso.com"], "reissue", "{plan:#}");
    assert_eq!(actions["anna@contoso.com"], "keep");
    assert_eq!(actions["carla@fabrikam.com"], "keep");
    assert_eq!(account(&plan, "ben@contoso.com")["password_expires"], add_days(&day_91, 90).as_str());

    let files = credential_files(&wrk, "out");
    for (f, bytes) in &before {
        assert!(&files[f] == bytes, "{f} was rewritten");
    }
    let new: Vec<&String> = files.keys().filter(|f| !before.contains_key(*f)).collect();
    assert_eq!(new, ["out/credentials/1234567.run2.csv"], "{files:#?}");
    let rows = parse_credentials(new[0], &files[new[0]]);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].username, "ben@contoso.onmicrosoft.com");
    assert_eq!(rows[0].expires, add_days(&day_91, 90));
    assert_ne!(rows[0].password, old_ben.password, "a reissue is a new password");
    assert_password_rules(&rows[0].password);
    let ledger = ledger_records(&wrk, "out");
    assert_eq!(ledger_count(&ledger, "ben@contoso.onmicrosoft.com"), 1, "{ledger:#?}");

    // The same status again: the new password is fresh, nothing more is issued.
    let ledger_bytes = wrk.read("out/ledger.csv");
    wrk.apply("out", &["--as-of", &day_91, "--status", "status.csv"]).assert_code(0);
    assert_eq!(actions_of(&wrk)["ben@contoso.com"], "keep");
    assert_eq!(credential_files(&wrk, "out"), files);
    assert!(wrk.read("out/ledger.csv") == ledger_bytes);
}

fn actions_of(wrk: &Workdir) -> BTreeMap<String, String> {
    actions(&wrk.json("out/plan.json"))
}

#[test]
fn no_reissue_for_a_user_who_signed_in() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = credential_files(&wrk, "out");
    let ledger = wrk.read("out/ledger.csv");
    wrk.create("status.csv", status_csv(&["ben@contoso.onmicrosoft.com,yes,,"]));
    wrk.apply("out", &["--as-of", &add_days(AS_OF, 91), "--status", "status.csv"]).assert_code(0);
    assert_eq!(actions_of(&wrk)["ben@contoso.com"], "keep");
    assert_eq!(credential_files(&wrk, "out"), before);
    assert!(wrk.read("out/ledger.csv") == ledger);
}

#[test]
fn no_reissue_while_the_password_is_still_good() {
    // Day 90 is the password's last good day.
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = credential_files(&wrk, "out");
    wrk.create("status.csv", status_csv(&["ben@contoso.onmicrosoft.com,no,,"]));
    wrk.apply("out", &["--as-of", &add_days(AS_OF, 90), "--status", "status.csv"]).assert_code(0);
    assert_eq!(actions_of(&wrk)["ben@contoso.com"], "keep");
    assert_eq!(credential_files(&wrk, "out"), before);
}

#[test]
fn enrolment_dates_of_the_first_apply_are_kept_by_later_applies() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let first = wrk.json("out/plan.json");

    // Later, with a new organisation. Contoso's PMC membership (ends
    // 2025-08-31) has meanwhile run out: it was enrolled while it was current.
    wrk.create("memberships.csv", memberships(&[CONTOSO, FABRIKAM, NORTHWIND]));
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, EVE]));
    let later = "2025-09-15";
    wrk.apply("out", &["--as-of", later]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["as_of"], later);
    for id in ["1234567", "2345678"] {
        for key in ["pc_start", "pc_end"] {
            assert_eq!(org(&plan, id)[key], org(&first, id)[key], "{id} {key}");
        }
        assert_eq!(org(&plan, id)["pc_start"], AS_OF);
    }
    assert_eq!(org(&plan, "1234567")["pc_end"], "2026-08-31");
    assert_eq!(org(&plan, "2345678")["pc_end"], "2026-09-30");
    // The new organisation enrols on the later date.
    assert_eq!(org(&plan, "3456789")["pc_start"], later);
    assert_eq!(org(&plan, "3456789")["pc_end"], "2027-03-31");
    assert_eq!(account(&plan, "eve@northwind.com")["password_expires"], add_days(later, 90).as_str());
    assert_eq!(account(&plan, "ben@contoso.com")["password_expires"], "2025-08-30");

    // And once more, later still: the same dates.
    wrk.apply("out", &["--as-of", "2026-01-10"]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    for id in ["1234567", "2345678"] {
        assert_eq!(org(&plan, id)["pc_start"], AS_OF, "{id}");
    }
    assert_eq!(org(&plan, "3456789")["pc_start"], later);
}

// ---- refusal and --skip-invalid ----

/// Two good organisations, one without an admin, one with a bad date, and a bad email.
fn with_errors() -> Workdir {
    Workdir::with_inputs(
        memberships(&[
            CONTOSO,
            FABRIKAM,
            "3456789,Northwind,Gold,2024-09-01,2025-08-31,no,northwind.onmicrosoft.com,GB",
            "5678901,Tailspin,Gold,2024-13-01,2025-08-31,no,tailspin.onmicrosoft.com,US",
        ]),
        employees(&[
            ANNA,
            "1234567,Ben,Ng,not-an-email,employee,,,,",
            CARLA,
            "3456789,Nina,West,nina@northwind.com,employee,,,,",
            "5678901,Tai,Spin,tai@tailspin.com,admin,,,,",
        ]),
    )
}

#[test]
fn errors_refuse_the_apply_reports_only() {
    let wrk = with_errors();
    let run = wrk.apply("out", &["--creation", "individual"]);
    run.assert_code(1);
    for f in ["out/plan.json", "out/findings.csv", "out/index.html"] {
        assert!(wrk.exists(f), "{f} missing: {:?}", wrk.listing());
    }
    assert!(!wrk.exists("out/credentials"), "{:?}", wrk.listing());
    assert!(!wrk.exists("out/ledger.csv"), "{:?}", wrk.listing());
    assert!(!wrk.exists("out/outbox"), "{:?}", wrk.listing());
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    for rule in ["invalid-email", "org-without-admin", "invalid-date"] {
        assert!(!with_rule(&findings, rule).is_empty(), "no {rule}: {findings:#?}");
    }
}

#[test]
fn errors_refuse_a_later_apply_and_leave_earlier_output_alone() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let creds = credential_files(&wrk, "out");
    let ledger = wrk.read("out/ledger.csv");
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN, "1234567,Bad,Mail,bad@@contoso.com,employee,,,,"]));
    wrk.apply("out", &[]).assert_code(1);
    assert_eq!(credential_files(&wrk, "out"), creds);
    assert!(wrk.read("out/ledger.csv") == ledger);
}

#[test]
fn skip_invalid_applies_the_valid_organisations_only() {
    let wrk = with_errors();
    let run = wrk.apply("out", &["--skip-invalid"]);
    // There are validation errors (reported), so the exit code stays 1 (SPEC §6).
    run.assert_code(1);
    assert_eq!(wrk.files_under("out/credentials"), ["out/credentials/1234567.csv", "out/credentials/2345678.csv"]);
    let creds = credentials(&wrk, "out");
    let emails: BTreeSet<&str> = creds.iter().map(|c| c.email.as_str()).collect();
    assert_eq!(emails, BTreeSet::from(["anna@contoso.com", "carla@fabrikam.com"]));
    let ledger = wrk.read_string("out/ledger.csv");
    for gone in ["not-an-email", "nina@northwind.com", "tai@tailspin.com", "3456789", "5678901"] {
        assert!(!ledger.contains(gone), "{gone} in the ledger:\n{ledger}");
    }
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    for rule in ["invalid-email", "org-without-admin", "invalid-date"] {
        assert!(!with_rule(&findings, rule).is_empty(), "no {rule}: {findings:#?}");
    }
}

// ---- R6: individual creation writes sign-on emails ----

#[test]
fn individual_mode_writes_one_private_email_per_account() {
    let wrk = three_orgs();
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    let creds = credentials(&wrk, "out");
    assert_eq!(creds.len(), 6);
    let emls = wrk.files_under("out/outbox");
    let expected: Vec<String> = {
        let plan = wrk.json("out/plan.json");
        let mut v: Vec<String> =
            planned(&plan).into_iter().map(|(id, _, username, _)| format!("out/outbox/{id}/{username}.eml")).collect();
        v.sort();
        v
    };
    assert_eq!(emls, expected);
    #[cfg(unix)]
    for f in &emls {
        assert_eq!(mode(&wrk, f), 0o600, "mode of {f}");
    }
    let parsed = parse_emails(&wrk, &emls);
    assert_eq!(parsed.len(), emls.len());
    for msg in &parsed {
        let path = msg["path"].as_str().unwrap();
        let username = path.rsplit('/').next().unwrap().strip_suffix(".eml").unwrap();
        let cred = creds.iter().find(|c| c.username == username).unwrap();
        assert_eq!(msg["to"], serde_json::json!([cred.email]), "{path}");
        assert_eq!(msg["defects"], serde_json::json!([]), "{path}: {msg:#}");
        let body = msg["body"].as_str().unwrap_or_else(|| panic!("{path} has no text body"));
        assert!(body.contains(&cred.username), "{path}: no username in\n{body}");
        assert!(body.contains(&cred.password), "{path}: not the password of the credential file");
        assert!(body.contains(&cred.expires), "{path}: no expiry date in\n{body}");
        assert_eq!(cred.expires, "2025-08-30");
    }
}

#[test]
fn bulk_mode_writes_no_outbox() {
    let wrk = three_orgs();
    wrk.apply("out", &[]).assert_code(0);
    assert!(!wrk.exists("out/outbox"), "{:?}", wrk.listing());
    wrk.apply("out2", &["--creation", "bulk"]).assert_code(0);
    assert!(!wrk.exists("out2/outbox"), "{:?}", wrk.listing());
}

// ---- the folder lock ----

/// A child process holding an flock on `path` until dropped.
struct Holder(std::process::Child);

impl Holder {
    fn lock(path: &std::path::Path) -> Holder {
        let mut child = Command::new("python3")
            .arg("-c")
            .arg(
                "import fcntl,time,sys; f=open(sys.argv[1],'w'); fcntl.flock(f, fcntl.LOCK_EX); \
                 print('locked', flush=True); time.sleep(30)",
            )
            .arg(path)
            .stdout(Stdio::piped())
            .spawn()
            .expect("run python3");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert_eq!(line.trim(), "locked");
        Holder(child)
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_held_lock_refuses_apply_and_nothing_is_written() {
    let wrk = Workdir::baseline();
    std::fs::create_dir(wrk.path("out")).unwrap();
    let holder = Holder::lock(&wrk.path("out/.pmc-migrate.lock"));
    let before = wrk.listing();
    let run = wrk.apply("out", &[]);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(".pmc-migrate.lock"), "{run:?}");
    assert_eq!(wrk.listing(), before, "written while locked");
    assert!(wrk.read("out/.pmc-migrate.lock").is_empty());
    drop(holder);
    wrk.apply("out", &[]).assert_code(0);
}

#[test]
fn a_held_lock_leaves_an_earlier_run_untouched() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    let before = snapshot(&wrk, "out");
    let listing = wrk.listing();
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    let holder = Holder::lock(&wrk.path("out/.pmc-migrate.lock"));
    let run = wrk.apply("out", &["--creation", "individual"]);
    assert_ne!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(".pmc-migrate.lock"), "{run:?}");
    assert_eq!(wrk.listing(), listing);
    assert_eq!(snapshot(&wrk, "out"), before);
    drop(holder);
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    assert_eq!(actions_of(&wrk)["dan@contoso.com"], "create");
}

// ---- crash safety ----

/// `apply` with `PMC_MIGRATE_FAULT=fault`; asserts it died of SIGABRT.
fn faulted_apply(wrk: &Workdir, fault: &str, extra: &[&str]) {
    let output =
        wrk.command(out_args("apply", "out", extra)).env("PMC_MIGRATE_FAULT", fault).output().expect("run pmc-migrate");
    assert!(
        !output.status.success(),
        "{fault}: the faulted apply succeeded: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            output.status.signal(),
            Some(6),
            "{fault}: expected SIGABRT, got {:?}: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// Passwords in any file below `out` that looks like a credentials file,
/// wherever it is (in place or staged).
fn passwords_anywhere(wrk: &Workdir) -> BTreeSet<String> {
    let mut header = BOM.to_vec();
    header.extend_from_slice(CREDENTIALS_HEADER.join(",").as_bytes());
    wrk.files_under("out")
        .into_iter()
        .filter_map(|f| {
            let bytes = wrk.read(&f);
            bytes.starts_with(&header).then(|| parse_credentials(&f, &bytes))
        })
        .flatten()
        .map(|c| c.password)
        .collect()
}

/// After recovery: no leftovers, every planned person exactly once in the
/// credential files and the ledger; a further apply issues nothing.
fn assert_recovered(wrk: &Workdir, extra: &[&str]) {
    for f in wrk.listing() {
        assert!(!f.split('/').any(|part| part == ".staging"), "left over: {f}");
        let name = f.rsplit('/').next().unwrap();
        assert!(!(name.starts_with(".pmc-migrate-") && name.ends_with(".tmp")), "left over: {f}");
    }
    let plan = wrk.json("out/plan.json");
    let people = planned(&plan);
    assert_eq!(people.len(), 6, "{people:#?}");
    let creds = credentials(wrk, "out");
    assert_eq!(creds.len(), people.len(), "{creds:#?}");
    let ledger = ledger_records(wrk, "out");
    for (mpn_id, email, username, _) in &people {
        let rows: Vec<&Cred> = creds.iter().filter(|c| &c.username == username).collect();
        assert_eq!(rows.len(), 1, "{username} in the credential files: {creds:#?}");
        assert_eq!(&rows[0].email, email);
        assert!(rows[0].file.starts_with(&format!("out/credentials/{mpn_id}.")), "{rows:?}");
        assert_eq!(ledger_count(&ledger, username), 1, "{username} in the ledger: {ledger:#?}");
    }
    // Done: the next apply keeps everyone.
    let creds_bytes = credential_files(wrk, "out");
    let ledger_bytes = wrk.read("out/ledger.csv");
    wrk.apply("out", extra).assert_code(0);
    assert!(planned(&wrk.json("out/plan.json")).iter().all(|a| a.3 == "keep"));
    assert_eq!(credential_files(wrk, "out"), creds_bytes);
    assert!(wrk.read("out/ledger.csv") == ledger_bytes);
}

#[test]
fn crash_before_the_ledger_is_rolled_back() {
    let wrk = three_orgs();
    faulted_apply(&wrk, "before-ledger", &[]);
    assert!(!wrk.exists("out/ledger.csv"), "{:?}", wrk.listing());
    assert!(wrk.files_under("out/credentials").is_empty(), "{:?}", wrk.listing());
    let staged = passwords_anywhere(&wrk);

    wrk.apply("out", &[]).assert_code(0);
    assert_recovered(&wrk, &[]);
    // The interrupted run never happened: first-run file names, fresh passwords.
    assert_eq!(
        wrk.files_under("out/credentials"),
        ["out/credentials/1234567.csv", "out/credentials/2345678.csv", "out/credentials/3456789.csv"]
    );
    let now = passwords_anywhere(&wrk);
    assert!(staged.is_disjoint(&now), "a rolled-back password was handed out");
}

#[test]
fn crash_after_the_ledger_is_finished_with_the_recorded_credentials() {
    let wrk = three_orgs();
    faulted_apply(&wrk, "after-ledger", &[]);
    assert!(wrk.exists("out/ledger.csv"), "{:?}", wrk.listing());
    let ledger = wrk.read("out/ledger.csv");
    let staged = passwords_anywhere(&wrk);
    assert_eq!(staged.len(), 6, "the committed run's credentials must survive the crash");

    wrk.apply("out", &[]).assert_code(0);
    assert!(wrk.read("out/ledger.csv") == ledger, "the ledger changed on recovery");
    let now: BTreeSet<String> = credentials(&wrk, "out").into_iter().map(|c| c.password).collect();
    assert_eq!(now, staged, "the credentials in place are not the ones recorded");
    assert_recovered(&wrk, &[]);
}

#[test]
fn crash_mid_move_is_finished() {
    let wrk = three_orgs();
    faulted_apply(&wrk, "mid-move", &[]);
    let ledger = wrk.read("out/ledger.csv");
    let staged = passwords_anywhere(&wrk);
    assert_eq!(staged.len(), 6);

    wrk.apply("out", &[]).assert_code(0);
    assert!(wrk.read("out/ledger.csv") == ledger);
    let now: BTreeSet<String> = credentials(&wrk, "out").into_iter().map(|c| c.password).collect();
    assert_eq!(now, staged);
    assert_recovered(&wrk, &[]);
}

#[test]
fn crash_mid_move_in_individual_mode_finishes_the_outbox_too() {
    let wrk = three_orgs();
    let extra = ["--creation", "individual"];
    faulted_apply(&wrk, "mid-move", &extra);
    wrk.apply("out", &extra).assert_code(0);
    assert_recovered(&wrk, &extra);
    let creds = credentials(&wrk, "out");
    let emls = wrk.files_under("out/outbox");
    assert_eq!(emls.len(), creds.len(), "{emls:#?}");
    for c in &creds {
        let f = emls
            .iter()
            .find(|f| f.ends_with(&format!("/{}.eml", c.username)))
            .unwrap_or_else(|| panic!("no email for {}: {emls:#?}", c.username));
        let body = parse_emails(&wrk, std::slice::from_ref(f))[0]["body"].as_str().unwrap().to_string();
        assert!(body.contains(&c.password), "{f} does not hold the password of the credential file");
    }
}

#[test]
fn crash_on_a_later_run_keeps_the_earlier_credentials() {
    for fault in ["before-ledger", "after-ledger", "mid-move"] {
        let wrk = Workdir::baseline();
        wrk.apply("out", &[]).assert_code(0);
        let first = credential_files(&wrk, "out");
        wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN, EVE, FAY]));
        wrk.create("memberships.csv", memberships(&[CONTOSO, FABRIKAM, NORTHWIND]));
        faulted_apply(&wrk, fault, &[]);
        wrk.apply("out", &[]).assert_code(0);
        let now = credential_files(&wrk, "out");
        for (f, bytes) in &first {
            assert!(&now[f] == bytes, "{fault}: {f} was rewritten");
        }
        let files: Vec<&String> = now.keys().collect();
        assert_eq!(
            files,
            [
                "out/credentials/1234567.csv",
                "out/credentials/1234567.run2.csv",
                "out/credentials/2345678.csv",
                "out/credentials/3456789.csv"
            ],
            "{fault}"
        );
        assert_recovered(&wrk, &[]);
    }
}

// ---- more of SPEC §5 and §7 across runs ----

#[test]
fn reissue_in_individual_mode_writes_a_sign_on_email_with_the_new_password() {
    // R6 + R7: in individual mode the admin sends the sign-in details; a
    // reissued account needs an email with its new password, not the old one.
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    wrk.create("status.csv", status_csv(&["ben@contoso.onmicrosoft.com,no,,"]));
    let day_91 = add_days(AS_OF, 91);
    wrk.apply("out", &["--creation", "individual", "--as-of", &day_91, "--status", "status.csv"]).assert_code(0);
    assert_eq!(actions_of(&wrk)["ben@contoso.com"], "reissue");
    let new = parse_credentials("run2", &wrk.read("out/credentials/1234567.run2.csv"));
    assert_eq!(new.len(), 1);
    let emls = wrk.files_under("out/outbox/1234567");
    let parsed = parse_emails(&wrk, &emls);
    let to_ben: Vec<&Value> = parsed.iter().filter(|m| m["to"] == serde_json::json!(["ben@contoso.com"])).collect();
    assert!(
        to_ben.iter().any(|m| m["body"].as_str().unwrap_or("").contains(&new[0].password)),
        "no email in outbox/1234567 carries Ben's reissued password (expires {}); emails to Ben: {:?}",
        new[0].expires,
        to_ben.iter().map(|m| m["path"].as_str().unwrap()).collect::<Vec<_>>()
    );
}

#[test]
fn individual_mode_new_hire_gets_an_email_and_earlier_emails_stay() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    let before = snapshot(&wrk, "out/outbox");
    assert_eq!(before.len(), 3);
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    let after = snapshot(&wrk, "out/outbox");
    for (f, bytes) in &before {
        assert!(&after[f] == bytes, "{f} was rewritten");
    }
    let new: Vec<&String> = after.keys().filter(|f| !before.contains_key(*f)).collect();
    assert_eq!(new, ["out/outbox/1234567/dan@contoso.onmicrosoft.com.eml"]);
    let dan = parse_credentials("run2", &wrk.read("out/credentials/1234567.run2.csv"));
    let msg = &parse_emails(&wrk, &[new[0].clone()])[0];
    assert_eq!(msg["to"], serde_json::json!(["dan@contoso.com"]));
    assert!(msg["body"].as_str().unwrap().contains(&dan[0].password));
}

#[test]
fn a_username_in_the_ledger_keeps_its_owner() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    // Ben leaves; another Ben (a different address, same name) joins.
    wrk.create("employees.csv", employees(&[ANNA, CARLA, "1234567,Benjamin,Ng,ben@newco.example,employee,,,,"]));
    wrk.apply("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(account(&plan, "ben@newco.example")["username"], "ben2@contoso.onmicrosoft.com");
    assert_eq!(plan["left"][0]["username"], "ben@contoso.onmicrosoft.com");
    let ledger = ledger_records(&wrk, "out");
    assert_eq!(ledger_count(&ledger, "ben@contoso.onmicrosoft.com"), 1);
    assert_eq!(ledger_count(&ledger, "ben2@contoso.onmicrosoft.com"), 1);
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let collisions = with_rule(&findings, "username-collision");
    assert_eq!(collisions.len(), 1, "{findings:#?}");
    assert_eq!((collisions[0].file.as_str(), collisions[0].line), ("employees.csv", 4));
}

#[test]
fn existing_credential_files_are_never_overwritten_even_without_a_ledger() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = credential_files(&wrk, "out");
    std::fs::rename(wrk.path("out/ledger.csv"), wrk.path("ledger.backup.csv")).unwrap();
    // Refusing or writing another file are both fine, as long as nothing is overwritten.
    let run = wrk.apply("out", &[]);
    let after = credential_files(&wrk, "out");
    for (f, bytes) in &before {
        assert!(after.get(f) == Some(bytes), "{f} was overwritten or removed: {run:?}");
    }
}

#[test]
fn a_dry_run_after_an_apply_plans_against_the_ledger_and_changes_nothing() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--creation", "individual"]).assert_code(0);
    let before = snapshot(&wrk, "out/credentials");
    let outbox = snapshot(&wrk, "out/outbox");
    let ledger = wrk.read("out/ledger.csv");
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.apply("out", &["--dry-run", "--creation", "individual"]).assert_code(0);
    let actions = actions_of(&wrk);
    assert_eq!(actions["dan@contoso.com"], "create");
    assert_eq!(actions["anna@contoso.com"], "keep");
    assert_eq!(snapshot(&wrk, "out/credentials"), before);
    assert_eq!(snapshot(&wrk, "out/outbox"), outbox);
    assert!(wrk.read("out/ledger.csv") == ledger);
    // plan says the same.
    let dry = wrk.read("out/plan.json");
    wrk.plan("out", &["--creation", "individual"]).assert_code(0);
    assert!(wrk.read("out/plan.json") == dry, "plan and apply --dry-run differ after an apply");
}

#[test]
fn people_of_an_organisation_left_out_by_errors_have_not_left_the_export() {
    // "left" is for people gone from the export (SPEC §7). Contoso is still in
    // the export with both people; it is only left out (no admin) on this run.
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.create(
        "employees.csv",
        employees(&["1234567,Anna,Lee,anna@contoso.com,employee,CTO,PU-1,AZ-900;70-533,MCSE", BEN, CARLA]),
    );
    wrk.apply("out", &["--skip-invalid"]).assert_code(1);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["blocked_organizations"][0]["mpn_id"], "1234567");
    let left: Vec<&str> = plan["left"].as_array().unwrap().iter().map(|l| l["email"].as_str().unwrap()).collect();
    assert!(left.is_empty(), "people still in the export are reported as left: {left:?}");
}
