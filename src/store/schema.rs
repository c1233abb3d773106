//! The schema, as numbered migrations applied in order inside one transaction
//! each; `PRAGMA user_version` records how far a file has come.

use super::{Result, Store, StoreError, audit, copy};
use std::path::Path;

/// Each entry moves the schema from version `i` to `i + 1`. Never edit one
/// that has shipped: add another.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: the first schema.
    r#"
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE people (
        id                INTEGER PRIMARY KEY,
        person_ref        TEXT NOT NULL UNIQUE,
        given_name        TEXT NOT NULL,
        family_name       TEXT NOT NULL,
        date_of_birth     TEXT NOT NULL,
        sex               TEXT,
        responsible_la    TEXT NOT NULL,
        placement_la      TEXT NOT NULL,
        case_status       TEXT NOT NULL,
        cse_strategy      INTEGER NOT NULL DEFAULT 0,
        lead_professional TEXT,
        team              TEXT,
        version           INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE placements (
        id      INTEGER PRIMARY KEY,
        name    TEXT NOT NULL,
        type    TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        UNIQUE (name, type)
    );
    -- Times are UTC text, YYYY-MM-DDTHH:MM:SSZ, so they sort and compare as text.
    CREATE TABLE episodes (
        id                INTEGER PRIMARY KEY,
        episode_ref       TEXT NOT NULL UNIQUE,
        person_id         INTEGER NOT NULL REFERENCES people(id),
        missing_at        TEXT NOT NULL,
        returned_at       TEXT CHECK (returned_at IS NULL OR returned_at >= missing_at),
        kind              TEXT NOT NULL,
        missing_from      TEXT NOT NULL,
        placement_id      INTEGER REFERENCES placements(id),
        police_ref        TEXT,
        risk              TEXT,
        where_found       TEXT,
        found_with        TEXT,
        -- the child's circumstances when the episode began
        case_status       TEXT NOT NULL,
        cse_strategy      INTEGER NOT NULL,
        responsible_la    TEXT NOT NULL,
        placement_la      TEXT NOT NULL,
        cohort            TEXT NOT NULL,
        lead_professional TEXT,
        team              TEXT,
        version           INTEGER NOT NULL DEFAULT 1,
        -- rounded minutes, only to find long episodes quickly; the rules use exact times
        duration_minutes  INTEGER GENERATED ALWAYS AS
            (CAST(ROUND((julianday(returned_at) - julianday(missing_at)) * 1440) AS INTEGER)) VIRTUAL
    );
    CREATE INDEX episodes_by_person ON episodes (person_id, missing_at);
    CREATE INDEX episodes_by_start ON episodes (missing_at);
    CREATE INDEX episodes_by_return ON episodes (returned_at);
    CREATE INDEX episodes_by_duration ON episodes (duration_minutes);
    CREATE TABLE return_interviews (
        id                  INTEGER PRIMARY KEY,
        episode_id          INTEGER NOT NULL UNIQUE REFERENCES episodes(id),
        required            INTEGER NOT NULL,
        not_required_reason TEXT,
        worker              TEXT,
        completed_at        TEXT,
        outcome             TEXT,
        reasons             TEXT NOT NULL DEFAULT '',
        signoff             TEXT NOT NULL DEFAULT 'pending',
        version             INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX interviews_outstanding ON return_interviews (completed_at) WHERE required = 1;
    CREATE TABLE ri_attempts (
        id           INTEGER PRIMARY KEY,
        interview_id INTEGER NOT NULL REFERENCES return_interviews(id),
        attempted_at TEXT,
        method       TEXT,
        outcome      TEXT,
        version      INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX attempts_by_interview ON ri_attempts (interview_id);
    CREATE TABLE strategy_meetings (
        id         INTEGER PRIMARY KEY,
        episode_id INTEGER NOT NULL UNIQUE REFERENCES episodes(id),
        status     TEXT NOT NULL,
        meeting_at TEXT,
        note       TEXT,
        version    INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE audit (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        who        TEXT NOT NULL,
        table_name TEXT NOT NULL,
        row_id     INTEGER,
        action     TEXT NOT NULL,
        before     TEXT,
        after      TEXT
    );
    "#,
    // 2: what the young person form records beyond the episode files, and
    // the strategy meeting's reason when not held (kept in `note`).
    r#"
    ALTER TABLE people ADD COLUMN vulnerability TEXT;
    ALTER TABLE people ADD COLUMN placement_id INTEGER REFERENCES placements(id);
    ALTER TABLE people ADD COLUMN school TEXT;
    CREATE INDEX episodes_by_police_ref ON episodes (police_ref) WHERE police_ref IS NOT NULL;
    "#,
    // 3: a row's history in the trail, for conflicts and undo (one row's
    // entries, not a scan of the whole trail), and the few deletions.
    r#"
    CREATE INDEX audit_by_row ON audit (table_name, row_id);
    CREATE INDEX audit_deletes ON audit (table_name) WHERE action = 'delete';
    "#,
    // 4: the MPMG: its monthly meetings, the children each reviewed, and the
    // actions agreed for a child (tied to the meeting that agreed them, or to
    // none). Dates are YYYY-MM-DD and months YYYY-MM, so they sort as text;
    // one meeting per month reviewed.
    r#"
    CREATE TABLE mpmg_meetings (
        id        INTEGER PRIMARY KEY,
        held_on   TEXT NOT NULL CHECK (held_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        month     TEXT NOT NULL UNIQUE CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
        attendees TEXT,
        notes     TEXT,
        version   INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE mpmg_reviews (
        id         INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES mpmg_meetings(id),
        person_id  INTEGER NOT NULL REFERENCES people(id),
        version    INTEGER NOT NULL DEFAULT 1,
        UNIQUE (meeting_id, person_id)
    );
    CREATE INDEX mpmg_reviews_by_person ON mpmg_reviews (person_id, meeting_id);
    CREATE TABLE mpmg_actions (
        id         INTEGER PRIMARY KEY,
        person_id  INTEGER NOT NULL REFERENCES people(id),
        meeting_id INTEGER REFERENCES mpmg_meetings(id),
        what       TEXT NOT NULL CHECK (trim(what) <> ''),
        who        TEXT,
        due_on     TEXT CHECK (due_on IS NULL OR due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        done_on    TEXT CHECK (done_on IS NULL OR done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        version    INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX mpmg_actions_by_person ON mpmg_actions (person_id, due_on);
    CREATE INDEX mpmg_actions_by_meeting ON mpmg_actions (meeting_id) WHERE meeting_id IS NOT NULL;
    CREATE INDEX mpmg_actions_open ON mpmg_actions (person_id) WHERE done_on IS NULL;
    "#,
    // 5: who signed off a return interview and when (UTC text, as every time),
    // so the child's screen can say it; empty while pending.
    r#"
    ALTER TABLE return_interviews ADD COLUMN signed_off_by TEXT;
    ALTER TABLE return_interviews ADD COLUMN signed_off_at TEXT;
    "#,
    // 6: the national datasets' needs (issue 10). Police risk grades as they
    // are now: the old `none` (no apparent risk) is `very_low`, and each
    // grade given during an episode is kept with its time (`risk_grades`;
    // `episodes.risk` stays the latest, which the lists show). Exploitation:
    // CSE and CCE flags on the child with the date each was set, CCE at the
    // time of each episode, an episode's concerns (`cse;cce`), an NRM
    // referral. A return interview's "offered" / "accepted" as the user
    // recorded them (NULL = derived by domain::ri_offer).
    r#"
    UPDATE episodes SET risk = 'very_low', version = version + 1
     WHERE lower(risk) IN ('none', 'no_apparent_risk', 'absent');
    CREATE TABLE risk_grades (
        id         INTEGER PRIMARY KEY,
        episode_id INTEGER NOT NULL REFERENCES episodes(id),
        graded_at  TEXT NOT NULL,
        risk       TEXT NOT NULL CHECK (risk IN ('very_low', 'low', 'medium', 'high')),
        version    INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX risk_grades_by_episode ON risk_grades (episode_id, graded_at);
    ALTER TABLE episodes ADD COLUMN cce_risk INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE episodes ADD COLUMN exploitation TEXT NOT NULL DEFAULT '';
    ALTER TABLE people ADD COLUMN cce_risk INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE people ADD COLUMN cse_since TEXT;
    ALTER TABLE people ADD COLUMN cce_since TEXT;
    ALTER TABLE people ADD COLUMN nrm_referred_on TEXT;
    ALTER TABLE people ADD COLUMN nrm_outcome TEXT;
    ALTER TABLE return_interviews ADD COLUMN offered INTEGER;
    ALTER TABLE return_interviews ADD COLUMN accepted INTEGER;
    "#,
    // 7: the audit trail's hash chain (issue 11): each row holds the SHA-256
    // of its content and of the row before's hash. The rows already there are
    // chained by CHAIN's step below (which says so in the trail); the guard
    // against updates comes back with the triggers.
    r#"
    DROP TRIGGER IF EXISTS audit_no_update;
    ALTER TABLE audit ADD COLUMN hash TEXT;
    "#,
    // 8: patterns (issue 12). Prevention work for a child (by reference), a
    // placement or a school (by name, compared as DOMAIN.md's patterns
    // normalise free text); the places children are found, grown as users
    // type, like placements; how the child travelled, and the push and pull
    // factors a return interview heard (`;`-separated, free text). The
    // index finds a placement's episodes for prevention's quarters.
    r#"
    CREATE TABLE prevention_work (
        id          INTEGER PRIMARY KEY,
        target_type TEXT NOT NULL CHECK (target_type IN ('person', 'placement', 'school')),
        target      TEXT NOT NULL CHECK (trim(target) <> ''),
        done_on     TEXT NOT NULL CHECK (done_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        what        TEXT NOT NULL CHECK (trim(what) <> ''),
        by_whom     TEXT,
        version     INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX prevention_by_date ON prevention_work (done_on);
    CREATE TABLE known_places (
        id      INTEGER PRIMARY KEY,
        name    TEXT NOT NULL UNIQUE COLLATE NOCASE,
        version INTEGER NOT NULL DEFAULT 1
    );
    ALTER TABLE episodes ADD COLUMN travelled TEXT;
    ALTER TABLE return_interviews ADD COLUMN push_factors TEXT NOT NULL DEFAULT '';
    ALTER TABLE return_interviews ADD COLUMN pull_factors TEXT NOT NULL DEFAULT '';
    CREATE INDEX episodes_by_placement ON episodes (placement_id, missing_at);
    "#,
];

/// The migration that adds the chain, and its step in Rust, run after its SQL.
const CHAIN: (i64, fn(&rusqlite::Connection) -> rusqlite::Result<()>) = (7, audit::chain_existing);

/// The schema version this build writes.
pub const CURRENT: i64 = MIGRATIONS.len() as i64;

pub(super) fn migrate(store: &mut Store) -> Result<()> {
    let found: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| store.err(e))?;
    if found > CURRENT {
        return Err(StoreError::TooNew { path: store.path.clone(), found, known: CURRENT });
    }
    // A new file (schema 0) holds nothing to keep.
    let mut kept = found == 0;
    // Triggers that went missing behind ri-chase's back: the migration puts
    // them back, and says so in the trail.
    let missing = if found == 0 || found == CURRENT {
        Vec::new()
    } else {
        audit::missing_before_migration(&store.conn).map_err(|e| store.err(e))?
    };
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as i64 + 1;
        let path = store.path.clone();
        let wrap = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = store.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate).map_err(wrap)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(wrap)?;
        if now >= version {
            continue;
        }
        if !kept && now > 0 {
            // Under the migration's lock, before it writes: the copy is the file as it was.
            let copy = copy::keep_before_migration(&path, CURRENT).map_err(|reason| StoreError::NotKept {
                path: path.clone(),
                from: now,
                to: CURRENT,
                reason,
            })?;
            eprintln!("{}", kept_note(&path, now, CURRENT, &copy));
        }
        kept = true;
        tx.execute_batch(sql).map_err(wrap)?;
        if version == CHAIN.0 {
            (CHAIN.1)(&tx).map_err(wrap)?;
        }
        tx.execute_batch(&audit::install_sql(&audit::triggers_for(&tx).map_err(wrap)?)).map_err(wrap)?;
        if version == CURRENT && !missing.is_empty() {
            let note = serde_json::json!({
                "missing": missing,
                "note": format!("triggers found missing when the file was brought from schema {found} to {CURRENT}, and made again"),
            });
            audit::append_note(&tx, "triggers_restored", &note).map_err(wrap)?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {version}")).map_err(wrap)?;
        tx.commit().map_err(wrap)?;
    }
    Ok(())
}

/// What a user is told when a file is brought up to date: the copy kept.
fn kept_note(db: &Path, from: i64, to: i64, copy: &Path) -> String {
    format!(
        "ri-chase: {} was made by an older ri-chase (schema {from}); before bringing it up to schema {to}, \
         a copy of it as it was is kept at {} (readable by you alone; delete it when you no longer need it)",
        db.display(),
        copy.display()
    )
}

/// Takes a current file back to schema 5 (before migration 6), so tests can
/// see older files migrate: migration 6's table and columns dropped (and
/// migration 7's hash, and migration 8's tables, columns and index), the trail's triggers rebuilt for what is left.
#[cfg(test)]
pub(crate) fn back_to_5(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'audit_%'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in triggers {
        conn.execute_batch(&format!("DROP TRIGGER {t}"))?;
    }
    conn.execute_batch(
        "DROP TABLE prevention_work; DROP TABLE known_places; DROP INDEX episodes_by_placement;
         ALTER TABLE episodes DROP COLUMN travelled;
         ALTER TABLE return_interviews DROP COLUMN push_factors;
         ALTER TABLE return_interviews DROP COLUMN pull_factors;
         DROP TABLE risk_grades;
         ALTER TABLE episodes DROP COLUMN cce_risk; ALTER TABLE episodes DROP COLUMN exploitation;
         ALTER TABLE people DROP COLUMN cce_risk; ALTER TABLE people DROP COLUMN cse_since;
         ALTER TABLE people DROP COLUMN cce_since; ALTER TABLE people DROP COLUMN nrm_referred_on;
         ALTER TABLE people DROP COLUMN nrm_outcome;
         ALTER TABLE return_interviews DROP COLUMN offered; ALTER TABLE return_interviews DROP COLUMN accepted;
         ALTER TABLE audit DROP COLUMN hash;
         PRAGMA user_version = 5;",
    )?;
    conn.execute_batch(&audit::install_sql(&audit::triggers_for(conn)?))
}
