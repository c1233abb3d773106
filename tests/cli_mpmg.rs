//! `ri-chase mpmg` against the MPMG fixture, exactly as INTERFACES.md gives it.
//!
//! The fixture (tests/fixtures/mpmg.csv, synthetic children) is October 2026:
//! children with 1 to 4 episodes in the month, ties on hours, on the most
//! recent episode and on name, children in care with one episode, a child
//! taken into care mid-month, an episode at 00:00 BST on 1 October (23:00 UTC
//! on 30 September), one across the clocks going back on 25 October, one at
//! 23:59 on 31 October, one still open, and episodes in November.

mod common;
use common::{fixture, new_db, ri, stdout_of};
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// The meeting's "now": Tuesday 10 November 2026.
const AT: &str = "2026-11-10 12:00";

fn mpmg_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    // Imported as of late November, so the 20 November episode exists in the file.
    ri(&db).arg("import").arg(fixture("mpmg.csv")).args(["--at", "2026-11-27 12:00"]).assert().success();
    (dir, db)
}

fn json_at(db: &Path, args: &[&str]) -> Value {
    let out = stdout_of(ri(db).arg("mpmg").args(args).args(["--format", "json"]));
    serde_json::from_str(&out).expect("valid JSON")
}

fn refs(rows: &Value) -> Vec<&str> {
    rows.as_array().expect("array").iter().filter_map(|r| r["person_ref"].as_str()).collect()
}

fn find<'a>(rows: &'a Value, person_ref: &str) -> &'a Value {
    rows.as_array()
        .and_then(|a| a.iter().find(|r| r["person_ref"] == person_ref))
        .unwrap_or_else(|| panic!("{person_ref} not in {rows}"))
}

/// Equal values with the keys in the same order (serde_json keeps the order).
fn assert_same_in_order(actual: &Value, expected: &Value) {
    assert_eq!(
        serde_json::to_string_pretty(actual).expect("json"),
        serde_json::to_string_pretty(expected).expect("json")
    );
}

fn top(rank: u32, person_ref: &str, name: &str, episodes: u32, hours: u32, last: &str) -> Value {
    json!({"rank": rank, "person_ref": person_ref, "name": name, "episodes": episodes, "hours_missing": hours,
           "last_missing_at": last})
}

fn reviewed(person_ref: &str, name: &str, episodes: u32, hours: u32, status: &str, reasons: &[&str]) -> Value {
    json!({"person_ref": person_ref, "name": name, "episodes": episodes, "hours_missing": hours,
           "case_status": status, "review_reasons": reasons})
}

#[test]
fn json_is_the_interface_shape_with_every_value_and_key_in_order() {
    let (_dir, db) = mpmg_db();
    let got = json_at(&db, &["--month", "2026-10", "--at", AT]);
    let expected = json!({
        "month": "2026-10",
        "cohort": [
            // In care at every episode, and four of them.
            reviewed("M001", "Ash Fourtimes", 4, 30, "child_in_care", &["in_care", "three_or_more"]),
            // Exactly three, the first at 00:00 BST on 1 October.
            reviewed("M002", "Bo Threetimes", 3, 15, "child_protection", &["three_or_more"]),
            // Taken into care between its two episodes.
            reviewed("M005", "Eli Changed", 2, 12, "child_in_care", &["in_care"]),
            // Still missing: counted to midnight at the end of October.
            reviewed("M012", "Max Open", 1, 36, "child_in_care", &["in_care"]),
            // 00:00 BST to 12:00 GMT on 25 October: 13 real hours. Placed out of area.
            reviewed("M013", "Nia Clocks", 1, 13, "child_in_care", &["in_care"]),
            reviewed("M004", "Dee Once", 1, 11, "child_in_care", &["in_care"]),
        ],
        "top10": [
            top(1, "M001", "Ash Fourtimes", 4, 30, "2026-10-31T23:59:00+00:00"),
            top(2, "M002", "Bo Threetimes", 3, 15, "2026-10-20T18:00:00+01:00"),
            // Two episodes each: more hours first, though Fin's are the oldest.
            top(3, "M006", "Fin Hours", 2, 20, "2026-10-07T10:00:00+01:00"),
            top(4, "M007", "Gus Hours", 2, 19, "2026-10-27T10:00:00+00:00"),
            // Two in October: the 30 September 23:59 BST and 1 November starts are other months.
            top(5, "M003", "Cal Twotimes", 2, 18, "2026-10-22T19:00:00+01:00"),
            top(6, "M005", "Eli Changed", 2, 12, "2026-10-21T22:00:00+01:00"),
            // Same episodes and hours: the more recent first.
            top(7, "M008", "Hal Recent", 2, 10, "2026-10-28T10:00:00+00:00"),
            top(8, "M009", "Ivy Earlier", 2, 10, "2026-10-18T10:00:00+01:00"),
            top(9, "M012", "Max Open", 1, 36, "2026-10-30T12:00:00+00:00"),
            // Kai and Lou went missing together for as long: Kai by name; Lou is 11th.
            top(10, "M010", "Kai Pair", 1, 20, "2026-10-13T16:00:00+01:00"),
        ],
        "persistent_quarter": [
            {"person_ref": "M001", "name": "Ash Fourtimes", "episodes": 4},
            {"person_ref": "M002", "name": "Bo Threetimes", "episodes": 3},
            // Two in October and one at 00:00 on 1 November, in the same quarter.
            {"person_ref": "M003", "name": "Cal Twotimes", "episodes": 3},
        ]
    });
    assert_same_in_order(&got, &expected);
}

#[test]
fn csv_is_the_top_10_alone() {
    let (_dir, db) = mpmg_db();
    let out = stdout_of(ri(&db).args(["mpmg", "--month", "2026-10", "--at", AT, "--format", "csv"]));
    assert_eq!(
        out,
        "rank,person_ref,name,episodes,hours_missing,last_missing_at\n\
         1,M001,Ash Fourtimes,4,30,2026-10-31T23:59:00+00:00\n\
         2,M002,Bo Threetimes,3,15,2026-10-20T18:00:00+01:00\n\
         3,M006,Fin Hours,2,20,2026-10-07T10:00:00+01:00\n\
         4,M007,Gus Hours,2,19,2026-10-27T10:00:00+00:00\n\
         5,M003,Cal Twotimes,2,18,2026-10-22T19:00:00+01:00\n\
         6,M005,Eli Changed,2,12,2026-10-21T22:00:00+01:00\n\
         7,M008,Hal Recent,2,10,2026-10-28T10:00:00+00:00\n\
         8,M009,Ivy Earlier,2,10,2026-10-18T10:00:00+01:00\n\
         9,M012,Max Open,1,36,2026-10-30T12:00:00+00:00\n\
         10,M010,Kai Pair,1,20,2026-10-13T16:00:00+01:00\n"
    );
}

#[test]
fn a_month_with_nobody_still_has_the_csv_header_and_empty_lists() {
    let (_dir, db) = mpmg_db();
    let out = stdout_of(ri(&db).args(["mpmg", "--month", "2026-06", "--at", AT, "--format", "csv"]));
    assert_eq!(out, "rank,person_ref,name,episodes,hours_missing,last_missing_at\n");
    let got = json_at(&db, &["--month", "2026-06", "--at", AT]);
    assert_same_in_order(&got, &json!({"month": "2026-06", "cohort": [], "top10": [], "persistent_quarter": []}));
}

#[test]
fn the_table_shows_the_three_lists_under_headings() {
    let (_dir, db) = mpmg_db();
    let out = stdout_of(ri(&db).args(["mpmg", "--month", "2026-10", "--at", AT]));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "MPMG October 2026 (2026-10), as of Tue 10 Nov 2026 12:00");
    assert_eq!(lines[2], "Children to review: missing while in care, or 3 or more times in October 2026 (6)");
    assert!(lines[3].starts_with("Child ") && lines[3].contains("Why") && lines[3].contains("Cohort"), "{out}");
    assert!(lines[4].starts_with("Ash Fourtimes  M001  4   30     Child in care     in care; 3+ episodes"), "{out}");
    assert!(out.contains("Independent children's home (The Gables)"), "{out}");
    assert!(lines.iter().any(|l| l.starts_with("Nia Clocks") && l.contains("Out of area")), "{out}");
    let top = lines.iter().position(|l| l.starts_with("Top 10: most episodes")).expect("top 10 heading");
    assert!(lines[top + 1].starts_with("Rank  Child"), "{out}");
    assert!(lines[top + 2].starts_with("1     Ash Fourtimes  M001  4   30     Sat 31/10 23:59"), "{out}");
    // Cal's sparkline: one episode in September (30th, 23:59 BST), two in October.
    assert!(lines.iter().any(|l| l.starts_with("5     Cal Twotimes") && l.ends_with("··········▄█")), "{out}");
    assert!(lines[top + 11].starts_with("10    Kai Pair"), "{out}");
    assert!(!out.contains("Lou Pair"), "{out}");
    let persistent = lines.iter().position(|l| l.starts_with("Persistently missing in 2026-27 Q3")).expect("heading");
    assert_eq!(lines[persistent], "Persistently missing in 2026-27 Q3: 3 or more episodes in the quarter (3)");
    assert_eq!(lines[persistent + 4], "Cal Twotimes   M003  3");
}

#[test]
fn mid_month_a_child_not_yet_in_care_is_not_reviewed() {
    let (_dir, db) = mpmg_db();
    // As of 15 October Eli's only episode was before coming into care.
    let got = json_at(&db, &["--month", "2026-10", "--at", "2026-10-15 12:00"]);
    assert_eq!(refs(&got["cohort"]), ["M001", "M004"]);
    assert!(refs(&got["top10"]).contains(&"M005"));
    // Nor, yet, is Bo: the third episode is on the 20th.
    assert_eq!(find(&got["top10"], "M002")["episodes"], 2);
}

#[test]
fn an_open_episode_counts_to_now_when_now_is_in_the_month() {
    let (_dir, db) = mpmg_db();
    let got = json_at(&db, &["--month", "2026-10", "--at", "2026-10-31 00:00"]);
    assert_eq!(find(&got["cohort"], "M012")["hours_missing"], 12);
}

#[test]
fn the_persistent_list_is_the_quarter_as_of_now() {
    let (_dir, db) = mpmg_db();
    // Oli's third episode in the quarter starts on 20 November.
    assert!(!refs(&json_at(&db, &["--month", "2026-10", "--at", AT])["persistent_quarter"]).contains(&"M014"));
    let later = json_at(&db, &["--month", "2026-10", "--at", "2026-11-25 12:00"]);
    assert_eq!(refs(&later["persistent_quarter"]), ["M001", "M002", "M003", "M014"]);
    // September is the previous quarter: Cal's one episode there is not persistent.
    assert_eq!(json_at(&db, &["--month", "2026-09", "--at", AT])["persistent_quarter"], json!([]));
}

#[test]
fn the_default_month_is_the_one_before_now_in_uk_time() {
    let (_dir, db) = mpmg_db();
    assert_eq!(json_at(&db, &["--at", AT])["month"], "2026-10");
    // 00:30 BST on 1 October is still 30 September in UTC, but October in the UK.
    let september = json_at(&db, &["--at", "2026-10-01 00:30"]);
    assert_eq!(september["month"], "2026-09");
    assert_eq!(refs(&september["top10"]), ["M003"]);
}

#[test]
fn a_bad_month_is_refused_naming_the_value() {
    let (_dir, db) = mpmg_db();
    for bad in ["2026-13", "2026-1", "Oct 2026", "2026-10-01"] {
        ri(&db)
            .args(["mpmg", "--month", bad, "--at", AT])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(format!("--month: `{bad}` is not a month: write it like 2026-10 (YYYY-MM)")));
    }
}

#[test]
fn an_unknown_format_is_refused() {
    let (_dir, db) = mpmg_db();
    ri(&db).args(["mpmg", "--format", "xml"]).assert().code(2).stdout("");
}

#[test]
fn mpmg_needs_a_database_and_creates_none() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("nothing-here.sqlite");
    ri(&db)
        .args(["mpmg", "--month", "2026-10"])
        .assert()
        .code(2)
        .stderr(contains("no database at").and(contains("init")));
    assert!(!db.exists());
}
