//! The plumbing every edit shares: a connection (or the open transaction)
//! with the file's path for error messages, the one-transaction write, fresh
//! row ids, and the placements vocabulary.

use super::{Change, EditError};
use crate::domain::record::Placement;
use crate::store::{Result, Store, StoreError};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Params, Row, TransactionBehavior};
use std::path::Path;

/// Every table a form edits, as `&'static str` so that names built into SQL
/// never come from data.
pub(super) const TABLES: &[&str] = &[
    "people",
    "placements",
    "episodes",
    "return_interviews",
    "ri_attempts",
    "risk_grades",
    "strategy_meetings",
    "mpmg_meetings",
    "mpmg_reviews",
    "mpmg_actions",
    "prevention_work",
];

/// A connection, or the transaction a write is running in.
pub(super) struct Db<'a> {
    pub conn: &'a Connection,
    pub path: &'a Path,
}

impl Db<'_> {
    /// A SQLite error as the store reports it; a stored value that does not
    /// parse is corruption, said as such.
    pub fn err(&self, e: rusqlite::Error) -> StoreError {
        match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::Corrupt(inner.to_string()),
            source => StoreError::Sqlite { path: self.path.to_path_buf(), source },
        }
    }

    pub fn one<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> rusqlite::Result<T>,
    ) -> Result<Option<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        stmt.query_row(params, f).optional().map_err(|e| self.err(e))
    }

    pub fn all<T>(&self, sql: &str, params: impl Params, f: impl FnMut(&Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params, f).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map_err(|e| self.err(e))
    }

    pub fn exec(&self, sql: &str, params: impl Params) -> Result<usize> {
        self.conn.prepare_cached(sql).and_then(|mut s| s.execute(params)).map_err(|e| self.err(e))
    }

    /// The newest audit entry's id (0 for an empty trail).
    pub fn last_audit(&self) -> Result<i64> {
        Ok(self.one("SELECT coalesce(max(id), 0) FROM audit", [], |r| r.get(0))?.unwrap_or(0))
    }

    /// An id for a new row that no row of `table` has ever had: SQLite would
    /// hand out a deleted row's id again, and then a stale form (or an undo)
    /// naming the old row would land on the new one.
    pub fn fresh_id(&self, table: &'static str) -> Result<i64> {
        crate::store::ids::first_fresh_id(self.conn, table).map_err(|e| self.err(e))
    }

    /// The row in the placements vocabulary for `place`, added if new (as import does).
    pub fn placement_id(&self, place: &Placement) -> Result<i64> {
        let find = "SELECT id FROM placements WHERE name = ?1 AND type = ?2";
        let key = (place.name.as_str(), place.kind.code());
        if let Some(id) = self.one(find, key, |r| r.get(0))? {
            return Ok(id);
        }
        let id = self.fresh_id("placements")?;
        self.exec("INSERT INTO placements (id, name, type) VALUES (?1, ?2, ?3)", (id, key.0, key.1))?;
        Ok(id)
    }

    /// Who the audit trail records for this connection's writes.
    pub fn user(&self) -> Result<String> {
        Ok(self.one("SELECT app_user()", [], |r| r.get(0))?.unwrap_or_default())
    }

    /// Columns of `table` as the audit triggers record them (generated ones left out).
    pub fn columns(&self, table: &'static str) -> Result<Vec<String>> {
        self.all("SELECT name FROM pragma_table_info(?1) ORDER BY cid", [table], |r| r.get(0))
    }
}

impl Store {
    pub(super) fn db(&self) -> Db<'_> {
        Db { conn: &self.conn, path: &self.path }
    }

    /// Runs `f` in one immediate transaction (the write lock taken up front,
    /// so checks made inside it still hold when the write lands) and returns
    /// its result with the audit entries it wrote. Any error rolls it all back;
    /// without the trail's triggers nothing is written.
    pub(super) fn write<T>(
        &mut self,
        f: impl FnOnce(&Db) -> std::result::Result<T, EditError>,
    ) -> std::result::Result<(T, Change), EditError> {
        let Store { conn, path } = self;
        let sql = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        crate::store::audit::guard(&tx)?;
        let db = Db { conn: &tx, path };
        let before = db.last_audit()?;
        let value = f(&db)?;
        let last_audit = db.last_audit()?;
        tx.commit().map_err(sql)?;
        Ok((value, Change { first_audit: before + 1, last_audit }))
    }
}

/// Blank text is no text: forms send what was typed.
pub(super) fn tidy(text: &Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}

/// A placement worth recording: one with a name.
pub(super) fn tidy_place(place: Option<&Placement>) -> Option<Placement> {
    place.and_then(|p| {
        let name = p.name.trim();
        (!name.is_empty()).then(|| Placement { kind: p.kind, name: name.to_string() })
    })
}

/// A JSON value from the audit trail as a SQL value.
pub(super) fn sql_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or_default()),
        },
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}
