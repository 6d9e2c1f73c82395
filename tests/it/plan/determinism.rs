//! Determinism at any thread count, exit codes, and apply --dry-run equal to plan.

use super::*;
use crate::diff::assert_same_bytes;

// ---- determinism ----

/// Enough organisations and people, with findings of many kinds, for threads to matter.
fn busy_workdir() -> Workdir {
    let mut m = Vec::new();
    let mut e = Vec::new();
    for o in 0..60u32 {
        let id = 3_000_000 + o;
        let (start, end) = match o % 4 {
            0 => ("2024-09-01", "2025-08-31"),
            1 => ("2024-03-01", "2025-02-28"), // expired
            2 => ("2027-03-01", "2028-02-29"), // leap day
            _ => ("2024-06-02", "2025-06-01"),
        };
        let level = if o % 9 == 4 { "Platinum" } else { "Gold" };
        m.push(format!(
            "{id},Org {o},{level},{start},{end},{},t{}.onmicrosoft.com,US",
            if o % 2 == 0 { "yes" } else { "no" },
            o % 50 // some organisations share a tenant
        ));
        if o % 17 == 3 {
            m.push(format!("{id},Org {o} bis,Gold,{start},{end},no,t{o}.onmicrosoft.com,US"));
        }
        for p in 0..9u32 {
            let role = if p == 0 && o % 13 != 7 { "admin" } else { "employee" };
            let email = match p {
                3 => format!("person1+x@org{o}.example"), // username collision
                4 if o % 5 == 0 => "not an email".to_string(),
                5 => format!("shared{}@example.com", o % 3), // cross-organisation people
                _ => format!("person{p}@org{o}.example"),
            };
            let row = format!("{id},First{p},Last{o},{email},{role},,PU-{p},AZ-900;bad,MCSA");
            if p == 6 && o % 7 == 0 {
                e.push(row.clone()); // exact duplicate
            }
            e.push(row);
        }
    }
    let m: Vec<&str> = m.iter().map(String::as_str).collect();
    let e: Vec<&str> = e.iter().map(String::as_str).collect();
    Workdir::with_inputs(memberships(&m), employees(&e))
}

#[test]
fn jobs_1_and_jobs_4_write_identical_bytes() {
    let wrk = busy_workdir();
    let one = wrk.plan("one", &["--jobs", "1"]);
    let four = wrk.plan("four", &["--jobs", "4"]);
    let default = wrk.plan("default", &[]);
    one.assert_code(1);
    four.assert_code(1);
    default.assert_code(1);
    let findings = findings_csv(&wrk.read("one/findings.csv"));
    for rule in [
        "username-collision",
        "invalid-email",
        "membership-expired",
        "duplicate-organization",
        "org-without-admin",
        "exact-duplicate",
        "invalid-exam-code",
        "cross-org-employee",
    ] {
        assert!(!with_rule(&findings, rule).is_empty(), "no {rule} finding");
    }
    let files: Vec<String> =
        wrk.files_under("one").into_iter().map(|f| f.strip_prefix("one/").unwrap().to_string()).collect();
    for name in ["plan.json", "findings.csv", "index.html"] {
        assert!(files.iter().any(|f| f == name), "no {name}: {files:?}");
    }
    for other in ["four", "default"] {
        let theirs: Vec<String> = wrk
            .files_under(other)
            .into_iter()
            .map(|f| f.strip_prefix(&format!("{other}/")).unwrap().to_string())
            .collect();
        similar_asserts::assert_eq!(files, theirs, "{other} wrote other files");
        for f in &files {
            assert_same_bytes(
                &wrk.read_in("one", f),
                &wrk.read_in(other, f),
                &format!("{f}: --jobs 1 and {other} differ"),
            );
        }
    }
}

// ---- exit codes ----

#[test]
fn exit_0_when_clean_or_only_warnings() {
    Workdir::baseline().plan("out", &[]).assert_code(0);
    dates_workdir().plan("out", &[]).assert_code(0); // a membership-expired warning
}

#[test]
fn exit_1_on_validation_errors_and_the_reports_are_written() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, "2345678,Carla,Diaz,carla@fabrikam.com,boss,,,,"]),
    );
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    for f in ["out/plan.json", "out/findings.csv", "out/index.html"] {
        assert!(wrk.exists(f), "{f} missing: {run:?}");
    }
    let plan = wrk.json("out/plan.json");
    assert!(plan["summary"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn exit_1_on_warnings_under_strict() {
    let run = dates_workdir().plan("out", &["--strict"]);
    run.assert_code(1);
}

#[test]
fn exit_2_on_an_unreadable_input_naming_it() {
    let wrk = Workdir::new();
    wrk.create(M, memberships(&[CONTOSO, FABRIKAM]));
    let run = wrk.plan("out", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains(E), "{run:?}");
    assert!(!wrk.exists("out/plan.json"), "{:?}", wrk.listing());

    let wrk = Workdir::baseline();
    std::fs::remove_file(wrk.path(M)).unwrap();
    std::fs::create_dir(wrk.path(M)).unwrap();
    let run = wrk.plan("out", &[]);
    run.assert_code(2);
    assert!(run.stderr.contains(M), "{run:?}");
}

#[test]
fn exit_2_on_usage_errors() {
    let wrk = Workdir::baseline();
    for extra in [&["--creation", "manual"][..], &["--jobs", "0"], &["--as-of", "2025-02-30"]] {
        let run = wrk.plan("out", extra);
        run.assert_code(2);
        assert!(!run.stderr.is_empty(), "{run:?}");
    }
    wrk.run(["plan", "--memberships", M, "--employees", E]).assert_code(2); // no --out
}

// ---- apply --dry-run == plan ----

#[test]
fn apply_dry_run_writes_exactly_what_plan_writes() {
    for (name, wrk, code) in [
        ("clean", Workdir::baseline(), 0),
        ("warnings", username_workdir(), 0),
        (
            "errors",
            Workdir::with_inputs(
                memberships(&[CONTOSO, FABRIKAM]),
                employees(&[ANNA, "1234567,Ben,Ng,not-an-email,employee,,,,", CARLA]),
            ),
            1,
        ),
    ] {
        let plan = wrk.plan("plan", &[]);
        let dry = wrk.apply("dry", &["--dry-run"]);
        plan.assert_code(code);
        dry.assert_code(code);
        let strip = |dir: &str| -> Vec<String> {
            wrk.files_under(dir).into_iter().map(|f| f.strip_prefix(&format!("{dir}/")).unwrap().to_string()).collect()
        };
        let files = strip("plan");
        similar_asserts::assert_eq!(files, strip("dry"), "{name}: other files");
        for f in ["plan.json", "findings.csv", "index.html"] {
            assert!(files.iter().any(|x| x == f), "{name}: no {f}");
        }
        for f in &files {
            let what = format!("{name}: {f} differs between plan and apply --dry-run");
            assert_same_bytes(&wrk.read_in("plan", f), &wrk.read_in("dry", f), &what);
        }
        assert!(!wrk.exists("dry/credentials"), "{name}: {:?}", wrk.listing());
        assert!(!wrk.exists("dry/ledger.csv"), "{name}: {:?}", wrk.listing());
        assert!(!wrk.exists("dry/outbox"), "{name}: {:?}", wrk.listing());
    }
}

#[test]
fn apply_dry_run_in_individual_mode_writes_no_outbox() {
    let wrk = Workdir::baseline();
    wrk.apply("dry", &["--dry-run", "--creation", "individual"]).assert_code(0);
    wrk.plan("plan", &["--creation", "individual"]).assert_code(0);
    assert_same_bytes(&wrk.read_in("dry", "plan.json"), &wrk.read_in("plan", "plan.json"), "plan.json");
    for f in wrk.listing() {
        assert!(
            !f.contains("outbox") && !f.contains("credentials") && !f.ends_with("ledger.csv"),
            "{f} written by a dry run"
        );
    }
}

#[test]
fn plan_output_is_the_same_on_every_run() {
    let wrk = username_workdir();
    wrk.plan("a", &[]).assert_code(0);
    wrk.plan("b", &[]).assert_code(0);
    for f in ["plan.json", "findings.csv", "index.html"] {
        assert_same_bytes(&wrk.read_in("a", f), &wrk.read_in("b", f), &format!("{f} differs"));
    }
}

#[test]
fn usernames_are_unique_across_organisations_sharing_a_tenant() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, "2345678,Contoso Services,Silver,2024-10-01,2025-09-30,no,contoso.onmicrosoft.com,US"]),
        employees(&[
            ANNA,
            "2345678,Anna,Berg,anna@services.example,admin,,,,",
            "2345678,Ben,Ng,ben@contoso.com,employee,,,,",
        ]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(account(org(&plan, "1234567"), "anna@contoso.com")["username"], "anna@contoso.onmicrosoft.com");
    assert_eq!(account(org(&plan, "2345678"), "anna@services.example")["username"], "anna2@contoso.onmicrosoft.com");
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert_findings(&findings, &[(E, 3, 4, "username-collision", "warning")]);
}
