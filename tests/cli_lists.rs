//! The list commands against the fixture, exactly as INTERFACES.md gives them.

mod common;
use common::{AT, fixture_db, json_of, ri, stdout_of};
use serde_json::{Value, json};

fn find<'a>(rows: &'a Value, episode_ref: &str) -> &'a Value {
    rows.as_array()
        .and_then(|a| a.iter().find(|r| r["episode_ref"] == episode_ref))
        .unwrap_or_else(|| panic!("{episode_ref} not in {rows}"))
}

#[test]
fn returned_saturday_before_the_clocks_change_is_due_tuesday_21_00_bst() {
    let (_dir, db) = fixture_db();
    let rows = json_of(ri(&db).args(["chase", "--at", AT, "--format", "json"]));
    let e01 = find(&rows, "E01");
    assert_eq!(e01["returned_at"], "2026-03-28T20:00:00+00:00");
    assert_eq!(e01["due_at"], "2026-03-31T21:00:00+01:00");
    assert_eq!(e01["band"], "later");
    assert_eq!(e01["minutes_left"], 33 * 60);
    assert_eq!(e01["overdue"], false);
    assert_eq!(e01["flags"], json!([]));
}

#[test]
fn chase_json_has_every_field_of_the_interface_in_order() {
    let (_dir, db) = fixture_db();
    let rows = json_of(ri(&db).args(["chase", "--at", AT, "--format", "json"]));
    let keys: Vec<&str> = rows[0].as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "person_ref",
            "name",
            "episode_ref",
            "returned_at",
            "due_at",
            "minutes_left",
            "overdue",
            "band",
            "worker",
            "team",
            "attempts",
            "cohort",
            "flags",
            "placing_la"
        ]
    );
}

#[test]
fn chase_is_ordered_most_overdue_first_with_bands_and_flags() {
    let (_dir, db) = fixture_db();
    let rows = json_of(ri(&db).args(["chase", "--at", AT, "--format", "json"]));
    let order: Vec<&str> = rows.as_array().expect("array").iter().filter_map(|r| r["episode_ref"].as_str()).collect();
    assert_eq!(order, ["E13", "E02", "E04", "E03", "E01", "E10", "E11"]);
    let christmas = find(&rows, "E13");
    assert_eq!(christmas["due_at"], "2025-12-25T10:00:00+00:00");
    assert_eq!(christmas["flags"], json!(["due_on_weekend_or_bank_holiday", "no_worker"]));
    let e02 = find(&rows, "E02");
    assert_eq!((e02["band"].as_str(), e02["overdue"].as_bool()), (Some("overdue"), Some(true)));
    assert_eq!(e02["flags"], json!(["due_on_weekend_or_bank_holiday", "no_worker"]), "due Saturday 28 March");
    assert_eq!(
        find(&rows, "E04")["flags"],
        json!(["missing_again", "due_on_weekend_or_bank_holiday"]),
        "due Sunday 29 March"
    );
    assert_eq!(find(&rows, "E03")["band"], "within_24h");
    assert_eq!(find(&rows, "E03")["due_at"], "2026-03-30T19:00:00+01:00");
    assert_eq!(find(&rows, "E10")["cohort"], "placed_in");
    assert_eq!(find(&rows, "E11")["cohort"], "out_of_area");
    assert_eq!(find(&rows, "E11")["attempts"], 1);
}

#[test]
fn completed_and_absent_episodes_are_not_chased() {
    let (_dir, db) = fixture_db();
    let out = stdout_of(ri(&db).args(["chase", "--at", AT, "--format", "csv"]));
    assert!(!out.contains("E06") && !out.contains("E07") && !out.contains("E12"), "{out}");
}

#[test]
fn chase_csv_has_the_json_fields_as_columns() {
    let (_dir, db) = fixture_db();
    let out = stdout_of(ri(&db).args(["chase", "--at", AT, "--format", "csv"]));
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "person_ref,name,episode_ref,returned_at,due_at,minutes_left,overdue,band,worker,team,attempts,cohort,flags,placing_la"
        )
    );
    assert!(out.contains("E13,2025-12-22T10:00:00+00:00,2025-12-25T10:00:00+00:00,"), "{out}");
    assert!(out.contains(",due_on_weekend_or_bank_holiday;no_worker,\n"), "{out}");
}

#[test]
fn strategy_lists_due_due_soon_and_held_meetings() {
    let (_dir, db) = fixture_db();
    let rows = json_of(ri(&db).args(["strategy", "--at", AT, "--format", "json"]));
    let order: Vec<&str> = rows.as_array().expect("array").iter().filter_map(|r| r["episode_ref"].as_str()).collect();
    assert_eq!(order, ["E08", "E09", "E12"]);
    let e08 = find(&rows, "E08");
    assert_eq!(e08["status"], "due");
    assert_eq!(e08["hours_missing"], 75);
    assert_eq!(e08["deadline_at"], "2026-03-30T09:00:00+01:00");
    assert_eq!(e08["returned_at"], Value::Null);
    assert_eq!(e08["in_timescale"], false);
    assert_eq!(find(&rows, "E09")["status"], "due_soon");
    let e12 = find(&rows, "E12");
    assert_eq!((e12["status"].as_str(), e12["in_timescale"].as_bool()), (Some("held"), Some(true)));
    assert_eq!(e12["meeting_at"], "2026-01-12T10:00:00+00:00");
}

#[test]
fn missing_lists_open_episodes_longest_first() {
    let (_dir, db) = fixture_db();
    let rows = json_of(ri(&db).args(["missing", "--at", AT, "--format", "json"]));
    assert_eq!(
        rows,
        json!([
            {"person_ref": "T007", "name": "Gale Synthe", "episode_ref": "E08", "missing_at": "2026-03-27T08:00:00+00:00",
             "hours_missing": 75, "risk": "high", "cohort": "local"},
            {"person_ref": "T008", "name": "Harper Madeup", "episode_ref": "E09", "missing_at": "2026-03-28T06:00:00+00:00",
             "hours_missing": 53, "risk": "medium", "cohort": "local"},
            {"person_ref": "T004", "name": "Dana Example", "episode_ref": "E05", "missing_at": "2026-03-29T22:00:00+01:00",
             "hours_missing": 14, "risk": "high", "cohort": "local"}
        ])
    );
}

#[test]
fn at_takes_rfc3339_and_changes_the_answer() {
    let (_dir, db) = fixture_db();
    // Exactly at E01's deadline it is due, not overdue.
    let rows = json_of(ri(&db).args(["chase", "--at", "2026-03-31T21:00:00+01:00", "--format", "json"]));
    let e01 = find(&rows, "E01");
    assert_eq!((e01["minutes_left"].as_i64(), e01["overdue"].as_bool()), (Some(0), Some(false)));
    let rows = json_of(ri(&db).args(["chase", "--at", "2026-03-31T21:01:00+01:00", "--format", "json"]));
    assert_eq!(find(&rows, "E01")["band"], "overdue");
}

#[test]
fn the_table_format_is_readable_text() {
    let (_dir, db) = fixture_db();
    let out = stdout_of(ri(&db).args(["chase", "--at", AT]));
    let first = out.lines().next().expect("header");
    assert!(first.starts_with("Band") && first.contains("Child") && first.contains("Left"), "{first}");
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("OVERDUE  Kit Notreal")), "{out}");
    assert!(out.contains("Alex Testcase") && out.contains("Tue 31/03 21:00") && out.contains("1d 9h"), "{out}");
}

/// Issue 8.18: `strategy` lists what the Strategy tab does, with the same
/// window on concluded meetings (three months by default), and says on
/// stderr how many it left out; the JSON keeps its shape.
#[test]
fn strategy_bounds_its_history_as_the_tab_does() {
    let (_dir, db) = fixture_db();
    let refs = |rows: &serde_json::Value| -> Vec<String> {
        rows.as_array().expect("list").iter().map(|r| r["episode_ref"].as_str().expect("ref").to_string()).collect()
    };
    let default = json_of(ri(&db).args(["strategy", "--at", AT, "--format", "json"]));
    assert_eq!(refs(&default), ["E08", "E09", "E12"]);
    let out = ri(&db).args(["strategy", "--at", AT, "--months", "1", "--format", "json"]).output().expect("runs");
    assert!(out.status.success());
    let one: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(refs(&one), ["E08", "E09"], "January's held meeting is more than a month back");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("1 concluded meeting(s) of episodes that began before 28/02/2026 not listed"), "{stderr}");
    assert_eq!(refs(&json_of(ri(&db).args(["strategy", "--at", AT, "--months", "all", "--format", "json"]))).len(), 3);
    let table = stdout_of(ri(&db).args(["strategy", "--at", AT]));
    assert!(table.contains("OVERDUE") && !table.contains("Due (late)"), "{table}");
    for bad in ["0", "three", "1201", "2.5"] {
        ri(&db)
            .args(["strategy", "--at", AT, "--months", bad])
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is not a number of months"));
    }
}
