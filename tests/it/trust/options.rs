//! Options are honoured or refused, never ignored.

use super::*;

#[test]
fn apply_plan_refuses_every_option_the_plan_fixed_and_names_them() {
    let wrk = Workdir::baseline();
    wrk.plan("out", &[]).assert_code(0);
    let run = wrk.run([
        "apply",
        "--plan",
        "out/plan.json",
        "--out",
        "out",
        "--creation",
        "individual",
        "--lang",
        "zh-TW",
        "--as-of",
        "2025-07-01",
        "--strict",
    ]);
    run.assert_code(2);
    assert!(run.stderr.contains("--as-of, --creation, --strict, --lang: the reviewed plan fixes these"), "{run:?}");
    assert!(!wrk.exists("out/ledger.csv") && !wrk.exists("out/credentials"), "nothing was written");
    // What the plan does not fix is still this run's to choose.
    wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--quiet", "--jobs", "1"]).assert_code(0);
}

#[test]
fn a_creation_other_than_the_earlier_runs_is_refused_and_no_report_points_at_a_missing_outbox() {
    let wrk = Workdir::baseline();
    wrk.apply("out", &[]).assert_code(0);
    let before = (wrk.read("out/index.html"), wrk.read("out/plan.json"), wrk.read("out/ledger.csv"));
    let run = wrk.apply("out", &["--creation", "individual"]);
    run.assert_code(1);
    assert!(run.stderr.contains("the earlier runs in this folder created accounts in bulk"), "{run:?}");
    assert!(run.stderr.contains("--creation bulk"), "{run:?}");
    assert_eq!((wrk.read("out/index.html"), wrk.read("out/plan.json"), wrk.read("out/ledger.csv")), before);
    assert!(!wrk.exists("out/outbox"));
    // The ledger records it: a run the same way goes on as before.
    assert!(wrk.read_string("out/ledger.csv").lines().next().unwrap().ends_with(",creation"));
    wrk.apply("out", &["--creation", "bulk"]).assert_code(0);
}
