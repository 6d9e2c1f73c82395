//! The kill test: SIGINT and SIGKILL at random points of plan and of apply,
//! each followed by `apply --plan` of whatever plan.json is there. It never
//! applies a plan whose report set was not complete, never leaves a password
//! file outside credentials/, outbox/ and a staging folder the next run
//! removes, and never loses a ledger row. A small count here;
//! `scripts/kill-test.sh` runs the full one (30 trials on 100k rows).

use super::*;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// `PMC_MIGRATE_KILL_<name>` as a number, or `default`.
fn setting(name: &str, default: u64) -> u64 {
    std::env::var(format!("PMC_MIGRATE_KILL_{name}")).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// xorshift64: random enough for when to kill, and repeatable from its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn ledger_rows(wrk: &Workdir) -> BTreeSet<String> {
    if !wrk.exists("out/ledger.csv") {
        return BTreeSet::new();
    }
    wrk.read_string("out/ledger.csv").lines().skip(1).map(str::to_string).collect()
}

/// Password files below `out` must be in credentials/, outbox/ or a staging folder.
fn assert_passwords_in_place(wrk: &Workdir, when: &str) {
    for f in password_files(wrk, "out") {
        let ok = ["out/credentials/", "out/outbox/", "out/.staging/"].iter().any(|p| f.starts_with(p));
        assert!(ok, "{when}: a password file outside its places: {f}");
    }
}

/// `args` killed by `signal` after `delay` (or finished before it).
fn run_killed(wrk: &Workdir, args: &[String], signal: i32, delay: Duration) {
    let mut child =
        wrk.command(args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap();
    let start = Instant::now();
    while start.elapsed() < delay {
        if child.try_wait().unwrap().is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // SAFETY: kill only sends a signal to the child we started.
    unsafe { libc::kill(child.id() as i32, signal) };
    child.wait().unwrap();
}

#[test]
fn kills_at_random_points_never_apply_an_unreviewed_plan_strand_a_password_or_lose_a_ledger_row() {
    let trials = setting("TRIALS", 4);
    let rows = setting("ROWS", 2000);
    let seed = setting("SEED", 0x5eed_0fc0_ffee);
    eprintln!("kill test: {trials} trials on {rows} rows, PMC_MIGRATE_KILL_SEED={seed}");
    let mut random = Random(seed);
    let wrk = Workdir::new();
    let orgs = (rows / 20).max(1).to_string();
    for (folder, export_seed) in [("a", "1"), ("b", "2")] {
        let args =
            ["generate", "--orgs", &orgs, "--employees", &rows.to_string(), "--out", folder, "--seed", export_seed];
        wrk.run(args).assert_code(0);
    }
    let command = |verb: &str, export: &str| -> Vec<String> {
        let (m, e) = (format!("{export}/memberships.csv"), format!("{export}/employees.csv"));
        let args = [verb, "--memberships", &m, "--employees", &e, "--out", "out", "--as-of", "2026-12-01", "--quiet"];
        args.map(String::from).to_vec()
    };
    // How long a whole run takes, so the kills fall all along it.
    let start = Instant::now();
    wrk.run(command("plan", "a")).assert_code(0);
    let span = start.elapsed().as_millis() as u64 * 3;

    for trial in 0..trials {
        let verb = if random.below(2) == 0 { "plan" } else { "apply" };
        let export = if random.below(2) == 0 { "a" } else { "b" };
        let signal = if random.below(2) == 0 { libc::SIGINT } else { libc::SIGKILL };
        let delay = Duration::from_millis(random.below(span));
        let what = format!("trial {trial}: {verb} {export}, signal {signal} after {delay:?}");
        let before = ledger_rows(&wrk);
        run_killed(&wrk, &command(verb, export), signal, delay);
        assert_passwords_in_place(&wrk, &what);
        assert!(before.is_subset(&ledger_rows(&wrk)), "{what}: a ledger row was lost");

        if wrk.exists("out/plan.json") {
            let complete = wrk.json("out/plan.json")["report_sha256"] == report_digest(&wrk, "out");
            let before = ledger_rows(&wrk);
            let run = wrk.run(["apply", "--plan", "out/plan.json", "--out", "out", "--quiet"]);
            assert!(run.code == 0 || run.code == 1, "{what}: {run:?}");
            assert!(complete || run.code != 0, "{what}: applied a plan whose report set was not complete");
            assert!(before.is_subset(&ledger_rows(&wrk)), "{what}: apply --plan lost a ledger row");
            assert!(!wrk.exists("out/.staging"), "{what}: the next run left a staging folder");
            assert_passwords_in_place(&wrk, &what);
        }
    }
}
