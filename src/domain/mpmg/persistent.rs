//! Persistently missing: children with three or more episodes started in a
//! financial quarter (the quarterly report's measure, shown at the MPMG for
//! the quarter holding the month).

use super::EpisodeStart;
use super::tally::by_name;
use crate::domain::period::Quarter;
use crate::domain::time::Instant;
use serde::Serialize;
use std::collections::HashMap;

/// A child persistently missing in the quarter. Serialises to the `mpmg`
/// persistent_quarter shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersistentRow {
    pub person_ref: String,
    pub name: String,
    /// Episodes started in the quarter by now.
    pub episodes: u64,
}

/// Children with `threshold` or more episodes started in `quarter` by `now`,
/// most episodes first, then by name.
pub fn persistent_quarter(
    starts: &[EpisodeStart],
    quarter: Quarter,
    now: Instant,
    threshold: u64,
) -> Vec<PersistentRow> {
    let (from, to) = quarter.bounds();
    let mut counts: HashMap<&str, (&str, u64)> = HashMap::new();
    for start in starts.iter().filter(|s| from <= s.missing_at && s.missing_at < to && s.missing_at <= now) {
        counts.entry(&start.person_ref).or_insert((&start.name, 0)).1 += 1;
    }
    let mut rows: Vec<PersistentRow> = counts
        .into_iter()
        .filter(|(_, (_, episodes))| *episodes >= threshold)
        .map(|(person_ref, (name, episodes))| PersistentRow {
            person_ref: person_ref.to_string(),
            name: name.to_string(),
            episodes,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.episodes
            .cmp(&a.episodes)
            .then_with(|| by_name(&a.name, &b.name))
            .then_with(|| a.person_ref.cmp(&b.person_ref))
    });
    rows
}
