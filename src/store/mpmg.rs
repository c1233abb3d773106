//! The MPMG month from the database: the store reads only the episodes the
//! month's lists can count (the month's, the quarter's starts, and a year of
//! starts for the few top-10 children), by index ranges on the start time;
//! the domain decides who is listed and in what order.

use super::cases::{STARTED_BETWEEN, instant};
use super::{Result, Store, StoreError};
use crate::domain::mpmg::{EpisodeStart, MpmgMonth, SPARKLINE_MONTHS, mpmg_month};
use crate::domain::period::YearMonth;
use crate::domain::record::full_name;
use crate::domain::time::{Instant, db_text};
use rusqlite::named_params;

/// Who started an episode when, in `[:from, :to)` and by `:now`.
pub(super) const STARTS_SQL: &str = "SELECT p.person_ref, p.given_name, p.family_name, e.missing_at
      FROM episodes e JOIN people p ON p.id = e.person_id WHERE ";

/// One child's starts in `[:from, :to)` and by `:now`, by the child's own index.
pub(super) const PERSON_STARTS_SQL: &str = "SELECT e.missing_at FROM people p JOIN episodes e ON e.person_id = p.id
     WHERE p.person_ref = :person_ref AND e.missing_at >= :from AND e.missing_at < :to AND e.missing_at <= :now
     ORDER BY e.missing_at";

impl Store {
    /// The month's MPMG lists as of `now`, with the thresholds in force.
    pub fn mpmg_month(&self, month: YearMonth, now: Instant) -> Result<MpmgMonth> {
        // The three reads see the same data while others write.
        self.read_consistently(|store| {
            let settings = store.mpmg_settings()?;
            let (month_start, month_end) = month.bounds();
            let cases = store.cases_started(month_start, month_end, now)?;
            let (quarter_start, quarter_end) = month.quarter().bounds();
            let starts = store.starts_between(quarter_start, quarter_end, now)?;
            let year_start = month.plus(1 - SPARKLINE_MONTHS as i64).start();
            let history = |person: &str| store.person_starts(person, year_start, month_end, now);
            mpmg_month(&cases, &starts, month, now, &settings, history)
        })
    }

    /// Runs `read` inside one read transaction, so every query it makes sees
    /// the same data while others write. Inside a caller's transaction, that
    /// one serves.
    pub fn read_consistently<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = if self.conn.is_autocommit() {
            Some(self.conn.unchecked_transaction().map_err(|e| self.err(e))?)
        } else {
            None
        };
        let result = read(self)?;
        if let Some(tx) = tx {
            tx.finish().map_err(|e| self.err(e))?;
        }
        Ok(result)
    }

    /// Who started an episode in `[from, to)` and by `now`: the few columns
    /// counting needs, without the episode's details.
    pub fn starts_between(&self, from: Instant, to: Instant, now: Instant) -> Result<Vec<EpisodeStart>> {
        let sql = format!("{STARTS_SQL}{STARTED_BETWEEN}");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let params = named_params! { ":from": db_text(from), ":to": db_text(to), ":now": db_text(now) };
        let rows = stmt
            .query_map(params, |r| {
                let (given, family): (String, String) = (r.get(1)?, r.get(2)?);
                Ok(EpisodeStart { person_ref: r.get(0)?, name: full_name(&given, &family), missing_at: instant(r, 3)? })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.read_err(e))
    }

    /// When one child's episodes started in `[from, to)` and by `now`, oldest first.
    pub fn person_starts(&self, person_ref: &str, from: Instant, to: Instant, now: Instant) -> Result<Vec<Instant>> {
        let mut stmt = self.conn.prepare_cached(PERSON_STARTS_SQL).map_err(|e| self.err(e))?;
        let params = named_params! {
            ":person_ref": person_ref, ":from": db_text(from), ":to": db_text(to), ":now": db_text(now)
        };
        let rows =
            stmt.query_map(params, |r| instant(r, 0)).and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>());
        rows.map_err(|e| self.read_err(e))
    }

    /// A value the database holds but cannot be read is corruption; anything
    /// else is SQLite's own error.
    pub(super) fn read_err(&self, e: rusqlite::Error) -> StoreError {
        match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::Corrupt(inner.to_string()),
            other => self.err(other),
        }
    }
}

#[cfg(test)]
mod tests;
