//! The Reports tab's state: the period shown (stepped with `[` `]`, its
//! kind switched with `y` `q` `m`), which section of the board report is on
//! screen (`v`), and the figures as loaded for that period. The figures are
//! `Store::report`'s, read on the loader thread like the MPMG month.

use super::action::Action;
use super::app::{App, Effect, Tab};
use crate::domain::period::{FinancialYear, Quarter, YearMonth};
use crate::domain::report::{Report, ReportPeriod};
use crate::domain::time::Instant;

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

    pub fn title(self) -> &'static str {
        match self {
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

    fn step(self, by: isize) -> ReportsView {
        let n = ReportsView::ALL.len() as isize;
        let i = ReportsView::ALL.iter().position(|v| *v == self).unwrap_or(0) as isize;
        ReportsView::ALL[(i + by).rem_euclid(n) as usize]
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
        self.lists.report.as_ref().filter(|(p, _)| *p == self.report_period).map(|(_, r)| r)
    }

    /// The period the loader should read figures for: the tab's, while it
    /// is on screen (elsewhere no report is read at all).
    pub fn report_request(&self) -> Option<ReportPeriod> {
        (self.tab == Tab::Reports).then_some(self.report_period)
    }

    /// After new lists arrive: once the period asked for is in, the status
    /// line stops saying it is loading (figures for a period stepped past do not count).
    pub(super) fn reports_loaded(&mut self) {
        if self.report_shown().is_some() && self.status.as_deref() == Some(loading(self.report_period).as_str()) {
            self.status = None;
        }
    }

    /// On arriving at the tab: read its period if it is not in yet.
    pub(super) fn entered_reports(&mut self) -> Effect {
        if self.report_shown().is_some() {
            return Effect::None;
        }
        self.status = Some(loading(self.report_period));
        Effect::Reload
    }

    fn show_period(&mut self, period: ReportPeriod) -> Effect {
        self.report_period = period;
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
            Action::PeriodBack => self.show_period(step(self.report_period, -1)),
            Action::PeriodOn => self.show_period(step(self.report_period, 1)),
            Action::SwitchPeriod(kind) => self.show_period(switch(self.report_period, kind)),
            Action::CycleView => {
                self.reports_view = self.reports_view.step(1);
                Effect::None
            }
            Action::CycleViewBack => {
                self.reports_view = self.reports_view.step(-1);
                Effect::None
            }
            Action::WriteReport => match self.report_shown() {
                Some(_) => Effect::WriteReport,
                None => {
                    self.status =
                        Some(format!("{} is still loading: o writes it once it is shown", self.report_period.label()));
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
