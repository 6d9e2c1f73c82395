//! The change listing on a terminal fits its width: long names and addresses
//! lose their middles to `…`, the sign and the username stay whole, CJK
//! characters count two columns; piped, every line stays whole. And the
//! listing's page count is the progress line's.

use crate::common::*;
use crate::tools::{SCRIPT, tool};
use unicode_width::UnicodeWidthStr;

const LONG: &str = "1234567,Maximiliane-Alexandrine,Vandenberghe-Oosterhuis,\
                    max.vandenberghe@research-and-development.contoso-international.com,employee,,,,";
const CJK: &str = "1234567,歐陽,志遠光明燦爛的未來,ouyang.zhiyuan.guangming@contoso.com,employee,,,,";

/// `command` run by sh on a pseudo-terminal of `cols` columns, with `NO_COLOR`
/// and `TERM` unset but for `env`; what it printed.
pub(super) fn on_terminal(wrk: &Workdir, cols: u16, command: &str, env: &[(&str, &str)]) -> String {
    let line = format!("stty rows 50 cols {cols}; {command}");
    let mut script = std::process::Command::new(SCRIPT.program);
    script.current_dir(wrk.root()).args(["-qec", &line, "/dev/null"]).env_remove("NO_COLOR").env_remove("TERM");
    let output = script.envs(env.iter().copied()).output().expect("run script(1)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().replace("\r\n", "\n")
}

/// `plan` of the work directory's exports into `out`, as a shell command.
pub(super) fn plan_command() -> String {
    format!("'{}' {}", env!("CARGO_BIN_EXE_pmc-migrate"), out_args("plan", "out", &[]).join(" "))
}

#[test]
fn person_lines_fit_an_80_column_terminal_and_stay_whole_when_piped() {
    if !tool(&SCRIPT) {
        return;
    }
    let wrk = Workdir::with_inputs(memberships(&[CONTOSO, FABRIKAM]), employees(&[ANNA, BEN, CARLA, LONG, CJK]));
    let screen = on_terminal(&wrk, 80, &plan_command(), &[("NO_COLOR", "1")]);
    let people: Vec<&str> = screen.lines().filter(|l| l.starts_with("  + ")).collect();
    assert_eq!(people.len(), 5, "{screen}");
    for line in &people {
        assert!(line.width() <= 80, "{} columns: {line:?}", line.width());
    }
    let long = people.iter().find(|l| l.contains("max.vandenberghe@")).unwrap();
    // The username is whole; the name and the address lost their middles.
    assert!(long.starts_with("  + 1234567  max.vandenberghe@contoso.onmicrosoft.com  "), "{long:?}");
    assert!(long.contains("Max") && long.contains('…') && long.ends_with("com>"), "{long:?}");
    let cjk = people.iter().find(|l| l.contains("ouyang.zhiyuan.guangming@contoso.onmicrosoft.com")).unwrap();
    assert!(cjk.width() <= 80 && cjk.chars().count() < cjk.width(), "{cjk:?}");

    // Piped: the lines as they were, whole.
    let piped = wrk.plan("out", &[]);
    let line = piped.stdout.lines().find(|l| l.contains("Maximiliane")).unwrap();
    assert!(
        line.ends_with(
            "Maximiliane-Alexandrine Vandenberghe-Oosterhuis \
             <max.vandenberghe@research-and-development.contoso-international.com>"
        ),
        "{line:?}"
    );
}

#[test]
fn the_listing_and_the_progress_line_count_the_same_pages() {
    if !tool(&SCRIPT) {
        return;
    }
    let wrk = Workdir::baseline();
    let screen = on_terminal(&wrk, 120, &plan_command().replace(" --quiet", ""), &[("NO_COLOR", "1")]);
    assert!(screen.contains("out/orgs/ (2 pages)"), "{screen}");
    assert!(screen.contains("✓ wrote 2 pages and index.html in "), "{screen}");
}
