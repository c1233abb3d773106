//! Store tests on real files in a temporary directory, with synthetic people.

use super::*;
use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind, MeetingRecord, MissingFrom, RiOutcome};
use crate::domain::record::{Circumstances, Episode, Person, ReturnInterview, StrategyMeeting};
use crate::domain::time::{Instant, parse_instant};
use chrono::NaiveDate;

pub(super) fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

pub(super) fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.sqlite");
    (dir, path)
}

pub(super) fn item(person_ref: &str, episode_ref: &str, missing: &str, returned: Option<&str>) -> ImportItem {
    let person = Person {
        person_ref: person_ref.into(),
        given_name: "Synthetic".into(),
        family_name: format!("Child {person_ref}"),
        date_of_birth: NaiveDate::from_ymd_opt(2010, 5, 1).expect("date"),
        sex: None,
        responsible_la: "Northshire".into(),
        placement_la: "Northshire".into(),
        case_status: CaseStatus::ChildInCare,
        cse_strategy: false,
        cce_risk: false,
        lead_professional: Some("Lee Lead".into()),
        team: Some("North CiC".into()),
    };
    let episode = Episode {
        episode_ref: episode_ref.into(),
        missing_at: at(missing),
        returned_at: returned.map(at),
        kind: EpisodeKind::Missing,
        missing_from: MissingFrom::LaHome,
        missing_from_name: Some("Willows".into()),
        police_ref: None,
        risk: None,
        exploitation: Vec::new(),
        at_the_time: Circumstances {
            case_status: CaseStatus::ChildInCare,
            cse_strategy: false,
            cce_risk: false,
            responsible_la: "Northshire".into(),
            placement_la: "Northshire".into(),
            cohort: Cohort::Local,
            lead_professional: Some("Lee Lead".into()),
            team: Some("North CiC".into()),
        },
    };
    ImportItem {
        person,
        episode,
        interview: ReturnInterview { required: true, attempts: 1, ..ReturnInterview::default() },
        meeting: StrategyMeeting::default(),
        update_person: true,
    }
}

#[test]
fn reading_a_missing_file_is_an_error_and_creates_nothing() {
    let (_dir, path) = temp_db();
    let err = Store::open_existing(&path).err().expect("no database");
    assert!(err.to_string().contains("ri-chase init"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_new_database_is_migrated_from_empty_and_readable_by_its_owner_only() {
    let (_dir, path) = temp_db();
    let store = Store::open_or_create(&path).expect("create");
    let version: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version");
    assert_eq!(version, schema::CURRENT);
    let journal: String = store.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("journal");
    assert_eq!(journal, "wal");
    let fk: i64 = store.conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).expect("fk");
    assert_eq!(fk, 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    drop(store);
    // Opening again migrates nothing and keeps the data.
    let store = Store::open_existing(&path).expect("reopen");
    assert_eq!(store.audit_count().expect("count"), 0);
}

#[test]
fn a_database_from_a_newer_build_is_refused() {
    let (_dir, path) = temp_db();
    let store = Store::open_or_create(&path).expect("create");
    store.conn.execute_batch("PRAGMA user_version = 999").expect("bump");
    drop(store);
    let err = Store::open_existing(&path).err().expect("too new");
    assert!(err.to_string().contains("newer ri-chase"), "{err}");
}

#[test]
fn the_authority_is_recorded_once_and_another_is_refused() {
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    assert!(matches!(store.require_authority(), Err(StoreError::NoAuthority(_))));
    store.set_authority("Northshire").expect("set");
    store.set_authority(" northshire ").expect("same again is fine");
    assert!(matches!(store.set_authority("Southby"), Err(StoreError::OtherAuthority { .. })));
    assert_eq!(store.require_authority().expect("authority"), "Northshire");
}

#[test]
fn every_insert_update_and_delete_is_audited_with_who_before_and_after() {
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    let mut it = item("P1", "E1", "2026-06-01 09:00", Some("2026-06-01 20:00"));
    it.meeting = StrategyMeeting { record: Some(MeetingRecord::NotNeeded), meeting_at: None };
    store.import(std::slice::from_ref(&it)).expect("import");
    let inserts = store.audit_entries(100).expect("audit");
    let tables: Vec<&str> = inserts.iter().rev().map(|a| a.table_name.as_str()).collect();
    assert_eq!(tables, ["people", "placements", "episodes", "return_interviews", "ri_attempts", "strategy_meetings"]);
    assert!(inserts.iter().all(|a| a.action == "insert" && a.before.is_none() && a.who == os_user()));
    let episode_after = inserts.iter().find(|a| a.table_name == "episodes").and_then(|a| a.after.clone());
    assert!(episode_after.expect("after json").contains(r#""missing_at":"2026-06-01T08:00:00Z""#));

    it.interview.worker = Some("Sam Worker".into());
    it.meeting = StrategyMeeting::default();
    store.import(std::slice::from_ref(&it)).expect("update");
    let latest = store.audit_entries(2).expect("audit");
    assert_eq!(latest[0].table_name, "strategy_meetings");
    assert_eq!(latest[0].action, "delete");
    assert!(latest[0].after.is_none());
    assert_eq!(latest[1].action, "update");
    assert!(latest[1].before.as_deref().expect("before").contains(r#""worker":null"#));
    assert!(latest[1].after.as_deref().expect("after").contains(r#""worker":"Sam Worker""#));
}

#[test]
fn importing_the_same_items_again_changes_and_audits_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    let items = [item("P1", "E1", "2026-06-01 09:00", Some("2026-06-01 20:00"))];
    let first = store.import(&items).expect("import");
    assert_eq!((first.people_added, first.episodes_added), (1, 1));
    let audit_before = store.audit_count().expect("count");
    let second = store.import(&items).expect("again");
    assert_eq!(second, ImportCounts { episodes_unchanged: 1, ..ImportCounts::default() });
    assert_eq!(store.audit_count().expect("count"), audit_before);
}

#[test]
fn the_audit_trail_refuses_edits_and_deletes() {
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.set_authority("Northshire").expect("set");
    for sql in ["UPDATE audit SET who = 'someone else'", "DELETE FROM audit"] {
        let err = store.conn.execute(sql, []).expect_err("refused");
        assert!(err.to_string().contains("audit trail cannot be changed"), "{err}");
    }
    assert_eq!(store.audit_count().expect("count"), 1);
}

#[test]
fn a_failed_import_writes_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    let good = item("P1", "E1", "2026-06-01 09:00", Some("2026-06-01 20:00"));
    let mut bad = item("P2", "E2", "2026-06-01 09:00", None);
    // The schema refuses a return before the start, whatever the caller checked.
    bad.episode.returned_at = Some(at("2026-06-01 08:00"));
    assert!(store.import(&[good, bad]).is_err());
    assert_eq!(store.audit_count().expect("count"), 0);
    assert!(store.missing_cases(at("2026-06-02 00:00")).expect("query").is_empty());
}

#[test]
fn list_queries_find_their_candidates_as_of_now() {
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    let mut done = item("P1", "E1", "2026-06-01 09:00", Some("2026-06-01 20:00"));
    done.interview.completed_at = Some(at("2026-06-02 10:00"));
    done.interview.outcome = Some(RiOutcome::FaceToFace);
    let outstanding = item("P1", "E2", "2026-06-03 09:00", Some("2026-06-03 12:00"));
    let again = item("P1", "E3", "2026-06-04 22:00", None);
    let long = item("P2", "E4", "2026-05-01 09:00", Some("2026-05-04 09:00"));
    store.import(&[done, outstanding, again, long]).expect("import");
    let now = at("2026-06-05 09:00");

    let chase_cases = store.chase_cases(now).expect("chase");
    let chase: Vec<&str> = chase_cases.iter().map(|c| c.episode.episode_ref.as_str()).collect();
    assert_eq!(chase.len(), 2, "{chase:?}");
    assert!(chase.contains(&"E2") && chase.contains(&"E4"));
    let e2 = chase_cases.iter().find(|c| c.episode.episode_ref == "E2").expect("E2");
    assert_eq!(e2.child_missing_since, Some(at("2026-06-04 22:00")), "P1 went missing again (E3)");
    assert_eq!(e2.interview.attempts, 1);
    let e4 = chase_cases.iter().find(|c| c.episode.episode_ref == "E4").expect("E4");
    assert_eq!(e4.child_missing_since, None);
    let (person, by_ref) = store.case_by_ref("E2").expect("query").expect("found");
    assert_eq!((person.person_ref.as_str(), by_ref.episode.episode_ref.as_str()), ("P1", "E2"));
    assert!(store.case_by_ref("nope").expect("query").is_none());

    let missing = store.missing_cases(now).expect("missing");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].episode.episode_ref, "E3");

    let strategy: Vec<String> =
        store.strategy_cases(now, 48).expect("strategy").into_iter().map(|c| c.episode.episode_ref).collect();
    assert!(strategy.contains(&"E3".to_string()) && strategy.contains(&"E4".to_string()), "{strategy:?}");
    assert!(!strategy.contains(&"E1".to_string()));

    // As of before E1 was completed, it is a chase candidate again.
    let mut earlier: Vec<String> =
        store.chase_cases(at("2026-06-02 09:00")).expect("chase").into_iter().map(|c| c.episode.episode_ref).collect();
    earlier.sort();
    assert_eq!(earlier, ["E1", "E4"]);
}

#[test]
fn backup_makes_a_readable_private_copy_and_refuses_to_overwrite() {
    let (dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.import(&[item("P1", "E1", "2026-06-01 09:00", None)]).expect("import");
    let dest = dir.path().join("copy.sqlite");
    store.backup_to(&dest).expect("backup");
    let copy = Store::open_existing(&dest).expect("open copy");
    assert_eq!(copy.missing_cases(at("2026-06-02 00:00")).expect("query").len(), 1);
    assert!(store.backup_to(&dest).is_err());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&dest).expect("meta").permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn two_writers_on_one_file_wait_for_each_other_and_both_land() {
    let (_dir, path) = temp_db();
    Store::open_or_create(&path).expect("create");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open_existing(&path).expect("open");
                for i in 0..20 {
                    let mut it = item(&format!("W{w}"), &format!("W{w}-E{i:02}"), "2026-06-01 09:00", None);
                    it.episode.missing_at = at("2026-06-01 09:00") + chrono::Duration::hours(i);
                    it.episode.returned_at = Some(it.episode.missing_at + chrono::Duration::minutes(30));
                    store.import(&[it]).expect("each write waits its turn, none fails");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer finished");
    }
    let store = Store::open_existing(&path).expect("open");
    let episodes: i64 = store.conn.query_row("SELECT count(*) FROM episodes", [], |r| r.get(0)).expect("count");
    assert_eq!(episodes, 40);
}
