//! How a form's fields read what is typed, driven through the app's actions
//! on the synthetic fixture at `AT` (Monday 30 March 2026): dates and times
//! as people type them, prefilled values, long text, choices by letter.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;

/// Opens the MPMG action form on Alex's screen, with February's meeting recorded.
fn action_form(s: &mut ri_chase::tui::session::Session) {
    act(s, &[Action::Open(FormKind::MpmgMeeting)]);
    fill(s, "attendees", "Police, YOS");
    save(s);
    act(s, &[Action::Open(FormKind::FindChild)]);
    type_text(s, "alex");
    act(s, &[Action::Save, Action::Open(FormKind::MpmgAction)]);
    fill(s, "what", "Safety plan");
    fill(s, "who", "Sam Worker");
    fill(s, "meeting_id", "2026-02");
}

fn due_saved(path: &std::path::Path) -> String {
    one(path, "SELECT due_on FROM mpmg_actions ORDER BY id DESC LIMIT 1")
}

#[test]
fn a_due_date_takes_a_two_digit_year_as_this_century_a_date_without_a_year_and_plus_days() {
    for (typed, saved) in [("14/12/26", "2026-12-14"), ("10/04", "2026-04-10"), ("+14d", "2026-04-13")] {
        let (_d, path, mut s) = session();
        action_form(&mut s);
        fill(&mut s, "due_on", typed);
        let form = s.app.form.as_ref().expect("form");
        let preview = form.field("due_on").and_then(|f| f.preview(s.app.clock));
        assert!(matches!(preview, Some(Ok(_))), "{typed} reads as a date as it is typed: {preview:?}");
        save(&mut s);
        assert_eq!(due_saved(&path), saved, "{typed}");
    }
}

#[test]
fn a_date_of_birth_with_a_two_digit_year_is_this_century_and_needs_its_year() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    fill(&mut s, "person_ref", "T960");
    fill(&mut s, "given_name", "Indigo");
    fill(&mut s, "family_name", "Twodigit");
    // 14/12/26 was read as 1926: it is this December, so not yet born.
    fill(&mut s, "date_of_birth", "14/12/26");
    act(&mut s, &[Action::Save]);
    let error = error_on(&s, "date_of_birth").expect("refused");
    assert!(error.contains("2026-12-14") && error.contains("future"), "{error}");
    fill(&mut s, "date_of_birth", "14/12");
    act(&mut s, &[Action::Save]);
    assert_eq!(error_on(&s, "date_of_birth").as_deref(), Some("give the year too, e.g. 4/5/2010"));
    fill(&mut s, "date_of_birth", "14/12/12");
    save(&mut s);
    let born: String = one(&path, "SELECT date_of_birth FROM people WHERE person_ref = 'T960'");
    assert_eq!(born, "2012-12-14");
}
