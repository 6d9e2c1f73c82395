//! Review and hand-off: `apply --plan` carries out exactly the reviewed plan
//! (and refuses a stale one, writing nothing), `plan --detailed-exitcode` for
//! drift checks, `apply --entra-csv` for Microsoft Entra's "Bulk create users"
//! upload, and GitHub output capped to what GitHub shows (annotations, step
//! summary), with the step summary and JUnit bounded for a million findings.

use crate::common::*;
use crate::tools::{PYTHON3, tool};
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

mod drift;
mod github;
mod stale;
