//! The Missing Persons Monitoring Group's month: the children the group
//! reviews (its cohort), the top 10 most-missing children, and those
//! persistently missing in the quarter; and, for a group once reviewed, how
//! often they went missing afterwards (the trajectory).
//!
//! "Cohort" here is the MPMG's list of children to review, not the
//! local / out-of-area / placed-in split, which each row keeps as `cohort`.

mod persistent;
mod rows;
mod tally;
mod trajectory;

pub use persistent::{PersistentRow, persistent_quarter};
pub use rows::{CohortRow, TopRow, sparkline};
pub use tally::by_name;
pub use trajectory::{ChildTrajectory, QuarterTotal, Trajectory, trajectory};

use super::period::{Quarter, YearMonth};
use super::record::CaseEpisode;
use super::time::Instant;
use serde::Serialize;

/// The thresholds in force, each a setting (DOMAIN.md defaults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MpmgSettings {
    /// A child with this many episodes started in the month is reviewed.
    pub month_threshold: u64,
    /// This many episodes started in a quarter make a child persistently missing.
    pub quarter_threshold: u64,
    /// How many children the "top 10" lists.
    pub top_n: usize,
}

impl Default for MpmgSettings {
    fn default() -> Self {
        MpmgSettings { month_threshold: 3, quarter_threshold: 3, top_n: 10 }
    }
}

/// The top 10's fields in JSON and CSV, in order (INTERFACES.md).
pub const TOP10_COLUMNS: [&str; 6] = ["rank", "person_ref", "name", "episodes", "hours_missing", "last_missing_at"];

/// How many months a top-10 row's sparkline covers, ending with the month.
pub const SPARKLINE_MONTHS: usize = 12;

/// When an episode began and whose it was: all that counting episodes per
/// period needs, so the store can read many of them cheaply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeStart {
    pub person_ref: String,
    pub name: String,
    pub missing_at: Instant,
}

impl From<&CaseEpisode> for EpisodeStart {
    fn from(c: &CaseEpisode) -> Self {
        EpisodeStart { person_ref: c.person_ref.clone(), name: c.name.clone(), missing_at: c.episode.missing_at }
    }
}

/// Everything the MPMG looks at for one month. Serialises to the `mpmg` JSON
/// shape of INTERFACES.md; the skipped fields are for headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MpmgMonth {
    pub month: YearMonth,
    pub cohort: Vec<CohortRow>,
    pub top10: Vec<TopRow>,
    pub persistent_quarter: Vec<PersistentRow>,
    /// The financial quarter holding the month (the persistent list's period).
    #[serde(skip)]
    pub quarter: Quarter,
    #[serde(skip)]
    pub settings: MpmgSettings,
}

/// The month's lists as of `now`: an episode starting after `now` has not
/// happened yet, and one not back by `now` is still open.
///
/// `month_cases` must hold every episode that started in the month and
/// `quarter_starts` every start in the month's quarter; others are ignored,
/// so the store may hand over more. `history` gives a child's episode starts
/// for the top-10 sparklines (the store reads them for those few children only).
pub fn mpmg_month<E>(
    month_cases: &[CaseEpisode],
    quarter_starts: &[EpisodeStart],
    month: YearMonth,
    now: Instant,
    settings: &MpmgSettings,
    mut history: impl FnMut(&str) -> Result<Vec<Instant>, E>,
) -> Result<MpmgMonth, E> {
    let children = tally::children_of_month(month_cases, month, now);
    let cohort = rows::cohort_rows(&children, settings.month_threshold);
    let mut top10 = rows::top_rows(&children, settings.top_n);
    for row in &mut top10 {
        row.sparkline = sparkline(history(&row.person_ref)?, month, now);
    }
    let quarter = month.quarter();
    let persistent_quarter = persistent_quarter(quarter_starts, quarter, now, settings.quarter_threshold);
    Ok(MpmgMonth { month, cohort, top10, persistent_quarter, quarter, settings: *settings })
}

#[cfg(test)]
mod tests;
