//! Writing episodes in bulk (import and the demo), all or nothing.
//!
//! Every write is an upsert keyed on the outside reference (`person_ref`,
//! `episode_ref`) that only touches a row when a value differs, so importing
//! the same file twice changes nothing and writes nothing to the audit trail.

use super::ids::FreshIds;
use super::{Result, Store};
use crate::domain::codes::Exploitation;
use crate::domain::record::{Episode, Person, ReturnInterview, StrategyMeeting};
use crate::domain::time::db_text;
use rusqlite::{OptionalExtension, Transaction, params};
use std::sync::LazyLock;

/// One episode to write, with its child and what followed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    pub person: Person,
    pub episode: Episode,
    pub interview: ReturnInterview,
    pub meeting: StrategyMeeting,
    /// Whether this item's person values should become the child's current
    /// record (true for the child's latest episode).
    pub update_person: bool,
}

/// Batches at least this large get a bigger page cache while they are written.
const BIG_BATCH: usize = 10_000;
const BIG_BATCH_CACHE_KIB: usize = 256 * 1024;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportCounts {
    pub people_added: usize,
    pub people_updated: usize,
    pub episodes_added: usize,
    pub episodes_updated: usize,
    pub episodes_unchanged: usize,
}

/// `INSERT ... ON CONFLICT (key) DO UPDATE` that bumps the version and
/// changes the row only where some value differs.
/// The first parameter is the row's id: a fresh one for a row known to be
/// new, NULL for one that exists (the update keeps its id).
fn upsert_sql(table: &str, key: &str, columns: &[&str]) -> String {
    let all: Vec<&str> = ["id", key].into_iter().chain(columns.iter().copied()).collect();
    let marks: Vec<String> = (1..=all.len()).map(|i| format!("?{i}")).collect();
    let sets: Vec<String> = columns.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let differs: Vec<String> = columns.iter().map(|c| format!("{c} IS NOT excluded.{c}")).collect();
    format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({key}) DO UPDATE SET {}, version = version + 1 WHERE {}",
        all.join(", "),
        marks.join(", "),
        sets.join(", "),
        differs.join(" OR ")
    )
}

const PERSON_COLUMNS: &[&str] = &[
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "responsible_la",
    "placement_la",
    "case_status",
    "cse_strategy",
    "lead_professional",
    "team",
    "cce_risk",
];
const EPISODE_COLUMNS: &[&str] = &[
    "person_id",
    "missing_at",
    "returned_at",
    "kind",
    "missing_from",
    "placement_id",
    "police_ref",
    "risk",
    "case_status",
    "cse_strategy",
    "responsible_la",
    "placement_la",
    "cohort",
    "lead_professional",
    "team",
    "cce_risk",
    "exploitation",
];
const INTERVIEW_COLUMNS: &[&str] = &["required", "worker", "completed_at", "outcome", "reasons", "offered", "accepted"];
const MEETING_COLUMNS: &[&str] = &["status", "meeting_at"];

// Built once: the statements are run for every item of an import.
static PERSON_UPSERT: LazyLock<String> = LazyLock::new(|| upsert_sql("people", "person_ref", PERSON_COLUMNS));
static EPISODE_UPSERT: LazyLock<String> = LazyLock::new(|| upsert_sql("episodes", "episode_ref", EPISODE_COLUMNS));
static INTERVIEW_UPSERT: LazyLock<String> =
    LazyLock::new(|| upsert_sql("return_interviews", "episode_id", INTERVIEW_COLUMNS));
static MEETING_UPSERT: LazyLock<String> =
    LazyLock::new(|| upsert_sql("strategy_meetings", "episode_id", MEETING_COLUMNS));

impl Store {
    /// Writes every item in one immediate transaction: all of them or none.
    pub fn import(&mut self, items: &[ImportItem]) -> Result<ImportCounts> {
        let path = self.path.clone();
        let wrap = |source| super::StoreError::Sqlite { path: path.clone(), source };
        // A large batch touches far more pages than SQLite's default 2 MB
        // cache holds; a bigger cache for its duration saves re-reading them.
        let big = items.len() >= BIG_BATCH;
        if big {
            self.conn.execute_batch(&format!("PRAGMA cache_size = -{BIG_BATCH_CACHE_KIB}")).map_err(wrap)?;
        }
        let result = self.import_in_transaction(items);
        if big {
            self.conn.execute_batch("PRAGMA cache_size = -2000").map_err(wrap)?;
        }
        result
    }

    fn import_in_transaction(&mut self, items: &[ImportItem]) -> Result<ImportCounts> {
        let path = self.path.clone();
        let wrap = |source| super::StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(wrap)?;
        super::audit::guard(&tx)?;
        let mut counts = ImportCounts::default();
        let mut ids = FreshIds::default();
        for item in items {
            write_item(&tx, item, &mut counts, &mut ids).map_err(wrap)?;
        }
        tx.commit().map_err(wrap)?;
        Ok(counts)
    }
}

fn id_of(tx: &Transaction, sql: &str, key: &dyn rusqlite::ToSql) -> rusqlite::Result<Option<i64>> {
    tx.prepare_cached(sql)?.query_row([key], |r| r.get(0)).optional()
}

/// A fresh id when the row is new, else NULL (the upsert keeps the row's own).
fn id_if_new(
    tx: &Transaction,
    ids: &mut FreshIds,
    table: &'static str,
    existing: Option<i64>,
) -> rusqlite::Result<Option<i64>> {
    match existing {
        Some(_) => Ok(None),
        None => ids.take(tx, table).map(Some),
    }
}

fn write_item(
    tx: &Transaction,
    item: &ImportItem,
    counts: &mut ImportCounts,
    ids: &mut FreshIds,
) -> rusqlite::Result<()> {
    let p = &item.person;
    let existing_person = id_of(tx, "SELECT id FROM people WHERE person_ref = ?1", &p.person_ref)?;
    if existing_person.is_none() || item.update_person {
        let changed = tx.prepare_cached(&PERSON_UPSERT)?.execute(params![
            id_if_new(tx, ids, "people", existing_person)?,
            p.person_ref,
            p.given_name,
            p.family_name,
            p.date_of_birth.format("%Y-%m-%d").to_string(),
            p.sex.map(|s| s.code()),
            p.responsible_la,
            p.placement_la,
            p.case_status.code(),
            p.cse_strategy,
            p.lead_professional,
            p.team,
            p.cce_risk,
        ])?;
        match (existing_person, changed) {
            (None, _) => counts.people_added += 1,
            (Some(_), 1) => counts.people_updated += 1,
            _ => {}
        }
    }
    // A new child was inserted just above; a known one keeps its id.
    let person_id = existing_person.unwrap_or_else(|| tx.last_insert_rowid());

    let e = &item.episode;
    let placement_id = match &e.missing_from_name {
        Some(name) => {
            let known = tx
                .prepare_cached("SELECT id FROM placements WHERE name = ?1 AND type = ?2")?
                .query_row(params![name, e.missing_from.code()], |r| r.get::<_, i64>(0))
                .optional()?;
            match known {
                Some(id) => Some(id),
                None => {
                    let id = ids.take(tx, "placements")?;
                    tx.prepare_cached("INSERT INTO placements (id, name, type) VALUES (?1, ?2, ?3)")?
                        .execute(params![id, name, e.missing_from.code()])?;
                    Some(id)
                }
            }
        }
        None => None,
    };
    let existing_episode = id_of(tx, "SELECT id FROM episodes WHERE episode_ref = ?1", &e.episode_ref)?;
    let c = &e.at_the_time;
    let mut changed = tx.prepare_cached(&EPISODE_UPSERT)?.execute(params![
        id_if_new(tx, ids, "episodes", existing_episode)?,
        e.episode_ref,
        person_id,
        db_text(e.missing_at),
        e.returned_at.map(db_text),
        e.kind.code(),
        e.missing_from.code(),
        placement_id,
        e.police_ref,
        e.risk.map(|r| r.code()),
        c.case_status.code(),
        c.cse_strategy,
        c.responsible_la,
        c.placement_la,
        c.cohort.code(),
        c.lead_professional,
        c.team,
        c.cce_risk,
        Exploitation::join(&e.exploitation),
    ])?;
    let episode_id = match existing_episode {
        Some(id) => id,
        None => tx.last_insert_rowid(),
    };
    if let (Some(_), Some(r)) = (existing_episode, e.risk) {
        changed += tx.prepare_cached(super::edit::CORRECT_LATEST_GRADE)?.execute(params![episode_id, r.code()])?;
    }

    let ri = &item.interview;
    let reasons: Vec<&str> = ri.reasons.iter().map(|r| r.code()).collect();
    let existing_interview = id_of(tx, "SELECT id FROM return_interviews WHERE episode_id = ?1", &episode_id)?;
    changed += tx.prepare_cached(&INTERVIEW_UPSERT)?.execute(params![
        id_if_new(tx, ids, "return_interviews", existing_interview)?,
        episode_id,
        ri.required,
        ri.worker,
        ri.completed_at.map(db_text),
        ri.outcome.map(|o| o.code()),
        reasons.join(";"),
        ri.offered,
        ri.accepted,
    ])?;
    let interview_id = id_of(tx, "SELECT id FROM return_interviews WHERE episode_id = ?1", &episode_id)?
        .ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let attempts_changed = sync_attempt_count(tx, interview_id, ri.attempts, ids)?;
    if attempts_changed > 0 && existing_episode.is_some() {
        // Attempts are part of the interview as a form edits it: a form
        // opened before this import must see its interview as changed.
        tx.prepare_cached("UPDATE return_interviews SET version = version + 1 WHERE id = ?1")?
            .execute([interview_id])?;
    }
    changed += attempts_changed;

    let m = &item.meeting;
    changed += match m.record {
        Some(status) => tx.prepare_cached(&MEETING_UPSERT)?.execute(params![
            id_if_new(
                tx,
                ids,
                "strategy_meetings",
                id_of(tx, "SELECT id FROM strategy_meetings WHERE episode_id = ?1", &episode_id)?
            )?,
            episode_id,
            status.code(),
            m.meeting_at.map(db_text)
        ])?,
        None => tx.prepare_cached("DELETE FROM strategy_meetings WHERE episode_id = ?1")?.execute([episode_id])?,
    };

    match (existing_episode, changed) {
        (None, _) => counts.episodes_added += 1,
        (Some(_), 0) => counts.episodes_unchanged += 1,
        (Some(_), _) => counts.episodes_updated += 1,
    }
    Ok(())
}

/// Files carry only a count of attempts. Undated attempts stand in for those
/// a file counts; attempts recorded in full (with a time) are never removed.
fn sync_attempt_count(tx: &Transaction, interview_id: i64, wanted: u32, ids: &mut FreshIds) -> rusqlite::Result<usize> {
    let have: u32 = tx
        .prepare_cached("SELECT count(*) FROM ri_attempts WHERE interview_id = ?1")?
        .query_row([interview_id], |r| r.get(0))?;
    let mut changed = 0;
    if have < wanted {
        for _ in have..wanted {
            let id = ids.take(tx, "ri_attempts")?;
            changed += tx
                .prepare_cached("INSERT INTO ri_attempts (id, interview_id) VALUES (?1, ?2)")?
                .execute([id, interview_id])?;
        }
    } else if have > wanted {
        changed += tx
            .prepare_cached(
                "DELETE FROM ri_attempts WHERE id IN (SELECT id FROM ri_attempts
                   WHERE interview_id = ?1 AND attempted_at IS NULL ORDER BY id DESC LIMIT ?2)",
            )?
            .execute(params![interview_id, have - wanted])?;
    }
    Ok(changed)
}
