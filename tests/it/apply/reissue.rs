//! R7 across runs: accounts never signed in are reissued after 90 days; a sign-in keeps them.

use super::*;

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

pub(super) fn actions_of(wrk: &Workdir) -> BTreeMap<String, String> {
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
