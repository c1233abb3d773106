//! `ri-chase audit verify`: the trail's chain from its first row, the
//! triggers and tables against ri-chase's own, and every row of every
//! audited table against its last entry in the trail.
//!
//! What it can see: a trigger dropped, changed or added; a table or column
//! dropped or added; an audit row edited, deleted or slipped in with a hash
//! that does not follow; the trail dropped; a row added, changed or deleted
//! while the triggers were off (its state no longer what the trail says),
//! whether or not the triggers were put back after. What it cannot: see the
//! README (a whole chain rewritten with the published algorithm, a change
//! undone before the check).

use super::chain::{HASHED, row_hash};
use super::expected::{Expected, ExpectedTable, expected};
use super::triggers::{columns, trigger_state};
use crate::store::{Result, Store};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One thing found wrong: where (an audit row, a table's row, a trigger)
/// and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub place: String,
    pub problem: String,
}

/// The rows the chain was added over (migration 7), as its note says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedAt {
    pub note_id: i64,
    pub at: String,
    pub first_id: i64,
    pub last_id: i64,
}

/// What `verify` found.
#[derive(Debug, Default)]
pub struct Verification {
    /// In the order checked: the trail and tables, the triggers, the chain
    /// (by row), then each table's rows; at most a few of each kind.
    pub findings: Vec<Finding>,
    /// Findings left out of `findings`, beyond the few of each kind.
    pub more: usize,
    pub rows: i64,
    /// The last row's id and hash (keep them elsewhere to check the trail against later).
    pub head: Option<(i64, String)>,
    pub chained_at: Option<ChainedAt>,
    pub triggers: usize,
    /// Each audited table and the rows it holds, every one as its last entry says.
    pub tables: Vec<(String, i64)>,
}

impl Verification {
    pub fn intact(&self) -> bool {
        self.findings.is_empty() && self.more == 0
    }
}

/// How many findings of one kind are kept.
const EACH_KIND: usize = 10;

struct Findings<'a> {
    v: &'a mut Verification,
    of_kind: usize,
}

impl Findings<'_> {
    fn add(&mut self, place: impl Into<String>, problem: impl Into<String>) {
        if self.of_kind < EACH_KIND {
            self.v.findings.push(Finding { place: place.into(), problem: problem.into() });
        } else {
            self.v.more += 1;
        }
        self.of_kind += 1;
    }

    fn next_kind(&mut self) {
        self.of_kind = 0;
    }
}

impl Store {
    /// Checks the trail (see the module's note). `head`: a row id and hash
    /// recorded from an earlier check, which the trail must still hold.
    pub fn verify_audit(&self, head: Option<(i64, &str)>) -> Result<Verification> {
        let mut v = Verification::default();
        self.verify_into(&mut Findings { v: &mut v, of_kind: 0 }, head)?;
        Ok(v)
    }

    fn verify_into(&self, f: &mut Findings, head: Option<(i64, &str)>) -> Result<()> {
        let conn = &self.conn;
        let sql = |e| self.err(e);
        let expected = expected()?;
        let trail = check_tables(conn, expected, f).map_err(sql)?;
        f.next_kind();
        let state = trigger_state(conn)?;
        for name in &state.missing {
            f.add(format!("trigger {name}"), "missing: the changes it records are not being recorded");
        }
        for name in &state.changed {
            f.add(format!("trigger {name}"), "not as ri-chase makes it: its SQL was changed");
        }
        for name in &state.foreign {
            f.add(format!("trigger {name}"), "not one of ri-chase's: added behind its back");
        }
        f.v.triggers = expected.triggers.len() - state.missing.len();
        f.next_kind();
        if !trail {
            return Ok(());
        }
        check_chain(conn, f).map_err(sql)?;
        f.next_kind();
        if let Some((id, hash)) = head {
            check_head(conn, id, hash, f).map_err(sql)?;
        }
        for table in expected.tables.iter().filter(|t| t.name != "audit") {
            f.next_kind();
            if columns(conn, &table.name).map_err(sql)? != table.column_names() {
                continue; // said already
            }
            let rows =
                if table.name == "settings" { check_settings(conn, table, f) } else { check_rows(conn, table, f) }
                    .map_err(sql)?;
            f.v.tables.push((table.name.clone(), rows));
        }
        Ok(())
    }
}

/// The row recorded as the trail's head earlier is still there, unchanged.
fn check_head(conn: &Connection, id: i64, hash: &str, f: &mut Findings) -> rusqlite::Result<()> {
    let now: Option<Option<String>> =
        conn.query_row("SELECT hash FROM audit WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    match now {
        None => f.add(format!("audit row {id}"), "is gone, though you recorded it as a head of the trail"),
        Some(now) if now.as_deref() != Some(hash) => f.add(
            format!("audit row {id}"),
            format!(
                "has hash {}, not the {hash} you recorded: the trail up to it was rewritten",
                now.as_deref().unwrap_or("(none)")
            ),
        ),
        Some(_) => {}
    }
    Ok(())
}

/// The trail and ri-chase's tables, with their columns, and no others;
/// whether the trail is there to check.
fn check_tables(conn: &Connection, expected: &Expected, f: &mut Findings) -> rusqlite::Result<bool> {
    let mut trail = true;
    for table in &expected.tables {
        let found = columns(conn, &table.name)?;
        let (place, problem) = match (table.name.as_str(), found.is_empty()) {
            ("audit", true) => ("the audit table", "missing: it was dropped, and with it the record of every change"),
            (_, true) => ("table", "missing: dropped behind ri-chase's back"),
            (_, false) if found != table.column_names() => {
                ("table", "its columns are not ri-chase's: changed behind its back")
            }
            _ => continue,
        };
        if table.name == "audit" {
            trail = false;
            f.add(place, problem);
        } else {
            f.add(format!("{place} {}", table.name), problem);
        }
    }
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in names.iter().filter(|n| !expected.tables.iter().any(|t| &t.name == *n)) {
        f.add(format!("table {name}"), "not one of ri-chase's: added behind its back, and not audited");
    }
    Ok(trail)
}

/// Every row of the trail, from the first, follows from the one before.
fn check_chain(conn: &Connection, f: &mut Findings) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(&format!("SELECT {}, hash FROM audit ORDER BY id", HASHED.join(", ")))?;
    let mut rows = stmt.query([])?;
    let (mut prev, mut next_id) = (None::<String>, 1i64);
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let mut fields = [ValueRef::Null; HASHED.len()];
        for (i, field) in fields.iter_mut().enumerate() {
            *field = row.get_ref(i)?;
        }
        let computed = row_hash(prev.as_deref().map_or(ValueRef::Null, |p| ValueRef::Text(p.as_bytes())), &fields);
        let stored: Option<String> = match row.get_ref(HASHED.len())? {
            ValueRef::Null => None,
            other => Some(String::from_utf8_lossy(other.as_bytes().unwrap_or_default()).into_owned()),
        };
        let text = |i: usize| fields[i].as_str().unwrap_or("?");
        // Only made when there is something to say.
        let place = || match fields[4] {
            ValueRef::Integer(r) => format!("audit row {id} ({} row {r}, {})", text(3), text(5)),
            _ => format!("audit row {id} ({}, {})", text(3), text(5)),
        };
        let gap = id != next_id;
        if gap {
            let what = match (id > next_id, stored.as_deref() == Some(computed.as_str())) {
                (false, _) => {
                    "its id is out of sequence (the trail starts at 1): added behind ri-chase's back".to_string()
                }
                (true, false) => {
                    format!("the rows before it, {next_id} to {}, are missing: deleted from the trail", id - 1)
                }
                (true, true) => format!(
                    "the rows before it, {next_id} to {}, are missing, and the chain was rewritten over the gap",
                    id - 1
                ),
            };
            f.add(place(), what);
        }
        match &stored {
            None => f.add(place(), "has no hash: added (or changed) behind ri-chase's back"),
            Some(s) if *s != computed && !gap => f.add(
                place(),
                "does not match its hash: this row was changed or added behind ri-chase's back (or the row before it was)",
            ),
            Some(_) => {}
        }
        if text(3) == "audit" && text(5) == "chained" {
            f.v.chained_at = chained_note(id, text(1), fields[7].as_str().ok());
        }
        f.v.rows += 1;
        f.v.head = Some((id, stored.clone().unwrap_or_default()));
        prev = stored;
        next_id = id.saturating_add(1);
    }
    Ok(())
}

fn chained_note(note_id: i64, at: &str, after: Option<&str>) -> Option<ChainedAt> {
    let note: Map<String, Value> = serde_json::from_str(after?).ok()?;
    Some(ChainedAt {
        note_id,
        at: at.to_string(),
        first_id: note.get("first_id")?.as_i64()?,
        last_id: note.get("last_id")?.as_i64()?,
    })
}

/// The JSON image of a row, as the triggers make it.
fn image_sql(table: &ExpectedTable, alias: &str) -> String {
    let pairs: Vec<String> = table.columns.iter().map(|(c, _)| format!("'{c}', {alias}.{c}")).collect();
    format!("json_object({})", pairs.join(", "))
}

/// Each row of `table` is as its last entry in the trail left it, and each
/// row the trail says is there, is. Returns the rows the table holds.
fn check_rows(conn: &Connection, table: &ExpectedTable, f: &mut Findings) -> rusqlite::Result<i64> {
    let name = &table.name;
    let sql = format!(
        "SELECT t.id, {image}, a.id, a.action, a.after FROM {name} t
         LEFT JOIN audit a ON a.id = (SELECT max(b.id) FROM audit b WHERE b.table_name = '{name}' AND b.row_id = t.id)
         ORDER BY t.id",
        image = image_sql(table, "t")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        count += 1;
        let id: i64 = row.get(0)?;
        let now: String = row.get(1)?;
        let place = || format!("{name} row {id}{}", reference(&now));
        let (entry, action, after): (Option<i64>, Option<String>, Option<String>) =
            (row.get(2)?, row.get(3)?, row.get(4)?);
        match (entry, action.as_deref()) {
            (None, _) => f.add(place(), "is not in the audit trail: added behind ri-chase's back"),
            (Some(e), Some("delete")) => f.add(
                place(),
                format!(
                    "is in the file, though its last audit entry (row {e}) deletes it: put back behind ri-chase's back"
                ),
            ),
            (Some(e), _) if after.as_deref() != Some(now.as_str()) => {
                let diff = differences(&now, after.as_deref(), table);
                if !diff.is_empty() {
                    f.add(
                        place(),
                        format!(
                            "differs from its last audit entry (row {e}): {}: changed behind ri-chase's back",
                            diff
                        ),
                    );
                }
            }
            _ => {}
        }
    }
    let gone = format!(
        "SELECT l.row_id, l.last, a.action FROM
             (SELECT row_id, max(id) AS last FROM audit WHERE table_name = '{name}' GROUP BY row_id) l
         JOIN audit a ON a.id = l.last
         WHERE a.action <> 'delete' AND NOT EXISTS (SELECT 1 FROM {name} t WHERE t.id = l.row_id)
         ORDER BY l.row_id"
    );
    let mut stmt = conn.prepare(&gone)?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, last, action): (Option<i64>, i64, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        let id = id.map_or("(none)".to_string(), |i| i.to_string());
        f.add(
            format!("{name} row {id}"),
            format!(
                "is missing from the file, though its last audit entry (row {last}, an {action}) keeps it: deleted behind ri-chase's back"
            ),
        );
    }
    Ok(count)
}

/// The settings, which have no id: by key.
fn check_settings(conn: &Connection, table: &ExpectedTable, f: &mut Findings) -> rusqlite::Result<i64> {
    let mut last: BTreeMap<String, (i64, String, Option<String>)> = BTreeMap::new();
    let mut stmt =
        conn.prepare("SELECT id, action, before, after FROM audit WHERE table_name = 'settings' ORDER BY id")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let (id, action, before, after): (i64, String, Option<String>, Option<String>) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        let key = [&after, &before].into_iter().flatten().find_map(|image| {
            serde_json::from_str::<Map<String, Value>>(image).ok()?.get("key")?.as_str().map(str::to_string)
        });
        match key {
            Some(key) => {
                last.insert(key, (id, action, after));
            }
            None => f.add(format!("audit row {id} (settings)"), "names no setting: not written by ri-chase"),
        }
    }
    let sql = format!("SELECT key, {} FROM settings t ORDER BY key", image_sql(table, "t"));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        count += 1;
        let (key, now): (String, String) = (row.get(0)?, row.get(1)?);
        let place = format!("setting {key}");
        match last.remove(&key) {
            None => f.add(place, "is not in the audit trail: added behind ri-chase's back"),
            Some((e, action, _)) if action == "delete" => f.add(
                place,
                format!(
                    "is in the file, though its last audit entry (row {e}) deletes it: put back behind ri-chase's back"
                ),
            ),
            Some((e, _, after)) if after.as_deref() != Some(now.as_str()) => {
                let diff = differences(&now, after.as_deref(), table);
                if !diff.is_empty() {
                    f.add(
                        place,
                        format!("differs from its last audit entry (row {e}): {diff}: changed behind ri-chase's back"),
                    );
                }
            }
            Some(_) => {}
        }
    }
    for (key, (e, action, _)) in last.into_iter().filter(|(_, (_, a, _))| a != "delete") {
        f.add(
            format!("setting {key}"),
            format!("is missing from the file, though its last audit entry (row {e}, an {action}) keeps it: deleted behind ri-chase's back"),
        );
    }
    Ok(count)
}

/// The columns whose value in the file is not the trail's, said briefly
/// (empty if none differ). A column missing from the trail's image was
/// added to the table after that entry: it must still hold its default.
fn differences(now: &str, then: Option<&str>, table: &ExpectedTable) -> String {
    let parse = |text: &str| serde_json::from_str::<Map<String, Value>>(text).ok();
    let (Some(now), Some(then)) = (parse(now), then.and_then(parse)) else {
        return "its audit entry holds no readable row".to_string();
    };
    let mut diff = Vec::new();
    for (column, default) in &table.columns {
        let (is, was) = (now.get(column).unwrap_or(&Value::Null), then.get(column).unwrap_or(default));
        if is != was {
            diff.push(format!("{column} is {} in the file, {} in the trail", brief(is), brief(was)));
        }
    }
    const SHOWN: usize = 3;
    let more = diff.len().saturating_sub(SHOWN);
    diff.truncate(SHOWN);
    let mut text = diff.join("; ");
    if more > 0 {
        text.push_str(&format!(" (and {more} more columns)"));
    }
    text
}

/// A value as JSON, cut short.
fn brief(v: &Value) -> String {
    const LONGEST: usize = 40;
    let text = v.to_string();
    match text.char_indices().nth(LONGEST) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// A child's or an episode's reference, to name the row by.
fn reference(image: &str) -> String {
    let Ok(row) = serde_json::from_str::<Map<String, Value>>(image) else { return String::new() };
    ["episode_ref", "person_ref"]
        .iter()
        .find_map(|k| row.get(*k)?.as_str().map(|r| format!(" ({r})")))
        .unwrap_or_default()
}
