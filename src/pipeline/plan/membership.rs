//! R1–R4: the new Partner Center membership's dates and the overlap window.

use chrono::{Months, NaiveDate};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MembershipDates {
    /// R1: re-enrolling starts the new membership on the cutover date.
    pub pc_start: NaiveDate,
    /// R2: one calendar year after the PMC end (29 Feb → 28 Feb); R4: one year after the cutover when expired.
    pub pc_end: NaiveDate,
    /// R3: both systems from the cutover to the PMC end, both inclusive; none when expired.
    pub overlap_start: Option<NaiveDate>,
    pub overlap_end: Option<NaiveDate>,
    pub overlap_days: u32,
    /// R4: the PMC membership ended before the cutover date.
    pub expired: bool,
}

/// One calendar year later; a leap day becomes 28 February.
pub(crate) fn one_year_after(d: NaiveDate) -> NaiveDate {
    d.checked_add_months(Months::new(12)).expect("dates in range")
}

pub fn membership_dates(pmc_end: NaiveDate, as_of: NaiveDate) -> MembershipDates {
    if pmc_end < as_of {
        return MembershipDates {
            pc_start: as_of,
            pc_end: one_year_after(as_of),
            overlap_start: None,
            overlap_end: None,
            overlap_days: 0,
            expired: true,
        };
    }
    MembershipDates {
        pc_start: as_of,
        pc_end: one_year_after(pmc_end),
        overlap_start: Some(as_of),
        overlap_end: Some(pmc_end),
        overlap_days: ((pmc_end - as_of).num_days() + 1) as u32,
        expired: false,
    }
}

/// The dates of an organisation enrolled by an earlier apply: its recorded
/// start and end, and the overlap measured from that start.
pub(crate) fn enrolled_dates(pmc_end: NaiveDate, pc_start: NaiveDate, pc_end: NaiveDate) -> MembershipDates {
    MembershipDates { pc_end, ..membership_dates(pmc_end, pc_start) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn leap_day_end_plus_one_year_is_28_february() {
        let p = membership_dates(d("2028-02-29"), d("2026-12-01"));
        assert_eq!(p.pc_end, d("2029-02-28"));
        assert_eq!(p.pc_start, d("2026-12-01"));
    }

    #[test]
    fn month_ends_and_ordinary_days() {
        assert_eq!(membership_dates(d("2027-01-31"), d("2026-12-01")).pc_end, d("2028-01-31"));
        assert_eq!(membership_dates(d("2027-06-30"), d("2026-12-01")).pc_end, d("2028-06-30"));
        // 28 Feb before a leap year stays 28 Feb (not 29).
        assert_eq!(membership_dates(d("2027-02-28"), d("2026-12-01")).pc_end, d("2028-02-28"));
    }

    #[test]
    fn overlap_counts_both_ends() {
        let p = membership_dates(d("2026-12-31"), d("2026-12-01"));
        assert_eq!((p.overlap_start, p.overlap_end), (Some(d("2026-12-01")), Some(d("2026-12-31"))));
        assert_eq!(p.overlap_days, 31);
        assert!(!p.expired);
    }

    #[test]
    fn same_day_end_is_one_day_of_overlap() {
        let p = membership_dates(d("2026-12-01"), d("2026-12-01"));
        assert_eq!(p.overlap_days, 1);
        assert!(!p.expired);
        assert_eq!(p.pc_end, d("2027-12-01"));
    }

    #[test]
    fn expired_has_no_overlap_and_ends_a_year_after_cutover() {
        let p = membership_dates(d("2026-11-30"), d("2026-12-01"));
        assert!(p.expired);
        assert_eq!(p.overlap_days, 0);
        assert_eq!(p.overlap_start, None);
        assert_eq!(p.pc_end, d("2027-12-01"));
        // Cutover on a leap day, expired membership: 28 Feb next year.
        assert_eq!(membership_dates(d("2028-01-01"), d("2028-02-29")).pc_end, d("2029-02-28"));
    }
}
