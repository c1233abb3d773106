//! Issue 10's keys typed into the real binary in a pseudo-terminal: a new
//! police risk grade from the Still missing tab, and the CCE filter on Chase.
#![cfg(unix)]

mod common;
use common::pty::Running;
use common::{AT, fixture_db};

const RIGHT: &str = "\x1b[C";
const DOWN: &str = "\x1b[B";
const TAB: &str = "\t";
const ENTER: &str = "\r";

#[test]
fn p_regrades_a_still_missing_child_and_the_list_shows_the_new_grade() {
    let (dir, db) = fixture_db();
    let mut app = Running::start(dir, &db, AT, &[]);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    app.press("3/Harper\r");
    app.screen.wait_for("Harper selected", |s| {
        s.contents().lines().any(|l| l.starts_with('▶') && l.contains("Harper") && l.contains("Medium"))
    });
    app.press("P");
    app.screen.wait_for("the grade form", |s| s.contents().contains("New police risk grade"));
    // Graded now; the grade one step on from medium: high.
    app.press(&[TAB, RIGHT, ENTER].concat());
    app.screen.wait_for("the grade saved and listed", |s| {
        s.contents().contains("Recorded the police's grade for Harper Madeup: high")
            && s.contents().lines().any(|l| l.starts_with('▶') && l.contains("Harper") && l.contains("High"))
    });
    app.press("x1X"); // clear the search; the Chase tab; its exploitation filter
    app.screen.wait_for("the exploitation picker", |s| s.contents().contains("Filter by exploitation"));
    app.press(&[DOWN, ENTER].concat());
    app.screen.wait_for("filtered to CSE", |s| s.contents().contains("Filtered: CSE"));
    app.press("q");
    app.wait_for_exit();
}
