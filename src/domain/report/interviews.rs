//! Return interviews in 72 hours, by cohort and quarter (DOMAIN.md counting
//! rules): required = required and either completed or already past its
//! deadline; in time = completed at or before returned + 72 h. Each
//! episode's interview is judged by the one rule every screen uses
//! ([`ri_state`]).

use super::input::Counted;
use super::percent;
use super::shape::{CohortSplit, QuarterInterviews, ReturnInterviews};
use super::span::{ReportPeriod, clip};
use crate::domain::codes::Band;
use crate::domain::history::{RiState, ri_state};
use crate::domain::record::CaseEpisode;
use crate::domain::rules::Rules;
use crate::domain::time::Instant;
use serde::Serialize;

/// How one episode's interview stands for the report at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiVerdict {
    NotRequired,
    /// Required, but the child is not back or the deadline has not passed:
    /// not counted yet.
    NotYetDue,
    InTime,
    /// Completed after the deadline.
    Late,
    /// Past the deadline and not completed.
    Overdue,
}

impl RiVerdict {
    pub fn of(case: &CaseEpisode, now: Instant, rules: &Rules) -> Self {
        match ri_state(case, now, rules) {
            RiState::NotRequired => RiVerdict::NotRequired,
            RiState::AwaitingReturn => RiVerdict::NotYetDue,
            RiState::Outstanding { band: Band::Overdue, .. } => RiVerdict::Overdue,
            RiState::Outstanding { .. } => RiVerdict::NotYetDue,
            RiState::Done { in_time: Some(true), .. } => RiVerdict::InTime,
            // Completed with no return to judge by cannot be shown in time.
            RiState::Done { .. } => RiVerdict::Late,
        }
    }

    /// Counted as required (DOMAIN.md).
    pub fn required(self) -> bool {
        matches!(self, RiVerdict::InTime | RiVerdict::Late | RiVerdict::Overdue)
    }
}

/// Required, in time, and in time as a share of required (one decimal).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RiCount {
    pub required: u64,
    pub in_time: u64,
    pub percent: Option<f64>,
}

impl RiCount {
    pub fn of(verdicts: impl IntoIterator<Item = RiVerdict>) -> Self {
        let (mut required, mut in_time) = (0, 0);
        for v in verdicts {
            required += u64::from(v.required());
            in_time += u64::from(v == RiVerdict::InTime);
        }
        RiCount { required, in_time, percent: percent(in_time, required) }
    }
}

/// Every way an interview can stand, counted (for the placed-in children).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct RiOutcomeCount {
    pub required: u64,
    pub in_time: u64,
    pub late: u64,
    pub overdue: u64,
    pub not_yet_due: u64,
    pub not_required: u64,
}

impl RiOutcomeCount {
    pub fn add(&mut self, v: RiVerdict) {
        self.required += u64::from(v.required());
        match v {
            RiVerdict::InTime => self.in_time += 1,
            RiVerdict::Late => self.late += 1,
            RiVerdict::Overdue => self.overdue += 1,
            RiVerdict::NotYetDue => self.not_yet_due += 1,
            RiVerdict::NotRequired => self.not_required += 1,
        }
    }
}

/// Splits `episodes` by cohort and counts each part with `count`.
pub(super) fn split<T>(episodes: &[&Counted], count: impl Fn(&[&Counted]) -> T) -> CohortSplit<T> {
    CohortSplit::each(|keep| {
        let part: Vec<&Counted> = episodes.iter().copied().filter(|c| keep(c.cohort)).collect();
        count(&part)
    })
}

/// The period's interviews by cohort, and by each quarter it touches.
pub(super) fn return_interviews(episodes: &[&Counted], period: ReportPeriod) -> ReturnInterviews {
    let count = |part: &[&Counted]| RiCount::of(part.iter().map(|c| c.interview));
    let by_quarter = period
        .quarters()
        .into_iter()
        .map(|quarter| {
            let (from, to) = clip(quarter.bounds(), period.bounds());
            let inside: Vec<&Counted> =
                episodes.iter().copied().filter(|c| from <= c.missing_at && c.missing_at < to).collect();
            QuarterInterviews { quarter, by_cohort: split(&inside, count) }
        })
        .collect();
    ReturnInterviews { by_cohort: split(episodes, count), by_quarter }
}
