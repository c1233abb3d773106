//! The real binary in a pseudo-terminal: start it on a demo database, move
//! the selection, open help, quit, and check the terminal was restored; and
//! the same restoration after a panic.
#![cfg(unix)]

mod common;
use common::pty::Running;

const AT: &str = "2026-11-28 09:30";

/// The real binary on a fresh demo database.
fn start_on_demo(extra_env: &[(&str, &str)]) -> Running {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("demo.sqlite");
    common::ri(&db).args(["demo", "--at", AT]).assert().success();
    Running::start(dir, &db, AT, extra_env)
}

#[test]
fn the_app_starts_moves_shows_help_quits_and_restores_the_terminal() {
    let mut app = start_on_demo(&[]);
    app.screen.wait_for("the Chase tab", |s| s.alternate_screen() && s.contents().contains("Overdue"));
    // The first frame reads the Chase list alone; the loader brings the rest.
    app.screen.wait_for("the other tabs' counts", |s| {
        let top = s.contents().lines().next().unwrap_or_default().to_string();
        !top.contains('…') && top.contains("2 Strat. (")
    });
    let first = app.screen.selected_line().expect("a selected row");
    app.press("j");
    app.screen.wait_for("the selection to move", |s| {
        s.contents().lines().find(|l| l.starts_with('▶')).is_some_and(|l| l != first)
    });

    app.press("?");
    app.screen.wait_for("the help overlay", |s| s.contents().contains("Keys (? or Esc closes)"));
    app.press("\x1b");
    app.screen.wait_for("help to close", |s| !s.contents().contains("Keys (? or Esc closes)"));

    app.press("2");
    app.screen.wait_for("the Strategy tab", |s| s.contents().contains("Due soon"));
    app.press("q");

    let status = app.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
    app.screen.wait_for("the terminal to be restored", |s| !s.alternate_screen() && !s.hide_cursor());
}

#[test]
fn a_panic_restores_the_terminal_before_the_message() {
    let mut app = start_on_demo(&[("RI_CHASE_TEST_PANIC", "1")]);
    let status = app.wait_for_exit();
    assert!(!status.success(), "a panic is a failure: {status:?}");
    app.screen.wait_for("the terminal restored, with the panic message on it", |s| {
        !s.alternate_screen() && !s.hide_cursor() && s.contents().contains("panic asked for by RI_CHASE_TEST_PANIC")
    });
}

/// Issue 8.24 in the real binary: after `]` the status line stops saying the
/// month is loading once it has loaded, `d` hides and shows the detail pane
/// on the MPMG tab, and the tab's count stays put as `v` steps the lists.
#[test]
fn the_mpmg_tab_loads_a_month_toggles_its_detail_and_keeps_its_count() {
    let mut app = start_on_demo(&[]);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    app.press("4");
    app.screen.wait_for("October on the MPMG tab", |s| s.contents().contains("October 2026 ·"));
    app.press("]");
    app.screen.wait_for("November loaded, and the status line back to the lists' time", |s| {
        let text = s.contents();
        text.contains("November 2026 · ") && !text.contains("Loading") && text.contains("Lists as at 09:30")
    });
    let count = |text: &str| {
        let title = text.lines().next().unwrap_or_default();
        title.find("4 MPMG (").map(|i| title[i..].split(')').next().unwrap_or_default().to_string())
    };
    let first = count(&app.screen.text()).expect("the MPMG tab's count");
    app.screen.wait_for("the detail pane", |s| s.contents().contains(" Detail "));
    app.press("d");
    app.screen.wait_for("d to hide the detail pane", |s| !s.contents().contains(" Detail "));
    app.press("d");
    app.screen.wait_for("d to show it again", |s| s.contents().contains(" Detail "));
    for list in ["▸Top 10", "▸Persistent", "Children reviewed for"] {
        app.press("v");
        app.screen.wait_for(list, |s| s.contents().contains(list));
        assert_eq!(count(&app.screen.text()).as_deref(), Some(first.as_str()), "on {list}");
    }
    app.press("q");
    assert!(app.wait_for_exit().success());
}

/// A change made in the app is in the database file itself once the app has
/// quit: a plain copy of the `.sqlite` alone (no `-wal` beside it) holds it.
#[test]
fn quitting_folds_the_log_into_the_file() {
    let (dir, db) = common::fixture_db();
    let mut app = Running::start(dir, &db, common::AT, &[]);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    app.press("3");
    app.screen.wait_for("Gale first on Still missing", |s| {
        s.contents().lines().any(|l| l.starts_with('▶') && l.contains("Gale"))
    });
    app.press("f");
    app.screen.wait_for("Gale recorded found", |s| s.contents().contains("Recorded Gale Synthe found"));
    app.press("q");
    let status = app.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");

    let wal = std::fs::metadata(format!("{}-wal", db.display())).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal, 0, "the log still holds {wal} bytes");
    let elsewhere = tempfile::tempdir().expect("dir");
    let copy = elsewhere.path().join("copy.sqlite");
    std::fs::copy(&db, &copy).expect("plain copy");
    let missing = common::stdout_of(common::ri(&copy).args(["missing", "--at", common::AT, "--format", "csv"]));
    assert!(missing.contains("E09") && !missing.contains("E08"), "the copy lacks the change:\n{missing}");
}

/// Issue 10.8 in the real binary: `L` on the Chase row of a child placed
/// here whose interview is overdue writes the letter into the data folder's
/// `letters/`, and the status line says so.
#[test]
fn l_on_a_placed_in_overdue_row_writes_the_letter_and_says_where() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    let config = home.path().join("config");
    let env = [
        ("XDG_DATA_HOME", data.to_str().expect("utf8")),
        ("XDG_CONFIG_HOME", config.to_str().expect("utf8")),
        ("HOME", home.path().to_str().expect("utf8")),
    ];
    let mut app = start_on_demo(&env);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    // The cohort filter, three steps on: placed in; the most overdue is first.
    app.press("ccc");
    app.screen.wait_for("the placed-in filter", |s| s.contents().contains("Cohort: Placed in"));
    app.press("L");
    app.screen.wait_for("the letter's message", |s| {
        s.contents().contains("Letter to Southby written: letter-southby-demo-0000068.txt in")
    });
    let letter = data.join("ri-chase/letters/letter-southby-demo-0000068.txt");
    let text = std::fs::read_to_string(&letter).expect("the letter");
    assert!(text.contains("To: Southby Children's Services"), "{text}");
    app.press("q");
    assert!(app.wait_for_exit().success());
}

/// Issue 9.4 in the real binary: `5` shows the Reports tab on the last
/// whole quarter (read on the loader thread: "Loading…" until it is in),
/// `]` loads the next quarter and the status line goes back to the lists'
/// time, `y` the year, `v` the months chart, and `o` writes the period's
/// report into the data folder's `reports/` and says where.
#[test]
fn five_shows_the_reports_tab_and_brackets_load_another_period() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    let env = [("XDG_DATA_HOME", data.to_str().expect("utf8")), ("HOME", home.path().to_str().expect("utf8"))];
    let mut app = start_on_demo(&env);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    app.press("5");
    app.screen.wait_for("2026-27 Q2 on the Reports tab", |s| {
        let text = s.contents();
        text.contains("2026-27 Q2 · 01/07/2026 to 30/09/2026") && text.contains("Episodes")
    });
    app.press("]");
    app.screen.wait_for("Q3 loaded, and the status line back to the lists' time", |s| {
        let text = s.contents();
        text.contains("2026-27 Q3 · 01/10/2026") && !text.contains("Loading") && text.contains("Lists as at 09:30")
    });
    app.press("y");
    app.press("v");
    app.screen.wait_for("the year's months chart", |s| {
        let text = s.contents();
        text.contains("2026-27 · 01/04/2026 to 31/03/2027") && text.contains("Episodes per month")
    });
    app.press("o");
    app.screen.wait_for("the report's message", |s| {
        s.contents().contains("Report for 2026-27 written: report-2026-27.html in")
    });
    assert!(data.join("ri-chase/reports/report-2026-27.html").exists());
    app.press("Q");
    assert!(app.wait_for_exit().success());
}
