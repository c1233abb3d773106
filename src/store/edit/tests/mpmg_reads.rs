//! MPMG reads: the orders, counts and groups the screens and the MPMG tab use.

use super::mpmg::{action, day, february};
use super::*;
use crate::domain::mpmg_review::MpmgMeeting;
use crate::store::OpenActions;

fn march() -> MpmgMeeting {
    MpmgMeeting { held_on: day(2026, 4, 8), month: (2026, 3), attendees: None, notes: None }
}

#[test]
fn a_childs_actions_come_open_first_soonest_due_first_then_done_latest_first() {
    let mut f = fixture();
    let s = &mut f.store;
    let add = |s: &mut Store, what: &str, due: Option<NaiveDate>, done: Option<NaiveDate>| {
        let mut a = action(what, due);
        a.done_on = done;
        s.add_action(f.alex, None, &a, today()).expect("add");
    };
    add(s, "undated", None, None);
    add(s, "done early", Some(day(2026, 1, 5)), Some(day(2026, 1, 4)));
    add(s, "due later", Some(day(2026, 4, 20)), None);
    add(s, "overdue", Some(day(2026, 3, 2)), None);
    add(s, "done late", Some(day(2026, 1, 1)), Some(day(2026, 3, 1)));
    add(s, "due today", Some(today()), None);
    let order: Vec<String> = s.actions_of(f.alex).expect("read").into_iter().map(|a| a.value.action.what).collect();
    assert_eq!(order, ["overdue", "due today", "due later", "undated", "done late", "done early"]);
    let counts = s.open_actions_by_person(today()).expect("counts");
    assert_eq!(counts.get(&f.alex), Some(&OpenActions { open: 4, overdue: 1 }));
    assert_eq!(counts.len(), 1, "children with none open are left out");
}

#[test]
fn meetings_read_newest_first_by_month_and_with_their_reviews() {
    let mut f = fixture();
    let (feb, _) = f.store.add_mpmg_meeting(&february(), today()).expect("feb");
    let (billie, _) = f.store.add_person(&record("T200", "Billie", "Sample"), today()).expect("Billie");
    let (mar, _) = f.store.add_mpmg_meeting(&march(), today()).expect("march, ahead");
    f.store.set_reviewed(feb, billie, true).expect("review");
    f.store.set_reviewed(feb, f.alex, true).expect("review");
    f.store.set_reviewed(mar, f.alex, true).expect("review");
    let months: Vec<_> = f.store.mpmg_meetings().expect("read").iter().map(|m| m.value.month).collect();
    assert_eq!(months, [(2026, 3), (2026, 2)]);
    assert_eq!(f.store.mpmg_meeting_for_month((2026, 2)).expect("read").map(|m| m.id), Some(feb));
    assert_eq!(f.store.mpmg_meeting_for_month((2026, 1)).expect("read"), None);
    let (meeting, reviewed) = f.store.reviewed_at_month((2026, 2)).expect("read");
    let refs = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<std::collections::HashSet<_>>();
    assert_eq!((meeting.map(|m| m.value), reviewed), (Some(tidied(february())), refs(&["T200", "T100"])));
    // Alex was reviewed in March too, but not at January's meeting: there is none.
    assert_eq!(f.store.reviewed_at_month((2026, 1)).expect("read"), (None, refs(&[])));
    assert_eq!(f.store.reviewed_at_month((2026, 3)).expect("read").1, refs(&["T100"]));
    let of_alex: Vec<_> = f.store.reviews_of(f.alex).expect("read").iter().map(|m| m.month).collect();
    assert_eq!(of_alex, [(2026, 3), (2026, 2)]);
}

fn tidied(m: MpmgMeeting) -> MpmgMeeting {
    MpmgMeeting { attendees: m.attendees.map(|a| a.trim().to_string()), notes: None, ..m }
}

#[test]
fn the_trajectory_group_is_every_child_reviewed_in_the_span_once_by_name() {
    let mut f = fixture();
    let (feb, _) = f.store.add_mpmg_meeting(&february(), today()).expect("feb");
    let (mar, _) = f.store.add_mpmg_meeting(&march(), today()).expect("mar");
    let jan = MpmgMeeting { held_on: day(2026, 2, 10), month: (2026, 1), attendees: None, notes: None };
    let (jan, _) = f.store.add_mpmg_meeting(&jan, today()).expect("jan");
    let (billie, _) = f.store.add_person(&record("T200", "Billie", "Adams"), today()).expect("Billie");
    let (casey, _) = f.store.add_person(&record("T300", "Casey", "Zed"), today()).expect("Casey");
    for (meeting, child) in [(feb, f.alex), (mar, f.alex), (mar, billie), (jan, casey)] {
        f.store.set_reviewed(meeting, child, true).expect("review");
    }
    let group = f.store.children_reviewed_between((2026, 2), (2026, 3)).expect("read");
    let rows: Vec<_> =
        group.iter().map(|c| (c.person_ref.as_str(), c.name.as_str(), c.first_month, c.reviews)).collect();
    assert_eq!(rows, [("T200", "Billie Adams", (2026, 3), 1), ("T100", "Alex Smith", (2026, 2), 2)]);
    assert_eq!(group[0].person_id, billie);
    assert!(f.store.children_reviewed_between((2025, 1), (2025, 12)).expect("read").is_empty());
}

#[test]
fn the_childs_page_carries_their_actions_and_reviews() {
    let mut f = fixture();
    let (feb, _) = f.store.add_mpmg_meeting(&february(), today()).expect("feb");
    f.store.add_action(f.alex, Some(feb), &action("Safety plan", Some(day(2026, 3, 20))), today()).expect("add");
    f.store.add_action(f.alex, None, &action("School meeting", None), today()).expect("add");
    let page = f.store.person_page("T100").expect("read").expect("Alex");
    let whats: Vec<&str> = page.actions.iter().map(|a| a.value.action.what.as_str()).collect();
    assert_eq!(whats, ["Safety plan", "School meeting"]);
    assert_eq!(page.actions[0].value.meeting.map(|m| m.held_on), Some(day(2026, 3, 10)));
    assert_eq!(page.reviews.iter().map(|m| m.month).collect::<Vec<_>>(), [(2026, 2)]);
    assert_eq!(f.store.action_owners().expect("read"), ["Sam Worker"]);
}

#[test]
fn a_schema_3_file_gains_the_mpmg_tables_with_their_trail() {
    let f = fixture();
    let path = f.path.clone();
    crate::store::schema::back_to_5(&f.store.conn).expect("back to schema 5");
    f.store
        .conn
        .execute_batch(
            "DROP TABLE mpmg_actions; DROP TABLE mpmg_reviews; DROP TABLE mpmg_meetings;
             DROP TRIGGER audit_return_interviews_insert; DROP TRIGGER audit_return_interviews_update;
             DROP TRIGGER audit_return_interviews_delete;
             ALTER TABLE return_interviews DROP COLUMN signed_off_by;
             ALTER TABLE return_interviews DROP COLUMN signed_off_at; PRAGMA user_version = 3;",
        )
        .expect("back to schema 3");
    drop(f.store);
    let mut store = Store::open_existing(&path).expect("migrates");
    store.set_user("ana").expect("user");
    let (id, change) = store.add_mpmg_meeting(&february(), today()).expect("meeting");
    assert_eq!(shape(&store, &change), ["mpmg_meetings insert"]);
    assert_eq!(store.mpmg_meeting(id).expect("read").value.month, (2026, 2));
    // The file's own rules hold whatever a caller sends.
    let bad =
        store.conn.execute("INSERT INTO mpmg_meetings (id, held_on, month) VALUES (99, '10/03/2026', '2026-01')", []);
    assert!(bad.is_err(), "a date not YYYY-MM-DD is refused");
    let blank = store.conn.execute("INSERT INTO mpmg_actions (person_id, what) VALUES (1, '  ')", []);
    assert!(blank.is_err(), "an action says what");
}
