//! Forgiving date and time entry for keyboard forms.
//!
//! Co-ordinators type times all day from police notifications, so a field
//! accepts the shapes people actually type and shows what it understood
//! ([`describe`]) or one sentence saying why it cannot ([`WhenError`]).
//! "Now" and "today" are always parameters: nothing here reads the clock.
//!
//! Decisions, so every form has one meaning:
//! - **Whole minutes.** Every time [`parse_when`] returns is a whole minute.
//!   `now` and the relative forms start from `now` with its seconds dropped,
//!   and seconds typed or pasted (`09:30:45`, RFC 3339) are dropped too, so
//!   `-0m` equals `now` and a time entered twice compares equal.
//! - **Relative forms are real elapsed time**: `-24h` across the spring clock
//!   change lands at a different wall-clock hour, as a 72-hour deadline does.
//! - **A date without a year**, in a time or a date field, takes the year
//!   that puts it closest to today (on 2 Jan `30/12` is last December, on
//!   30 Dec `02/01` is next January); an exact tie goes to the past, since
//!   most entries record what happened.
//! - **A two-digit year is this century**: `14/12/26` is 2026 and `31/12/99`
//!   2099 in every field, dates of birth included (a date of birth then in
//!   the future is refused by the child's checks, saying so).
//! - **Dates of birth** ([`parse_birth_day`]) need their year: a birthday
//!   without one, or `+14d`, is not a date of birth.
//! - **Relative dates** (`+14d`, `-3d`) count whole days from today.
//! - **The repeated autumn hour** takes the first (BST) reading unless `GMT`
//!   follows the time; [`describe`] always shows which, and reads back exactly.
//! - **Years 1900 to 2100 only**: outside them it is a typo in this service,
//!   and before 1847 UK clocks were not even a whole number of minutes off UTC.

use std::iter::successors;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use thiserror::Error;

use super::time::{Instant, UK, to_uk, uk_date};

/// Why typed text is not a time or date, as one sentence the person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WhenError {
    #[error("enter a time")]
    Empty,
    #[error("enter a date")]
    EmptyDay,
    #[error("not understood: try now, today 14:30, -2h, 28/11 0930 or 2026-11-28 09:30")]
    NotUnderstood,
    #[error("not understood: try 4/5/2026, 4/5/26, 4/5, today, yesterday or +14d")]
    DayNotUnderstood,
    #[error("not understood: try 2010-05-04, 4/5/2010, 4/5/10, today or yesterday")]
    BirthNotUnderstood,
    /// The date as typed: a date alone is the commonest slip in a time field.
    #[error("give a time too, e.g. {0} 0930")]
    NoTime(String),
    #[error("give the year too, e.g. 4/5/2010")]
    NoYear,
    #[error("there is no month {0}: months go 1 to 12")]
    NotAMonth(u32),
    /// The day and month named, with the year if one was typed: `31 February`.
    #[error("{0} is not a date")]
    NotADate(String),
    #[error("29 February {0} is not a date: {0} is not a leap year")]
    NotALeapYear(i32),
    #[error("{0} is not a time of day: hours go 0 to 23 and minutes 00 to 59")]
    NotATimeOfDay(String),
    #[error("{date} is a {actual}, not a {given}")]
    WrongWeekday { date: String, actual: &'static str, given: &'static str },
    #[error("{at} does not exist in UK time: the clocks went forward from {from} to {to}")]
    Skipped { at: String, from: String, to: String },
    #[error("UK clocks are on {zone} at {at}, not {given}")]
    WrongZone { at: String, zone: String, given: String },
    #[error("{0} is not a year this service can record: use 1900 to 2100")]
    YearOutOfRange(i32),
    /// The relative text as typed, when it runs off the calendar or the allowed years.
    #[error("{0} is too far from now: check the number")]
    TooFar(String),
    /// What the time was understood as, so the person sees what to correct.
    #[error("{0} is in the future")]
    InFuture(String),
}

use WhenError::*;

/// Years a time or date may fall in (see the module notes).
const YEARS: RangeInclusive<i32> = 1900..=2100;
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
const WEEKDAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/// The abbreviations UK clocks have shown (BDST: double summer time in the 1940s).
const UK_ZONES: [&str; 3] = ["GMT", "BST", "BDST"];

/// Parses any time, past or future (a planned meeting, say).
/// See the module notes for the forms and the decisions behind them.
pub fn parse_when(text: &str, now: Instant) -> Result<Instant, WhenError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Empty);
    }
    let t = if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        to_minute(t.with_timezone(&Utc))
    } else {
        let words = words(text);
        let now = to_minute(now);
        match words.as_slice() {
            [w] if w.eq_ignore_ascii_case("now") => now,
            [first, ..] if first.starts_with(['-', '+']) => return relative(text, &words.concat(), now),
            _ => local(&words, uk_date(now))?,
        }
    };
    let year = uk_date(t).year();
    if YEARS.contains(&year) { Ok(t) } else { Err(YearOutOfRange(year)) }
}

/// Parses a time that has already happened: as [`parse_when`], but a time
/// after `now` is refused. `now` itself (to the minute) is accepted.
pub fn parse_past(text: &str, now: Instant) -> Result<Instant, WhenError> {
    let t = parse_when(text, now)?;
    if t > now { Err(InFuture(describe(t))) } else { Ok(t) }
}

/// A time as the form shows it, in UK local time with the zone in force:
/// `Sat 28 Nov 2026 09:30 GMT`. [`parse_when`] reads it back exactly, the
/// zone telling apart the two readings of the repeated autumn hour.
pub fn describe(t: Instant) -> String {
    to_uk(t).format("%a %-d %b %Y %H:%M %Z").to_string()
}

/// Parses a date (a due date, a meeting's day): `2026-05-04`, `4/5/2026`,
/// `4/5/26`, `4/5` (the closest such day), `today`, `yesterday`, `+14d`,
/// `-3d`, or what [`describe_day`] prints.
pub fn parse_day(text: &str, today: NaiveDate) -> Result<NaiveDate, WhenError> {
    let words = words(text);
    match words.first() {
        None => Err(EmptyDay),
        Some(first) if first.starts_with(['-', '+']) => relative_days(text, &words.concat(), today),
        Some(_) => resolve_date(&date_spec(&words).ok_or(DayNotUnderstood)?, Mode::Day, today),
    }
}

/// Parses a date of birth: as [`parse_day`], but the year must be given
/// (`4/5/10` is 2010) and relative forms are not dates of birth.
pub fn parse_birth_day(text: &str, today: NaiveDate) -> Result<NaiveDate, WhenError> {
    let words = words(text);
    if words.is_empty() {
        return Err(EmptyDay);
    }
    resolve_date(&date_spec(&words).ok_or(BirthNotUnderstood)?, Mode::Birth, today)
}

/// `+14d`, `-3d`, `+ 2 d`: whole days from `today`.
fn relative_days(text: &str, joined: &str, today: NaiveDate) -> Result<NaiveDate, WhenError> {
    let (back, rest) = joined.split_at(1);
    let back = back == "-";
    let number = rest.strip_suffix(['d', 'D']).filter(|n| digits(n, 1..=9)).ok_or(DayNotUnderstood)?;
    let days = chrono::Days::new(number.parse().map_err(|_| DayNotUnderstood)?);
    let day = if back { today.checked_sub_days(days) } else { today.checked_add_days(days) };
    day.filter(|d| YEARS.contains(&d.year())).ok_or_else(|| TooFar(text.trim().into()))
}

/// A date as the form shows it: `Tue 4 May 2010`.
pub fn describe_day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// Drops the seconds (and any fraction): see "whole minutes" in the module notes.
fn to_minute(t: Instant) -> Instant {
    let secs = t.timestamp();
    DateTime::from_timestamp(secs - secs.rem_euclid(60), 0).unwrap_or(t)
}

/// Splits on spaces and commas (`Sat, 28 Nov`), and splits ISO `2026-11-28T09:30`
/// into its date and time, so every form below sees the same words.
fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for w in text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()) {
        match w.find(['t', 'T']) {
            Some(i) if i > 0 && i + 1 < w.len() && w[..i].bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                out.extend([&w[..i], &w[i + 1..]]);
            }
            _ => out.push(w),
        }
    }
    out
}

/// `-2h`, `-30m`, `-1d 3h`, `+2h30m`: real elapsed time from `now` (already
/// whole minutes). Units go days, hours, minutes, each at most once.
fn relative(text: &str, joined: &str, now: Instant) -> Result<Instant, WhenError> {
    let (back, mut rest) = match joined.split_at(1) {
        ("-", rest) => (true, rest),
        (_, rest) => (false, rest),
    };
    if rest.is_empty() {
        return Err(NotUnderstood);
    }
    let (mut minutes, mut last_rank) = (0i64, None);
    while !rest.is_empty() {
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        let (number, tail) = rest.split_at(n);
        let (rank, per) = match tail.bytes().next().map(|b| b.to_ascii_lowercase()) {
            Some(b'd') => (0, 1440),
            Some(b'h') => (1, 60),
            Some(b'm') => (2, 1),
            _ => return Err(NotUnderstood),
        };
        if n == 0 || last_rank.is_some_and(|last| rank <= last) {
            return Err(NotUnderstood);
        }
        // Nine digits of days already pass the calendar; more would overflow.
        let number: i64 = if n > 9 { return Err(TooFar(text.into())) } else { number.parse().unwrap_or(0) };
        minutes += number * per;
        last_rank = Some(rank);
        rest = &tail[1..];
    }
    let delta = TimeDelta::try_minutes(minutes).ok_or_else(|| TooFar(text.into()))?;
    let t = if back { now.checked_sub_signed(delta) } else { now.checked_add_signed(delta) };
    t.filter(|t| YEARS.contains(&uk_date(*t).year())).ok_or_else(|| TooFar(text.into()))
}

/// A UK wall-clock time: an optional date, a time of day, an optional zone.
fn local(words: &[&str], today: NaiveDate) -> Result<Instant, WhenError> {
    let (words, zone) = match words.split_last() {
        Some((last, rest)) if UK_ZONES.iter().any(|z| z.eq_ignore_ascii_case(last)) => (rest, Some(*last)),
        _ => (words, None),
    };
    // A date alone is the commonest slip: say what is missing. But `28 Nov 0930`
    // also reads as a date in the year 930; if that fails and date-then-time
    // works, the time was meant.
    let whole = date_spec(words).map(|spec| resolve_date(&spec, Mode::When, today));
    match (whole, date_and_time(words, zone, today)) {
        (Some(Ok(_)), _) => Err(NoTime(words.join(" "))),
        (Some(Err(e)), Err(_)) => Err(e),
        (_, result) => result,
    }
}

fn date_and_time(words: &[&str], zone: Option<&str>, today: NaiveDate) -> Result<Instant, WhenError> {
    let Some((last, date_words)) = words.split_last() else { return Err(NotUnderstood) };
    let spec = if date_words.is_empty() { None } else { Some(date_spec(date_words).ok_or(NotUnderstood)?) };
    let (time, hour_only) = time_of_day(last)?.ok_or(NotUnderstood)?;
    let date = match spec {
        // A lone `9` is more likely the start of `9/11` than a time.
        None if hour_only => return Err(NotUnderstood),
        None => today,
        Some(spec) => resolve_date(&spec, Mode::When, today)?,
    };
    resolve_local(date.and_time(time), zone)
}

/// `14:30`, `9:30`, `9.30`, `1430`, `930`, `14:30:15` (seconds dropped), or an
/// hour alone (`9`, flagged, as it needs a date before it). `Ok(None)` when the
/// word is not shaped like a time at all.
fn time_of_day(word: &str) -> Result<Option<(NaiveTime, bool)>, WhenError> {
    let parts: Vec<&str> = word.split([':', '.']).collect();
    let (h, m, s, hour_only) = match parts.as_slice() {
        [h] if digits(h, 1..=2) => (*h, "0", "0", true),
        [hm] if digits(hm, 3..=4) => (&hm[..hm.len() - 2], &hm[hm.len() - 2..], "0", false),
        [h, m] if digits(h, 1..=2) && digits(m, 2..=2) => (*h, *m, "0", false),
        [h, m, s] if digits(h, 1..=2) && digits(m, 2..=2) && digits(s, 2..=2) => (*h, *m, *s, false),
        _ => return Ok(None),
    };
    let [h, m, s] = [h, m, s].map(|p| p.parse().unwrap_or(u32::MAX));
    match NaiveTime::from_hms_opt(h, m, s) {
        Some(_) if s < 60 => Ok(NaiveTime::from_hms_opt(h, m, 0).map(|t| (t, hour_only))),
        _ => Err(NotATimeOfDay(word.into())),
    }
}

/// ASCII digits only (`str::parse` would also take a `+`), of an allowed length.
fn digits(s: &str, lengths: RangeInclusive<usize>) -> bool {
    lengths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// The instant a wall-clock reading means, the zone word choosing between the
/// two readings of the repeated autumn hour (the first, BST, when absent).
fn resolve_local(naive: NaiveDateTime, zone: Option<&str>) -> Result<Instant, WhenError> {
    let readings: Vec<DateTime<Tz>> = match UK.from_local_datetime(&naive) {
        LocalResult::Single(t) => vec![t],
        LocalResult::Ambiguous(a, b) => vec![a.min(b), a.max(b)],
        LocalResult::None => {
            let (from, to) = gap(naive);
            return Err(Skipped {
                at: at(naive),
                from: from.format("%H:%M").to_string(),
                to: to.format("%H:%M").to_string(),
            });
        }
    };
    let chosen = match zone {
        None => readings.first(),
        Some(zone) => readings.iter().find(|t| t.format("%Z").to_string().eq_ignore_ascii_case(zone)),
    };
    match chosen {
        Some(t) => Ok(t.with_timezone(&Utc)),
        None => Err(WrongZone {
            at: at(naive),
            zone: readings.iter().map(|t| t.format("%Z").to_string()).collect::<Vec<_>>().join(" or "),
            given: zone.unwrap_or_default().to_ascii_uppercase(),
        }),
    }
}

/// `01:30 on Sun 29 Mar 2026`: a wall-clock reading named in messages.
fn at(naive: NaiveDateTime) -> String {
    naive.format("%H:%M on %a %-d %b %Y").to_string()
}

/// The first missing and first existing wall-clock minutes around a time the
/// clocks skipped, found by looking rather than assumed, so the message stays
/// true for any year's rules.
fn gap(naive: NaiveDateTime) -> (NaiveDateTime, NaiveDateTime) {
    let exists = |n: &NaiveDateTime| !matches!(UK.from_local_datetime(n), LocalResult::None);
    let minute = TimeDelta::minutes(1);
    let back = successors(Some(naive), |n| n.checked_sub_signed(minute).filter(|n| !exists(n)));
    let on = successors(Some(naive), |n| n.checked_add_signed(minute));
    (back.take(240).last().unwrap_or(naive), on.take(240).find(exists).unwrap_or(naive))
}

/// A date as typed, before the year is settled and the date checked.
struct DateSpec {
    weekday: Option<Weekday>,
    kind: Kind,
}

enum Kind {
    Today,
    Yesterday,
    Dmy(u32, u32, Year),
}

#[derive(Clone, Copy)]
enum Year {
    Given(i32),
    TwoDigit(i32),
    Missing,
}

/// Times and dates take the closest year when none is given; dates of birth need one.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    When,
    Day,
    Birth,
}

/// Recognises the shape of a date, optionally after a weekday: `today`,
/// `yesterday`, `28/11`, `28/11/26`, `28/11/2026`, `2026-11-28`, `28 Nov`,
/// `28 November 2026`. A named month takes only a four-digit year, so that
/// `28 Nov 10` stays 28 November at 10:00.
fn date_spec(words: &[&str]) -> Option<DateSpec> {
    let (weekday, rest) = match words.split_first() {
        Some((w, rest)) => match named(w, &WEEKDAYS) {
            Some(i) => (Some(Weekday::try_from(i as u8).ok()?), rest),
            None => (None, words),
        },
        None => (None, words),
    };
    let number = |s: &str| s.parse::<u32>().ok();
    let kind = match rest {
        [w] if w.eq_ignore_ascii_case("today") => Kind::Today,
        [w] if w.eq_ignore_ascii_case("yesterday") => Kind::Yesterday,
        [w] => match w.split('/').collect::<Vec<_>>().as_slice() {
            [d, m] if digits(d, 1..=2) && digits(m, 1..=2) => Kind::Dmy(number(d)?, number(m)?, Year::Missing),
            [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && (digits(y, 2..=2) || digits(y, 4..=4)) => {
                Kind::Dmy(number(d)?, number(m)?, year(y)?)
            }
            _ => match w.split('-').collect::<Vec<_>>().as_slice() {
                [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => {
                    Kind::Dmy(number(d)?, number(m)?, year(y)?)
                }
                _ => return None,
            },
        },
        [d, m] if digits(d, 1..=2) => Kind::Dmy(number(d)?, named(m, &MONTHS)? as u32 + 1, Year::Missing),
        [d, m, y] if digits(d, 1..=2) && digits(y, 4..=4) => {
            Kind::Dmy(number(d)?, named(m, &MONTHS)? as u32 + 1, year(y)?)
        }
        _ => return None,
    };
    Some(DateSpec { weekday, kind })
}

fn year(y: &str) -> Option<Year> {
    let n = y.parse().ok()?;
    Some(if y.len() == 2 { Year::TwoDigit(n) } else { Year::Given(n) })
}

/// The index of the name a word abbreviates (at least three letters: `sat`,
/// `sept`, `november`), ignoring case.
/// The month (1-12) a name or its start of three letters or more means: `Mar`, `march`.
pub fn month_number(word: &str) -> Option<u32> {
    named(word, &MONTHS).map(|i| i as u32 + 1)
}

fn named(word: &str, names: &[&str]) -> Option<usize> {
    if word.len() < 3 {
        return None;
    }
    names.iter().position(|name| name.get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word)))
}

/// Settles the year and checks the date exists and matches its weekday.
fn resolve_date(spec: &DateSpec, mode: Mode, today: NaiveDate) -> Result<NaiveDate, WhenError> {
    let date = match spec.kind {
        Kind::Today => today,
        Kind::Yesterday => today.pred_opt().ok_or(NotUnderstood)?,
        Kind::Dmy(day, month, year) => {
            if !(1..=12).contains(&month) {
                return Err(NotAMonth(month));
            }
            // Leap years aside, a day past the month's end is never a date.
            if day == 0 || day > month_len(2000, month) {
                let year = if let Year::Given(y) = year { format!(" {y}") } else { String::new() };
                return Err(NotADate(format!("{day} {}{year}", MONTHS[month as usize - 1])));
            }
            let y = match (year, mode) {
                (Year::Given(y), _) => y,
                (Year::TwoDigit(yy), _) => THIS_CENTURY + yy,
                (Year::Missing, Mode::Birth) => return Err(NoYear),
                (Year::Missing, Mode::When | Mode::Day) => closest_year(today.year(), 1, day, month, today),
            };
            if !YEARS.contains(&y) {
                return Err(YearOutOfRange(y));
            }
            NaiveDate::from_ymd_opt(y, month, day).ok_or(NotALeapYear(y))?
        }
    };
    match spec.weekday {
        Some(given) if given != date.weekday() => Err(WrongWeekday {
            date: date.format("%-d %b %Y").to_string(),
            actual: WEEKDAYS[date.weekday().num_days_from_monday() as usize],
            given: WEEKDAYS[given.num_days_from_monday() as usize],
        }),
        _ => Ok(date),
    }
}

/// What a two-digit year is added to: `26` is 2026 and `99` 2099, whatever today is.
const THIS_CENTURY: i32 = 2000;

/// Of `base - step`, `base` and `base + step`, the year putting day/month
/// closest to today; a tie goes to the earlier. 29 February is measured as the
/// 28th in a common year, so the choice is made before the date is checked.
fn closest_year(base: i32, step: i32, day: u32, month: u32, today: NaiveDate) -> i32 {
    let distance = |y: i32| {
        NaiveDate::from_ymd_opt(y, month, day.min(month_len(y, month)))
            .map_or(i64::MAX, |d| (d - today).num_days().abs())
    };
    [base - step, base, base + step].into_iter().min_by_key(|y| distance(*y)).unwrap_or(base)
}

fn month_len(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::at;

    /// Mon 30 Nov 2026 12:00 GMT: late in the year, so `28/11` is this year.
    fn winter() -> Instant {
        at("2026-11-30 12:00")
    }

    /// Mon 30 Mar 2026 12:00 BST: the day after the clocks went forward.
    fn spring() -> Instant {
        at("2026-03-30 12:00")
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    fn err(text: &str, now: Instant) -> String {
        parse_when(text, now).expect_err(text).to_string()
    }

    #[test]
    fn every_form_of_one_time_reads_the_same() {
        let forms = [
            "28/11 0930",
            "28/11 9:30",
            "28/11 09:30",
            "28/11 9.30",
            "28/11 930",
            "28/11/2026 09:30",
            "28/11/26 0930",
            "2026-11-28 09:30",
            "2026-11-28T09:30",
            "2026-11-28t09:30",
            "2026-11-28 09:30:45",
            "2026-11-28T09:30:00Z",
            "2026-11-28T09:30:59.9+00:00",
            "2026-11-28T10:30:00+01:00",
            "Sat 28 Nov 2026 09:30 GMT",
            "sat 28 nov 2026 09:30 gmt",
            "28 Nov 2026 09:30",
            "Saturday, 28 November 2026 09:30",
            "28 Nov 0930",
            "Sat 28/11 0930",
            "  28/11   0930  ",
        ];
        for text in forms {
            assert_eq!(parse_when(text, winter()), Ok(at("2026-11-28 09:30")), "{text}");
        }
    }

    #[test]
    fn today_yesterday_and_bare_times_are_on_now_s_uk_date() {
        for (text, want) in [
            ("today 14:30", "2026-11-30 14:30"),
            ("today 1430", "2026-11-30 14:30"),
            ("TODAY 9", "2026-11-30 09:00"),
            ("yesterday 9", "2026-11-29 09:00"),
            ("yesterday 09:15", "2026-11-29 09:15"),
            ("14:30", "2026-11-30 14:30"),
            ("1430", "2026-11-30 14:30"),
            ("0005", "2026-11-30 00:05"),
            ("28/11 9", "2026-11-28 09:00"),
        ] {
            assert_eq!(parse_when(text, winter()), Ok(at(want)), "{text}");
        }
        // 00:30 BST on 1 July is 23:30 UTC on 30 June: "today" is the UK date.
        assert_eq!(parse_when("today 08:00", at("2026-07-01 00:30")), Ok(at("2026-07-01 08:00")));
    }

    #[test]
    fn relative_forms_count_back_or_forward_in_whole_minutes() {
        let now = winter() + TimeDelta::seconds(45);
        for (text, want) in [
            ("now", "2026-11-30 12:00"),
            ("NOW", "2026-11-30 12:00"),
            ("-0m", "2026-11-30 12:00"),
            ("-2h", "2026-11-30 10:00"),
            ("-30m", "2026-11-30 11:30"),
            ("-1d", "2026-11-29 12:00"),
            ("-2h30m", "2026-11-30 09:30"),
            ("-1d 3h", "2026-11-29 09:00"),
            ("- 1D 3H 5M", "2026-11-29 08:55"),
            ("+2h", "2026-11-30 14:00"),
        ] {
            assert_eq!(parse_when(text, now), Ok(at(want)), "{text}");
        }
        for text in ["-", "+", "-2", "-h", "-2x", "-30m2h", "-2h2h", "2h", "-2h ago"] {
            assert_eq!(parse_when(text, now), Err(NotUnderstood), "{text}");
        }
        assert_eq!(err("-9999999999d", now), "-9999999999d is too far from now: check the number");
        assert_eq!(err("-999999d", now), "-999999d is too far from now: check the number");
    }

    #[test]
    fn relative_time_is_real_hours_across_the_clock_change() {
        // The clocks went forward at 01:00 GMT on Sun 29 Mar 2026. From 12:00
        // BST that Sunday, 24 real hours back is 11:00 GMT on Saturday: the
        // night was an hour short.
        let sunday_noon = at("2026-03-29 12:00");
        assert_eq!(parse_when("-24h", sunday_noon), Ok(at("2026-03-28 11:00")));
        assert_eq!(parse_when("-24h", sunday_noon).map(describe), Ok("Sat 28 Mar 2026 11:00 GMT".into()));
        assert_eq!(parse_when("-1d", sunday_noon), Ok(at("2026-03-28 11:00")));
        assert_eq!(parse_when("-11h", sunday_noon).map(describe), Ok("Sun 29 Mar 2026 00:00 GMT".into()));
        // From Monday noon both ends are in BST, so the wall clock agrees.
        assert_eq!(parse_when("-24h", spring()).map(describe), Ok("Sun 29 Mar 2026 12:00 BST".into()));
        // Forward across the autumn change: 24 real hours after 12:00 BST Sat 24 Oct.
        assert_eq!(parse_when("+24h", at("2026-10-24 12:00")).map(describe), Ok("Sun 25 Oct 2026 11:00 GMT".into()));
    }

    #[test]
    fn now_exactly_is_past_and_a_minute_later_is_future() {
        let now = winter() + TimeDelta::seconds(59);
        assert_eq!(parse_past("now", now), Ok(winter()));
        assert_eq!(parse_past("today 12:00", now), Ok(winter()));
        assert_eq!(parse_past("-0m", now), Ok(winter()));
        assert_eq!(
            parse_past("today 12:01", now).map_err(|e| e.to_string()),
            Err("Mon 30 Nov 2026 12:01 GMT is in the future".into())
        );
        assert_eq!(parse_past("+1m", now), Err(InFuture("Mon 30 Nov 2026 12:01 GMT".into())));
        assert_eq!(parse_when("+1m", now), Ok(at("2026-11-30 12:01")));
        assert_eq!(
            parse_past("Sat 28 Nov 2026 10:00 GMT", at("2026-11-28 09:59")).map_err(|e| e.to_string()),
            Err("Sat 28 Nov 2026 10:00 GMT is in the future".into())
        );
    }

    #[test]
    fn the_hour_skipped_in_spring_is_refused_with_the_reason() {
        for text in ["29/03/2026 01:30", "2026-03-29 01:30", "Sun 29 Mar 2026 01:30 BST", "29/03 0130 gmt"] {
            assert_eq!(
                err(text, spring()),
                "01:30 on Sun 29 Mar 2026 does not exist in UK time: the clocks went forward from 01:00 to 02:00",
                "{text}"
            );
        }
        assert!(parse_when("29/03/2026 01:00", spring()).is_err());
        assert_eq!(parse_when("29/03/2026 00:59", spring()), Ok(at("2026-03-29 00:59")));
        assert_eq!(parse_when("29/03/2026 02:00", spring()), Ok(at("2026-03-29 02:00")));
    }

    #[test]
    fn the_repeated_autumn_hour_is_bst_unless_gmt_is_given() {
        let now = winter();
        let first = parse_when("25/10/2026 01:30", now).expect("first reading");
        let second = parse_when("25/10/2026 01:30 GMT", now).expect("second reading");
        assert_eq!(first.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        assert_eq!(second.to_rfc3339(), "2026-10-25T01:30:00+00:00");
        assert_eq!(parse_when("25/10/2026 01:30 bst", now), Ok(first));
        assert_eq!(describe(first), "Sun 25 Oct 2026 01:30 BST");
        assert_eq!(describe(second), "Sun 25 Oct 2026 01:30 GMT");
        for t in [first, second] {
            assert_eq!(parse_when(&describe(t), now), Ok(t));
        }
    }

    #[test]
    fn a_zone_that_does_not_apply_is_refused() {
        assert_eq!(err("28/12/2026 09:30 BST", winter()), "UK clocks are on GMT at 09:30 on Mon 28 Dec 2026, not BST");
        assert_eq!(err("1/7/2026 09:30 gmt", winter()), "UK clocks are on BST at 09:30 on Wed 1 Jul 2026, not GMT");
        assert_eq!(
            err("25/10/2026 01:30 BDST", winter()),
            "UK clocks are on BST or GMT at 01:30 on Sun 25 Oct 2026, not BDST"
        );
    }

    #[test]
    fn leap_days_exist_only_in_leap_years() {
        assert_eq!(parse_when("29/02/2028 10:00", winter()), Ok(at("2028-02-29 10:00")));
        assert_eq!(err("29/02/2027 10:00", winter()), "29 February 2027 is not a date: 2027 is not a leap year");
        assert_eq!(err("29/02/2025 10:00", winter()), "29 February 2025 is not a date: 2025 is not a leap year");
        assert_eq!(err("2100-02-29 10:00", winter()), "29 February 2100 is not a date: 2100 is not a leap year");
        // Without a year, 29/02 near a leap year takes it; far from one it is refused.
        assert_eq!(parse_when("29/02 10:00", at("2027-12-30 12:00")), Ok(at("2028-02-29 10:00")));
        assert_eq!(err("29/02 10:00", winter()), "29 February 2027 is not a date: 2027 is not a leap year");
    }

    #[test]
    fn impossible_dates_and_times_name_what_is_wrong() {
        assert_eq!(err("31/02 0900", winter()), "31 February is not a date");
        assert_eq!(err("31/04/2026 0900", winter()), "31 April 2026 is not a date");
        assert_eq!(err("0/5 0900", winter()), "0 May is not a date");
        assert_eq!(err("28/13 0900", winter()), "there is no month 13: months go 1 to 12");
        assert_eq!(err("today 24:00", winter()), "24:00 is not a time of day: hours go 0 to 23 and minutes 00 to 59");
        assert_eq!(err("today 0960", winter()), "0960 is not a time of day: hours go 0 to 23 and minutes 00 to 59");
        assert_eq!(err("28/11 25", winter()), "25 is not a time of day: hours go 0 to 23 and minutes 00 to 59");
        assert_eq!(err("31/02", winter()), "31 February is not a date");
    }

    #[test]
    fn a_wrong_weekday_is_refused() {
        assert_eq!(err("Fri 28 Nov 2026 09:30 GMT", winter()), "28 Nov 2026 is a Saturday, not a Friday");
        assert_eq!(err("friday 28/11 0930", winter()), "28 Nov 2026 is a Saturday, not a Friday");
        assert_eq!(
            parse_day("Mon 4 May 2010", day("2026-01-01")).map_err(|e| e.to_string()),
            Err("4 May 2010 is a Tuesday, not a Monday".into())
        );
    }

    #[test]
    fn a_date_without_a_year_is_the_closest_one() {
        // On 2 Jan, 30/12 is three days ago, not next December.
        assert_eq!(parse_when("30/12 0900", at("2027-01-02 10:00")), Ok(at("2026-12-30 09:00")));
        // On 30 Dec, 02/01 is next week.
        assert_eq!(parse_when("02/01 0900", at("2026-12-30 10:00")), Ok(at("2027-01-02 09:00")));
        // On 30 Mar, 28/11 is last November.
        assert_eq!(parse_when("28/11 0930", spring()), Ok(at("2025-11-28 09:30")));
        // 2028 is a leap year: on 2 Jul 1/1 is 183 days either way, and a tie goes back.
        assert_eq!(parse_when("1/1 0900", at("2028-07-02 10:00")), Ok(at("2028-01-01 09:00")));
    }

    #[test]
    fn a_two_digit_year_is_this_century_in_a_time() {
        assert_eq!(parse_when("14/12/26 0930", winter()), Ok(at("2026-12-14 09:30")));
        assert_eq!(parse_when("1/1/00 0000", winter()), Ok(at("2000-01-01 00:00")));
        assert_eq!(parse_when("31/12/99 2359", winter()), Ok(at("2099-12-31 23:59")));
        assert_eq!(parse_when("28/11/70 0930", winter()), Ok(at("2070-11-28 09:30")));
        // Even far from 2000, and so in the future for something that happened.
        assert_eq!(
            parse_past("28/11/99 0930", winter()).map_err(|e| e.to_string()),
            Err("Sat 28 Nov 2099 09:30 GMT is in the future".into())
        );
    }

    #[test]
    fn four_digits_after_a_month_name_are_a_year_only_when_that_makes_sense() {
        assert_eq!(parse_when("28 Nov 1430", winter()), Ok(at("2026-11-28 14:30")));
        assert_eq!(err("28 Nov 2026", winter()), "give a time too, e.g. 28 Nov 2026 0930");
        assert_eq!(err("28 Nov 1899", winter()), "1899 is not a year this service can record: use 1900 to 2100");
    }

    #[test]
    fn a_date_alone_or_gibberish_or_nothing_is_refused_with_help() {
        assert_eq!(err("28/11", winter()), "give a time too, e.g. 28/11 0930");
        assert_eq!(err("Sat 28 Nov 2026", winter()), "give a time too, e.g. Sat 28 Nov 2026 0930");
        assert_eq!(err("today", winter()), "give a time too, e.g. today 0930");
        assert_eq!(err("", winter()), "enter a time");
        assert_eq!(err("   ", winter()), "enter a time");
        let help = "not understood: try now, today 14:30, -2h, 28/11 0930 or 2026-11-28 09:30";
        for text in
            ["soon", "9", "14", "now 9", "gmt", "28 Nov 10 GMT extra", "28/11/2026/1 0930", "14:3", "9pm", "٣:٣٠"]
        {
            assert_eq!(err(text, winter()), help, "{text}");
        }
    }

    #[test]
    fn years_outside_the_service_are_refused() {
        assert_eq!(err("28/11/1899 09:30", winter()), "1899 is not a year this service can record: use 1900 to 2100");
        assert_eq!(
            err("1850-01-01T00:00:00Z", winter()),
            "1850 is not a year this service can record: use 1900 to 2100"
        );
        assert_eq!(parse_day("1/1/2101", day("2026-01-01")), Err(YearOutOfRange(2101)));
    }

    #[test]
    fn describe_shows_uk_local_time_and_zone() {
        assert_eq!(describe(at("2026-11-28 09:30")), "Sat 28 Nov 2026 09:30 GMT");
        assert_eq!(describe(at("2026-03-31 21:00")), "Tue 31 Mar 2026 21:00 BST");
        assert_eq!(describe_day(day("2010-05-04")), "Tue 4 May 2010");
    }

    #[test]
    fn days_in_every_accepted_form() {
        let today = day("2026-03-30");
        for text in
            ["2010-05-04", "04/05/2010", "4/5/2010", "4/5/10", "Tue 4 May 2010", "4 May 2010", " tuesday 4 MAY 2010 "]
        {
            assert_eq!(parse_day(text, today), Ok(day("2010-05-04")), "{text}");
            assert_eq!(parse_birth_day(text, today), Ok(day("2010-05-04")), "{text}");
        }
        assert_eq!(parse_day("today", today), Ok(today));
        assert_eq!(parse_day("Yesterday", today), Ok(day("2026-03-29")));
    }

    #[test]
    fn a_two_digit_year_is_this_century_in_a_date_too() {
        let today = day("2026-03-30");
        assert_eq!(parse_day("14/12/26", today), Ok(day("2026-12-14")));
        assert_eq!(parse_day("1/1/00", today), Ok(day("2000-01-01")));
        assert_eq!(parse_day("31/12/99", today), Ok(day("2099-12-31")));
        assert_eq!(parse_day("29/2/00", today), Ok(day("2000-02-29")));
        assert_eq!(
            parse_day("29/2/01", today).map_err(|e| e.to_string()),
            Err("29 February 2001 is not a date: 2001 is not a leap year".into())
        );
        // A date of birth too: 31/3/26 the day before is tomorrow, which the
        // child's checks refuse as in the future, rather than 1926.
        assert_eq!(parse_birth_day("30/3/26", today), Ok(day("2026-03-30")));
        assert_eq!(parse_birth_day("31/3/26", today), Ok(day("2026-03-31")));
        assert_eq!(parse_birth_day("4/5/10", today), Ok(day("2010-05-04")));
    }

    #[test]
    fn a_date_without_a_year_is_the_closest_and_relative_days_count_from_today() {
        let today = day("2026-03-30");
        assert_eq!(parse_day("14/12", today), Ok(day("2025-12-14")));
        assert_eq!(parse_day("14/4", today), Ok(day("2026-04-14")));
        assert_eq!(parse_day("14 Apr", today), Ok(day("2026-04-14")));
        assert_eq!(parse_day("2/1", day("2026-12-30")), Ok(day("2027-01-02")));
        // 29/02 without a year: the closest leap year's when there is one near.
        assert_eq!(parse_day("29/02", day("2028-01-15")), Ok(day("2028-02-29")));
        assert_eq!(
            parse_day("29/02", today).map_err(|e| e.to_string()),
            Err("29 February 2026 is not a date: 2026 is not a leap year".into())
        );
        assert_eq!(parse_day("+14d", today), Ok(day("2026-04-13")));
        assert_eq!(parse_day("+ 14 D", today), Ok(day("2026-04-13")));
        assert_eq!(parse_day("-3d", today), Ok(day("2026-03-27")));
        assert_eq!(parse_day("+0d", today), Ok(today));
        assert_eq!(parse_day("+1d", day("2026-12-31")), Ok(day("2027-01-01")));
        for text in ["+14", "+d", "+2h", "+1d3h", "+14dd", "-", "14d"] {
            assert_eq!(parse_day(text, today), Err(DayNotUnderstood), "{text}");
        }
        assert_eq!(parse_day("+999999999d", today), Err(TooFar("+999999999d".into())));
    }

    #[test]
    fn impossible_or_unreadable_days_are_refused() {
        let today = day("2026-03-30");
        let said = |text: &str| parse_day(text, today).expect_err(text).to_string();
        let birth = |text: &str| parse_birth_day(text, today).expect_err(text).to_string();
        assert_eq!(said("31/02/2010"), "31 February 2010 is not a date");
        assert_eq!(said("29/02/2011"), "29 February 2011 is not a date: 2011 is not a leap year");
        assert_eq!(birth("4/5"), "give the year too, e.g. 4/5/2010");
        assert_eq!(birth("+14d"), "not understood: try 2010-05-04, 4/5/2010, 4/5/10, today or yesterday");
        assert_eq!(said(""), "enter a date");
        assert_eq!(birth(" "), "enter a date");
        assert_eq!(said("4/5/2010 09:30"), "not understood: try 4/5/2026, 4/5/26, 4/5, today, yesterday or +14d");
        assert_eq!(said("4/5/201"), "not understood: try 4/5/2026, 4/5/26, 4/5, today, yesterday or +14d");
    }
}
