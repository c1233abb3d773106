//! Strategy meetings for the report (DOMAIN.md counting rules): due =
//! episodes lasting 72 hours or more (an open one as of now); of those, held
//! in time (at or before started + 72 h), held late, found before (recorded
//! "not needed": the child was found first) and not held (the rest: not
//! held, only planned, or nothing recorded). Each episode is judged by the
//! Strategy list's own row.

use super::interviews::split;
use super::shape::CohortSplit;
use crate::domain::codes::StrategyStatus;
use crate::domain::record::CaseEpisode;
use crate::domain::rules::Rules;
use crate::domain::strategy::strategy_row;
use crate::domain::time::Instant;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct MeetingCount {
    pub due: u64,
    pub held_in_time: u64,
    pub held_late: u64,
    pub found_before: u64,
    pub not_held: u64,
}

impl MeetingCount {
    /// Counts the episodes that needed a meeting.
    pub fn of(episodes: &[&CaseEpisode], now: Instant, rules: &Rules) -> Self {
        let mut count = MeetingCount::default();
        for case in episodes {
            if !rules.strategy_reached(case.episode.minutes_missing(now)) {
                continue;
            }
            let Some(row) = strategy_row(case, now, rules) else { continue };
            count.due += 1;
            match (row.status, row.in_timescale) {
                (StrategyStatus::Held, Some(true)) => count.held_in_time += 1,
                // Held with no time recorded cannot be shown in time.
                (StrategyStatus::Held, _) => count.held_late += 1,
                (StrategyStatus::NotNeeded, _) => count.found_before += 1,
                _ => count.not_held += 1,
            }
        }
        count
    }
}

/// The period's meetings by cohort.
pub(super) fn by_cohort(episodes: &[&CaseEpisode], now: Instant, rules: &Rules) -> CohortSplit<MeetingCount> {
    split(episodes, |part| MeetingCount::of(part, now, rules))
}
