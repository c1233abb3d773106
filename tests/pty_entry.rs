//! A whole cycle typed into the real binary, key by key, in a pseudo-terminal:
//! a new child, missing, found, two failed attempts, and the interview
//! completed from carers with two reasons. Then the rows and the trail. And
//! the MPMG tab: a meeting recorded and the children it reviewed marked.
#![cfg(unix)]

mod common;
use common::pty::Running;
use common::{AT, fixture_db};

const TAB: &str = "\t";
const RIGHT: &str = "\x1b[C";
const CLEAR: &str = "\x15"; // Ctrl-U
const ENTER: &str = "\r";

#[test]
fn a_whole_cycle_typed_into_the_real_binary() {
    let (dir, db) = fixture_db();
    let mut app = Running::start(dir, &db, AT, &[]);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));

    // New young person: ref, names, date of birth, then the choices.
    app.press("n");
    app.screen.wait_for("the new person form", |s| s.contents().contains("New young person"));
    app.press(&["T900", TAB, "Morgan", TAB, "Newchild", TAB, "14/02/2012", TAB, TAB].concat());
    app.press(&RIGHT.repeat(4)); // case status: child in care
    app.press(&TAB.repeat(6)); // to the placement type
    app.press(&RIGHT.repeat(3)); // council children's home
    app.press(&[TAB, "Willows", ENTER].concat());
    app.screen.wait_for("the child saved", |s| s.contents().contains("Added Morgan Newchild"));

    // Missing since five hours ago: the search, then the time.
    app.press("m");
    app.screen.wait_for("the missing form", |s| s.contents().contains("Report missing"));
    app.press("morgan");
    app.screen.wait_for("Morgan found by the search", |s| s.contents().contains("▶ Morgan Newchild"));
    app.press(&[TAB, CLEAR, "-5h", ENTER].concat());
    app.screen.wait_for("the episode saved", |s| s.contents().contains("Reported Morgan Newchild missing"));

    // Found an hour ago, from the Still missing tab.
    app.press("3/Morgan\r");
    app.screen.wait_for("Morgan on the Still missing tab", |s| {
        s.contents().lines().any(|l| l.starts_with('▶') && l.contains("Morgan"))
    });
    app.press("F");
    app.screen.wait_for("the found form", |s| s.contents().contains("Found / returned"));
    app.press(&[CLEAR, "-1h", TAB, "A friend's flat", TAB, "Two friends", ENTER].concat());
    app.screen.wait_for("the return saved", |s| s.contents().contains("Recorded Morgan Newchild found"));

    // Two failed face-to-face attempts from the Chase tab.
    app.press("1");
    app.screen.wait_for("Morgan on the Chase tab", |s| {
        s.contents().lines().any(|l| l.starts_with('▶') && l.contains("Morgan"))
    });
    for when in ["-30m", "now"] {
        app.press("a");
        app.screen.wait_for("the attempt form", |s| s.contents().contains("Record an attempt"));
        app.press(&[CLEAR, when, ENTER].concat());
        app.screen.wait_for("the attempt saved", |s| s.contents().contains("Recorded a face to face attempt"));
    }

    // Completed from carers, ticking friends and CSE.
    app.press("C");
    app.screen.wait_for("the completion form", |s| s.contents().contains("Complete return interview"));
    app.press(&[TAB, RIGHT, TAB].concat());
    app.press(&[&RIGHT.repeat(3), " ", &RIGHT.repeat(4), " ", ENTER].concat());
    app.screen
        .wait_for("the interview saved", |s| s.contents().contains("Completed Morgan Newchild's return interview"));
    app.press("q");
    assert!(app.wait_for_exit().success());

    let conn = rusqlite::Connection::open(&db).expect("db");
    let (outcome, reasons, attempts): (String, String, i64) = conn
        .query_row(
            "SELECT r.outcome, r.reasons, (SELECT count(*) FROM ri_attempts a WHERE a.interview_id = r.id)
               FROM return_interviews r JOIN episodes e ON e.id = r.episode_id
               JOIN people p ON p.id = e.person_id WHERE p.person_ref = 'T900'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("Morgan's interview");
    assert_eq!((outcome.as_str(), reasons.as_str(), attempts), ("from_carers", "friends;cse", 2));
    let (missing, returned, placement): (String, String, String) = conn
        .query_row(
            "SELECT e.missing_at, e.returned_at, pl.name FROM episodes e JOIN people p ON p.id = e.person_id
               JOIN placements pl ON pl.id = p.placement_id WHERE p.person_ref = 'T900'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("Morgan's episode");
    assert_eq!(
        (missing.as_str(), returned.as_str(), placement.as_str()),
        ("2026-03-30T06:00:00Z", "2026-03-30T10:00:00Z", "Willows")
    );
    // Every step is in the trail, with who made it.
    let steps: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE who <> '' AND (
                 (table_name = 'people' AND after LIKE '%T900%')
              OR (table_name IN ('episodes', 'return_interviews', 'ri_attempts') AND at >= (
                    SELECT at FROM audit WHERE table_name = 'people' AND after LIKE '%T900%' LIMIT 1)))",
            [],
            |r| r.get(0),
        )
        .expect("trail");
    // person, episode + interview inserted, found, 2 attempts (+2 interview versions), completion.
    assert!(steps >= 9, "{steps} audit entries");
}

#[test]
fn the_mpmg_tab_records_a_meeting_and_who_it_reviewed_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("m.sqlite");
    common::ri(&db).args(["init", "--authority", "Northshire"]).assert().success();
    let fixture = common::fixture("mpmg.csv");
    common::ri(&db).arg("import").arg(&fixture).args(["--at", "2026-11-27 12:00"]).assert().success();
    let mut app = Running::start(dir, &db, "2026-11-10 12:00", &[]);
    app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
    app.press("4");
    app.screen.wait_for("the MPMG tab", |s| s.contents().contains("October 2026 · no meeting recorded"));
    app.press("M");
    app.screen.wait_for("the meeting form", |s| s.contents().contains("MPMG meeting"));
    app.press(&[CLEAR, "05/11/2026", TAB, TAB, "Police; YOS; health", ENTER].concat());
    app.screen.wait_for("the meeting saved", |s| s.contents().contains("meeting held 05/11/2026, 0 reviewed"));
    // The first two children of the cohort, marked reviewed.
    app.press(" j ");
    app.screen.wait_for("two reviewed", |s| s.contents().contains("2 reviewed"));
    app.press("q");
    assert!(app.wait_for_exit().success());

    let conn = rusqlite::Connection::open(&db).expect("db");
    let reviewed: Vec<String> = conn
        .prepare(
            "SELECT p.person_ref FROM mpmg_reviews r JOIN people p ON p.id = r.person_id
               JOIN mpmg_meetings m ON m.id = r.meeting_id WHERE m.month = '2026-10' ORDER BY p.person_ref",
        )
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(reviewed, ["M001", "M002"], "the top two of October's cohort");
    let attendees: String = conn.query_row("SELECT attendees FROM mpmg_meetings", [], |r| r.get(0)).expect("meeting");
    assert_eq!(attendees, "Police; YOS; health");
}

#[test]
fn two_people_on_one_file_see_each_others_changes_on_their_own() {
    let (dir, db) = fixture_db();
    let mut a = Running::start(dir, &db, AT, &[]);
    let mut b = Running::start(tempfile::tempdir().expect("dir"), &db, AT, &[]);
    for app in [&mut a, &mut b] {
        app.screen.wait_for("the Chase tab", |s| s.contents().contains("Overdue"));
        app.press("3/Gale\r");
        app.screen
            .wait_for("Gale still missing", |s| s.contents().lines().any(|l| l.starts_with('▶') && l.contains("Gale")));
    }
    // A records Gale found; B's screen drops her from Still missing without a key pressed.
    a.press("f");
    a.screen.wait_for("A's save", |s| s.contents().contains("Recorded Gale Synthe found"));
    b.screen.wait_for("B's list to follow", |s| !s.contents().lines().any(|l| l.contains("Gale Synthe")));
    a.press("q");
    b.press("q");
    assert!(a.wait_for_exit().success() && b.wait_for_exit().success());
}
