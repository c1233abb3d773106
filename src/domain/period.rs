//! Reporting periods: financial years (April to March) and their quarters.

use super::time::{Instant, from_uk_local};
use chrono::{Datelike, NaiveDate};
use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("`{0}` is not a financial year: write it like 2016-17")]
pub struct NotAYear(pub String);

/// A financial year, named by the year it starts in: 2016 is "2016-17",
/// 1 April 2016 to 31 March 2017.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
    let midnight = NaiveDate::from_ymd_opt(year, 4, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    // Midnight on 1 April always exists in UK time (the clocks change at 01:00 or 02:00).
    midnight.and_then(from_uk_local).expect("1 April midnight exists")
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
}
