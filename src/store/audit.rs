//! The audit trail: who changed what, when, with the row before and after.
//!
//! It is written by triggers, so no write path can forget it, and the trail
//! itself refuses updates and deletes.

use super::{Result, Store};
use rusqlite::Connection;

/// One change to one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: String,
    pub who: String,
    pub table_name: String,
    pub row_id: Option<i64>,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// The triggers for every table but the trail itself, rebuilt after each
/// migration so that new columns are recorded too.
pub(super) fn triggers_sql(conn: &Connection) -> rusqlite::Result<String> {
    let mut sql = String::from(
        "DROP TRIGGER IF EXISTS audit_no_update;
         DROP TRIGGER IF EXISTS audit_no_delete;
         CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
             BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;
         CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
             BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END;\n",
    );
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'audit' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        // table_info leaves out generated columns, which are derived, not data.
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let json = |row: &str| {
            let pairs: Vec<String> = columns.iter().map(|c| format!("'{c}', {row}.{c}")).collect();
            format!("json_object({})", pairs.join(", "))
        };
        let key = if table == "settings" { "NULL" } else { "id" };
        let row_id = |row: &str| {
            if key == "NULL" { "NULL".to_string() } else { format!("{row}.id") }
        };
        for (action, when, before, after, id) in [
            ("insert", "AFTER INSERT", "NULL".to_string(), json("NEW"), row_id("NEW")),
            ("update", "AFTER UPDATE", json("OLD"), json("NEW"), row_id("NEW")),
            ("delete", "AFTER DELETE", json("OLD"), "NULL".to_string(), row_id("OLD")),
        ] {
            sql.push_str(&format!(
                "DROP TRIGGER IF EXISTS audit_{table}_{action};
                 CREATE TRIGGER audit_{table}_{action} {when} ON {table} BEGIN
                     INSERT INTO audit (at, who, table_name, row_id, action, before, after)
                     VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), app_user(), '{table}', {id}, '{action}', {before}, {after});
                 END;\n"
            ));
        }
    }
    Ok(sql)
}

impl Store {
    /// The most recent `limit` entries of the trail, newest first.
    pub fn audit_entries(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT at, who, table_name, row_id, action, before, after FROM audit ORDER BY id DESC LIMIT ?1")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(AuditEntry {
                    at: r.get(0)?,
                    who: r.get(1)?,
                    table_name: r.get(2)?,
                    row_id: r.get(3)?,
                    action: r.get(4)?,
                    before: r.get(5)?,
                    after: r.get(6)?,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    /// How many entries the trail holds.
    pub fn audit_count(&self) -> Result<i64> {
        self.conn.query_row("SELECT count(*) FROM audit", [], |r| r.get(0)).map_err(|e| self.err(e))
    }
}
