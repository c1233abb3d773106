//! Edit tests on real files in a temporary directory, with synthetic people.
//! Every store here records its writes as user `ana`; a second connection
//! on the same file (see [`second`]) is `ben`.

mod conflicts;
mod episode_edit;
mod episodes;
mod interviews;
mod meetings;
mod model;
mod mpmg;
mod mpmg_reads;
mod people;
mod undo;

use super::*;
use crate::domain::codes::{CaseStatus, EpisodeKind, MissingFrom, Sex};
use crate::domain::record::{Person, Placement, Profile};
use crate::domain::time::{Instant, parse_instant};
use crate::store::AuditEntry;
use chrono::NaiveDate;
use std::path::PathBuf;

pub(super) fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

/// "Now" for every test: Monday 30 March 2026, midday (BST).
pub(super) fn now() -> Instant {
    at("2026-03-30 12:00")
}

pub(super) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 30).expect("date")
}

pub(super) struct Fixture {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub store: Store,
    /// Synthetic child T100, Alex Smith, with no episodes.
    pub alex: i64,
}

pub(super) fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("edit.sqlite");
    let mut store = Store::open_or_create(&path).expect("create");
    store.set_authority("Northshire").expect("authority");
    store.set_user("ana").expect("user");
    let (alex, _) = store.add_person(&record("T100", "Alex", "Smith"), today()).expect("add Alex");
    Fixture { _dir: dir, path, store, alex }
}

/// Another connection on the fixture's file, recording its writes as `ben`.
pub(super) fn second(f: &Fixture) -> Store {
    let mut store = Store::open_existing(&f.path).expect("open again");
    store.set_user("ben").expect("user");
    store
}

pub(super) fn record(person_ref: &str, given: &str, family: &str) -> PersonRecord {
    PersonRecord {
        person: Person {
            person_ref: person_ref.into(),
            given_name: given.into(),
            family_name: family.into(),
            date_of_birth: NaiveDate::from_ymd_opt(2010, 4, 1).expect("date"),
            sex: Some(Sex::F),
            responsible_la: "Northshire".into(),
            placement_la: "Northshire".into(),
            case_status: CaseStatus::ChildInCare,
            cse_strategy: false,
            cce_risk: false,
            lead_professional: Some("Lee Lead".into()),
            team: Some("North CiC".into()),
        },
        profile: Profile {
            vulnerability: None,
            placement: Some(Placement { kind: MissingFrom::LaHome, name: "Willows".into() }),
            school: None,
            ..Profile::default()
        },
    }
}

pub(super) fn missing_at(t: &str) -> NewEpisode {
    NewEpisode {
        missing_at: at(t),
        kind: EpisodeKind::Missing,
        missing_from: MissingFrom::LaHome,
        missing_from_name: Some("Willows".into()),
        police_ref: None,
        risk: None,
    }
}

pub(super) fn found_at(t: &str) -> Found {
    Found { returned_at: at(t), where_found: Some("friend's house".into()), found_with: None }
}

/// Alex reported missing at `from` and, if given, found at `to`; the episode's id.
pub(super) fn episode(f: &mut Fixture, from: &str, to: Option<&str>) -> i64 {
    let (id, _) = f.store.report_missing(f.alex, &missing_at(from), now()).expect("report missing");
    if let Some(to) = to {
        let version = f.store.episode(id).expect("episode").version;
        f.store.record_found(id, version, &found_at(to), now()).expect("found");
    }
    id
}

/// The audit entries a change wrote, oldest first.
pub(super) fn entries(store: &Store, change: &Change) -> Vec<AuditEntry> {
    let mut stmt = store
        .conn
        .prepare("SELECT at, who, table_name, row_id, action, before, after FROM audit WHERE id BETWEEN ?1 AND ?2 ORDER BY id")
        .expect("prepare");
    stmt.query_map((change.first_audit, change.last_audit), |r| {
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
    .and_then(|rows| rows.collect())
    .expect("audit rows")
}

/// Each entry as `table action`, to compare a change's shape at a glance.
pub(super) fn shape(store: &Store, change: &Change) -> Vec<String> {
    entries(store, change).iter().map(|e| format!("{} {}", e.table_name, e.action)).collect()
}

/// A row as the audit trail records it (`None` if there is none).
pub(super) fn row(store: &Store, table: &'static str, id: i64) -> Option<serde_json::Map<String, serde_json::Value>> {
    store.db().row_json(table, id).expect("row")
}

pub(super) fn count(store: &Store, sql: &str) -> i64 {
    store.conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// The conflict in a result that must be one.
pub(super) fn conflict<T: std::fmt::Debug>(result: std::result::Result<T, EditError>) -> Conflict {
    match result {
        Err(EditError::Conflict(c)) => c,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

/// The blocking problems' fields in a result refused as invalid.
pub(super) fn invalid<T: std::fmt::Debug>(result: std::result::Result<T, EditError>) -> Vec<Problem> {
    match result {
        Err(EditError::Invalid(problems)) => problems,
        other => panic!("expected invalid, got {other:?}"),
    }
}

/// Asserts that a change wrote audit entries, all recorded as `who`'s, each
/// with the row before and after as its action has them.
pub(super) fn assert_audited(store: &Store, change: &Change, who: &str) {
    let entries = entries(store, change);
    assert!(!entries.is_empty(), "the change wrote no audit entries");
    for e in &entries {
        assert_eq!(e.who, who, "{e:?}");
        let ok = match e.action.as_str() {
            "insert" => e.before.is_none() && e.after.is_some(),
            "update" => e.before.is_some() && e.after.is_some() && e.before != e.after,
            "delete" => e.before.is_some() && e.after.is_none(),
            _ => false,
        };
        assert!(ok, "{e:?}");
    }
}
