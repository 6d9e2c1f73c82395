//! What apply refuses (errors without --skip-invalid), the sign-on emails of individual creation, and the folder lock.

use super::*;

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
    // There are validation errors (reported), so the exit code stays 1 (design §6).
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
    if !tool(&PYTHON3) {
        return;
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
    if !tool(&PYTHON3) {
        return;
    }
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
    if !tool(&PYTHON3) {
        return;
    }
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
