//! Strategy meetings for the report (DOMAIN.md counting rules): due =
//! episodes lasting 72 hours or more (an open one as of now); of those, held
//! in time (at or before started + 72 h), held late, found before (recorded
//! "not needed": the child was found first) and not held (the rest: not
//! held, only planned, or nothing recorded). Each episode is judged by the
//! Strategy list's own row.

use super::input::Counted;
use super::interviews::split;
use super::shape::CohortSplit;
use crate::domain::codes::StrategyStatus;
use crate::domain::record::CaseEpisode;
use crate::domain::rules::Rules;
use crate::domain::strategy::strategy_row;
use crate::domain::time::Instant;
use serde::Serialize;

/// How a due meeting went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingClass {
    HeldInTime,
    HeldLate,
    FoundBefore,
    NotHeld,
}

impl MeetingClass {
    /// `None` when the episode needed no meeting (under 72 hours as of now).
    pub fn of(case: &CaseEpisode, now: Instant, rules: &Rules) -> Option<Self> {
        if !rules.strategy_reached(case.episode.minutes_missing(now)) {
            return None;
        }
        let row = strategy_row(case, now, rules)?;
        Some(match (row.status, row.in_timescale) {
            (StrategyStatus::Held, Some(true)) => MeetingClass::HeldInTime,
            // Held with no time recorded cannot be shown in time.
            (StrategyStatus::Held, _) => MeetingClass::HeldLate,
            (StrategyStatus::NotNeeded, _) => MeetingClass::FoundBefore,
            _ => MeetingClass::NotHeld,
        })
    }
}

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
    pub fn of(episodes: &[&Counted]) -> Self {
        let mut count = MeetingCount::default();
        for class in episodes.iter().filter_map(|c| c.meeting) {
            count.due += 1;
            match class {
                MeetingClass::HeldInTime => count.held_in_time += 1,
                MeetingClass::HeldLate => count.held_late += 1,
                MeetingClass::FoundBefore => count.found_before += 1,
                MeetingClass::NotHeld => count.not_held += 1,
            }
        }
        count
    }
}

/// The period's meetings by cohort.
pub(super) fn by_cohort(episodes: &[&Counted]) -> CohortSplit<MeetingCount> {
    split(episodes, MeetingCount::of)
}
