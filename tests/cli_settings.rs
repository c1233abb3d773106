//! `ri-chase settings`: the thresholds in force, changed from the command
//! line, checked, audited, and used by the lists.

mod common;
use common::{fixture, new_db, ri, stdout_of};
use predicates::str::contains;

#[test]
fn the_settings_list_shows_each_threshold_with_its_default() {
    let (_d, db) = new_db();
    let out = stdout_of(ri(&db).arg("settings"));
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("Setting"), "{out}");
    for (key, value) in [
        ("ri_due_hours", "72"),
        ("chase_soon_hours", "24"),
        ("strategy_hours", "72"),
        ("strategy_soon_hours", "48"),
        ("mpmg_month_threshold", "3"),
        ("persistent_quarter_threshold", "3"),
        ("top_n", "10"),
        ("ri_target_percent", "90"),
    ] {
        let line = lines.iter().find(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key} in {out}"));
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert_eq!((cells[1], cells[2]), (value, value), "{line}");
    }
}

#[test]
fn a_setting_changed_is_used_by_the_lists_and_audited() {
    let (_d, db) = new_db();
    ri(&db).arg("import").arg(fixture("mpmg.csv")).args(["--at", "2026-11-27 12:00"]).assert().success();
    let top = |db: &std::path::Path| {
        stdout_of(ri(db).args(["mpmg", "--month", "2026-10", "--at", "2026-11-10 12:00", "--format", "csv"]))
            .lines()
            .count()
    };
    assert_eq!(top(&db), 11, "a header and the top 10");
    ri(&db).args(["settings", "top_n", "3"]).assert().success().stderr(contains("top_n is now 3"));
    assert_eq!(top(&db), 4);
    let line = stdout_of(ri(&db).arg("settings")).lines().find(|l| l.starts_with("top_n")).map(str::to_string);
    assert!(line.is_some_and(|l| l.split_whitespace().take(3).collect::<Vec<_>>() == ["top_n", "3", "10"]));
    let audited: i64 = rusqlite::Connection::open(&db)
        .expect("db")
        .query_row("SELECT count(*) FROM audit WHERE table_name = 'settings' AND after LIKE '%top_n%'", [], |r| {
            r.get(0)
        })
        .expect("audit");
    assert_eq!(audited, 1);
}

#[test]
fn a_bad_setting_is_refused_with_the_reason_and_changes_nothing() {
    let (_d, db) = new_db();
    for (args, says) in [
        (["top_x", "5"], "`top_x` is not a setting; the settings are: ri_due_hours"),
        (["top_n", "ten"], "top_n: `ten` is not a whole number"),
        (["top_n", "0"], "top_n: 0 is out of range; give 1 to 100"),
        (["mpmg_month_threshold", "32"], "mpmg_month_threshold: 32 is out of range; give 1 to 31"),
        (["strategy_soon_hours", "72"], "strategy_soon_hours (72) must be less than strategy_hours (72)"),
        (["strategy_hours", "40"], "strategy_soon_hours (48) must be less than strategy_hours (40)"),
    ] {
        ri(&db).arg("settings").args(args).assert().code(2).stderr(contains(says));
    }
    let out = stdout_of(ri(&db).arg("settings"));
    assert!(
        out.lines().all(|l| l.starts_with("Setting") || {
            let cells: Vec<&str> = l.split_whitespace().collect();
            cells[1] == cells[2]
        }),
        "nothing changed: {out}"
    );
    ri(&db).args(["settings", "top_n"]).assert().code(2);
}
