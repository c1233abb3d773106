//! The MPMG tab's state: which month, which of its lists, the rows those
//! lists show after the search and cohort filter, and its keys.

use super::action::Action;
use super::app::{App, Effect, Tab};
use crate::domain::codes::{Cohort, Exploitation};
use crate::domain::mpmg::{CohortRow, PersistentRow, TopRow};
use crate::domain::period::YearMonth;
use crate::store::{MpmgBoard, ReviewedChild};

/// The MPMG tab's lists, stepped through with `v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MpmgView {
    /// The children to review, and why.
    Cohort,
    /// The month's most-missing children.
    Top10,
    /// Three or more episodes in the quarter.
    Persistent,
    /// How often the children reviewed in the quarter went missing afterwards.
    Trajectory,
}

impl MpmgView {
    pub const ALL: [MpmgView; 4] = [MpmgView::Cohort, MpmgView::Top10, MpmgView::Persistent, MpmgView::Trajectory];

    pub fn title(self) -> &'static str {
        match self {
            MpmgView::Cohort => "Cohort",
            MpmgView::Top10 => "Top 10",
            MpmgView::Persistent => "Persistent",
            MpmgView::Trajectory => "Trajectory",
        }
    }

    fn next(self) -> MpmgView {
        let i = MpmgView::ALL.iter().position(|v| *v == self).unwrap_or(0);
        MpmgView::ALL[(i + 1) % MpmgView::ALL.len()]
    }
}

/// The status line while a month's lists are read.
fn loading(month: YearMonth) -> String {
    format!("Loading {}…", month.long_name())
}

impl App {
    /// After new lists arrive: once the month asked for is in, the status
    /// line stops saying it is loading (lists for a month stepped past do not count).
    pub(super) fn mpmg_loaded(&mut self) {
        if self.mpmg_board().is_some() && self.status.as_deref() == Some(loading(self.mpmg_month).as_str()) {
            self.status = None;
        }
    }

    /// The MPMG tab's count in the tab bar: the children to review (after the
    /// search and cohort filter), whichever of its lists is shown.
    pub fn mpmg_tab_count(&self) -> usize {
        self.visible_cohort().len()
    }

    /// The board loaded for the month shown; `None` while another month loads.
    pub fn mpmg_board(&self) -> Option<&MpmgBoard> {
        self.lists.mpmg.as_ref().filter(|b| b.month.month == self.mpmg_month)
    }

    /// Whether a row with these values passes the search and cohort filter
    /// (a row without a cohort passes the cohort filter).
    fn mpmg_admits(
        &self,
        name: &str,
        person_ref: &str,
        cohort: Option<Cohort>,
        marks: Option<&[Exploitation]>,
    ) -> bool {
        self.filters.matches_search(&[name, person_ref])
            && self.filters.admits_marks(marks)
            && (self.filters.cohort.is_none() || cohort.is_none() || self.filters.cohort == cohort)
    }

    /// The cohort rows the search and cohort filter let through, in order.
    pub fn visible_cohort(&self) -> Vec<&CohortRow> {
        let Some(b) = self.mpmg_board() else { return Vec::new() };
        b.month
            .cohort
            .iter()
            .filter(|r| self.mpmg_admits(&r.name, &r.person_ref, Some(r.cohort), Some(&r.exploitation)))
            .collect()
    }

    pub fn visible_top(&self) -> Vec<&TopRow> {
        let Some(b) = self.mpmg_board() else { return Vec::new() };
        b.month
            .top10
            .iter()
            .filter(|r| self.mpmg_admits(&r.name, &r.person_ref, Some(r.cohort), Some(&r.exploitation)))
            .collect()
    }

    pub fn visible_persistent(&self) -> Vec<&PersistentRow> {
        let Some(b) = self.mpmg_board() else { return Vec::new() };
        b.month.persistent_quarter.iter().filter(|r| self.mpmg_admits(&r.name, &r.person_ref, None, None)).collect()
    }

    /// The children reviewed for the quarter (the trajectory's group).
    pub fn visible_group(&self) -> Vec<&ReviewedChild> {
        let Some(b) = self.mpmg_board() else { return Vec::new() };
        b.trajectory.group.iter().filter(|c| self.mpmg_admits(&c.name, &c.person_ref, None, None)).collect()
    }

    /// The children the MPMG view lists, in order.
    pub fn visible_mpmg_refs(&self) -> Vec<&str> {
        match self.mpmg_view {
            MpmgView::Cohort => self.visible_cohort().into_iter().map(|r| r.person_ref.as_str()).collect(),
            MpmgView::Top10 => self.visible_top().into_iter().map(|r| r.person_ref.as_str()).collect(),
            MpmgView::Persistent => self.visible_persistent().into_iter().map(|r| r.person_ref.as_str()).collect(),
            MpmgView::Trajectory => self.visible_group().into_iter().map(|c| c.person_ref.as_str()).collect(),
        }
    }

    /// The MPMG tab's own keys; `None` leaves the action to the lists.
    pub(super) fn update_mpmg(&mut self, action: Action) -> Option<Effect> {
        let effect = match action {
            Action::MonthBack | Action::MonthOn => {
                self.mpmg_month = self.mpmg_month.plus(if action == Action::MonthBack { -1 } else { 1 });
                self.selected[Tab::Mpmg.index()] = 0;
                self.status = Some(loading(self.mpmg_month));
                Effect::Reload
            }
            Action::CycleView => {
                self.mpmg_view = self.mpmg_view.next();
                self.selected[Tab::Mpmg.index()] = 0;
                Effect::None
            }
            Action::ToggleReviewed => match self.selected_person() {
                Some(person_ref) => Effect::ToggleReviewed { person_ref },
                None => {
                    self.status = Some("Select a child first".into());
                    Effect::None
                }
            },
            _ => return None,
        };
        self.clamp();
        Some(effect)
    }
}
