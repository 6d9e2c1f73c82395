//! What `plan` and `apply` print for the person at the terminal: the change
//! listing (`+ ~ - =` per organisation, the people behind `+ ~ -`, a summary
//! line), the first errors and warnings, the files apply wrote and what to do
//! next; reports on stdout (kept under `--quiet`), messages on stderr.

use crate::common::*;
use crate::tools::{SCRIPT, tool};

const DAN: &str = "1234567,Dan,Fox,dan@contoso.com,employee,,,,";
const BEN_U: &str = "ben@contoso.onmicrosoft.com";

/// `out_args` without `--quiet`: the run as a person at the terminal sees it.
fn loud(wrk: &Workdir, command: &str, out: &str, extra: &[&str]) -> Run {
    let args: Vec<String> = out_args(command, out, extra).into_iter().filter(|a| a != "--quiet").collect();
    wrk.run(args)
}

/// Lines of `text` starting with `prefix`.
fn lines_with<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(prefix)).collect()
}

/// The lines of apply's "Wrote:" block, each split into words.
fn wrote(run: &Run) -> Vec<Vec<&str>> {
    let start = run.stdout.find("Wrote:\n").unwrap_or_else(|| panic!("no Wrote: block: {run:?}"));
    run.stdout[start..].lines().skip(1).map(|l| l.split_whitespace().collect()).collect()
}

/// The text of `<section ... id="id">` in an HTML page.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("<section class=\"card\" id=\"{id}\">")).unwrap_or_else(|| panic!("no {id}"));
    &html[start..start + html[start..].find("</section>").unwrap()]
}

// ---- someone who left ----

#[test]
fn removing_one_person_is_a_change_named_on_stdout_and_in_the_index() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.create("employees.csv", employees(&[ANNA, CARLA]));

    let run = wrk.plan("out", &["--detailed-exitcode"]);
    run.assert_code(2);
    let minus = lines_with(&run.stdout, "  - ");
    assert_eq!(minus.len(), 1, "{run:?}");
    assert!(minus[0].contains("1234567") && minus[0].contains(BEN_U), "{run:?}");
    assert!(minus[0].contains("<ben@contoso.com>") && minus[0].contains("issued in run 1"), "{run:?}");
    assert!(run.stdout.contains("Plan: 0 to create, 0 to reissue, 1 left, 2 to keep, in 2 organisations."), "{run:?}");
    assert!(!run.stdout.contains("left out by errors"), "nothing was left out by errors: {run:?}");
    // The organisation's counts: + ~ - =, then its MPN ID and name.
    assert!(
        run.stdout
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["0", "0", "1", "1", "1234567", "Contoso", "Ltd"]),
        "{run:?}"
    );
    assert!(run.stdout.contains("and 1 organisation with nothing to do"), "{run:?}");

    let index = wrk.read_string("out/index.html");
    let changes = section(&index, "changes");
    assert!(changes.contains("People who left the export"), "{changes}");
    assert!(changes.contains("ben@contoso.com") && changes.contains(BEN_U), "{changes}");
    assert!(
        changes.contains("<td class=\"num\">1</td><td class=\"num\">1</td></tr>"),
        "Contoso: 1 left, 1 kept: {changes}"
    );
    assert!(changes.contains("1 other organisation has nothing to do"), "{changes}");
    assert!(index.contains("<a href=\"#changes\">Changes</a>"));

    // Nothing is deleted, so the one who left stays a change until someone acts on it.
    wrk.apply("out", &[]).assert_code(0);
    wrk.plan("out", &["--detailed-exitcode"]).assert_code(2);
}

#[test]
fn an_organisation_gone_from_both_exports_lists_its_people_as_left() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    wrk.create("memberships.csv", memberships(&[CONTOSO]));
    wrk.create("employees.csv", employees(&[ANNA, BEN]));
    let run = wrk.plan("out", &["--detailed-exitcode"]);
    run.assert_code(2);
    let org = run.stdout.lines().find(|l| l.contains("2345678") && !l.contains("  - ")).expect("a row for 2345678");
    assert_eq!(org.split_whitespace().take(4).collect::<Vec<_>>(), ["0", "0", "1", "0"], "{org:?}");
    assert!(org.ends_with("(not in this plan)"), "{org:?}");
    assert!(lines_with(&run.stdout, "  - ")[0].contains("carla@fabrikam.onmicrosoft.com"), "{run:?}");
    let index = wrk.read_string("out/index.html");
    assert!(section(&index, "changes").contains("not in this plan"));
}

#[test]
fn nothing_to_do_exits_0_and_says_so() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let run = wrk.plan("out", &["--detailed-exitcode"]);
    run.assert_code(0);
    assert_eq!(
        run.stdout.lines().next(),
        Some("No changes: 3 accounts to keep in 2 organisations; nothing for apply to do.")
    );
    assert!(!run.stdout.contains("Changes ("), "{run:?}");
    let index = wrk.read_string("out/index.html");
    assert!(section(&index, "changes").contains("No changes"));
}

// ---- what apply wrote ----

#[test]
fn a_no_op_reapply_says_nothing_to_do_and_names_no_credentials() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = wrk.files_under("out/credentials");
    let run = loud(&wrk, "apply", "out", &[]);
    run.assert_code(0);
    assert!(
        run.stdout.contains(
            "Nothing to do: no account to create or reissue (0 left, 3 kept, in 2 organisations); no password issued, the ledger stays at run 1."
        ),
        "{run:?}"
    );
    assert!(!run.stdout.contains("credentials"), "no credentials line: {run:?}");
    assert!(!run.stdout.contains("Applied run") && !run.stdout.contains("ledger.csv"), "{run:?}");
    assert!(!run.stderr.contains("credentials"), "no step about credentials: {run:?}");
    assert_eq!(wrk.files_under("out/credentials"), before);
}

#[test]
fn a_second_run_names_every_file_it_wrote_and_what_to_do_next() {
    let wrk = Workdir::baseline();
    let first = loud(&wrk, "apply", "out", &[]);
    first.assert_code(0);
    assert!(
        first.stdout.contains("Applied run 1: 3 created, 0 reissued, 0 left, 0 kept, in 2 organisations, 2 enrolled.")
    );
    let files = wrote(&first);
    assert_eq!(files[0], ["out/credentials/1234567.csv", "2", "temporary", "passwords,", "mode", "0600"], "{first:?}");
    assert_eq!(files[1], ["out/credentials/2345678.csv", "1", "temporary", "password,", "mode", "0600"], "{first:?}");
    assert_eq!(files[2], ["out/ledger.csv", "run", "1"], "{first:?}");

    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    let run = loud(&wrk, "apply", "out", &["--entra-csv"]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("Applied run 2: 1 created, 0 reissued, 0 left, 3 kept, in 2 organisations."),
        "{run:?}"
    );
    assert_eq!(
        lines_with(&run.stdout, "  + "),
        ["  + 1234567  dan@contoso.onmicrosoft.com  Dan Fox <dan@contoso.com>"]
    );
    let files = wrote(&run);
    let named: Vec<&str> = files.iter().map(|l| l[0]).collect();
    assert_eq!(
        named,
        [
            "out/credentials/1234567.run2.csv",
            "out/credentials/1234567.run2.entra.csv",
            "out/ledger.csv",
            "out/index.html,"
        ],
        "{run:?}"
    );
    assert_eq!(files[2], ["out/ledger.csv", "run", "2"], "{run:?}");
    assert_eq!(files[3].join(" "), "out/index.html, out/plan.json, out/findings.csv and out/orgs/ (2 pages)");
    for f in ["out/credentials/1234567.run2.csv", "out/credentials/1234567.run2.entra.csv"] {
        assert!(wrk.exists(f), "{f} named but not written");
    }
    // What to do next, on stderr: the Entra upload, who gets the file, and where it goes.
    assert!(
        run.stderr.contains("upload out/credentials/1234567.run2.entra.csv in the Microsoft Entra admin center"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("give out/credentials/1234567.run2.csv to the admin of Contoso Ltd (1234567)"),
        "{run:?}"
    );
    assert!(run.stderr.contains("Add users using PMC data"), "{run:?}");
    assert!(run.stderr.contains("pmc-migrate status --out out"), "{run:?}");
    // Never a password.
    for cred in parse_credentials("run2", &wrk.read("out/credentials/1234567.run2.csv")) {
        assert!(!run.stdout.contains(&cred.password) && !run.stderr.contains(&cred.password));
    }
}

#[test]
fn individual_creation_names_the_outbox_and_says_to_send_it() {
    let wrk = Workdir::baseline();
    let run = loud(&wrk, "apply", "out", &["--creation", "individual"]);
    run.assert_code(0);
    let files = wrote(&run);
    assert_eq!(files[1], ["out/outbox/1234567/", "2", "sign-on", "emails,", "mode", "0600"], "{run:?}");
    assert_eq!(files[3], ["out/outbox/2345678/", "1", "sign-on", "email,", "mode", "0600"], "{run:?}");
    assert_eq!(wrk.files_under("out/outbox/1234567").len(), 2);
    assert!(run.stderr.contains("send the sign-on emails in out/outbox/"), "{run:?}");
    assert!(run.stderr.contains("who adds each person with Add new user"), "{run:?}");
    assert!(!run.stderr.contains("Add users using PMC data"), "{run:?}");
}

// ---- findings and refusals ----

#[test]
fn a_refusal_prints_the_errors_it_refers_to() {
    let bad = BEN.replace("ben@contoso.com", "ben-at-contoso");
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, &bad, CARLA]));
    for quiet in [false, true] {
        let run = if quiet { wrk.apply("out", &[]) } else { loud(&wrk, "apply", "out", &[]) };
        run.assert_code(1);
        let errors = lines_with(&run.stdout, "employees.csv:3:4: error[invalid-email]: ");
        assert_eq!(errors.len(), 1, "{run:?}");
        assert!(run.stdout.contains("1 error, 0 warnings, 0 info; every finding is in out/findings.csv"), "{run:?}");
        assert!(run.stdout.contains("Not applied: 2 to create"), "{run:?}");
        // The refusal is never silenced, and the errors it points at are above it.
        assert!(
            run.stderr.contains("apply refused: 1 error (listed above; every finding is in out/findings.csv)"),
            "{run:?}"
        );
        assert!(!run.stderr.contains("Next:"), "{run:?}");
        assert!(!wrk.exists("out/credentials"));
    }
}

#[test]
fn the_first_20_errors_and_warnings_are_printed_errors_first() {
    // 25 broken emails (errors) in one organisation, and one expired membership (a warning).
    let expired = FABRIKAM.replace("2025-09-30", "2025-01-31");
    let mut rows = vec![ANNA.to_string()];
    rows.extend((0..25).map(|i| format!("1234567,P{i},Q,broken{i},employee,,,,")));
    let rows: Vec<&str> = rows.iter().map(String::as_str).chain([CARLA]).collect();
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, &expired]), employees(&rows));
    let run = wrk.plan("out", &[]);
    run.assert_code(1);
    let printed: Vec<&str> =
        run.stdout.lines().filter(|l| l.contains(": error[") || l.contains(": warning[")).collect();
    assert_eq!(printed.len(), 20, "{run:?}");
    assert!(
        printed.iter().all(|l| l.starts_with("employees.csv:") && l.contains(": error[invalid-email]: ")),
        "{run:?}"
    );
    assert!(printed[0].starts_with("employees.csv:3:4: "), "{run:?}");
    assert!(run.stdout.contains("… and 6 more errors and warnings\n"), "{run:?}");
    assert!(run.stdout.contains("25 errors, 1 warning, 0 info; every finding is in out/findings.csv"), "{run:?}");
    assert_eq!(findings_csv(&wrk.read("out/findings.csv")).len(), 26);
}

// ---- the listing ----

#[test]
fn the_listing_names_the_first_20_people_and_all_with_changes_all() {
    let mut rows = vec![ANNA.to_string()];
    rows.extend((0..24).map(|i| format!("1234567,P{i},Q,p{i}@contoso.com,employee,,,,")));
    let rows: Vec<&str> = rows.iter().map(String::as_str).chain([CARLA]).collect();
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&rows));
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    let plus = lines_with(&run.stdout, "  + ");
    assert_eq!(plus.len(), 20, "{run:?}");
    assert!(plus[0].contains("anna@contoso.onmicrosoft.com  Anna Lee <anna@contoso.com>"), "{run:?}");
    assert!(
        run.stdout.contains("  … and 6 more people (--changes all lists every one; plan.json has them all)"),
        "{run:?}"
    );
    let all = wrk.plan("out", &["--changes", "all"]);
    assert_eq!(lines_with(&all.stdout, "  + ").len(), 26, "{all:?}");
    assert!(!all.stdout.contains("more people"), "{all:?}");
    let none = wrk.plan("out", &["--changes", "0"]);
    assert_eq!(lines_with(&none.stdout, "  + ").len(), 0, "{none:?}");
    wrk.plan("out", &["--changes", "some"]).assert_code(2);
}

#[test]
fn organisations_come_in_export_order_and_a_reissue_is_a_tilde() {
    let wrk = Workdir::with_inputs(memberships(&[FABRIKAM, CONTOSO]), employees(&[ANNA, BEN, CARLA]));
    wrk.apply("out", &[]).assert_code(0);
    wrk.create("employees.csv", employees(&[ANNA, BEN, CARLA, DAN]));
    wrk.create(
        "status.csv",
        csv(
            "username,signed_in,pu_connected,associated_at",
            &[
                "anna@contoso.onmicrosoft.com,yes,,",
                "ben@contoso.onmicrosoft.com,no,,",
                "carla@fabrikam.onmicrosoft.com,no,,",
            ],
        ),
    );
    let day_91 = add_days(AS_OF, 91);
    let run = wrk.plan("out", &["--as-of", &day_91, "--status", "status.csv", "--detailed-exitcode"]);
    run.assert_code(2);
    let people: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("  + ") || l.starts_with("  ~ ")).collect();
    assert_eq!(people.len(), 3, "{run:?}");
    assert!(
        people[0].starts_with("  ~ 2345678  carla@fabrikam.onmicrosoft.com"),
        "Fabrikam first, as in the export: {run:?}"
    );
    assert!(people[1].starts_with("  ~ 1234567  ben@contoso.onmicrosoft.com"), "{run:?}");
    assert!(people[1].contains("(R7)"), "{run:?}");
    assert!(people[2].starts_with("  + 1234567  dan@contoso.onmicrosoft.com"), "{run:?}");
    assert!(run.stdout.contains("Plan: 1 to create, 2 to reissue, 0 left, 1 to keep, in 2 organisations."), "{run:?}");
}

#[test]
fn quiet_keeps_every_report_and_silences_the_messages() {
    let wrk = Workdir::baseline();
    let loud_plan = loud(&wrk, "plan", "out", &[]);
    let quiet_plan = wrk.plan("out", &[]);
    similar_asserts::assert_eq!(loud_plan.stdout, quiet_plan.stdout);
    assert!(quiet_plan.stdout.contains("Plan: 3 to create"), "{quiet_plan:?}");
    assert!(loud_plan.stderr.contains("Next: review out/index.html"), "{loud_plan:?}");
    assert!(loud_plan.stderr.contains("pmc-migrate apply --plan out/plan.json --out out"), "{loud_plan:?}");
    assert_eq!(quiet_plan.stderr, "", "{quiet_plan:?}");

    let quiet_apply = wrk.apply("out", &[]);
    quiet_apply.assert_code(0);
    assert!(quiet_apply.stdout.contains("Applied run 1") && quiet_apply.stdout.contains("out/credentials/1234567.csv"));
    assert_eq!(quiet_apply.stderr, "", "{quiet_apply:?}");
    // apply --dry-run is plan, to the byte.
    let dry = wrk.apply("out", &["--dry-run"]);
    similar_asserts::assert_eq!(dry.stdout, wrk.plan("out", &[]).stdout);
}

#[test]
fn plurals_are_right_and_there_is_no_colour_off_a_terminal() {
    let expired = CONTOSO.replace("2025-08-31", "2025-01-31");
    let wrk = Workdir::with_inputs(memberships(&[&expired]), employees(&[ANNA]));
    let run = wrk.plan("out", &[]);
    run.assert_code(0);
    assert!(
        run.stdout.contains("Plan: 1 to create, 0 to reissue, 0 left, 0 to keep, in 1 organisation, 1 to enrol."),
        "{run:?}"
    );
    assert!(run.stdout.contains("0 errors, 1 warning, 0 info"), "{run:?}");
    assert!(run.stdout.contains("out/orgs/ (1 page)"), "{run:?}");
    let validate = wrk.validate(&[]);
    assert!(validate.stdout.contains("ready to plan: 1 organisation, 1 account"), "{validate:?}");
    assert!(validate.stdout.contains("0 errors, 1 warning, 0 info"), "{validate:?}");
    for r in [&run, &validate] {
        for wrong in ["1 organisations", "1 warnings", "1 errors", "1 accounts", "1 pages"] {
            assert!(!r.stdout.contains(wrong), "{wrong:?}: {r:?}");
        }
        assert!(!r.stdout.contains('\x1b'), "colour codes off a terminal: {r:?}");
    }
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    // `script` (util-linux, on every Debian and Ubuntu) runs the binary on a pseudo-terminal.
    if !tool(&SCRIPT) {
        return;
    }
    let wrk = Workdir::baseline();
    let command = format!("'{}' {}", env!("CARGO_BIN_EXE_pmc-migrate"), out_args("plan", "out", &[]).join(" "));
    let on_terminal = |no_color: Option<&str>| {
        let mut script = std::process::Command::new(SCRIPT.program);
        script.current_dir(wrk.root()).args(["-qec", &command, "/dev/null"]).env_remove("NO_COLOR");
        if let Some(v) = no_color {
            script.env("NO_COLOR", v);
        }
        let output = script.output().expect("run script(1)");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };
    let coloured = on_terminal(None);
    assert!(coloured.contains("  \x1b[32m+\x1b[0m 1234567  anna@contoso.onmicrosoft.com"), "{coloured:?}");
    let plain = on_terminal(Some("1"));
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("  + 1234567  anna@contoso.onmicrosoft.com"), "{plain:?}");
}
