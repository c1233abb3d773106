//! Patterns (DOMAIN.md "Patterns"): the forensic view of one child, the
//! children who go missing together, the places episodes gather at, and
//! whether prevention work was followed by fewer episodes. Every finding is
//! a count over recorded episodes, never a cause stated as fact.

pub mod child;
pub mod hotspots;
pub mod places;
pub mod prevention;
pub mod together;
mod words;

#[cfg(test)]
mod tests;

use super::codes::{MissingFrom, Reason};
use super::report::ReportPeriod;
use super::time::{Instant, uk_date};
use chrono::Months;

/// The period the patterns look at unless told otherwise: the 12 months up
/// to and including today.
pub fn last_twelve_months(now: Instant) -> ReportPeriod {
    twelve_months_to(uk_date(now))
}

/// The 12 months ending on `last` (included).
pub fn twelve_months_to(last: chrono::NaiveDate) -> ReportPeriod {
    let first = last.checked_sub_months(Months::new(12)).and_then(|d| d.succ_opt()).unwrap_or(last);
    ReportPeriod::days(first, last).unwrap_or(ReportPeriod::Days { first: last, last })
}

/// One episode as the pattern analysis reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternEpisode {
    pub person_ref: String,
    pub name: String,
    pub episode_ref: String,
    pub missing_at: Instant,
    /// The return as of "now"; `None` while still missing.
    pub returned_at: Option<Instant>,
    pub missing_from: MissingFrom,
    /// The named placement the child went missing from, if any.
    pub placement: Option<String>,
    pub where_found: Option<String>,
    /// Who the child was found with (`;`-separated names or references).
    pub found_with: Option<String>,
    /// The reasons the return interview gave.
    pub reasons: Vec<Reason>,
    /// The child's school, college or employment as recorded now (the file
    /// keeps no history of it).
    pub school: Option<String>,
}

impl PatternEpisode {
    /// Whole minutes missing, once back.
    pub fn minutes(&self) -> Option<i64> {
        self.returned_at.map(|r| (r - self.missing_at).num_minutes().max(0))
    }

    /// The end of the episode for overlap: its return, or `now` while open.
    pub fn end(&self, now: Instant) -> Instant {
        self.returned_at.unwrap_or(now).max(self.missing_at)
    }
}
