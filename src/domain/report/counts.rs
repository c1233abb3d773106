//! The main figures: children living in our area (local and placed in), by
//! month, location, placement, case status, length, first time and repeats.
//! Individuals are distinct children; a child counts under each location and
//! status that applied at any of their episodes, so those columns can add up
//! to more than the total.

use super::input::Counted;
use super::input::ReportInput;
use super::shape::{BandRow, CaseStatusRow, FirstTimeRow, LocationRow, MonthRow, PlacementRow, ReasonsRow, Totals};
use super::span::{ReportPeriod, clip};
use crate::domain::codes::{CaseStatus, LengthBand, Location, MissingFrom, Reason};
use crate::domain::cohort::lives_here;
use crate::domain::mpmg::{EpisodeStart, by_name, persistent_quarter};
use crate::domain::time::Instant;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

/// The band an episode of this many whole minutes falls in. Edges are
/// exact: [0,12h) [12,24h) [24,48h) [48,72h) [72h,...); whole minutes
/// floor the length, so 11h 59m 59s is under 12 hours and 12h 0m is not.
pub fn length_band(minutes: i64) -> LengthBand {
    match minutes {
        m if m < 12 * 60 => LengthBand::UpTo12h,
        m if m < 24 * 60 => LengthBand::UpTo24h,
        m if m < 48 * 60 => LengthBand::UpTo48h,
        m if m < 72 * 60 => LengthBand::UpTo72h,
        _ => LengthBand::From72h,
    }
}

/// A period's episodes of children living here.
pub(super) struct Main<'a> {
    input: &'a ReportInput,
    episodes: Vec<&'a Counted>,
}

fn individuals<'a>(episodes: impl IntoIterator<Item = &'a &'a Counted>) -> u64 {
    episodes.into_iter().map(|c| c.person).collect::<HashSet<_>>().len() as u64
}

fn starts_within(c: &Counted, (from, to): (Instant, Instant)) -> bool {
    from <= c.missing_at && c.missing_at < to
}

impl<'a> Main<'a> {
    pub fn new(input: &'a ReportInput, episodes: &[&'a Counted]) -> Self {
        Main { input, episodes: episodes.iter().copied().filter(|c| lives_here(c.cohort)).collect() }
    }

    fn within(&self, span: (Instant, Instant)) -> Vec<&'a Counted> {
        self.episodes.iter().copied().filter(|c| starts_within(c, span)).collect()
    }

    pub fn individuals(&self) -> u64 {
        individuals(&self.episodes)
    }

    pub fn totals(&self) -> Totals {
        Totals { individuals: self.individuals(), episodes: self.episodes.len() as u64 }
    }

    /// Every location, in order, even those with none.
    pub fn by_location(&self) -> Vec<LocationRow> {
        Location::ALL
            .iter()
            .map(|&location| {
                let here: Vec<&Counted> =
                    self.episodes.iter().copied().filter(|c| Location::from(c.missing_from) == location).collect();
                LocationRow { location, individuals: individuals(&here), episodes: here.len() as u64 }
            })
            .collect()
    }

    /// Named placements, most episodes first (then more children, then name).
    pub fn by_placement(&self) -> Vec<PlacementRow> {
        let mut places: HashMap<(u32, MissingFrom), (u64, HashSet<u32>)> = HashMap::new();
        for c in &self.episodes {
            let Some(place) = c.place else { continue };
            let (episodes, children) = places.entry((place, c.missing_from)).or_default();
            *episodes += 1;
            children.insert(c.person);
        }
        let mut rows: Vec<PlacementRow> = places
            .into_iter()
            .map(|((place, kind), (episodes, children))| PlacementRow {
                name: self.input.places[place as usize].clone(),
                kind,
                individuals: children.len() as u64,
                episodes,
            })
            .collect();
        rows.sort_by(|a, b| {
            (Reverse(a.episodes), Reverse(a.individuals))
                .cmp(&(Reverse(b.episodes), Reverse(b.individuals)))
                .then_with(|| by_name(&a.name, &b.name))
                .then_with(|| a.kind.cmp(&b.kind))
        });
        rows
    }

    /// Episodes per length band, an open one measured to the period's end
    /// (or now, if earlier).
    pub fn length_bands(&self, period_end: Instant, now: Instant) -> Vec<BandRow> {
        let mut counts = [0u64; 5];
        for c in &self.episodes {
            let band = length_band(c.minutes_in_period(period_end, now));
            counts[LengthBand::ALL.iter().position(|b| *b == band).unwrap_or(4)] += 1;
        }
        LengthBand::ALL.iter().zip(counts).map(|(&band, episodes)| BandRow { band, episodes }).collect()
    }

    /// Children whose first episode ever started in the period, by where
    /// that episode was from.
    pub fn first_time_by_location(&self) -> Vec<FirstTimeRow> {
        let first = self.input.first_starts();
        let firsts: Vec<&Counted> =
            self.episodes.iter().copied().filter(|c| first.get(&c.person) == Some(&c.missing_at)).collect();
        Location::ALL
            .iter()
            .map(|&location| FirstTimeRow {
                location,
                individuals: individuals(firsts.iter().filter(|c| Location::from(c.missing_from) == location)),
            })
            .collect()
    }

    /// Children with exactly one episode in the period.
    pub fn one_off(&self) -> u64 {
        let mut per_child: HashMap<u32, u64> = HashMap::new();
        for c in &self.episodes {
            *per_child.entry(c.person).or_default() += 1;
        }
        per_child.values().filter(|n| **n == 1).count() as u64
    }

    /// Children with `threshold` or more episodes within one quarter of the
    /// period (the MPMG's persistently-missing rule, quarter by quarter).
    pub fn persistent(&self, period: ReportPeriod, now: Instant, threshold: u64) -> u64 {
        let mut children: HashSet<String> = HashSet::new();
        for quarter in period.quarters() {
            let starts: Vec<EpisodeStart> = self
                .within(clip(quarter.bounds(), period.bounds()))
                .into_iter()
                .map(|c| {
                    let child = &self.input.children[c.person as usize];
                    EpisodeStart {
                        person_ref: child.person_ref.clone(),
                        name: child.name.clone(),
                        missing_at: c.missing_at,
                    }
                })
                .collect();
            children.extend(persistent_quarter(&starts, quarter, now, threshold).into_iter().map(|r| r.person_ref));
        }
        children.len() as u64
    }
}

/// Individuals and episodes of children living here started in `span`,
/// from the full episodes and the starts alike.
pub(super) fn totals_in(input: &ReportInput, span: (Instant, Instant)) -> Totals {
    let mut totals = Totals::default();
    let mut children = HashSet::new();
    for c in input.starts_in(span).filter(|c| lives_here(c.cohort)) {
        totals.episodes += 1;
        children.insert(c.person);
    }
    totals.individuals = children.len() as u64;
    totals
}

/// Each month the period touches, with the same month a year before.
pub(super) fn by_month(input: &ReportInput, period: ReportPeriod) -> Vec<MonthRow> {
    let earlier = period.year_earlier();
    period
        .months()
        .into_iter()
        .map(|month| {
            let count = |span| {
                let mut episodes = 0;
                let mut children = HashSet::new();
                for c in input.starts_in(span) {
                    if lives_here(c.cohort) {
                        episodes += 1;
                        children.insert(c.person);
                    }
                }
                (children.len() as u64, episodes)
            };
            let (individuals, episodes) = count(clip(month.bounds(), period.bounds()));
            let (individuals_prior_year, episodes_prior_year) = count(clip(month.plus(-12).bounds(), earlier.bounds()));
            MonthRow { month, individuals, episodes, individuals_prior_year, episodes_prior_year }
        })
        .collect()
}

/// Per quarter the period touches: individuals under each case status and CSE.
pub(super) fn case_status_by_quarter(main: &Main, period: ReportPeriod) -> Vec<CaseStatusRow> {
    period
        .quarters()
        .into_iter()
        .map(|quarter| {
            let inside = main.within(clip(quarter.bounds(), period.bounds()));
            let with = |keep: &dyn Fn(&Counted) -> bool| individuals(inside.iter().filter(|c| keep(c)));
            CaseStatusRow {
                quarter,
                individuals: individuals(&inside),
                by_status: CaseStatus::ALL.iter().map(|s| with(&|c: &Counted| c.case_status == *s)).collect(),
                cse: with(&|c: &Counted| c.cse_strategy),
                cce: with(&|c: &Counted| c.cce_risk),
            }
        })
        .collect()
}

/// Per quarter: each reason given at the return interviews of the quarter's
/// episodes that were completed by now (the reasons come from the interview).
pub(super) fn reasons_by_quarter(main: &Main, period: ReportPeriod) -> Vec<ReasonsRow> {
    period
        .quarters()
        .into_iter()
        .map(|quarter| {
            let inside = main.within(clip(quarter.bounds(), period.bounds()));
            let counts =
                Reason::ALL.iter().map(|r| inside.iter().filter(|c| c.has_reason(*r)).count() as u64).collect();
            ReasonsRow { quarter, counts }
        })
        .collect()
}
