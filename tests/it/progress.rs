//! Progress on stderr, for the person at the terminal: `plan` and `apply` run
//! under a real pseudo-terminal (tmux, at 80 and 150 columns), and the final
//! screen must hold nothing of the progress but one `✓` summary line per
//! counted stage. Without a terminal, or with `--quiet`, nothing is drawn.
//!
//! The tmux tests skip (with a note) where tmux is missing, and fail when
//! `CI` is set: `.ci/run` installs it (see `tools`).

use crate::common::*;
use crate::tools::{TMUX, tool};
use std::process::Command;
use std::time::{Duration, Instant};

/// The marker the shell prints after each run, with its exit code.
const DONE: &str = "run-done";

/// A work directory with generated exports big enough to draw every bar.
fn generated() -> Workdir {
    let wrk = Workdir::new();
    wrk.run(["generate", "--orgs", "150", "--employees", "3000", "--out", "."]).assert_code(0);
    wrk
}

fn inputs(command: &str, out: &str) -> String {
    format!("{command} --memberships memberships.csv --employees employees.csv --as-of 2026-12-01 --out {out}")
}

/// A tmux server of this test's own: its socket in the work directory (so it
/// goes away with it), no user config.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    fn tmux(&self, args: &[&str]) -> std::process::Output {
        let output = Command::new("tmux").arg("-S").arg(&self.socket).args(["-f", "/dev/null"]).args(args).output();
        output.expect("run tmux")
    }

    /// The screen and its scrollback, as text.
    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-J", "-S", "-"]).stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// Run `script` (sh) in `wrk` on a `width`-column terminal until it has printed
/// `runs` done-markers; the final screen, scrollback included.
fn screen_after(wrk: &Workdir, width: u16, script: &str, runs: usize) -> String {
    let tmux = Tmux { socket: wrk.path(&format!("tmux-{width}-{runs}.sock")) };
    let bin = env!("CARGO_BIN_EXE_pmc-migrate");
    // Stay open after the runs, so that the screen can be read: `read` waits
    // until the server is killed.
    let script = format!("PATH={}:$PATH; {script}; read -r _", std::path::Path::new(bin).parent().unwrap().display());
    let (w, root) = (width.to_string(), wrk.root().display().to_string());
    let started = tmux.tmux(&["new-session", "-d", "-x", &w, "-y", "60", "-c", &root, "sh", "-c", &script]);
    assert!(started.status.success(), "tmux: {}", String::from_utf8_lossy(&started.stderr));
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let screen = tmux.capture();
        if screen.matches(DONE).count() >= runs {
            // Let the terminal settle after the last write.
            std::thread::sleep(Duration::from_millis(300));
            return tmux.capture();
        }
        assert!(Instant::now() < deadline, "the runs did not finish; screen:\n{screen}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Every non-blank line of `screen` that is not a done-marker.
fn screen_lines(screen: &str) -> Vec<&str> {
    screen.lines().map(str::trim_end).filter(|l| !l.is_empty() && !l.starts_with(DONE)).collect()
}

/// The stages that draw a bar or a spinner.
const STAGES: [&str; 12] = [
    "loading",
    "validating",
    "deduplicating",
    "grouping by organisation",
    "planning",
    "writing plan.json",
    "writing pages",
    "writing reports",
    "issuing passwords",
    "writing credentials",
    "committing credential files",
    "writing status",
];

/// A line that is a drawn bar or spinner, or what is left of one: a spinner
/// glyph, a bar (`[===>  ]`), or a line that starts with a stage's name.
/// (Messages on stderr, if any, are none of these.)
fn is_progress(line: &str) -> bool {
    let spinner = line.chars().any(|c| ('\u{2800}'..='\u{28FF}').contains(&c));
    let bar = line.contains("[=") || line.contains("[>") || line.contains("[ ") || line.contains("=]");
    spinner || bar || STAGES.iter().any(|s| line.trim_start().starts_with(s))
}

/// The `✓` summary lines of `screen`, after checking nothing else of the progress is there.
fn summaries(screen: &str, what: &str) -> Vec<String> {
    for line in screen_lines(screen) {
        assert!(!is_progress(line), "{what}: progress left on the screen: {line:?}\n{screen}");
    }
    screen_lines(screen).into_iter().filter(|l| l.starts_with("✓ ")).map(String::from).collect()
}

#[test]
fn plan_and_apply_leave_one_summary_line_per_counted_stage_and_nothing_else() {
    if !tool(&TMUX) {
        return;
    }
    let wrk = generated();
    for width in [80, 150] {
        let (plan_out, apply_out) = (format!("plan{width}"), format!("apply{width}"));
        // Reports to files: what is left on the screen is stderr alone.
        let script = format!(
            "pmc-migrate {} >plan.txt; echo {DONE}=$?; pmc-migrate {} --creation individual >apply.txt; echo {DONE}=$?",
            inputs("plan", &plan_out),
            inputs("apply", &apply_out),
        );
        let screen = screen_after(&wrk, width, &script, 2);
        assert!(screen.contains(&format!("{DONE}=0\n")), "{width} columns, a run failed:\n{screen}");
        assert!(!screen.contains(&format!("{DONE}=1")) && !screen.contains(&format!("{DONE}=2")), "{screen}");
        let lines = summaries(&screen, &format!("{width} columns"));
        let expected = [
            // plan
            "✓ loaded 2 files, ",
            "✓ validated 3,150 rows in ",
            "✓ wrote 150 pages and index.html in ",
            // apply
            "✓ loaded 2 files, ",
            "✓ validated 3,150 rows in ",
            "✓ wrote 3,150 files with passwords in ",
            "✓ wrote 150 pages and index.html in ",
        ];
        assert_eq!(lines.len(), expected.len(), "{width} columns:\n{screen}");
        for (line, start) in lines.iter().zip(expected) {
            assert!(line.starts_with(start), "{width} columns: {line:?} is not {start:?}…\n{screen}");
            // Not padded to the terminal's width (which -J would join with the next line).
            assert!(line.len() < 80, "{width} columns: a padded line: {line:?}");
        }
    }
}

#[test]
fn quiet_draws_nothing_even_on_a_terminal() {
    if !tool(&TMUX) {
        return;
    }
    let wrk = generated();
    let script = format!("pmc-migrate {} --quiet >plan.txt; echo {DONE}=$?", inputs("plan", "out"));
    let screen = screen_after(&wrk, 80, &script, 1);
    assert!(screen.contains(&format!("{DONE}=0")), "{screen}");
    assert_eq!(summaries(&screen, "--quiet"), Vec::<String>::new(), "{screen}");
}

#[test]
fn without_a_terminal_nothing_is_drawn_and_timings_still_work() {
    let wrk = generated();
    let args: Vec<String> = inputs("plan", "out").split(' ').map(String::from).collect();
    let run = wrk.run(&args);
    run.assert_code(0);
    // stderr is a pipe: no bar, no summary line, no escape sequence.
    for line in run.stderr.lines() {
        assert!(!is_progress(line) && !line.starts_with("✓ "), "{run:?}");
    }
    assert!(!run.stderr.contains('\r') && !run.stderr.contains('\x1b'), "{run:?}");

    let output = wrk.command(&args).env("PMC_MIGRATE_TIMINGS", "1").output().expect("run pmc-migrate");
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    let timings: Vec<&str> = stderr.lines().filter(|l| l.starts_with("timing: ")).collect();
    for stage in [
        "loading",
        "validating",
        "deduplicating",
        "grouping by organisation",
        "planning",
        "writing pages",
        "writing reports",
    ] {
        assert!(timings.iter().any(|l| l.starts_with(&format!("timing: {stage} "))), "{stage}: {stderr}");
    }
    for line in timings {
        assert!(line.contains(" s, cpu ") && line.contains(" s, rss ") && line.contains(", peak "), "{line:?}");
    }
}

#[test]
fn ctrl_c_mid_plan_clears_the_bars_and_leaves_one_line() {
    if !tool(&TMUX) {
        return;
    }
    let wrk = generated();
    for width in ["80", "150"] {
        let tmux = Tmux { socket: wrk.path(&format!("tmux-ctrl-c-{width}.sock")) };
        let bin = std::path::Path::new(env!("CARGO_BIN_EXE_pmc-migrate")).parent().unwrap().display().to_string();
        // The shell survives the Ctrl-C (a trap, which its child does not inherit) to print the exit code.
        let script = format!(
            "PATH={bin}:$PATH; trap true INT; PMC_MIGRATE_PAUSE=writing-pages pmc-migrate {} >plan.txt; \
             echo {DONE}=$?; read -r _",
            inputs("plan", &format!("out{width}"))
        );
        let root = wrk.root().display().to_string();
        let started = tmux.tmux(&["new-session", "-d", "-x", width, "-y", "40", "-c", &root, "sh", "-c", &script]);
        assert!(started.status.success(), "tmux: {}", String::from_utf8_lossy(&started.stderr));
        let wait_for = |text: &str| {
            let deadline = Instant::now() + Duration::from_secs(120);
            loop {
                let screen = tmux.capture();
                if screen.contains(text) {
                    return screen;
                }
                assert!(Instant::now() < deadline, "never saw {text:?}; screen:\n{screen}");
                std::thread::sleep(Duration::from_millis(100));
            }
        };
        // The pages' bar at 0: the run waits at the pause, right after drawing it.
        // The organisation pages, as the listing's "orgs/ (150 pages)" counts them.
        let during = wait_for("0/150 pages");
        assert!(screen_lines(&during).iter().any(|l| is_progress(l)), "no bar to clear:\n{during}");
        // As a person does: Ctrl-C, which the terminal echoes as ^C.
        tmux.tmux(&["send-keys", "C-c"]);
        wait_for(DONE);
        std::thread::sleep(Duration::from_millis(300));
        let screen = tmux.capture();
        assert!(screen.contains(&format!("{DONE}=130")), "{screen}");
        let lines = screen_lines(&screen);
        let progress: Vec<&&str> = lines.iter().filter(|l| is_progress(l) && !l.starts_with("✓ ")).collect();
        assert!(progress.is_empty(), "{width} columns: progress left on the screen: {progress:?}\n{screen}");
        let said = format!("pmc-migrate: interrupted; the report in out{width} is still the previous one");
        assert!(lines.contains(&said.as_str()), "{width} columns:\n{screen}");
        assert!(!wrk.exists(&format!("out{width}/.report-new")) && !wrk.exists(&format!("out{width}/plan.json")));
    }
}
