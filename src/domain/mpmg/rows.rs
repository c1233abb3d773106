//! The rows of the month's two lists of children: the MPMG cohort (who is
//! reviewed, and why) and the top 10.

use super::SPARKLINE_MONTHS;
use super::tally::ChildMonth;
use crate::domain::codes::{CaseStatus, Cohort, Exploitation, MissingFrom, ReviewReason};
use crate::domain::history::monthly_counts;
use crate::domain::period::YearMonth;
use crate::domain::time::{Instant, serialize_local};
use serde::Serialize;

/// A child the MPMG reviews this month. Serialises to the `mpmg` cohort
/// shape; the skipped fields are for screens and the meeting pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CohortRow {
    pub person_ref: String,
    pub name: String,
    /// Episodes started in the month.
    pub episodes: u64,
    /// Whole hours, summed over the month's episodes.
    pub hours_missing: i64,
    /// The status at the child's latest episode in the month.
    pub case_status: CaseStatus,
    /// Why the child is reviewed, in the order of [`ReviewReason::ALL`].
    pub review_reasons: Vec<ReviewReason>,
    #[serde(skip)]
    pub cohort: Cohort,
    #[serde(skip)]
    pub cse_strategy: bool,
    /// At risk of criminal exploitation at the latest episode, shown beside CSE.
    #[serde(skip)]
    pub cce_risk: bool,
    /// CSE / CCE at the latest episode: flagged, or a concern it raised.
    #[serde(skip)]
    pub exploitation: Vec<Exploitation>,
    #[serde(skip)]
    pub missing_from: MissingFrom,
    #[serde(skip)]
    pub missing_from_name: Option<String>,
    #[serde(skip)]
    pub lead_professional: Option<String>,
    #[serde(skip)]
    pub team: Option<String>,
    #[serde(skip)]
    pub last_missing_at: Instant,
}

/// A child in the month's top 10. Serialises to the `mpmg` top10 shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopRow {
    /// 1 for the most-missing child; ties are broken, so ranks never repeat.
    pub rank: usize,
    pub person_ref: String,
    pub name: String,
    pub episodes: u64,
    pub hours_missing: i64,
    #[serde(serialize_with = "serialize_local")]
    pub last_missing_at: Instant,
    #[serde(skip)]
    pub case_status: CaseStatus,
    #[serde(skip)]
    pub cohort: Cohort,
    #[serde(skip)]
    pub missing_from: MissingFrom,
    #[serde(skip)]
    pub missing_from_name: Option<String>,
    #[serde(skip)]
    pub cse_strategy: bool,
    #[serde(skip)]
    pub cce_risk: bool,
    #[serde(skip)]
    pub exploitation: Vec<Exploitation>,
    /// Episodes per month for the twelve months ending with the list's month, oldest first.
    #[serde(skip)]
    pub sparkline: Vec<u64>,
}

/// Every child looked after at one of the month's episodes, and every child
/// with `threshold` or more episodes, in the top-10 order.
pub(super) fn cohort_rows(children: &[ChildMonth], threshold: u64) -> Vec<CohortRow> {
    children
        .iter()
        .filter_map(|child| {
            let mut review_reasons = Vec::new();
            if child.in_care {
                review_reasons.push(ReviewReason::InCare);
            }
            if child.episodes >= threshold {
                review_reasons.push(ReviewReason::ThreeOrMore);
            }
            if review_reasons.is_empty() {
                return None;
            }
            let latest = child.latest;
            let ep = &latest.episode;
            Some(CohortRow {
                person_ref: latest.person_ref.clone(),
                name: latest.name.clone(),
                episodes: child.episodes,
                hours_missing: child.hours(),
                case_status: ep.at_the_time.case_status,
                review_reasons,
                cohort: ep.at_the_time.cohort,
                cse_strategy: ep.at_the_time.cse_strategy,
                cce_risk: ep.at_the_time.cce_risk,
                exploitation: ep.exploitation_marks(),
                missing_from: ep.missing_from,
                missing_from_name: ep.missing_from_name.clone(),
                lead_professional: ep.at_the_time.lead_professional.clone(),
                team: ep.at_the_time.team.clone(),
                last_missing_at: ep.missing_at,
            })
        })
        .collect()
}

/// The first `n` children in the top-10 order, ranked from 1. Sparklines are
/// left empty for the caller, who has the children's longer history.
pub(super) fn top_rows(children: &[ChildMonth], n: usize) -> Vec<TopRow> {
    children
        .iter()
        .take(n)
        .enumerate()
        .map(|(i, child)| {
            let latest = child.latest;
            let ep = &latest.episode;
            TopRow {
                rank: i + 1,
                person_ref: latest.person_ref.clone(),
                name: latest.name.clone(),
                episodes: child.episodes,
                hours_missing: child.hours(),
                last_missing_at: ep.missing_at,
                case_status: ep.at_the_time.case_status,
                cohort: ep.at_the_time.cohort,
                missing_from: ep.missing_from,
                missing_from_name: ep.missing_from_name.clone(),
                cse_strategy: ep.at_the_time.cse_strategy,
                cce_risk: ep.at_the_time.cce_risk,
                exploitation: ep.exploitation_marks(),
                sparkline: Vec::new(),
            }
        })
        .collect()
}

/// Episodes per month for the twelve months ending with `month`, oldest
/// first, counting only starts by `now`.
pub fn sparkline(starts: impl IntoIterator<Item = Instant>, month: YearMonth, now: Instant) -> Vec<u64> {
    monthly_counts(starts.into_iter().filter(|t| *t <= now), month.as_month(), SPARKLINE_MONTHS)
}
