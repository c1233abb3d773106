//! The list's search and filters, driven through the app's actions on the
//! synthetic fixture at `AT`: the worker picker follows the team filter and
//! offers the interviews with no worker; the search finds police references
//! and names either way round.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::app::Overlay;
use ri_chase::tui::filters::{PickerChoice, WorkerFilter};
use ri_chase::tui::session::Session;

/// The picker's lines, as (choice, count).
fn picker_lines(s: &Session) -> Vec<(PickerChoice, usize)> {
    match &s.app.overlay {
        Overlay::Picker(p) => p.options.clone(),
        other => panic!("no picker: {other:?}"),
    }
}

/// Opens a picker and applies the line with this choice.
fn pick(s: &mut Session, open: Action, choice: PickerChoice) {
    act(s, &[open]);
    let at = picker_lines(s).iter().position(|(c, _)| *c == choice).expect("offered");
    act(s, &[Action::Top]);
    for _ in 0..at {
        act(s, &[Action::Down]);
    }
    act(s, &[Action::Confirm]);
}

fn chase_names(s: &Session) -> Vec<String> {
    s.app.visible_chase().iter().map(|r| r.name.clone()).collect()
}

#[test]
fn the_worker_picker_offers_no_worker_and_only_the_team_s_workers_when_a_team_is_chosen() {
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::FilterWorker]);
    assert_eq!(
        picker_lines(&s),
        [
            (PickerChoice::All, 0),
            (PickerChoice::Nobody, 3),
            (PickerChoice::Value("Jo Worker".into()), 1),
            (PickerChoice::Value("Sam Worker".into()), 3),
        ]
    );
    act(&mut s, &[Action::Back]);
    pick(&mut s, Action::FilterWorker, PickerChoice::Nobody);
    assert_eq!(s.app.filters.worker, Some(WorkerFilter::Nobody));
    assert_eq!(chase_names(&s), ["Kit Notreal", "Billie Sample", "Indigo Invented"]);
    insta::assert_snapshot!("chase_no_worker_80x24", screen(&s, 80, 24));

    // With a team chosen, the workers are that team's, and the picker says so.
    act(&mut s, &[Action::ClearFilters]);
    pick(&mut s, Action::FilterTeam, PickerChoice::Value("North CiC".into()));
    act(&mut s, &[Action::FilterWorker]);
    assert_eq!(
        picker_lines(&s),
        [(PickerChoice::All, 0), (PickerChoice::Nobody, 0), (PickerChoice::Value("Sam Worker".into()), 3)]
    );
    let shown = screen(&s, 80, 24);
    assert!(shown.contains("Workers of North CiC") && shown.contains("All of North CiC"), "{shown}");
    insta::assert_snapshot!("worker_picker_of_a_team_80x24", shown);
    act(&mut s, &[Action::Back]);
    pick(&mut s, Action::FilterTeam, PickerChoice::Value("North CiN".into()));
    pick(&mut s, Action::FilterWorker, PickerChoice::Nobody);
    assert_eq!(chase_names(&s), ["Kit Notreal", "Billie Sample"]);
    // The picker opens on the filter in force.
    act(&mut s, &[Action::FilterWorker]);
    match &s.app.overlay {
        Overlay::Picker(p) => assert_eq!(p.options[p.selected].0, PickerChoice::Nobody),
        other => panic!("no picker: {other:?}"),
    }
}

#[test]
fn the_search_finds_police_references_and_family_name_first_and_ctrl_u_clears_it() {
    use ri_chase::tui::forms::field::Edit;
    let (_d, _p, mut s) = session();
    act(&mut s, &[Action::GoTab(0), Action::OpenSearch]);
    type_text(&mut s, "np-26-000001");
    assert_eq!(chase_names(&s), ["Alex Testcase"]);
    act(&mut s, &[Action::Edit(Edit::Clear)]);
    assert_eq!(s.app.filters.search, "");
    assert_eq!(s.app.overlay, Overlay::Search, "still searching");
    act(&mut s, &[Action::GoTab(2)]);
    type_text(&mut s, "synthe gale");
    let missing: Vec<&str> = s.app.visible_missing().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(missing, ["Gale Synthe"]);
    // Ctrl-W takes the last word.
    act(&mut s, &[Action::Edit(Edit::DeleteWord)]);
    assert_eq!(s.app.filters.search, "synthe ");
    act(&mut s, &[Action::Confirm]);
    // The Strategy tab's rows carry their police reference too.
    let (_d, _p, mut s) = session();
    let police = s.app.lists.strategy.iter().find_map(|r| r.police_ref.clone()).expect("a strategy row with one");
    act(&mut s, &[Action::GoTab(1), Action::OpenSearch]);
    type_text(&mut s, &police);
    assert!(!s.app.visible_strategy().is_empty());
    assert!(s.app.visible_strategy().iter().all(|r| r.police_ref.as_deref() == Some(police.as_str())));
}

#[test]
fn ctrl_u_and_ctrl_w_are_the_search_box_s_keys() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ri_chase::tui::forms::field::Edit;
    use ri_chase::tui::keymap::{Context, action_for};
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    assert_eq!(action_for(Context::Search, ctrl('u')), Some(Action::Edit(Edit::Clear)));
    assert_eq!(action_for(Context::Search, ctrl('w')), Some(Action::Edit(Edit::DeleteWord)));
}
