//! Hotspots (DOMAIN.md): episodes and individuals by placement, by school /
//! EET and by where found, for a period against the period before it.

use super::PatternEpisode;
use super::places::{most_used, place_key};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One place's figures in the period and the period before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HotspotRow {
    pub name: String,
    pub episodes: u32,
    pub individuals: u32,
    pub episodes_before: u32,
    pub individuals_before: u32,
}

impl HotspotRow {
    /// The change in episodes against the period before.
    pub fn change(&self) -> i64 {
        i64::from(self.episodes) - i64::from(self.episodes_before)
    }
}

/// What a hotspot is counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HotspotKind {
    Placement,
    School,
    FoundAt,
}

impl HotspotKind {
    pub const ALL: [HotspotKind; 3] = [HotspotKind::Placement, HotspotKind::School, HotspotKind::FoundAt];

    pub fn label(self) -> &'static str {
        match self {
            HotspotKind::Placement => "Placement",
            HotspotKind::School => "School / EET",
            HotspotKind::FoundAt => "Where found",
        }
    }

    /// The text an episode is counted under, if it has one.
    pub fn of(self, e: &PatternEpisode) -> Option<&str> {
        match self {
            HotspotKind::Placement => e.placement.as_deref(),
            HotspotKind::School => e.school.as_deref(),
            HotspotKind::FoundAt => e.where_found.as_deref(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hotspots {
    pub placements: Vec<HotspotRow>,
    pub schools: Vec<HotspotRow>,
    pub found_at: Vec<HotspotRow>,
}

impl Hotspots {
    pub fn rows(&self, kind: HotspotKind) -> &[HotspotRow] {
        match kind {
            HotspotKind::Placement => &self.placements,
            HotspotKind::School => &self.schools,
            HotspotKind::FoundAt => &self.found_at,
        }
    }
}

#[derive(Default)]
struct Acc {
    spellings: BTreeMap<String, u32>,
    episodes: [u32; 2],
    children: [BTreeSet<String>; 2],
}

/// The hotspots of `period` (episodes that began in it) against `before`
/// (those of the period before): most episodes first, then most children,
/// then by name. A place seen only before is listed too, with nothing now.
pub fn hotspots(period: &[PatternEpisode], before: &[PatternEpisode]) -> Hotspots {
    let by = |kind: HotspotKind| {
        let mut places: BTreeMap<String, Acc> = BTreeMap::new();
        for (slot, eps) in [(0, period), (1, before)] {
            for e in eps {
                let Some(text) = kind.of(e) else { continue };
                let Some(key) = place_key(text) else { continue };
                let acc = places.entry(key).or_default();
                *acc.spellings.entry(text.split_whitespace().collect::<Vec<_>>().join(" ")).or_default() += 1;
                acc.episodes[slot] += 1;
                acc.children[slot].insert(e.person_ref.clone());
            }
        }
        let mut rows: Vec<HotspotRow> = places
            .into_values()
            .map(|a| HotspotRow {
                name: most_used(&a.spellings),
                episodes: a.episodes[0],
                individuals: a.children[0].len() as u32,
                episodes_before: a.episodes[1],
                individuals_before: a.children[1].len() as u32,
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.episodes, b.individuals).cmp(&(a.episodes, a.individuals)).then_with(|| a.name.cmp(&b.name))
        });
        rows
    };
    Hotspots {
        placements: by(HotspotKind::Placement),
        schools: by(HotspotKind::School),
        found_at: by(HotspotKind::FoundAt),
    }
}
