//! The Patterns tab (issue 12) on the demo, whose planted patterns are
//! known (src/io/demo/patterns.rs), driven through the app's actions and
//! drawn into ratatui's TestBackend: the group of four with its occasions,
//! hotspots, prevention work, the window stepped a quarter at a time, and
//! the "Loading" line while the findings are read.

mod common;
use common::entry::{act, screen};
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::time::parse_instant;
use ri_chase::io::demo::{self, DemoOptions};
use ri_chase::store::Store;
use ri_chase::tui::Clock;
use ri_chase::tui::action::Action;
use ri_chase::tui::app::{PatternsView, Tab};
use ri_chase::tui::session::Session;

const AT: &str = "2026-11-28 09:30";

fn demo_session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let now = parse_instant(AT).expect("at");
    let mut store = Store::open_or_create(&dir.path().join("d.sqlite")).expect("store");
    demo::make(&mut store, &DemoOptions::small(now)).expect("demo");
    let s = Session::new(store, BankHolidays::bundled(), Clock::Fixed(now)).expect("session");
    (dir, s)
}

fn to_patterns(s: &mut Session) {
    act(s, &[Action::GoTab(5)]);
    assert_eq!(s.app.tab, Tab::Patterns);
}

#[test]
fn the_tab_shows_the_group_of_four_with_each_occasion() {
    let (_dir, mut s) = demo_session();
    to_patterns(&mut s);
    let text = screen(&s, 160, 48);
    assert!(text.contains("Group 1: 3 times together"), "{text}");
    assert!(text.contains("Kayla Brennan (LCS050101), Tyler Okonjo (LCS050102)"), "{text}");
    assert!(text.contains("same placement, named each other"), "{text}");
    insta::assert_snapshot!("patterns_groups_160x48", text);
    insta::assert_snapshot!("patterns_groups_80x24", screen(&s, 80, 24));
}

#[test]
fn views_cycle_and_show_hotspots_and_prevention() {
    let (_dir, mut s) = demo_session();
    to_patterns(&mut s);
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.patterns.view, PatternsView::Hotspots);
    let text = screen(&s, 160, 48);
    assert!(text.contains("Northfield Academy"), "{text}");
    insta::assert_snapshot!("patterns_hotspots_160x48", text);
    act(&mut s, &[Action::CycleView]);
    let text = screen(&s, 80, 24);
    assert!(text.contains("Birchwood House fell from 12 in the two quarters before"), "{text}");
    insta::assert_snapshot!("patterns_prevention_80x24", text);
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.patterns.view, PatternsView::Groups);
    act(&mut s, &[Action::CycleViewBack]);
    assert_eq!(s.app.patterns.view, PatternsView::Prevention);
}

#[test]
fn the_window_steps_a_quarter_and_never_past_today() {
    let (_dir, mut s) = demo_session();
    to_patterns(&mut s);
    let today = s.app.patterns.period;
    act(&mut s, &[Action::PeriodOn]);
    assert_eq!(s.app.patterns.period, today, "no further than the 12 months to today");
    act(&mut s, &[Action::PeriodBack]);
    assert_eq!(s.app.patterns.period.last_day().to_string(), "2026-08-28");
    // Only the first of the group's three occasions is in that window: no group.
    let text = screen(&s, 120, 40);
    assert!(text.contains("0 group(s)"), "{text}");
    assert!(text.contains("No children went missing together on 2 or more occasions"), "{text}");
    // Scrolling stops where the view ends.
    act(&mut s, &[Action::PeriodOn, Action::Bottom]);
    let _ = screen(&s, 80, 24);
    let room = s.app.patterns.scroll_room.get();
    act(&mut s, &[Action::Bottom, Action::Down, Action::Down]);
    assert_eq!(s.app.patterns.scroll, room);
}
