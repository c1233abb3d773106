//! Ids for new rows that no row of their table has ever had.
//!
//! SQLite hands out `max(id) + 1`, so deleting the newest row frees its id
//! for the next insert. Then a form still open on the deleted row, or an
//! undo bringing it back, would land on a different row. The audit trail
//! remembers every id a table has used; new rows start above all of them.

use rusqlite::{Connection, OptionalExtension};

/// The first id above any `table` has held, deleted rows included.
pub(super) fn first_fresh_id(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    let in_table: Option<i64> =
        conn.prepare_cached(&format!("SELECT max(id) FROM {table}"))?.query_row([], |r| r.get(0)).optional()?.flatten();
    let in_trail: Option<i64> = conn
        .prepare_cached("SELECT max(row_id) FROM audit WHERE table_name = ?1")?
        .query_row([table], |r| r.get(0))
        .optional()?
        .flatten();
    Ok(in_table.unwrap_or(0).max(in_trail.unwrap_or(0)) + 1)
}

/// Fresh ids for a batch of inserts in one transaction (nothing else can
/// insert meanwhile): each table's first is looked up once, then counted on.
#[derive(Default)]
pub(super) struct FreshIds {
    next: std::collections::HashMap<&'static str, i64>,
}

impl FreshIds {
    /// The next id for a new row of `table`.
    pub(super) fn take(&mut self, conn: &Connection, table: &'static str) -> rusqlite::Result<i64> {
        let next = match self.next.get(table) {
            Some(n) => *n,
            None => first_fresh_id(conn, table)?,
        };
        self.next.insert(table, next + 1);
        Ok(next)
    }
}
