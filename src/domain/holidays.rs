//! England and Wales bank holidays, read from the layout the government
//! publishes, never hard-coded: a user drops in a newer file for later years.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The file shipped with the program (2015-2027).
pub const BUNDLED_JSON: &str = include_str!("../../assets/bank-holidays-england-and-wales.json");

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum HolidayError {
    #[error("not a bank-holiday file in the published layout: {0}")]
    Layout(String),
}

#[derive(Deserialize)]
struct PublishedFile {
    #[serde(rename = "england-and-wales")]
    england_and_wales: Division,
}

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    title: String,
    date: NaiveDate,
}

/// The set of bank holidays known, by date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BankHolidays {
    by_date: BTreeMap<NaiveDate, String>,
}

impl BankHolidays {
    /// Reads the published JSON layout (`{"england-and-wales": {"events": [...]}}`).
    pub fn from_json(text: &str) -> Result<Self, HolidayError> {
        let file: PublishedFile = serde_json::from_str(text).map_err(|e| HolidayError::Layout(e.to_string()))?;
        let by_date = file.england_and_wales.events.into_iter().map(|e| (e.date, e.title)).collect();
        Ok(BankHolidays { by_date })
    }

    /// The holidays shipped with the program.
    pub fn bundled() -> Self {
        // The bundled file is part of the build and checked by a test, so a
        // failure here is a broken build, not bad input.
        Self::from_json(BUNDLED_JSON).expect("bundled bank-holiday file parses")
    }

    /// This set with a newer file laid over it: for every year the newer file
    /// covers, its dates replace ours (so a moved holiday moves); other years stay.
    pub fn overlaid_with(mut self, newer: BankHolidays) -> Self {
        let years: BTreeSet<i32> = newer.by_date.keys().map(|d| d.year()).collect();
        self.by_date.retain(|d, _| !years.contains(&d.year()));
        self.by_date.extend(newer.by_date);
        self
    }

    /// The holiday's name, if `date` is a bank holiday.
    pub fn name(&self, date: NaiveDate) -> Option<&str> {
        self.by_date.get(&date).map(String::as_str)
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.by_date.contains_key(&date)
    }

    /// Saturday, Sunday or a bank holiday: a day when workers are hard to reach.
    pub fn is_non_working_day(&self, date: NaiveDate) -> bool {
        matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || self.is_holiday(date)
    }

    /// The first and last years the set has any date for.
    pub fn years_covered(&self) -> Option<(i32, i32)> {
        let first = self.by_date.keys().next()?.year();
        let last = self.by_date.keys().next_back()?.year();
        Some((first, last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn the_bundled_file_covers_2015_to_2027() {
        let h = BankHolidays::bundled();
        assert_eq!(h.years_covered(), Some((2015, 2027)));
        assert_eq!(h.name(d(2026, 12, 25)), Some("Christmas Day"));
        assert!(h.is_holiday(d(2015, 12, 28)), "substitute Boxing Day");
        assert!(!h.is_holiday(d(2015, 12, 26)));
    }

    #[test]
    fn weekends_and_bank_holidays_are_non_working_days() {
        let h = BankHolidays::bundled();
        assert!(h.is_non_working_day(d(2026, 11, 28)), "Saturday");
        assert!(h.is_non_working_day(d(2026, 11, 29)), "Sunday");
        assert!(!h.is_non_working_day(d(2026, 11, 30)), "Monday");
        assert!(h.is_non_working_day(d(2026, 4, 3)), "Good Friday 2026");
        assert!(!h.is_non_working_day(d(2024, 2, 29)), "leap day 2024 was a Thursday");
    }

    #[test]
    fn a_newer_file_replaces_the_years_it_covers_and_adds_later_ones() {
        let newer = BankHolidays::from_json(
            r#"{"england-and-wales":{"division":"england-and-wales","events":[
                {"title":"Moved holiday","date":"2027-06-07","notes":"","bunting":true},
                {"title":"New Year’s Day","date":"2028-01-03","notes":"Substitute day","bunting":true}]}}"#,
        )
        .expect("valid layout");
        let h = BankHolidays::bundled().overlaid_with(newer);
        assert!(h.is_holiday(d(2027, 6, 7)));
        assert!(!h.is_holiday(d(2027, 12, 27)), "2027 now comes only from the newer file");
        assert!(h.is_holiday(d(2028, 1, 3)));
        assert!(h.is_holiday(d(2026, 12, 25)), "earlier years kept");
    }

    #[test]
    fn a_file_in_another_layout_is_refused_with_a_reason() {
        let e = BankHolidays::from_json(r#"{"scotland":{"events":[]}}"#).expect_err("wrong layout");
        assert!(e.to_string().contains("england-and-wales"), "{e}");
        assert!(BankHolidays::from_json("not json").is_err());
    }
}
