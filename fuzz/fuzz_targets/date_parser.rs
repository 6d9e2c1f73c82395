//! `validate::dates::parse_date` with each `--date-order`. An even first byte
//! feeds the rest as free text and checks the parser's consistency across
//! orders; an odd one builds a year, month and day from the next bytes,
//! writes them in every accepted form and checks the parser against chrono.

#![no_main]

use chrono::{Datelike, NaiveDate};
use libfuzzer_sys::fuzz_target;
use pmc_migrate::DateOrder;
use pmc_migrate::{DateError, LAST_DAY, parse_date};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    if mode & 1 == 0 {
        free_text(&String::from_utf8_lossy(rest));
    } else {
        structured(rest);
    }
});

fn free_text(s: &str) {
    let none = parse_date(s, None);
    let mdy = parse_date(s, Some(DateOrder::Mdy));
    let dmy = parse_date(s, Some(DateOrder::Dmy));
    // With an order given, nothing is ambiguous.
    assert_ne!(mdy, Err(DateError::Ambiguous), "{s:?}");
    assert_ne!(dmy, Err(DateError::Ambiguous), "{s:?}");
    match none {
        // Year-first forms do not depend on the order.
        Ok(d) => {
            assert_eq!(mdy, Ok(d), "{s:?}");
            assert_eq!(dmy, Ok(d), "{s:?}");
        }
        // Invalid without an order: invalid with either.
        Err(DateError::Invalid) => {
            assert_eq!(mdy, Err(DateError::Invalid), "{s:?}");
            assert_eq!(dmy, Err(DateError::Invalid), "{s:?}");
        }
        // Year first but no such day: the same whatever the order.
        Err(e @ DateError::NoSuchDay { .. }) => {
            assert_eq!(mdy, Err(e), "{s:?}");
            assert_eq!(dmy, Err(e), "{s:?}");
        }
        Err(DateError::Ambiguous) => {
            assert!(s.trim().contains('/') && !s.trim().contains('-'), "ambiguous only for slash dates: {s:?}");
        }
        // A real date past 9998-12-31 (year-first): too late whatever the order.
        Err(DateError::TooLate) => {
            assert_eq!(mdy, Err(DateError::TooLate), "{s:?}");
            assert_eq!(dmy, Err(DateError::TooLate), "{s:?}");
        }
    }
    for d in [none, mdy, dmy].into_iter().flatten() {
        assert!((0..=9999).contains(&d.year()), "year of {d} from {s:?}");
        let iso = d.format("%Y-%m-%d").to_string();
        assert_eq!(parse_date(&iso, None), Ok(d), "{iso} round trip (from {s:?})");
        let t = s.trim();
        assert!(
            t.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'/'),
            "a date was read from {s:?}, which has other characters"
        );
        assert!(!(t.contains('-') && t.contains('/')), "mixed separators accepted: {s:?}");
    }
}

fn structured(bytes: &[u8]) {
    let b = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let year = u32::from(u16::from_le_bytes([b(0), b(1)]) % 10_000);
    let month = u32::from(b(2) % 14);
    let day = u32::from(b(3) % 33);
    let pad = b(4);
    // Dates after 9998-12-31 are refused: a year later would not be YYYY-MM-DD.
    let expected = NaiveDate::from_ymd_opt(year as i32, month, day).filter(|d| *d <= LAST_DAY);
    let two = |n: u32, zero: bool| if zero { format!("{n:02}") } else { n.to_string() };
    let (m, d) = (two(month, pad & 1 != 0), two(day, pad & 2 != 0));
    let space = if pad & 4 != 0 { " \t" } else { "" };
    let y = format!("{year:04}");

    for sep in ['-', '/'] {
        let text = format!("{space}{y}{sep}{m}{sep}{d}{space}");
        for order in [None, Some(DateOrder::Mdy), Some(DateOrder::Dmy)] {
            assert_eq!(parse_date(&text, order).ok(), expected, "{text:?} with {order:?}");
        }
    }
    let mdy = format!("{space}{m}/{d}/{y}{space}");
    let dmy = format!("{space}{d}/{m}/{y}{space}");
    assert_eq!(parse_date(&mdy, Some(DateOrder::Mdy)).ok(), expected, "{mdy:?}");
    assert_eq!(parse_date(&dmy, Some(DateOrder::Dmy)).ok(), expected, "{dmy:?}");
    assert_eq!(parse_date(&mdy, None), Err(DateError::Ambiguous), "{mdy:?} needs --date-order");
    // Day-first with a dash is never accepted.
    let dashed = format!("{m}-{d}-{y}");
    assert_eq!(parse_date(&dashed, Some(DateOrder::Mdy)), Err(DateError::Invalid), "{dashed:?}");
}
