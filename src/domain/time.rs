//! UK local time: the one place that turns what people type into instants and back.
//!
//! Everything is stored and computed as UTC instants; people enter and read
//! Europe/London wall-clock time. A deadline of 72 hours is 72 real hours, so
//! arithmetic is done on instants and only the display is local.

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Timelike, Utc};
use chrono_tz::Europe::London;
use chrono_tz::Tz;
use serde::Serializer;
use thiserror::Error;

/// An unambiguous point in time.
pub type Instant = DateTime<Utc>;

/// The time zone every person-facing time is in.
pub const UK: Tz = London;

/// Why a typed time or date could not be understood.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum TimeError {
    #[error("`{0}` is not a time: use YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM or RFC 3339")]
    NotATime(String),
    #[error("`{0}` is not a date: use YYYY-MM-DD or DD/MM/YYYY")]
    NotADate(String),
    #[error("`{0}` does not exist in UK time: the clocks went forward that night")]
    SkippedByClockChange(String),
}

const LOCAL_FORMATS: [&str; 5] =
    ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"];

/// Parses a time as people and files give it: UK local `YYYY-MM-DD HH:MM`,
/// `DD/MM/YYYY HH:MM`, or RFC 3339 with an explicit offset.
pub fn parse_instant(text: &str) -> Result<Instant, TimeError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    // chrono's `%Y` takes any number of digits: `14/12/26` would be the year 26.
    let date = text.split([' ', 'T']).next().unwrap_or_default();
    for format in LOCAL_FORMATS {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format)
            && four_digit_year(date)
        {
            return from_uk_local(naive).ok_or_else(|| TimeError::SkippedByClockChange(text.to_string()));
        }
    }
    Err(TimeError::NotATime(text.to_string()))
}

/// The instant a UK wall-clock reading means. In the repeated hour when the
/// clocks go back, the first (BST) reading is taken: write RFC 3339 with
/// `+00:00` to mean the second. `None` for the hour skipped in spring.
pub fn from_uk_local(naive: NaiveDateTime) -> Option<Instant> {
    match UK.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Some(first.with_timezone(&Utc)),
        LocalResult::None => None,
    }
}

/// Parses a date: `YYYY-MM-DD` or `DD/MM/YYYY`.
pub fn parse_date(text: &str) -> Result<NaiveDate, TimeError> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .ok()
        .filter(|_| four_digit_year(text))
        .ok_or_else(|| TimeError::NotADate(text.to_string()))
}

/// Whether a file's `YYYY-MM-DD` or `DD/MM/YYYY` date has its year in four
/// digits. A file is read exactly: `14/12/26` is refused rather than guessed
/// (the forms read a two-digit year as this century; a file says what it means).
fn four_digit_year(date: &str) -> bool {
    let year = if date.contains('/') { date.rsplit('/').next() } else { date.split('-').next() };
    year.is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

/// The UK wall-clock reading of an instant.
pub fn to_uk(t: Instant) -> DateTime<Tz> {
    t.with_timezone(&UK)
}

/// The UK calendar date an instant falls on.
pub fn uk_date(t: Instant) -> NaiveDate {
    to_uk(t).date_naive()
}

/// ISO 8601 in UK local time with its offset: `2026-03-31T21:00:00+01:00`.
pub fn iso_local(t: Instant) -> String {
    to_uk(t).to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// What a person reads on screen: `Tue 31 Mar 2026 21:00`, `Tue 1 Dec 2026
/// 09:30`: the day unpadded, as the forms and their messages write it
/// ([`crate::domain::when::describe`]), so one screen never mixes `1 Dec`
/// and `01 Dec`. Numeric dates (`01/12`) stay padded.
pub fn display_local(t: Instant) -> String {
    to_uk(t).format(LONG_DAY_TIME).to_string()
}

/// The header clock's forms: `Tue 1 Dec 2026 09:30 GMT`, `Tue 1 Dec 09:30`.
pub fn display_clock(t: Instant, with_year_and_zone: bool) -> String {
    let format = if with_year_and_zone { "%a %-d %b %Y %H:%M %Z" } else { "%a %-d %b %H:%M" };
    to_uk(t).format(format).to_string()
}

const LONG_DAY_TIME: &str = "%a %-d %b %Y %H:%M";

/// A compact form for table cells: `Tue 31/03 21:00` in the UK year of
/// `now`, and with its year, `Thu 19/12/2024 15:18`, in any other, so a date
/// from last December never reads as this one. The one rule for every short
/// date on a screen or in a table.
pub fn display_short(t: Instant, now: Instant) -> String {
    let format = if same_year(t, now) { "%a %d/%m %H:%M" } else { "%a %d/%m/%Y %H:%M" };
    to_uk(t).format(format).to_string()
}

/// [`display_short`] without the weekday, for the narrowest cells:
/// `31/03 21:00`, or `19/12/2024 15:18` outside the year of `now`.
pub fn display_compact(t: Instant, now: Instant) -> String {
    let format = if same_year(t, now) { "%d/%m %H:%M" } else { "%d/%m/%Y %H:%M" };
    to_uk(t).format(format).to_string()
}

/// Whether `t` falls in the UK calendar year of `now`: the rule for when a
/// short date shows its year.
fn same_year(t: Instant, now: Instant) -> bool {
    to_uk(t).year() == to_uk(now).year()
}

/// The form written to CSV so that it reads back to the same instant:
/// `YYYY-MM-DD HH:MM` where that is exact, RFC 3339 with offset where the
/// wall clock alone would be ambiguous (either reading of the repeated autumn
/// hour, so a reader is never left guessing) or would drop seconds.
pub fn csv_local(t: Instant) -> String {
    let local = to_uk(t);
    let plain = local.format("%Y-%m-%d %H:%M").to_string();
    let unambiguous = matches!(UK.from_local_datetime(&local.naive_local()), LocalResult::Single(_));
    if local.second() == 0 && local.nanosecond() == 0 && unambiguous { plain } else { iso_local(t) }
}

/// The storage form: UTC, second precision, sortable as text: `2026-03-31T20:00:00Z`.
pub fn db_text(t: Instant) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads the storage form back.
pub fn from_db_text(text: &str) -> Result<Instant, TimeError> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|_| TimeError::NotATime(text.to_string()))
}

/// serde helper: an instant as UK local ISO 8601 with offset.
pub fn serialize_local<S: Serializer>(t: &Instant, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&iso_local(*t))
}

/// serde helper: an optional instant as UK local ISO 8601, or null.
pub fn serialize_local_opt<S: Serializer>(t: &Option<Instant>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&iso_local(*t)),
        None => s.serialize_none(),
    }
}

/// Whole minutes from `from` to `to`, truncated toward zero (negative when `to` is earlier).
pub fn minutes_between(from: Instant, to: Instant) -> i64 {
    (to - from).num_minutes()
}

/// A signed span of minutes as people read it on a chase list: `5h 12m`,
/// `2d 3h`, `-1d 3h` when overdue, `-0h 20m` just overdue.
pub fn format_span(minutes: i64) -> String {
    let sign = if minutes < 0 { "-" } else { "" };
    let m = minutes.unsigned_abs();
    let (days, hours, mins) = (m / 1440, (m % 1440) / 60, m % 60);
    if days > 0 { format!("{sign}{days}d {hours}h") } else { format!("{sign}{hours}h {mins}m") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> Instant {
        from_db_text(s).expect("test instant")
    }

    #[test]
    fn local_time_in_summer_is_an_hour_ahead_of_utc() {
        assert_eq!(parse_instant("2026-07-01 12:00"), Ok(utc("2026-07-01T11:00:00Z")));
        assert_eq!(parse_instant("01/07/2026 12:00"), Ok(utc("2026-07-01T11:00:00Z")));
    }

    #[test]
    fn local_time_in_winter_is_utc() {
        assert_eq!(parse_instant("2026-01-15 09:30"), Ok(utc("2026-01-15T09:30:00Z")));
    }

    #[test]
    fn rfc3339_keeps_its_offset() {
        assert_eq!(parse_instant("2026-03-31T21:00:00+01:00"), Ok(utc("2026-03-31T20:00:00Z")));
        assert_eq!(parse_instant("2026-03-31T20:00:00Z"), Ok(utc("2026-03-31T20:00:00Z")));
    }

    #[test]
    fn the_hour_skipped_in_spring_is_refused() {
        // Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
        assert_eq!(parse_instant("2026-03-29 01:30"), Err(TimeError::SkippedByClockChange("2026-03-29 01:30".into())));
        assert_eq!(parse_instant("2026-03-29 00:59"), Ok(utc("2026-03-29T00:59:00Z")));
        assert_eq!(parse_instant("2026-03-29 02:00"), Ok(utc("2026-03-29T01:00:00Z")));
    }

    #[test]
    fn the_repeated_autumn_hour_takes_the_first_reading() {
        // Clocks go back at 02:00 BST on Sunday 25 October 2026.
        assert_eq!(parse_instant("2026-10-25 01:30"), Ok(utc("2026-10-25T00:30:00Z")));
        assert_eq!(parse_instant("2026-10-25T01:30:00+00:00"), Ok(utc("2026-10-25T01:30:00Z")));
    }

    #[test]
    fn csv_form_reads_back_to_the_same_instant_even_in_the_repeated_hour() {
        for s in [
            "2026-10-25T00:30:00Z",
            "2026-10-25T01:30:00Z",
            "2026-03-29T01:00:00Z",
            "2024-02-29T23:59:00Z",
            "2026-05-01T10:00:17Z",
        ] {
            let t = utc(s);
            assert_eq!(parse_instant(&csv_local(t)), Ok(t), "{s} via {}", csv_local(t));
        }
        assert_eq!(csv_local(utc("2026-10-25T01:30:00Z")), "2026-10-25T01:30:00+00:00");
        assert_eq!(csv_local(utc("2026-10-25T00:30:00Z")), "2026-10-25T01:30:00+01:00");
        assert_eq!(csv_local(utc("2026-07-01T11:00:00Z")), "2026-07-01 12:00");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!(matches!(parse_instant("2026-02-31 10:00"), Err(TimeError::NotATime(_))));
        assert!(matches!(parse_instant("2025-02-29 10:00"), Err(TimeError::NotATime(_))));
        assert!(parse_instant("2024-02-29 10:00").is_ok());
        assert!(matches!(parse_instant("yesterday"), Err(TimeError::NotATime(_))));
        assert!(matches!(parse_instant(""), Err(TimeError::NotATime(_))));
        assert!(matches!(parse_date("31/02/2020"), Err(TimeError::NotADate(_))));
        assert_eq!(parse_date("29/02/2024"), Ok(NaiveDate::from_ymd_opt(2024, 2, 29).expect("date")));
    }

    #[test]
    fn a_file_s_two_digit_year_is_refused_not_read_as_the_first_century() {
        for text in ["14/12/26", "14/12/026", "1/1/99", "26-12-14", "14/12/+2026"] {
            assert_eq!(parse_date(text), Err(TimeError::NotADate(text.into())), "{text}");
        }
        for text in ["14/12/26 09:30", "26-12-14 09:30", "26-12-14T09:30"] {
            assert_eq!(parse_instant(text), Err(TimeError::NotATime(text.into())), "{text}");
        }
    }

    #[test]
    fn iso_local_carries_the_offset_in_force() {
        assert_eq!(iso_local(utc("2026-03-31T20:00:00Z")), "2026-03-31T21:00:00+01:00");
        assert_eq!(iso_local(utc("2026-12-25T09:00:00Z")), "2026-12-25T09:00:00+00:00");
    }

    #[test]
    fn spans_read_as_hours_and_minutes_or_days_and_hours() {
        assert_eq!(format_span(312), "5h 12m");
        assert_eq!(format_span(0), "0h 0m");
        assert_eq!(format_span(1439), "23h 59m");
        assert_eq!(format_span(1440), "1d 0h");
        assert_eq!(format_span(-(1440 + 180)), "-1d 3h");
        assert_eq!(format_span(-20), "-0h 20m");
    }

    #[test]
    fn long_dates_write_the_day_as_the_forms_do() {
        let t = utc("2026-12-01T09:30:00Z");
        assert_eq!(display_local(t), "Tue 1 Dec 2026 09:30");
        assert_eq!(display_local(t), crate::domain::when::describe(t).trim_end_matches(" GMT"));
        assert_eq!(display_clock(t, false), "Tue 1 Dec 09:30");
        assert_eq!(display_clock(t, true), "Tue 1 Dec 2026 09:30 GMT");
        assert_eq!(display_local(utc("2026-12-21T09:30:00Z")), "Mon 21 Dec 2026 09:30");
    }

    #[test]
    fn short_dates_carry_the_year_only_outside_the_current_one() {
        let now = utc("2026-12-02T00:58:00Z");
        assert_eq!(display_short(utc("2026-11-29T12:05:00Z"), now), "Sun 29/11 12:05");
        assert_eq!(display_short(utc("2024-12-19T15:18:00Z"), now), "Thu 19/12/2024 15:18");
        assert_eq!(display_short(utc("2027-01-04T09:00:00Z"), now), "Mon 04/01/2027 09:00", "next year too");
        // The edge is the New Year itself.
        let new_year = utc("2027-01-01T00:00:00Z");
        assert_eq!(display_short(utc("2026-12-31T23:59:00Z"), new_year), "Thu 31/12/2026 23:59");
        assert_eq!(display_short(new_year, new_year), "Fri 01/01 00:00");
        assert_eq!(display_compact(utc("2026-11-29T12:05:00Z"), now), "29/11 12:05");
        assert_eq!(display_compact(utc("2024-12-19T15:18:00Z"), now), "19/12/2024 15:18");
    }

    #[test]
    fn minutes_truncate_toward_zero() {
        let a = utc("2026-01-01T00:00:00Z");
        assert_eq!(minutes_between(a, a + chrono::Duration::seconds(119)), 1);
        assert_eq!(minutes_between(a, a - chrono::Duration::seconds(119)), -1);
    }
}
