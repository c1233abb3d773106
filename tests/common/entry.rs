//! Driving the app's data entry through its actions on a real database.
#![allow(dead_code)] // each test file uses some of these

use super::{AT, fixture};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::time::parse_instant;
use ri_chase::io::episodes_csv::read_episodes;
use ri_chase::store::Store;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::field::Edit;
use ri_chase::tui::session::{Flow, Session};
use ri_chase::tui::theme::Theme;
use ri_chase::tui::{Clock, views};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A session on the fixture at `AT`, with its folder and file.
pub fn session() -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("t.sqlite");
    let s = open_session(&path, true);
    (dir, path, s)
}

pub fn open_session(path: &Path, fill: bool) -> Session {
    open_session_on(path, fill.then_some(("episodes.csv", AT)), AT)
}

/// A session on `path` at `at`, first importing the fixture `file` into it
/// (as of `import_at`: a fixture may hold episodes after the session's now).
pub fn open_session_on(path: &Path, file: Option<(&str, &str)>, at: &str) -> Session {
    let mut store = Store::open_or_create(path).expect("store");
    let now = parse_instant(at).expect("at");
    if let Some((file, import_at)) = file {
        store.set_authority("Northshire").expect("authority");
        let file = std::fs::File::open(fixture(file)).expect("fixture");
        let import_at = parse_instant(import_at).expect("import at");
        let items = read_episodes(file, &store, "Northshire", import_at).expect("valid fixture");
        store.import(&items).expect("import");
    }
    Session::new(store, BankHolidays::bundled(), Clock::Fixed(now)).expect("session")
}

/// Runs actions, reloading the lists whenever a save asks for it (the app
/// does that on its loader thread).
pub fn act(s: &mut Session, actions: &[Action]) {
    for a in actions {
        if s.act(*a) == Flow::Reload {
            s.reload_now().expect("reload");
        }
    }
}

pub fn type_text(s: &mut Session, text: &str) {
    for c in text.chars() {
        act(s, &[Action::Type(c)]);
    }
}

/// Moves the form's focus to a field, with Tab as a user would.
pub fn focus(s: &mut Session, key: &str) {
    for _ in 0..30 {
        let form = s.app.form.as_ref().expect("a form is open");
        if form.fields[form.focus].key == key {
            return;
        }
        act(s, &[Action::NextField]);
    }
    panic!("no field {key}");
}

/// Replaces a field's text.
pub fn fill(s: &mut Session, key: &str, text: &str) {
    focus(s, key);
    act(s, &[Action::Edit(Edit::Clear)]);
    type_text(s, text);
}

pub fn error_on(s: &Session, key: &str) -> Option<String> {
    s.app.form.as_ref().and_then(|f| f.field(key)).and_then(|f| f.error.clone())
}

pub fn screen(s: &Session, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| views::render(&s.app, &Theme::plain(), f)).expect("draw");
    terminal.backend().to_string()
}

pub fn db(path: &Path) -> Connection {
    Connection::open(path).expect("open")
}

pub fn one<T: rusqlite::types::FromSql>(path: &Path, sql: &str) -> T {
    db(path).query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// Selects the row of an episode on the tab shown.
pub fn select_episode(s: &mut Session, tab: usize, episode_ref: &str) {
    act(s, &[Action::GoTab(tab), Action::Top]);
    for _ in 0..50 {
        if s.app.selected_row().is_some_and(|(_, e)| e == episode_ref) {
            return;
        }
        act(s, &[Action::Down]);
    }
    panic!("{episode_ref} is not on tab {tab}");
}

/// Selects the first row of a child on a tab.
pub fn select_child(s: &mut Session, tab: usize, person_ref: &str) {
    act(s, &[Action::GoTab(tab), Action::Top]);
    for _ in 0..50 {
        if s.app.selected_row().is_some_and(|(p, _)| p == person_ref) {
            return;
        }
        act(s, &[Action::Down]);
    }
    panic!("{person_ref} is not on tab {tab}");
}

/// Steps a choice field to the option with this code.
pub fn choose(s: &mut Session, key: &str, code: &str) {
    focus(s, key);
    for _ in 0..20 {
        if s.app.form.as_ref().and_then(|f| f.field(key)).and_then(|f| f.choice()) == Some(code) {
            return;
        }
        act(s, &[Action::Edit(Edit::Right)]);
    }
    panic!("{key} has no option {code}");
}

/// Ticks the options of a multiple choice field with these codes.
pub fn tick(s: &mut Session, key: &str, codes: &[&str]) {
    focus(s, key);
    let options: Vec<&'static str> = match s.app.form.as_ref().and_then(|f| f.field(key)).map(|f| &f.kind) {
        Some(ri_chase::tui::forms::field::FieldKind::Multi { options, .. }) => {
            options.iter().map(|(c, _)| *c).collect()
        }
        _ => panic!("{key} is not a multiple choice"),
    };
    for code in options {
        if codes.contains(&code) {
            act(s, &[Action::Type(' ')]);
        }
        act(s, &[Action::Edit(Edit::Right)]);
    }
}

/// Saves the open form and checks it closed.
pub fn save(s: &mut Session) {
    act(s, &[Action::Save]);
    if let Some(form) = &s.app.form {
        let problems: Vec<String> = form
            .fields
            .iter()
            .filter_map(|f| f.error.as_ref().or(f.warning.as_ref()).map(|e| format!("{}: {e}", f.key)))
            .collect();
        panic!("not saved: {problems:?} {:?}", form.banner);
    }
}
