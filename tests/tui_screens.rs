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
    let text = screen_text(&app, 120, 24);
    assert!(
        text.contains("Overdue 0  │  Due within 24h 0  │  Later 1 (0 ours, 1 placing LA's)")
            && text.contains("Filtered: Placed in"),
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
    assert_eq!(app.tab, Tab::Patterns, "tabs wrap round");
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

/// Issue 8.20: another authority's child stays on the list, marked with the
/// authority whose interview it is, and the header counts say how many are
/// ours and how many placing authorities'.
#[test]
fn placing_authorities_interviews_are_marked_and_counted_apart() {
    let (_d, _s, app) = fixture_app();
    let text = screen_text(&app, 120, 40);
    assert!(text.contains("Later 3 (2 ours, 1 placing LA's)"), "{text}");
    assert!(text.contains("Overdue 3  │"), "no placed-in child is overdue: no split\n{text}");
    let row = text.lines().find(|l| l.contains("Indigo Invented")).expect("E10's row");
    assert!(row.contains("placing LA: Southby"), "{row}");
    // Narrow: the count of theirs alone.
    assert!(screen_text(&app, 80, 24).contains("Later 3 (1 placing LA's)"));
}

/// Issue 8.20: chasing waits while the child is missing again: the row and
/// the detail say MISSING AGAIN before the time left.
#[test]
fn an_interview_whose_child_is_missing_again_says_so_before_its_time_left() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(app.visible_chase()[app.selection()].episode_ref, "E04");
    let text = screen_text(&app, 80, 24);
    let row = text.lines().find(|l| l.contains("Dana Example")).expect("E04's row");
    assert!(row.contains("MISSING AGAIN -1d 1h"), "{row}");
    assert!(text.contains("RI due Sun 29 Mar 2026 11:00 · MISSING AGAIN · -1d 1h OVERDUE"), "{text}");
}

/// Issue 8.18: concluded meetings older than the window are hidden and
/// counted; `[` shows a month more, `]` a month less; a meeting past its
/// deadline reads OVERDUE; the keys are in the hint bar and help.
#[test]
fn the_strategy_tab_bounds_its_history_and_says_how_many_are_hidden() {
    let (_d, _s, mut app) = fixture_app();
    app.update(Action::GoTab(1));
    // Now is 30 March 2026: the meeting held in January is more than two
    // months back, but within the default three.
    let refs = |app: &App| app.visible_strategy().iter().map(|r| r.episode_ref.clone()).collect::<Vec<_>>();
    assert_eq!(refs(&app), ["E08", "E09", "E12"]);
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Last 3 months  "), "{text}");
    assert!(text.contains("OVERDUE") && !text.contains("Due (late)"), "{text}");
    assert!(text.lines().any(|l| l.contains("[ history")), "the hint bar names the key\n{text}");
    app.update(Action::ShorterHistory);
    assert_eq!(refs(&app), ["E08", "E09"], "two months: January's meeting goes");
    let text = screen_text(&app, 80, 24);
    assert!(text.contains("Last 2 months, 1 older hidden"), "{text}");
    assert_eq!(app.status.as_deref(), Some("Strategy meetings concluded: the last 2 months"));
    app.update(Action::ShorterHistory);
    app.update(Action::ShorterHistory);
    assert!(screen_text(&app, 80, 24).contains("Last month, 1 older hidden"));
    app.update(Action::LongerHistory);
    app.update(Action::LongerHistory);
    assert_eq!(refs(&app), ["E08", "E09", "E12"]);
    // The keys do nothing on the other tabs.
    app.update(Action::GoTab(0));
    app.update(Action::ShorterHistory);
    assert_eq!(app.strategy_history, ri_chase::domain::strategy::History::Months(3));
    app.update(Action::GoTab(1));
    app.update(Action::ToggleHelp);
    let help = screen_text(&app, 80, 24);
    assert!(help.contains("a month more history") && help.contains("a month less history"), "{help}");
}

/// Issue 8.27: a file with no child yet says how to add one.
#[test]
fn an_empty_file_says_n_adds_a_child() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open_or_create(&dir.path().join("e.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let now = parse_instant(AT).expect("at");
    let lists = load_lists(&store, now, &BankHolidays::bundled(), YearMonth::containing(now)).expect("lists");
    let mut app = App::new("Northshire".into(), now, lists);
    for tab in 0..3 {
        app.update(Action::GoTab(tab));
        let text = screen_text(&app, 80, 24);
        assert!(text.contains("No children recorded yet: n adds a child"), "tab {tab}\n{text}");
    }
    // With children but nothing outstanding, the list says just that.
    let (_d, _s, mut app) = fixture_app();
    app.lists.chase.clear();
    assert!(screen_text(&app, 80, 24).contains("No return interviews outstanding."));
}
