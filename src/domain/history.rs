//! A child's history over time: episodes per UK calendar month (for the young
//! person screen's sparkline and, later, the MPMG top-10 trends), and where
//! each episode's return interview stands.

use super::chase::band_at;
use super::codes::{Band, RiOutcome};
use super::record::CaseEpisode;
use super::rules::Rules;
use super::time::{Instant, minutes_between, to_uk};
use chrono::Datelike;

/// A calendar month: (year, month 1-12).
pub type Month = (i32, u32);

/// The UK calendar month an instant falls in: 23:30 UTC on 31 May is 00:30
/// BST on 1 June, so June.
pub fn month_of(t: Instant) -> Month {
    let local = to_uk(t);
    (local.year(), local.month())
}

/// The month `n` months before `month` (`n` may be negative to go forward).
pub fn months_before(month: Month, n: i64) -> Month {
    let index = month_index(month) - n;
    (index.div_euclid(12) as i32, index.rem_euclid(12) as u32 + 1)
}

/// Months counted from year 0, so two months subtract to the months between them.
fn month_index((year, month): Month) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

/// Episodes per UK month for the `months` months ending with `last_month`,
/// oldest first, from the episodes' start times. Starts outside the window
/// are ignored: an episode belongs to the month it started in.
pub fn monthly_counts(starts: impl IntoIterator<Item = Instant>, last_month: Month, months: usize) -> Vec<u64> {
    let mut counts = vec![0; months];
    let last = month_index(last_month);
    for start in starts {
        let back = last - month_index(month_of(start));
        if let Ok(back) = usize::try_from(back)
            && back < months
        {
            counts[months - 1 - back] += 1;
        }
    }
    counts
}

/// Where an episode's return interview stands at `now`, by the same rules as
/// the chase list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiState {
    /// Not needed: an absence, or recorded as not required.
    NotRequired,
    /// The child has not returned, so the 72-hour clock has not started.
    AwaitingReturn,
    /// Required and not done: its deadline, the minutes left on the clock
    /// (negative when overdue) and the chase band.
    Outstanding { due_at: Instant, minutes_left: i64, band: Band },
    /// Completed: when, how, and whether by the deadline (`None` when the
    /// return was not recorded, so there is no deadline to judge by).
    Done { at: Instant, outcome: Option<RiOutcome>, in_time: Option<bool> },
}

/// The return interview's state for one episode at `now`.
pub fn ri_state(case: &CaseEpisode, now: Instant, rules: &Rules) -> RiState {
    let ri = &case.interview;
    if !ri.is_required() {
        return RiState::NotRequired;
    }
    let returned = case.episode.returned_by(now);
    if let Some(at) = ri.completed_by(now) {
        let in_time = returned.map(|r| rules.ri_in_time(r, at));
        return RiState::Done { at, outcome: ri.outcome, in_time };
    }
    match returned {
        None => RiState::AwaitingReturn,
        Some(returned) => {
            let due_at = rules.ri_due_at(returned);
            RiState::Outstanding {
                due_at,
                minutes_left: minutes_between(now, due_at),
                band: band_at(due_at, now, rules),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, case};
    use crate::domain::time::from_db_text;

    fn utc(s: &str) -> Instant {
        from_db_text(s).expect("test instant")
    }

    #[test]
    fn the_month_is_the_uk_month_not_the_utc_month() {
        // 23:59 BST on 31 October is 22:59 UTC: still October.
        assert_eq!(month_of(utc("2026-10-31T22:59:00Z")), (2026, 10));
        // 00:30 BST on 1 June is 23:30 UTC on 31 May: June.
        assert_eq!(month_of(utc("2026-05-31T23:30:00Z")), (2026, 6));
        // In winter UK time is UTC.
        assert_eq!(month_of(utc("2026-12-31T23:59:00Z")), (2026, 12));
    }

    #[test]
    fn counts_fall_in_the_uk_month_an_episode_started() {
        let starts = [utc("2026-10-31T22:59:00Z"), utc("2026-05-31T23:30:00Z"), utc("2026-06-30T23:30:00Z")];
        // June to October: the 30 June 23:30 UTC start is 1 July 00:30 BST.
        assert_eq!(monthly_counts(starts, (2026, 10), 5), [1, 1, 0, 0, 1]);
    }

    #[test]
    fn leap_february_counts_its_29th() {
        let starts = [at("2024-02-29 23:59"), at("2024-02-01 00:00"), at("2024-03-01 00:00")];
        assert_eq!(monthly_counts(starts, (2024, 3), 3), [0, 2, 1]);
    }

    #[test]
    fn months_with_none_are_zero_and_starts_outside_the_window_are_ignored() {
        let starts = [at("2026-01-15 10:00"), at("2026-03-02 10:00"), at("2026-03-20 10:00"), at("2026-07-01 10:00")];
        // March to June: January is before the window and July after it.
        assert_eq!(monthly_counts(starts, (2026, 6), 4), [2, 0, 0, 0]);
        assert_eq!(monthly_counts(std::iter::empty(), (2026, 6), 3), [0, 0, 0]);
        assert!(monthly_counts(starts, (2026, 6), 0).is_empty());
    }

    #[test]
    fn a_window_runs_across_the_year_end() {
        let starts = [at("2025-11-30 23:00"), at("2025-12-31 23:59"), at("2026-01-01 00:00"), at("2026-01-31 12:00")];
        assert_eq!(monthly_counts(starts, (2026, 2), 4), [1, 1, 2, 0]);
        assert_eq!(months_before((2026, 2), 3), (2025, 11));
        assert_eq!(months_before((2026, 11), 11), (2025, 12));
        assert_eq!(months_before((2025, 12), -1), (2026, 1));
    }

    #[test]
    fn an_outstanding_interview_counts_down_its_72_hours_then_is_overdue() {
        let c = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        let rules = Rules::default();
        let due_at = at("2026-06-04 09:00");
        assert_eq!(
            ri_state(&c, at("2026-06-04 03:48"), &rules),
            RiState::Outstanding { due_at, minutes_left: 312, band: Band::Within24h }
        );
        assert_eq!(
            ri_state(&c, at("2026-06-05 12:00"), &rules),
            RiState::Outstanding { due_at, minutes_left: -(27 * 60), band: Band::Overdue }
        );
    }

    #[test]
    fn still_missing_done_and_not_required_interviews() {
        let rules = Rules::default();
        let now = at("2026-06-10 09:00");
        assert_eq!(ri_state(&case("2026-06-01 08:00", None), now, &rules), RiState::AwaitingReturn);

        let mut done = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        done.interview.completed_at = Some(at("2026-06-04 09:00"));
        done.interview.outcome = Some(RiOutcome::FaceToFace);
        let in_time =
            RiState::Done { at: at("2026-06-04 09:00"), outcome: Some(RiOutcome::FaceToFace), in_time: Some(true) };
        assert_eq!(ri_state(&done, now, &rules), in_time);
        done.interview.completed_at = Some(at("2026-06-04 09:01"));
        assert!(matches!(ri_state(&done, now, &rules), RiState::Done { in_time: Some(false), .. }));
        // As of a moment before the completion, it was still outstanding.
        assert!(matches!(ri_state(&done, at("2026-06-04 09:00"), &rules), RiState::Outstanding { .. }));

        let mut absent = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        absent.interview.required = false;
        assert_eq!(ri_state(&absent, now, &rules), RiState::NotRequired);
        let mut recorded = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        recorded.interview.outcome = Some(RiOutcome::NotRequired);
        assert_eq!(ri_state(&recorded, now, &rules), RiState::NotRequired);
    }
}
