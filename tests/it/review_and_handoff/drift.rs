//! plan --detailed-exitcode for drift checks, and apply --entra-csv for Entra's bulk upload.

use super::*;

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

#[test]
fn detailed_exitcode_makes_every_failure_1_so_that_2_means_only_changes() {
    let wrk = Workdir::baseline();
    // Without the flag these are 2: an unreadable input, a usage error, a foreign folder.
    wrk.create("taken/notes.txt", "mine");
    let missing = ["plan", "--memberships", "nope.csv", "--employees", "employees.csv", "--out", "out"];
    wrk.run(missing).assert_code(2);
    wrk.run(missing.iter().chain(&["--detailed-exitcode"])).assert_code(1);
    wrk.run(["plan", "--out", "out", "--bogus"]).assert_code(2);
    wrk.run(["plan", "--out", "out", "--bogus", "--detailed-exitcode"]).assert_code(1);
    wrk.plan("taken", &[]).assert_code(2);
    wrk.plan("taken", &["--detailed-exitcode"]).assert_code(1);
    // And --help is still not a failure.
    wrk.run(["plan", "--help", "--detailed-exitcode"]).assert_code(0);
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
