//! `apply --plan` names the real cause when it can't go ahead: something that
//! is not a plan, or a plan made for another output folder, is a wrong
//! argument (exit 2); only a plan its inputs or ledger have moved past is a
//! refusal (exit 1, "stale plan", `review_and_handoff.rs`). Nothing is written
//! in any case.

use crate::common::*;

fn apply_plan(wrk: &Workdir, plan: &str, out: &str) -> Run {
    wrk.run(["apply", "--plan", plan, "--out", out, "--quiet"])
}

fn planned() -> Workdir {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    wrk
}

fn assert_nothing_applied(wrk: &Workdir) {
    for dir in ["out", "other"] {
        assert!(!wrk.exists(&format!("{dir}/ledger.csv")), "{:?}", wrk.listing());
        assert!(wrk.files_under(&format!("{dir}/credentials")).is_empty(), "{:?}", wrk.listing());
    }
}

#[test]
fn a_csv_given_as_the_plan_is_a_usage_error_naming_it() {
    let wrk = planned();
    let run = apply_plan(&wrk, "memberships.csv", "out");
    run.assert_code(2);
    assert!(
        run.stderr.contains("memberships.csv is not a plan.json written by `pmc-migrate plan` (it is not JSON"),
        "{run:?}"
    );
    assert!(!run.stderr.contains("stale"), "{run:?}");
    assert_nothing_applied(&wrk);
}

#[test]
fn json_that_is_not_a_plan_is_a_usage_error() {
    let wrk = planned();
    for (text, why) in [
        (r#"{"hello": "world"}"#, "it is JSON, but not a plan"),
        ("[1, 2, 3]", "it is JSON, but not a plan"),
        (r#"{"tool": {"name": "other"}}"#, "it is JSON, but not a plan"),
    ] {
        wrk.create("other.json", text);
        let run = apply_plan(&wrk, "other.json", "out");
        run.assert_code(2);
        assert!(
            run.stderr.contains(&format!("other.json is not a plan.json written by `pmc-migrate plan` ({why}")),
            "{run:?}"
        );
    }
    assert_nothing_applied(&wrk);
}

#[test]
fn a_plan_made_for_another_folder_says_which_folder() {
    let wrk = planned();
    assert_eq!(wrk.json("out/plan.json")["out"], "out");
    let run = apply_plan(&wrk, "out/plan.json", "other");
    run.assert_code(2);
    assert!(run.stderr.contains("out/plan.json was made for the output folder out, not other"), "{run:?}");
    assert!(run.stderr.contains("apply it with --out out"), "{run:?}");
    assert!(!run.stderr.contains("another apply ran"), "{run:?}");
    assert!(!wrk.exists("other"), "the other folder was created: {:?}", wrk.listing());
    assert_nothing_applied(&wrk);
}

#[test]
fn the_same_folder_spelled_another_way_is_the_same_folder() {
    for out in ["./out", "out/"] {
        let wrk = planned();
        let run = apply_plan(&wrk, "out/plan.json", out);
        run.assert_code(0);
        assert_eq!(wrk.files_under("out/credentials").len(), 2, "{out}: {:?}", wrk.listing());
    }
}
