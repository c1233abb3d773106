//! The app's first frame is the Chase screen with only its own list read
//! (issue 11: under 150 ms to the first complete frame at national scale);
//! the other tabs say they are loading until the loader brings the rest.

mod common;
use common::AT;
use common::entry::*;
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::time::parse_instant;
use ri_chase::store::Store;
use ri_chase::tui::Clock;
use ri_chase::tui::action::Action;
use ri_chase::tui::session::Session;

#[test]
fn the_first_frame_has_the_chase_list_and_the_other_tabs_say_they_are_loading() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.sqlite");
    drop(open_session(&path, true));
    let full = open_session_on(&path, None, AT);
    let store = Store::open_existing(&path).expect("store");
    let now = parse_instant(AT).expect("at");
    let mut s = Session::start(store, BankHolidays::bundled(), Clock::Fixed(now)).expect("session");

    assert!(s.app.lists.pending);
    assert_eq!(s.app.lists.chase, full.app.lists.chase, "the Chase list is whole at once");
    assert_eq!(
        screen(&s, 120, 40),
        screen(&full, 120, 40).replace("(3)", "(…)").replace("(0)", "(…)"),
        "the same screen, other tabs' counts to follow"
    );
    let top = screen(&s, 120, 40);
    assert!(top.contains("2 Strategy meetings (…)") && top.contains("3 Still missing (…)"), "{top}");
    act(&mut s, &[Action::GoTab(1)]);
    assert!(screen(&s, 120, 40).contains("Loading…"), "{}", screen(&s, 120, 40));
    act(&mut s, &[Action::GoTab(3)]);
    assert!(screen(&s, 120, 40).contains("loading…"));

    // What the loader brings fills every tab, as a session that read them all.
    s.reload_now().expect("reload");
    assert!(!s.app.lists.pending);
    for tab in 0..4 {
        act(&mut s, &[Action::GoTab(tab)]);
        let mut other = open_session_on(&path, None, AT);
        act(&mut other, &[Action::GoTab(tab)]);
        assert_eq!(screen(&s, 120, 40), screen(&other, 120, 40), "tab {}", tab + 1);
    }
}
