//! A 2,000-organisation run, 5% of its rows broken, as a reader's browser
//! lays out its index at 390, 768 and 1400 px (`layout`'s measure): with one
//! rule counted 14,000 times, every other bar keeps a visible width and its
//! colour, its count beside it.

use crate::layout::{assert_reads_well, generated_plan};

#[test]
fn a_two_thousand_organisation_run_reads_well_on_a_phone_a_tablet_and_a_desktop() {
    let Some(wrk) = generated_plan("2000", "20000") else {
        return;
    };
    assert_reads_well("2000", &[("index", wrk.path("plan/index.html"))]);
}
