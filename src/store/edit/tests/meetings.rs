//! The strategy meeting form.

use super::*;
use crate::domain::codes::MeetingRecord;

fn entry(status: MeetingRecord, t: Option<&str>, note: Option<&str>) -> MeetingEntry {
    MeetingEntry { status, meeting_at: t.map(at), note: note.map(str::to_string) }
}

#[test]
fn the_first_save_makes_the_meeting_and_later_saves_update_it() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-26 10:00", None);
    assert_eq!(f.store.meeting(id).expect("read"), None);
    let planned = entry(MeetingRecord::Planned, Some("2026-04-01 10:00"), None);
    let change = f.store.set_meeting(id, None, &planned, now()).expect("plan");
    assert_eq!(shape(&f.store, &change), ["strategy_meetings insert"]);
    assert_audited(&f.store, &change, "ana");
    let read = f.store.meeting(id).expect("read").expect("a meeting");
    assert_eq!((read.version, &read.value), (1, &planned));
    let held = entry(MeetingRecord::Held, Some("2026-03-30 12:00"), Some(" police, YOS, CSE "));
    let change = f.store.set_meeting(id, Some(read.version), &held, now()).expect("held now");
    assert_eq!(shape(&f.store, &change), ["strategy_meetings update"]);
    assert_audited(&f.store, &change, "ana");
    let read = f.store.meeting(id).expect("read").expect("a meeting");
    assert_eq!(read.version, 2);
    assert_eq!(read.value.note.as_deref(), Some("police, YOS, CSE"));
}

#[test]
fn a_meeting_recorded_meanwhile_by_someone_else_is_a_conflict() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-26 10:00", None);
    let mut ben = second(&f);
    ben.set_meeting(id, None, &entry(MeetingRecord::Planned, Some("2026-04-01 10:00"), None), now()).expect("ben");
    let c = conflict(f.store.set_meeting(id, None, &entry(MeetingRecord::NotHeld, None, Some("no chair")), now()));
    assert_eq!((c.table, c.version_now, c.by.clone()), ("strategy_meetings", Some(1), vec!["ben".to_string()]));
    let columns: Vec<&str> = c.changes.iter().map(|ch| ch.column.as_str()).collect();
    assert_eq!(columns, ["episode_id", "status", "meeting_at"]);
    assert!(c.changes.iter().all(|ch| ch.was.is_none()));
    assert_eq!(f.store.meeting(id).expect("read").expect("ben's").value.status, MeetingRecord::Planned);
}

#[test]
fn a_meeting_deleted_since_it_was_read_is_a_conflict_with_no_version() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-26 10:00", None);
    let change = f
        .store
        .set_meeting(id, None, &entry(MeetingRecord::Planned, Some("2026-04-01 10:00"), None), now())
        .expect("plan");
    f.store.undo(&change).expect("undo");
    let c = conflict(f.store.set_meeting(id, Some(1), &entry(MeetingRecord::NotHeld, None, Some("x")), now()));
    assert_eq!((c.version_now, c.by.clone()), (None, vec!["ana".to_string()]));
}

#[test]
fn the_meeting_rules_are_enforced_on_save() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-26 10:00", None);
    let fields = |r| invalid(r).iter().map(|p: &Problem| p.field).collect::<Vec<_>>();
    let s = &mut f.store;
    assert_eq!(
        fields(s.set_meeting(id, None, &entry(MeetingRecord::Held, Some("2026-03-30 12:01"), None), now())),
        ["meeting_at"]
    );
    assert_eq!(fields(s.set_meeting(id, None, &entry(MeetingRecord::Planned, None, None), now())), ["meeting_at"]);
    assert_eq!(fields(s.set_meeting(id, None, &entry(MeetingRecord::NotHeld, None, Some(" ")), now())), ["note"]);
    assert_eq!(fields(s.set_meeting(id, None, &entry(MeetingRecord::NotNeeded, None, None), now())), ["status"]);
    assert_eq!(s.meeting(id).expect("read"), None, "nothing written");
}
