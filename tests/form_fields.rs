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

fn text_of(s: &ri_chase::tui::session::Session, key: &str) -> Option<String> {
    s.app.form.as_ref().and_then(|f| f.field(key)).and_then(|f| f.text())
}

#[test]
fn a_prefilled_now_is_replaced_by_the_first_key_and_edited_after_a_cursor_key() {
    use ri_chase::tui::forms::field::Edit;
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::Open(FormKind::Found)]);
    type_text(&mut s, "-1h");
    assert_eq!(text_of(&s, "returned_at").as_deref(), Some("-1h"), "not now-1h");
    type_text(&mut s, "30m");
    assert_eq!(text_of(&s, "returned_at").as_deref(), Some("-1h30m"), "only the first key replaces");
    act(&mut s, &[Action::Back, Action::Back, Action::Open(FormKind::Found)]);
    // A cursor key first: the value is edited, not replaced.
    act(&mut s, &[Action::Edit(Edit::End)]);
    type_text(&mut s, " ");
    assert_eq!(text_of(&s, "returned_at").as_deref(), Some("now"));
    act(&mut s, &[Action::Back, Action::Back, Action::Open(FormKind::Found), Action::Backspace]);
    assert_eq!(text_of(&s, "returned_at").as_deref(), Some("no"), "Backspace edits");
    // Text fields keep what they hold and add to it.
    fill(&mut s, "where_found", "Bus");
    act(&mut s, &[Action::NextField, Action::PrevField]);
    type_text(&mut s, " station");
    assert_eq!(text_of(&s, "where_found").as_deref(), Some("Bus station"));
}

#[test]
fn a_long_text_scrolls_within_its_box_to_keep_the_cursor_in_view() {
    use ri_chase::tui::forms::field::Edit;
    let (_d, _p, mut s) = session();
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::Open(FormKind::Found)]);
    focus(&mut s, "where_found");
    let place = "The bus station on the ring road, by the late-night chemist, with a friend's older brother";
    type_text(&mut s, place);
    let shown = screen(&s, 80, 24);
    assert!(shown.contains("older brother"), "the end typed is in view:\n{shown}");
    insta::assert_snapshot!("long_text_scrolled_80x24", shown);
    act(&mut s, &[Action::Edit(Edit::Start)]);
    let shown = screen(&s, 80, 24);
    assert!(shown.contains("The bus station") && !shown.contains("older brother"), "{shown}");
    // Away from the field, it shows its start, marked as cut.
    act(&mut s, &[Action::NextField]);
    let shown = screen(&s, 80, 24);
    assert!(shown.contains("The bus station") && shown.contains('…'), "{shown}");
    assert_eq!(text_of(&s, "where_found").as_deref(), Some(place), "all of it is kept");
}

#[test]
fn a_letter_typed_in_a_choice_jumps_to_the_first_option_starting_with_it() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "alex");
    let choice = |s: &ri_chase::tui::session::Session, key: &str| {
        s.app.form.as_ref().and_then(|f| f.field(key)).and_then(|f| f.choice())
    };
    focus(&mut s, "risk");
    type_text(&mut s, "h");
    assert_eq!(choice(&s, "risk"), Some("high"));
    type_text(&mut s, "L");
    assert_eq!(choice(&s, "risk"), Some("low"));
    type_text(&mut s, "z");
    assert_eq!(choice(&s, "risk"), Some("low"), "no option starts with z: unchanged");
    focus(&mut s, "missing_from");
    type_text(&mut s, "o");
    assert_eq!(choice(&s, "missing_from"), Some("other_family"));
    type_text(&mut s, "o");
    assert_eq!(choice(&s, "missing_from"), Some("other"), "again: the next one starting with it");
    type_text(&mut s, "o");
    assert_eq!(choice(&s, "missing_from"), Some("other_family"), "and round again");
    type_text(&mut s, "f");
    assert_eq!(choice(&s, "missing_from"), Some("foster"));
}

#[test]
fn the_child_search_finds_a_child_by_a_police_reference_and_by_family_name_first() {
    let (_d, _p, mut s) = session();
    let chosen = |s: &ri_chase::tui::session::Session| {
        s.app.form.as_ref().and_then(|f| f.field("person")).and_then(|f| match &f.kind {
            ri_chase::tui::forms::field::FieldKind::Child(pick) => pick.chosen().map(|h| h.person_ref.clone()),
            _ => None,
        })
    };
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "NP-26-000001");
    assert_eq!(chosen(&s).as_deref(), Some("T001"));
    act(&mut s, &[Action::Back, Action::Back, Action::Open(FormKind::Missing)]);
    type_text(&mut s, "synthe gale");
    assert_eq!(chosen(&s).as_deref(), Some("T007"));
}

fn live_on(s: &ri_chase::tui::session::Session, key: &str) -> Option<String> {
    s.app.form.as_ref().and_then(|f| f.field(key)).and_then(|f| f.live.clone())
}

#[test]
fn what_the_checks_can_already_tell_is_shown_as_you_type_before_any_save() {
    let (_d, path, mut s) = session();
    let audit = || one::<i64>(&path, "SELECT count(*) FROM audit");
    let before = audit();
    // A return before the child went missing (Gale: since Fri 27 Mar 08:00).
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::Open(FormKind::Found)]);
    assert_eq!(live_on(&s, "returned_at"), None, "now is fine");
    fill(&mut s, "returned_at", "27/03/2026 07:00");
    let live = live_on(&s, "returned_at").expect("said as typed");
    assert!(live.contains("before the episode began"), "{live}");
    assert_eq!(error_on(&s, "returned_at"), None, "nothing saved or tried");
    insta::assert_snapshot!("found_return_before_start_as_typed", screen(&s, 100, 30));
    fill(&mut s, "returned_at", "27/03/2026 09:00");
    assert_eq!(live_on(&s, "returned_at"), None, "gone once right");
    act(&mut s, &[Action::Back, Action::Back]);

    // A completion before the return (Alex returned Sat 28 Mar 20:00), and
    // "from carers" with one failed attempt.
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::Open(FormKind::Complete)]);
    fill(&mut s, "completed_at", "28/03 19:00");
    assert!(
        live_on(&s, "completed_at").is_some_and(|m| m.contains("before the return")),
        "{:?}",
        live_on(&s, "completed_at")
    );
    choose(&mut s, "outcome", "from_carers");
    assert!(
        live_on(&s, "outcome").is_some_and(|m| m.contains("2 failed face-to-face attempts")),
        "{:?}",
        live_on(&s, "outcome")
    );
    act(&mut s, &[Action::Back, Action::Back]);

    // A strategy meeting held before the episode began.
    select_episode(&mut s, 1, "E08");
    act(&mut s, &[Action::Open(FormKind::Meeting)]);
    choose(&mut s, "status", "held");
    fill(&mut s, "meeting_at", "26/03 10:00");
    assert!(
        live_on(&s, "meeting_at").is_some_and(|m| m.contains("before the episode began")),
        "{:?}",
        live_on(&s, "meeting_at")
    );
    act(&mut s, &[Action::Back, Action::Back]);
    assert_eq!(audit(), before, "checking as you type writes nothing");
}
