//! `ri-chase restore BACKUP --to NEW`: a backup brought back as a new file,
//! checked before it is given its name. Nothing is ever restored over a
//! file: a damaged backup must not take the place of a working database,
//! and the user decides what to do with the old one.

use super::copy::{finish, new_file_beside};
use super::read_only::{companion, uri_path};
use super::{Result, Store, StoreError, schema};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

/// What a restored file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub schema: i64,
    pub people: i64,
    pub episodes: i64,
}

/// The tables every ri-chase database has had since schema 1.
const TABLES: &[&str] = &["settings", "people", "episodes", "return_interviews", "audit"];

/// Copies `backup` to the new file `to` (which must not exist, in a folder
/// that does), checks the copy (SQLite's `integrity_check` and
/// `foreign_key_check`, a ri-chase schema this build can open), and only
/// then names it `to`, readable by its owner only. On any refusal nothing
/// is left behind. A backup of an older schema is restored as it is; ri-chase
/// brings it up to date, keeping a copy, the first time it opens it.
pub fn restore(backup: &Path, to: &Path) -> Result<Restored> {
    let refuse = |reason: String| StoreError::Restore { backup: backup.to_path_buf(), to: to.to_path_buf(), reason };
    match std::fs::metadata(backup) {
        Err(_) => return Err(refuse("there is no backup file there".into())),
        Ok(m) if !m.is_file() => return Err(refuse("the backup is a folder, not a file".into())),
        Ok(_) => {}
    }
    if std::fs::metadata(companion(backup, "-wal")).is_ok_and(|m| m.len() > 0) {
        return Err(refuse(format!(
            "{} beside it holds changes the file alone does not: it is a database in use, not a backup; \
             copy it with `ri-chase --db {} backup NEW`",
            companion(backup, "-wal").display(),
            backup.display()
        )));
    }
    let mut partial = new_file_beside(to).map_err(&refuse)?;
    let copied = std::fs::File::open(backup)
        .and_then(|mut from| std::io::copy(&mut from, partial.as_file_mut()))
        .map(drop)
        .map_err(|e| format!("cannot copy it: {e}"));
    let checked = copied.and_then(|()| check(partial.path()));
    let written = checked.as_ref().map(drop).map_err(String::clone);
    finish(partial, to, written).map_err(&refuse)?;
    checked.map_err(refuse)
}

/// The checks a copy passes before it is a database again, on the copy
/// itself (read as it stands: nothing is written into it, no log made).
fn check(copy: &Path) -> std::result::Result<Restored, String> {
    let damaged = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => "it is not an SQLite database (or it is damaged beyond reading)".to_string(),
        _ => format!("it is damaged: {e}"),
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(copy)), flags).map_err(damaged)?;
    conn.execute_batch("PRAGMA trusted_schema = OFF;").map_err(damaged)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(damaged)?;
    if version > schema::CURRENT {
        return Err(format!(
            "it was made by a newer ri-chase (schema {version}, this one knows {}); restore it with that one",
            schema::CURRENT
        ));
    }
    for table in TABLES {
        let there: bool = conn
            .query_row("SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| {
                r.get(0)
            })
            .map_err(damaged)?;
        if version == 0 || !there {
            return Err("it is an SQLite database, but not one of ri-chase's".into());
        }
    }
    let problems = list(&conn, "PRAGMA integrity_check(20)").map_err(damaged)?;
    if problems != ["ok"] {
        return Err(format!("it is damaged: SQLite's integrity_check found {}", shown(&problems)));
    }
    let broken = list(
        &conn,
        "SELECT \"table\" || ' row ' || coalesce(rowid, '?') || ' refers to a missing ' || parent \
         FROM pragma_foreign_key_check LIMIT 20",
    )
    .map_err(damaged)?;
    if !broken.is_empty() {
        return Err(format!("it is damaged: {}", shown(&broken)));
    }
    // The trail's chain, triggers and row counts, as `audit verify` checks
    // them. A backup from before the chain (schema 6 or older) has none to
    // check: it is chained when it is first opened, which says so.
    let store = Store { conn, path: copy.to_path_buf() };
    if version == schema::CURRENT {
        let v = store.verify_audit(None).map_err(|e| format!("its audit trail could not be checked: {e}"))?;
        if let Some(first) = v.findings.first() {
            return Err(format!(
                "its audit trail does not verify ({} finding(s); the first: {}: {}); \
                 `ri-chase --db BACKUP audit verify` lists them",
                v.findings.len() + v.more,
                first.place,
                first.problem
            ));
        }
    }
    let conn = &store.conn;
    let count = |table: &str| conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0));
    Ok(Restored {
        schema: version,
        people: count("people").map_err(damaged)?,
        episodes: count("episodes").map_err(damaged)?,
    })
}

/// Every row's first column, as text.
fn list(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare(sql)?.query_map([], |r| r.get::<_, String>(0))?.collect()
}

/// The first few of SQLite's findings, on one line.
fn shown(found: &[String]) -> String {
    let first: Vec<&str> = found.iter().take(3).map(String::as_str).collect();
    let more = if found.len() > 3 { format!(" (and {} more)", found.len() - 3) } else { String::new() };
    format!("{}{more}", first.join("; "))
}
