//! The data-entry forms, driven through the app's actions (never key codes)
//! on a real database, which is checked after each save. Each form is also
//! snapshotted empty, filled, and showing a validation error.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;

#[test]
fn quick_capture_reports_a_known_child_missing_with_the_search_and_enter() {
    let (_d, path, mut s) = session();
    // m, four letters of the name, Enter: six keys.
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "alex");
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none(), "saved and closed: {:?}", s.app.form.as_ref().map(|f| &f.banner));
    let (start, from, kind): (String, String, String) = db(&path)
        .query_row(
            "SELECT e.missing_at, e.missing_from, e.kind FROM episodes e JOIN people p ON p.id = e.person_id
              WHERE p.person_ref = 'T001' AND e.returned_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("an open episode for Alex");
    // Now is Mon 30 Mar 2026 12:00 BST; where from is where Alex last went missing from.
    assert_eq!((start.as_str(), from.as_str(), kind.as_str()), ("2026-03-30T11:00:00Z", "la_home", "missing"));
    assert!(s.app.status.as_deref().is_some_and(|m| m.starts_with("Reported Alex Testcase missing")));
    // The new episode's interview exists and is required.
    let required: i64 = one(
        &path,
        "SELECT required FROM return_interviews r JOIN episodes e ON e.id = r.episode_id
          WHERE e.returned_at IS NULL AND e.person_id = (SELECT id FROM people WHERE person_ref = 'T001')",
    );
    assert_eq!(required, 1);
    // And the Still missing tab shows Alex.
    assert!(s.app.lists.missing.iter().any(|r| r.person_ref == "T001"));
}

#[test]
fn found_now_is_one_key_on_the_still_missing_row_and_undo_takes_it_back() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::FoundNow]);
    let returned: String = one(&path, "SELECT returned_at FROM episodes WHERE episode_ref = 'E08'");
    assert_eq!(returned, "2026-03-30T11:00:00Z");
    assert!(!s.app.lists.missing.iter().any(|r| r.episode_ref == "E08"));
    assert!(s.app.lists.chase.iter().any(|r| r.episode_ref == "E08"), "now due an interview");

    act(&mut s, &[Action::Undo]);
    let returned: Option<String> = one(&path, "SELECT returned_at FROM episodes WHERE episode_ref = 'E08'");
    assert_eq!(returned, None);
    assert_eq!(s.app.status.as_deref(), Some("Undone: Recorded Gale Synthe found at Mon 30 Mar 2026 12:00 BST"));
    // Both the change and its undoing are in the trail.
    let entries: i64 = one(
        &path,
        "SELECT count(*) FROM audit WHERE table_name = 'episodes'
          AND row_id = (SELECT id FROM episodes WHERE episode_ref = 'E08') AND action = 'update'",
    );
    assert_eq!(entries, 2);
    act(&mut s, &[Action::Undo]);
    assert_eq!(s.app.status.as_deref(), Some("Nothing to undo"));
}

#[test]
fn found_now_on_a_child_already_back_changes_nothing() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 0, "E01");
    let before: i64 = one(&path, "SELECT count(*) FROM audit");
    act(&mut s, &[Action::FoundNow]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM audit"), before);
    assert!(s.app.status.as_deref().is_some_and(|m| m.contains("already")), "{:?}", s.app.status);
}

#[test]
fn a_second_open_episode_is_refused_next_to_the_field() {
    let (_d, path, mut s) = session();
    let before: i64 = one(&path, "SELECT count(*) FROM episodes");
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "gale");
    act(&mut s, &[Action::Save]);
    let message = error_on(&s, "missing_at").expect("an error on the start");
    assert!(message.contains("already missing"), "{message}");
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM episodes"), before);
    insta::assert_snapshot!("missing_form_error", screen(&s, 100, 30));
}

#[test]
fn an_impossible_or_future_time_is_refused_with_its_reason() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "alex");
    fill(&mut s, "missing_at", "31/02 0900");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "missing_at").is_some_and(|e| e.contains("31")), "{:?}", error_on(&s, "missing_at"));
    fill(&mut s, "missing_at", "today 13:00");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "missing_at").is_some_and(|e| e.contains("future")), "{:?}", error_on(&s, "missing_at"));
    fill(&mut s, "missing_at", "29/03 01:30");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "missing_at").is_some_and(|e| e.contains("clocks")), "{:?}", error_on(&s, "missing_at"));
}

#[test]
fn a_duplicate_police_reference_warns_once_then_saves() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "billie");
    fill(&mut s, "police_ref", "NP-26-000001");
    act(&mut s, &[Action::Save]);
    let form = s.app.form.as_ref().expect("still open");
    assert!(form.field("police_ref").and_then(|f| f.warning.clone()).is_some_and(|w| w.contains("E01")));
    insta::assert_snapshot!("missing_form_warning", screen(&s, 100, 30));
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none());
    let uses: i64 = one(&path, "SELECT count(*) FROM episodes WHERE police_ref = 'NP-26-000001'");
    assert_eq!(uses, 2);
}

#[test]
fn escape_on_a_changed_form_asks_before_discarding() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    type_text(&mut s, "T999");
    act(&mut s, &[Action::Back]);
    assert!(s.app.form.is_some(), "first Esc only warns");
    act(&mut s, &[Action::Back]);
    assert!(s.app.form.is_none());
}

#[test]
fn delete_asks_first_and_undo_brings_the_episode_back() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::DeleteEpisode]);
    assert!(s.app.confirm.is_some());
    insta::assert_snapshot!("delete_confirm", screen(&s, 80, 24));
    act(&mut s, &[Action::No]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM episodes WHERE episode_ref = 'E01'"), 1);
    act(&mut s, &[Action::DeleteEpisode, Action::Yes]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM episodes WHERE episode_ref = 'E01'"), 0);
    assert_eq!(
        one::<i64>(
            &path,
            "SELECT count(*) FROM return_interviews r LEFT JOIN episodes e ON e.id = r.episode_id WHERE e.id IS NULL"
        ),
        0
    );
    act(&mut s, &[Action::Undo]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM episodes WHERE episode_ref = 'E01'"), 1);
    assert_eq!(
        one::<i64>(
            &path,
            "SELECT count(*) FROM ri_attempts a JOIN return_interviews r ON r.id = a.interview_id JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E01'"
        ),
        1
    );
}

#[test]
fn enter_on_any_list_opens_the_childs_screen_and_esc_comes_back() {
    let (_d, _p, mut s) = session();
    for (tab, episode) in [(0, "E01"), (1, "E08"), (2, "E09")] {
        select_episode(&mut s, tab, episode);
        let (person_ref, _) = s.app.selected_row().expect("a row");
        act(&mut s, &[Action::OpenPerson]);
        let view = s.app.person.as_ref().expect("the child's screen");
        assert_eq!(view.page.record.person.person_ref, person_ref);
        act(&mut s, &[Action::Back]);
        assert!(s.app.person.is_none());
    }
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::OpenPerson]);
    insta::assert_snapshot!("person_screen_80x24", screen(&s, 80, 24));
}

#[test]
fn on_a_childs_screen_the_form_is_for_them_and_the_screen_updates_after_a_save() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::OpenPerson, Action::FoundNow]);
    let view = s.app.person.as_ref().expect("still on the child's screen");
    let newest = &view.page.episodes[0];
    assert_eq!(newest.case.episode.episode_ref, "E08");
    assert!(newest.case.episode.returned_at.is_some(), "the screen shows the return");
    // m on their screen: the child is fixed, so Enter is all it takes.
    act(&mut s, &[Action::Open(FormKind::Missing), Action::Save]);
    let open: i64 = one(
        &path,
        "SELECT count(*) FROM episodes WHERE returned_at IS NULL AND person_id = (SELECT id FROM people WHERE person_ref = 'T007')",
    );
    assert_eq!(open, 1);
    assert_eq!(s.app.person.as_ref().map(|v| v.page.episodes.len()), Some(3));
}

#[test]
fn a_known_placement_named_alone_gives_its_type_and_right_arrow_completes_it() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "billie");
    focus(&mut s, "missing_from_name");
    type_text(&mut s, "gab");
    act(&mut s, &[Action::Edit(ri_chase::tui::forms::field::Edit::Right)]);
    let typed = s.app.form.as_ref().and_then(|f| f.field("missing_from_name")).and_then(|f| f.text());
    assert_eq!(typed.as_deref(), Some("The Gables"));
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none(), "saved");
    let from: String = one(
        &path,
        "SELECT missing_from FROM episodes WHERE returned_at IS NULL AND person_id = (SELECT id FROM people WHERE person_ref = 'T002')",
    );
    assert_eq!(from, "independent_home");
}

#[test]
fn an_unknown_placement_named_alone_asks_for_its_type() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "billie");
    fill(&mut s, "missing_from_name", "Nowhere House");
    act(&mut s, &[Action::Save]);
    assert_eq!(
        error_on(&s, "missing_from").as_deref(),
        Some("Nowhere House is not a known placement: choose its type")
    );
}

#[test]
fn any_child_can_be_found_by_name_and_an_absence_interview_made_required_in_one_key() {
    let (_d, path, mut s) = session();
    // Frankie's only episode is an absence, on no list.
    act(&mut s, &[Action::Open(FormKind::FindChild)]);
    type_text(&mut s, "frank");
    act(&mut s, &[Action::Save]);
    let view = s.app.person.as_ref().expect("Frankie's screen");
    assert_eq!(view.page.record.person.person_ref, "T006");
    let required = || {
        one::<i64>(
            &path,
            "SELECT required FROM return_interviews r JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E07'",
        )
    };
    assert_eq!(required(), 0);
    act(&mut s, &[Action::RequireInterview]);
    assert_eq!(required(), 1);
    assert!(s.app.lists.chase.iter().any(|r| r.episode_ref == "E07"), "now on the chase list");
    act(&mut s, &[Action::RequireInterview]);
    assert_eq!(s.app.status.as_deref(), Some("Frankie Dummy's return interview is already required"));
    act(&mut s, &[Action::Undo]);
    assert_eq!(required(), 0);
}

#[test]
fn a_new_childs_known_placement_named_alone_gives_its_type_and_an_unknown_one_asks() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    fill(&mut s, "person_ref", "T950");
    fill(&mut s, "given_name", "Rowan");
    fill(&mut s, "family_name", "Placed");
    fill(&mut s, "date_of_birth", "01/02/2013");
    fill(&mut s, "placement_name", "Nowhere House");
    act(&mut s, &[Action::Save]);
    assert_eq!(
        error_on(&s, "placement_type").as_deref(),
        Some("Nowhere House is not a known placement: choose its type")
    );
    fill(&mut s, "placement_name", "willows");
    save(&mut s);
    let (kind, name): (String, String) = db(&path)
        .query_row(
            "SELECT pl.type, pl.name FROM people p JOIN placements pl ON pl.id = p.placement_id WHERE p.person_ref = 'T950'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("placed");
    assert_eq!((kind.as_str(), name.as_str()), ("la_home", "Willows"));
}

#[test]
fn a_child_with_nothing_recorded_of_where_they_live_is_asked_the_type_alone_and_home_needs_no_name() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    fill(&mut s, "person_ref", "T970");
    fill(&mut s, "given_name", "Ember");
    fill(&mut s, "family_name", "Nowhere");
    fill(&mut s, "date_of_birth", "01/02/2012");
    save(&mut s);
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "ember now");
    let hint = s.app.form.as_ref().and_then(|f| f.field("missing_from")).and_then(|f| f.hint.clone());
    assert_eq!(hint.as_deref(), Some("nothing recorded of where Ember Nowhere lives: choose the type"));
    act(&mut s, &[Action::Save]);
    let error = error_on(&s, "missing_from").expect("asked where from");
    assert!(error.contains("choose where they went missing from"), "{error}");
    assert_eq!(s.app.form.as_ref().map(|f| f.fields[f.focus].key), Some("missing_from"), "the focus is on the type");
    // Home, then one Enter: no placement name is asked for.
    act(&mut s, &[Action::Edit(ri_chase::tui::forms::field::Edit::Right)]);
    assert_eq!(s.app.form.as_ref().and_then(|f| f.field("missing_from")).and_then(|f| f.choice()), Some("home"));
    save(&mut s);
    let (from, placement): (String, Option<i64>) = db(&path)
        .query_row(
            "SELECT e.missing_from, e.placement_id FROM episodes e JOIN people p ON p.id = e.person_id WHERE p.person_ref = 'T970'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("Ember's episode");
    assert_eq!((from.as_str(), placement), ("home", None));
}

#[test]
fn the_missing_form_says_what_empty_where_from_means_for_the_child_chosen() {
    let (_d, path, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "jules");
    let hint = s.app.form.as_ref().and_then(|f| f.field("missing_from")).and_then(|f| f.hint.clone());
    assert_eq!(hint.as_deref(), Some("empty: Foster home (Southby foster)"));
    // Other family needs no name either.
    choose(&mut s, "missing_from", "other_family");
    save(&mut s);
    let from: String = one(
        &path,
        "SELECT missing_from FROM episodes WHERE returned_at IS NULL AND person_id = (SELECT id FROM people WHERE person_ref = 'T010')",
    );
    assert_eq!(from, "other_family");
}

#[test]
fn sign_off_opens_on_the_value_recorded_and_records_who_signed_off_and_when() {
    let (_d, path, mut s) = session();
    s.store.set_user("mona").expect("user");
    select_episode(&mut s, 0, "E01");
    // On the child's screen, so E01 stays selected once it leaves the Chase list.
    act(&mut s, &[Action::OpenPerson]);
    let view = s.app.person.as_ref().expect("the child's screen");
    assert_eq!(view.page.episodes[view.selected].case.episode.episode_ref, "E01");
    act(&mut s, &[Action::Open(FormKind::Complete)]);
    save(&mut s);
    let signoff = || -> (String, Option<String>, Option<String>) {
        db(&path)
            .query_row(
                "SELECT r.signoff, r.signed_off_by, r.signed_off_at FROM return_interviews r
                   JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E01'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("E01's interview")
    };
    // S Enter on a pending interview leaves it pending: nothing is approved by accident.
    act(&mut s, &[Action::Open(FormKind::SignOff)]);
    assert_eq!(s.app.form.as_ref().and_then(|f| f.field("signoff")).and_then(|f| f.choice()), Some("pending"));
    act(&mut s, &[Action::Save]);
    assert_eq!(signoff(), ("pending".into(), None, None));

    act(&mut s, &[Action::Open(FormKind::SignOff)]);
    choose(&mut s, "signoff", "approved");
    save(&mut s);
    assert_eq!(signoff(), ("approved".into(), Some("mona".into()), Some("2026-03-30T11:00:00Z".into())));
    // Opened again, it is on "approved".
    act(&mut s, &[Action::Open(FormKind::SignOff)]);
    assert_eq!(s.app.form.as_ref().and_then(|f| f.field("signoff")).and_then(|f| f.choice()), Some("approved"));
    act(&mut s, &[Action::Back]);
    assert!(s.app.form.is_none() && s.app.person.is_some());
    // The trail has who and when too.
    let after: String =
        one(&path, "SELECT after FROM audit WHERE table_name = 'return_interviews' ORDER BY id DESC LIMIT 1");
    assert!(after.contains(r#""signed_off_by":"mona""#) && after.contains("2026-03-30T11:00:00Z"), "{after}");
    // And the child's screen says it.
    let shown = screen(&s, 120, 40);
    assert!(shown.contains("sign-off Approved by mona, Mon 30/03 12:00"), "{shown}");
    // Back to pending clears who and when.
    act(&mut s, &[Action::Open(FormKind::SignOff)]);
    choose(&mut s, "signoff", "pending");
    save(&mut s);
    assert_eq!(signoff(), ("pending".into(), None, None));
}

#[test]
fn quitting_with_something_typed_asks_first_and_a_clean_form_quits_at_once() {
    use ri_chase::tui::session::Flow;
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    assert_eq!(s.act(Action::Quit), Flow::Quit, "nothing typed: nothing to lose");
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    type_text(&mut s, "T999");
    assert_eq!(s.act(Action::Quit), Flow::Continue, "asks instead");
    assert_eq!(s.app.context(), ri_chase::tui::keymap::Context::Confirm);
    insta::assert_snapshot!("quit_asks_80x24", screen(&s, 80, 24));
    // Anything but an answer leaves the question up and the form as typed.
    act(&mut s, &[Action::Type('x'), Action::No]);
    assert!(!s.app.quit_asked);
    assert_eq!(s.app.form.as_ref().and_then(|f| f.field("person_ref")).and_then(|f| f.text()).as_deref(), Some("T999"));
    assert_eq!(s.act(Action::Quit), Flow::Continue);
    assert_eq!(s.act(Action::Yes), Flow::Quit);
    // Too small to see the form: nothing typed reaches it, and q still asks.
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    type_text(&mut s, "T9");
    s.app.too_small = true;
    assert_eq!(s.app.context(), ri_chase::tui::keymap::Context::TooSmall);
    act(&mut s, &[Action::Type('q'), Action::Save, Action::Back]);
    assert_eq!(s.app.form.as_ref().and_then(|f| f.field("person_ref")).and_then(|f| f.text()).as_deref(), Some("T9"));
    assert_eq!(s.act(Action::Quit), Flow::Continue);
    insta::assert_snapshot!("quit_asks_too_small", screen(&s, 60, 20));
}
