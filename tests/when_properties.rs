//! Property tests of forgiving time entry: whatever is typed, never a panic;
//! whatever is shown, it reads back to the same instant.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use proptest::prelude::*;
use ri_chase::domain::when::*;

const FROM_2000: i64 = 946_684_800;
const TO_2040: i64 = 2_208_988_800;

/// Any second from 2000 to 2040: a "now" as the clock gives it.
fn any_now() -> impl Strategy<Value = DateTime<Utc>> {
    (FROM_2000..TO_2040).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range"))
}

/// The last Sunday of a month: the UK clocks change on it in March and October.
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut d = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    while d.weekday() != Weekday::Sun {
        d = d.pred_opt().expect("in range");
    }
    d
}

/// Whole minutes from 2000 to 2040, half of them in the three hours (UTC)
/// around a clock change, where the skipped and repeated hours are.
fn any_minute() -> impl Strategy<Value = DateTime<Utc>> {
    let anywhere = (FROM_2000 / 60..TO_2040 / 60).prop_map(|m| DateTime::from_timestamp(m * 60, 0).expect("in range"));
    let near_a_change = (2000i32..2040, prop::bool::ANY, 0i64..180).prop_map(|(year, spring, minute)| {
        let day = last_sunday(year, if spring { 3 } else { 10 });
        day.and_hms_opt(0, 0, 0).expect("midnight").and_utc() + Duration::minutes(minute)
    });
    prop_oneof![anywhere, near_a_change]
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date");
    (0i64..73_000).prop_map(move |n| first + Duration::days(n)).prop_filter("to 2100", |d| d.year() <= 2100)
}

/// Text shaped like what people type, to reach deep into the parser.
fn near_misses() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[0-9]{1,5}",
        "[0-9]{1,3}[/.:-][0-9]{1,3}([/.:-][0-9]{0,5})?",
        "[-+][0-9]{0,12}[dhmDHMx]?([0-9]{0,12}[dhm])?",
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}[tT][0-9]{1,2}:[0-9]{2}",
        prop::sample::select(vec![
            "now",
            "today",
            "yesterday",
            "gmt",
            "BST",
            "bdst",
            "sat",
            "Friday",
            "nov",
            "February",
            "sept",
            "t",
            "-",
            ",",
            "٣",
            "é",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(word, 0..6).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_refused_or_read_never_a_panic(text in "\\PC{0,40}", now in any_now()) {
        let _ = parse_when(&text, now);
        let _ = parse_past(&text, now);
        let _ = parse_day(&text, now.date_naive());
    }

    #[test]
    fn near_misses_and_long_digit_runs_never_panic(
        text in prop_oneof![near_misses(), "[-+]?[0-9]{10,80}[dhm]?", "[0-9/:. -]{0,60}"],
        now in any_now(),
    ) {
        if let Ok(t) = parse_when(&text, now) {
            prop_assert_eq!(t.timestamp().rem_euclid(60), 0, "{} read as {} is not a whole minute", text, t);
        }
        let _ = parse_past(&text, now);
        let _ = parse_day(&text, now.date_naive());
    }

    #[test]
    fn what_describe_shows_reads_back_exactly(t in any_minute(), now in any_now()) {
        prop_assert_eq!(parse_when(&describe(t), now), Ok(t), "{}", describe(t));
    }

    #[test]
    fn what_describe_day_shows_reads_back_exactly(d in any_day(), today in any_day()) {
        prop_assert_eq!(parse_day(&describe_day(d), today), Ok(d), "{}", describe_day(d));
    }

    #[test]
    fn minutes_back_are_whole_minutes_back_from_now(now in any_now(), m in 0i64..10_000) {
        let whole_minute = DateTime::from_timestamp(now.timestamp() - now.timestamp().rem_euclid(60), 0).expect("in range");
        prop_assert_eq!(parse_past(&format!("-{m}m"), now), Ok(whole_minute - Duration::minutes(m)));
    }
}
