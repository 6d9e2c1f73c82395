//! The one date grammar of design §3 and §9, shared by the exports' dates,
//! the status export's timestamps and `--as-of`: year first (`YYYY-MM-DD`,
//! `YYYY/M/D`) always, the slash forms `M/D/YYYY` / `D/M/YYYY` only when
//! `--date-order` says which, each with an optional time `H:MM` (or
//! `H:MM:SS`, after a space or a `T`, with an optional `Z`).

use crate::core::finding::{Rule, quote};
use crate::core::options::DateOrder;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not a date in any accepted form.
    Invalid,
    /// Shaped like a date, but no such day (2023-02-29, 2026-13-01).
    NoSuchDay { year: i32, month: u32, day: u32 },
    /// `1/2/2024` without `--date-order`.
    Ambiguous,
    /// After [`LAST_DAY`]: a year later could not be written as YYYY-MM-DD.
    TooLate,
}

/// The last date the tool plans with: R2 adds a year, and every date it
/// writes must stay a four-digit-year `YYYY-MM-DD`. (Exports often write
/// 9999-12-31 for "never ends".)
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9998, 12, 31).expect("valid");

/// A date of the grammar; a time after it is read and dropped.
pub fn parse_date(s: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateError> {
    parse_datetime(s, order).map(|dt| dt.date())
}

/// A date of the grammar and its time (midnight when none is written).
pub(crate) fn parse_datetime(s: &str, order: Option<DateOrder>) -> Result<NaiveDateTime, DateError> {
    let s = s.trim();
    let (day, time) = match s.split_once([' ', 'T']) {
        Some((day, time)) => (day, Some(parse_time(time.trim_start()).ok_or(DateError::Invalid)?)),
        None => (s, None),
    };
    Ok(day_only(day, order)?.and_time(time.unwrap_or(NaiveTime::MIN)))
}

/// `9:30`, `09:30:15`, `09:30Z`: hours of one or two digits, minutes and seconds of two.
fn parse_time(t: &str) -> Option<NaiveTime> {
    let t = t.strip_suffix('Z').unwrap_or(t);
    let parts: Vec<&str> = t.split(':').collect();
    let digits = |p: &&str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(2..=3).contains(&parts.len()) || !digits(&parts[0], 1..=2) || !parts[1..].iter().all(|p| digits(p, 2..=2)) {
        return None;
    }
    let num = |i: usize| parts.get(i).map_or(Some(0), |p| p.parse::<u32>().ok());
    NaiveTime::from_hms_opt(num(0)?, num(1)?, num(2)?)
}

fn day_only(s: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateError> {
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
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or(DateError::NoSuchDay { year: y, month: m, day: d })?;
    if date > LAST_DAY {
        return Err(DateError::TooLate);
    }
    Ok(date)
}

/// `--as-of` of validate, plan, apply and generate: a day of the grammar (a
/// time after it is read and dropped); the error says what is wrong, for clap.
pub(crate) fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    parse_moment(s, "a date in YYYY-MM-DD form").map(|dt| dt.date())
}

/// `--as-of` of status: a moment of the grammar. `what` names the form in
/// the message for text that is no date at all.
pub(crate) fn parse_moment(s: &str, what: &str) -> Result<NaiveDateTime, String> {
    // The clock is read for this refusal only: no output depends on it.
    moment_on(s, what, chrono::Local::now().date_naive())
}

/// [`parse_moment`] on the day `today`. A cutover before 2000 or more than
/// ten years ahead is a typo (a year of two digits, a digit too many): refused.
fn moment_on(s: &str, what: &str, today: NaiveDate) -> Result<NaiveDateTime, String> {
    let day = s.trim().split([' ', 'T']).next().unwrap_or("");
    let moment = parse_datetime(s, None).map_err(|e| match e {
        DateError::NoSuchDay { year, month, day: d } => format!("{day}: {}", no_such_day(year, month, d)),
        DateError::TooLate => format!("{day}: after 9998-12-31, the last date a plan can reach"),
        DateError::Ambiguous => format!("{s}: could be month/day or day/month: write it YYYY-MM-DD"),
        DateError::Invalid => format!("{s:?} is not {what} (YYYY/M/D and a time H:MM are read too)"),
    })?;
    let latest = today.checked_add_months(chrono::Months::new(120)).unwrap_or(LAST_DAY);
    if moment.date().year() < 2000 {
        return Err(format!("{day}: before 2000, too early for a cutover (is the year right?)"));
    }
    if moment.date() > latest {
        return Err(format!("{day}: more than ten years from now, too late for a cutover (is the year right?)"));
    }
    Ok(moment)
}

/// Why year-month-day is no day: "there is no month 13", "February 2026 has 28 days".
pub(crate) fn no_such_day(year: i32, month: u32, day: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if !(1..=12).contains(&month) {
        return format!("there is no month {month}");
    }
    if day == 0 {
        return "there is no day 0".to_string();
    }
    let days = (28..=31).rev().find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some()).unwrap_or(31);
    format!("{} {year} has {days} days", MONTHS[month as usize - 1])
}

/// The finding for a date that could not be read.
pub(crate) fn date_finding(raw: &str, e: DateError) -> (Rule, String) {
    match e {
        DateError::Invalid => {
            (Rule::InvalidDate, format!("date {} is not a valid date (write YYYY-MM-DD)", quote(raw)))
        }
        DateError::NoSuchDay { year, month, day } => {
            (Rule::InvalidDate, format!("date {} is no such day: {}", quote(raw), no_such_day(year, month, day)))
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
        assert_eq!(parse_date("2023-02-29", None), Err(DateError::NoSuchDay { year: 2023, month: 2, day: 29 }));
        assert_eq!(parse_date("2024-13-01", None), Err(DateError::NoSuchDay { year: 2024, month: 13, day: 1 }));
        assert_eq!(parse_date("tomorrow", None), Err(DateError::Invalid));
        assert_eq!(parse_date("2024-01", None), Err(DateError::Invalid));
        assert_eq!(parse_date("2024-01/02", None), Err(DateError::Invalid));
        assert_eq!(parse_date("", None), Err(DateError::Invalid));
    }

    #[test]
    fn dates_after_9998_are_refused_and_as_of_is_strict() {
        assert_eq!(parse_date("9999-12-31", None), Err(DateError::TooLate));
        assert_eq!(parse_as_of("2026-12-01"), Ok(ymd(2026, 12, 1)));
        for bad in ["+2025-06-01", "-0001-01-01", "10000-01-01", "9999-01-01", "2026-01", "2026-02-30"] {
            assert!(parse_as_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn messages_say_what_is_wrong_with_a_day() {
        assert_eq!(parse_as_of("2026-02-29"), Err("2026-02-29: February 2026 has 28 days".to_string()));
        assert_eq!(parse_as_of("2026-13-01"), Err("2026-13-01: there is no month 13".to_string()));
        assert_eq!(parse_as_of("2026-04-31"), Err("2026-04-31: April 2026 has 30 days".to_string()));
        assert_eq!(parse_as_of("2026-00-10"), Err("2026-00-10: there is no month 0".to_string()));
        assert_eq!(parse_as_of("2026-01-00"), Err("2026-01-00: there is no day 0".to_string()));
        assert_eq!(parse_as_of("2024-02-30"), Err("2024-02-30: February 2024 has 29 days".to_string()));
        assert!(parse_as_of("9999-01-01").unwrap_err().contains("9998-12-31"));
        assert!(parse_as_of("tomorrow").unwrap_err().contains("YYYY-MM-DD"));
        let (rule, message) = date_finding("2/29/2026", parse_date("2/29/2026", Some(DateOrder::Mdy)).unwrap_err());
        assert_eq!(rule, Rule::InvalidDate);
        assert_eq!(message, "date \"2/29/2026\" is no such day: February 2026 has 28 days");
    }

    #[test]
    fn slash_dates_need_an_order() {
        assert_eq!(parse_date("3/4/2025", None), Err(DateError::Ambiguous));
        assert_eq!(parse_date("3/25/2025", None), Err(DateError::Ambiguous));
        assert_eq!(parse_date("3/4/2025", Some(DateOrder::Mdy)), Ok(ymd(2025, 3, 4)));
        assert_eq!(parse_date("3/4/2025", Some(DateOrder::Dmy)), Ok(ymd(2025, 4, 3)));
        assert!(matches!(parse_date("2/29/2023", Some(DateOrder::Mdy)), Err(DateError::NoSuchDay { .. })));
        assert_eq!(parse_date("3-4-2025", Some(DateOrder::Mdy)), Err(DateError::Invalid));
    }

    #[test]
    fn one_grammar_with_an_optional_time() {
        let at = |y, m, d, h, min| ymd(y, m, d).and_hms_opt(h, min, 0).unwrap();
        assert_eq!(parse_date("2018/9/30", None), Ok(ymd(2018, 9, 30)));
        assert_eq!(parse_date("2018/9/30 0:00", None), Ok(ymd(2018, 9, 30)));
        assert_eq!(parse_datetime("2026/12/1 9:30", None), Ok(at(2026, 12, 1, 9, 30)));
        assert_eq!(parse_datetime("2026-12-01T09:30:15Z", None), Ok(ymd(2026, 12, 1).and_hms_opt(9, 30, 15).unwrap()));
        assert_eq!(parse_datetime("3/4/2026 9:30", Some(DateOrder::Dmy)), Ok(at(2026, 4, 3, 9, 30)));
        assert_eq!(parse_datetime("3/4/2026 9:30", None), Err(DateError::Ambiguous));
        for bad in ["2026-12-01 junk", "2026-12-01 25:00", "2026-12-01 9:3", "2026-12-01T"] {
            assert_eq!(parse_datetime(bad, None), Err(DateError::Invalid), "{bad}");
        }
    }

    #[test]
    fn as_of_takes_the_grammar_and_a_plausible_year() {
        let today = ymd(2026, 12, 7);
        let on = |s: &str| moment_on(s, "a date", today).map(|dt| dt.date());
        assert_eq!(on("2026/12/01"), Ok(ymd(2026, 12, 1)));
        assert_eq!(on("2026/12/1 9:30"), Ok(ymd(2026, 12, 1)));
        assert_eq!(on("2036-12-07"), Ok(ymd(2036, 12, 7)));
        assert!(on("2036-12-08").unwrap_err().contains("more than ten years"));
        assert!(on("1999-12-31").unwrap_err().contains("before 2000"));
        assert!(on("1/2/2026").unwrap_err().contains("month/day or day/month"));
        assert_eq!(on("2026-02-29T10:00"), Err("2026-02-29: February 2026 has 28 days".to_string()));
    }
}
