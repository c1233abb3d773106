//! The two cohort sections: children we placed out of area (counted here,
//! not in the main figures), and children placed here by other authorities,
//! with how each one's interviews went (their placing authority owns them).

use super::input::{Counted, ReportInput};
use super::interviews::{RiCount, RiOutcomeCount};
use super::meetings::MeetingCount;
use super::shape::OutOfAreaSection;
use crate::domain::codes::Cohort;
use crate::domain::mpmg::by_name;
use crate::domain::time::Instant;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

fn of_cohort<'a>(episodes: &[&'a Counted], cohort: Cohort) -> Vec<&'a Counted> {
    episodes.iter().copied().filter(|c| c.cohort == cohort).collect()
}

fn individuals(episodes: &[&Counted]) -> u64 {
    episodes.iter().map(|c| c.person).collect::<HashSet<_>>().len() as u64
}

pub(super) fn out_of_area(episodes: &[&Counted]) -> OutOfAreaSection {
    let ooa = of_cohort(episodes, Cohort::OutOfArea);
    OutOfAreaSection {
        individuals: individuals(&ooa),
        episodes: ooa.len() as u64,
        return_interviews: RiCount::of(ooa.iter().map(|c| c.interview)),
        strategy_meetings: MeetingCount::of(&ooa),
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

pub(super) fn placed_in(episodes: &[&Counted], input: &ReportInput) -> PlacedInSection {
    let placed = of_cohort(episodes, Cohort::PlacedIn);
    // Per child: episodes, interviews, and the latest episode's authority.
    let mut children: HashMap<u32, (u64, RiOutcomeCount, Instant, u32)> = HashMap::new();
    for c in &placed {
        let (episodes, interviews, latest, la) =
            children.entry(c.person).or_insert((0, RiOutcomeCount::default(), c.missing_at, c.responsible_la));
        *episodes += 1;
        interviews.add(c.interview);
        if c.missing_at > *latest {
            (*latest, *la) = (c.missing_at, c.responsible_la);
        }
    }
    let mut children: Vec<PlacedInChild> = children
        .into_iter()
        .map(|(person, (episodes, interviews, _, la))| {
            let child = &input.children[person as usize];
            PlacedInChild {
                person_ref: child.person_ref.clone(),
                name: child.name.clone(),
                responsible_la: input.authorities[la as usize].clone(),
                episodes,
                interviews,
            }
        })
        .collect();
    children.sort_by(|a, b| by_name(&a.name, &b.name).then_with(|| a.person_ref.cmp(&b.person_ref)));
    PlacedInSection {
        individuals: individuals(&placed),
        episodes: placed.len() as u64,
        return_interviews: RiCount::of(placed.iter().map(|c| c.interview)),
        children,
    }
}
