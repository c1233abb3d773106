//! MPMG writes: meetings, reviews and actions, each audited, versioned and undone.

use super::*;
use crate::domain::mpmg_review::{Action, MpmgMeeting};

pub(super) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// February's meeting, held on Tuesday 10 March 2026.
pub(super) fn february() -> MpmgMeeting {
    MpmgMeeting {
        held_on: day(2026, 3, 10),
        month: (2026, 2),
        attendees: Some(" Police, YOS, CSE team ".into()),
        notes: Some("  ".into()),
    }
}

pub(super) fn action(what: &str, due: Option<NaiveDate>) -> Action {
    Action { what: what.into(), who: Some("Sam Worker".into()), due_on: due, done_on: None }
}

/// Alex's action at February's meeting; (meeting id, action id).
pub(super) fn agreed(f: &mut Fixture) -> (i64, i64) {
    let (meeting, _) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    let (id, _) = f
        .store
        .add_action(f.alex, Some(meeting), &action("Safety plan", Some(day(2026, 3, 20))), today())
        .expect("add");
    (meeting, id)
}

#[test]
fn a_meeting_is_added_tidied_and_updated_with_its_trail() {
    let mut f = fixture();
    let (id, change) = f.store.add_mpmg_meeting(&february(), today()).expect("add");
    assert_eq!(shape(&f.store, &change), ["mpmg_meetings insert"]);
    assert_audited(&f.store, &change, "ana");
    let read = f.store.mpmg_meeting(id).expect("read");
    assert_eq!(read.version, 1);
    assert_eq!(read.value.attendees.as_deref(), Some("Police, YOS, CSE team"));
    assert_eq!(read.value.notes, None, "blank notes are no notes");
    let after = entries(&f.store, &change)[0].after.clone().expect("after");
    assert!(after.contains(r#""held_on":"2026-03-10""#) && after.contains(r#""month":"2026-02""#), "{after}");

    let mut m = read.value.clone();
    m.notes = Some("Next meeting moves to Thursdays".into());
    let change = f.store.update_mpmg_meeting(id, 1, &m, today()).expect("update");
    assert_eq!(shape(&f.store, &change), ["mpmg_meetings update"]);
    assert_audited(&f.store, &change, "ana");
    let e = &entries(&f.store, &change)[0];
    assert!(e.before.as_deref().is_some_and(|b| b.contains(r#""notes":null"#)), "{e:?}");
    assert!(e.after.as_deref().is_some_and(|a| a.contains("Thursdays")), "{e:?}");
    assert_eq!(f.store.mpmg_meeting(id).expect("read").version, 2);
}

#[test]
fn a_second_meeting_for_a_month_and_one_too_far_ahead_are_refused() {
    let mut f = fixture();
    f.store.add_mpmg_meeting(&february(), today()).expect("add");
    let again = MpmgMeeting { held_on: day(2026, 3, 12), ..february() };
    let problems = invalid(f.store.add_mpmg_meeting(&again, today()));
    assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), ["month"]);
    assert!(problems[0].message.contains("Tue 10 Mar 2026"), "{}", problems[0].message);
    let ahead = MpmgMeeting { held_on: day(2026, 5, 12), month: (2026, 4), ..february() };
    assert_eq!(invalid(f.store.add_mpmg_meeting(&ahead, today()))[0].field, "held_on");
    assert_eq!(f.store.mpmg_meetings().expect("read").len(), 1);
}

#[test]
fn a_stale_meeting_save_is_a_conflict_naming_who_changed_what() {
    let mut f = fixture();
    let (id, _) = f.store.add_mpmg_meeting(&february(), today()).expect("add");
    let mut ben = second(&f);
    let theirs = MpmgMeeting { attendees: Some("Police, YOS, CSE team, health".into()), ..february() };
    ben.update_mpmg_meeting(id, 1, &theirs, today()).expect("ben saves first");
    let mine = MpmgMeeting { notes: Some("mine".into()), ..february() };
    let c = conflict(f.store.update_mpmg_meeting(id, 1, &mine, today()));
    assert_eq!((c.table, c.version_now, c.by.clone()), ("mpmg_meetings", Some(2), vec!["ben".to_string()]));
    assert_eq!(c.changes.iter().map(|ch| ch.column.as_str()).collect::<Vec<_>>(), ["attendees"]);
    // Keep mine: saving again at the version now.
    f.store.update_mpmg_meeting(id, 2, &mine, today()).expect("keep mine");
    assert_eq!(f.store.mpmg_meeting(id).expect("read").value.notes.as_deref(), Some("mine"));
}

#[test]
fn a_review_is_set_and_cleared_once_each_and_both_undo() {
    let mut f = fixture();
    let (meeting, _) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    let on = f.store.set_reviewed(meeting, f.alex, true).expect("reviewed");
    assert_eq!(shape(&f.store, &on), ["mpmg_reviews insert"]);
    assert_audited(&f.store, &on, "ana");
    assert_eq!(f.store.reviewed_in(meeting).expect("read"), [f.alex]);
    let again = f.store.set_reviewed(meeting, f.alex, true).expect("already");
    assert!(again.first_audit > again.last_audit, "nothing written: {again:?}");
    assert_eq!(count(&f.store, "SELECT count(*) FROM mpmg_reviews"), 1);

    let off = f.store.set_reviewed(meeting, f.alex, false).expect("not reviewed");
    assert_eq!(shape(&f.store, &off), ["mpmg_reviews delete"]);
    assert_audited(&f.store, &off, "ana");
    assert_eq!(f.store.reviewed_in(meeting).expect("read"), Vec::<i64>::new());
    // Undo the clearing: the review comes back with its id.
    let review_id = entries(&f.store, &off)[0].row_id;
    f.store.undo(&off).expect("undo off");
    assert_eq!(f.store.reviewed_in(meeting).expect("read"), [f.alex]);
    assert_eq!(Some(count(&f.store, "SELECT id FROM mpmg_reviews")), review_id);
    // The review brought back is as setting it left it (at a later
    // version), so undoing the setting too removes it: newest first.
    f.store.undo(&on).expect("undo on");
    assert!(f.store.reviewed_in(meeting).expect("read").is_empty());
}

#[test]
fn undoing_a_review_removes_it_unless_ben_cleared_and_set_it_since() {
    let mut f = fixture();
    let (meeting, _) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    let on = f.store.set_reviewed(meeting, f.alex, true).expect("reviewed");
    let undo = f.store.undo(&on).expect("undo");
    assert_eq!(shape(&f.store, &undo), ["mpmg_reviews delete"]);
    assert!(f.store.reviewed_in(meeting).expect("read").is_empty());
    let on = f.store.set_reviewed(meeting, f.alex, true).expect("reviewed again");
    let mut ben = second(&f);
    ben.set_reviewed(meeting, f.alex, false).expect("ben clears");
    ben.set_reviewed(meeting, f.alex, true).expect("ben sets: a new review row");
    let c = conflict(f.store.undo(&on));
    assert_eq!((c.table, c.version_now), ("mpmg_reviews", None));
    assert_eq!(f.store.reviewed_in(meeting).expect("read"), [f.alex], "ben's review stays");
}

#[test]
fn a_review_with_actions_agreed_at_it_stays_and_unknown_rows_are_named() {
    let mut f = fixture();
    let (meeting, _) = agreed(&mut f);
    let problems = invalid(f.store.set_reviewed(meeting, f.alex, false));
    assert_eq!(problems[0].field, "reviewed");
    assert!(problems[0].message.contains("1 action was agreed"), "{}", problems[0].message);
    let err = f.store.set_reviewed(999, f.alex, true).expect_err("no meeting");
    assert!(err.to_string().contains("MPMG meeting you opened is no longer"), "{err}");
    let err = f.store.add_action(999, None, &action("x", None), today()).expect_err("no child");
    assert!(err.to_string().contains("young person you opened"), "{err}");
}

#[test]
fn an_action_at_a_meeting_records_the_review_and_undo_takes_both_back() {
    let mut f = fixture();
    let (meeting, _) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    let a = action("  Share the safety plan with carers ", Some(day(2026, 3, 20)));
    let (id, change) = f.store.add_action(f.alex, Some(meeting), &a, today()).expect("add");
    assert_eq!(shape(&f.store, &change), ["mpmg_actions insert", "mpmg_reviews insert"]);
    assert_audited(&f.store, &change, "ana");
    let read = f.store.mpmg_action(id).expect("read");
    assert_eq!(read.value.action.what, "Share the safety plan with carers");
    assert_eq!(read.value.meeting.map(|m| (m.id, m.month)), Some((meeting, (2026, 2))));
    assert_eq!(f.store.reviewed_in(meeting).expect("read"), [f.alex]);
    // A second action at the same meeting adds no second review.
    let (_, second_change) =
        f.store.add_action(f.alex, Some(meeting), &action("Return home visit", None), today()).expect("add");
    assert_eq!(shape(&f.store, &second_change), ["mpmg_actions insert"]);
    f.store.undo(&second_change).expect("undo the second");
    let undo = f.store.undo(&change).expect("undo the first");
    assert_eq!(shape(&f.store, &undo), ["mpmg_reviews delete", "mpmg_actions delete"]);
    assert_eq!(count(&f.store, "SELECT count(*) FROM mpmg_actions"), 0);
    assert!(f.store.reviewed_in(meeting).expect("read").is_empty());
}

#[test]
fn the_action_rules_are_enforced_on_save_and_nothing_is_written() {
    let mut f = fixture();
    let (meeting, _) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    let fields = |r| invalid(r).iter().map(|p: &Problem| p.field).collect::<Vec<_>>();
    let before = f.store.audit_count().expect("count");
    let s = &mut f.store;
    assert_eq!(fields(s.add_action(f.alex, None, &action(" ", None), today())), ["what"]);
    assert_eq!(fields(s.add_action(f.alex, Some(meeting), &action("x", Some(day(2026, 3, 9))), today())), ["due_on"]);
    let mut done_ahead = action("x", None);
    done_ahead.done_on = Some(day(2026, 3, 31));
    assert_eq!(fields(s.add_action(f.alex, None, &done_ahead, today())), ["done_on"]);
    // No one named is only a warning: it saves.
    let mut no_one = action("Speak to school", None);
    no_one.who = None;
    assert_eq!(s.check_mpmg_action(None, &no_one, today()).expect("check")[0].field, "who");
    s.add_action(f.alex, None, &no_one, today()).expect("saved with a warning");
    assert_eq!(s.audit_count().expect("count"), before + 1);
}

#[test]
fn a_stale_action_save_is_a_conflict_and_a_deleted_one_has_no_version() {
    let mut f = fixture();
    let (_, id) = agreed(&mut f);
    let mut ben = second(&f);
    let mut theirs = action("Safety plan", Some(day(2026, 3, 20)));
    theirs.who = Some("Pat Runaways".into());
    ben.update_action(id, 1, None, &theirs, today()).expect("ben moves it off the meeting, to Pat");
    let c = conflict(f.store.update_action(id, 1, None, &action("Safety plan, signed", None), today()));
    assert_eq!((c.table, c.version_now, c.by.clone()), ("mpmg_actions", Some(2), vec!["ben".to_string()]));
    assert_eq!(c.changes.iter().map(|ch| ch.column.as_str()).collect::<Vec<_>>(), ["meeting_id", "who"]);
    conflict(f.store.mark_action_done(id, 1, today(), today()));
    conflict(f.store.reopen_action(id, 1));
    conflict(f.store.delete_action(id, 1));
    ben.delete_action(id, 2).expect("ben deletes it");
    let c = conflict(f.store.update_action(id, 2, None, &action("again", None), today()));
    assert_eq!((c.version_now, c.by), (None, vec!["ben".to_string()]));
}

#[test]
fn done_and_reopened_are_audited_and_each_undoes() {
    let mut f = fixture();
    let (_, id) = agreed(&mut f);
    let done = f.store.mark_action_done(id, 1, day(2026, 3, 25), today()).expect("done");
    assert_eq!(shape(&f.store, &done), ["mpmg_actions update"]);
    assert_audited(&f.store, &done, "ana");
    assert_eq!(f.store.mpmg_action(id).expect("read").value.action.done_on, Some(day(2026, 3, 25)));
    let reopened = f.store.reopen_action(id, 2).expect("reopen");
    assert_audited(&f.store, &reopened, "ana");
    assert_eq!(f.store.mpmg_action(id).expect("read").value.action.done_on, None);
    f.store.undo(&reopened).expect("undo reopen");
    assert_eq!(f.store.mpmg_action(id).expect("read").value.action.done_on, Some(day(2026, 3, 25)));
    f.store.undo(&done).expect("undo done, after its reopening was undone");
    let read = f.store.mpmg_action(id).expect("read");
    assert_eq!((read.version, read.value.action.done_on), (5, None));
    // Done before the meeting, or tomorrow, is refused.
    assert_eq!(invalid(f.store.mark_action_done(id, 5, day(2026, 3, 9), today()))[0].field, "done_on");
    assert_eq!(invalid(f.store.mark_action_done(id, 5, day(2026, 3, 31), today()))[0].field, "done_on");
}

#[test]
fn an_edit_and_a_deletion_undo_and_the_deleted_action_returns_with_its_id() {
    let mut f = fixture();
    let (_, id) = agreed(&mut f);
    let before = f.store.mpmg_action(id).expect("read").value;
    let mut changed = before.action.clone();
    changed.what = "Safety plan, reviewed with carers".into();
    let edit = f.store.update_action(id, 1, None, &changed, today()).expect("edit");
    assert_audited(&f.store, &edit, "ana");
    f.store.undo(&edit).expect("undo edit");
    assert_eq!(f.store.mpmg_action(id).expect("read").value, before);

    let deletion = f.store.delete_action(id, 3).expect("delete");
    assert_eq!(shape(&f.store, &deletion), ["mpmg_actions delete"]);
    assert_audited(&f.store, &deletion, "ana");
    assert!(f.store.actions_of(f.alex).expect("read").is_empty());
    f.store.undo(&deletion).expect("undo delete");
    let back = f.store.mpmg_action(id).expect("back with its id");
    assert_eq!((back.version, back.value), (4, before));
}

#[test]
fn a_meeting_with_actions_cannot_be_undone_away_or_moved_after_them() {
    let mut f = fixture();
    let (meeting, change) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    f.store.add_action(f.alex, Some(meeting), &action("Safety plan", Some(day(2026, 3, 12))), today()).expect("add");
    let err = f.store.undo(&change).expect_err("tied to an action");
    assert!(matches!(&err, EditError::CannotUndo(m) if m.contains("MPMG meeting")), "{err}");
    let later = MpmgMeeting { held_on: day(2026, 3, 13), ..february() };
    assert_eq!(invalid(f.store.update_mpmg_meeting(meeting, 1, &later, today()))[0].field, "held_on");
}

#[test]
fn undoing_a_meeting_update_restores_it() {
    let mut f = fixture();
    let (id, _) = f.store.add_mpmg_meeting(&february(), today()).expect("meeting");
    let before = f.store.mpmg_meeting(id).expect("read").value;
    let moved = MpmgMeeting { held_on: day(2026, 3, 3), attendees: None, ..february() };
    let change = f.store.update_mpmg_meeting(id, 1, &moved, today()).expect("update");
    f.store.undo(&change).expect("undo");
    let read = f.store.mpmg_meeting(id).expect("read");
    assert_eq!((read.version, read.value), (3, before));
}
