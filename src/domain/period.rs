//! Reporting periods: financial years (April to March), their quarters, and
//! calendar months, each bounded by UK midnights.

use super::history::{Month, month_of};
use super::time::{Instant, from_uk_local};
use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("`{0}` is not a financial year: write it like 2016-17")]
pub struct NotAYear(pub String);

/// A financial year, named by the year it starts in: 2016 is "2016-17",
/// 1 April 2016 to 31 March 2017.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FinancialYear(pub i32);

impl FinancialYear {
    /// Reads `2016-17` (the second part must be the next year).
    pub fn parse(text: &str) -> Result<Self, NotAYear> {
        let bad = || NotAYear(text.trim().to_string());
        let (a, b) = text.trim().split_once('-').ok_or_else(bad)?;
        let start: i32 = a.parse().map_err(|_| bad())?;
        let end: i32 = b.parse().map_err(|_| bad())?;
        if a.len() != 4 || b.len() != 2 || (start + 1) % 100 != end {
            return Err(bad());
        }
        Ok(FinancialYear(start))
    }

    /// The year that holds a date.
    pub fn containing(date: NaiveDate) -> Self {
        FinancialYear(if date.month() >= 4 { date.year() } else { date.year() - 1 })
    }

    pub fn label(self) -> String {
        format!("{}-{:02}", self.0, (self.0 + 1) % 100)
    }

    /// Midnight UK time on 1 April, and on the next 1 April: `[start, end)`.
    pub fn bounds(self) -> (Instant, Instant) {
        (april_first(self.0), april_first(self.0 + 1))
    }

    pub fn contains(self, t: Instant) -> bool {
        let (start, end) = self.bounds();
        start <= t && t < end
    }
}

fn april_first(year: i32) -> Instant {
    YearMonth { year, month: 4 }.start()
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("`{0}` is not a month: write it like 2026-10 (YYYY-MM)")]
pub struct NotAMonth(pub String);

/// A calendar month in UK time. The fields are private so a value always
/// holds a real month (1-12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    /// Reads `YYYY-MM` exactly: `2026-10`, not `2026-1` or `2026-13`.
    pub fn parse(text: &str) -> Result<Self, NotAMonth> {
        let t = text.trim();
        let bad = || NotAMonth(t.to_string());
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(y, 4) || !digits(m, 2) {
            return Err(bad());
        }
        let year = y.parse().map_err(|_| bad())?;
        let month = m.parse().map_err(|_| bad())?;
        YearMonth::new(year, month).ok_or_else(bad)
    }

    /// The UK month an instant falls in.
    pub fn containing(t: Instant) -> Self {
        let (year, month) = month_of(t);
        YearMonth { year, month }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// The `(year, month)` form the history functions take.
    pub fn as_month(self) -> Month {
        (self.year, self.month)
    }

    pub fn from_month((year, month): Month) -> Option<Self> {
        YearMonth::new(year, month)
    }

    /// `n` months later (earlier when negative).
    pub fn plus(self, n: i64) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        YearMonth { year: index.div_euclid(12) as i32, month: index.rem_euclid(12) as u32 + 1 }
    }

    /// `2026-10`.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `October 2026`.
    pub fn long_name(self) -> String {
        let first = NaiveDate::from_ymd_opt(self.year, self.month, 1);
        first.map(|d| d.format("%B %Y").to_string()).unwrap_or_else(|| self.label())
    }

    /// UK midnight on the 1st.
    pub fn start(self) -> Instant {
        let naive = NaiveDate::from_ymd_opt(self.year, self.month, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        // Midnight on the 1st always exists in UK time: the clocks change at
        // 01:00 UTC on the last Sunday of March and October, never on the 1st.
        // The UTC reading is only a fallback for years chrono cannot hold.
        naive.and_then(|n| from_uk_local(n).or(Some(n.and_utc()))).unwrap_or(Instant::MIN_UTC)
    }

    /// UK midnight on the 1st, and on the 1st of the next month: `[start, end)`.
    pub fn bounds(self) -> (Instant, Instant) {
        (self.start(), self.plus(1).start())
    }

    pub fn contains(self, t: Instant) -> bool {
        let (start, end) = self.bounds();
        start <= t && t < end
    }

    /// The financial-year quarter the month is in.
    pub fn quarter(self) -> Quarter {
        let year = if self.month >= 4 { self.year } else { self.year - 1 };
        // April-June is Q1 ... January-March is Q4.
        let number = ((self.month + 8) % 12 / 3 + 1) as u8;
        Quarter { year: FinancialYear(year), number }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("`{0}` is not a quarter: write it like \"2016-17 Q4\"")]
pub struct NotAQuarter(pub String);

/// A financial-year quarter: Q1 April-June, Q2 July-September, Q3
/// October-December, Q4 January-March.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    year: FinancialYear,
    number: u8,
}

impl Quarter {
    pub fn new(year: FinancialYear, number: u8) -> Option<Self> {
        (1..=4).contains(&number).then_some(Quarter { year, number })
    }

    /// Reads `2016-17 Q4`.
    pub fn parse(text: &str) -> Result<Self, NotAQuarter> {
        let t = text.trim();
        let bad = || NotAQuarter(t.to_string());
        let (y, q) = t.split_once(char::is_whitespace).ok_or_else(bad)?;
        let year = FinancialYear::parse(y).map_err(|_| bad())?;
        let number = q.trim().strip_prefix(['Q', 'q']).and_then(|n| n.parse().ok()).ok_or_else(bad)?;
        Quarter::new(year, number).ok_or_else(bad)
    }

    /// The quarter an instant falls in (by its UK date).
    pub fn containing(t: Instant) -> Self {
        YearMonth::containing(t).quarter()
    }

    pub fn year(self) -> FinancialYear {
        self.year
    }

    /// 1 to 4.
    pub fn number(self) -> u8 {
        self.number
    }

    pub fn first_month(self) -> YearMonth {
        YearMonth { year: self.year.0, month: 4 }.plus(i64::from(self.number - 1) * 3)
    }

    /// The quarter `n` quarters after this one (before it for negative `n`).
    pub fn plus(self, n: i64) -> Self {
        self.first_month().plus(n * 3).quarter()
    }

    /// The quarter a UK date falls in.
    pub fn of_date(date: NaiveDate) -> Self {
        YearMonth { year: date.year(), month: date.month() }.quarter()
    }

    /// Its last day.
    pub fn last_day(self) -> NaiveDate {
        let next = self.plus(1).first_month();
        NaiveDate::from_ymd_opt(next.year, next.month, 1).and_then(|d| d.pred_opt()).expect("a real month")
    }

    /// Its three months, in order.
    pub fn months(self) -> [YearMonth; 3] {
        let first = self.first_month();
        [first, first.plus(1), first.plus(2)]
    }

    /// `[start, end)` between UK midnights.
    pub fn bounds(self) -> (Instant, Instant) {
        (self.first_month().start(), self.first_month().plus(3).start())
    }

    pub fn contains(self, t: Instant) -> bool {
        let (start, end) = self.bounds();
        start <= t && t < end
    }

    /// `2016-17 Q4`.
    pub fn label(self) -> String {
        format!("{} Q{}", self.year.label(), self.number)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::at;

    #[test]
    fn financial_years_read_and_print_like_2016_17() {
        assert_eq!(FinancialYear::parse("2016-17"), Ok(FinancialYear(2016)));
        assert_eq!(FinancialYear::parse("1999-00"), Ok(FinancialYear(1999)));
        assert_eq!(FinancialYear(2016).label(), "2016-17");
        for bad in ["2016-18", "2016", "16-17", "2016/17", ""] {
            assert!(FinancialYear::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_year_runs_from_uk_midnight_on_1_april() {
        let y = FinancialYear(2016);
        assert!(!y.contains(at("2016-03-31 23:59")));
        assert!(y.contains(at("2016-04-01 00:00")));
        assert!(y.contains(at("2017-03-31 23:59")));
        assert!(!y.contains(at("2017-04-01 00:00")));
        assert_eq!(FinancialYear::containing(NaiveDate::from_ymd_opt(2017, 3, 31).expect("d")), y);
    }

    fn ym(text: &str) -> YearMonth {
        YearMonth::parse(text).expect("month")
    }

    #[test]
    fn months_read_only_as_yyyy_mm() {
        assert_eq!(ym("2026-10").as_month(), (2026, 10));
        assert_eq!(ym(" 2026-01 ").label(), "2026-01");
        for bad in ["2026-13", "2026-00", "2026-1", "26-10", "2026/10", "2026-10-01", "octo-ber", "", "+026-10"] {
            assert_eq!(YearMonth::parse(bad), Err(NotAMonth(bad.trim().to_string())), "{bad}");
        }
        assert_eq!(
            YearMonth::parse("2026-13").expect_err("bad").to_string(),
            "`2026-13` is not a month: write it like 2026-10 (YYYY-MM)"
        );
        assert_eq!(ym("2026-10").long_name(), "October 2026");
    }

    #[test]
    fn a_month_runs_between_uk_midnights() {
        // 23:59 on 31 October (GMT by then) is October; 00:00 on 1 November is not.
        let october = ym("2026-10");
        assert!(october.contains(at("2026-10-31 23:59")));
        assert!(!october.contains(at("2026-11-01 00:00")));
        // 00:00 BST on 1 October is 23:00 UTC on 30 September, and October's.
        assert!(october.contains(at("2026-10-01 00:00")));
        assert!(!october.contains(at("2026-09-30 23:59")));
        assert_eq!(october.start().to_rfc3339(), "2026-09-30T23:00:00+00:00");
        assert_eq!(YearMonth::containing(at("2026-10-01 00:00")), october);
    }

    #[test]
    fn months_step_across_year_ends() {
        assert_eq!(ym("2026-01").plus(-1), ym("2025-12"));
        assert_eq!(ym("2025-12").plus(1), ym("2026-01"));
        assert_eq!(ym("2026-10").plus(-11), ym("2025-11"));
        assert_eq!(ym("2026-10").plus(0), ym("2026-10"));
    }

    #[test]
    fn months_fall_in_financial_quarters() {
        let q = |m: &str| ym(m).quarter().label();
        assert_eq!(q("2026-04"), "2026-27 Q1");
        assert_eq!(q("2026-06"), "2026-27 Q1");
        assert_eq!(q("2026-07"), "2026-27 Q2");
        assert_eq!(q("2026-10"), "2026-27 Q3");
        assert_eq!(q("2026-12"), "2026-27 Q3");
        assert_eq!(q("2027-01"), "2026-27 Q4");
        assert_eq!(q("2027-03"), "2026-27 Q4");
        assert_eq!(ym("2026-11").quarter().months(), [ym("2026-10"), ym("2026-11"), ym("2026-12")]);
        assert_eq!(ym("2027-02").quarter().first_month(), ym("2027-01"));
    }

    #[test]
    fn a_quarter_ends_at_uk_midnight_on_1_april() {
        let q4 = Quarter::parse("2025-26 Q4").expect("quarter");
        assert!(q4.contains(at("2026-03-31 23:59")));
        assert!(!q4.contains(at("2026-04-01 00:00")));
        assert!(q4.contains(at("2026-01-01 00:00")));
        assert!(!q4.contains(at("2025-12-31 23:59")));
        assert_eq!(Quarter::containing(at("2026-04-01 00:00")).label(), "2026-27 Q1");
        assert_eq!(Quarter::containing(at("2026-03-31 23:59")), q4);
    }

    #[test]
    fn quarters_read_like_2016_17_q4() {
        assert_eq!(Quarter::parse("2016-17 Q4").map(Quarter::label), Ok("2016-17 Q4".to_string()));
        assert_eq!(Quarter::parse("2016-17 q1").map(Quarter::number), Ok(1));
        for bad in ["2016-17 Q5", "2016-17 Q0", "2016-17", "2016-18 Q1", "Q1 2016-17", ""] {
            assert!(Quarter::parse(bad).is_err(), "{bad}");
        }
    }
}
