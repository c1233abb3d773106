//! The schema this build of ri-chase makes (its tables, their columns and
//! the trail's triggers), worked out once by migrating an empty database in
//! memory. A file is checked against it, not against itself, so a table or
//! column dropped or added behind ri-chase's back is seen too.

use super::triggers::{Trigger, triggers_for};
use crate::store::{Result, StoreError, schema};
use rusqlite::Connection;
use std::path::PathBuf;
use std::sync::OnceLock;

/// One of ri-chase's tables.
#[derive(Debug)]
pub struct ExpectedTable {
    pub name: String,
    /// Each column with its default, as a JSON value (what a column added by
    /// a migration holds in rows written before it).
    pub columns: Vec<(String, serde_json::Value)>,
}

impl ExpectedTable {
    pub fn column_names(&self) -> Vec<String> {
        self.columns.iter().map(|(c, _)| c.clone()).collect()
    }
}

#[derive(Debug)]
pub struct Expected {
    pub tables: Vec<ExpectedTable>,
    pub triggers: Vec<Trigger>,
}

/// ri-chase's schema, made on first use.
pub fn expected() -> Result<&'static Expected> {
    static EXPECTED: OnceLock<std::result::Result<Expected, String>> = OnceLock::new();
    EXPECTED
        .get_or_init(|| build().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| StoreError::Corrupt(format!("ri-chase could not work out its own schema: {e}")))
}

/// The migrations' SQL in order on an empty database, then the triggers
/// for what they made: the schema `migrate` leaves, without making the
/// triggers afresh after each step (which an empty file does not need, and
/// which would cost each command that writes the time of many).
fn build() -> Result<Expected> {
    let path = PathBuf::from(":memory:");
    let wrap = |source| StoreError::Sqlite { path: path.clone(), source };
    let conn = Connection::open_in_memory().map_err(wrap)?;
    for sql in schema::MIGRATIONS {
        conn.execute_batch(sql).map_err(wrap)?;
    }
    let conn = &conn;
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(wrap)?;
    let mut tables = Vec::new();
    for name in names {
        let declared: Vec<(String, Option<String>)> = conn
            .prepare("SELECT name, dflt_value FROM pragma_table_info(?1) ORDER BY cid")
            .and_then(|mut s| s.query_map([&name], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(wrap)?;
        let mut columns = Vec::new();
        for (column, default) in declared {
            let value = match default {
                None => serde_json::Value::Null,
                // The default is ri-chase's own SQL (a constant), worked out here.
                Some(sql) => {
                    let text: String =
                        conn.query_row(&format!("SELECT json_quote({sql})"), [], |r| r.get(0)).map_err(wrap)?;
                    serde_json::from_str(&text)
                        .map_err(|e| StoreError::Corrupt(format!("default of {name}.{column}: {e}")))?
                }
            };
            columns.push((column, value));
        }
        tables.push(ExpectedTable { name, columns });
    }
    let triggers = triggers_for(conn).map_err(wrap)?;
    Ok(Expected { tables, triggers })
}
