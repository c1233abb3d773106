//! A database to run inputs against: the fixture episodes for Northshire,
//! made once, and a fresh copy of it whenever an input has changed it, so
//! each input meets the same file (a failure found replays on its own).

use ri_chase::domain::time::{Instant, parse_instant};
use ri_chase::io::episodes_csv::read_episodes;
use ri_chase::store::Store;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

pub const AUTHORITY: &str = "Northshire";
/// The fixture's "now": Monday 30 March 2026, the day after the clocks went forward.
pub const AT: &str = "2026-03-30 12:00";
pub const EPISODES_CSV: &str = include_str!("../../tests/fixtures/episodes.csv");
pub const SSD_MISSING: &str = include_str!("../../tests/fixtures/ssd-missing.csv");
pub const SSD_PERSON: &str = include_str!("../../tests/fixtures/ssd-person.csv");

pub fn at() -> Instant {
    parse_instant(AT).expect("the fixture's now")
}

/// What a database holds, as far as any change shows: every write to a
/// table ri-chase keeps adds a row to the audit trail (its triggers), and
/// the counts catch a write past the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    audit_rows: i64,
    last_audit_id: i64,
    people: i64,
    episodes: i64,
    interviews: i64,
}

pub struct Bed {
    // Removed with its files when the bed goes.
    _dir: tempfile::TempDir,
    template: PathBuf,
    pub path: PathBuf,
    pub store: Option<Store>,
    /// An input may have changed the file (it was written to, or a check
    /// failed half-way): the next input gets a fresh copy.
    pub dirty: bool,
}

impl Bed {
    pub fn new() -> Bed {
        let dir = tempfile::tempdir().expect("temporary folder");
        let template = dir.path().join("template.sqlite");
        {
            let mut store = Store::open_or_create(&template).expect("template");
            store.set_authority(AUTHORITY).expect("authority");
            let items = read_episodes(EPISODES_CSV.as_bytes(), &store, AUTHORITY, at()).expect("the fixture reads");
            store.import(&items).expect("the fixture imports");
            store.checkpoint().expect("checkpoint");
        }
        let path = dir.path().join("db.sqlite");
        let mut bed = Bed { _dir: dir, template, path, store: None, dirty: true };
        bed.reset();
        bed
    }

    /// The store, open on the bed's file.
    pub fn store(&mut self) -> &mut Store {
        self.store.as_mut().expect("open")
    }

    /// Takes the store out (for a session that owns it); [`Bed::reset`] opens another.
    pub fn take_store(&mut self) -> Store {
        self.store.take().expect("open")
    }

    /// The bed as the template has it, for the next input.
    pub fn ready(&mut self) {
        if self.dirty {
            self.reset();
        }
    }

    /// A fresh copy of the template, open.
    pub fn reset(&mut self) {
        self.dirty = false;
        self.store = None;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(companion(&self.path, suffix));
        }
        std::fs::copy(&self.template, &self.path).expect("copy the template");
        self.store = Some(Store::open_existing(&self.path).expect("open the copy"));
    }

    pub fn fingerprint(&self) -> Fingerprint {
        fingerprint(&self.path)
    }
}

impl Default for Bed {
    fn default() -> Self {
        Bed::new()
    }
}

/// Read on a connection of its own: what others would see committed.
pub fn fingerprint(path: &Path) -> Fingerprint {
    let conn = Connection::open(path).expect("open to look");
    conn.busy_timeout(std::time::Duration::from_secs(10)).expect("busy timeout");
    let one = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect(sql);
    Fingerprint {
        audit_rows: one("SELECT count(*) FROM audit"),
        last_audit_id: one("SELECT coalesce(max(id), 0) FROM audit"),
        people: one("SELECT count(*) FROM people"),
        episodes: one("SELECT count(*) FROM episodes"),
        interviews: one("SELECT count(*) FROM return_interviews"),
    }
}

/// The file whole and its rows consistent: SQLite's checks, and every
/// episode with the one return interview row it is written with.
pub fn assert_consistent(path: &Path) {
    let conn = Connection::open(path).expect("open to look");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(ok, "ok", "integrity_check");
    let dangling: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk");
    assert_eq!(dangling, 0, "rows refer to rows that are not there");
    let lonely: i64 = conn
        .query_row(
            "SELECT count(*) FROM episodes e WHERE (SELECT count(*) FROM return_interviews r WHERE r.episode_id = e.id) <> 1",
            [],
            |r| r.get(0),
        )
        .expect("interviews");
    assert_eq!(lonely, 0, "an episode without its one return interview row");
}

fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}
