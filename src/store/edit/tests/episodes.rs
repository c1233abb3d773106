//! Reporting missing, recording found, deleting an episode.

use super::*;
use crate::domain::codes::{Cohort, MeetingRecord};

#[test]
fn reporting_missing_snapshots_the_child_and_makes_the_interview() {
    let mut f = fixture();
    let (id, change) = f.store.report_missing(f.alex, &missing_at("2026-03-28 09:30"), now()).expect("report");
    assert_eq!(shape(&f.store, &change), ["episodes insert", "return_interviews insert"]);
    assert_audited(&f.store, &change, "ana");
    assert!(entries(&f.store, &change)[0].after.as_deref().expect("after").contains(r#""episode_ref":"RC-000001""#));
    let ep = f.store.episode(id).expect("episode");
    assert_eq!(ep.version, 1);
    let e = &ep.value;
    assert_eq!((e.person_id, e.person_ref.as_str(), e.name.as_str()), (f.alex, "T100", "Alex Smith"));
    assert_eq!(e.episode.episode_ref, "RC-000001");
    assert_eq!((e.episode.missing_at, e.episode.returned_at), (at("2026-03-28 09:30"), None));
    assert_eq!(e.episode.missing_from_name.as_deref(), Some("Willows"));
    let c = &e.episode.at_the_time;
    assert_eq!(
        (c.case_status, c.cohort, c.team.as_deref()),
        (CaseStatus::ChildInCare, Cohort::Local, Some("North CiC"))
    );
    let ri = f.store.interview(id).expect("interview");
    assert!(ri.value.interview.required);
    assert_eq!(ri.value.attempts, []);
    assert_eq!(f.store.open_episode_of(f.alex).expect("open"), Some(id));
    assert_eq!(f.store.episode_id_by_ref("RC-000001").expect("by ref"), Some(id));
}

#[test]
fn an_absence_needs_no_interview_by_default() {
    let mut f = fixture();
    let mut new = missing_at("2026-03-28 09:30");
    new.kind = EpisodeKind::Absent;
    let (id, _) = f.store.report_missing(f.alex, &new, now()).expect("report");
    assert!(!f.store.interview(id).expect("interview").value.interview.required);
}

#[test]
fn episode_references_count_up_past_imported_and_deleted_ones() {
    let mut f = fixture();
    let first = episode(&mut f, "2026-03-01 10:00", Some("2026-03-01 12:00"));
    f.store.conn.execute("UPDATE episodes SET episode_ref = 'RC-000041' WHERE id = ?1", [first]).expect("renumber");
    let second = episode(&mut f, "2026-03-02 10:00", Some("2026-03-02 12:00"));
    assert_eq!(f.store.episode(second).expect("read").value.episode.episode_ref, "RC-000042");
    let version = f.store.episode(second).expect("read").version;
    f.store.delete_episode(second, version).expect("delete");
    let third = episode(&mut f, "2026-03-03 10:00", None);
    assert_eq!(f.store.episode(third).expect("read").value.episode.episode_ref, "RC-000043");
    assert!(third > second, "a deleted episode's id is never handed out again");
}

#[test]
fn a_second_open_episode_is_refused_naming_the_first() {
    let mut f = fixture();
    episode(&mut f, "2026-03-28 09:30", None);
    let before = f.store.audit_count().expect("count");
    let problems = invalid(f.store.report_missing(f.alex, &missing_at("2026-03-29 10:00"), now()));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "missing_at");
    assert_eq!(
        problems[0].message,
        "Alex Smith is already missing since Sat 28 Mar 2026 09:30 GMT (RC-000001); record them found first"
    );
    assert_eq!(f.store.audit_count().expect("count"), before);
}

#[test]
fn an_episode_overlapping_an_earlier_one_is_refused_back_to_back_is_fine() {
    let mut f = fixture();
    episode(&mut f, "2026-03-27 08:00", Some("2026-03-27 20:00"));
    let problems = invalid(f.store.report_missing(f.alex, &missing_at("2026-03-27 19:59"), now()));
    assert!(problems[0].message.contains("during Alex Smith's episode RC-000001"), "{}", problems[0].message);
    f.store.report_missing(f.alex, &missing_at("2026-03-27 20:00"), now()).expect("back to back");
}

#[test]
fn a_police_reference_used_before_warns_and_the_report_still_saves() {
    let mut f = fixture();
    let mut new = missing_at("2026-03-27 08:00");
    new.police_ref = Some("NP-26-000001".into());
    let (first, _) = f.store.report_missing(f.alex, &new, now()).expect("first");
    let v = f.store.episode(first).expect("read").version;
    f.store.record_found(first, v, &found_at("2026-03-27 09:00"), now()).expect("found");
    new.missing_at = at("2026-03-28 08:00");
    let problems = f.store.check_new_episode(f.alex, &new, now()).expect("check");
    assert_eq!(problems.len(), 1);
    assert!(!problems[0].blocking);
    assert!(problems[0].message.contains("RC-000001 (Alex Smith)"), "{}", problems[0].message);
    let (second, _) = f.store.report_missing(f.alex, &new, now()).expect("a warning does not stop the save");
    assert_eq!(f.store.episode(second).expect("read").value.episode.police_ref.as_deref(), Some("NP-26-000001"));
}

#[test]
fn recording_found_ends_the_episode_at_or_after_its_start() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-28 09:30", None);
    let read = f.store.episode(id).expect("read");
    let early = invalid(f.store.record_found(id, read.version, &found_at("2026-03-28 09:29"), now()));
    assert_eq!(early[0].field, "returned_at");
    let change = f.store.record_found(id, read.version, &found_at("2026-03-28 09:30"), now()).expect("found");
    assert_audited(&f.store, &change, "ana");
    let after = f.store.episode(id).expect("read again");
    assert_eq!(after.version, read.version + 1);
    assert_eq!(after.value.episode.returned_at, Some(at("2026-03-28 09:30")));
    assert_eq!(after.value.where_found.as_deref(), Some("friend's house"));
    assert_eq!(f.store.open_episode_of(f.alex).expect("open"), None);
    let e = &entries(&f.store, &change)[0];
    assert!(e.before.as_deref().expect("before").contains(r#""returned_at":null"#));
    assert!(e.after.as_deref().expect("after").contains(r#""returned_at":"2026-03-28T09:30:00Z""#));
}

#[test]
fn found_cannot_run_into_the_next_episode() {
    let mut f = fixture();
    let first = episode(&mut f, "2026-03-20 10:00", Some("2026-03-21 10:00"));
    episode(&mut f, "2026-03-22 10:00", Some("2026-03-22 12:00"));
    let v = f.store.episode(first).expect("read").version;
    let problems = invalid(f.store.record_found(first, v, &found_at("2026-03-22 10:01"), now()));
    assert!(problems[0].message.contains("next episode RC-000002"), "{}", problems[0].message);
    f.store.record_found(first, v, &found_at("2026-03-22 10:00"), now()).expect("ends as the next begins");
}

/// An episode with two attempts, a completed interview and a meeting.
fn full_episode(f: &mut Fixture) -> i64 {
    let id = episode(f, "2026-03-25 10:00", Some("2026-03-28 11:00"));
    let ri = f.store.interview(id).expect("interview");
    let tried = Attempt { at: Some(at("2026-03-28 12:00")), ..Attempt::default() };
    f.store.add_attempt(ri.id, ri.version, &tried, now()).expect("attempt");
    let tried = Attempt { at: Some(at("2026-03-29 12:00")), ..Attempt::default() };
    f.store.add_attempt(ri.id, ri.version + 1, &tried, now()).expect("attempt");
    let held = MeetingEntry { status: MeetingRecord::Held, meeting_at: Some(at("2026-03-27 10:00")), note: None };
    f.store.set_meeting(id, None, &held, now()).expect("meeting");
    id
}

#[test]
fn deleting_an_episode_removes_its_rows_and_undo_brings_them_back_with_their_ids() {
    let mut f = fixture();
    let id = full_episode(&mut f);
    let counts = |s: &Store| {
        ["episodes", "return_interviews", "ri_attempts", "strategy_meetings"]
            .map(|t| count(s, &format!("SELECT count(*) FROM {t}")))
    };
    assert_eq!(counts(&f.store), [1, 1, 2, 1]);
    // Every row's table and id, to see the same rows come back.
    let snapshot = |s: &Store| {
        let mut stmt = s
            .conn
            .prepare(
                "SELECT 'e' || id FROM episodes UNION ALL SELECT 'i' || id FROM return_interviews
                 UNION ALL SELECT 'a' || id FROM ri_attempts UNION ALL SELECT 'm' || id FROM strategy_meetings
                 ORDER BY 1",
            )
            .expect("prepare");
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).and_then(|r| r.collect()).expect("rows");
        rows
    };
    let ids_before = snapshot(&f.store);
    let ri_before = f.store.interview(id).expect("interview").value;
    let v = f.store.episode(id).expect("read").version;
    let change = f.store.delete_episode(id, v).expect("delete");
    assert_eq!(
        shape(&f.store, &change),
        [
            "ri_attempts delete",
            "ri_attempts delete",
            "return_interviews delete",
            "strategy_meetings delete",
            "episodes delete"
        ]
    );
    assert_audited(&f.store, &change, "ana");
    assert_eq!(counts(&f.store), [0, 0, 0, 0]);
    assert!(matches!(f.store.episode(id), Err(StoreError::NotFound { .. })));
    f.store.undo(&change).expect("undo");
    assert_eq!(snapshot(&f.store), ids_before);
    assert_eq!(f.store.interview(id).expect("interview").value, ri_before);
    assert_eq!(f.store.episode(id).expect("back").version, v + 1, "back at a new version");
}

#[test]
fn deleting_an_episode_someone_changed_is_a_conflict_and_deletes_nothing() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-28 09:30", None);
    let stale = f.store.episode(id).expect("read").version;
    let mut ben = second(&f);
    ben.record_found(id, stale, &found_at("2026-03-29 09:30"), now()).expect("ben saves");
    let c = conflict(f.store.delete_episode(id, stale));
    assert_eq!(
        (c.table, c.id, c.version_now, c.by.clone()),
        ("episodes", id, Some(stale + 1), vec!["ben".to_string()])
    );
    assert_eq!(count(&f.store, "SELECT count(*) FROM episodes"), 1);
}
