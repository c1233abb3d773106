//! `ri-chase patterns` and `ri-chase prevention` on the demo, whose planted
//! patterns have known answers (src/io/demo/patterns.rs): four children at
//! Harbour View missing together three times, two who overlap once by chance,
//! a child whose episodes lengthen, a home whose episodes fell after work.

mod common;
use common::{json_of, ri, stdout_of};
use serde_json::json;
use std::path::PathBuf;

const NOW: &str = "2026-11-28 09:30";

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("demo.sqlite");
    ri(&db).args(["demo", "--at", NOW]).assert().success();
    (dir, db)
}

#[test]
fn the_demo_group_of_four_is_found_and_nobody_else() {
    let (_dir, db) = demo();
    let groups = json_of(ri(&db).args(["patterns", "--groups", "--at", NOW, "--format", "json"]));
    let all = groups.as_array().expect("array");
    let four = all
        .iter()
        .find(|g| g["members"] == json!(["LCS050101", "LCS050102", "LCS050103", "LCS050104"]))
        .unwrap_or_else(|| panic!("no group of four in {groups}"));
    let keys: Vec<&str> = four.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(&keys[..4], ["members", "times_together", "first_at", "last_at"]);
    assert_eq!(four["times_together"], 3);
    assert_eq!(four["first_at"], "2026-08-07T20:30:00+01:00");
    assert_eq!(four["last_at"], "2026-10-30T20:30:00+00:00");
    // The pair who overlapped once by chance are in no group.
    assert!(all.iter().all(|g| !g["members"].as_array().expect("members").iter().any(|m| m == "LCS050201")));
    // Most times together first.
    let times: Vec<i64> = all.iter().map(|g| g["times_together"].as_i64().expect("n")).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    // A setting of 4 occasions leaves the four out.
    ri(&db).args(["settings", "together_min_times", "4"]).assert().success();
    let strict = json_of(ri(&db).args(["patterns", "--groups", "--at", NOW, "--format", "json"]));
    assert!(strict.as_array().expect("array").iter().all(|g| g["times_together"].as_i64() >= Some(4)));
    // Before the first occasion, no group yet; a period without the third, still a pair of occasions.
    let early = json_of(ri(&db).args([
        "patterns",
        "--groups",
        "--from",
        "2026-08-01",
        "--to",
        "2026-10-01",
        "--at",
        NOW,
        "--format",
        "json",
    ]));
    assert!(early.as_array().expect("array").is_empty(), "{early}");
}

#[test]
fn a_childs_pattern_says_the_episodes_lengthen_and_who_they_are_often_missing_with() {
    let (_dir, db) = demo();
    let p = json_of(ri(&db).args(["patterns", "--person", "LCS050301", "--at", NOW, "--format", "json"]));
    assert_eq!(p["trend"]["kind"], "each_longer");
    assert_eq!(p["episodes"].as_array().map(Vec::len), Some(6));
    assert_eq!(p["found_where"][0], json!({"label": "Friend's flat, Marsh Road", "count": 6}));
    let md = stdout_of(ri(&db).args(["patterns", "--person", "lcs050101", "--at", NOW]));
    assert!(md.contains("# Pattern: Kayla Brennan (LCS050101)"), "{md}");
    assert!(md.contains("Tyler Okonjo (LCS050102) 3 times"), "{md}");
    let csv = stdout_of(ri(&db).args(["patterns", "--person", "LCS050301", "--at", NOW, "--format", "csv"]));
    assert!(csv.starts_with("person_ref,section,label,count\n"), "{csv}");
    assert!(csv.contains("LCS050301,day_hour,Fri 21:00,6"), "{csv}");
}

#[test]
fn an_unknown_child_or_a_bad_period_is_refused_with_exit_2() {
    let (_dir, db) = demo();
    ri(&db)
        .args(["patterns", "--person", "NOPE1", "--at", NOW])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no child has the reference `NOPE1`"));
    ri(&db)
        .args(["patterns", "--hotspots", "--from", "2026-10-01", "--to", "2026-09-01", "--at", NOW])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--from/--to"));
    ri(&db).args(["patterns", "--groups", "--hotspots"]).assert().code(2);
}

#[test]
fn hotspots_count_the_period_against_the_one_before() {
    let (_dir, db) = demo();
    let h = json_of(ri(&db).args([
        "patterns",
        "--hotspots",
        "--from",
        "2026-08-01",
        "--to",
        "2026-10-31",
        "--at",
        NOW,
        "--format",
        "json",
    ]));
    assert_eq!(
        (h["from"].as_str(), h["before_from"].as_str(), h["before_to"].as_str()),
        (Some("2026-08-01"), Some("2026-05-01"), Some("2026-07-31"))
    );
    let school =
        h["schools"].as_array().expect("schools").iter().find(|r| r["name"] == "Northfield Academy").expect("school");
    // The four and the lengthening child: 3 occasions x 4, 2 apart, 6 of Niamh's (one in November is outside).
    assert_eq!(school["individuals"], 5, "{school}");
    let found = h["found_at"].as_array().expect("found");
    assert!(found.iter().any(|r| r["name"] == "Bus station" && r["episodes"] == 4), "{found:?}");
    let csv = stdout_of(ri(&db).args(["patterns", "--hotspots", "--at", NOW, "--format", "csv"]));
    assert!(csv.starts_with("by,name,episodes,individuals,episodes_before,individuals_before,change\n"), "{csv}");
}

#[test]
fn prevention_lists_the_demo_work_with_the_board_sentence() {
    let (_dir, db) = demo();
    let rows = json_of(ri(&db).args(["prevention", "--at", NOW, "--format", "json"]));
    let home = rows.as_array().expect("array").iter().find(|r| r["target"] == "Birchwood House").expect("Birchwood");
    let keys: Vec<&str> = home.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(&keys[..7], ["target_type", "target", "done_on", "what", "by", "before", "after"]);
    assert_eq!((home["before"]["episodes"].as_i64(), home["after"]["episodes"].as_i64()), (Some(12), Some(2)));
    assert_eq!(home["before"]["quarters"], 2);
    assert_eq!(
        home["sentence"],
        "Missing episodes from Birchwood House fell from 12 in the two quarters before the work to 2 in the two quarters after, and the children missing from 3 to 1."
    );
}

#[test]
fn prevention_add_records_work_and_refuses_a_slip_writing_nothing() {
    let (_dir, db) = demo();
    let count = || json_of(ri(&db).args(["prevention", "--at", NOW, "--format", "json"])).as_array().map(Vec::len);
    let before = count();
    ri(&db)
        .args([
            "prevention",
            "add",
            "--placement",
            "Harbor View",
            "--on",
            "2026-11-01",
            "--what",
            "Training",
            "--at",
            NOW,
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no placement is called `Harbor View`"))
        .stderr(predicates::str::contains("Harbour View"));
    ri(&db)
        .args([
            "prevention",
            "add",
            "--school",
            "northfield academy",
            "--on",
            "2026-12-01",
            "--what",
            "Assembly",
            "--at",
            NOW,
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("in the future"));
    ri(&db)
        .args(["prevention", "add", "--person", "LCS050101", "--on", "2026-11-01", "--what", "  ", "--at", NOW])
        .assert()
        .code(2);
    assert_eq!(count(), before);
    ri(&db)
        .args([
            "prevention",
            "add",
            "--school",
            "northfield academy",
            "--on",
            "2026-11-01",
            "--what",
            "=HYPERLINK(\"x\")",
            "--by",
            "\u{1b}[31mEd",
            "--at",
            NOW,
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("school / eet Northfield Academy"));
    assert_eq!(count(), before.map(|n| n + 1));
    // Hostile text goes out safely: a spreadsheet sees text, a terminal sees no escape.
    let csv = stdout_of(ri(&db).args(["prevention", "--at", NOW, "--format", "csv"]));
    assert!(csv.contains("\"'=HYPERLINK"), "{csv}");
    let md = stdout_of(ri(&db).args(["prevention", "--at", NOW]));
    assert!(!md.contains('\u{1b}'), "{md}");
    // Audited like every write.
    ri(&db).args(["audit", "verify"]).assert().success();
}
