//! The MPMG forms (a meeting, a child's actions) driven through the app's
//! actions, never key codes, on the synthetic fixture at `AT` (Monday 30
//! March 2026), with the database checked after each save. Each form is
//! snapshotted empty, filled and showing a validation error.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::editing::Pane;
use ri_chase::tui::forms::form::FormKind;
use ri_chase::tui::session::Session;

fn snap(name: &str, s: &Session) {
    insta::assert_snapshot!(name, screen(s, 100, 30));
}

/// Opens a child's screen by finding them, as `p` does.
fn open_child(s: &mut Session, name: &str) {
    act(s, &[Action::Open(FormKind::FindChild)]);
    type_text(s, name);
    act(s, &[Action::Save]);
    assert!(s.app.person.is_some(), "{name}'s screen is open");
}

/// Records February's meeting, held today, with the form's defaults.
fn record_february(s: &mut Session) {
    act(s, &[Action::Open(FormKind::MpmgMeeting)]);
    fill(s, "attendees", "Police, YOS, CSE team, runaways service");
    save(s);
}

/// Adds an action for the child on screen.
fn add_action(s: &mut Session, what: &str, due: &str, meeting: &str) {
    act(s, &[Action::Open(FormKind::MpmgAction)]);
    fill(s, "what", what);
    fill(s, "who", "Sam Worker");
    fill(s, "due_on", due);
    fill(s, "meeting_id", meeting);
    save(s);
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    one::<i64>(path, sql)
}

#[test]
fn the_meeting_form_records_last_months_meeting_and_opens_on_it_again() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::MpmgMeeting)]);
    snap("meeting_empty", &s);
    fill(&mut s, "month", "2026-04");
    act(&mut s, &[Action::Save]);
    let error = error_on(&s, "month").expect("an error on the month");
    assert!(error.contains("cannot review Apr 2026"), "{error}");
    snap("meeting_error", &s);
    fill(&mut s, "month", "Feb 2026");
    fill(&mut s, "attendees", "Police, YOS, CSE team, runaways service");
    fill(&mut s, "notes", "Chair: missing lead");
    snap("meeting_filled", &s);
    save(&mut s);
    assert_eq!(s.app.status.as_deref(), Some("Recorded the MPMG meeting for Feb 2026 · u undoes"));
    let row: (String, String, String, i64) = db(&path)
        .query_row("SELECT held_on, month, attendees, version FROM mpmg_meetings", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("one meeting");
    assert_eq!(row, ("2026-03-30".into(), "2026-02".into(), "Police, YOS, CSE team, runaways service".into(), 1));
    assert_eq!(count(&path, "SELECT count(*) FROM audit WHERE table_name = 'mpmg_meetings'"), 1);

    // Opened again, the form is on the meeting recorded, and saves a new version.
    act(&mut s, &[Action::Open(FormKind::MpmgMeeting)]);
    let form = s.app.form.as_ref().expect("the form");
    assert_eq!(form.subject, "Reviewing Feb 2026 · held Mon 30 Mar 2026");
    fill(&mut s, "held_on", "27/03/2026");
    save(&mut s);
    assert_eq!(count(&path, "SELECT version FROM mpmg_meetings WHERE held_on = '2026-03-27'"), 2);
    act(&mut s, &[Action::Undo]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_meetings WHERE held_on = '2026-03-30'"), 1);
}

#[test]
fn the_action_form_adds_an_action_at_a_meeting_and_the_childs_screen_shows_it() {
    let (_d, path, mut s) = session();
    record_february(&mut s);
    open_child(&mut s, "alex");
    act(&mut s, &[Action::Open(FormKind::MpmgAction)]);
    snap("action_empty", &s);
    act(&mut s, &[Action::Save]);
    assert_eq!(error_on(&s, "what").as_deref(), Some("required"));
    snap("action_error", &s);
    fill(&mut s, "what", "Share the safety plan with carers and the school");
    fill(&mut s, "who", "Sam");
    fill(&mut s, "due_on", "10/04/2026");
    fill(&mut s, "meeting_id", "2026-02");
    focus(&mut s, "who");
    snap("action_filled", &s);
    save(&mut s);
    assert_eq!(
        s.app.status.as_deref(),
        Some("Added an MPMG action for Alex Testcase: Share the safety plan with carers and the school · u undoes")
    );
    let row: (String, String, String, Option<String>) = db(&path)
        .query_row(
            "SELECT a.what, a.who, a.due_on, a.done_on FROM mpmg_actions a
               JOIN people p ON p.id = a.person_id JOIN mpmg_meetings m ON m.id = a.meeting_id
              WHERE p.person_ref = 'T001' AND m.month = '2026-02'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("Alex's action, tied to February's meeting");
    assert_eq!(
        row,
        ("Share the safety plan with carers and the school".into(), "Sam".into(), "2026-04-10".into(), None)
    );
    assert_eq!(
        count(
            &path,
            "SELECT count(*) FROM mpmg_reviews r JOIN people p ON p.id = r.person_id WHERE p.person_ref = 'T001'"
        ),
        1,
        "the meeting reviewed Alex"
    );
    let view = s.app.person.as_ref().expect("still on Alex's screen");
    assert_eq!(view.page.actions.len(), 1);
    insta::assert_snapshot!("person_screen_with_an_action_80x24", screen(&s, 80, 24));
    // The next action for Alex is tied to the meeting that reviewed them.
    act(&mut s, &[Action::Open(FormKind::MpmgAction)]);
    let meeting = s.app.form.as_ref().and_then(|f| f.field("meeting_id")).and_then(|f| f.text());
    assert_eq!(meeting.as_deref(), Some("2026-02"));
}

#[test]
fn a_month_with_no_meeting_and_a_due_date_before_the_meeting_are_refused_on_their_fields() {
    let (_d, path, mut s) = session();
    record_february(&mut s);
    open_child(&mut s, "alex");
    act(&mut s, &[Action::Open(FormKind::MpmgAction)]);
    fill(&mut s, "what", "Return home visit");
    fill(&mut s, "who", "Pat Runaways");
    fill(&mut s, "meeting_id", "Jan 2026");
    act(&mut s, &[Action::Save]);
    let error = error_on(&s, "meeting_id").expect("an error on the meeting");
    assert_eq!(error, "no MPMG meeting is recorded for Jan 2026; record it first (M)");
    fill(&mut s, "meeting_id", "2026-02");
    fill(&mut s, "due_on", "29/03/2026");
    act(&mut s, &[Action::Save]);
    let error = error_on(&s, "due_on").expect("an error on the due date");
    assert!(error.contains("before the meeting that agreed it (Mon 30 Mar 2026)"), "{error}");
    fill(&mut s, "meeting_id", "next month");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "meeting_id").is_some_and(|e| e.contains("is not a month")));
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions"), 0);
}

#[test]
fn no_one_named_warns_once_then_saves() {
    let (_d, path, mut s) = session();
    open_child(&mut s, "billie");
    act(&mut s, &[Action::Open(FormKind::MpmgAction)]);
    fill(&mut s, "what", "Speak to the school about attendance");
    act(&mut s, &[Action::Save]);
    let warning = s.app.form.as_ref().and_then(|f| f.field("who")).and_then(|f| f.warning.clone());
    assert_eq!(warning.as_deref(), Some("no one is named to do it"));
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none(), "saved on the second Enter");
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions WHERE who IS NULL AND meeting_id IS NULL"), 1);
}

#[test]
fn tab_selects_the_actions_where_enter_edits_x_marks_done_and_minus_deletes_each_undone() {
    let (_d, path, mut s) = session();
    record_february(&mut s);
    open_child(&mut s, "alex");
    act(&mut s, &[Action::SwitchPane]);
    assert_eq!(s.app.status.as_deref(), Some("This child has no MPMG actions; + adds one"));
    act(&mut s, &[Action::EditAction]);
    assert!(s.app.form.is_none());
    add_action(&mut s, "Safety plan", "15/04/2026", "2026-02");
    add_action(&mut s, "Return home visit", "20/03/2026", "");
    act(&mut s, &[Action::ActionDone]);
    assert_eq!(s.app.status.as_deref(), Some("Tab to the MPMG actions and select one first"));

    // Overdue first: the visit due 20 March.
    act(&mut s, &[Action::SwitchPane]);
    let view = s.app.person.as_ref().expect("screen");
    assert_eq!((view.pane, view.page.actions[0].value.action.what.as_str()), (Pane::Actions, "Return home visit"));
    assert!(screen(&s, 80, 24).contains("▶ OVERDUE 10d"));

    act(&mut s, &[Action::EditAction]);
    fill(&mut s, "due_on", "17/04/2026");
    save(&mut s);
    assert_eq!(count(&path, "SELECT version FROM mpmg_actions WHERE due_on = '2026-04-17'"), 2);
    act(&mut s, &[Action::Undo]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions WHERE due_on = '2026-03-20'"), 1);

    act(&mut s, &[Action::Top, Action::ActionDone]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions WHERE done_on = '2026-03-30'"), 1);
    assert_eq!(s.app.status.as_deref(), Some("Marked Alex Testcase's MPMG action done: Return home visit · u undoes"));
    // The done action moved down; the selection stays at the top, on the next open one.
    let view = s.app.person.as_ref().expect("screen");
    assert_eq!(view.page.actions[view.action].value.action.what, "Safety plan");
    act(&mut s, &[Action::Undo]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions WHERE done_on IS NOT NULL"), 0);
    act(&mut s, &[Action::ActionDone, Action::Bottom, Action::ActionDone]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions WHERE done_on IS NULL"), 2, "x again reopens");

    act(&mut s, &[Action::Top, Action::DeleteAction]);
    assert!(s.app.confirm.as_ref().is_some_and(|c| c.question.contains("Delete Alex Testcase's MPMG action")));
    act(&mut s, &[Action::No]);
    act(&mut s, &[Action::DeleteAction, Action::Yes]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions"), 1);
    act(&mut s, &[Action::Undo]);
    assert_eq!(count(&path, "SELECT count(*) FROM mpmg_actions"), 2, "back with its id");
    assert_eq!(s.app.person.as_ref().map(|v| v.page.actions.len()), Some(2));
}

#[test]
fn a_stale_action_save_shows_the_conflict_and_keep_mine_saves_over_it() {
    let (_d, path, mut a) = session();
    let mut b = open_session(&path, false);
    a.store.set_user("alice").expect("user");
    b.store.set_user("bob").expect("user");
    open_child(&mut a, "alex");
    add_action(&mut a, "Safety plan", "15/04/2026", "");
    open_child(&mut b, "alex");
    act(&mut a, &[Action::SwitchPane, Action::EditAction]);
    act(&mut b, &[Action::SwitchPane, Action::ActionDone]);
    fill(&mut a, "what", "Safety plan, shared with the school");
    act(&mut a, &[Action::Save]);
    let view = a.app.conflict.as_ref().expect("Alice sees a conflict");
    assert_eq!(view.conflict.by, ["bob"]);
    assert_eq!(view.conflict.changes.iter().map(|c| c.column.as_str()).collect::<Vec<_>>(), ["done_on"]);
    act(&mut a, &[Action::KeepMine]);
    assert!(a.app.conflict.is_none() && a.app.form.is_none(), "saved");
    let (what, done): (String, Option<String>) = db(&path)
        .query_row("SELECT what, done_on FROM mpmg_actions", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("the action");
    // Keep mine saves the form as it was opened: open, with Alice's words.
    assert_eq!((what.as_str(), done), ("Safety plan, shared with the school", None));
}

#[test]
fn the_childs_screen_keys_for_actions_are_bound_and_help_lists_them_in_80x24() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ri_chase::tui::keymap::{Context, action_for};
    let press = |code| action_for(Context::Person, KeyEvent::new(code, KeyModifiers::NONE));
    assert_eq!(press(KeyCode::Char('+')), Some(Action::Open(FormKind::MpmgAction)));
    assert_eq!(press(KeyCode::Tab), Some(Action::SwitchPane));
    assert_eq!(press(KeyCode::Enter), Some(Action::EditAction));
    assert_eq!(press(KeyCode::Char('x')), Some(Action::ActionDone));
    assert_eq!(press(KeyCode::Char('-')), Some(Action::DeleteAction));
    assert_eq!(press(KeyCode::Char('M')), Some(Action::Open(FormKind::MpmgMeeting)));
    let (_d, _p, mut s) = session();
    open_child(&mut s, "alex");
    act(&mut s, &[Action::ToggleHelp]);
    let help = screen(&s, 80, 24);
    assert!(help.contains("Ctrl-C quits from anywhere"), "the whole help fits:\n{help}");
    insta::assert_snapshot!("person_help_80x24", help);
}
