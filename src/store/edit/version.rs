//! The version check every write makes, and what a refused write tells the
//! user: who saved the row since it was read and which columns they changed,
//! read from the audit trail.

use super::db::Db;
use super::{Conflict, Deletion, EditError, FieldChange};
use crate::domain::time::from_db_text;
use crate::store::{Result, StoreError};
use rusqlite::ToSql;
use serde_json::{Map, Value};

type Json = Map<String, Value>;

impl Db<'_> {
    /// Sets `sets` on row `id` of `table` and bumps its version, only if the
    /// row is still at `version`; otherwise writes nothing and says who changed what.
    pub fn update_at(
        &self,
        table: &'static str,
        id: i64,
        version: i64,
        sets: &[(&str, &dyn ToSql)],
    ) -> std::result::Result<(), EditError> {
        let assigns: String = sets.iter().enumerate().map(|(i, (c, _))| format!("{c} = ?{}, ", i + 1)).collect();
        let n = sets.len();
        let sql =
            format!("UPDATE {table} SET {assigns}version = version + 1 WHERE id = ?{} AND version = ?{}", n + 1, n + 2);
        let mut params: Vec<&dyn ToSql> = sets.iter().map(|(_, v)| *v).collect();
        params.extend([&id as &dyn ToSql, &version]);
        if self.exec(&sql, params.as_slice())? == 0 {
            return Err(EditError::Conflict(self.conflict(table, id, Some(version))?));
        }
        Ok(())
    }

    /// Refuses with a conflict unless row `id` of `table` is still at `version`.
    pub fn expect_version(&self, table: &'static str, id: i64, version: i64) -> std::result::Result<(), EditError> {
        if self.version_of(table, id)? != Some(version) {
            return Err(EditError::Conflict(self.conflict(table, id, Some(version))?));
        }
        Ok(())
    }

    /// The row's version now, `None` if there is no such row.
    pub fn version_of(&self, table: &'static str, id: i64) -> Result<Option<i64>> {
        self.one(&format!("SELECT version FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
    }

    /// The row as the audit triggers write it, so the two compare column by column.
    pub fn row_json(&self, table: &'static str, id: i64) -> Result<Option<Json>> {
        let pairs: Vec<String> = self.columns(table)?.iter().map(|c| format!("'{c}', {c}")).collect();
        let sql = format!("SELECT json_object({}) FROM {table} WHERE id = ?1", pairs.join(", "));
        let text: Option<String> = self.one(&sql, [id], |r| r.get(0))?;
        text.map(|t| parse_json(&t)).transpose()
    }

    /// What happened to row `id` of `table` since it was read at version `read`
    /// (`None`: read when there was no such row, as a meeting not yet held).
    pub fn conflict(&self, table: &'static str, id: i64, read: Option<i64>) -> Result<Conflict> {
        // The trail from the first entry that changed the version read (or,
        // for a row that did not exist, from its latest insert) to now.
        let since = match read {
            Some(_) => {
                "SELECT min(id) FROM audit WHERE table_name = ?1 AND row_id = ?2
                          AND json_extract(before, '$.version') >= ?3"
            }
            None => {
                "SELECT max(id) FROM audit WHERE table_name = ?1 AND row_id = ?2 AND action = 'insert' AND ?3 IS NULL"
            }
        };
        let sql = format!(
            "SELECT id, who, before, action, at FROM audit WHERE table_name = ?1 AND row_id = ?2 AND id >= ({since})
              ORDER BY id"
        );
        type Entry = (i64, String, Option<String>, String, String);
        let rows: Vec<Entry> =
            self.all(&sql, (table, id, read), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?;
        // The latest deletion, if the row is gone: who and when, for the dialog.
        let deletion = rows.iter().rev().find(|(.., action, _)| action == "delete");
        let deleted = deletion
            .and_then(|(_, who, _, _, at)| from_db_text(at).ok().map(|at| Box::new(Deletion { by: who.clone(), at })));
        let entries: Vec<(i64, String, Option<String>)> = rows.into_iter().map(|(i, w, b, _, _)| (i, w, b)).collect();
        let mut who: Vec<(i64, String)> = entries.iter().map(|(at, w, _)| (*at, w.clone())).collect();
        let now = self.row_json(table, id)?;
        let version_now = now.as_ref().and_then(|row| row.get("version")).and_then(Value::as_i64);
        // The row as read is the `before` of the first change since; a row
        // read as absent had no values.
        let was = match (read, entries.first()) {
            (None, _) => Some(Json::new()),
            (Some(_), Some((_, _, Some(before)))) => Some(parse_json(before)?),
            (Some(_), _) => None,
        };
        let mut changes = match (&was, &now) {
            (Some(was), Some(now)) => differences(was, now),
            // Deleted: there is no "now" to compare with; `version_now` says so.
            _ => Vec::new(),
        };
        if table == "return_interviews"
            && now.is_some()
            && let Some((first, _, _)) = entries.first()
        {
            self.attempts_since(id, *first, &mut changes, &mut who)?;
        }
        who.sort_by_key(|(at, _)| *at);
        let mut by: Vec<String> = Vec::new();
        for (_, w) in who {
            if !by.contains(&w) {
                by.push(w);
            }
        }
        // Gone now: say who deleted it (an undone deletion is no longer one).
        let deleted = if version_now.is_none() { deleted } else { None };
        Ok(Conflict { table, id, version_now, by, changes, deleted })
    }

    /// Attempts live in their own table; a conflict on an interview says how
    /// many were added or removed since it was read, and by whom.
    fn attempts_since(
        &self,
        interview_id: i64,
        first: i64,
        changes: &mut Vec<FieldChange>,
        who: &mut Vec<(i64, String)>,
    ) -> Result<()> {
        let entries: Vec<(i64, String, String)> = self.all(
            "SELECT id, who, action FROM audit WHERE id >= ?1 AND table_name = 'ri_attempts'
               AND json_extract(coalesce(after, before), '$.interview_id') = ?2 ORDER BY id",
            (first, interview_id),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let delta: i64 = entries
            .iter()
            .map(|(_, _, action)| match action.as_str() {
                "insert" => 1,
                "delete" => -1,
                _ => 0,
            })
            .sum();
        let now: i64 = self
            .one("SELECT count(*) FROM ri_attempts WHERE interview_id = ?1", [interview_id], |r| r.get(0))?
            .unwrap_or(0);
        if delta != 0 {
            changes.push(FieldChange {
                column: "attempts".into(),
                was: Some((now - delta).to_string()),
                now: Some(now.to_string()),
            });
        }
        who.extend(entries.into_iter().map(|(at, w, _)| (at, w)));
        Ok(())
    }
}

pub(super) fn parse_json(text: &str) -> Result<Json> {
    match serde_json::from_str(text) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(StoreError::Corrupt(format!("an audit entry is not a row: {text}"))),
    }
}

/// Columns other than `id` and `version` whose values differ, in the row's column order.
fn differences(was: &Json, now: &Json) -> Vec<FieldChange> {
    now.iter()
        .filter(|(column, _)| !matches!(column.as_str(), "id" | "version"))
        .filter_map(|(column, value)| {
            let before = was.get(column).unwrap_or(&Value::Null);
            (before != value).then(|| FieldChange { column: column.clone(), was: text(before), now: text(value) })
        })
        .collect()
}

/// A stored value as a person reads it; `None` is empty.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
