//! The screens, rendered into ratatui's TestBackend at a fixed "now" from the
//! synthetic fixture, and snapshotted. Tests drive the app through actions.

mod common;
use common::{AT, fixture};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::period::YearMonth;
use ri_chase::domain::time::parse_instant;
use ri_chase::io::episodes_csv::read_episodes;
use ri_chase::store::Store;
use ri_chase::tui::action::Action;
use ri_chase::tui::app::{App, Effect, Overlay, Tab};
use ri_chase::tui::filters::PickerChoice;
use ri_chase::tui::theme::Theme;
use ri_chase::tui::{load_lists, views};

/// The app on the fixture at `AT`, with the database kept alive beside it.
fn fixture_app() -> (tempfile::TempDir, Store, App) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open_or_create(&dir.path().join("t.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let now = parse_instant(AT).expect("at");
    let file = std::fs::File::open(fixture("episodes.csv")).expect("fixture");
    let items = read_episodes(file, &store, "Northshire", now).expect("valid fixture");
    store.import(&items).expect("import");
    let month = YearMonth::containing(now).plus(-1);
    let lists = load_lists(&store, now, &BankHolidays::bundled(), month).expect("lists");
    let app = App::new("Northshire".into(), now, lists);
    (dir, store, app)
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| views::render(app, &Theme::plain(), f)).expect("draw");
    terminal
}

fn screen_text(app: &App, width: u16, height: u16) -> String {
    draw(app, width, height).backend().to_string()
}

#[test]
fn chase_tab_80x24() {
    let (_d, _s, app) = fixture_app();
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}

#[test]
fn chase_tab_160x48() {
    let (_d, _s, app) = fixture_app();
    insta::assert_snapshot!(draw(&app, 160, 48).backend());
}

#[test]
fn strategy_tab_80x24_and_160x48() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::GoTab(1));
    insta::assert_snapshot!("strategy_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("strategy_160x48", draw(&app, 160, 48).backend());
}

#[test]
fn missing_tab_80x24_and_160x48() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::GoTab(2));
    insta::assert_snapshot!("missing_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("missing_160x48", draw(&app, 160, 48).backend());
}

#[test]
fn help_overlay_80x24() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::ToggleHelp);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Back);
    assert_eq!(app.overlay, Overlay::None);
}

#[test]
fn too_small_says_so() {
    let (_d, _s, app) = fixture_app();
    insta::assert_snapshot!(draw(&app, 60, 20).backend());
    // Exactly the minimum draws the screen.
    assert!(screen_text(&app, 80, 24).contains("Overdue 3"));
}

#[test]
fn search_narrows_rows_as_you_type_and_esc_cancels() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::OpenSearch);
    for c in "dana".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.visible_chase().iter().map(|r| r.episode_ref.as_str()).collect::<Vec<_>>(), ["E04"]);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Back);
    assert_eq!(app.visible_chase().len(), 7);
    // References match too, and Enter keeps the search.
    app.update(Action::OpenSearch);
    for c in "t01".chars() {
        app.update(Action::Type(c));
    }
    app.update(Action::Confirm);
    assert_eq!(app.overlay, Overlay::None);
    let refs: Vec<&str> = app.visible_chase().iter().map(|r| r.person_ref.as_str()).collect();
    assert_eq!(refs, ["T011", "T010"], "T001 does not contain `t01`");
}

#[test]
fn cohort_filter_cycles_and_counts_follow() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::FilterCohort);
    assert_eq!(app.visible_chase().len(), 5, "local");
    app.update(Action::FilterCohort);
    assert_eq!(app.visible_chase().iter().map(|r| r.episode_ref.as_str()).collect::<Vec<_>>(), ["E11"]);
    app.update(Action::FilterCohort);
    assert_eq!(app.visible_chase().iter().map(|r| r.episode_ref.as_str()).collect::<Vec<_>>(), ["E10"]);
    let text = screen_text(&app, 80, 24);
    assert!(
        text.contains("Overdue 0  │  Due within 24h 0  │  Later 1") && text.contains("Filtered: Placed in"),
        "{text}"
    );
    app.update(Action::FilterCohort);
    assert_eq!(app.visible_chase().len(), 7, "back to all");
}

#[test]
fn team_picker_lists_teams_with_counts_and_applies_the_choice() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::FilterTeam);
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
    app.update(Action::Down);
    app.update(Action::Confirm);
    assert_eq!(app.filters.team.as_deref(), Some("North CiC"));
    assert!(app.visible_chase().iter().all(|r| r.team.as_deref() == Some("North CiC")));
    assert_eq!(app.visible_chase().len(), 3);
    app.update(Action::Back);
    assert!(app.filters.is_empty(), "Esc clears filters");
}

#[test]
fn worker_filter_keeps_unassigned_rows_out_and_leaves_other_tabs_alone() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::FilterWorker);
    let Overlay::Picker(p) = &app.overlay else { panic!("picker open") };
    let sam = p.options.iter().position(|(w, _)| *w == PickerChoice::Value("Sam Worker".into())).expect("Sam listed");
    for _ in 0..sam {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    assert_eq!(app.visible_chase().len(), 3);
    app.update(Action::GoTab(2));
    assert_eq!(app.visible_missing().len(), 3, "the worker filter is the Chase tab's");
}

#[test]
fn selection_moves_with_keys_and_stays_in_range() {
    let (_d, _s, mut app) = fixture_app();
    assert_eq!(app.selection(), 0);
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.selection(), 2);
    app.update(Action::Bottom);
    assert_eq!(app.selection(), 6);
    app.update(Action::Down);
    assert_eq!(app.selection(), 6);
    app.update(Action::Top);
    app.update(Action::Up);
    assert_eq!(app.selection(), 0);
    app.update(Action::NextTab);
    assert_eq!(app.tab, Tab::Strategy);
    app.update(Action::PrevTab);
    app.update(Action::PrevTab);
    assert_eq!(app.tab, Tab::Mpmg, "tabs wrap round");
    assert_eq!(app.update(Action::Refresh), Effect::Reload);
    assert_eq!(app.update(Action::Quit), Effect::Quit);
}

#[test]
fn reloading_keeps_the_selection_on_the_same_episode() {
    let (_d, store, mut app) = fixture_app();
    app.update(Action::Down);
    app.update(Action::Down);
    let chosen = app.visible_chase()[app.selection()].episode_ref.clone();
    // An hour later E03 is still in the list, at the same place or not.
    let later = parse_instant("2026-03-30 13:00").expect("t");
    app.load(later, load_lists(&store, later, &BankHolidays::bundled(), app.mpmg_month).expect("lists"));
    assert_eq!(app.visible_chase()[app.selection()].episode_ref, chosen);
}

#[test]
fn the_screen_lists_the_same_rows_in_the_same_order_as_the_commands() {
    let (_d, store, app) = fixture_app();
    let now = app.now;
    let chase = store.chase_list(now, &BankHolidays::bundled()).expect("chase");
    assert_eq!(app.visible_chase().into_iter().cloned().collect::<Vec<_>>(), chase);
    let strategy = store.strategy_list(now).expect("strategy");
    assert_eq!(app.visible_strategy().into_iter().cloned().collect::<Vec<_>>(), strategy);
    let missing = store.missing_list(now).expect("missing");
    assert_eq!(app.visible_missing().into_iter().cloned().collect::<Vec<_>>(), missing);
}

#[test]
fn a_placed_in_child_shows_who_owns_the_interview() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::FilterCohort);
    app.update(Action::FilterCohort);
    app.update(Action::FilterCohort);
    let text = screen_text(&app, 120, 30);
    assert!(text.contains("Placed here by Southby: their interview; write to them if not done in 72h"), "{text}");
    insta::assert_snapshot!(draw(&app, 80, 24).backend());
}
