//! Review and hand-off: `apply --plan` carries out exactly the reviewed plan
//! (and refuses a stale one, writing nothing), `plan --detailed-exitcode` for
//! drift checks, `apply --entra-csv` for Microsoft Entra's "Bulk create users"
//! upload, and GitHub output capped to what GitHub shows (annotations, step
//! summary), with the step summary and JUnit bounded for a million findings.

use crate::common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

const DAN: &str = "1234567,Dan,Fox,dan@contoso.com,employee,Tester,,,";
const LOCK_FILE: &str = ".pmc-migrate.lock";
const ENTRA_VERSION: &str = "version:v1.0";
const ENTRA_HEADER: &str = "Name [displayName] Required,User name [userPrincipalName] Required,Initial password [passwordProfile] Required,Block sign in (Yes/No) [accountEnabled] Required,First name [givenName],Last name [surname],Job title [jobTitle],Department [department],Usage location [usageLocation],Street address [streetAddress],State or province [state],Country or region [country],Office [physicalDeliveryOfficeName],City [city],ZIP or postal code [postalCode],Office phone [telephoneNumber],Mobile phone [mobile]";

// ---- helpers ----

/// `apply --plan PLAN --out OUT --quiet` plus `extra`: no input or option flags.
fn apply_plan(wrk: &Workdir, plan: &str, out: &str, extra: &[&str]) -> Run {
    let mut args = vec!["apply", "--plan", plan, "--out", out, "--quiet"];
    args.extend_from_slice(extra);
    wrk.run(args)
}

/// Every file below `dir` (name → bytes), the folder lock excluded.
fn snapshot(wrk: &Workdir, dir: &str) -> BTreeMap<String, Vec<u8>> {
    wrk.files_under(dir)
        .into_iter()
        .filter(|f| !f.ends_with(LOCK_FILE))
        .map(|f| {
            let bytes = wrk.read(&f);
            (f, bytes)
        })
        .collect()
}

/// `after` holds exactly the files of `before`, byte for byte.
fn assert_unchanged(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>, what: &str) {
    let (b, a): (Vec<_>, Vec<_>) = (before.keys().collect(), after.keys().collect());
    assert_eq!(a, b, "{what}: the set of files in the output folder changed");
    for (name, bytes) in before {
        assert!(after[name] == *bytes, "{what}: {name} was rewritten");
    }
}

/// A refusal of a stale plan: exit 1, "stale plan" on stderr naming `mention`.
fn assert_stale(run: &Run, mention: &str) {
    run.assert_code(1);
    assert!(run.stderr.contains("stale plan"), "no \"stale plan\" on stderr: {run:?}");
    assert!(run.stderr.contains(mention), "stderr does not mention {mention:?}: {run:?}");
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
}

/// The `.csv` credential files (not the Entra ones) of `out`, name → rows.
fn credentials(wrk: &Workdir, out: &str) -> BTreeMap<String, Vec<Cred>> {
    wrk.files_under(&format!("{out}/credentials"))
        .into_iter()
        .filter(|f| !f.ends_with(".entra.csv"))
        .map(|f| {
            let rows = parse_credentials(&f, &wrk.read(&f));
            (f, rows)
        })
        .collect()
}

/// ledger.csv as records keyed by its header.
fn ledger(wrk: &Workdir, out: &str) -> Vec<BTreeMap<String, String>> {
    let bytes = wrk.read(&format!("{out}/ledger.csv"));
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().expect("ledger header").iter().map(String::from).collect();
    reader
        .records()
        .map(|r| header.iter().cloned().zip(r.expect("ledger record").iter().map(String::from)).collect())
        .collect()
}

fn s(v: &Value) -> String {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}")).to_string()
}

/// (mpn_id, username) of the plan's accounts with `action`.
fn accounts_with(plan: &Value, action: &str) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for o in plan["organizations"].as_array().expect("organizations") {
        for a in o["accounts"].as_array().expect("accounts") {
            if a["action"] == action {
                out.insert((s(&o["mpn_id"]), s(&a["username"])));
            }
        }
    }
    out
}

/// username → password_expires of every planned account.
fn expiries(plan: &Value) -> BTreeMap<String, String> {
    plan["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .flat_map(|o| o["accounts"].as_array().expect("accounts"))
        .map(|a| (s(&a["username"]), s(&a["password_expires"])))
        .collect()
}

/// The lines of `bytes`, each with its terminator (`"\r\n"`, `"\n"`, or `""` at the end).
fn lines_with_terminators(bytes: &[u8]) -> Vec<(&[u8], &'static str)> {
    let mut out = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        match rest.iter().position(|&b| b == b'\n') {
            Some(n) if n > 0 && rest[n - 1] == b'\r' => {
                out.push((&rest[..n - 1], "\r\n"));
                rest = &rest[n + 1..];
            }
            Some(n) => {
                out.push((&rest[..n], "\n"));
                rest = &rest[n + 1..];
            }
            None => {
                out.push((rest, ""));
                rest = &[];
            }
        }
    }
    out
}

#[cfg(unix)]
fn mode(wrk: &Workdir, name: &str) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(wrk.path(name)).unwrap().permissions().mode() & 0o777
}

fn status_csv(rows: &[&str]) -> String {
    csv("username,signed_in,pu_connected,associated_at", rows)
}

// ---- stale plans are refused, and nothing is written ----

/// Plan the baseline into `out`; the out folder's files then.
fn planned_baseline() -> (Workdir, BTreeMap<String, Vec<u8>>) {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let before = snapshot(&wrk, "out");
    assert!(before.contains_key("out/plan.json") && before.contains_key("out/index.html"), "{before:?}");
    (wrk, before)
}

/// Nothing of an apply in `out`: no credentials, outbox, ledger or staging.
fn assert_nothing_issued(wrk: &Workdir) {
    assert!(wrk.files_under("out/credentials").is_empty(), "{:?}", wrk.listing());
    assert!(wrk.files_under("out/outbox").is_empty(), "{:?}", wrk.listing());
    assert!(!wrk.exists("out/ledger.csv"), "{:?}", wrk.listing());
    assert!(!wrk.exists("out/.staging"), "{:?}", wrk.listing());
}

#[test]
fn stale_plan_refused_when_memberships_changed() {
    let (wrk, before) = planned_baseline();
    // Still a valid export, one date changed.
    let changed = FABRIKAM.replace("2025-09-30", "2025-10-31");
    wrk.create("memberships.csv", memberships(&[CONTOSO, &changed]));
    let run = apply_plan(&wrk, "out/plan.json", "out", &[]);
    assert_stale(&run, "memberships.csv");
    assert_nothing_issued(&wrk);
    assert_unchanged(&before, &snapshot(&wrk, "out"), "memberships.csv changed");
}

#[test]
fn stale_plan_refused_when_employees_changed() {
    let (wrk, before) = planned_baseline();
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    let run = apply_plan(&wrk, "out/plan.json", "out", &[]);
    assert_stale(&run, "employees.csv");
    assert_nothing_issued(&wrk);
    assert_unchanged(&before, &snapshot(&wrk, "out"), "employees.csv changed");
}

#[test]
fn stale_plan_refused_when_an_input_changed_only_in_its_line_ends() {
    let (wrk, before) = planned_baseline();
    let crlf = employees(&[ANNA, BEN, CARLA]).replace('\n', "\r\n");
    wrk.create("employees.csv", crlf);
    let run = apply_plan(&wrk, "out/plan.json", "out", &[]);
    assert_stale(&run, "employees.csv");
    assert_nothing_issued(&wrk);
    assert_unchanged(&before, &snapshot(&wrk, "out"), "employees.csv with CRLF");
}

#[test]
fn stale_plan_refused_when_an_apply_wrote_the_ledger_after_the_plan() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    std::fs::copy(wrk.path("out/plan.json"), wrk.path("reviewed.json")).expect("copy the plan away");
    // Someone applies the same inputs normally in between.
    wrk.apply("out", &[]).assert_code(0);
    assert!(wrk.exists("out/ledger.csv"));
    let before = snapshot(&wrk, "out");
    assert_eq!(credentials(&wrk, "out").len(), 2);

    let run = apply_plan(&wrk, "reviewed.json", "out", &[]);
    assert_stale(&run, "ledger");
    assert_unchanged(&before, &snapshot(&wrk, "out"), "ledger written after the plan");
    assert!(!wrk.exists("out/.staging"));
}

#[test]
fn stale_plan_refused_when_the_ledger_the_plan_saw_was_replaced() {
    // The plan pins an existing ledger; another apply (a new hire) changes it.
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.plan("out", &[]).assert_code(0);
    let reviewed = wrk.json("out/plan.json");
    assert!(reviewed["ledger_sha256"].is_string(), "the plan pins the ledger: {reviewed:#}");
    std::fs::copy(wrk.path("out/plan.json"), wrk.path("reviewed.json")).expect("copy the plan away");
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.apply("out", &[]).assert_code(0);
    // The inputs go back to what the plan saw: only the ledger differs now.
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA]));
    let before = snapshot(&wrk, "out");

    let run = apply_plan(&wrk, "reviewed.json", "out", &[]);
    assert_stale(&run, "ledger");
    assert_unchanged(&before, &snapshot(&wrk, "out"), "ledger replaced after the plan");
}

#[test]
fn stale_plan_refused_when_the_plan_was_edited_by_hand() {
    let edits: [(&str, &str, &str); 6] = [
        ("an action", r#""action":"create"}"#, r#""action":"keep"}"#),
        (
            "a username",
            r#""username":"ben@contoso.onmicrosoft.com""#,
            r#""username":"benjamin@contoso.onmicrosoft.com""#,
        ),
        ("a new membership's end", r#""pc_end": "2026-08-31""#, r#""pc_end": "2027-08-31""#),
        ("the cutover date", r#""as_of": "2025-06-01""#, r#""as_of": "2025-06-02""#),
        ("an input's SHA-256", r#""sha256": ""#, r#""sha256": "0"#),
        (
            "the creation mode",
            r#""creation": "bulk",
  "options""#,
            r#""creation": "individual",
  "options""#,
        ),
    ];
    for (what, from, to) in edits {
        let (wrk, _) = planned_baseline();
        let text = wrk.read_string("out/plan.json");
        assert!(text.contains(from), "{what}: {from} not in the plan: {text}");
        wrk.create("out/plan.json", text.replacen(from, to, 1));
        let before = snapshot(&wrk, "out");
        let run = apply_plan(&wrk, "out/plan.json", "out", &[]);
        assert_stale(&run, "");
        assert_nothing_issued(&wrk);
        assert_unchanged(&before, &snapshot(&wrk, "out"), what);
    }

    // Removing one account's line (JSON kept valid) is refused too.
    let (wrk, _) = planned_baseline();
    let text = wrk.read_string("out/plan.json");
    let ben = text.lines().find(|l| l.contains(r#""email":"ben@contoso.com""#)).expect("Ben's line").to_string();
    let edited = text.replace(&format!(",\n{ben}"), "");
    assert!(serde_json::from_str::<Value>(&edited).is_ok(), "still JSON: {edited}");
    assert_ne!(edited, text);
    wrk.create("out/plan.json", &edited);
    let before = snapshot(&wrk, "out");
    assert_stale(&apply_plan(&wrk, "out/plan.json", "out", &[]), "");
    assert_nothing_issued(&wrk);
    assert_unchanged(&before, &snapshot(&wrk, "out"), "an account removed");

    // A plan cut short is no plan: a wrong argument (exit 2), not a refusal.
    let (wrk, _) = planned_baseline();
    let text = wrk.read_string("out/plan.json");
    wrk.create("out/plan.json", &text[..text.len() / 2]);
    let before = snapshot(&wrk, "out");
    let run = apply_plan(&wrk, "out/plan.json", "out", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains("out/plan.json is not a plan.json written by `pmc-migrate plan`"), "{run:?}");
    assert_nothing_issued(&wrk);
    assert_unchanged(&before, &snapshot(&wrk, "out"), "a truncated plan");
}

// ---- apply --plan carries out exactly the reviewed plan ----

#[test]
fn apply_plan_issues_exactly_the_plan_with_its_recorded_options() {
    let wrk = Workdir::baseline();
    let as_of = "2025-07-15";
    wrk.plan("out", &["--creation", "individual", "--as-of", as_of]).assert_code(0);
    let reviewed = wrk.json("out/plan.json");
    assert_eq!(reviewed["creation"], "individual");
    assert_eq!(reviewed["as_of"], as_of);
    let creates = accounts_with(&reviewed, "create");
    assert_eq!(creates.len(), 3, "{reviewed:#}");
    // Rewriting an input with the same bytes is no change: pins are by content.
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA]));

    // No --creation, no --as-of, no inputs: all from the plan.
    let run = apply_plan(&wrk, "out/plan.json", "out", &[]);
    run.assert_code(0);

    let creds = credentials(&wrk, "out");
    let mut issued = BTreeSet::new();
    for (file, rows) in &creds {
        let mpn_id = file.strip_prefix("out/credentials/").and_then(|f| f.strip_suffix(".csv")).expect("name");
        for c in rows {
            assert!(issued.insert((mpn_id.to_string(), c.username.clone())), "{} issued twice", c.username);
            assert_eq!(c.expires, expiries(&reviewed)[&c.username], "{c:?}");
            assert_eq!(c.expires, add_days(as_of, 90), "{c:?}");
        }
    }
    assert_eq!(issued, creates, "credential files vs the plan's creates");

    // The ledger: the plan's enrolment dates, the plan's accounts, issued on its as-of.
    let records = ledger(&wrk, "out");
    let orgs = reviewed["organizations"].as_array().unwrap();
    let enrolments: Vec<_> = records.iter().filter(|r| r["kind"] == "enrolment").collect();
    assert_eq!(enrolments.len(), orgs.len(), "{records:#?}");
    for o in orgs {
        let e = enrolments.iter().find(|r| r["mpn_id"] == s(&o["mpn_id"])).expect("an enrolment per organisation");
        assert_eq!(e["pc_start"], s(&o["pc_start"]), "{e:?}");
        assert_eq!(e["pc_end"], s(&o["pc_end"]), "{e:?}");
        assert_eq!(e["pc_start"], as_of);
    }
    let ledger_accounts: BTreeSet<(String, String)> = records
        .iter()
        .filter(|r| r["kind"] == "account")
        .map(|r| {
            assert_eq!(r["issued"], as_of, "{r:?}");
            (r["mpn_id"].clone(), r["username"].clone())
        })
        .collect();
    assert_eq!(ledger_accounts, creates);

    // --creation individual: a sign-on email per account.
    let expected_outbox: Vec<String> =
        creates.iter().map(|(mpn_id, username)| format!("out/outbox/{mpn_id}/{username}.eml")).collect();
    assert_eq!(wrk.files_under("out/outbox"), expected_outbox, "{:?}", wrk.listing());

    // The report of the apply is of the same plan.
    let after = wrk.json("out/plan.json");
    assert_eq!(after["organizations"], reviewed["organizations"]);
    assert_eq!(after["as_of"], as_of);
}

#[test]
fn apply_plan_after_earlier_runs_issues_only_the_plans_creates() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let first = snapshot(&wrk, "out/credentials");
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.plan("out", &[]).assert_code(0);
    let reviewed = wrk.json("out/plan.json");
    let creates = accounts_with(&reviewed, "create");
    assert_eq!(creates, BTreeSet::from([("1234567".to_string(), "dan@contoso.onmicrosoft.com".to_string())]));
    assert_eq!(accounts_with(&reviewed, "keep").len(), 3);

    apply_plan(&wrk, "out/plan.json", "out", &[]).assert_code(0);
    let creds = credentials(&wrk, "out");
    for (f, bytes) in &first {
        assert!(wrk.read(f) == *bytes, "{f} was rewritten");
    }
    let new: Vec<&String> = creds.keys().filter(|f| !first.contains_key(*f)).collect();
    assert_eq!(new, ["out/credentials/1234567.run2.csv"], "{creds:#?}");
    let rows = &creds["out/credentials/1234567.run2.csv"];
    let got: BTreeSet<(String, String)> = rows.iter().map(|c| ("1234567".to_string(), c.username.clone())).collect();
    assert_eq!(got, creates);
    assert_eq!(rows[0].email, "dan@contoso.com");
    assert_eq!(rows[0].expires, add_days(AS_OF, 90));
    assert!(!wrk.exists("out/outbox"), "bulk mode writes no emails");
}

// ---- plan --detailed-exitcode ----

#[test]
fn detailed_exitcode_is_2_with_accounts_to_create_and_0_when_nothing_is_left_to_do() {
    let wrk = Workdir::baseline();
    wrk.plan("fresh", &[]).assert_code(0);
    wrk.plan("fresh", &["--detailed-exitcode"]).assert_code(2);

    wrk.apply("out", &[]).assert_code(0);
    wrk.plan("out", &["--detailed-exitcode"]).assert_code(0);
    assert!(accounts_with(&wrk.json("out/plan.json"), "create").is_empty());

    // A new hire is something to do again.
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.plan("out", &["--detailed-exitcode"]).assert_code(2);
    wrk.apply("out", &[]).assert_code(0);
    wrk.plan("out", &["--detailed-exitcode"]).assert_code(0);
}

#[test]
fn detailed_exitcode_is_0_with_warnings_and_nothing_to_do() {
    let platinum = CONTOSO.replace("Gold", "Platinum");
    let wrk = Workdir::with_inputs(memberships(&[&platinum, FABRIKAM]), employees(&[ANNA, BEN, CARLA]));
    wrk.plan("out", &["--detailed-exitcode"]).assert_code(2);
    wrk.apply("out", &[]).assert_code(0);
    let run = wrk.plan("out", &["--detailed-exitcode"]);
    run.assert_code(0);
    assert_eq!(wrk.json("out/plan.json")["summary"]["warnings"], 1);
}

#[test]
fn detailed_exitcode_is_2_with_an_account_to_reissue_and_apply_plan_reissues_it() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let day_91 = add_days(AS_OF, 91);
    wrk.create(
        "status.csv",
        status_csv(&[
            "ben@contoso.onmicrosoft.com,no,,",
            "anna@contoso.onmicrosoft.com,yes,yes,2025-06-10 09:30",
            "carla@fabrikam.onmicrosoft.com,yes,,",
        ]),
    );
    let run = wrk.plan("out", &["--as-of", &day_91, "--status", "status.csv", "--detailed-exitcode"]);
    run.assert_code(2);
    let reviewed = wrk.json("out/plan.json");
    assert!(accounts_with(&reviewed, "create").is_empty(), "{reviewed:#}");
    let reissues = accounts_with(&reviewed, "reissue");
    assert_eq!(reissues, BTreeSet::from([("1234567".to_string(), "ben@contoso.onmicrosoft.com".to_string())]));

    // --status and --as-of come from the plan.
    apply_plan(&wrk, "out/plan.json", "out", &[]).assert_code(0);
    let creds = credentials(&wrk, "out");
    let rows = creds.get("out/credentials/1234567.run2.csv").unwrap_or_else(|| panic!("{creds:#?}"));
    assert_eq!(rows.len(), 1, "{rows:#?}");
    assert_eq!(rows[0].username, "ben@contoso.onmicrosoft.com");
    assert_eq!(rows[0].expires, add_days(&day_91, 90));

    // Reissued: nothing left to do.
    wrk.plan("out", &["--as-of", &day_91, "--status", "status.csv", "--detailed-exitcode"]).assert_code(0);
}

#[test]
fn detailed_exitcode_is_1_with_errors() {
    let bad_ben = BEN.replace("ben@contoso.com", "ben.contoso.com");
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, &bad_ben, CARLA]));
    // Errors, with other accounts to create: 1, not 2.
    wrk.plan("fresh", &["--detailed-exitcode"]).assert_code(1);
    wrk.plan("fresh", &[]).assert_code(1);

    // Errors against a ledger with nothing else to do: 1, not 0.
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, "1234567,Dan,Fox,not-an-email,employee,,,,"]));
    wrk.plan("out", &["--detailed-exitcode"]).assert_code(1);
}

// ---- apply --entra-csv ----

/// The Entra file's rows (after its two fixed lines), checking those lines and CRLF.
fn entra_rows(file: &str, bytes: &[u8]) -> Vec<Vec<String>> {
    let lines = lines_with_terminators(bytes);
    assert!(lines.len() >= 2, "{file}: {:?}", String::from_utf8_lossy(bytes));
    assert_eq!(String::from_utf8_lossy(lines[0].0), ENTRA_VERSION, "{file} line 1");
    assert_eq!(String::from_utf8_lossy(lines[1].0), ENTRA_HEADER, "{file} line 2");
    for (n, (line, terminator)) in lines.iter().enumerate() {
        assert_eq!(*terminator, "\r\n", "{file} line {}: {:?}", n + 1, String::from_utf8_lossy(line));
    }
    let skip = lines[0].0.len() + lines[1].0.len() + 4;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[skip..]);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(r.len(), 17, "{file}: {r:?}");
            r.iter().map(String::from).collect()
        })
        .collect()
}

/// Check `entra` against the credentials file `creds` of the same run.
fn assert_entra_matches(file: &str, rows: &[Vec<String>], creds: &[Cred], country: &str) {
    assert_eq!(rows.len(), creds.len(), "{file}: one row per issued account, no example row: {rows:#?}");
    for c in creds {
        let row = rows.iter().find(|r| r[1] == c.username).unwrap_or_else(|| panic!("{file}: no row for {c:?}"));
        assert_eq!(row[1].trim(), row[1], "{file}: whitespace around the user name");
        assert_eq!(row[0], c.display_name, "{file}: displayName");
        assert_eq!(row[2], c.password, "{file}: not the password of {}", c.username);
        assert_eq!(row[3], "No", "{file}: Block sign in");
        assert_eq!(row[8], country, "{file}: usage location");
    }
}

#[test]
fn entra_csv_is_the_bulk_create_template_with_the_same_passwords() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--entra-csv"]).assert_code(0);
    assert_eq!(
        wrk.files_under("out/credentials"),
        [
            "out/credentials/1234567.csv",
            "out/credentials/1234567.entra.csv",
            "out/credentials/2345678.csv",
            "out/credentials/2345678.entra.csv"
        ]
    );
    let creds = credentials(&wrk, "out");
    for (mpn_id, country) in [("1234567", "US"), ("2345678", "DE")] {
        let file = format!("out/credentials/{mpn_id}.entra.csv");
        #[cfg(unix)]
        assert_eq!(mode(&wrk, &file), 0o600, "mode of {file}");
        let bytes = wrk.read(&file);
        assert!(!bytes.starts_with(BOM), "{file} starts with a BOM: line 1 would not be exactly {ENTRA_VERSION}");
        let rows = entra_rows(&file, &bytes);
        assert_entra_matches(&file, &rows, &creds[&format!("out/credentials/{mpn_id}.csv")], country);
    }
    let contoso = entra_rows("contoso", &wrk.read("out/credentials/1234567.entra.csv"));
    let anna = contoso.iter().find(|r| r[1] == "anna@contoso.onmicrosoft.com").expect("Anna");
    assert_eq!(
        anna[..9],
        ["Anna Lee", "anna@contoso.onmicrosoft.com", anna[2].as_str(), "No", "Anna", "Lee", "CTO", "", "US"]
    );
    assert!(anna[9..].iter().all(String::is_empty), "{anna:?}");
}

#[test]
fn a_second_apply_writes_a_new_entra_file_and_never_overwrites_the_first() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &["--entra-csv"]).assert_code(0);
    let first = snapshot(&wrk, "out/credentials");
    assert_eq!(first.len(), 4);

    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.apply("out", &["--entra-csv"]).assert_code(0);
    let after = snapshot(&wrk, "out/credentials");
    for (f, bytes) in &first {
        assert!(after.get(f) == Some(bytes), "{f} was rewritten or removed");
    }
    let new: Vec<&String> = after.keys().filter(|f| !first.contains_key(*f)).collect();
    assert_eq!(new, ["out/credentials/1234567.run2.csv", "out/credentials/1234567.run2.entra.csv"]);
    #[cfg(unix)]
    assert_eq!(mode(&wrk, "out/credentials/1234567.run2.entra.csv"), 0o600);
    let creds = parse_credentials("run2", &after["out/credentials/1234567.run2.csv"]);
    assert_eq!(creds.len(), 1);
    assert_eq!(creds[0].username, "dan@contoso.onmicrosoft.com");
    let rows = entra_rows("run2.entra", &after["out/credentials/1234567.run2.entra.csv"]);
    assert_entra_matches("run2.entra", &rows, &creds, "US");
    assert_eq!(rows[0][6], "Tester");
}

// ---- GitHub output: capped annotations and a step summary ----

/// Many errors and warnings in both files, no info: 30 organisations, each
/// with an admin and a person whose email is broken (invalid-email errors);
/// every other admin has a bad exam code (invalid-exam-code warnings), every
/// third organisation an unknown level (warnings in memberships.csv), and the
/// last two an impossible end date (invalid-date errors in memberships.csv).
fn noisy() -> Workdir {
    let mut m = Vec::new();
    let mut e = Vec::new();
    for i in 0..30u32 {
        let id = 1_000_000 + i;
        let level = if i % 3 == 0 { "Platinum" } else { "Gold" };
        let end = if i >= 28 { "2025-02-30" } else { "2025-09-30" };
        m.push(format!("{id},Org {i},{level},2024-10-01,{end},no,org{i}.onmicrosoft.com,US"));
        let exams = if i % 2 == 0 { "AZ900" } else { "" };
        e.push(format!("{id},Admin,{i},admin{i}@org{i}.com,admin,,,{exams},"));
        e.push(format!("{id},Bad,{i},bad{i}.org{i}.com,employee,,,,"));
    }
    let m: Vec<&str> = m.iter().map(String::as_str).collect();
    let e: Vec<&str> = e.iter().map(String::as_str).collect();
    Workdir::with_inputs(memberships(&m), employees(&e))
}

fn validate_args(format: &str) -> Vec<String> {
    ["validate", "--memberships", "memberships.csv", "--employees", "employees.csv", "--as-of", AS_OF, "--quiet"]
        .iter()
        .map(|s| s.to_string())
        .chain(["--format".to_string(), format.to_string()])
        .collect()
}

/// (file, line) of a workflow command.
fn file_and_line(command: &str) -> (String, u64) {
    let props = &command[..command[2..].find("::").expect("message separator") + 2];
    let prop = |name: &str| {
        props
            .split([' ', ','])
            .find_map(|p| p.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {command}"))
            .to_string()
    };
    (prop("file="), prop("line=").parse().expect("line number"))
}

#[test]
fn github_annotations_are_capped_at_10_of_each_kind_with_one_notice_counting_the_rest() {
    let wrk = noisy();
    let output = wrk.command(validate_args("json")).env_remove("GITHUB_STEP_SUMMARY").output().unwrap();
    let findings: Vec<Finding> = json_findings(&output.stdout);
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.severity == "error").collect();
    let warnings: Vec<&Finding> = findings.iter().filter(|f| f.severity == "warning").collect();
    assert!(errors.len() > 10 && warnings.len() > 10, "{findings:#?}");
    assert_eq!(errors.len() + warnings.len(), findings.len(), "no info in this input: {findings:#?}");
    assert!(errors.iter().any(|f| f.file == "memberships.csv"), "errors in both files");
    assert!(warnings.iter().any(|f| f.file == "employees.csv"), "warnings in both files");

    let summary = wrk.path("summary.md");
    let output = wrk.command(validate_args("github")).env("GITHUB_STEP_SUMMARY", &summary).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 21, "{stdout}");
    for (n, line) in lines[..10].iter().enumerate() {
        assert!(line.starts_with("::error "), "line {}: {line}", n + 1);
        assert_eq!(file_and_line(line), (errors[n].file.clone(), errors[n].line), "{line}");
        assert!(line.contains(&format!("title={}::", errors[n].rule)), "{line}");
    }
    for (n, line) in lines[10..20].iter().enumerate() {
        assert!(line.starts_with("::warning "), "line {}: {line}", n + 11);
        assert_eq!(file_and_line(line), (warnings[n].file.clone(), warnings[n].line), "{line}");
        assert!(line.contains(&format!("title={}::", warnings[n].rule)), "{line}");
    }
    let notice = lines[20];
    assert!(notice.starts_with("::notice "), "{notice}");
    assert!(notice.contains(&format!("::{} more findings", findings.len() - 20)), "{notice}");
    assert_eq!(stdout.matches("::notice").count(), 1, "{stdout}");
}

/// The rows of the Markdown table whose header line starts with `header`.
fn table_rows<'a>(md: &'a str, header: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = md.lines().collect();
    let start = lines.iter().position(|l| l.starts_with(header)).unwrap_or_else(|| panic!("no {header} in {md}"));
    assert!(lines[start + 1].starts_with("|---"), "{md}");
    lines[start + 2..].iter().take_while(|l| l.starts_with('|')).copied().collect()
}

/// Column separators of a Markdown table row (escaped pipes are cell text).
fn separators(row: &str) -> usize {
    let bytes = row.as_bytes();
    (0..bytes.len()).filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\')).count()
}

#[test]
fn github_step_summary_is_appended_with_totals_rules_and_at_most_50_findings() {
    let wrk = noisy();
    let output = wrk.command(validate_args("json")).env_remove("GITHUB_STEP_SUMMARY").output().unwrap();
    let findings: Vec<Finding> = json_findings(&output.stdout);
    assert!(findings.len() > 50, "{}", findings.len());
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let warnings = findings.len() - errors;

    let earlier = "## an earlier step\n\nits summary\n";
    wrk.create("summary.md", earlier);
    let summary = wrk.path("summary.md");
    let run = || {
        let output = wrk.command(validate_args("github")).env("GITHUB_STEP_SUMMARY", &summary).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    };
    run();
    let text = wrk.read_string("summary.md");
    let md = text.strip_prefix(earlier).unwrap_or_else(|| panic!("the earlier summary was not kept: {text}"));
    assert!(md.len() < 1024 * 1024, "{} bytes", md.len());
    assert!(md.contains(&format!("**{errors} errors, {warnings} warnings, 0 info**")), "{md}");

    let mut by_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in &findings {
        *by_rule.entry((f.rule.as_str(), f.severity.as_str())).or_default() += 1;
    }
    let rules = table_rows(md, "| rule | severity | findings |");
    assert_eq!(rules.len(), by_rule.len(), "{md}");
    for ((rule, severity), n) in &by_rule {
        assert!(rules.contains(&format!("| `{rule}` | {severity} | {n} |").as_str()), "{rule}: {md}");
    }

    let rows = table_rows(md, "| file | line | col | severity | rule | message |");
    assert_eq!(rows.len(), 50, "{md}");
    let ordered: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == "error")
        .chain(findings.iter().filter(|f| f.severity != "error"))
        .collect();
    for (row, f) in rows.iter().zip(&ordered) {
        assert_eq!(separators(row), 7, "{row}");
        assert!(
            row.starts_with(&format!("| {} | {} | {} | {} | `{}` |", f.file, f.line, f.column, f.severity, f.rule))
        );
    }
    assert!(md.contains(&format!("{} more findings", findings.len() - 50)), "{md}");

    // A second step appends again; nothing is replaced.
    run();
    assert_eq!(wrk.read_string("summary.md"), format!("{earlier}{md}{md}"));
}

// ---- a million findings, in-process: the step summary and JUnit stay bounded ----

/// A `Checked` with `n` findings across both files and several rules of each
/// severity, messages long and full of markup; nothing planned.
fn checked_with_findings(n: usize) -> pmc_migrate::Checked {
    use pmc_migrate::{Finding, Rule};
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    let rules = [
        Rule::InvalidEmail,
        Rule::MissingValue,
        Rule::InvalidDate,
        Rule::InvalidExamCode,
        Rule::UnknownMembershipLevel,
        Rule::ConflictingDuplicate,
        Rule::ExactDuplicate,
    ];
    let filler = "<b>&\"quoted\" 'value'</b> | with a pipe\nand a line break, é 漢字 ".repeat(6);
    let findings: Vec<Finding> = (0..n)
        .map(|i| {
            let (file, line) = if i < n * 3 / 5 {
                ("employees.csv", i as u64 + 2)
            } else {
                ("memberships.csv", (i - n * 3 / 5) as u64 + 2)
            };
            let rule = rules[i % rules.len()];
            Finding::new(file, line, (i % 9) as u32 + 1, rule, format!("row {i}: value {filler}{}", "x".repeat(i % 97)))
        })
        .collect();
    let counts = pmc_migrate::count_findings(&findings);
    let input = |path: &str, rows: u64| pmc_migrate::InputFacts {
        path: path.to_string(),
        source: path.to_string(),
        sha256: "0".repeat(64),
        rows,
        ignored_columns: Vec::new(),
        delimiter: b',',
        encoding: "UTF-8",
    };
    pmc_migrate::Checked {
        inputs: vec![input("memberships.csv", (n - n * 3 / 5) as u64), input("employees.csv", (n * 3 / 5) as u64)],
        plan: pmc_migrate::Plan {
            as_of,
            creation: pmc_migrate::Creation::Bulk,
            lang: pmc_migrate::Lang::En,
            organizations: vec![],
            left: vec![],
        },
        blocked: vec![],
        findings,
        counts,
        options: pmc_migrate::Options::new("memberships.csv".into(), "employees.csv".into(), as_of),
        ledger_sha256: None,
    }
}

/// Parse JUnit XML with Python's minidom: the root's `failures` and, per
/// testcase, its suite, classname, name, `<failure>` elements (with the last
/// one's message) and `<system-out>` text.
fn parse_junit_with_python(xml: &[u8]) -> Value {
    const SCRIPT: &str = r#"
import json, sys, xml.dom.minidom
doc = xml.dom.minidom.parse(sys.argv[1])
root = doc.documentElement
cases = []
for suite in root.getElementsByTagName("testsuite"):
    for case in suite.getElementsByTagName("testcase"):
        failures = case.getElementsByTagName("failure")
        outs = case.getElementsByTagName("system-out")
        cases.append({
            "suite": suite.getAttribute("name"),
            "classname": case.getAttribute("classname"),
            "name": case.getAttribute("name"),
            "failures": len(failures),
            "last_failure": failures[-1].getAttribute("message") if failures else None,
            "system_out": "".join(n.data for o in outs for n in o.childNodes if n.nodeType == n.TEXT_NODE),
        })
print(json.dumps({"root": root.tagName, "failures": root.getAttribute("failures"), "cases": cases}))
"#;
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("junit.xml");
    std::fs::write(&path, xml).expect("write junit.xml");
    let output = Command::new("python3").arg("-c").arg(SCRIPT).arg(&path).output().expect("run python3");
    assert!(
        output.status.success(),
        "python3 could not parse the JUnit XML: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("python's JSON")
}

#[test]
fn a_million_findings_keep_the_step_summary_under_1_mb_and_junit_under_30_mb() {
    const N: usize = 1_000_000;
    let checked = checked_with_findings(N);
    assert!(checked.counts.errors > 100_000 && checked.counts.warnings > 100_000 && checked.counts.infos > 100_000);
    let longest = checked.findings.iter().map(|f| f.message.len()).max().unwrap();
    assert!(longest > 500, "long messages: {longest}");

    // The step summary.
    let md = pmc_migrate::step_summary(&checked);
    assert!(md.len() < 1024 * 1024, "the step summary is {} bytes", md.len());
    let c = checked.counts;
    assert!(md.contains(&format!("**{} errors, {} warnings, {} info**", c.errors, c.warnings, c.infos)), "{md}");
    let rules = table_rows(&md, "| rule | severity | findings |");
    assert_eq!(rules.len(), 7, "{md}");
    for rule in pmc_migrate::Rule::ALL {
        let n = checked.findings.iter().filter(|f| f.rule == rule).count();
        if n > 0 {
            let row = format!("| `{rule}` | {} | {n} |", rule.severity());
            assert!(rules.contains(&row.as_str()), "{row} not in {md}");
        }
    }
    let rows = table_rows(&md, "| file | line | col | severity | rule | message |");
    assert_eq!(pmc_migrate::SUMMARY_ROWS, 50);
    assert_eq!(rows.len(), 50, "{md}");
    for row in &rows {
        assert_eq!(separators(row), 7, "{row}");
        assert!(row.contains("| error |"), "errors come first: {row}");
    }
    assert!(md.contains(&format!("{} more findings", N - 50)), "{md}");

    // JUnit.
    let mut xml = Vec::new();
    pmc_migrate::write_junit(&checked, &mut xml).expect("write JUnit");
    assert!(xml.len() < 30_000_000, "JUnit is {} bytes", xml.len());
    eprintln!("{N} findings: step summary {} bytes, JUnit {} bytes", md.len(), xml.len());
    let parsed = parse_junit_with_python(&xml);
    assert_eq!(parsed["root"], "testsuites");
    let max = pmc_migrate::JUNIT_MAX_PER_RULE;
    let cases = parsed["cases"].as_array().unwrap();
    // Each testcase has at most one failure, and the root counts them.
    let listed_failures: usize = cases.iter().map(|c| c["failures"].as_u64().unwrap() as usize).sum();
    assert!(cases.iter().all(|c| c["failures"].as_u64().unwrap() <= 1));
    assert_eq!(parsed["failures"], listed_failures.to_string());
    // Per file and rule: the first `max` findings as testcases, then one that
    // counts the rest; a rule without findings passes once.
    use pmc_migrate::Severity;
    let mut capped = 0;
    for suite in ["memberships.csv", "employees.csv"] {
        for rule in pmc_migrate::Rule::ALL {
            let name = rule.id();
            let mine: Vec<&Value> = cases.iter().filter(|c| c["suite"] == suite && c["classname"] == name).collect();
            let hits: Vec<_> = checked.findings.iter().filter(|f| f.file == suite && f.rule == rule).collect();
            if hits.is_empty() {
                assert_eq!(mine.len(), 1, "{suite} {name}");
                assert_eq!(mine[0]["name"], format!("{suite} {name}"));
                assert_eq!(mine[0]["failures"], 0, "{suite} {name}");
                continue;
            }
            let shown = hits.len().min(max);
            assert_eq!(mine.len(), shown + usize::from(hits.len() > max), "{suite} {name}");
            for (case, f) in mine.iter().zip(&hits[..shown]) {
                assert_eq!(case["name"], format!("{}:{}:{} {name}", f.file, f.line, f.column));
                let error = f.severity == Severity::Error;
                assert_eq!(case["failures"], u64::from(error), "{suite} {name}");
                if !error {
                    assert!(
                        s(&case["system_out"])
                            .starts_with(&format!("{}:{}:{}: {}[{name}]: ", f.file, f.line, f.column, f.severity))
                    );
                } else {
                    assert!(s(&case["system_out"]).is_empty(), "{suite} {name}: {case}");
                }
            }
            if hits.len() > max {
                capped += 1;
                let rest = &hits[max..];
                let more = &mine[shown];
                assert_eq!(more["name"], format!("{suite} {name}: {} more", rest.len()));
                let text = format!("{} more {name} findings in {suite} not listed", rest.len());
                if rest.iter().any(|f| f.severity == Severity::Error) {
                    assert_eq!(more["failures"], 1, "{suite} {name}");
                    assert_eq!(more["last_failure"], text);
                } else {
                    assert_eq!(more["failures"], 0, "{suite} {name}");
                    assert!(s(&more["system_out"]).starts_with(&text), "{suite} {name}: {more}");
                }
            }
        }
    }
    assert_eq!(capped, 7 * 2, "every rule of both files is capped");
    assert_eq!(cases.len(), 2 * pmc_migrate::Rule::ALL.len() + capped * max);
    assert!(listed_failures <= 2 * pmc_migrate::Rule::ALL.len() * (max + 1));
}
