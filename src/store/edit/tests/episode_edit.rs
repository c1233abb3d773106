//! Correcting an episode's details: each rule at its edges, the write, its
//! audit and undo, and a stale save.

use super::*;
use crate::domain::codes::{MeetingRecord, Risk};

/// The episode's details as they are, to change one at a time.
fn as_read(f: &Fixture, id: i64) -> (i64, EpisodeEdit) {
    let read = f.store.episode(id).expect("read");
    let e = read.value.episode;
    let edit = EpisodeEdit {
        missing_at: e.missing_at,
        returned_at: e.returned_at,
        kind: e.kind,
        missing_from: e.missing_from,
        missing_from_name: e.missing_from_name,
        police_ref: e.police_ref,
        risk: e.risk,
        exploitation: e.exploitation,
    };
    (read.version, edit)
}

/// The blocking problems of an edit, as `field: message`.
fn refused(f: &Fixture, id: i64, edit: &EpisodeEdit) -> Vec<String> {
    let problems = f.store.check_episode_edit(id, edit, now()).expect("check");
    problems.iter().filter(|p| p.blocking).map(|p| format!("{}: {}", p.field, p.message)).collect()
}

#[test]
fn a_correction_saves_every_detail_and_keeps_the_circumstances_and_interview() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let before = f.store.episode(id).expect("read").value;
    let (version, mut edit) = as_read(&f, id);
    edit.missing_at = at("2026-03-27 09:15");
    edit.returned_at = Some(at("2026-03-28 10:45"));
    edit.kind = EpisodeKind::Absent;
    edit.missing_from = MissingFrom::Foster;
    edit.missing_from_name = Some(" Foster home 9 ".into());
    edit.police_ref = Some(" NP-26-000777 ".into());
    edit.risk = Some(Risk::High);
    let change = f.store.update_episode(id, version, &edit, now()).expect("save");
    assert_eq!(shape(&f.store, &change), ["placements insert", "episodes update"]);
    assert_audited(&f.store, &change, "ana");
    let after = f.store.episode(id).expect("read");
    assert_eq!(after.version, version + 1);
    let e = &after.value.episode;
    assert_eq!((e.missing_at, e.returned_at), (at("2026-03-27 09:15"), Some(at("2026-03-28 10:45"))));
    assert_eq!((e.kind, e.missing_from, e.risk), (EpisodeKind::Absent, MissingFrom::Foster, Some(Risk::High)));
    assert_eq!(
        (e.missing_from_name.as_deref(), e.police_ref.as_deref()),
        (Some("Foster home 9"), Some("NP-26-000777"))
    );
    assert_eq!(e.at_the_time, before.episode.at_the_time, "the circumstances of the time stay");
    assert_eq!((e.episode_ref.as_str(), after.value.where_found.as_deref()), ("RC-000001", Some("friend's house")));
    assert!(f.store.interview(id).expect("interview").value.interview.required, "an absence now, still required");
}

#[test]
fn undo_puts_the_episode_back_and_removes_the_placement_it_brought() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let row_before = row(&f.store, "episodes", id).expect("row");
    let (version, mut edit) = as_read(&f, id);
    edit.returned_at = None;
    edit.missing_from = MissingFrom::IndependentHome;
    edit.missing_from_name = Some("The Gables".into());
    let change = f.store.update_episode(id, version, &edit, now()).expect("re-opened");
    assert_eq!(f.store.open_episode_of(f.alex).expect("open"), Some(id));
    let undo = f.store.undo(&change).expect("undo");
    assert_eq!(shape(&f.store, &undo), ["episodes update", "placements delete"]);
    let mut row_after = row(&f.store, "episodes", id).expect("row");
    assert_eq!(row_after.remove("version"), Some((version + 2).into()));
    let mut expected = row_before;
    expected.remove("version");
    assert_eq!(row_after, expected);
    assert_eq!(f.store.placements().expect("placements").len(), 1, "only Willows");
}

#[test]
fn a_stale_correction_is_a_conflict_naming_who_and_what_and_writes_nothing() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-28 09:30", None);
    let (version, mut mine) = as_read(&f, id);
    let mut ben = second(&f);
    let mut theirs = mine.clone();
    theirs.risk = Some(Risk::Medium);
    ben.update_episode(id, version, &theirs, now()).expect("ben saves first");
    let audit_before = f.store.audit_count().expect("count");
    mine.police_ref = Some("NP-26-000123".into());
    let c = conflict(f.store.update_episode(id, version, &mine, now()));
    assert_eq!((c.table, c.id, c.version_now, c.by.clone()), ("episodes", id, Some(version + 1), vec!["ben".into()]));
    assert_eq!(c.changes, [FieldChange { column: "risk".into(), was: None, now: Some("medium".into()) }]);
    assert_eq!(f.store.audit_count().expect("count"), audit_before, "nothing written");
    // Keeping mine: saved again at the version now.
    f.store.update_episode(id, version + 1, &mine, now()).expect("keep mine");
    assert_eq!(f.store.episode(id).expect("read").value.episode.police_ref.as_deref(), Some("NP-26-000123"));
}

#[test]
fn the_return_may_equal_the_start_but_not_be_a_minute_before_it() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let (version, mut edit) = as_read(&f, id);
    edit.missing_at = at("2026-03-28 11:01");
    let problems = invalid(f.store.update_episode(id, version, &edit, now()));
    assert_eq!(problems.len(), 1);
    assert_eq!(
        problems[0].message,
        "Sat 28 Mar 2026 11:00 GMT is before the episode began (Sat 28 Mar 2026 11:01 GMT)"
    );
    assert_eq!(problems[0].field, "returned_at");
    edit.missing_at = at("2026-03-28 11:00");
    f.store.update_episode(id, version, &edit, now()).expect("a return as the episode begins");
}

#[test]
fn neither_time_may_be_in_the_future_and_the_start_not_before_birth() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let (_, mut edit) = as_read(&f, id);
    edit.returned_at = Some(now());
    assert_eq!(refused(&f, id, &edit), Vec::<String>::new());
    edit.returned_at = Some(at("2026-03-30 12:01"));
    assert_eq!(refused(&f, id, &edit), ["returned_at: Mon 30 Mar 2026 12:01 BST is in the future"]);
    edit.missing_at = at("2026-03-30 12:01");
    edit.returned_at = None;
    assert_eq!(refused(&f, id, &edit), ["missing_at: Mon 30 Mar 2026 12:01 BST is in the future"]);
    // Alex was born on 1 April 2010.
    edit.missing_at = at("2010-04-01 00:00");
    edit.returned_at = Some(at("2010-04-01 01:00"));
    assert_eq!(refused(&f, id, &edit), Vec::<String>::new());
    edit.missing_at = at("2010-03-31 23:59");
    assert_eq!(
        refused(&f, id, &edit),
        ["missing_at: Wed 31 Mar 2010 23:59 BST is before Alex Smith's date of birth (2010-04-01)"]
    );
}

#[test]
fn an_episode_is_checked_against_the_others_not_against_itself() {
    let mut f = fixture();
    let first = episode(&mut f, "2026-03-20 10:00", Some("2026-03-21 10:00"));
    let second = episode(&mut f, "2026-03-22 10:00", Some("2026-03-22 12:00"));
    // Moved within its own old times: no clash with itself.
    let (_, mut edit) = as_read(&f, first);
    edit.missing_at = at("2026-03-20 11:00");
    edit.returned_at = Some(at("2026-03-21 09:00"));
    assert_eq!(refused(&f, first, &edit), Vec::<String>::new());
    // The return may be as the next episode begins, not a minute later.
    edit.returned_at = Some(at("2026-03-22 10:00"));
    assert_eq!(refused(&f, first, &edit), Vec::<String>::new());
    edit.returned_at = Some(at("2026-03-22 10:01"));
    let problems = refused(&f, first, &edit);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("returned_at: ") && problems[0].contains("next episode RC-000002"), "{problems:?}");
    // The next episode may begin as the first ended, not a minute before.
    let (version, mut edit) = as_read(&f, second);
    edit.missing_at = at("2026-03-21 10:00");
    assert_eq!(refused(&f, second, &edit), Vec::<String>::new());
    edit.missing_at = at("2026-03-21 09:59");
    let problems = invalid(f.store.update_episode(second, version, &edit, now()));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("during Alex Smith's episode RC-000001"), "{}", problems[0].message);
    // Moved wholly before the first: fine, the order of episodes is not fixed.
    edit.missing_at = at("2026-03-19 08:00");
    edit.returned_at = Some(at("2026-03-19 09:00"));
    f.store.update_episode(second, version, &edit, now()).expect("moved before the first");
}

#[test]
fn an_episode_before_an_open_one_can_be_corrected_but_not_re_opened() {
    let mut f = fixture();
    let first = episode(&mut f, "2026-03-20 10:00", Some("2026-03-21 10:00"));
    episode(&mut f, "2026-03-28 09:30", None);
    let (version, mut edit) = as_read(&f, first);
    edit.risk = Some(Risk::Low);
    f.store.update_episode(first, version, &edit, now()).expect("a later open episode is no clash");
    edit.returned_at = None;
    assert_eq!(
        refused(&f, first, &edit),
        [
            "returned_at: Alex Smith's next episode RC-000002 began Sat 28 Mar 2026 09:30 GMT, so this one had ended by then; give its return"
        ]
    );
}

#[test]
fn an_episode_cannot_start_after_an_open_one_began() {
    let mut f = fixture();
    let first = episode(&mut f, "2026-03-20 10:00", Some("2026-03-21 10:00"));
    episode(&mut f, "2026-03-28 09:30", None);
    let (_, mut edit) = as_read(&f, first);
    edit.missing_at = at("2026-03-29 10:00");
    edit.returned_at = Some(at("2026-03-29 11:00"));
    let problems = refused(&f, first, &edit);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("already missing since Sat 28 Mar 2026 09:30 GMT (RC-000002)"), "{problems:?}");
}

#[test]
fn re_opening_is_allowed_until_the_interview_has_begun() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let (_, mut edit) = as_read(&f, id);
    edit.returned_at = None;
    assert_eq!(refused(&f, id, &edit), Vec::<String>::new());
    let ri = f.store.interview(id).expect("interview");
    let tried = Attempt { at: Some(at("2026-03-28 12:00")), ..Attempt::default() };
    f.store.add_attempt(ri.id, ri.version, &tried, now()).expect("attempt");
    let (version, mut edit) = as_read(&f, id);
    edit.returned_at = None;
    let problems = invalid(f.store.update_episode(id, version, &edit, now()));
    assert_eq!(
        problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>(),
        [
            "returned_at: the return interview already records 1 attempt; an episode can be re-opened only before its interview has begun"
        ]
    );
    let done = Completion { completed_at: at("2026-03-29 10:00"), outcome: RiOutcome::FaceToFace, reasons: vec![] };
    f.store.complete_interview(ri.id, ri.version + 1, &done, now()).expect("complete");
    assert!(refused(&f, id, &edit)[0].contains("records 1 attempt and its completion"), "{:?}", refused(&f, id, &edit));
}

#[test]
fn an_imported_attempt_without_a_time_still_stops_a_re_opening() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let ri = f.store.interview(id).expect("interview");
    f.store
        .conn
        .execute("INSERT INTO ri_attempts (id, interview_id) VALUES (100, ?1)", [ri.id])
        .expect("an undated attempt");
    let (_, mut edit) = as_read(&f, id);
    edit.returned_at = None;
    assert!(refused(&f, id, &edit)[0].contains("records 1 attempt;"), "{:?}", refused(&f, id, &edit));
}

#[test]
fn the_return_cannot_move_past_the_interviews_first_record() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let ri = f.store.interview(id).expect("interview");
    let tried = Attempt { at: Some(at("2026-03-28 12:00")), ..Attempt::default() };
    f.store.add_attempt(ri.id, ri.version, &tried, now()).expect("attempt");
    let (_, mut edit) = as_read(&f, id);
    edit.returned_at = Some(at("2026-03-28 12:00"));
    assert_eq!(refused(&f, id, &edit), Vec::<String>::new());
    edit.returned_at = Some(at("2026-03-28 12:01"));
    assert_eq!(
        refused(&f, id, &edit),
        [
            "returned_at: Sat 28 Mar 2026 12:01 GMT is after the return interview's first record (Sat 28 Mar 2026 12:00 GMT)"
        ]
    );
}

#[test]
fn a_meeting_already_recorded_must_still_fit() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-20 10:00", Some("2026-03-24 10:00"));
    let not_needed = MeetingEntry { status: MeetingRecord::NotNeeded, meeting_at: None, note: None };
    f.store.set_meeting(id, None, &not_needed, now()).expect("not needed");
    let (_, mut edit) = as_read(&f, id);
    edit.returned_at = None;
    assert_eq!(
        refused(&f, id, &edit),
        [
            "returned_at: the strategy meeting recorded would no longer fit: the child is still missing; a meeting is not needed only when they were found first"
        ]
    );
    let held = MeetingEntry { status: MeetingRecord::Held, meeting_at: Some(at("2026-03-22 10:00")), note: None };
    f.store.set_meeting(id, Some(1), &held, now()).expect("held");
    let (_, mut edit) = as_read(&f, id);
    edit.missing_at = at("2026-03-22 10:00");
    assert_eq!(refused(&f, id, &edit), Vec::<String>::new());
    edit.missing_at = at("2026-03-22 10:01");
    let problems = refused(&f, id, &edit);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].starts_with("missing_at: the strategy meeting recorded would no longer fit:"), "{problems:?}");
}

#[test]
fn a_police_reference_on_another_episode_warns_its_own_does_not() {
    let mut f = fixture();
    let mut new = missing_at("2026-03-20 10:00");
    new.police_ref = Some("NP-26-000001".into());
    let (first, _) = f.store.report_missing(f.alex, &new, now()).expect("first");
    let v = f.store.episode(first).expect("read").version;
    f.store.record_found(first, v, &found_at("2026-03-21 10:00"), now()).expect("found");
    let (version, edit) = as_read(&f, first);
    assert_eq!(f.store.check_episode_edit(first, &edit, now()).expect("check"), []);
    let second = episode(&mut f, "2026-03-22 10:00", Some("2026-03-22 12:00"));
    let (second_version, mut edit) = as_read(&f, second);
    edit.police_ref = Some("NP-26-000001".into());
    let problems = f.store.check_episode_edit(second, &edit, now()).expect("check");
    assert_eq!(problems.len(), 1);
    assert!(!problems[0].blocking);
    assert_eq!(problems[0].field, "police_ref");
    assert!(problems[0].message.contains("episode RC-000001 (Alex Smith)"), "{}", problems[0].message);
    f.store.update_episode(second, second_version, &edit, now()).expect("a warning does not stop the save");
    assert_eq!(version, f.store.episode(first).expect("read").version, "the other episode is untouched");
}
