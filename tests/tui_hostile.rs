//! The app's screens on names written to attack the terminal (issue 8.10),
//! rendered into ratatui's TestBackend: the lists show controls as escapes,
//! and no control or bidi override is left in any cell of any screen.

mod common;
use common::entry::{act, select_child};
use common::{AT, fixture};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::time::parse_instant;
use ri_chase::io::episodes_csv::read_episodes;
use ri_chase::store::Store;
use ri_chase::tui::action::Action;
use ri_chase::tui::session::Session;
use ri_chase::tui::theme::Theme;
use ri_chase::tui::{Clock, views};

/// The fixture with hostile given names, in a session at `AT`.
fn hostile_session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let text = std::fs::read_to_string(fixture("episodes.csv")).expect("fixture");
    let text = text
        .replace(",Alex,", ",\"Evil\u{1B}]0;pwned\u{07}\",")
        .replace(",Billie,", ",\"New\nLine\",")
        .replace(",Casey,", ",Rev\u{202E}olleh,")
        .replace(",Dana,", ",Iso\u{2066}late\u{2069}\u{9B}2J,")
        .replace(",Gale,", ",Nul\0\u{7F}Gale\u{202D},");
    let file = dir.path().join("hostile.csv");
    std::fs::write(&file, text).expect("write");
    let mut store = Store::open_or_create(&dir.path().join("t.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let now = parse_instant(AT).expect("at");
    let items = read_episodes(std::fs::File::open(&file).expect("open"), &store, "Northshire", now).expect("valid");
    store.import(&items).expect("import");
    let session = Session::new(store, BankHolidays::bundled(), Clock::Fixed(now)).expect("session");
    (dir, session)
}

/// The screen drawn, as text, after checking that no cell holds a
/// character a terminal would act on or reorder text by.
fn checked_screen(s: &Session, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| views::render(&s.app, &Theme::plain(), f)).expect("draw");
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        let bad: Vec<char> = cell
            .symbol()
            .chars()
            .filter(|&c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect();
        assert!(bad.is_empty(), "a cell holds {bad:?}:\n{}", terminal.backend());
    }
    terminal.backend().to_string()
}

#[test]
fn the_lists_show_controls_as_escapes() {
    let (_dir, mut s) = hostile_session();
    let chase = checked_screen(&s, 200, 50);
    for shown in ["Evil\\e]0;pwned\\x07 Testcase", "New\\nLine Sample", "Rev\\u{202E}olleh Fixture"] {
        assert!(chase.contains(shown), "{shown}:\n{chase}");
    }
    assert!(chase.contains("Iso\\u{2066}late\\u{2069}\\u{9B}2J Example"), "{chase}");
    for tab in [1, 2, 3] {
        act(&mut s, &[Action::GoTab(tab)]);
        let screen = checked_screen(&s, 200, 50);
        if tab == 2 {
            assert!(screen.contains("Nul\\0\\x7FGale\\u{202D} Synthe"), "{screen}");
        }
    }
}

#[test]
fn the_detail_pane_and_the_childs_screen_show_them_as_escapes_too() {
    let (_dir, mut s) = hostile_session();
    let shown = [
        (0, "T003", "Rev\\u{202E}olleh Fixture"),
        (0, "T004", "Iso\\u{2066}late\\u{2069}\\u{9B}2J Example"),
        (0, "T001", "Evil\\e]0;pwned\\x07 Testcase"),
        (0, "T002", "New\\nLine Sample"),
        (2, "T007", "Nul\\0\\x7FGale\\u{202D} Synthe"),
    ];
    for (tab, child, name) in shown {
        select_child(&mut s, tab, child);
        let detail = checked_screen(&s, 120, 40);
        let pane = detail.split(" Detail ").nth(1).expect("the detail pane");
        assert!(pane.contains(name), "the detail pane should show {name}:\n{detail}");
        act(&mut s, &[Action::OpenPerson]);
        let person = checked_screen(&s, 120, 40);
        assert!(person.lines().nth(1).is_some_and(|l| l.contains(name)), "the header should show {name}:\n{person}");
        act(&mut s, &[Action::Back]);
    }
}

/// A status message quoting a child's name (an undo, a refusal) shows the
/// name's controls as escapes, as the lists do, rather than dropping them.
#[test]
fn the_status_line_shows_a_quoted_name_as_escapes() {
    let (_dir, mut s) = hostile_session();
    s.app.status = Some("Undone: recorded Rev\u{202E}olleh found".to_string());
    let screen = checked_screen(&s, 120, 40);
    assert!(screen.contains(r"Undone: recorded Rev\u{202E}olleh found"), "{screen}");
}
