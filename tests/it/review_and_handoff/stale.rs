//! Stale plans are refused and nothing is written; apply --plan carries out exactly the reviewed plan.

use super::*;

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
