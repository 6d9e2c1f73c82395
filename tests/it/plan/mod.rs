//! `pmc-migrate plan`, the dry run (design §2, §5, §6, §7): plan.json's fields and
//! dates, account plans, usernames, blocked organisations, findings.csv,
//! determinism, exit codes, and `apply --dry-run` == `plan`.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;

const M: &str = "memberships.csv";
const E: &str = "employees.csv";

/// The organisation `mpn_id` of plan.json.
fn org<'a>(plan: &'a Value, mpn_id: &str) -> &'a Value {
    plan["organizations"]
        .as_array()
        .expect("organizations is an array")
        .iter()
        .find(|o| o["mpn_id"] == mpn_id)
        .unwrap_or_else(|| panic!("no organisation {mpn_id} in plan.json: {plan:#}"))
}

/// The account with `email` of an organisation.
fn account<'a>(org: &'a Value, email: &str) -> &'a Value {
    org["accounts"]
        .as_array()
        .expect("accounts is an array")
        .iter()
        .find(|a| a["email"] == email)
        .unwrap_or_else(|| panic!("no account {email}: {org:#}"))
}

fn mpn_ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|o| o["mpn_id"].as_str().expect("mpn_id is a string").to_string())
        .collect()
}

fn has_key(v: &Value, key: &str) -> bool {
    v.as_object().is_some_and(|o| o.contains_key(key))
}

fn assert_date(v: &Value, what: &str) {
    let s = v.as_str().unwrap_or_else(|| panic!("{what} is not a string: {v}"));
    assert!(is_ymd(s), "{what} is not YYYY-MM-DD: {s:?}");
}

/// Every key anywhere in a JSON value.
fn all_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(o) => {
            for (k, v) in o {
                out.push(k.clone());
                all_keys(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| all_keys(v, out)),
        _ => {}
    }
}

fn tasks(account: &Value) -> Vec<String> {
    let mut t: Vec<String> = account["tasks"]
        .as_array()
        .expect("tasks is an array")
        .iter()
        .map(|t| t.as_str().expect("task id is a string").to_string())
        .collect();
    t.sort();
    t
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

// ---- plan.json: field names and inputs ----

#[test]
fn plan_json_has_every_field_of_spec_section_7() {
    let wrk = Workdir::baseline();
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");

    assert_eq!(plan["as_of"], AS_OF);
    for key in ["as_of", "inputs", "summary", "organizations"] {
        assert!(has_key(&plan, key), "plan.json lacks {key}: {plan:#}");
    }
    for input in plan["inputs"].as_array().expect("inputs is an array") {
        for key in ["path", "sha256", "rows"] {
            assert!(has_key(input, key), "inputs[] lacks {key}: {input:#}");
        }
    }
    for key in ["organizations", "employees", "accounts", "errors", "warnings"] {
        assert!(plan["summary"][key].is_u64(), "summary.{key} is not a count: {:#}", plan["summary"]);
    }
    let orgs = plan["organizations"].as_array().expect("organizations is an array");
    assert_eq!(orgs.len(), 2);
    for o in orgs {
        for key in [
            "mpn_id",
            "organization",
            "membership",
            "pmc_start",
            "pmc_end",
            "renewed",
            "pc_start",
            "pc_end",
            "overlap_start",
            "overlap_end",
            "overlap_days",
            "creation",
            "accounts",
        ] {
            assert!(has_key(o, key), "organizations[] lacks {key}: {o:#}");
        }
        for key in ["pmc_start", "pmc_end", "pc_start", "pc_end", "overlap_start", "overlap_end"] {
            assert_date(&o[key], key);
        }
        assert!(o["overlap_days"].is_u64(), "{o:#}");
        assert_eq!(o["creation"], "bulk");
        for a in o["accounts"].as_array().expect("accounts is an array") {
            for key in ["email", "display_name", "role", "username", "password_expires", "tasks", "action"] {
                assert!(has_key(a, key), "accounts[] lacks {key}: {a:#}");
            }
            assert_date(&a["password_expires"], "password_expires");
            assert!(a["tasks"].is_array(), "{a:#}");
            assert_eq!(a["action"], "create", "a plan without a ledger creates every account");
        }
    }

    let contoso = org(&plan, "1234567");
    assert_eq!(contoso["organization"], "Contoso Ltd");
    assert_eq!(contoso["membership"], "Gold");
    assert_eq!(contoso["pmc_start"], "2024-09-01");
    assert_eq!(contoso["pmc_end"], "2025-08-31");
    let anna = account(contoso, "anna@contoso.com");
    assert_eq!(anna["display_name"], "Anna Lee");
    assert_eq!(anna["role"], "admin");
    assert_eq!(anna["username"], "anna@contoso.onmicrosoft.com");
    assert_eq!(account(contoso, "ben@contoso.com")["role"], "employee");
    // "Administrator" is an admin.
    assert_eq!(account(org(&plan, "2345678"), "carla@fabrikam.com")["role"], "admin");

    // No password, nor any key that could hold one.
    let mut keys = Vec::new();
    all_keys(&plan, &mut keys);
    for k in &keys {
        assert!(!k.contains("password") || k == "password_expires", "plan.json has a key {k:?}");
    }

    assert_eq!(plan["summary"]["organizations"], 2);
    assert_eq!(plan["summary"]["employees"], 3);
    assert_eq!(plan["summary"]["accounts"], 3);
    assert_eq!(plan["summary"]["errors"], 0);
    assert_eq!(plan["summary"]["warnings"], 0);
}

#[test]
fn inputs_name_the_paths_given_with_real_sha256_and_row_counts() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let inputs = plan["inputs"].as_array().expect("inputs is an array");
    assert_eq!(inputs.len(), 2, "{inputs:#?}");
    let by_path: BTreeMap<&str, &Value> =
        inputs.iter().map(|i| (i["path"].as_str().expect("path is a string"), i)).collect();
    for (file, rows) in [(M, 2), (E, 3)] {
        let input = by_path.get(file).unwrap_or_else(|| panic!("no input {file}: {inputs:#?}"));
        assert_eq!(input["sha256"], sha256_hex(&wrk.read(file)), "{file}");
        assert_eq!(input["rows"], rows, "{file}");
    }
}

#[test]
fn sha256_is_of_the_bytes_on_disk_whatever_the_encoding() {
    // A BOM and CRLF are part of the file: the hash is of the raw bytes.
    let mut m = b"\xEF\xBB\xBF".to_vec();
    m.extend(memberships(&[CONTOSO, FABRIKAM]).replace('\n', "\r\n").into_bytes());
    let e = utf16le_bom(&employees(&[ANNA, BEN, CARLA]));
    let wrk = Workdir::with_inputs(&m, &e);
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["inputs"][0]["path"], M);
    assert_eq!(plan["inputs"][0]["sha256"], sha256_hex(&m));
    assert_eq!(plan["inputs"][1]["path"], E);
    assert_eq!(plan["inputs"][1]["sha256"], sha256_hex(&e));
    assert_eq!(plan["inputs"][1]["rows"], 3);
}

mod dates;
mod determinism;
mod usernames;

use dates::dates_workdir;
use usernames::username_workdir;
