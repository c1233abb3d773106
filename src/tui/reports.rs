//! The Reports tab's state: the period shown (stepped with `[` `]`, its
//! kind switched with `y` `q` `m`), which section of the board report is on
//! screen (`v`; a month adds the monthly performance list's two), how far
//! its tables are scrolled (`j` `k`), and the figures as loaded for that
//! period. The figures are `Store::report`'s, read on the loader thread
//! like the MPMG month.

use super::action::Action;
use super::app::{App, Effect, Tab};
use crate::domain::period::{FinancialYear, Quarter, YearMonth};
use crate::domain::report::{Report, ReportPeriod};
use crate::domain::time::Instant;
use std::cell::Cell;

/// The kinds of period the tab steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Year,
    Quarter,
    Month,
}

/// The report's sections, stepped through with `v` (in the report's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportsView {
    /// A month's performance list: episodes, individuals and interviews by cohort.
    Performance,
    /// A month's interviews still outstanding.
    Outstanding,
    /// A month's top 10 (the MPMG's).
    TopTen,
    /// Totals, the period before and a year earlier, one-off and persistent.
    Summary,
    /// Episodes per month against the same month a year before (a chart).
    Months,
    /// Where children went missing from: location types and named placements.
    Places,
    /// Case status per quarter, with CSE.
    CaseStatus,
    /// How long episodes lasted, and first-time missing by location.
    Lengths,
    /// Return interviews in 72 hours per quarter against the target (a chart), by cohort.
    Interviews,
    /// Strategy meetings by cohort.
    Meetings,
    /// Reasons given at return interviews, per quarter.
    Reasons,
    /// Children placed out of area, and children placed here.
    Cohorts,
}

impl ReportsView {
    pub const ALL: [ReportsView; 9] = [
        ReportsView::Summary,
        ReportsView::Months,
        ReportsView::Places,
        ReportsView::CaseStatus,
        ReportsView::Lengths,
        ReportsView::Interviews,
        ReportsView::Meetings,
        ReportsView::Reasons,
        ReportsView::Cohorts,
    ];

    /// A month's sections: the performance list's first, then the report's.
    pub const MONTH: [ReportsView; 12] = [
        ReportsView::Performance,
        ReportsView::Outstanding,
        ReportsView::TopTen,
        ReportsView::Summary,
        ReportsView::Months,
        ReportsView::Places,
        ReportsView::CaseStatus,
        ReportsView::Lengths,
        ReportsView::Interviews,
        ReportsView::Meetings,
        ReportsView::Reasons,
        ReportsView::Cohorts,
    ];

    /// The sections a period has.
    pub fn of(period: ReportPeriod) -> &'static [ReportsView] {
        match period {
            ReportPeriod::Month(_) => &ReportsView::MONTH,
            _ => &ReportsView::ALL,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            ReportsView::Performance => "Month",
            ReportsView::Outstanding => "Outstanding",
            ReportsView::TopTen => "Top 10",
            ReportsView::Summary => "Summary",
            ReportsView::Months => "Months",
            ReportsView::Places => "Places",
            ReportsView::CaseStatus => "Case status",
            ReportsView::Lengths => "Lengths",
            ReportsView::Interviews => "Interviews",
            ReportsView::Meetings => "Meetings",
            ReportsView::Reasons => "Reasons",
            ReportsView::Cohorts => "Cohorts",
        }
    }

    fn step(self, by: isize, views: &[ReportsView]) -> ReportsView {
        let n = views.len() as isize;
        let i = views.iter().position(|v| *v == self).unwrap_or(0) as isize;
        views[(i + by).rem_euclid(n) as usize]
    }
}

/// What the Reports tab holds of its own.
#[derive(Debug, Clone)]
pub struct ReportsTab {
    /// The period shown (by default the last whole quarter).
    pub period: ReportPeriod,
    pub view: ReportsView,
    /// Rows scrolled past at the top of the section's tables.
    pub scroll: usize,
    /// How far the section's longest table could scroll when last drawn
    /// (the drawing knows the room; the keys read it).
    pub scroll_room: Cell<usize>,
}

impl ReportsTab {
    pub fn new(now: Instant) -> Self {
        ReportsTab { period: default_period(now), view: ReportsView::Summary, scroll: 0, scroll_room: Cell::new(0) }
    }

    /// The section to draw: the one chosen, or the summary when the period
    /// has no such section (the month's own, after switching to a quarter).
    pub fn shown_view(&self) -> ReportsView {
        if ReportsView::of(self.period).contains(&self.view) { self.view } else { ReportsView::Summary }
    }

    fn step_view(&mut self, by: isize) {
        self.view = self.shown_view().step(by, ReportsView::of(self.period));
        self.scroll = 0;
    }

    /// Scrolls by `by` rows, within what the last drawing had room for.
    fn scroll_by(&mut self, by: isize) {
        let room = self.scroll_room.get();
        self.scroll = self.scroll.saturating_add_signed(by).min(room);
    }
}

/// The period the tab opens on: the last whole quarter before `now`. The
/// board report is quarterly, and the quarter just ended is the one a lead
/// is writing up; a year to date would mix a part-quarter into every figure.
pub fn default_period(now: Instant) -> ReportPeriod {
    ReportPeriod::Quarter(Quarter::containing(now).first_month().plus(-3).quarter())
}

/// The kind of a period the tab shows (it never shows a run of days).
pub fn kind_of(period: ReportPeriod) -> PeriodKind {
    match period {
        ReportPeriod::Year(_) => PeriodKind::Year,
        ReportPeriod::Month(_) => PeriodKind::Month,
        ReportPeriod::Quarter(_) | ReportPeriod::Days { .. } => PeriodKind::Quarter,
    }
}

/// The period of `kind` that holds `period`'s first day: switching keeps
/// the start (a quarter becomes its first month, or its financial year).
pub fn switch(period: ReportPeriod, kind: PeriodKind) -> ReportPeriod {
    let month = YearMonth::containing(period.bounds().0);
    match kind {
        PeriodKind::Year => ReportPeriod::Year(FinancialYear(month.quarter().year().0)),
        PeriodKind::Quarter => ReportPeriod::Quarter(month.quarter()),
        PeriodKind::Month => ReportPeriod::Month(month),
    }
}

/// The period `by` steps of its own kind on (negative: back).
pub fn step(period: ReportPeriod, by: i64) -> ReportPeriod {
    match period {
        ReportPeriod::Year(y) => ReportPeriod::Year(FinancialYear(y.0 + by as i32)),
        ReportPeriod::Quarter(q) => ReportPeriod::Quarter(q.first_month().plus(3 * by).quarter()),
        ReportPeriod::Month(m) => ReportPeriod::Month(m.plus(by)),
        days @ ReportPeriod::Days { .. } => days,
    }
}

/// The status line while a period's figures are read.
pub fn loading(period: ReportPeriod) -> String {
    format!("Loading {}…", period.label())
}

impl App {
    /// The figures loaded for the period shown; `None` while it loads.
    pub fn report_shown(&self) -> Option<&Report> {
        self.lists.report.as_ref().filter(|(p, _)| *p == self.reports.period).map(|(_, r)| r)
    }

    /// The period the loader should read figures for: the tab's, while it
    /// is on screen (elsewhere no report is read at all).
    pub fn report_request(&self) -> Option<ReportPeriod> {
        (self.tab == Tab::Reports).then_some(self.reports.period)
    }

    /// After new lists arrive: once the period asked for is in, the status
    /// line stops saying it is loading (figures for a period stepped past do not count).
    pub(super) fn reports_loaded(&mut self) {
        if self.report_shown().is_some() && self.status.as_deref() == Some(loading(self.reports.period).as_str()) {
            self.status = None;
        }
    }

    /// On arriving at the tab: read its period if it is not in yet.
    pub(super) fn entered_reports(&mut self) -> Effect {
        if self.report_shown().is_some() {
            return Effect::None;
        }
        self.status = Some(loading(self.reports.period));
        Effect::Reload
    }

    fn show_period(&mut self, period: ReportPeriod) -> Effect {
        // Arriving at a month opens on its performance list, the page a month is asked for.
        if matches!(period, ReportPeriod::Month(_)) && !matches!(self.reports.period, ReportPeriod::Month(_)) {
            self.reports.view = ReportsView::Performance;
        }
        self.reports.period = period;
        self.reports.scroll = 0;
        match self.report_shown() {
            Some(_) => Effect::None,
            None => {
                self.status = Some(loading(period));
                Effect::Reload
            }
        }
    }

    /// The Reports tab's own keys; `None` leaves the action to the lists.
    pub(super) fn update_reports(&mut self, action: Action) -> Option<Effect> {
        Some(match action {
            Action::PeriodBack => self.show_period(step(self.reports.period, -1)),
            Action::PeriodOn => self.show_period(step(self.reports.period, 1)),
            Action::SwitchPeriod(kind) => self.show_period(switch(self.reports.period, kind)),
            Action::CycleView => {
                self.reports.step_view(1);
                Effect::None
            }
            Action::CycleViewBack => {
                self.reports.step_view(-1);
                Effect::None
            }
            Action::Down => {
                self.reports.scroll_by(1);
                Effect::None
            }
            Action::Up => {
                self.reports.scroll_by(-1);
                Effect::None
            }
            Action::PageDown => {
                self.reports.scroll_by(self.page_rows as isize);
                Effect::None
            }
            Action::PageUp => {
                self.reports.scroll_by(-(self.page_rows as isize));
                Effect::None
            }
            Action::Top => {
                self.reports.scroll = 0;
                Effect::None
            }
            Action::Bottom => {
                self.reports.scroll = self.reports.scroll_room.get();
                Effect::None
            }
            Action::WriteReport => match self.report_shown() {
                Some(_) => Effect::WriteReport,
                None => {
                    self.status =
                        Some(format!("{} is still loading: o writes it once it is shown", self.reports.period.label()));
                    Effect::None
                }
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_instant;

    fn q(text: &str) -> ReportPeriod {
        ReportPeriod::Quarter(Quarter::parse(text).expect("quarter"))
    }

    #[test]
    fn the_tab_opens_on_the_last_whole_quarter() {
        let at = |t: &str| default_period(parse_instant(t).expect("instant"));
        assert_eq!(at("2026-11-10 12:00"), q("2026-27 Q2"));
        // On the quarter's first day, the one before is the last whole one.
        assert_eq!(at("2026-04-01 00:00"), q("2025-26 Q4"));
        assert_eq!(at("2026-03-31 23:59"), q("2025-26 Q3"));
    }

    #[test]
    fn periods_step_and_switch_keeping_their_start() {
        assert_eq!(step(q("2025-26 Q4"), 1), q("2026-27 Q1"));
        assert_eq!(step(q("2025-26 Q1"), -1), q("2024-25 Q4"));
        let month = switch(q("2025-26 Q4"), PeriodKind::Month);
        assert_eq!(month, ReportPeriod::Month(YearMonth::parse("2026-01").expect("month")));
        assert_eq!(step(month, -1), ReportPeriod::Month(YearMonth::parse("2025-12").expect("month")));
        // January 2026 is in the financial year 2025-26.
        assert_eq!(switch(month, PeriodKind::Year), ReportPeriod::Year(FinancialYear(2025)));
        assert_eq!(switch(ReportPeriod::Year(FinancialYear(2025)), PeriodKind::Quarter), q("2025-26 Q1"));
        assert_eq!(kind_of(month), PeriodKind::Month);
    }
}
