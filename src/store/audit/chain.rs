//! The hash chain over the audit trail: each row holds the SHA-256 of its
//! own content and the hash of the row before it, so a row edited, removed
//! or slipped in behind ri-chase's back no longer follows from its neighbour.
//!
//! The algorithm is published (README, "The audit trail's hash chain") so
//! that anyone can check a trail without ri-chase, which also means anyone
//! who can write the file can recompute a whole chain consistently: the chain
//! shows what changed by ways other than that.
//!
//! `hash = SHA-256(prev, id, at, who, table_name, row_id, action, before, after)`
//! as lowercase hex, where `prev` is the previous row's `hash` ([`GENESIS`]
//! for the first row, or when the row before has none) and each value is fed
//! as one byte 0x00 for NULL, else one byte 0x01, its length in bytes as a
//! big-endian u64, then its bytes (text as UTF-8, integers in decimal).

use rusqlite::functions::FunctionFlags;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

/// The "previous hash" of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The columns a row's hash covers, in the order they are fed (after `prev`).
pub(super) const HASHED: &[&str] = &["id", "at", "who", "table_name", "row_id", "action", "before", "after"];

/// The hash of one row: `prev` is the hash of the row before (NULL for none).
pub(super) fn row_hash(prev: ValueRef<'_>, fields: &[ValueRef<'_>]) -> String {
    let mut h = Sha256::new();
    match prev {
        ValueRef::Null => feed(&mut h, ValueRef::Text(GENESIS.as_bytes())),
        prev => feed(&mut h, prev),
    }
    for field in fields {
        feed(&mut h, *field);
    }
    hex(&h.finalize())
}

/// Lowercase hex, without a formatter (this runs for every row written).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(DIGITS[usize::from(b >> 4)] as char);
        text.push(DIGITS[usize::from(b & 15)] as char);
    }
    text
}

fn feed(h: &mut Sha256, value: ValueRef<'_>) {
    let number;
    let bytes: &[u8] = match value {
        ValueRef::Null => {
            h.update([0u8]);
            return;
        }
        ValueRef::Integer(i) => {
            number = i.to_string();
            number.as_bytes()
        }
        // Never written by ri-chase; fed as its shortest exact decimal.
        ValueRef::Real(r) => {
            number = r.to_string();
            number.as_bytes()
        }
        ValueRef::Text(t) | ValueRef::Blob(t) => t,
    };
    h.update([1u8]);
    h.update((bytes.len() as u64).to_be_bytes());
    h.update(bytes);
}

/// `audit_hash(prev, id, at, who, table_name, row_id, action, before, after)`
/// in SQL, which the triggers call. Tools other than ri-chase lack it, like
/// `app_user()`, so they cannot write through the triggers.
pub(in crate::store) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "audit_hash",
        1 + HASHED.len() as i32,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS,
        |ctx| {
            let mut fields = [ValueRef::Null; HASHED.len()];
            for (i, field) in fields.iter_mut().enumerate() {
                *field = ctx.get_raw(i + 1);
            }
            Ok(row_hash(ctx.get_raw(0), &fields))
        },
    )
}

/// The statement that appends one row to the trail, chained to the last:
/// the triggers' body (with SQL expressions for the values) and ri-chase's
/// own entries (with parameters). The values are worked out once, in the
/// inner query (OFFSET keeps SQLite from folding it into the outer one and
/// building each JSON image twice), then hashed with the new row's id and
/// the previous row's hash. Writers take turns (one write transaction at a
/// time), so the last row cannot change under it.
pub(super) fn append_sql(table: &str, row_id: &str, action: &str, before: &str, after: &str) -> String {
    format!(
        "INSERT INTO audit (id, at, who, table_name, row_id, action, before, after, hash)
         SELECT id, at, who, table_name, row_id, action, before, after,
                audit_hash(prev, id, at, who, table_name, row_id, action, before, after)
         FROM (SELECT coalesce((SELECT max(id) FROM audit), 0) + 1 AS id,
                      (SELECT hash FROM audit ORDER BY id DESC LIMIT 1) AS prev,
                      strftime('%Y-%m-%dT%H:%M:%fZ', 'now') AS at, app_user() AS who,
                      {table} AS table_name, {row_id} AS row_id, {action} AS action,
                      {before} AS before, {after} AS after
               LIMIT 1 OFFSET 0)"
    )
}

/// Adds an entry of ri-chase's own (not a row's change) to the trail: the
/// chain added to a file, the triggers restored. `what` says it, as JSON.
pub(in crate::store) fn append_note(conn: &Connection, action: &str, what: &serde_json::Value) -> rusqlite::Result<()> {
    let sql = append_sql("'audit'", "NULL", "?1", "NULL", "?2");
    conn.prepare_cached(&sql)?.execute(params![action, what.to_string()]).map(drop)
}

/// How many rows the migration chains between writes (so it never reads
/// the table while changing it, and never holds it all in memory).
const BATCH: i64 = 10_000;

/// Migration 7's own step: hashes the rows already in the trail, in id
/// order, and then says so in the trail itself (`chained`), honestly: the
/// chain vouches for those rows only from the moment they were chained.
pub(in crate::store) fn chain_existing(conn: &Connection) -> rusqlite::Result<()> {
    let columns = HASHED.join(", ");
    let mut select = conn.prepare(&format!("SELECT {columns} FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2"))?;
    let mut update = conn.prepare("UPDATE audit SET hash = ?1 WHERE id = ?2")?;
    let (mut after_id, mut prev, mut rows, mut first) = (i64::MIN, None::<String>, 0i64, None::<i64>);
    loop {
        let mut batch: Vec<(i64, String)> = Vec::new();
        let mut found = select.query(params![after_id, BATCH])?;
        while let Some(row) = found.next()? {
            let id: i64 = row.get(0)?;
            let fields: Vec<ValueRef<'_>> = (0..HASHED.len()).map(|i| row.get_ref(i)).collect::<Result<_, _>>()?;
            let prev_ref = prev.as_deref().map_or(ValueRef::Null, |p| ValueRef::Text(p.as_bytes()));
            let hash = row_hash(prev_ref, &fields);
            prev = Some(hash.clone());
            batch.push((id, hash));
        }
        drop(found);
        let Some(&(last, _)) = batch.last() else { break };
        first.get_or_insert(batch[0].0);
        rows += batch.len() as i64;
        for (id, hash) in &batch {
            update.execute(params![hash, id])?;
        }
        after_id = last;
    }
    if let Some(first) = first {
        let note = serde_json::json!({
            "rows": rows,
            "first_id": first,
            "last_id": after_id,
            "note": "rows already in the trail when the hash chain was added, chained then in id order: \
                     the chain shows they have not changed since this entry, not before it",
        });
        append_note(conn, "chained", &note)?;
    }
    Ok(())
}
