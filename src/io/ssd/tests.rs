//! The SSD's cells at their edges.

use super::values::{datetime_cell, parse_datetime, parse_dob, parse_kind, parse_sex, parse_yes_no_na};
use crate::domain::codes::{EpisodeKind, Sex, YesNoNa};
use crate::domain::time::from_db_text;

fn utc(s: &str) -> crate::domain::time::Instant {
    from_db_text(s).expect("instant")
}

#[test]
fn datetimes_read_as_uk_local_with_or_without_milliseconds_or_a_time() {
    // 10 December is GMT; 1 July is BST, an hour ahead of UTC.
    for text in [
        "2024-12-10 14:30:00",
        "2024-12-10 14:30:00.000",
        "2024-12-10 14:30",
        "10/12/2024 14:30",
        "2024-12-10T14:30:00",
    ] {
        assert_eq!(parse_datetime(text), Ok(utc("2024-12-10T14:30:00Z")), "{text}");
    }
    assert_eq!(parse_datetime("2024-07-01 00:30:00.000"), Ok(utc("2024-06-30T23:30:00Z")));
    assert_eq!(parse_datetime("2024-12-10 00:00:00.000"), Ok(utc("2024-12-10T00:00:00Z")));
    assert_eq!(parse_datetime("10/12/2024"), Ok(utc("2024-12-10T00:00:00Z")));
    assert_eq!(parse_datetime("2024-07-01T00:30:00+01:00"), Ok(utc("2024-06-30T23:30:00Z")));
    // Written back as the SSD's DATETIME, in UK time.
    assert_eq!(datetime_cell(utc("2024-06-30T23:30:00Z")), "2024-07-01 00:30:00");
}

#[test]
fn impossible_or_guessed_datetimes_are_refused() {
    for text in ["10/12/24 14:30", "2024-13-01 10:00:00", "2024-12-10 25:00", "yesterday", "2024-12-10 14:30:00.", ""] {
        assert!(parse_datetime(text).is_err(), "{text}");
    }
    // 01:30 on 31 March 2024 never happened in the UK.
    assert!(parse_datetime("2024-03-31 01:30:00").unwrap_err().contains("clocks went forward"));
}

#[test]
fn a_date_of_birth_may_carry_a_midnight_time_but_no_other() {
    let d = chrono::NaiveDate::from_ymd_opt(2010, 2, 3).expect("date");
    for text in ["2010-02-03", "03/02/2010", "2010-02-03 00:00:00.000", "2010-02-03 00:00:00"] {
        assert_eq!(parse_dob(text), Ok(d), "{text}");
    }
    for text in ["2010-02-03 10:00:00", "03/02/10", "2010-02-30"] {
        assert!(parse_dob(text).is_err(), "{text}");
    }
}

#[test]
fn codes_and_labels_read_alike() {
    for (text, kind) in [
        ("M", EpisodeKind::Missing),
        ("missing", EpisodeKind::Missing),
        ("Away", EpisodeKind::Absent),
        (" ABSENT ", EpisodeKind::Absent),
        ("a", EpisodeKind::Absent),
    ] {
        assert_eq!(parse_kind(text), Ok(kind), "{text}");
    }
    assert!(parse_kind("Runaway").is_err());
    for (text, v) in
        [("Y", YesNoNa::Yes), ("yes", YesNoNa::Yes), ("No", YesNoNa::No), ("NA", YesNoNa::Na), ("N/A", YesNoNa::Na)]
    {
        assert_eq!(parse_yes_no_na(text), Ok(v), "{text}");
    }
    assert!(parse_yes_no_na("maybe").is_err());
    for (text, v) in [("Female", Sex::F), ("m", Sex::M), ("Not stated", Sex::U), ("Indeterminate", Sex::U)] {
        assert_eq!(parse_sex(text), Ok(v), "{text}");
    }
    assert!(parse_sex("Q").is_err());
}

#[test]
fn lines_are_counted_the_same_after_crlf_and_lf() {
    let crlf = b"a,b\r\n1,2\r\n3,4\r\n";
    let lf = b"a,b\n1,2\n3,4\n";
    // The second record starts at byte 10 (CRLF; the reader may point at the `\n` before it) or 8.
    assert_eq!(super::read::line_of(crlf, 9), 3);
    assert_eq!(super::read::line_of(crlf, 10), 3);
    assert_eq!(super::read::line_of(lf, 8), 3);
    assert_eq!(super::read::line_of(lf, 4), 2);
}
