//! One date grammar (design §9): `--as-of`, the exports' dates and status
//! timestamps all take `YYYY-MM-DD` and `YYYY/M/D`, with an optional `H:MM`.

use crate::common::*;

#[test]
fn as_of_takes_the_slash_form_the_data_uses() {
    let contoso = "1234567,Contoso Ltd,Gold,2018/9/30,2027/9/29 0:00,yes,contoso.onmicrosoft.com,TW";
    let wrk = Workdir::with_inputs(memberships(&[contoso]), employees(&[ANNA]));
    let run =
        wrk.run(["validate", "--memberships", "memberships.csv", "--employees", "employees.csv"].into_iter().chain([
            "--as-of",
            "2026/12/1",
            "--quiet",
        ]));
    run.assert_code(0);
    assert!(run.stdout.contains("0 errors"), "{run:?}");
}

#[test]
fn as_of_far_from_today_is_refused_as_a_typo() {
    let wrk = Workdir::baseline();
    for (when, why) in [("1999/12/31", "before 2000"), ("2126-12-01", "more than ten years from now")] {
        let run =
            wrk.run(["validate", "--memberships", "memberships.csv", "--employees", "employees.csv", "--as-of", when]);
        run.assert_code(2);
        assert!(run.stderr.contains(why), "{run:?}");
    }
}
