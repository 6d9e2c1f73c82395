//! Usernames (design §5) end to end, organisations left out by errors, and findings.csv.

use super::*;

// ---- usernames (design §5), end to end ----

pub(super) fn username_workdir() -> Workdir {
    Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&[
            // line 2
            ANNA,
            // line 3: plus tag dropped, transliterated, lower-cased
            "1234567,José,García,José.García+pmc@contoso.com,employee,,,,",
            // line 4: the same name from another address: suffix 2
            "1234567,Jose,Garcia,jose.garcia@partner.example,employee,,,,",
            // line 5: and again: suffix 3
            "1234567,Joe,Garcia,JOSE.GARCIA+x@third.example,employee,,,,",
            // line 6
            "1234567,Jürgen,Weiß,Jürgen.Weiß@contoso.com,employee,,,,",
            // line 7: runs of other characters become one dot
            "1234567,Ann,O'Brien,o'brien!!x@contoso.com,employee,,,,",
            // line 8: nothing left of the local part: first.last
            "1234567,Zoë,Quinn,+only@contoso.com,employee,,,,",
        ]),
    )
}

#[test]
fn usernames_follow_the_rule_end_to_end() {
    let wrk = username_workdir();
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1234567");
    let expected = [
        ("anna@contoso.com", "anna@contoso.onmicrosoft.com"),
        ("José.García+pmc@contoso.com", "jose.garcia@contoso.onmicrosoft.com"),
        ("jose.garcia@partner.example", "jose.garcia2@contoso.onmicrosoft.com"),
        ("JOSE.GARCIA+x@third.example", "jose.garcia3@contoso.onmicrosoft.com"),
        ("Jürgen.Weiß@contoso.com", "jurgen.weiss@contoso.onmicrosoft.com"),
        ("o'brien!!x@contoso.com", "o.brien.x@contoso.onmicrosoft.com"),
        ("+only@contoso.com", "zoe.quinn@contoso.onmicrosoft.com"),
    ];
    for (email, username) in expected {
        assert_eq!(account(o, email)["username"], username, "username of {email}");
    }
}

#[test]
fn username_collisions_warn_at_the_later_lines() {
    let wrk = username_workdir();
    let (run, findings) = wrk.validate_json(&[]);
    run.assert_code(0);
    assert_findings(
        &findings,
        &[
            (E, 3, 4, "non-ascii-email", "info"),
            (E, 4, 4, "username-collision", "warning"),
            (E, 5, 4, "username-collision", "warning"),
            (E, 6, 4, "non-ascii-email", "info"),
            // `+only@…` is a valid address the credentials file writes as `'+only@…`.
            (E, 8, 4, "formula-like-value", "warning"),
        ],
    );
    let collisions = with_rule(&findings, "username-collision");
    assert!(collisions[0].message.contains("jose.garcia2@contoso.onmicrosoft.com"), "{findings:#?}");
    assert!(collisions[1].message.contains("jose.garcia3@contoso.onmicrosoft.com"), "{findings:#?}");

    // plan's findings.csv says the same.
    wrk.plan("out", &[]).assert_code(0);
    let from_plan = findings_csv(&wrk.read("out/findings.csv"));
    assert_eq!(from_plan, findings);
}

#[test]
fn username_collision_order_is_by_input_line_not_by_name() {
    // The later line with the "nicer" address still gets the suffix.
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&["1234567,Zed,Lee,lee+z@zzz.example,admin,,,,", "1234567,Amy,Lee,lee@aaa.example,employee,,,,"]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1234567");
    assert_eq!(account(o, "lee+z@zzz.example")["username"], "lee@contoso.onmicrosoft.com");
    assert_eq!(account(o, "lee@aaa.example")["username"], "lee2@contoso.onmicrosoft.com");
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert_findings(&findings, &[(E, 3, 4, "username-collision", "warning")]);
}

// ---- organisations left out by errors ----

#[test]
fn blocked_organisations_are_absent_from_the_plan_and_listed_with_reasons() {
    let wrk = Workdir::with_inputs(
        memberships(&[
            CONTOSO,
            FABRIKAM,
            // line 4: nobody is admin
            "3456789,Northwind,Gold,2024-09-01,2025-08-31,no,northwind.onmicrosoft.com,GB",
            // lines 5, 6: the same MPN ID with different data
            "4567890,Adatum,Gold,2024-09-01,2025-08-31,no,adatum.onmicrosoft.com,FR",
            "4567890,Adatum Corp,Silver,2024-09-01,2025-08-31,no,adatum.onmicrosoft.com,FR",
            // line 7: an impossible date
            "5678901,Tailspin,Gold,2024-13-01,2025-08-31,no,tailspin.onmicrosoft.com,US",
        ]),
        employees(&[
            ANNA,
            BEN,
            CARLA,
            "3456789,Nina,West,nina@northwind.com,employee,,,,",
            "4567890,Ada,Tum,ada@adatum.com,admin,,,,",
            "5678901,Tai,Spin,tai@tailspin.com,admin,,,,",
        ]),
    );
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    let plan = wrk.json("out/plan.json");
    assert_eq!(mpn_ids(&plan["organizations"]), ["1234567", "2345678"]);
    let blocked =
        plan["blocked_organizations"].as_array().unwrap_or_else(|| panic!("no blocked_organizations array: {plan:#}"));
    let mut ids = mpn_ids(&plan["blocked_organizations"]);
    ids.sort();
    assert_eq!(ids, ["3456789", "4567890", "5678901"], "{blocked:#?}");
    for (id, rule) in
        [("3456789", "org-without-admin"), ("4567890", "duplicate-organization"), ("5678901", "invalid-date")]
    {
        let b = blocked.iter().find(|b| b["mpn_id"] == id).unwrap();
        let text = b.to_string();
        assert!(text.contains(rule), "{id} should be left out for {rule}: {b:#}");
    }
    // Nobody of a blocked organisation has an account.
    let text = String::from_utf8(wrk.read("out/plan.json")).unwrap();
    for email in ["nina@northwind.com", "ada@adatum.com", "tai@tailspin.com"] {
        assert!(!text.contains(&format!("\"email\": \"{email}\"")), "{email} planned");
    }
    assert_eq!(plan["summary"]["organizations"], 2);
    assert_eq!(plan["summary"]["accounts"], 3);
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let errors = findings.iter().filter(|f| f.severity == "error").count();
    let warnings = findings.iter().filter(|f| f.severity == "warning").count();
    assert_eq!(plan["summary"]["errors"], errors as u64);
    assert_eq!(plan["summary"]["warnings"], warnings as u64);
    assert!(errors >= 3, "{findings:#?}");
}

// ---- findings.csv ----

#[test]
fn findings_csv_header_and_rows() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, "1234567,Ben,Ng,not-an-email,employee,,,,", CARLA]),
    );
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    let bytes = wrk.read("out/findings.csv");
    let first_line =
        bytes.strip_prefix(BOM).expect("findings.csv starts with a BOM").split(|&b| b == b'\n').next().unwrap();
    let first_line = first_line.strip_suffix(b"\r").unwrap_or(first_line);
    assert_eq!(first_line, b"file,line,column,rule,severity,message");
    let findings = findings_csv(&bytes);
    assert_findings(&findings, &[(E, 3, 4, "invalid-email", "error")]);
    assert!(findings[0].message.contains("\"not-an-email\""), "{findings:#?}");

    // A clean run: the header alone.
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let text = wrk.read_string("out/findings.csv");
    assert_eq!(text.trim_end(), "\u{FEFF}file,line,column,rule,severity,message");
}
