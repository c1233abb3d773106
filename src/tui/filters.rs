//! The search box and the filters: what narrows every list, the team and
//! worker pickers, and how their keys change them.

use super::action::Action;
use super::app::{App, Effect, Overlay, Tab};
use super::forms::field::Edit;
use crate::domain::codes::{Cohort, Exploitation};

/// What narrows the rows shown; the same on every tab.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub search: String,
    pub cohort: Option<Cohort>,
    pub team: Option<String>,
    pub worker: Option<WorkerFilter>,
    /// Rows marked with this kind of exploitation (Chase and MPMG).
    pub exploitation: Option<Exploitation>,
}

/// Whose interviews the Chase list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerFilter {
    /// Interviews with no worker assigned.
    Nobody,
    Named(String),
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether a row's texts (name, references) match the search: every word
    /// typed is in one of them, in any order, so "Synthe Gale" (family name
    /// first, as a police notification gives it) finds Gale Synthe.
    pub fn matches_search(&self, texts: &[&str]) -> bool {
        // Every list is filtered at every frame: with nothing typed, nothing
        // is lowered or copied.
        if self.search.trim().is_empty() {
            return true;
        }
        let texts: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
        self.search.to_lowercase().split_whitespace().all(|word| texts.iter().any(|t| t.contains(word)))
    }

    /// Whether a row with these values passes every filter. `texts` are what
    /// the search looks in (name, references, police reference). `worker` is
    /// `None` for lists that have no worker (the worker filter is the Chase tab's).
    /// `marks` likewise: the exploitation a row is marked with, `None` for
    /// lists the exploitation filter does not apply to.
    pub(super) fn admits(
        &self,
        texts: &[&str],
        cohort: Cohort,
        team: Option<&str>,
        worker: Option<Option<&str>>,
        marks: Option<&[Exploitation]>,
    ) -> bool {
        self.matches_search(texts)
            && self.admits_marks(marks)
            && self.cohort.is_none_or(|c| c == cohort)
            && self.team.as_deref().is_none_or(|t| team == Some(t))
            && match (&self.worker, worker) {
                (None, _) | (_, None) => true,
                (Some(WorkerFilter::Nobody), Some(w)) => w.is_none(),
                (Some(WorkerFilter::Named(name)), Some(w)) => w == Some(name.as_str()),
            }
    }
}

impl Filters {
    /// Whether a row marked `marks` passes the exploitation filter (`None`:
    /// a list it does not apply to).
    pub(super) fn admits_marks(&self, marks: Option<&[Exploitation]>) -> bool {
        match (self.exploitation, marks) {
            (Some(kind), Some(marks)) => marks.contains(&kind),
            _ => true,
        }
    }
}

/// One line of a picker: everyone, no one (interviews with no worker), or a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerChoice {
    All,
    Nobody,
    Value(String),
}

/// Which filter a picker sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerField {
    Team,
    Worker,
    /// CSE or CCE (county lines).
    Exploitation,
}

/// A short list to choose a filter value from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub field: PickerField,
    /// Each choice with how many rows it has (`All` first).
    pub options: Vec<(PickerChoice, usize)>,
    pub selected: usize,
    /// The team filter the workers offered are limited to, said in the title.
    pub team: Option<String>,
}

impl App {
    pub(super) fn update_search(&mut self, action: Action) -> Effect {
        match action {
            Action::Quit => return Effect::Quit,
            Action::Type(c) => self.filters.search.push(c),
            Action::Backspace => {
                self.filters.search.pop();
            }
            Action::Edit(Edit::Clear) => self.filters.search.clear(),
            Action::Edit(Edit::DeleteWord) => {
                let kept = self.filters.search.trim_end().rfind(' ').map_or(0, |i| i + 1);
                self.filters.search.truncate(kept);
            }
            Action::Confirm => self.overlay = Overlay::None,
            Action::Back => {
                self.filters.search.clear();
                self.overlay = Overlay::None;
            }
            _ => {}
        }
        for s in &mut self.selected {
            *s = 0;
        }
        Effect::None
    }

    pub(super) fn update_picker(&mut self, mut picker: Picker, action: Action) -> Effect {
        let last = picker.options.len().saturating_sub(1);
        match action {
            Action::Quit => return Effect::Quit,
            Action::Down => picker.selected = (picker.selected + 1).min(last),
            Action::Up => picker.selected = picker.selected.saturating_sub(1),
            Action::Top => picker.selected = 0,
            Action::Bottom => picker.selected = last,
            Action::Back => {
                self.overlay = Overlay::None;
                return Effect::None;
            }
            Action::Confirm => {
                let choice = picker.options.get(picker.selected).map_or(PickerChoice::All, |(v, _)| v.clone());
                match (picker.field, choice) {
                    (PickerField::Team, PickerChoice::Value(t)) => self.filters.team = Some(t),
                    (PickerField::Team, _) => self.filters.team = None,
                    (PickerField::Worker, PickerChoice::Value(w)) => self.filters.worker = Some(WorkerFilter::Named(w)),
                    (PickerField::Worker, PickerChoice::Nobody) => self.filters.worker = Some(WorkerFilter::Nobody),
                    (PickerField::Worker, PickerChoice::All) => self.filters.worker = None,
                    (PickerField::Exploitation, PickerChoice::Value(label)) => {
                        self.filters.exploitation = Exploitation::ALL.iter().copied().find(|e| e.label() == label)
                    }
                    (PickerField::Exploitation, _) => self.filters.exploitation = None,
                }
                self.overlay = Overlay::None;
                self.clamp();
                return Effect::None;
            }
            _ => {}
        }
        self.overlay = Overlay::Picker(picker);
        Effect::None
    }

    pub(super) fn open_picker(&mut self, field: PickerField) {
        if field == PickerField::Exploitation {
            return self.open_exploitation_picker();
        }
        let team = self.filters.team.clone();
        let values: Vec<Option<String>> = match (field, self.tab) {
            // The workers of the team filtered to, if one is.
            (PickerField::Worker, Tab::Chase) => {
                self.lists.chase.iter().filter(|r| team.is_none() || r.team == team).map(|r| r.worker.clone()).collect()
            }
            (PickerField::Worker, _) => {
                self.status = Some("The worker filter applies to the Chase tab".into());
                return;
            }
            (PickerField::Team, Tab::Chase) => self.lists.chase.iter().map(|r| r.team.clone()).collect(),
            (PickerField::Team, Tab::Strategy) => self.lists.strategy.iter().map(|r| r.team.clone()).collect(),
            (PickerField::Team, Tab::Missing) => self.lists.missing.iter().map(|r| r.team.clone()).collect(),
            (PickerField::Team, Tab::Mpmg | Tab::Reports | Tab::Patterns) => {
                self.status = Some("The team filter applies to the episode lists".into());
                return;
            }
            (PickerField::Exploitation, _) => return,
        };
        let nobody = values.iter().filter(|v| v.is_none()).count();
        let mut counts: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for v in values.into_iter().flatten() {
            *counts.entry(v).or_default() += 1;
        }
        let current = match (field, &self.filters.team, &self.filters.worker) {
            (PickerField::Team, Some(t), _) => PickerChoice::Value(t.clone()),
            (PickerField::Worker, _, Some(WorkerFilter::Named(w))) => PickerChoice::Value(w.clone()),
            (PickerField::Worker, _, Some(WorkerFilter::Nobody)) => PickerChoice::Nobody,
            _ => PickerChoice::All,
        };
        let mut options = vec![(PickerChoice::All, 0)];
        // Interviews no one is assigned to are the ones most needing a worker.
        if field == PickerField::Worker {
            options.push((PickerChoice::Nobody, nobody));
        }
        options.extend(counts.into_iter().map(|(k, n)| (PickerChoice::Value(k), n)));
        let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
        let team = if field == PickerField::Worker { team } else { None };
        self.overlay = Overlay::Picker(Picker { field, options, selected, team });
    }

    /// CSE or CCE, each with how many rows of the tab are marked with it.
    fn open_exploitation_picker(&mut self) {
        let marks: Vec<&[Exploitation]> = match self.tab {
            Tab::Chase => self.lists.chase.iter().map(|r| r.exploitation.as_slice()).collect(),
            Tab::Mpmg => match self.mpmg_board() {
                Some(b) => b.month.cohort.iter().map(|r| r.exploitation.as_slice()).collect(),
                None => Vec::new(),
            },
            _ => {
                self.status = Some("The exploitation filter applies to the Chase and MPMG tabs".into());
                return;
            }
        };
        let mut options = vec![(PickerChoice::All, 0)];
        options.extend(Exploitation::ALL.iter().map(|kind| {
            (PickerChoice::Value(kind.label().to_string()), marks.iter().filter(|m| m.contains(kind)).count())
        }));
        let current = self.filters.exploitation.map_or(PickerChoice::All, |e| PickerChoice::Value(e.label().into()));
        let selected = options.iter().position(|(v, _)| *v == current).unwrap_or(0);
        self.overlay = Overlay::Picker(Picker { field: PickerField::Exploitation, options, selected, team: None });
    }
}
