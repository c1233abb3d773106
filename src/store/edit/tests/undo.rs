//! Undo of each kind of write, and its refusals.

use super::*;
use crate::domain::codes::{MeetingRecord, Reason, RiOutcome, Signoff};

#[test]
fn undoing_a_new_child_removes_them_and_the_placement_they_brought() {
    let mut f = fixture();
    let mut rec = record("T200", "Billie", "Sample");
    rec.profile.placement = Some(Placement { kind: MissingFrom::Foster, name: "Foster home 3".into() });
    let (id, change) = f.store.add_person(&rec, today()).expect("add");
    let undo = f.store.undo(&change).expect("undo");
    assert_eq!(shape(&f.store, &undo), ["people delete", "placements delete"]);
    assert!(entries(&f.store, &undo).iter().all(|e| e.who == "ana"));
    assert_eq!(row(&f.store, "people", id), None);
    assert_eq!(f.store.placements().expect("placements").len(), 1, "Willows stays: Alex lives there");
}

#[test]
fn undoing_an_update_puts_every_column_back_at_a_new_version() {
    let mut f = fixture();
    let read = f.store.person(f.alex).expect("read");
    let before = row(&f.store, "people", f.alex).expect("row");
    let mut rec = read.value.clone();
    rec.person.given_name = "Alexandra".into();
    rec.profile.placement = Some(Placement { kind: MissingFrom::IndependentHome, name: "The Gables".into() });
    let change = f.store.update_person(f.alex, read.version, &rec, today()).expect("update");
    f.store.undo(&change).expect("undo");
    let mut after = row(&f.store, "people", f.alex).expect("row");
    assert_eq!(after.remove("version"), Some((read.version + 2).into()));
    let mut expected = before.clone();
    expected.remove("version");
    assert_eq!(after, expected);
    assert_eq!(f.store.placements().expect("placements").len(), 1, "The Gables was only this change's");
}

#[test]
fn an_undo_is_refused_when_the_row_changed_since_and_nothing_is_undone() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-28 09:30", None);
    let read = f.store.episode(id).expect("read");
    let change = f.store.record_found(id, read.version, &found_at("2026-03-29 09:30"), now()).expect("found");
    let mut ben = second(&f);
    let mut found = found_at("2026-03-29 09:30");
    found.found_with = Some("a friend".into());
    ben.record_found(id, read.version + 1, &found, now()).expect("ben adds who with");
    let audit_before = f.store.audit_count().expect("count");
    let c = conflict(f.store.undo(&change));
    assert_eq!(c.by, ["ben"]);
    assert_eq!(c.changes.iter().map(|ch| ch.column.as_str()).collect::<Vec<_>>(), ["found_with"]);
    assert_eq!(f.store.audit_count().expect("count"), audit_before);
}

#[test]
fn only_the_person_who_made_a_change_can_undo_it() {
    let mut f = fixture();
    let read = f.store.person(f.alex).expect("read");
    let mut rec = read.value.clone();
    rec.person.team = Some("South CiC".into());
    let change = f.store.update_person(f.alex, read.version, &rec, today()).expect("update");
    let mut ben = second(&f);
    let err = ben.undo(&change).expect_err("not ben's");
    assert!(matches!(&err, EditError::CannotUndo(m) if m.contains("made by ana")), "{err}");
}

#[test]
fn undoing_twice_is_a_conflict_and_undoing_the_undo_redoes() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-28 09:30", None);
    let read = f.store.episode(id).expect("read");
    let change = f.store.record_found(id, read.version, &found_at("2026-03-29 09:30"), now()).expect("found");
    let undo = f.store.undo(&change).expect("undo");
    assert_eq!(f.store.episode(id).expect("read").value.episode.returned_at, None);
    conflict(f.store.undo(&change));
    f.store.undo(&undo).expect("redo");
    assert_eq!(f.store.episode(id).expect("read").value.episode.returned_at, Some(at("2026-03-29 09:30")));
}

#[test]
fn a_users_changes_undo_newest_first() {
    let mut f = fixture();
    let (id, report) = f.store.report_missing(f.alex, &missing_at("2026-03-28 09:30"), now()).expect("report");
    let found = f.store.record_found(id, 1, &found_at("2026-03-29 09:30"), now()).expect("found");
    let mut ben = second(&f);
    let mut other = record("T200", "Billie", "Sample");
    other.profile.placement = None;
    ben.add_person(&other, today()).expect("ben's unrelated save");
    f.store.undo(&found).expect("undo found");
    assert_eq!(f.store.episode(id).expect("read").version, 3);
    f.store.undo(&report).expect("undo the report, although undoing found moved the version");
    assert_eq!(row(&f.store, "episodes", id), None);
}

#[test]
fn undoing_a_report_removes_the_episode_and_its_interview() {
    let mut f = fixture();
    let (id, change) = f.store.report_missing(f.alex, &missing_at("2026-03-28 09:30"), now()).expect("report");
    let undo = f.store.undo(&change).expect("undo");
    assert_eq!(shape(&f.store, &undo), ["return_interviews delete", "episodes delete"]);
    assert_eq!(row(&f.store, "episodes", id), None);
    assert_eq!(count(&f.store, "SELECT count(*) FROM return_interviews"), 0);
}

/// One interview write, given the store and the version read.
type InterviewWrite = dyn Fn(&mut Store, i64) -> std::result::Result<Change, EditError>;

#[test]
fn each_interview_write_undoes() {
    let mut f = fixture();
    let episode_id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let original = f.store.interview(episode_id).expect("read");
    let ri = original.id;
    let tried = Attempt { at: Some(at("2026-03-28 12:00")), ..Attempt::default() };
    let writes: Vec<Box<InterviewWrite>> = vec![
        Box::new(move |s, v| s.assign_worker(ri, v, Some("Sam Worker".into()))),
        Box::new(move |s, v| s.add_attempt(ri, v, &tried, now())),
        Box::new(move |s, v| {
            let c = Completion {
                completed_at: at("2026-03-29 10:00"),
                outcome: RiOutcome::Declined,
                reasons: vec![Reason::Cse],
            };
            s.complete_interview(ri, v, &c, now())
        }),
        Box::new(move |s, v| s.interview_not_required(ri, v, "absent, known whereabouts")),
    ];
    for (i, write) in writes.iter().enumerate() {
        let before = f.store.interview(episode_id).expect("read");
        let change = write(&mut f.store, before.version).unwrap_or_else(|e| panic!("write {i}: {e}"));
        assert_ne!(f.store.interview(episode_id).expect("read").value, before.value, "write {i} changed something");
        f.store.undo(&change).unwrap_or_else(|e| panic!("undo {i}: {e}"));
        assert_eq!(f.store.interview(episode_id).expect("read").value, before.value, "undo {i}");
    }
    // Deleting an attempt undoes too: it comes back with its id.
    let v = f.store.interview(episode_id).expect("read").version;
    f.store
        .add_attempt(ri, v, &Attempt { at: Some(at("2026-03-28 12:00")), ..Attempt::default() }, now())
        .expect("add");
    let attempt_id = count(&f.store, "SELECT max(id) FROM ri_attempts");
    let change = f.store.delete_attempt(ri, v + 1, 0).expect("delete");
    f.store.undo(&change).expect("undo");
    assert_eq!(count(&f.store, "SELECT max(id) FROM ri_attempts"), attempt_id);
    assert_eq!(f.store.interview(episode_id).expect("read").value.attempts.len(), 1);
    // And a sign-off.
    let v = f.store.interview(episode_id).expect("read").version;
    f.store.interview_not_required(ri, v, "absent, known whereabouts").expect("not required");
    let change = f.store.sign_off(ri, v + 1, Signoff::Approved, now()).expect("sign off");
    f.store.undo(&change).expect("undo");
    assert_eq!(f.store.interview(episode_id).expect("read").value.signoff, Signoff::Pending);
}

#[test]
fn undoing_a_meeting_update_restores_the_meeting() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-26 10:00", None);
    let planned = MeetingEntry { status: MeetingRecord::Planned, meeting_at: Some(at("2026-04-01 10:00")), note: None };
    f.store.set_meeting(id, None, &planned, now()).expect("plan");
    let held = MeetingEntry { status: MeetingRecord::Held, meeting_at: Some(at("2026-03-30 09:00")), note: None };
    let change = f.store.set_meeting(id, Some(1), &held, now()).expect("held");
    f.store.undo(&change).expect("undo");
    let read = f.store.meeting(id).expect("read").expect("meeting");
    assert_eq!((read.version, read.value), (3, planned));
}

#[test]
fn a_placement_someone_else_uses_since_stays_when_its_change_is_undone() {
    let mut f = fixture();
    let mut rec = record("T200", "Billie", "Sample");
    rec.profile.placement = Some(Placement { kind: MissingFrom::Foster, name: "Foster home 3".into() });
    let (_, change) = f.store.add_person(&rec, today()).expect("add Billie");
    let mut ben = second(&f);
    let mut casey = record("T300", "Casey", "Fixture");
    casey.profile.placement = rec.profile.placement.clone();
    ben.add_person(&casey, today()).expect("ben adds Casey, placed at Foster home 3 too");
    f.store.undo(&change).expect("undo Billie");
    assert_eq!(f.store.placements().expect("placements").len(), 2);
}
