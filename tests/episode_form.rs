//! Correcting an episode's details (`E`), driven through the app's actions on
//! the synthetic fixture at `AT` (Mon 30 Mar 2026 12:00 BST), with the
//! database checked after each save; and the form snapshotted opened, filled
//! in, and showing a validation error.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;

fn snap(name: &str, s: &ri_chase::tui::session::Session) {
    insta::assert_snapshot!(name, screen(s, 100, 30));
}

/// One column of an episode, by its reference.
fn column(path: &std::path::Path, episode_ref: &str, column: &str) -> Option<String> {
    one(path, &format!("SELECT {column} FROM episodes WHERE episode_ref = '{episode_ref}'"))
}

#[test]
fn episode_form() {
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::Open(FormKind::EditEpisode)]);
    let form = s.app.form.as_ref().expect("the form is open");
    let text = |key: &str| form.field(key).and_then(|f| f.text());
    assert_eq!(text("missing_at").as_deref(), Some("Fri 27 Mar 2026 18:00 GMT"));
    assert_eq!(text("returned_at").as_deref(), Some("Sat 28 Mar 2026 20:00 GMT"));
    assert_eq!(text("missing_from_name").as_deref(), Some("Willows"));
    assert_eq!(form.field("risk").and_then(|f| f.choice()), Some("medium"));
    snap("episode_opened", &s);
    choose(&mut s, "missing_from", "foster");
    fill(&mut s, "missing_from_name", "Foster home 3");
    fill(&mut s, "police_ref", "NP-26-000101");
    choose(&mut s, "risk", "high");
    snap("episode_filled", &s);
    fill(&mut s, "returned_at", "27/03/2026 17:59");
    act(&mut s, &[Action::Save]);
    let message = error_on(&s, "returned_at").expect("an error on the return");
    assert!(message.contains("before the episode began"), "{message}");
    snap("episode_error", &s);
}

#[test]
fn a_corrected_start_and_risk_are_saved_and_undo_restores_them() {
    let (_d, path, mut s) = session();
    let case_status = column(&path, "E01", "case_status");
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::Open(FormKind::EditEpisode)]);
    fill(&mut s, "missing_at", "27/03/2026 17:30");
    choose(&mut s, "risk", "high");
    save(&mut s);
    assert_eq!(column(&path, "E01", "missing_at").as_deref(), Some("2026-03-27T17:30:00Z"));
    assert_eq!(column(&path, "E01", "risk").as_deref(), Some("high"));
    assert_eq!(column(&path, "E01", "returned_at").as_deref(), Some("2026-03-28T20:00:00Z"), "untouched");
    assert_eq!(column(&path, "E01", "case_status"), case_status, "the circumstances of the time stay");
    assert_eq!(one::<i64>(&path, "SELECT version FROM episodes WHERE episode_ref = 'E01'"), 2);
    assert_eq!(s.app.status.as_deref(), Some("Corrected episode E01 of Alex Testcase · u undoes"));
    let updates = "SELECT count(*) FROM audit WHERE table_name = 'episodes' AND action = 'update'
                    AND row_id = (SELECT id FROM episodes WHERE episode_ref = 'E01')";
    assert_eq!(one::<i64>(&path, updates), 1);

    act(&mut s, &[Action::Undo]);
    assert_eq!(column(&path, "E01", "missing_at").as_deref(), Some("2026-03-27T18:00:00Z"));
    assert_eq!(column(&path, "E01", "risk").as_deref(), Some("medium"));
    assert_eq!(one::<i64>(&path, updates), 2, "the undoing is in the trail too");
}

#[test]
fn an_episode_is_re_opened_by_emptying_its_return_before_its_interview_has_begun() {
    let (_d, path, mut s) = session();
    // Billie's interview has no attempts yet.
    select_episode(&mut s, 0, "E02");
    act(&mut s, &[Action::Open(FormKind::EditEpisode)]);
    fill(&mut s, "returned_at", "");
    save(&mut s);
    assert_eq!(column(&path, "E02", "returned_at"), None);
    assert!(s.app.lists.missing.iter().any(|r| r.episode_ref == "E02"), "on the Still missing tab");
    assert!(!s.app.lists.chase.iter().any(|r| r.episode_ref == "E02"), "no interview to chase while missing");
}

#[test]
fn re_opening_is_refused_once_the_interview_has_an_attempt() {
    let (_d, path, mut s) = session();
    let audit: i64 = one(&path, "SELECT count(*) FROM audit");
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::Open(FormKind::EditEpisode)]);
    fill(&mut s, "returned_at", "");
    act(&mut s, &[Action::Save]);
    let message = error_on(&s, "returned_at").expect("an error on the return");
    assert!(message.contains("already records 1 attempt"), "{message}");
    assert_eq!(column(&path, "E01", "returned_at").as_deref(), Some("2026-03-28T20:00:00Z"));
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM audit"), audit, "nothing written");
}

#[test]
fn the_return_cannot_run_into_the_childs_next_episode() {
    let (_d, path, mut s) = session();
    // Dana: E04 (25 Mar 22:00 to 26 Mar 10:00), then E05, missing since 29 Mar 22:00.
    select_episode(&mut s, 0, "E04");
    act(&mut s, &[Action::Open(FormKind::EditEpisode)]);
    fill(&mut s, "returned_at", "29/03/2026 22:01");
    act(&mut s, &[Action::Save]);
    let message = error_on(&s, "returned_at").expect("an error on the return");
    assert!(message.contains("next episode E05"), "{message}");
    fill(&mut s, "returned_at", "29/03/2026 22:00");
    save(&mut s);
    assert_eq!(column(&path, "E04", "returned_at").as_deref(), Some("2026-03-29T21:00:00Z"));
}

#[test]
fn a_new_type_leaves_the_interview_required_as_it_was() {
    let (_d, path, mut s) = session();
    // Frankie's absence, from their own screen: its interview is not required.
    act(&mut s, &[Action::Open(FormKind::FindChild)]);
    type_text(&mut s, "frank");
    act(&mut s, &[Action::Save, Action::Open(FormKind::EditEpisode)]);
    choose(&mut s, "kind", "missing");
    save(&mut s);
    assert_eq!(column(&path, "E07", "kind").as_deref(), Some("missing"));
    let required: i64 = one(
        &path,
        "SELECT required FROM return_interviews r JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E07'",
    );
    assert_eq!(required, 0, "R makes it required, if the user decides so");
    let view = s.app.person.as_ref().expect("still on Frankie's screen");
    assert_eq!(view.page.episodes[0].case.episode.kind.code(), "missing", "the screen shows the correction");
}

#[test]
fn a_police_reference_on_another_episode_warns_once_then_saves() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 0, "E02");
    act(&mut s, &[Action::Open(FormKind::EditEpisode)]);
    fill(&mut s, "police_ref", "NP-26-000001");
    act(&mut s, &[Action::Save]);
    let form = s.app.form.as_ref().expect("still open");
    let warning = form.field("police_ref").and_then(|f| f.warning.clone()).expect("a warning");
    assert!(warning.contains("episode E01 (Alex Testcase)"), "{warning}");
    assert_eq!(column(&path, "E02", "police_ref"), None, "not yet saved");
    save(&mut s);
    assert_eq!(column(&path, "E02", "police_ref").as_deref(), Some("NP-26-000001"));
}

#[test]
fn a_correction_someone_else_beat_is_a_conflict_and_keep_mine_saves_over_it() {
    let (_d, path, mut a) = session();
    let mut b = open_session(&path, false);
    b.store.set_user("bob").expect("user");
    select_episode(&mut a, 0, "E01");
    select_episode(&mut b, 0, "E01");
    act(&mut a, &[Action::Open(FormKind::EditEpisode)]);
    act(&mut b, &[Action::Open(FormKind::EditEpisode)]);
    choose(&mut b, "risk", "low");
    save(&mut b);
    fill(&mut a, "police_ref", "NP-26-000999");
    act(&mut a, &[Action::Save]);
    let view = a.app.conflict.as_ref().expect("a conflict");
    assert_eq!(view.conflict.by, ["bob"]);
    let risk = view.conflict.changes.iter().find(|c| c.column == "risk").expect("the risk changed");
    assert_eq!((risk.was.as_deref(), risk.now.as_deref()), (Some("medium"), Some("low")));
    act(&mut a, &[Action::KeepMine]);
    assert!(a.app.conflict.is_none() && a.app.form.is_none(), "saved");
    assert_eq!(column(&path, "E01", "police_ref").as_deref(), Some("NP-26-000999"));
    assert_eq!(column(&path, "E01", "risk").as_deref(), Some("medium"), "keep mine keeps all of mine");
}
