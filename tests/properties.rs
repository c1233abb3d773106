//! Property tests of the time rules: for any instant, not only the ones we thought of.

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use ri_chase::domain::chase::band_at;
use ri_chase::domain::codes::Band;
use ri_chase::domain::rules::Rules;
use ri_chase::domain::time::{csv_local, iso_local, minutes_between, parse_instant};

/// Any second from 2000 to 2100.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (946_684_800i64..4_102_444_800i64).prop_map(|s| DateTime::from_timestamp(s, 0).expect("in range"))
}

proptest! {
    #[test]
    fn parsing_any_text_never_panics(text in "\\PC{0,40}") {
        let _ = parse_instant(&text);
    }

    #[test]
    fn parsing_near_misses_of_the_formats_never_panics(text in "[0-9]{1,4}[-/][0-9]{1,2}[-/][0-9]{1,4}[ T][0-9]{1,2}:[0-9]{1,2}") {
        let _ = parse_instant(&text);
    }

    #[test]
    fn what_export_writes_reads_back_to_the_same_instant(t in instant()) {
        prop_assert_eq!(parse_instant(&csv_local(t)), Ok(t));
        prop_assert_eq!(parse_instant(&iso_local(t)), Ok(t));
    }

    #[test]
    fn the_interview_is_due_72_real_hours_later_whatever_the_day(t in instant()) {
        let due = Rules::default().ri_due_at(t);
        prop_assert_eq!(due - t, Duration::hours(72));
        prop_assert_eq!(minutes_between(t, due), 72 * 60);
    }

    #[test]
    fn overdue_exactly_when_now_is_past_the_deadline(due in instant(), offset in -200_000i64..200_000) {
        let now = due + Duration::seconds(offset);
        let band = band_at(due, now, &Rules::default());
        prop_assert_eq!(band == Band::Overdue, now > due);
        prop_assert_eq!(band == Band::Within24h, now <= due && due - now <= Duration::hours(24));
    }
}
