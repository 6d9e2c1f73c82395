//! `status` for a folder whose organisations live in several tenants (design
//! §9): one `--status` per tenant export, the people named on stdout (first
//! 20 of each group, `--changes`), kept under `-q`, and status.html in the
//! language of the folder's plan. The baseline's Contoso and Fabrikam are two
//! tenants; its passwords, issued at AS_OF, expire on 2025-08-30.

use crate::common::*;

const HEADER: &str = "username,signed_in,pu_connected,associated_at";
const ANNA_U: &str = "anna@contoso.onmicrosoft.com";
const BEN_U: &str = "ben@contoso.onmicrosoft.com";
const CARLA_U: &str = "carla@fabrikam.onmicrosoft.com";

fn applied(extra: &[&str]) -> Workdir {
    let wrk = Workdir::baseline();
    wrk.apply("out", extra).assert_code(0);
    wrk
}

/// The export `name`, each of `rows`' usernames signed in or not.
fn export(wrk: &Workdir, name: &str, rows: &[(&str, bool)]) {
    let rows: Vec<String> = rows.iter().map(|(u, yes)| format!("{u},{},,", if *yes { "yes" } else { "no" })).collect();
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    wrk.create(name, csv(HEADER, &rows));
}

/// `status` of status.csv into `out` at 2025-07-01 (60 days left), plus `extra`.
fn status(wrk: &Workdir, extra: &[&str]) -> Run {
    let mut args = vec!["status", "--out", "out", "--status", "status.csv", "--as-of", "2025-07-01"];
    args.extend_from_slice(extra);
    wrk.run(args)
}

/// The rules of status.json's findings, with their files.
fn findings(wrk: &Workdir) -> Vec<(String, String)> {
    let json = wrk.json("out/status.json");
    let all = json["findings"].as_array().expect("findings").iter();
    all.map(|f| (f["file"].as_str().unwrap().to_string(), f["rule"].as_str().unwrap().to_string())).collect()
}

#[test]
fn an_account_in_the_second_tenants_export_is_not_missing_and_apply_reads_both() {
    let wrk = applied(&[]);
    export(&wrk, "contoso.csv", &[(ANNA_U, true), (BEN_U, true)]);
    // Carla never signed in; a row of her tenant nobody issued names its own file.
    export(&wrk, "fabrikam.csv", &[(CARLA_U, false), ("zed@fabrikam.onmicrosoft.com", false)]);
    let both =
        ["status", "--out", "out", "--status", "contoso.csv", "--status", "fabrikam.csv", "--as-of", "2025-07-01"];
    let run = wrk.run(both);
    run.assert_code(0);
    assert_eq!(findings(&wrk), [("fabrikam.csv".to_string(), "unknown-account".to_string())], "{run:?}");
    assert!(run.stdout.contains("2 signed in, 1 waiting, 0 expiring within 7 days, 0 to remove and add again, 0 not"));
    // The first export alone: Carla is missing from it, and status says so.
    let run = wrk.run(["status", "--out", "out", "--status", "contoso.csv", "--as-of", "2025-07-01"]);
    run.assert_code(1);
    assert_eq!(findings(&wrk), [("contoso.csv".to_string(), "missing-status".to_string())], "{run:?}");
    let hint = "its tenant \"fabrikam.onmicrosoft.com\": give that tenant's export with another --status";
    assert!(run.stdout.contains(hint), "{run:?}");

    // The same person in both exports, signed in by one of them: signed in.
    export(&wrk, "fabrikam.csv", &[(CARLA_U, false), (BEN_U, false)]);
    let run = wrk.run(both);
    run.assert_code(0);
    assert!(run.stdout.contains("2 signed in, 1 waiting"), "{run:?}");

    // apply takes the same exports: Carla's password expired unused, she is reissued.
    let day = add_days("2025-08-30", 1);
    let apply = ["--status", "contoso.csv", "--status", "fabrikam.csv", "--as-of", day.as_str()];
    wrk.apply("out", &apply).assert_code(0);
    assert!(wrk.exists("out/credentials/2345678.run2.csv"), "{:?}", wrk.listing());
    assert!(!wrk.exists("out/credentials/1234567.run2.csv"), "{:?}", wrk.listing());
    let plan = wrk.json("out/plan.json");
    let inputs: Vec<&str> = plan["inputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(inputs[2..], ["contoso.csv", "fabrikam.csv"], "{plan:#}");
}

#[test]
fn a_plan_made_with_two_tenant_exports_is_applied_with_both() {
    let wrk = applied(&[]);
    export(&wrk, "contoso.csv", &[(ANNA_U, true), (BEN_U, false)]);
    export(&wrk, "fabrikam.csv", &[(CARLA_U, false)]);
    let day = add_days("2025-08-30", 1);
    let exports = ["--status", "contoso.csv", "--status", "fabrikam.csv", "--as-of", day.as_str()];
    let run = wrk.plan("out", &exports);
    run.assert_code(0);
    assert!(run.stdout.contains("Plan: 0 to create, 2 to reissue"), "{run:?}");
    // The reviewed plan repeats both exports (and refuses them given again).
    wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--status", "contoso.csv"]).assert_code(2);
    wrk.run(["apply", "--plan", "out/plan.json", "--out", "out"]).assert_code(0);
    for file in ["out/credentials/1234567.run2.csv", "out/credentials/2345678.run2.csv"] {
        assert!(wrk.exists(file), "{file}: {:?}", wrk.listing());
    }
}

#[test]
fn stdout_names_each_person_with_organisation_and_date_by_group() {
    let wrk = applied(&[]);
    // Anna and Ben not signed in yet (60 days left), Carla signed in.
    export(&wrk, "status.csv", &[(ANNA_U, false), (BEN_U, false), (CARLA_U, true)]);
    let run = status(&wrk, &[]);
    run.assert_code(0);
    let expected = format!(
        "Waiting for a first sign-in (2):\n\
         \x20 Anna Lee  {ANNA_U}  Contoso Ltd (1234567)  expires 2025-08-30, 60 days left\n\
         \x20 Ben Ng    {BEN_U}   Contoso Ltd (1234567)  expires 2025-08-30, 60 days left\n"
    );
    assert!(run.stdout.starts_with(&expected), "{run:?}");
    // Three days before the end Ben and Carla are expiring; after it, both are to re-add.
    export(&wrk, "status.csv", &[(ANNA_U, true), (BEN_U, false), (CARLA_U, false)]);
    let run = wrk.run(["status", "--out", "out", "--status", "status.csv", "--as-of", "2025-08-27"]);
    run.assert_code(1);
    let expected = format!(
        "Expiring within 7 days (2): not signed in yet\n\
         \x20 Ben Ng      {BEN_U}     Contoso Ltd (1234567)   expires 2025-08-30, 3 days left\n\
         \x20 Carla Diaz  {CARLA_U}  Fabrikam Inc (2345678)  expires 2025-08-30, 3 days left\n"
    );
    assert!(run.stdout.starts_with(&expected), "{run:?}");
    let run = wrk.run(["status", "--out", "out", "--status", "status.csv", "--as-of", "2025-09-01"]);
    assert!(run.stdout.starts_with("To remove and add again (2): temporary password expired unused"), "{run:?}");
    assert!(run.stdout.contains(
        "  Carla Diaz  carla@fabrikam.onmicrosoft.com  Fabrikam Inc (2345678)  expired 2025-08-30, 2 days ago\n"
    ));
}

#[test]
fn twenty_of_each_group_then_changes_all_and_quiet_keeps_the_listing() {
    let people: Vec<String> = (0..45).map(|i| format!("1234567,P{i:02},Q,p{i:02}@contoso.com,employee,,,,")).collect();
    let mut rows = vec![ANNA];
    rows.extend(people.iter().map(String::as_str));
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO]), employees(&rows));
    wrk.apply("out", &[]).assert_code(0);
    let users: Vec<String> = (0..45).map(|i| format!("p{i:02}@contoso.onmicrosoft.com")).collect();
    let mut rows: Vec<(&str, bool)> = users.iter().map(|u| (u.as_str(), false)).collect();
    rows.push((ANNA_U, true));
    export(&wrk, "status.csv", &rows);
    let status = |extra: &[&str]| status(&wrk, extra);
    let named = |stdout: &str| stdout.lines().filter(|l| l.contains(" Q  p")).count();
    let run = status(&[]);
    run.assert_code(0);
    assert_eq!(named(&run.stdout), 20, "{run:?}");
    assert!(run.stdout.contains("  P19 Q  p19@contoso.onmicrosoft.com"), "in username order: {run:?}");
    assert!(run.stdout.contains("  … and 25 more (--changes all to list them)\n"), "{run:?}");
    let all = status(&["--changes", "all"]);
    assert_eq!(named(&all.stdout), 45, "{all:?}");
    assert!(!all.stdout.contains("more (--changes all"), "{all:?}");
    let five = status(&["--changes", "5"]);
    assert_eq!(named(&five.stdout), 5, "{five:?}");
    assert!(five.stdout.contains("  … and 40 more (--changes all to list them)\n"), "{five:?}");
    // -q silences stderr only: the report is the same.
    let quiet = status(&["-q", "--changes", "all"]);
    assert_eq!(quiet.stdout, all.stdout);
    assert_eq!(quiet.stderr, "", "{quiet:?}");
}

#[test]
fn status_html_is_in_the_language_of_the_plan_unless_lang_says_otherwise() {
    let wrk = applied(&["--lang", "zh-TW"]);
    export(&wrk, "status.csv", &[(ANNA_U, true), (BEN_U, true), (CARLA_U, true)]);
    let page = |wrk: &Workdir, extra: &[&str]| {
        status(wrk, extra).assert_code(0);
        wrk.read_string("out/status.html")
    };
    assert!(page(&wrk, &[]).contains("<html lang=\"zh-Hant-TW\">"), "the plan's zh-TW");
    assert!(page(&wrk, &["--lang", "en"]).contains("<html lang=\"en\">"), "--lang wins");
    let english = applied(&[]);
    export(&english, "status.csv", &[(ANNA_U, true), (BEN_U, true), (CARLA_U, true)]);
    assert!(page(&english, &[]).contains("<html lang=\"en\">"));
}
