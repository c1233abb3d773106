//! Undo: a write's audit entries reverted, newest first, straight from the
//! rows the trail recorded, so every kind of write undoes the same way.
//!
//! Each step first checks that the row is still as the write left it (at
//! the version it left, or with every value as it left them, so that a
//! user's changes undo newest first); if anyone has changed it since,
//! nothing at all is undone and the conflict says who and what. The undo is itself a write: audited, versioned, and
//! undoable in turn.

use super::db::{Db, TABLES, sql_value};
use super::version::parse_json;
use super::{Change, EditError};
use crate::store::{Result, Store, StoreError};
use rusqlite::ToSql;
use rusqlite::types::Value;

struct Entry {
    table: &'static str,
    row_id: i64,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

/// What a person calls a row of `table`.
fn noun(table: &str) -> &'static str {
    match table {
        "people" => "young person",
        "placements" => "placement",
        "episodes" => "episode",
        "return_interviews" => "return interview",
        "ri_attempts" => "attempt",
        "risk_grades" => "risk grade",
        "strategy_meetings" => "strategy meeting",
        "mpmg_meetings" => "MPMG meeting",
        "mpmg_reviews" => "MPMG review",
        "mpmg_actions" => "MPMG action",
        _ => "record",
    }
}

fn json_version(text: &Option<String>) -> Result<i64> {
    let row = parse_json(text.as_deref().unwrap_or_default())?;
    row.get("version")
        .and_then(serde_json::Value::as_i64)
        .ok_or_else(|| StoreError::Corrupt("an audit entry has no version".into()))
}

impl Db<'_> {
    fn entries(&self, change: &Change) -> std::result::Result<Vec<Entry>, EditError> {
        // (who, table, row id, the entry with its table still to be checked)
        let rows: Vec<(String, String, Option<i64>, Entry)> = self.all(
            "SELECT who, table_name, row_id, action, before, after FROM audit WHERE id BETWEEN ?1 AND ?2 ORDER BY id DESC",
            (change.first_audit, change.last_audit),
            |r| {
                let entry = Entry { table: "", row_id: 0, action: r.get(3)?, before: r.get(4)?, after: r.get(5)? };
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, entry))
            },
        )?;
        if rows.is_empty() {
            return Err(EditError::CannotUndo("there is nothing to undo".into()));
        }
        let me = self.user()?;
        let mut out = Vec::new();
        for (who, table_name, row_id, entry) in rows {
            if who != me {
                return Err(EditError::CannotUndo(format!(
                    "that change was made by {who}, not {me}; only the person who made a change can undo it"
                )));
            }
            let (Some(table), Some(row_id)) = (TABLES.iter().find(|t| **t == table_name), row_id) else {
                return Err(EditError::CannotUndo(format!("changes to {table_name} cannot be undone here")));
            };
            out.push(Entry { table, row_id, ..entry });
        }
        Ok(out)
    }

    /// Reverts one entry, or refuses with a conflict if the row moved on.
    fn revert(&self, e: &Entry) -> std::result::Result<(), EditError> {
        let now = self.version_of(e.table, e.row_id)?;
        match e.action.as_str() {
            "insert" => {
                self.still_as_left(e, now)?;
                // A placement someone has used since is theirs too; it stays.
                if e.table == "placements" && self.placement_in_use(e.row_id)? {
                    return Ok(());
                }
                self.run(e, &format!("DELETE FROM {} WHERE id = ?1", e.table), &[&e.row_id])
            }
            "update" => {
                let current = self.still_as_left(e, now)?;
                let values = self.values(e)?;
                let sets: Vec<String> =
                    values.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}", i + 1)).collect();
                let sql = format!(
                    "UPDATE {} SET {}, version = ?{} WHERE id = ?{}",
                    e.table,
                    sets.join(", "),
                    values.len() + 1,
                    values.len() + 2
                );
                let next = current + 1;
                let mut params: Vec<&dyn ToSql> = values.iter().map(|(_, v)| v as &dyn ToSql).collect();
                params.extend([&next as &dyn ToSql, &e.row_id]);
                self.run(e, &sql, &params)
            }
            "delete" => {
                if now.is_some() {
                    return Err(EditError::Conflict(self.conflict(e.table, e.row_id, None)?));
                }
                // Back with its id, and a new version: a version only ever
                // means one state of a row.
                let next = json_version(&e.before)? + 1;
                let mut values = self.values(e)?;
                values.push(("id".into(), Value::Integer(e.row_id)));
                values.push(("version".into(), Value::Integer(next)));
                let columns: Vec<&str> = values.iter().map(|(c, _)| c.as_str()).collect();
                let marks: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
                let sql = format!("INSERT INTO {} ({}) VALUES ({})", e.table, columns.join(", "), marks.join(", "));
                let params: Vec<&dyn ToSql> = values.iter().map(|(_, v)| v as &dyn ToSql).collect();
                self.run(e, &sql, &params)
            }
            other => Err(EditError::CannotUndo(format!("an audit entry of kind `{other}` cannot be undone"))),
        }
    }

    /// Checks that the row is as entry `e` left it, and returns its version
    /// now. The same version passes; so does a later version whose values
    /// are all as `e` left them (the user undid a later change first, or
    /// someone changed a value and put it back): reverting then loses nothing
    /// anyone saved. Anything else is a conflict.
    fn still_as_left(&self, e: &Entry, now: Option<i64>) -> std::result::Result<i64, EditError> {
        let made = json_version(&e.after)?;
        let Some(current) = now else {
            return Err(EditError::Conflict(self.conflict(e.table, e.row_id, Some(made))?));
        };
        if current == made {
            return Ok(current);
        }
        let left = parse_json(e.after.as_deref().unwrap_or_default())?;
        let row = self.row_json(e.table, e.row_id)?.unwrap_or_default();
        let same = row.iter().filter(|(c, _)| c.as_str() != "version").all(|(c, v)| left.get(c) == Some(v));
        if same { Ok(current) } else { Err(EditError::Conflict(self.conflict(e.table, e.row_id, Some(made))?)) }
    }

    /// The `before` row's columns (other than `id` and `version`) that the table still has.
    fn values(&self, e: &Entry) -> Result<Vec<(String, Value)>> {
        let before = parse_json(e.before.as_deref().unwrap_or_default())?;
        let columns = self.columns(e.table)?;
        Ok(before
            .iter()
            .filter(|(c, _)| !matches!(c.as_str(), "id" | "version") && columns.contains(c))
            .map(|(c, v)| (c.clone(), sql_value(v)))
            .collect())
    }

    fn placement_in_use(&self, id: i64) -> Result<bool> {
        let used = self.one(
            "SELECT EXISTS (SELECT 1 FROM episodes WHERE placement_id = ?1)
                 OR EXISTS (SELECT 1 FROM people WHERE placement_id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        Ok(used.unwrap_or(true))
    }

    /// Runs one step; a row others now refer to (or whose unique value
    /// someone else has taken) cannot be brought back or removed.
    fn run(&self, e: &Entry, sql: &str, params: &[&dyn ToSql]) -> std::result::Result<(), EditError> {
        match self.conn.execute(sql, params) {
            Ok(_) => Ok(()),
            Err(err) if err.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {
                Err(EditError::CannotUndo(format!(
                    "cannot undo: the {} ({} {}) is now tied to other records ({err}); undo or change those first",
                    noun(e.table),
                    e.table,
                    e.row_id
                )))
            }
            Err(err) => Err(EditError::Store(self.err(err))),
        }
    }
}

impl Store {
    /// Reverts `change` (a write made by this user): rows it added are
    /// removed, rows it changed go back to how they were (at a new version),
    /// rows it deleted come back with their ids. All of it or, if anyone has
    /// changed those rows since, none of it.
    pub fn undo(&mut self, change: &Change) -> std::result::Result<Change, EditError> {
        if change.first_audit > change.last_audit {
            return Err(EditError::CannotUndo("there is nothing to undo".into()));
        }
        self.write(|db| {
            for entry in db.entries(change)? {
                db.revert(&entry)?;
            }
            Ok(())
        })
        .map(|((), c)| c)
    }
}
