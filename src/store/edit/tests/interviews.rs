//! The return interview's forms.

use super::*;
use crate::domain::codes::{AttemptMethod, AttemptOutcome, Reason, RiOutcome, Signoff};

/// Alex's episode, back at 11:00 on 28 March; its interview as read.
fn returned(f: &mut Fixture) -> (i64, Stamped<InterviewRecord>) {
    let id = episode(f, "2026-03-27 10:00", Some("2026-03-28 11:00"));
    let ri = f.store.interview(id).expect("interview");
    (id, ri)
}

fn attempt(t: &str, method: Option<AttemptMethod>, outcome: Option<AttemptOutcome>) -> Attempt {
    Attempt { at: Some(at(t)), method, outcome }
}

fn done(t: &str, outcome: RiOutcome) -> Completion {
    Completion { completed_at: at(t), outcome, reasons: vec![Reason::Friends, Reason::Friends, Reason::Drugs] }
}

#[test]
fn a_worker_is_assigned_and_cleared() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let change = f.store.assign_worker(ri.id, ri.version, Some(" Sam Worker ".into())).expect("assign");
    let now_ri = f.store.interview(episode_id).expect("read");
    assert_eq!(now_ri.value.interview.worker.as_deref(), Some("Sam Worker"));
    assert_eq!(now_ri.version, ri.version + 1);
    assert_eq!(shape(&f.store, &change), ["return_interviews update"]);
    assert_audited(&f.store, &change, "ana");
    f.store.assign_worker(ri.id, now_ri.version, Some("".into())).expect("clear");
    assert_eq!(f.store.interview(episode_id).expect("read").value.interview.worker, None);
}

#[test]
fn attempts_are_listed_in_time_order_and_each_moves_the_interviews_version() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let later = attempt("2026-03-29 10:00", Some(AttemptMethod::Phone), Some(AttemptOutcome::NotSeen));
    let earlier = attempt("2026-03-28 11:00", Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::Declined));
    let change = f.store.add_attempt(ri.id, ri.version, &later, now()).expect("add");
    assert_eq!(shape(&f.store, &change), ["return_interviews update", "ri_attempts insert"]);
    assert_audited(&f.store, &change, "ana");
    f.store.add_attempt(ri.id, ri.version + 1, &earlier, now()).expect("add exactly at the return");
    let read = f.store.interview(episode_id).expect("read");
    assert_eq!(read.version, ri.version + 2);
    assert_eq!(read.value.attempts, [earlier.clone(), later.clone()]);
    assert_eq!(read.value.interview.attempts, 2);
    // Two people adding an attempt from the same read: the second is told.
    let c = conflict(f.store.add_attempt(ri.id, ri.version + 1, &later, now()));
    assert_eq!(c.version_now, Some(ri.version + 2));
    assert_eq!(c.changes, [FieldChange { column: "attempts".into(), was: Some("1".into()), now: Some("2".into()) }]);
    assert_eq!(f.store.interview(episode_id).expect("read").value.attempts.len(), 2, "nothing written");
}

#[test]
fn an_attempt_before_the_return_or_in_the_future_is_refused() {
    let mut f = fixture();
    let (_, ri) = returned(&mut f);
    let problems = invalid(f.store.add_attempt(ri.id, ri.version, &attempt("2026-03-28 10:59", None, None), now()));
    assert_eq!(problems[0].field, "attempted_at");
    let problems = invalid(f.store.add_attempt(ri.id, ri.version, &attempt("2026-03-30 12:01", None, None), now()));
    assert_eq!(problems[0].field, "attempted_at");
}

#[test]
fn an_attempt_is_deleted_by_its_place_in_the_list() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let a = attempt("2026-03-28 12:00", None, None);
    let b = attempt("2026-03-29 12:00", Some(AttemptMethod::Letter), None);
    f.store.add_attempt(ri.id, ri.version, &b, now()).expect("add");
    f.store.add_attempt(ri.id, ri.version + 1, &a, now()).expect("add");
    let read = f.store.interview(episode_id).expect("read");
    let problems = invalid(f.store.delete_attempt(ri.id, read.version, 2));
    assert!(problems[0].message.contains("no attempt 3"), "{}", problems[0].message);
    let change = f.store.delete_attempt(ri.id, read.version, 0).expect("delete the first");
    assert_eq!(shape(&f.store, &change), ["return_interviews update", "ri_attempts delete"]);
    assert_audited(&f.store, &change, "ana");
    assert_eq!(f.store.interview(episode_id).expect("read").value.attempts, [b]);
}

#[test]
fn completed_exactly_at_the_return_is_saved_with_its_reasons_once_each() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let early =
        invalid(f.store.complete_interview(ri.id, ri.version, &done("2026-03-28 10:59", RiOutcome::FaceToFace), now()));
    assert_eq!(early[0].field, "completed_at");
    let change = f
        .store
        .complete_interview(ri.id, ri.version, &done("2026-03-28 11:00", RiOutcome::FaceToFace), now())
        .expect("complete");
    assert_audited(&f.store, &change, "ana");
    let read = f.store.interview(episode_id).expect("read").value.interview;
    assert_eq!(read.completed_at, Some(at("2026-03-28 11:00")));
    assert_eq!(read.outcome, Some(RiOutcome::FaceToFace));
    assert_eq!(read.reasons, [Reason::Friends, Reason::Drugs]);
}

#[test]
fn no_interview_is_completed_for_a_child_still_missing() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-29 10:00", None);
    let ri = f.store.interview(id).expect("interview");
    let problems =
        invalid(f.store.complete_interview(ri.id, ri.version, &done("2026-03-30 10:00", RiOutcome::Declined), now()));
    assert!(problems[0].message.contains("found first"), "{}", problems[0].message);
}

#[test]
fn from_carers_needs_two_failed_face_to_face_attempts_not_counting_seen_ones() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let mut v = ri.version;
    let mut add = |f: &mut Fixture, a: Attempt| {
        f.store.add_attempt(ri.id, v, &a, now()).expect("attempt");
        v += 1;
        v
    };
    add(&mut f, attempt("2026-03-28 12:00", Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::NotSeen)));
    let v = add(&mut f, attempt("2026-03-28 13:00", Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::Seen)));
    let carers = done("2026-03-30 10:00", RiOutcome::FromCarers);
    let problems = invalid(f.store.complete_interview(ri.id, v, &carers, now()));
    assert_eq!(problems[0].field, "outcome");
    assert!(problems[0].message.contains("1 recorded"), "{}", problems[0].message);
    let tried = attempt("2026-03-29 12:00", Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::MissingAgain));
    f.store.add_attempt(ri.id, v, &tried, now()).expect("second failed attempt");
    f.store.complete_interview(ri.id, v + 1, &carers, now()).expect("two failed attempts are enough");
    assert_eq!(f.store.interview(episode_id).expect("read").value.interview.outcome, Some(RiOutcome::FromCarers));
}

#[test]
fn not_required_needs_a_reason_and_keeps_required_as_it_was() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let problems = invalid(f.store.interview_not_required(ri.id, ri.version, "  "));
    assert_eq!(problems[0].field, "not_required_reason");
    let change =
        f.store.interview_not_required(ri.id, ri.version, "short episode treated as absent").expect("not required");
    assert_audited(&f.store, &change, "ana");
    assert!(entries(&f.store, &change)[0].after.as_deref().expect("after").contains(r#""outcome":"not_required""#));
    let read = f.store.interview(episode_id).expect("read").value;
    assert!(read.interview.required, "the default stays");
    assert!(!read.interview.is_required(), "the outcome takes it off the chase list");
    assert_eq!(read.not_required_reason.as_deref(), Some("short episode treated as absent"));
}

#[test]
fn only_a_concluded_interview_is_signed_off() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    let problems = invalid(f.store.sign_off(ri.id, ri.version, Signoff::Approved, now()));
    assert_eq!(problems[0].field, "signoff");
    f.store.complete_interview(ri.id, ri.version, &done("2026-03-29 10:00", RiOutcome::Declined), now()).expect("done");
    let change = f.store.sign_off(ri.id, ri.version + 1, Signoff::Approved, now()).expect("sign off");
    assert_audited(&f.store, &change, "ana");
    assert_eq!(f.store.interview(episode_id).expect("read").value.signoff, Signoff::Approved);
    assert_eq!(f.store.check_signoff(ri.id, Signoff::Rework).expect("check"), []);
    let (by, at): (Option<String>, Option<String>) = f
        .store
        .conn
        .query_row("SELECT signed_off_by, signed_off_at FROM return_interviews WHERE id = ?1", [ri.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row");
    assert_eq!((by.as_deref(), at), (Some("ana"), Some(crate::domain::time::db_text(now()))));
}

#[test]
fn a_schema_4_file_gains_who_signed_off_and_when_empty_for_the_interviews_it_holds() {
    let mut f = fixture();
    let (_, ri) = returned(&mut f);
    crate::store::schema::back_to_5(&f.store.conn).expect("back to schema 5");
    f.store
        .conn
        .execute_batch(
            "DROP TRIGGER audit_return_interviews_insert; DROP TRIGGER audit_return_interviews_update;
             DROP TRIGGER audit_return_interviews_delete;
             ALTER TABLE return_interviews DROP COLUMN signed_off_by;
             ALTER TABLE return_interviews DROP COLUMN signed_off_at; PRAGMA user_version = 4;",
        )
        .expect("back to schema 4");
    let path = f.path.clone();
    drop(f.store);
    let store = crate::store::Store::open_existing(&path).expect("migrates");
    let (by, at): (Option<String>, Option<String>) = store
        .conn
        .query_row("SELECT signed_off_by, signed_off_at FROM return_interviews WHERE id = ?1", [ri.id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("row");
    assert_eq!((by, at), (None, None));
}

#[test]
fn an_interview_marked_not_required_is_made_required_again_and_its_reason_cleared() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    f.store.interview_not_required(ri.id, ri.version, "away, whereabouts known").expect("not required");
    let read = f.store.interview(episode_id).expect("read");
    assert!(!read.value.interview.is_required());
    let change = f.store.require_interview(read.id, read.version).expect("required");
    assert_eq!(shape(&f.store, &change), ["return_interviews update"]);
    assert_audited(&f.store, &change, "ana");
    let read = f.store.interview(episode_id).expect("read");
    assert!(read.value.interview.is_required());
    assert_eq!((read.value.interview.outcome, read.value.not_required_reason), (None, None));
    // From a stale read, it is a conflict like any other write.
    conflict(f.store.require_interview(read.id, read.version - 1));
    f.store.undo(&change).expect("undo");
    assert!(!f.store.interview(episode_id).expect("read").value.interview.is_required());
}

#[test]
fn making_a_completed_interview_required_keeps_its_outcome() {
    let mut f = fixture();
    let (episode_id, ri) = returned(&mut f);
    f.store
        .complete_interview(ri.id, ri.version, &done("2026-03-29 10:00", RiOutcome::FaceToFace), now())
        .expect("done");
    let read = f.store.interview(episode_id).expect("read");
    f.store.require_interview(read.id, read.version).expect("required");
    let read = f.store.interview(episode_id).expect("read");
    assert_eq!(read.value.interview.outcome, Some(RiOutcome::FaceToFace));
}
