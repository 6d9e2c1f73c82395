//! A 2,000-organisation run, 5% of its rows broken, as a reader's browser
//! lays out its index at 390, 768 and 1400 px (`layout`'s measure): with one
//! rule counted 14,000 times, every other bar keeps a visible width and its
//! colour, its count beside it; and the page opens with what a reviewer needs
//! first (errors, totals, what an apply will do), the long tables after.

use crate::layout::{assert_reads_well, generated_plan};

/// A phone's screen at 390 px wide (an iPhone 12 to 14 is 390 × 844).
const PHONE_SCREEN: u64 = 844;
/// The Totals heading and its first row of tiles.
const TOTALS_HEAD: u64 = 200;

#[test]
fn a_two_thousand_organisation_run_reads_well_on_a_phone_a_tablet_and_a_desktop() {
    let Some(wrk) = generated_plan("2000", "20000") else {
        return;
    };
    let measured = assert_reads_well("2000", &[("index", wrk.path("plan/index.html"))]);
    let phone = measured.iter().find(|m| m.width == 390).expect("measured at 390 px");
    let top = |id: &str| phone.tops.get(id).and_then(|v| v.as_u64()).unwrap_or_else(|| panic!("no section #{id}"));
    assert!(
        top("totals") + TOTALS_HEAD <= PHONE_SCREEN,
        "at 390 px the totals start {} px down, past the first phone screen: {:?}",
        top("totals"),
        phone.tops
    );
    assert!(top("will-do") < 2 * PHONE_SCREEN, "what an apply will do is buried: {:?}", phone.tops);
    for long in ["changes", "organisations", "finding-list", "accounts"] {
        assert!(top(long) > top("will-do"), "#{long} comes before the summary: {:?}", phone.tops);
    }
}
