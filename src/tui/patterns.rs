//! The Patterns tab's state: the 12 months looked at (stepped a quarter at
//! a time with `[` `]`), which finding is shown (`v`: groups who go missing
//! together, hotspots, prevention work), how far it is scrolled, and the
//! findings as loaded for that period (read on the loader thread, like the
//! Reports tab's figures, from the same store functions as `ri-chase patterns`).

use super::action::Action;
use super::app::{App, Effect, Tab};
use crate::domain::patterns::hotspots::Hotspots;
use crate::domain::patterns::prevention::PreventionResult;
use crate::domain::patterns::together::Group;
use crate::domain::patterns::{last_twelve_months, twelve_months_to};
use crate::domain::report::ReportPeriod;
use crate::domain::time::Instant;
use crate::store::{Store, StoreError};
use chrono::Months;
use std::cell::Cell;

/// The tab's findings, shown one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatternsView {
    Groups,
    Hotspots,
    Prevention,
}

impl PatternsView {
    pub const ALL: [PatternsView; 3] = [PatternsView::Groups, PatternsView::Hotspots, PatternsView::Prevention];

    pub fn title(self) -> &'static str {
        match self {
            PatternsView::Groups => "Missing together",
            PatternsView::Hotspots => "Hotspots",
            PatternsView::Prevention => "Prevention",
        }
    }

    fn step(self, by: isize) -> PatternsView {
        let n = Self::ALL.len() as isize;
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0) as isize;
        Self::ALL[(i + by).rem_euclid(n) as usize]
    }
}

/// Everything the tab shows for one period.
#[derive(Debug, Clone)]
pub struct PatternsData {
    pub groups: Vec<Group>,
    pub hotspots: Hotspots,
    /// Every piece of prevention work (whatever the period: each has its own quarters).
    pub prevention: Vec<PreventionResult>,
    /// The setting in force: occasions that make a group.
    pub min_times: u32,
    pub quarters: u32,
}

impl PatternsData {
    /// The findings for `period` as of `now`.
    pub fn load(store: &Store, period: ReportPeriod, now: Instant) -> Result<PatternsData, StoreError> {
        let settings = store.pattern_settings()?;
        Ok(PatternsData {
            groups: store.groups(period, now)?,
            hotspots: store.hotspots(period, now)?,
            prevention: store.prevention_list(now)?,
            min_times: settings.min_times,
            quarters: settings.quarters,
        })
    }
}

#[derive(Debug, Clone)]
pub struct PatternsTab {
    pub period: ReportPeriod,
    pub view: PatternsView,
    /// Lines scrolled past at the top.
    pub scroll: usize,
    /// How far the view could scroll when last drawn.
    pub scroll_room: Cell<usize>,
}

impl PatternsTab {
    pub fn new(now: Instant) -> Self {
        PatternsTab {
            period: last_twelve_months(now),
            view: PatternsView::Groups,
            scroll: 0,
            scroll_room: Cell::new(0),
        }
    }

    fn scroll_by(&mut self, by: isize) {
        self.scroll = self.scroll.saturating_add_signed(by).min(self.scroll_room.get());
    }
}

/// The 12 months `by` quarters on (back, for negative `by`).
pub fn step(period: ReportPeriod, by: i32) -> ReportPeriod {
    let last = period.last_day();
    let moved = if by < 0 {
        last.checked_sub_months(Months::new(3 * by.unsigned_abs()))
    } else {
        last.checked_add_months(Months::new(3 * by as u32))
    };
    twelve_months_to(moved.unwrap_or(last))
}

pub fn loading(period: ReportPeriod) -> String {
    format!("Loading the patterns of {}…", period.label())
}

impl App {
    /// The findings for the period shown; `None` while they load.
    pub fn patterns_shown(&self) -> Option<&PatternsData> {
        self.lists.patterns.as_ref().filter(|(p, _)| *p == self.patterns.period).map(|(_, d)| d.as_ref())
    }

    /// What the loader is asked for as of `now`.
    pub fn load_request(
        &self,
        now: Instant,
    ) -> (Instant, crate::domain::period::YearMonth, Option<ReportPeriod>, Option<ReportPeriod>) {
        (now, self.mpmg_month, self.report_request(), self.patterns_request())
    }

    /// The period the loader should read findings for, while the tab is shown.
    pub fn patterns_request(&self) -> Option<ReportPeriod> {
        (self.tab == Tab::Patterns).then_some(self.patterns.period)
    }

    pub(super) fn patterns_loaded(&mut self) {
        if self.patterns_shown().is_some() && self.status.as_deref() == Some(loading(self.patterns.period).as_str()) {
            self.status = None;
        }
    }

    pub(super) fn entered_patterns(&mut self) -> Effect {
        if self.patterns_shown().is_some() {
            return Effect::None;
        }
        self.status = Some(loading(self.patterns.period));
        Effect::Reload
    }

    fn show_patterns_period(&mut self, period: ReportPeriod) -> Effect {
        self.patterns.period = period;
        self.patterns.scroll = 0;
        self.entered_patterns()
    }

    /// The Patterns tab's own keys; `None` leaves the action to the lists.
    pub(super) fn update_patterns(&mut self, action: Action) -> Option<Effect> {
        let tab = &mut self.patterns;
        match action {
            Action::PeriodBack => return Some(self.show_patterns_period(step(self.patterns.period, -1))),
            Action::PeriodOn => {
                // Never past today: the 12 months to now is as far as it goes.
                let on = step(self.patterns.period, 1);
                let today = crate::domain::time::uk_date(self.now);
                let on = if on.last_day() > today { twelve_months_to(today) } else { on };
                return Some(self.show_patterns_period(on));
            }
            Action::CycleView | Action::CycleViewBack => {
                tab.view = tab.view.step(if action == Action::CycleView { 1 } else { -1 });
                tab.scroll = 0;
            }
            Action::Down => tab.scroll_by(1),
            Action::Up => tab.scroll_by(-1),
            Action::PageDown => tab.scroll_by(self.page_rows as isize),
            Action::PageUp => tab.scroll_by(-(self.page_rows as isize)),
            Action::Top => tab.scroll = 0,
            Action::Bottom => tab.scroll = tab.scroll_room.get(),
            _ => return None,
        }
        Some(Effect::None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn the_window_is_twelve_months_stepped_a_quarter_at_a_time() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        let p = twelve_months_to(d(2026, 11, 28));
        assert_eq!((p.first_day(), p.last_day()), (d(2025, 11, 29), d(2026, 11, 28)));
        let back = step(p, -1);
        assert_eq!((back.first_day(), back.last_day()), (d(2025, 8, 29), d(2026, 8, 28)));
        // Ending on a leap day, and a quarter on from 30 November.
        let leap = twelve_months_to(d(2028, 2, 29));
        assert_eq!(leap.first_day(), d(2027, 3, 1));
        assert_eq!(step(twelve_months_to(d(2026, 11, 30)), 1).last_day(), d(2027, 2, 28));
    }
}
