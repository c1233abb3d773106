//! The two cohort sections: children we placed out of area (counted here,
//! not in the main figures), and children placed here by other authorities,
//! with how each one's interviews went (their placing authority owns them).

use super::interviews::{RiCount, RiOutcomeCount, RiVerdict};
use super::meetings::MeetingCount;
use super::shape::OutOfAreaSection;
use crate::domain::codes::Cohort;
use crate::domain::mpmg::by_name;
use crate::domain::record::CaseEpisode;
use crate::domain::rules::Rules;
use crate::domain::time::Instant;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

fn of_cohort<'a>(episodes: &[&'a CaseEpisode], cohort: Cohort) -> Vec<&'a CaseEpisode> {
    episodes.iter().copied().filter(|c| c.episode.at_the_time.cohort == cohort).collect()
}

fn individuals(episodes: &[&CaseEpisode]) -> u64 {
    episodes.iter().map(|c| c.person_ref.as_str()).collect::<HashSet<_>>().len() as u64
}

pub(super) fn out_of_area(episodes: &[&CaseEpisode], now: Instant, rules: &Rules) -> OutOfAreaSection {
    let ooa = of_cohort(episodes, Cohort::OutOfArea);
    OutOfAreaSection {
        individuals: individuals(&ooa),
        episodes: ooa.len() as u64,
        return_interviews: RiCount::of(ooa.iter().map(|c| RiVerdict::of(c, now, rules))),
        strategy_meetings: MeetingCount::of(&ooa, now, rules),
    }
}

/// Children placed here by another authority, and how their interviews went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlacedInSection {
    pub individuals: u64,
    pub episodes: u64,
    pub return_interviews: RiCount,
    pub children: Vec<PlacedInChild>,
}

/// One child placed here: the responsible (placing) authority at their
/// latest episode in the period, and their interviews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacedInChild {
    pub person_ref: String,
    pub name: String,
    pub responsible_la: String,
    pub episodes: u64,
    pub interviews: RiOutcomeCount,
}

pub(super) fn placed_in(episodes: &[&CaseEpisode], now: Instant, rules: &Rules) -> PlacedInSection {
    let placed = of_cohort(episodes, Cohort::PlacedIn);
    let mut children: HashMap<&str, (PlacedInChild, Instant)> = HashMap::new();
    for case in &placed {
        let ep = &case.episode;
        let (child, latest) = children.entry(&case.person_ref).or_insert_with(|| {
            let child = PlacedInChild {
                person_ref: case.person_ref.clone(),
                name: case.name.clone(),
                responsible_la: ep.at_the_time.responsible_la.clone(),
                episodes: 0,
                interviews: RiOutcomeCount::default(),
            };
            (child, ep.missing_at)
        });
        child.episodes += 1;
        child.interviews.add(RiVerdict::of(case, now, rules));
        if ep.missing_at > *latest {
            *latest = ep.missing_at;
            child.name = case.name.clone();
            child.responsible_la = ep.at_the_time.responsible_la.clone();
        }
    }
    let mut children: Vec<PlacedInChild> = children.into_values().map(|(c, _)| c).collect();
    children.sort_by(|a, b| by_name(&a.name, &b.name).then_with(|| a.person_ref.cmp(&b.person_ref)));
    PlacedInSection {
        individuals: individuals(&placed),
        episodes: placed.len() as u64,
        return_interviews: RiCount::of(placed.iter().map(|c| RiVerdict::of(c, now, rules))),
        children,
    }
}
