//! Quitting the real binary with something typed in a form: every way out
//! asks first (Ctrl-C, q on the "too small" screen), and keys typed while the
//! terminal is too small never reach the hidden form.
#![cfg(unix)]

mod common;
use common::pty::Running;
use common::{AT, fixture_db};

const CTRL_C: &str = "\x03";

fn start() -> Running {
    let (dir, db) = fixture_db();
    let app = Running::start(dir, &db, AT, &[]);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    app
}

#[test]
fn ctrl_c_in_a_form_with_typed_data_asks_and_n_goes_back_to_it() {
    let mut app = start();
    app.press("m");
    app.screen.wait_for("the missing form", |s| s.contents().contains("Report missing"));
    app.press("gale");
    app.screen.wait_for("Gale found", |s| s.contents().contains("▶ Gale Synthe"));
    app.press(CTRL_C);
    app.screen
        .wait_for("the question", |s| s.contents().contains("Quit and discard what you typed in Report missing?"));
    assert!(app.child.try_wait().expect("wait").is_none(), "still running");
    app.press("n");
    app.screen.wait_for("the form again, as typed", |s| {
        let c = s.contents();
        !c.contains("Quit and discard") && c.contains("▶ Gale Synthe") && c.contains("Report missing")
    });
    app.press(CTRL_C);
    app.screen.wait_for("asked again", |s| s.contents().contains("Quit and discard"));
    app.press("y");
    assert!(app.wait_for_exit().success());
}

#[test]
fn ctrl_c_with_nothing_typed_quits_at_once() {
    let mut app = start();
    app.press("F");
    app.screen.wait_for("a form", |s| s.contents().contains("Found / returned"));
    app.press(CTRL_C);
    assert!(app.wait_for_exit().success());
}

#[test]
fn keys_typed_on_the_too_small_screen_stay_out_of_the_form_and_q_asks_first() {
    let mut app = start();
    app.press("n");
    app.screen.wait_for("the new person form", |s| s.contents().contains("New young person"));
    app.press("T9");
    app.screen.wait_for("typed", |s| s.contents().contains("T9"));
    app.resize(20, 60);
    app.screen.wait_for("too small", |s| s.contents().contains("Terminal too small: 60x20"));
    app.screen.wait_for("says a form is open", |s| s.contents().contains("New young person is open"));
    app.press("xyz");
    app.press("q");
    app.screen
        .wait_for("the question", |s| s.contents().contains("Quit and discard what you typed in New young person?"));
    assert!(app.child.try_wait().expect("wait").is_none(), "still running");
    app.press("n");
    app.resize(24, 80);
    app.screen.wait_for("the form again", |s| s.contents().contains("Local case ID"));
    let text = app.screen.text();
    let line = text.lines().find(|l| l.contains("Local case ID")).expect("the first field").to_string();
    assert!(line.contains("T9") && !line.contains("xyz") && !line.contains('q'), "{line}");
    app.resize(20, 60);
    app.screen.wait_for("too small", |s| s.contents().contains("Terminal too small"));
    app.press("q");
    app.screen.wait_for("the question", |s| s.contents().contains("Quit and discard"));
    app.press("y");
    assert!(app.wait_for_exit().success());
}
