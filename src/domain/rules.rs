//! The clocks of the process. Thresholds are an authority's settings; the
//! defaults are those of DOMAIN.md.

use super::codes::EpisodeKind;
use super::time::Instant;
use chrono::Duration;

/// The thresholds in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A return interview is due this many elapsed hours after the return.
    pub ri_due_hours: i64,
    /// Chase rows due within this many hours form the "due soon" band.
    pub chase_soon_hours: i64,
    /// A strategy meeting is needed once a child has been missing this long.
    pub strategy_hours: i64,
    /// Open episodes from this many hours are shown as "due soon".
    pub strategy_soon_hours: i64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { ri_due_hours: 72, chase_soon_hours: 24, strategy_hours: 72, strategy_soon_hours: 48 }
    }
}

impl Rules {
    /// The return interview's deadline: elapsed hours, through nights,
    /// weekends, bank holidays and clock changes alike.
    pub fn ri_due_at(&self, returned_at: Instant) -> Instant {
        returned_at + Duration::hours(self.ri_due_hours)
    }

    /// Timely means completed at or before the deadline.
    pub fn ri_in_time(&self, returned_at: Instant, completed_at: Instant) -> bool {
        completed_at <= self.ri_due_at(returned_at)
    }

    /// The strategy meeting is due by this mark of the episode.
    pub fn strategy_deadline(&self, missing_at: Instant) -> Instant {
        missing_at + Duration::hours(self.strategy_hours)
    }

    /// An episode missing this many whole minutes needs a strategy meeting
    /// (72 hours exactly does).
    pub fn strategy_reached(&self, minutes_missing: i64) -> bool {
        minutes_missing >= self.strategy_hours * 60
    }
}

/// Whether an interview is required when nobody has said: yes for a missing
/// episode, no for an absence (unless the child asks for one).
pub fn ri_required_by_default(kind: EpisodeKind) -> bool {
    kind == EpisodeKind::Missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::{iso_local, parse_instant};

    fn at(s: &str) -> Instant {
        parse_instant(s).expect("test time")
    }

    #[test]
    fn ri_due_is_72_real_hours_across_the_spring_clock_change() {
        // Returned Saturday 28 March 2026 20:00 GMT; clocks go forward on the 29th.
        let due = Rules::default().ri_due_at(at("2026-03-28 20:00"));
        assert_eq!(iso_local(due), "2026-03-31T21:00:00+01:00");
    }

    #[test]
    fn ri_due_is_72_real_hours_across_the_autumn_clock_change() {
        // Returned Saturday 24 October 2026 20:00 BST; clocks go back on the 25th.
        let due = Rules::default().ri_due_at(at("2026-10-24 20:00"));
        assert_eq!(iso_local(due), "2026-10-27T19:00:00+00:00");
    }

    #[test]
    fn ri_due_across_a_leap_day() {
        let due = Rules::default().ri_due_at(at("2024-02-28 10:00"));
        assert_eq!(iso_local(due), "2024-03-02T10:00:00+00:00");
    }

    #[test]
    fn completed_at_exactly_72_hours_is_in_time_one_second_later_is_not() {
        let r = Rules::default();
        let back = at("2026-06-01 09:00");
        assert!(r.ri_in_time(back, at("2026-06-04 09:00")));
        assert!(!r.ri_in_time(back, at("2026-06-04T09:00:01+01:00")));
    }

    #[test]
    fn strategy_deadline_is_72_hours_after_going_missing() {
        let r = Rules::default();
        assert_eq!(iso_local(r.strategy_deadline(at("2026-10-23 12:00"))), "2026-10-26T11:00:00+00:00");
    }

    #[test]
    fn interviews_are_required_for_missing_not_absent_by_default() {
        assert!(ri_required_by_default(EpisodeKind::Missing));
        assert!(!ri_required_by_default(EpisodeKind::Absent));
    }
}
