//! The triggers that write the trail: what they should be, whether the file
//! has them, the refusal to write without them, and their repair.

use super::chain::{append_note, append_sql};
use super::expected::expected;
use crate::store::{Result, Store, StoreError};
use rusqlite::{Connection, TransactionBehavior};
use std::collections::BTreeMap;

/// One trigger: its name and the `CREATE TRIGGER` statement SQLite keeps for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trigger {
    pub name: String,
    pub sql: String,
}

/// The two triggers that keep the trail itself from being changed.
fn guard_triggers() -> Vec<Trigger> {
    ["update", "delete"]
        .iter()
        .map(|what| Trigger {
            name: format!("audit_no_{what}"),
            sql: format!(
                "CREATE TRIGGER audit_no_{what} BEFORE {} ON audit
             BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
                what.to_uppercase()
            ),
        })
        .collect()
}

/// The triggers for the schema as `conn` holds it: the trail's two guards,
/// and three for every other table (insert, update, delete), rebuilt after
/// each migration so that new columns are recorded too. Before the chain
/// (migration 7) the trail has no `hash` to fill.
pub(in crate::store) fn triggers_for(conn: &Connection) -> rusqlite::Result<Vec<Trigger>> {
    let mut triggers = guard_triggers();
    let chained = columns(conn, "audit")?.iter().any(|c| c == "hash");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let columns = columns(conn, &table)?;
        let json = |row: &str| {
            let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {row}.{c}")).collect();
            format!("json_object({})", pairs.join(", "))
        };
        let row_id = |row: &str| if table == "settings" { "NULL".to_string() } else { format!("{row}.id") };
        for (action, when, before, after, id) in [
            ("insert", "AFTER INSERT", "NULL".to_string(), json("NEW"), row_id("NEW")),
            ("update", "AFTER UPDATE", json("OLD"), json("NEW"), row_id("NEW")),
            ("delete", "AFTER DELETE", json("OLD"), "NULL".to_string(), row_id("OLD")),
        ] {
            let body = if chained {
                append_sql(&format!("'{table}'"), &id, &format!("'{action}'"), &before, &after)
            } else {
                format!(
                    "INSERT INTO audit (at, who, table_name, row_id, action, before, after)
                     VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), app_user(), '{table}', {id}, '{action}', {before}, {after})"
                )
            };
            triggers.push(Trigger {
                name: format!("audit_{table}_{action}"),
                sql: format!("CREATE TRIGGER audit_{table}_{action} {when} ON {table} BEGIN\n{body};\nEND"),
            });
        }
    }
    Ok(triggers)
}

/// A table's columns as the triggers record them (table_info leaves out
/// generated columns, which are derived, not data).
pub(super) fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
}

/// SQL that puts `triggers` in place, replacing any of the same name.
pub(in crate::store) fn install_sql(triggers: &[Trigger]) -> String {
    triggers.iter().map(|t| format!("DROP TRIGGER IF EXISTS {};\n{};\n", t.name, t.sql)).collect()
}

/// The triggers in the file (by name, with their SQL).
fn installed(conn: &Connection) -> rusqlite::Result<BTreeMap<String, String>> {
    conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")?
        .query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?
        .collect()
}

/// How the file's triggers differ from ri-chase's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TriggerState {
    /// ri-chase's triggers the file does not have.
    pub missing: Vec<String>,
    /// ri-chase's triggers whose SQL in the file is not ri-chase's.
    pub changed: Vec<String>,
    /// Triggers in the file that are not ri-chase's.
    pub foreign: Vec<String>,
}

impl TriggerState {
    pub fn intact(&self) -> bool {
        self.missing.is_empty() && self.changed.is_empty() && self.foreign.is_empty()
    }

    /// What is wrong, in a few words with the names (the first few of each).
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (what, names) in [("missing", &self.missing), ("changed", &self.changed), ("not ri-chase's", &self.foreign)]
        {
            if !names.is_empty() {
                parts.push(format!("{what}: {}", few(names)));
            }
        }
        parts.join("; ")
    }
}

/// A name as an SQL identifier, whatever it holds.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn few(names: &[String]) -> String {
    const SHOWN: usize = 4;
    let shown = names.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    match names.len().saturating_sub(SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// The file's triggers against those ri-chase makes for the tables it
/// holds: whether every change to them would be recorded, and recorded
/// rightly. (Whether those tables are ri-chase's own is for `verify`, which
/// checks them against [`expected`]; working that out costs each command
/// that writes more than its write.)
pub(in crate::store) fn trigger_state(conn: &Connection) -> Result<TriggerState> {
    let read = |e: rusqlite::Error| StoreError::Corrupt(format!("cannot read the file's triggers: {e}"));
    let want = triggers_for(conn).map_err(read)?;
    let have = installed(conn).map_err(read)?;
    let mut state = TriggerState::default();
    for t in &want {
        match have.get(&t.name) {
            None => state.missing.push(t.name.clone()),
            Some(sql) if *sql != t.sql => state.changed.push(t.name.clone()),
            Some(_) => {}
        }
    }
    state.foreign = have.keys().filter(|n| !want.iter().any(|t| &t.name == *n)).cloned().collect();
    Ok(state)
}

/// Refuses a write (inside its transaction) unless every trigger is as
/// ri-chase makes it: without them the change would not be in the trail.
pub(in crate::store) fn guard(conn: &Connection) -> Result<()> {
    let state = trigger_state(conn)?;
    if state.intact() { Ok(()) } else { Err(StoreError::Unguarded(state.describe())) }
}

/// The names of the triggers missing for the schema as the file holds it
/// (before a migration, whose triggers are then made afresh).
pub(in crate::store) fn missing_before_migration(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let have = installed(conn)?;
    Ok(triggers_for(conn)?.into_iter().map(|t| t.name).filter(|n| !have.contains_key(n)).collect())
}

impl Store {
    /// Whether the file's triggers are all as ri-chase makes them (writes are refused until they are).
    pub fn triggers(&self) -> Result<TriggerState> {
        trigger_state(&self.conn)
    }

    /// Puts ri-chase's triggers back (and removes any others), recording in
    /// the trail what it found: `None` if there was nothing to repair. A file
    /// whose trail or tables are gone is beyond repair here: restoring them
    /// empty would hide what happened.
    pub fn repair_triggers(&mut self) -> Result<Option<TriggerState>> {
        let path = self.path.clone();
        let sql = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(sql)?;
        let expected = expected()?;
        for table in &expected.tables {
            let found = columns(&tx, &table.name).map_err(sql)?;
            let problem = match (table.name.as_str(), found.is_empty()) {
                ("audit", true) => "the audit table is missing (dropped): the trail is gone".to_string(),
                (name, true) => format!("the table `{name}` is missing (dropped behind ri-chase's back)"),
                (name, false) if found != table.column_names() => {
                    format!("the table `{name}` does not have ri-chase's columns (changed behind its back)")
                }
                _ => continue,
            };
            return Err(StoreError::Unrepairable(problem));
        }
        let state = trigger_state(&tx)?;
        if state.intact() {
            return Ok(None);
        }
        let mut sql_text: String = state
            .changed
            .iter()
            .chain(&state.foreign)
            .map(|n| format!("DROP TRIGGER IF EXISTS {};\n", quoted(n)))
            .collect();
        let restore: Vec<Trigger> = triggers_for(&tx)
            .map_err(sql)?
            .into_iter()
            .filter(|t| state.missing.contains(&t.name) || state.changed.contains(&t.name))
            .collect();
        sql_text.push_str(&install_sql(&restore));
        tx.execute_batch(&sql_text).map_err(sql)?;
        let note = serde_json::json!({
            "missing": state.missing,
            "changed": state.changed,
            "removed": state.foreign,
            "note": "triggers put back by `ri-chase audit repair-triggers`; changes made while they were gone are not in the trail",
        });
        append_note(&tx, "triggers_restored", &note).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(Some(state))
    }
}
