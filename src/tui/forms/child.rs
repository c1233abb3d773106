//! Choosing a child by typing part of their name or reference.

use crate::store::PersonHit;
use crate::tui::widgets::child_search::rank;
use std::sync::Arc;

/// How many matches the field lists under itself.
pub const SHOWN: usize = 5;

/// The children to choose from, the best matches for what was typed, and
/// which of them is highlighted (Enter takes it).
#[derive(Debug, Clone)]
pub struct ChildPick {
    people: Arc<Vec<PersonHit>>,
    shown: Vec<usize>,
    highlight: usize,
}

impl ChildPick {
    pub fn new(people: Arc<Vec<PersonHit>>) -> Self {
        let mut pick = ChildPick { people, shown: Vec::new(), highlight: 0 };
        pick.search("");
        pick
    }

    /// A pick fixed on one child (the form was opened from their row).
    pub fn only(hit: PersonHit) -> Self {
        ChildPick { people: Arc::new(vec![hit]), shown: vec![0], highlight: 0 }
    }

    pub fn search(&mut self, query: &str) {
        self.shown = rank(query, &self.people, SHOWN);
        self.highlight = 0;
    }

    /// Moves the highlight; false at either end, so the form can move on.
    pub fn step(&mut self, down: bool) -> bool {
        match down {
            true if self.highlight + 1 < self.shown.len() => self.highlight += 1,
            false if self.highlight > 0 => self.highlight -= 1,
            _ => return false,
        }
        true
    }

    pub fn chosen(&self) -> Option<&PersonHit> {
        self.shown.get(self.highlight).and_then(|i| self.people.get(*i))
    }

    /// The matches listed, each with whether it is highlighted.
    pub fn matches(&self) -> impl Iterator<Item = (&PersonHit, bool)> {
        self.shown.iter().enumerate().filter_map(|(n, i)| self.people.get(*i).map(|p| (p, n == self.highlight)))
    }
}
