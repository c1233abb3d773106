//! Every form as a user sees it, snapshotted: as opened, filled in, and
//! showing a validation error (each on the synthetic fixture at `AT`).

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;

const W: u16 = 100;
const H: u16 = 30;

fn snap(name: &str, s: &ri_chase::tui::session::Session) {
    insta::assert_snapshot!(name, screen(s, W, H));
}

#[test]
fn new_person_form() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    snap("new_person_empty", &s);
    act(&mut s, &[Action::Save]);
    assert_eq!(error_on(&s, "person_ref").as_deref(), Some("required"));
    snap("new_person_error", &s);
    fill(&mut s, "person_ref", "T901");
    fill(&mut s, "given_name", "Robin");
    fill(&mut s, "family_name", "Formfill");
    fill(&mut s, "date_of_birth", "2/3/11");
    choose(&mut s, "sex", "U");
    choose(&mut s, "case_status", "child_in_need");
    focus(&mut s, "person_ref");
    snap("new_person_filled", &s);
}

#[test]
fn edit_person_form() {
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::Open(FormKind::EditPerson)]);
    snap("edit_person_opened", &s);
    fill(&mut s, "school", "Northshire Academy");
    fill(&mut s, "date_of_birth", "01/01/2030");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "date_of_birth").is_some_and(|e| e.contains("future")), "{:?}", error_on(&s, "date_of_birth"));
    snap("edit_person_error", &s);
    fill(&mut s, "date_of_birth", "01/04/2010");
    focus(&mut s, "school");
    snap("edit_person_filled", &s);
}

#[test]
fn missing_form() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    snap("missing_empty", &s);
    type_text(&mut s, "jul");
    fill(&mut s, "missing_at", "today 9");
    choose(&mut s, "risk", "high");
    snap("missing_filled", &s);
    fill(&mut s, "missing_at", "yesterday 25:00");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "missing_at").is_some());
    snap("missing_time_error", &s);
}

#[test]
fn found_form() {
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::Open(FormKind::Found)]);
    snap("found_empty", &s);
    fill(&mut s, "where_found", "Bus station");
    fill(&mut s, "found_with", "Alone");
    snap("found_filled", &s);
    fill(&mut s, "returned_at", "27/03/2026 07:00");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "returned_at").is_some(), "before the start");
    snap("found_error", &s);
}

#[test]
fn interview_forms() {
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 0, "E01");

    act(&mut s, &[Action::Open(FormKind::AssignWorker)]);
    snap("worker_opened", &s);
    fill(&mut s, "worker", "Jo");
    snap("worker_typed", &s);
    act(&mut s, &[Action::Back, Action::Back]);

    act(&mut s, &[Action::Open(FormKind::Attempt)]);
    snap("attempt_empty", &s);
    choose(&mut s, "method", "phone");
    choose(&mut s, "outcome", "declined");
    snap("attempt_filled", &s);
    fill(&mut s, "attempted_at", "28/03 19:00");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "attempted_at").is_some(), "before the return");
    snap("attempt_error", &s);
    act(&mut s, &[Action::Back, Action::Back]);

    act(&mut s, &[Action::Open(FormKind::Complete)]);
    snap("complete_empty", &s);
    choose(&mut s, "outcome", "from_carers");
    tick(&mut s, "reasons", &["friends", "drugs"]);
    focus(&mut s, "reasons");
    snap("complete_filled", &s);
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "outcome").is_some(), "one attempt is not enough for from_carers");
    snap("complete_error", &s);
    act(&mut s, &[Action::Back, Action::Back]);

    act(&mut s, &[Action::Open(FormKind::NotRequired)]);
    snap("not_required_empty", &s);
    act(&mut s, &[Action::Save]);
    assert_eq!(error_on(&s, "not_required_reason").as_deref(), Some("required"));
    snap("not_required_error", &s);
    type_text(&mut s, "Police recorded as missing; 20 minutes, treated as absent");
    snap("not_required_filled", &s);
    act(&mut s, &[Action::Back, Action::Back]);

    act(&mut s, &[Action::Open(FormKind::SignOff)]);
    snap("signoff_opened", &s);
    choose(&mut s, "signoff", "rework");
    snap("signoff_filled", &s);
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_some(), "an interview not yet done cannot be signed off");
    snap("signoff_error", &s);
}

#[test]
fn meeting_form() {
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 1, "E08");
    act(&mut s, &[Action::Open(FormKind::Meeting)]);
    snap("meeting_empty", &s);
    choose(&mut s, "status", "held");
    fill(&mut s, "meeting_at", "");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "meeting_at").is_some(), "a held meeting needs its time");
    snap("meeting_error", &s);
    fill(&mut s, "meeting_at", "today 10:00");
    snap("meeting_filled", &s);
    save(&mut s);
    let row = s.app.lists.strategy.iter().find(|r| r.episode_ref == "E08").expect("on the list");
    assert_eq!(row.status.code(), "held");
}
