//! Synthetic demo data: a plausible caseload for one authority, relative to a
//! chosen "now", so that every screen has something on it.
//!
//! Everything here is made up: names are drawn from lists of common given and
//! family names, case references are `LCS` + number, police references
//! `NP-yy-nnnnnn`, episode references `DEMO-` + number. Generation is
//! deterministic: the same seed, sizes and `at` give exactly the same items,
//! from a small PRNG in this file (no dependency).
//!
//! Shape of the data (shares of children unless said otherwise):
//! - cohorts: 75% local, 12% placed in by a neighbouring authority, 13% placed
//!   out of area; children placed in or out are in care;
//! - episodes per child heavily skewed: about 55% once, 25% a few times, 15%
//!   several times and 5% persistently (a third to a half of all episodes);
//! - three years of history before `at`, busier towards `at`; lengths
//!   log-normal around a median of 8 hours (about 13% over 24 h, 1-2% over 72 h);
//! - history is concluded: interviews completed (about 80% in time), declined,
//!   or not required (absences, some very short episodes); strategy meetings
//!   recorded for every episode that reached 72 hours;
//! - the last ten days, for about 11% of children: 5% have an outstanding
//!   interview (overdue, due within 24 h, later; some with no worker, some
//!   with attempts, one in ten due on a weekend), 1% went missing again after
//!   a return whose interview is outstanding, 1.5% are still missing (under
//!   48 h, 48-72 h, over 72 h with meetings due, planned or held), 4% came
//!   back and were interviewed. The small demo has at least 15, 3 and 5
//!   children in the first three groups.

use crate::domain::time::Instant;
use crate::store::{ImportCounts, ImportItem, Store};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    /// Children with at least one episode (fewer if `episodes` is smaller).
    pub people: usize,
    /// Episodes in all, exactly.
    pub episodes: usize,
    /// "Now": nothing happens after it but planned meetings.
    pub at: Instant,
    /// The authority running the software ("us").
    pub authority: String,
}

impl DemoOptions {
    /// What `ri-chase --demo` opens: a mid-sized authority's three years.
    pub fn small(at: Instant) -> Self {
        DemoOptions { seed: 7, people: 300, episodes: 1200, at, authority: "Northshire".to_string() }
    }
}

/// Items are written to the store in transactions of this many.
const BATCH: usize = 50_000;

/// Marks the database as a demo, then writes the demo through
/// [`Store::import`] in batches, summing what each did.
/// The caller records the authority (`Store::set_authority`) first.
pub fn fill(store: &mut Store, opts: &DemoOptions) -> crate::store::Result<ImportCounts> {
    store.mark_as_demo()?;
    let mut total = ImportCounts::default();
    let mut batch = Vec::with_capacity(BATCH.min(opts.episodes.max(1)));
    let mut items = demo_items(opts);
    loop {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        if batch.is_empty() {
            break;
        }
        let c = store.import(&batch)?;
        total.people_added += c.people_added;
        total.people_updated += c.people_updated;
        total.episodes_added += c.episodes_added;
        total.episodes_updated += c.episodes_updated;
        total.episodes_unchanged += c.episodes_unchanged;
    }
    Ok(total)
}

/// The whole demo in a new database: the authority, the generated
/// caseload, the MPMG history and the patterns the Patterns tab shows.
pub fn make(store: &mut Store, opts: &DemoOptions) -> crate::store::Result<ImportCounts> {
    store.set_authority(&opts.authority)?;
    let counts = fill(store, opts)?;
    add_meetings(store, opts.at)?;
    add_patterns(store, opts.at, &opts.authority)?;
    Ok(counts)
}

/// The demo's items, child by child, each child's episodes oldest first with
/// `update_person` set on the latest. Generated lazily; the options are copied.
pub fn demo_items(opts: &DemoOptions) -> impl Iterator<Item = ImportItem> + use<> {
    DemoItems { plan: Plan::new(opts), next_child: 0, next_episode: 1, pending: Vec::new().into_iter() }
}

struct DemoItems {
    plan: Plan,
    next_child: usize,
    next_episode: u64,
    pending: std::vec::IntoIter<ImportItem>,
}

impl Iterator for DemoItems {
    type Item = ImportItem;

    fn next(&mut self) -> Option<ImportItem> {
        loop {
            if let Some(item) = self.pending.next() {
                return Some(item);
            }
            if self.next_child >= self.plan.counts.len() {
                return None;
            }
            let items = self.plan.child(self.next_child, self.next_episode);
            self.next_child += 1;
            self.next_episode += items.len() as u64;
            self.pending = items.into_iter();
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.plan.total.saturating_sub(self.next_episode as usize - 1) + self.pending.len();
        (left, Some(left))
    }
}

mod episode_parts;
pub mod file;
mod mpmg;
pub use mpmg::add_meetings;
mod patterns;
pub use patterns::add_patterns;
mod plan;
mod rng;
mod vocab;

use plan::Plan;

#[cfg(test)]
mod tests;
