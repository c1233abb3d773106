//! The report's figures as INTERFACES.md's `report` JSON gives them (fields
//! added: individuals beside counts where a reader needs the base, the
//! year-before individuals per month, the counts behind each share, and the
//! placed-in section). Vocabularies serialise by their codes, in their order.

use super::interviews::RiCount;
use super::meetings::MeetingCount;
use super::placed_in::PlacedInSection;
use crate::domain::codes::{CaseStatus, Cohort, LengthBand, Location, MissingFrom, Reason};
use crate::domain::period::{Quarter, YearMonth};
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

/// Every figure for one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub totals: Totals,
    /// The same period a year earlier (for a year, the year before).
    pub totals_prior_year: Totals,
    pub by_location: Vec<LocationRow>,
    pub by_month: Vec<MonthRow>,
    pub by_placement: Vec<PlacementRow>,
    pub case_status_by_quarter: Vec<CaseStatusRow>,
    pub length_bands: Vec<BandRow>,
    pub first_time_by_location: Vec<FirstTimeRow>,
    pub one_off_individuals: u64,
    pub one_off_percent: Option<f64>,
    pub persistent_individuals: u64,
    pub persistent_percent: Option<f64>,
    pub return_interviews: ReturnInterviews,
    pub strategy_meetings: StrategyMeetings,
    pub reasons_by_quarter: Vec<ReasonsRow>,
    pub out_of_area: OutOfAreaSection,
    pub placed_in: PlacedInSection,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    pub individuals: u64,
    pub episodes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LocationRow {
    pub location: Location,
    pub individuals: u64,
    pub episodes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthRow {
    pub month: YearMonth,
    pub individuals: u64,
    pub episodes: u64,
    pub individuals_prior_year: u64,
    pub episodes_prior_year: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementRow {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: MissingFrom,
    pub individuals: u64,
    pub episodes: u64,
}

/// Individuals per case status in a quarter (a child under each status that
/// applied at any of their episodes), and under a CSE strategy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseStatusRow {
    pub quarter: Quarter,
    pub individuals: u64,
    /// In [`CaseStatus::ALL`]'s order.
    pub by_status: Vec<u64>,
    pub cse: u64,
    /// At risk of criminal exploitation: split beside CSE, as DOMAIN.md asks.
    pub cce: u64,
}

impl Serialize for CaseStatusRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("quarter", &self.quarter)?;
        map.serialize_entry("individuals", &self.individuals)?;
        for (status, n) in CaseStatus::ALL.iter().zip(&self.by_status) {
            map.serialize_entry(status.code(), n)?;
        }
        map.serialize_entry("cse", &self.cse)?;
        map.serialize_entry("cce", &self.cce)?;
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BandRow {
    pub band: LengthBand,
    pub episodes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FirstTimeRow {
    pub location: Location,
    pub individuals: u64,
}

/// A figure for each cohort and for all of them together.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct CohortSplit<T> {
    pub local: T,
    pub out_of_area: T,
    pub placed_in: T,
    pub all: T,
}

impl<T: Copy> CohortSplit<T> {
    /// Local, out of area, placed in, all: the order every table shows them in.
    pub fn in_order(&self) -> [T; 4] {
        [self.local, self.out_of_area, self.placed_in, self.all]
    }
}

impl<T> CohortSplit<T> {
    /// Each cohort's figure, and all cohorts', from `of`, told which
    /// cohorts to count.
    pub fn each(of: impl Fn(&dyn Fn(Cohort) -> bool) -> T) -> Self {
        CohortSplit {
            local: of(&|c| c == Cohort::Local),
            out_of_area: of(&|c| c == Cohort::OutOfArea),
            placed_in: of(&|c| c == Cohort::PlacedIn),
            all: of(&|_| true),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReturnInterviews {
    pub by_cohort: CohortSplit<RiCount>,
    pub by_quarter: Vec<QuarterInterviews>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuarterInterviews {
    pub quarter: Quarter,
    #[serde(flatten)]
    pub by_cohort: CohortSplit<RiCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrategyMeetings {
    pub by_cohort: CohortSplit<MeetingCount>,
}

/// Reasons given at the quarter's completed return interviews.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonsRow {
    pub quarter: Quarter,
    /// In [`Reason::ALL`]'s order.
    pub counts: Vec<u64>,
}

impl Serialize for ReasonsRow {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("quarter", &self.quarter)?;
        for (reason, n) in Reason::ALL.iter().zip(&self.counts) {
            map.serialize_entry(reason.code(), n)?;
        }
        map.end()
    }
}

/// Children we placed out of area: counted here, not in the main figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutOfAreaSection {
    pub individuals: u64,
    pub episodes: u64,
    pub return_interviews: RiCount,
    pub strategy_meetings: MeetingCount,
}
