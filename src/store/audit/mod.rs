//! The audit trail: who changed what, when, with the row before and after.
//!
//! It is written by triggers, so no write path can forget it, and the trail
//! itself refuses updates and deletes. Each row is chained to the one before
//! by a hash (`chain`); `verify` checks the chain, the triggers and that the
//! tables hold what the trail says; writes are refused while the triggers
//! are not in place (`triggers`).

mod chain;
mod expected;
mod triggers;
mod verify;

pub use chain::GENESIS;
pub(super) use chain::{append_note, chain_existing, register as register_hash};
pub use triggers::TriggerState;
pub(super) use triggers::{guard, install_sql, missing_before_migration, triggers_for};
pub use verify::{Finding, Verification};

use super::{Result, Store};

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

#[cfg(test)]
mod tests;
