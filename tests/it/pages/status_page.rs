//! status.html of the samples' team, three weeks after cutover, with an
//! export that lacks six accounts, names a stranger and holds 20 cells that
//! cannot be read: the banner counts the 7 disagreements apart from the 20
//! cells, and at 390, 768 and 1400 px no table scrolls sideways and every
//! address breaks only after its `@` and `.`.

use crate::common::*;
use crate::layout::{assert_reads_well, ledger_usernames};
use crate::tools::{CHROMIUM, PYTHON3, tool};

/// A team-status export of `ledger.csv`'s accounts: every fifth left out,
/// a Partner University cell of every third "maybe" and an association
/// time of every third "soon" (neither can be read), and one stranger.
fn team_status(ledger: &str) -> String {
    let mut out = String::from("username,signed_in,pu_connected,associated_at\n");
    for (i, username) in ledger_usernames(ledger).iter().enumerate() {
        if i % 5 == 4 {
            continue;
        }
        let pu = ["maybe", "yes", "no"][i % 3];
        let associated = if i % 3 == 0 {
            "soon"
        } else if i % 2 == 1 {
            "2026-12-10T09:30"
        } else {
            ""
        };
        out.push_str(&format!("{username},yes,{pu},{associated}\n"));
    }
    out.push_str("a.very.long.stranger.name.with.many.parts@nowhere-at-all-consulting.onmicrosoft.com,yes,,\n");
    out
}

#[test]
fn status_counts_disagreements_apart_and_fits_a_phone_a_tablet_and_a_desktop() {
    let wrk = Workdir::with_samples_in("samples");
    wrk.apply("out", &["--as-of", "2026-12-01"]).assert_code(0);
    wrk.create("status.csv", team_status(&wrk.read_string("out/ledger.csv")));
    wrk.run(["status", "--out", "out", "--status", "status.csv", "--as-of", "2026-12-20", "--quiet"]).assert_code(1);
    let html = wrk.read_string("out/status.html");
    let banner = html.split("<p class=\"banner").nth(1).expect("a banner");
    let banner = &banner[..banner.find("</p>").unwrap()];
    assert!(
        banner.contains("disagree in 7 places, and 20 cells or rows of the status export could not be read"),
        "{banner}"
    );
    assert!(html.contains("ahmed.<wbr>alfarsi@<wbr>contoso.<wbr>com"), "addresses break after @ and .");
    if !(tool(&CHROMIUM) && tool(&PYTHON3)) {
        return;
    }
    let measured = assert_reads_well("status", &[("status", wrk.path("out/status.html"))]);
    for m in &measured {
        assert!(m.scrolling_tables.is_empty(), "at {} px tables scroll sideways: {:?}", m.width, m.scrolling_tables);
    }
}
