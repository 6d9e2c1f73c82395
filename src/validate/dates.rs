//! Date forms of SPEC §3: `YYYY-MM-DD` always, `YYYY/MM/DD`, and the slash
//! forms `M/D/YYYY` / `D/M/YYYY` only when `--date-order` says which.

use crate::finding::{Rule, quote};
use crate::options::DateOrder;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form, or no such day (2023-02-29).
    Invalid,
    /// `1/2/2024` without `--date-order`.
    Ambiguous,
    /// After [`LAST_DAY`]: a year later could not be written as YYYY-MM-DD.
    TooLate,
}

/// The last date the tool plans with: R2 adds a year, and every date it
/// writes must stay a four-digit-year `YYYY-MM-DD`. (Exports often write
/// 9999-12-31 for "never ends".)
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9998, 12, 31).expect("valid");

pub fn parse_date(s: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit())) {
        return Err(DateError::Invalid);
    }
    let sep_dash = s.contains('-');
    if sep_dash && s.contains('/') {
        return Err(DateError::Invalid);
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| DateError::Invalid);
    let (y, m, d) = if parts[0].len() == 4 {
        // Year first: YYYY-MM-DD or YYYY/MM/DD.
        if parts[1].len() > 2 || parts[2].len() > 2 {
            return Err(DateError::Invalid);
        }
        (num(parts[0])? as i32, num(parts[1])?, num(parts[2])?)
    } else if !sep_dash && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        let (a, b, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])? as i32);
        match order {
            Some(DateOrder::Mdy) => (y, a, b),
            Some(DateOrder::Dmy) => (y, b, a),
            None => return Err(DateError::Ambiguous),
        }
    } else {
        return Err(DateError::Invalid);
    };
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::Invalid)?;
    if date > LAST_DAY {
        return Err(DateError::TooLate);
    }
    Ok(date)
}

/// `--as-of`: exactly `YYYY-MM-DD` (no sign, four-digit year), not after [`LAST_DAY`].
pub fn parse_as_of(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|_| shaped)?;
    (date <= LAST_DAY).then_some(date)
}

/// The finding for a date that could not be read.
pub fn date_finding(raw: &str, e: DateError) -> (Rule, String) {
    match e {
        DateError::Invalid => {
            (Rule::InvalidDate, format!("date {} is not a valid date (write YYYY-MM-DD)", quote(raw)))
        }
        DateError::TooLate => (
            Rule::InvalidDate,
            format!(
                "date {} is after 9998-12-31 (often written for \"never ends\"): one year later can't be planned; write the real end date",
                quote(raw)
            ),
        ),
        DateError::Ambiguous => (
            Rule::AmbiguousDate,
            format!("date {} could be month/day or day/month: pass --date-order mdy or --date-order dmy", quote(raw)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn iso_and_year_first_slash_always_work() {
        assert_eq!(parse_date("2024-02-29", None), Ok(ymd(2024, 2, 29)));
        assert_eq!(parse_date("2024/12/01", None), Ok(ymd(2024, 12, 1)));
        assert_eq!(parse_date(" 2024-3-7 ", None), Ok(ymd(2024, 3, 7)));
    }

    #[test]
    fn impossible_days_are_invalid() {
        assert_eq!(parse_date("2023-02-29", None), Err(DateError::Invalid));
        assert_eq!(parse_date("2024-13-01", None), Err(DateError::Invalid));
        assert_eq!(parse_date("tomorrow", None), Err(DateError::Invalid));
        assert_eq!(parse_date("2024-01", None), Err(DateError::Invalid));
        assert_eq!(parse_date("2024-01/02", None), Err(DateError::Invalid));
        assert_eq!(parse_date("", None), Err(DateError::Invalid));
    }

    #[test]
    fn dates_after_9998_are_refused_and_as_of_is_strict() {
        assert_eq!(parse_date("9999-12-31", None), Err(DateError::TooLate));
        assert_eq!(parse_as_of("2026-12-01"), Some(ymd(2026, 12, 1)));
        for bad in ["+2025-06-01", "-0001-01-01", "10000-01-01", "9999-01-01", "2026-1-01", "2026-02-30"] {
            assert_eq!(parse_as_of(bad), None, "{bad}");
        }
    }

    #[test]
    fn slash_dates_need_an_order() {
        assert_eq!(parse_date("3/4/2025", None), Err(DateError::Ambiguous));
        assert_eq!(parse_date("3/25/2025", None), Err(DateError::Ambiguous));
        assert_eq!(parse_date("3/4/2025", Some(DateOrder::Mdy)), Ok(ymd(2025, 3, 4)));
        assert_eq!(parse_date("3/4/2025", Some(DateOrder::Dmy)), Ok(ymd(2025, 4, 3)));
        assert_eq!(parse_date("2/29/2023", Some(DateOrder::Mdy)), Err(DateError::Invalid));
        assert_eq!(parse_date("3-4-2025", Some(DateOrder::Mdy)), Err(DateError::Invalid));
    }
}
