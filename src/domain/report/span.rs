//! The period a report covers: a financial year, a quarter, a month, or any
//! run of whole days; the period before it, and the same period a year
//! earlier. Every bound is a UK midnight.

use crate::domain::period::{FinancialYear, Quarter, YearMonth};
use crate::domain::time::{Instant, from_uk_local};
use chrono::{Days, Months, NaiveDate};
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PeriodError {
    #[error("--to {to} is before --from {from}")]
    Backwards { from: NaiveDate, to: NaiveDate },
    #[error("the dates are out of range")]
    OutOfRange,
}

/// What a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportPeriod {
    Year(FinancialYear),
    Quarter(Quarter),
    Month(YearMonth),
    /// From `first` to `last`, both whole days included.
    Days {
        first: NaiveDate,
        last: NaiveDate,
    },
}

impl ReportPeriod {
    /// `--from D --to D`: both days included; `to` before `from` is refused.
    pub fn days(first: NaiveDate, last: NaiveDate) -> Result<Self, PeriodError> {
        if last < first {
            return Err(PeriodError::Backwards { from: first, to: last });
        }
        // The period before must exist too (a range reaching back past year 1 does not).
        let length = (last - first).num_days() + 1;
        let _ = first.checked_sub_days(Days::new(length as u64)).ok_or(PeriodError::OutOfRange)?;
        let _ = first.checked_sub_months(Months::new(24)).ok_or(PeriodError::OutOfRange)?;
        last.succ_opt().ok_or(PeriodError::OutOfRange)?;
        Ok(ReportPeriod::Days { first, last })
    }

    /// `year`, `quarter`, `month` or `days`.
    pub fn kind(self) -> &'static str {
        match self {
            ReportPeriod::Year(_) => "year",
            ReportPeriod::Quarter(_) => "quarter",
            ReportPeriod::Month(_) => "month",
            ReportPeriod::Days { .. } => "days",
        }
    }

    /// `2016-17`, `2016-17 Q4`, `2026-10`, `2026-01-05 to 2026-02-14`.
    pub fn label(self) -> String {
        match self {
            ReportPeriod::Year(y) => y.label(),
            ReportPeriod::Quarter(q) => q.label(),
            ReportPeriod::Month(m) => m.label(),
            ReportPeriod::Days { first, last } => format!("{first} to {last}"),
        }
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        match self {
            ReportPeriod::Year(y) => first_of(YearMonth::containing(y.bounds().0)),
            ReportPeriod::Quarter(q) => first_of(q.first_month()),
            ReportPeriod::Month(m) => first_of(m),
            ReportPeriod::Days { first, .. } => first,
        }
    }

    /// The last day of the period (included).
    pub fn last_day(self) -> NaiveDate {
        let next_month_first = |m: YearMonth| first_of(m.plus(1));
        let day_before = |d: NaiveDate| d.pred_opt().unwrap_or(d);
        match self {
            ReportPeriod::Year(y) => day_before(first_of(YearMonth::containing(y.bounds().1))),
            ReportPeriod::Quarter(q) => day_before(next_month_first(q.first_month().plus(2))),
            ReportPeriod::Month(m) => day_before(next_month_first(m)),
            ReportPeriod::Days { last, .. } => last,
        }
    }

    /// `[start, end)`: UK midnight on the first day and after the last.
    pub fn bounds(self) -> (Instant, Instant) {
        match self {
            ReportPeriod::Year(y) => y.bounds(),
            ReportPeriod::Quarter(q) => q.bounds(),
            ReportPeriod::Month(m) => m.bounds(),
            ReportPeriod::Days { first, last } => (midnight(first), midnight(last.succ_opt().unwrap_or(last))),
        }
    }

    /// The period before, of the same kind: the year, quarter or month
    /// before, or as many days just before.
    pub fn before(self) -> ReportPeriod {
        match self {
            ReportPeriod::Year(y) => ReportPeriod::Year(FinancialYear(y.0 - 1)),
            ReportPeriod::Quarter(q) => {
                let first = q.first_month().plus(-3);
                ReportPeriod::Quarter(first.quarter())
            }
            ReportPeriod::Month(m) => ReportPeriod::Month(m.plus(-1)),
            ReportPeriod::Days { first, last } => {
                let length = Days::new(((last - first).num_days() + 1) as u64);
                let start = first.checked_sub_days(length).unwrap_or(first);
                ReportPeriod::Days { first: start, last: first.pred_opt().unwrap_or(first) }
            }
        }
    }

    /// The same period a year earlier (29 February becomes the 28th).
    pub fn year_earlier(self) -> ReportPeriod {
        match self {
            ReportPeriod::Year(y) => ReportPeriod::Year(FinancialYear(y.0 - 1)),
            ReportPeriod::Quarter(q) => ReportPeriod::Quarter(q.first_month().plus(-12).quarter()),
            ReportPeriod::Month(m) => ReportPeriod::Month(m.plus(-12)),
            ReportPeriod::Days { first, last } => {
                let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
                ReportPeriod::Days { first: back(first), last: back(last) }
            }
        }
    }

    /// The calendar months the period touches, in order.
    pub fn months(self) -> Vec<YearMonth> {
        let first = month_of_day(self.first_day());
        let last = month_of_day(self.last_day());
        let mut out = vec![first];
        while let Some(&m) = out.last().filter(|m| **m < last) {
            out.push(m.plus(1));
        }
        out
    }

    /// The financial quarters the period touches, in order.
    pub fn quarters(self) -> Vec<Quarter> {
        let mut out: Vec<Quarter> = Vec::new();
        for m in self.months() {
            if out.last() != Some(&m.quarter()) {
                out.push(m.quarter());
            }
        }
        out
    }
}

/// The part of `[start, end)` inside `within`.
pub fn clip((start, end): (Instant, Instant), (from, to): (Instant, Instant)) -> (Instant, Instant) {
    let start = start.max(from);
    (start, end.min(to).max(start))
}

fn first_of(m: YearMonth) -> NaiveDate {
    NaiveDate::from_ymd_opt(m.year(), m.month(), 1).unwrap_or(NaiveDate::MIN)
}

fn month_of_day(d: NaiveDate) -> YearMonth {
    YearMonth::containing(midnight(d))
}

/// UK midnight at the start of `d`. Midnight always exists in UK time (the
/// clocks change at 01:00 UTC); the UTC reading is only a fallback.
fn midnight(d: NaiveDate) -> Instant {
    let naive = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    from_uk_local(naive).unwrap_or_else(|| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::at;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
    }

    #[test]
    fn a_year_is_april_to_march_and_the_one_before_is_the_year_before() {
        let y = ReportPeriod::Year(FinancialYear(2016));
        assert_eq!((y.first_day(), y.last_day()), (day("2016-04-01"), day("2017-03-31")));
        assert_eq!(y.before().label(), "2015-16");
        assert_eq!(y.year_earlier().label(), "2015-16");
        assert_eq!(y.months().len(), 12);
        let q: Vec<String> = y.quarters().iter().map(|q| q.label()).collect();
        assert_eq!(q, ["2016-17 Q1", "2016-17 Q2", "2016-17 Q3", "2016-17 Q4"]);
    }

    #[test]
    fn the_quarter_before_q1_is_the_last_years_q4() {
        let q1 = ReportPeriod::Quarter(Quarter::parse("2016-17 Q1").expect("q"));
        assert_eq!(q1.before().label(), "2015-16 Q4");
        assert_eq!(q1.year_earlier().label(), "2015-16 Q1");
        let q4 = ReportPeriod::Quarter(Quarter::parse("2016-17 Q4").expect("q"));
        assert_eq!((q4.first_day(), q4.last_day()), (day("2017-01-01"), day("2017-03-31")));
        assert_eq!(q4.before().label(), "2016-17 Q3");
    }

    #[test]
    fn a_month_and_the_one_before_and_a_year_earlier() {
        let m = ReportPeriod::Month(YearMonth::parse("2026-01").expect("m"));
        assert_eq!(m.before().label(), "2025-12");
        assert_eq!(m.year_earlier().label(), "2025-01");
        assert_eq!(m.quarters().len(), 1);
        let feb = ReportPeriod::Month(YearMonth::parse("2024-02").expect("m"));
        assert_eq!(feb.last_day(), day("2024-02-29"));
    }

    #[test]
    fn days_include_both_ends_and_the_period_before_is_as_long() {
        let d = ReportPeriod::days(day("2026-03-01"), day("2026-03-31")).expect("days");
        let (start, end) = d.bounds();
        assert_eq!((start, end), (at("2026-03-01 00:00"), at("2026-04-01 00:00")));
        assert_eq!(d.before(), ReportPeriod::Days { first: day("2026-01-29"), last: day("2026-02-28") });
        let leap = ReportPeriod::days(day("2024-02-29"), day("2024-02-29")).expect("days");
        assert_eq!(leap.year_earlier(), ReportPeriod::Days { first: day("2023-02-28"), last: day("2023-02-28") });
        assert_eq!(
            ReportPeriod::days(day("2026-03-02"), day("2026-03-01")),
            Err(PeriodError::Backwards { from: day("2026-03-02"), to: day("2026-03-01") })
        );
        let across = ReportPeriod::days(day("2026-03-30"), day("2026-07-01")).expect("days");
        assert_eq!(across.months().len(), 5);
        let q: Vec<String> = across.quarters().iter().map(|q| q.label()).collect();
        assert_eq!(q, ["2025-26 Q4", "2026-27 Q1", "2026-27 Q2"]);
    }

    #[test]
    fn clipping_keeps_the_part_inside() {
        let (a, b, c, d) =
            (at("2026-01-01 00:00"), at("2026-02-01 00:00"), at("2026-03-01 00:00"), at("2026-04-01 00:00"));
        assert_eq!(clip((a, c), (b, d)), (b, c));
        assert_eq!(clip((a, b), (c, d)), (c, c));
    }
}
