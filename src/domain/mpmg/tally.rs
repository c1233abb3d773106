//! One child's month: the episodes that started in it, as of now, and the
//! order every MPMG list ranks children in.

use crate::domain::codes::CaseStatus;
use crate::domain::period::YearMonth;
use crate::domain::record::CaseEpisode;
use crate::domain::time::Instant;
use std::cmp::Ordering;
use std::collections::HashMap;

/// A child's episodes that started in the month.
#[derive(Debug)]
pub(super) struct ChildMonth<'a> {
    /// The child's latest episode in the month: its circumstances are the
    /// ones a row shows (status, placement, cohort, lead professional).
    pub latest: &'a CaseEpisode,
    pub episodes: u64,
    /// Summed exactly, so whole hours are taken once, from the total.
    pub minutes: i64,
    /// At least one of the episodes began while the child was looked after.
    pub in_care: bool,
}

impl ChildMonth<'_> {
    pub fn hours(&self) -> i64 {
        self.minutes / 60
    }
}

/// The children with an episode that started in `month` by `now`, in the
/// top-10 order.
pub(super) fn children_of_month(cases: &[CaseEpisode], month: YearMonth, now: Instant) -> Vec<ChildMonth<'_>> {
    // Bounds once, not per episode: each is a time-zone conversion.
    let (month_start, month_end) = month.bounds();
    let mut by_child: HashMap<&str, ChildMonth> = HashMap::new();
    for case in cases {
        let ep = &case.episode;
        if ep.missing_at < month_start || ep.missing_at >= month_end || ep.missing_at > now {
            continue;
        }
        let child = by_child.entry(&case.person_ref).or_insert(ChildMonth {
            latest: case,
            episodes: 0,
            minutes: 0,
            in_care: false,
        });
        child.episodes += 1;
        child.minutes += ep.minutes_in_period(month_end, now);
        child.in_care |= ep.at_the_time.case_status == CaseStatus::ChildInCare;
        let latest = &child.latest.episode;
        if (ep.missing_at, &ep.episode_ref) > (latest.missing_at, &latest.episode_ref) {
            child.latest = case;
        }
    }
    let mut children: Vec<ChildMonth> = by_child.into_values().collect();
    children.sort_by(top_order);
    children
}

/// DOMAIN.md "Top 10 ties": more episodes first, then more hours missing in
/// the month (the whole hours the list shows, so a reader can check the
/// order), then the most recent episode, then name. The reference last only
/// makes the order total when two children share a name.
pub(super) fn top_order(a: &ChildMonth, b: &ChildMonth) -> Ordering {
    b.episodes
        .cmp(&a.episodes)
        .then_with(|| b.hours().cmp(&a.hours()))
        .then_with(|| b.latest.episode.missing_at.cmp(&a.latest.episode.missing_at))
        .then_with(|| by_name(&a.latest.name, &b.latest.name))
        .then_with(|| a.latest.person_ref.cmp(&b.latest.person_ref))
}

/// Alphabetical as people read it: letter case only breaks a tie.
pub fn by_name(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase()).then_with(|| a.cmp(b))
}
