//! Calendar arithmetic for the store: day numbers (days since 1970-01-01, kept in integer columns so
//! that ranges, sums and indexes stay cheap), the event dates vigie writes at their precision, and the
//! periods (day, week, month) a relations series is cut into.

use jiff::civil::{Date, ISOWeekDate, Weekday};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use vigie_core::dates::Precision;

const EPOCH: Date = Date::constant(1970, 1, 1);
const SECONDS_PER_DAY: i64 = 86_400;

/// The day number of a date: days since 1970-01-01, negative before.
pub fn day_number(date: Date) -> i64 {
    date.duration_since(EPOCH).as_secs() / SECONDS_PER_DAY
}

/// The date of a day number, or `None` outside the years jiff supports.
pub fn date_of_day(day: i64) -> Option<Date> {
    let seconds = day.checked_mul(SECONDS_PER_DAY)?;
    EPOCH.checked_add(SignedDuration::from_secs(seconds)).ok()
}

/// The UTC day number of an instant.
pub fn day_of_timestamp(at: Timestamp) -> i64 {
    at.as_second().div_euclid(SECONDS_PER_DAY)
}

/// The month of a day as one number, `year × 12 + month − 1`, so that months sort and subtract.
pub fn month_number(day: i64) -> Option<i64> {
    let date = date_of_day(day)?;
    Some(i64::from(date.year()) * 12 + i64::from(date.month()) - 1)
}

/// The day number of the Monday that starts a day's ISO week (1970-01-05, day 4, was a Monday).
pub fn week_start(day: i64) -> i64 {
    day - (day - 4).rem_euclid(7)
}

/// The day number of the first day of a month number.
pub fn month_start(month: i64) -> Option<i64> {
    let year = i16::try_from(month.div_euclid(12)).ok()?;
    let month = i8::try_from(month.rem_euclid(12) + 1).ok()?;
    Some(day_number(Date::new(year, month, 1).ok()?))
}

/// An event date as an interval of days: a day, an ISO week, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayInterval {
    pub start: i64,
    pub end: i64,
    pub precision: Precision,
}

impl DayInterval {
    pub fn day(day: i64) -> DayInterval {
        DayInterval {
            start: day,
            end: day,
            precision: Precision::Day,
        }
    }
}

/// Parses an event date in the forms vigie writes (`2025-09-20`, `2025-W38`, `2025-09`, `2025`) into
/// the interval of days it covers. Anything else is `None`: a stored record never fails on its date.
pub fn parse_event_date(text: &str) -> Option<DayInterval> {
    let number = |s: &str| -> Option<i64> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let year = i16::try_from(number(parts.first()?)?).ok()?;
    let (start, end, precision) = match parts.as_slice() {
        [_] => {
            let first = Date::new(year, 1, 1).ok()?;
            (first, first.last_of_year(), Precision::Year)
        }
        [_, week] if week.starts_with('W') => {
            let week = i8::try_from(number(&week[1..])?).ok()?;
            let monday = ISOWeekDate::new(year, week, Weekday::Monday).ok()?.date();
            let sunday = ISOWeekDate::new(year, week, Weekday::Sunday).ok()?.date();
            (monday, sunday, Precision::Week)
        }
        [_, month] => {
            let first = Date::new(year, i8::try_from(number(month)?).ok()?, 1).ok()?;
            (first, first.last_of_month(), Precision::Month)
        }
        [_, month, day] => {
            let date = Date::new(
                year,
                i8::try_from(number(month)?).ok()?,
                i8::try_from(number(day)?).ok()?,
            )
            .ok()?;
            (date, date, Precision::Day)
        }
        _ => return None,
    };
    Some(DayInterval {
        start: day_number(start),
        end: day_number(end),
        precision,
    })
}

/// The lower-case name of a precision, as vigie's records spell it.
pub fn precision_name(precision: Precision) -> &'static str {
    match precision {
        Precision::Day => "day",
        Precision::Week => "week",
        Precision::Month => "month",
        Precision::Year => "year",
    }
}

pub fn parse_precision(name: &str) -> Option<Precision> {
    match name {
        "day" => Some(Precision::Day),
        "week" => Some(Precision::Week),
        "month" => Some(Precision::Month),
        "year" => Some(Precision::Year),
        _ => None,
    }
}

/// The length of time one point of a relations series covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    #[default]
    Month,
}

impl Period {
    /// The first day of the period that contains `date` (weeks start on Monday, as ISO weeks do).
    pub fn start_of(self, date: Date) -> Date {
        match self {
            Period::Day => date,
            Period::Week => date
                .checked_sub(SignedDuration::from_hours(
                    24 * i64::from(date.weekday().to_monday_zero_offset()),
                ))
                .unwrap_or(date),
            Period::Month => date.first_of_month(),
        }
    }

    /// The first day of the next period, given the first day of one.
    pub fn next(self, start: Date) -> Option<Date> {
        match self {
            Period::Day => start.checked_add(SignedDuration::from_hours(24)).ok(),
            Period::Week => start.checked_add(SignedDuration::from_hours(24 * 7)).ok(),
            Period::Month => start
                .last_of_month()
                .checked_add(SignedDuration::from_hours(24))
                .ok(),
        }
    }

    /// The period's name for people: `2025-09-16`, `2025-W38`, `2025-09`.
    pub fn label(self, start: Date) -> String {
        match self {
            Period::Day => start.to_string(),
            Period::Week => {
                let week = start.iso_week_date();
                format!("{:04}-W{:02}", week.year(), week.week())
            }
            Period::Month => format!("{:04}-{:02}", start.year(), start.month()),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(1970, 1, 2)), 1);
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        for d in [date(2025, 9, 16), date(1962, 3, 19), date(2100, 2, 28)] {
            assert_eq!(date_of_day(day_number(d)), Some(d));
        }
    }

    #[test]
    fn month_numbers_round_trip() {
        let day = day_number(date(2025, 9, 17));
        let month = month_number(day).expect("month");
        assert_eq!(month, 2025 * 12 + 8);
        assert_eq!(month_start(month), Some(day_number(date(2025, 9, 1))));
        assert_eq!(month_start(month + 4), Some(day_number(date(2026, 1, 1))));
        assert_eq!(
            month_number(day_number(date(1969, 12, 31))),
            Some(1969 * 12 + 11)
        );
    }

    #[test]
    fn event_dates_at_each_precision() {
        let d = |y, m, dd| day_number(date(y, m, dd));
        assert_eq!(
            parse_event_date("2025-09-20"),
            Some(DayInterval::day(d(2025, 9, 20)))
        );
        let week = parse_event_date("2025-W38").expect("week");
        assert_eq!(
            (week.start, week.end, week.precision),
            (d(2025, 9, 15), d(2025, 9, 21), Precision::Week)
        );
        let month = parse_event_date("2024-02").expect("month");
        assert_eq!((month.start, month.end), (d(2024, 2, 1), d(2024, 2, 29)));
        let year = parse_event_date("2025").expect("year");
        assert_eq!(year.end - year.start, 364);
        for bad in [
            "",
            "2025-13",
            "2025-02-30",
            "x",
            "2025-W60",
            "2025-09-20-1",
            "+2025",
        ] {
            assert_eq!(parse_event_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_start_and_advance() {
        let wednesday = date(2025, 9, 17);
        assert_eq!(Period::Week.start_of(wednesday), date(2025, 9, 15));
        assert_eq!(Period::Month.start_of(wednesday), date(2025, 9, 1));
        assert_eq!(
            Period::Month.next(date(2025, 12, 1)),
            Some(date(2026, 1, 1))
        );
        assert_eq!(
            Period::Week.next(date(2025, 9, 15)),
            Some(date(2025, 9, 22))
        );
        assert_eq!(Period::Week.label(date(2025, 9, 15)), "2025-W38");
        assert_eq!(Period::Month.label(date(2025, 9, 1)), "2025-09");
    }
}
