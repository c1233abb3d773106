//! The board report for the safeguarding partnership (DOMAIN.md, "The
//! quarterly / annual report" under its "Counting rules"): every figure for a
//! period, and the same figures for the period before.
//!
//! An episode belongs to the period it started in, and so do its return
//! interview and strategy meeting. The main figures count children living in
//! our area (local and placed in); children we placed out of area are counted
//! in `out_of_area` and in every cohort split (`by_cohort`, whose `all` is
//! every cohort). Absences (away without authorisation) are episodes like any
//! other here. Every figure split by CSE is split by CCE too (`cce` beside `cse`).

pub mod change;
mod counts;
mod input;
mod interviews;
mod meetings;
pub mod monthly;
mod placed_in;
mod shape;
mod span;

#[cfg(test)]
mod tests;

pub use counts::length_band;
pub use input::{Child, Counted, ReadSpans, ReportInput, Start, read_spans};
pub use interviews::{RiCount, RiOutcomeCount, RiVerdict};
pub use meetings::MeetingClass;
pub use meetings::MeetingCount;
pub use placed_in::{PlacedInChild, PlacedInSection};
pub use shape::{
    BandRow, CaseStatusRow, CohortSplit, Figures, FirstTimeRow, LocationRow, MonthRow, OutOfAreaSection, PlacementRow,
    QuarterInterviews, ReasonsRow, ReturnInterviews, StrategyMeetings, Totals,
};
pub use span::{PeriodError, ReportPeriod, clip};

use crate::domain::rules::Rules;
use crate::domain::time::{Instant, serialize_local};
use chrono::NaiveDate;
use serde::Serialize;

/// The return-interview target when none is set: 90% in 72 hours.
pub const DEFAULT_RI_TARGET_PERCENT: i64 = 90;

/// The settings a report counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportSettings {
    pub rules: Rules,
    /// Episodes in one quarter that make a child persistently missing.
    pub persistent_threshold: u64,
    /// The share of return interviews in 72 hours aimed at.
    pub target_percent: i64,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            rules: Rules::default(),
            persistent_threshold: crate::domain::mpmg::MpmgSettings::default().quarter_threshold,
            target_percent: DEFAULT_RI_TARGET_PERCENT,
        }
    }
}

/// The report: serialises to INTERFACES.md's `report` shape, with the
/// period's name and kind, "as of", the target and the period before added.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The first and last day of the period (both included).
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub authority: String,
    pub period: String,
    pub kind: &'static str,
    #[serde(serialize_with = "serialize_local")]
    pub at: Instant,
    pub target_percent: i64,
    #[serde(flatten)]
    pub figures: Figures,
    /// The same figures for the period before, of the same kind.
    pub prior: Prior,
    /// For a calendar month: the monthly performance list (added by the
    /// store, which reads the chase list and the top 10 for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub performance: Option<monthly::Performance>,
}

/// The period before and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prior {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub period: String,
    #[serde(flatten)]
    pub figures: Figures,
}

/// The report for `period` as of the input's now, from what the store read
/// for [`read_spans`]`(period)`.
pub fn report(input: &ReportInput, period: ReportPeriod, authority: &str, settings: &ReportSettings) -> Report {
    let now = input.now();
    let before = period.before();
    Report {
        from: period.first_day(),
        to: period.last_day(),
        authority: authority.to_string(),
        period: period.label(),
        kind: period.kind(),
        at: now,
        target_percent: settings.target_percent,
        figures: figures(input, period, settings),
        prior: Prior {
            from: before.first_day(),
            to: before.last_day(),
            period: before.label(),
            figures: figures(input, before, settings),
        },
        performance: None,
    }
}

/// Every figure for one period.
pub fn figures(input: &ReportInput, period: ReportPeriod, settings: &ReportSettings) -> Figures {
    let now = input.now();
    let episodes = input.started_in(period.bounds());
    let main = counts::Main::new(input, &episodes);
    let interviews = interviews::return_interviews(&episodes, period);
    let meetings = meetings::by_cohort(&episodes);
    Figures {
        totals: main.totals(),
        totals_prior_year: counts::totals_in(input, period.year_earlier().bounds()),
        by_location: main.by_location(),
        by_month: counts::by_month(input, period),
        by_placement: main.by_placement(),
        case_status_by_quarter: counts::case_status_by_quarter(&main, period),
        length_bands: main.length_bands(period.bounds().1, now),
        first_time_by_location: main.first_time_by_location(),
        one_off_individuals: main.one_off(),
        one_off_percent: percent(main.one_off(), main.individuals()),
        persistent_individuals: main.persistent(period, now, settings.persistent_threshold),
        persistent_percent: percent(main.persistent(period, now, settings.persistent_threshold), main.individuals()),
        return_interviews: interviews,
        strategy_meetings: StrategyMeetings { by_cohort: meetings },
        reasons_by_quarter: counts::reasons_by_quarter(&main, period),
        out_of_area: placed_in::out_of_area(&episodes),
        placed_in: placed_in::placed_in(&episodes, input),
    }
}

/// `part` as a percentage of `whole`, to one decimal place (halves up);
/// `None` when there is nothing to take a share of.
pub fn percent(part: u64, whole: u64) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    let tenths = (part * 2000 + whole) / (2 * whole);
    Some(tenths as f64 / 10.0)
}
