//! Crash safety: a run killed at any step leaves the old state or the new one; and more of design §5 and §7 across runs.

use super::*;

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
    if !tool(&PYTHON3) {
        return;
    }
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

// ---- more of design §5 and §7 across runs ----

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
    if !tool(&PYTHON3) {
        return;
    }
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
    if !tool(&PYTHON3) {
        return;
    }
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
    // "left" is for people gone from the export (design §7). Contoso is still in
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
