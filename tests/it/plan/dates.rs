//! Membership dates (R1–R4) and account plans (R6–R8), end to end.

use super::*;

// ---- membership dates: R1–R4 ----

/// Organisations at AS_OF (2025-06-01): ordinary, leap-day end, expired,
/// ending on the cutover day, and a renewed twin of an unrenewed one.
pub(super) fn dates_workdir() -> Workdir {
    let m = memberships(&[
        "1000001,Ordinary,Gold,2024-09-01,2025-08-31,no,ordinary.onmicrosoft.com,US",
        "1000002,Leap,Silver,2027-03-01,2028-02-29,no,leap.onmicrosoft.com,US",
        "1000003,Expired,Gold,2024-05-01,2025-05-31,no,expired.onmicrosoft.com,US",
        "1000004,Same Day,Gold,2024-06-02,2025-06-01,no,sameday.onmicrosoft.com,US",
        "1000005,Renewed,Gold,2024-09-01,2025-08-31,yes,renewed.onmicrosoft.com,US",
    ]);
    let e = employees(&[
        "1000001,A,One,a@ordinary.com,admin,,,,",
        "1000002,B,Two,b@leap.com,admin,,,,",
        "1000003,C,Three,c@expired.com,admin,,,,",
        "1000004,D,Four,d@sameday.com,admin,,,,",
        "1000005,E,Five,e@renewed.com,admin,,,,",
    ]);
    Workdir::with_inputs(m, e)
}

#[test]
fn r1_new_membership_starts_on_the_cutover_date() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    for o in plan["organizations"].as_array().unwrap() {
        assert_eq!(o["pc_start"], AS_OF, "{o:#}");
    }
    wrk.plan("later", &["--as-of", "2025-07-15"]).assert_code(0);
    let plan = wrk.json("later/plan.json");
    assert_eq!(plan["as_of"], "2025-07-15");
    assert_eq!(org(&plan, "1000001")["pc_start"], "2025-07-15");
}

#[test]
fn r2_new_membership_ends_one_year_after_the_pmc_end_and_a_leap_day_becomes_28_february() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let ordinary = org(&plan, "1000001");
    assert_eq!(ordinary["pc_end"], "2026-08-31");
    let leap = org(&plan, "1000002");
    assert_eq!(leap["pmc_end"], "2028-02-29");
    assert_eq!(leap["pc_end"], "2029-02-28");
    assert_eq!(leap["overlap_start"], AS_OF);
    assert_eq!(leap["overlap_end"], "2028-02-29");
    assert_eq!(leap["overlap_days"], days_inclusive(AS_OF, "2028-02-29"));
}

#[test]
fn r3_overlap_counts_both_ends() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let ordinary = org(&plan, "1000001");
    assert_eq!(ordinary["overlap_start"], AS_OF);
    assert_eq!(ordinary["overlap_end"], "2025-08-31");
    // June 30 + July 31 + August 31.
    assert_eq!(ordinary["overlap_days"], 92);
    // Ending on the cutover day itself: one day of both systems, not expired.
    let same = org(&plan, "1000004");
    assert_eq!(same["overlap_start"], AS_OF);
    assert_eq!(same["overlap_end"], AS_OF);
    assert_eq!(same["overlap_days"], 1);
    assert_eq!(same["pc_end"], "2026-06-01");
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert!(
        !findings.iter().any(|f| f.rule == "membership-expired" && f.line == 5),
        "a membership ending on the cutover day is not expired: {findings:#?}"
    );
}

#[test]
fn r3_renewed_changes_no_date() {
    let wrk = dates_workdir();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let (plain, renewed) = (org(&plan, "1000001"), org(&plan, "1000005"));
    assert_eq!(plain["renewed"], false);
    assert_eq!(renewed["renewed"], true);
    for key in ["pmc_start", "pmc_end", "pc_start", "pc_end", "overlap_start", "overlap_end", "overlap_days"] {
        assert_eq!(plain[key], renewed[key], "renewed changed {key}");
    }
}

#[test]
fn r4_expired_membership_has_no_overlap_ends_a_year_after_cutover_and_warns() {
    let wrk = dates_workdir();
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plan = wrk.json("out/plan.json");
    let expired = org(&plan, "1000003");
    assert_eq!(expired["pc_start"], AS_OF);
    assert_eq!(expired["pc_end"], "2026-06-01");
    assert_eq!(expired["overlap_days"], 0);
    assert!(
        expired["overlap_start"].is_null() && expired["overlap_end"].is_null(),
        "an expired membership has no overlap window: {expired:#}"
    );
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    let warnings = with_rule(&findings, "membership-expired");
    assert_eq!(warnings.len(), 1, "{findings:#?}");
    assert_eq!((warnings[0].file.as_str(), warnings[0].line), (M, 4));
    assert_eq!(warnings[0].severity, "warning");
    assert_eq!(plan["summary"]["warnings"], 1);
}

#[test]
fn r4_expired_on_a_leap_day_cutover_ends_28_february() {
    let wrk = Workdir::with_inputs(
        memberships(&["1000003,Expired,Gold,2027-01-01,2027-12-31,no,expired.onmicrosoft.com,US"]),
        employees(&["1000003,C,Three,c@expired.com,admin,,,,"]),
    );
    wrk.plan("out", &["--as-of", "2028-02-29"]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1000003");
    assert_eq!(o["pc_start"], "2028-02-29");
    assert_eq!(o["pc_end"], "2029-02-28");
    assert_eq!(o["overlap_days"], 0);
}

// ---- account plans: R6–R8 ----

#[test]
fn password_expires_90_days_after_the_cutover() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let expected = add_days(AS_OF, 90);
    assert_eq!(expected, "2025-08-30");
    for o in plan["organizations"].as_array().unwrap() {
        for a in o["accounts"].as_array().unwrap() {
            assert_eq!(a["password_expires"], expected.as_str(), "{a:#}");
        }
    }
    // Across a year end and February.
    wrk.plan("winter", &["--as-of", "2024-12-15"]).assert_code(0);
    let plan = wrk.json("winter/plan.json");
    assert_eq!(account(org(&plan, "1234567"), "ben@contoso.com")["password_expires"], "2025-03-15");
}

#[test]
fn tasks_follow_r8_and_the_columns_given() {
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO]),
        employees(&[
            "1234567,All,Tasks,all@contoso.com,admin,,PU-1,AZ-900,MCSE",
            "1234567,Only,Pu,pu@contoso.com,employee,,PU-2,,",
            "1234567,Only,Exams,exams@contoso.com,employee,,,AZ-104;70-533,",
            "1234567,Only,Certs,certs@contoso.com,employee,,,,MCSA",
            "1234567,No,Extras,none@contoso.com,employee,,,,",
            // Every exam code invalid: dropped (invalid-exam-code), so nothing to associate.
            "1234567,Bad,Exam,bad@contoso.com,employee,,,bogus,",
        ]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    let o = org(&plan, "1234567");
    let sign_in = "get-sign-in-info";
    let pu = "connect-partner-university";
    let exams = "associate-exams-certifications";
    let reset = "set-up-password-reset";
    assert_eq!(tasks(account(o, "all@contoso.com")), sorted(&[sign_in, pu, exams, reset]));
    assert_eq!(tasks(account(o, "pu@contoso.com")), sorted(&[sign_in, pu, reset]));
    assert_eq!(tasks(account(o, "exams@contoso.com")), sorted(&[sign_in, exams, reset]));
    assert_eq!(tasks(account(o, "certs@contoso.com")), sorted(&[sign_in, exams, reset]));
    assert_eq!(tasks(account(o, "none@contoso.com")), sorted(&[sign_in, reset]));
    assert_eq!(tasks(account(o, "bad@contoso.com")), sorted(&[sign_in, reset]));
    let findings = findings_csv(&wrk.read("out/findings.csv"));
    assert_findings(&findings, &[(E, 7, 8, "invalid-exam-code", "warning")]);
}

#[test]
fn creation_mode_is_bulk_by_default_and_individual_on_request() {
    let wrk = Workdir::baseline();
    wrk.plan("bulk", &[]).assert_code(0);
    wrk.plan("individual", &["--creation", "individual"]).assert_code(0);
    for (dir, mode) in [("bulk", "bulk"), ("individual", "individual")] {
        let plan = wrk.json(&format!("{dir}/plan.json"));
        for o in plan["organizations"].as_array().unwrap() {
            assert_eq!(o["creation"], mode, "{o:#}");
        }
    }
}

#[test]
fn summary_counts_people_once_and_accounts_per_organisation() {
    // Anna works for both organisations: one person, two accounts (one per tenant).
    let wrk = Workdir::with_inputs(
        memberships(&[CONTOSO, FABRIKAM]),
        employees(&[ANNA, BEN, CARLA, "2345678,Anna,Lee,anna@contoso.com,employee,,,,"]),
    );
    wrk.plan("out", &[]).assert_code(0);
    let plan = wrk.json("out/plan.json");
    assert_eq!(plan["summary"]["organizations"], 2);
    assert_eq!(plan["summary"]["employees"], 3);
    assert_eq!(plan["summary"]["accounts"], 4);
    assert_eq!(account(org(&plan, "2345678"), "anna@contoso.com")["username"], "anna@fabrikam.onmicrosoft.com");
}
