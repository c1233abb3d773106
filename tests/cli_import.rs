//! Import and export: all or nothing, every problem named, round trips exact.

mod common;
use common::{fixture, fixture_db, new_db, ri, stdout_of};
use predicates::str::contains;
use std::io::Write;

fn sqlite_bytes(db: &std::path::Path) -> Vec<u8> {
    // Checkpoint through a read so the comparison sees the whole database.
    std::fs::read(db).expect("read db")
}

#[test]
fn a_file_with_several_bad_rows_names_every_line_and_column_and_writes_nothing() {
    let (_dir, db) = new_db();
    let before = stdout_of(ri(&db).args(["export", "--format", "episodes-csv"]));
    let out = ri(&db).arg("import").arg(fixture("bad-rows.csv")).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines[0].starts_with("line 2: missing_at: `2026-02-31 10:00` is not a time"), "{stderr}");
    assert!(lines[1].starts_with("line 4: risk: `extreme` is not one of: very_low, low, medium, high"), "{stderr}");
    assert!(lines[2].starts_with("line 5: returned_at: ") && lines[2].contains("is before missing_at"), "{stderr}");
    assert!(lines[3].starts_with("line 6: case_status: `looked_after` is not one of"), "{stderr}");
    assert!(lines[4].starts_with("line 6: ri_completed_at: ") && lines[4].contains("before the return"), "{stderr}");
    assert!(lines[5].contains("5 problem(s); nothing was imported"), "{stderr}");
    assert_eq!(lines.len(), 6, "{stderr}");
    assert_eq!(stdout_of(ri(&db).args(["export", "--format", "episodes-csv"])), before);

    // The same file with the rows fixed goes in whole.
    ri(&db).arg("import").arg(fixture("bad-rows-fixed.csv")).assert().success().stderr(contains("5 episode(s) added"));
    let after = stdout_of(ri(&db).args(["export", "--format", "episodes-csv"]));
    assert_eq!(after.lines().count(), 6);
}

#[test]
fn dry_run_checks_without_writing() {
    let (_dir, db) = new_db();
    let before = sqlite_bytes(&db);
    ri(&db)
        .arg("import")
        .arg(fixture("episodes.csv"))
        .arg("--dry-run")
        .assert()
        .success()
        .stderr(contains("13 episode(s) checked"));
    ri(&db).arg("import").arg(fixture("bad-rows.csv")).arg("--dry-run").assert().code(2);
    assert_eq!(sqlite_bytes(&db), before);
    assert_eq!(stdout_of(ri(&db).args(["export", "--format", "episodes-csv"])).lines().count(), 1);
}

#[test]
fn export_then_import_changes_nothing_and_a_fresh_database_exports_the_same() {
    let (dir, db) = fixture_db();
    let exported = dir.path().join("export.csv");
    ri(&db).args(["export", "--format", "episodes-csv", "-o"]).arg(&exported).assert().success();
    ri(&db)
        .arg("import")
        .arg(&exported)
        .assert()
        .success()
        .stderr(contains("0 episode(s) added, 0 updated, 13 unchanged"));

    let other = dir.path().join("other.sqlite");
    ri(&other).args(["init", "--authority", "Northshire"]).assert().success();
    ri(&other).arg("import").arg(&exported).assert().success();
    let first = std::fs::read_to_string(&exported).expect("read");
    let second = stdout_of(ri(&other).args(["export", "--format", "episodes-csv"]));
    assert_eq!(first, second);
}

#[test]
fn reimporting_an_episode_ref_updates_it() {
    let (dir, db) = fixture_db();
    let update = dir.path().join("update.csv");
    let mut f = std::fs::File::create(&update).expect("create");
    writeln!(f, "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at,ri_worker").expect("w");
    writeln!(
        f,
        "T002,Billie,Sample,2011-06-15,Northshire,Northshire,child_in_need,E02,home,2026-03-25 01:00,New Worker"
    )
    .expect("w");
    drop(f);
    ri(&db).arg("import").arg(&update).assert().success().stderr(contains("0 episode(s) added, 1 updated"));
    let out = stdout_of(ri(&db).args(["chase", "--at", common::AT, "--format", "csv"]));
    let e02 = out.lines().find(|l| l.contains(",E02,")).expect("E02 row");
    assert!(e02.contains(",New Worker,"), "{e02}");
    // Columns the file did not have (returned_at, risk...) kept their values.
    assert!(e02.contains("2026-03-25T09:00:00+00:00"), "{e02}");
}

#[test]
fn unknown_and_missing_columns_are_named_on_line_1() {
    let (dir, db) = new_db();
    let bad = dir.path().join("bad-header.csv");
    std::fs::write(&bad, "person_ref,given_nmae,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_at\n").expect("w");
    ri(&db)
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains("line 1: given_nmae: unknown column; did you mean `given_name`?"))
        .stderr(contains("line 1: given_name: this required column is missing"))
        .stderr(contains("line 1: missing_from_type: this required column is missing"));
}

#[test]
fn overlapping_and_second_open_episodes_are_refused() {
    let (dir, db) = fixture_db();
    let bad = dir.path().join("overlap.csv");
    let header = "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at,returned_at";
    let rows = [
        // T004 is still missing since 29 March 22:00 (E05): another episode after it clashes.
        "T004,Dana,Example,2010-12-01,Northshire,Northshire,child_in_care,X1,foster,2026-03-30 06:00,2026-03-30 07:00",
        // Overlaps E12 (10-14 January) of T007.
        "T007,Gale,Synthe,2010-07-07,Northshire,Northshire,child_in_care,X2,home,2026-01-12 08:00,2026-01-12 09:00",
    ];
    std::fs::write(&bad, format!("{header}\n{}\n", rows.join("\n"))).expect("w");
    ri(&db)
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains(
            "line 2: missing_at: starts while the child is still missing in episode E05 already in the database",
        ))
        .stderr(contains("line 3: missing_at: overlaps episode E12 already in the database"));
}

#[test]
fn future_times_and_foreign_children_are_refused() {
    let (dir, db) = new_db();
    let bad = dir.path().join("future.csv");
    std::fs::write(
        &bad,
        "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at\n\
         F1,Fut,Ure,2010-01-01,Northshire,Northshire,child_in_care,F1E,home,2099-01-01 10:00\n\
         F2,Not,Ours,2010-01-01,Southby,Eastham,child_in_care,F2E,home,2026-01-01 10:00\n",
    )
    .expect("w");
    ri(&db)
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains("line 2: missing_at: Thu 1 Jan 2099 10:00 is in the future"))
        .stderr(contains(
            "line 3: placement_la: neither responsible_la `Southby` nor placement_la `Eastham` is Northshire",
        ));
}

#[test]
fn a_file_that_is_not_utf8_or_has_ragged_rows_is_reported_by_line() {
    let (dir, db) = new_db();
    let bad = dir.path().join("ragged.csv");
    let mut bytes = b"person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at\n".to_vec();
    bytes.extend_from_slice(b"R1,Ra,Gged,2010-01-01,Northshire\n");
    bytes.extend_from_slice(
        b"R2,\xff\xfe,Bad,2010-01-01,Northshire,Northshire,child_in_care,R2E,home,2026-01-01 10:00\n",
    );
    std::fs::write(&bad, bytes).expect("w");
    ri(&db)
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains("line 2: (row): has 5 fields; the header has 10"))
        .stderr(contains("line 3: (row): is not valid UTF-8"));
}

#[test]
fn export_by_financial_year_and_bad_year() {
    let (_dir, db) = fixture_db();
    let out = stdout_of(ri(&db).args(["export", "--format", "episodes-csv", "--year", "2025-26"]));
    assert_eq!(out.lines().count(), 14, "all fixture episodes start in 2025-26");
    let out = stdout_of(ri(&db).args(["export", "--format", "episodes-csv", "--year", "2026-27"]));
    assert_eq!(out.lines().count(), 1);
    ri(&db).args(["export", "--format", "episodes-csv", "--year", "2026"]).assert().code(2).stderr(contains("2016-17"));
}

#[test]
fn import_checks_the_future_against_at() {
    let (_dir, db) = new_db();
    // The fixture's last return is on 30 March 2026 at 09:00.
    ri(&db)
        .arg("import")
        .arg(fixture("episodes.csv"))
        .args(["--at", "2026-03-30 08:59", "--dry-run"])
        .assert()
        .code(2)
        .stderr(contains("line 12: returned_at: Mon 30 Mar 2026 09:00 is in the future"));
    ri(&db).arg("import").arg(fixture("episodes.csv")).args(["--at", "2026-03-30 09:00"]).assert().success();
}

#[test]
fn an_import_that_changes_only_the_attempt_count_moves_the_interview_on() {
    // A form opened before the import must not save over attempts it never saw.
    let (dir, db) = fixture_db();
    let version = || -> i64 {
        rusqlite::Connection::open(&db)
            .expect("db")
            .query_row(
                "SELECT r.version FROM return_interviews r JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E01'",
                [],
                |r| r.get(0),
            )
            .expect("version")
    };
    let before = version();
    let text = std::fs::read_to_string(fixture("episodes.csv")).expect("fixture");
    let changed = text.replace(",Sam Worker,1,,,,,\n", ",Sam Worker,2,,,,,\n");
    let first = changed.lines().nth(1).expect("E01's row");
    assert!(first.contains("E01") && first.contains(",Sam Worker,2,"), "{first}");
    let file = dir.path().join("more-attempts.csv");
    std::fs::write(&file, changed).expect("write");
    ri(&db).arg("import").arg(&file).args(["--at", common::AT]).assert().success();
    assert_eq!(version(), before + 1);
}

#[test]
fn an_import_after_a_delete_never_takes_the_deleted_rows_id_so_undo_still_works() {
    use ri_chase::store::Store;
    let (dir, db) = fixture_db();
    let mut store = Store::open_existing(&db).expect("open");
    // E13 was imported last: the highest id, which SQLite would hand out again.
    let e13 = store.episode_id_by_ref("E13").expect("lookup").expect("E13");
    let top: i64 = rusqlite::Connection::open(&db)
        .expect("db")
        .query_row("SELECT max(id) FROM episodes", [], |r| r.get(0))
        .expect("max");
    assert_eq!(e13, top);
    let version = store.episode(e13).expect("read").version;
    let deleted = store.delete_episode(e13, version).expect("delete");

    let text = std::fs::read_to_string(fixture("episodes.csv")).expect("fixture");
    let header = text.lines().next().expect("header");
    let e13_row = text.lines().find(|l| l.contains(",E13,")).expect("E13's row");
    let file = dir.path().join("new.csv");
    std::fs::write(&file, format!("{header}\n{}\n", e13_row.replace(",E13,", ",E14,"))).expect("write");
    ri(&db).arg("import").arg(&file).args(["--at", common::AT]).assert().success();

    let e14 = store.episode_id_by_ref("E14").expect("lookup").expect("E14");
    assert!(e14 > e13, "E14 got {e14}, above the deleted {e13}");
    // E14 overlaps E13 (the same times), so E14 goes first; then E13 comes back under its own id.
    let v14 = store.episode(e14).expect("read").version;
    store.delete_episode(e14, v14).expect("delete E14");
    store.undo(&deleted).expect("undo the delete");
    assert_eq!(store.episode_id_by_ref("E13").expect("lookup"), Some(e13));
}

/// Issue 10: a file with every column issue 10 added, and the old names of
/// the lowest police risk grade.
const MODEL_HEADER: &str = "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,cse_strategy,cce_risk,episode_ref,missing_from_type,missing_at,returned_at,risk,exploitation,ri_outcome,ri_attempts,ri_completed_at,ri_offered,ri_accepted";

fn model_file(dir: &std::path::Path, rows: &[&str]) -> std::path::PathBuf {
    let path = dir.join("model.csv");
    let mut f = std::fs::File::create(&path).expect("create");
    writeln!(f, "{MODEL_HEADER}").expect("w");
    for row in rows {
        writeln!(f, "{row}").expect("w");
    }
    path
}

#[test]
fn old_risk_names_import_as_very_low_and_export_as_very_low() {
    let (dir, db) = new_db();
    let file = model_file(
        dir.path(),
        &[
            "T1,Syn,One,2010-01-01,Northshire,Northshire,child_in_care,no,no,M1,home,2026-03-01 10:00,2026-03-01 12:00,none,,,,,,",
            "T2,Syn,Two,2010-01-01,Northshire,Northshire,child_in_care,no,no,M2,home,2026-03-01 10:00,2026-03-01 12:00,No_Apparent_Risk,,,,,,",
            "T3,Syn,Three,2010-01-01,Northshire,Northshire,child_in_care,no,no,M3,home,2026-03-02 10:00,2026-03-02 12:00,absent,,,,,,",
            "T4,Syn,Four,2010-01-01,Northshire,Northshire,child_in_care,no,no,M4,home,2026-03-29 10:00,,very_low,,,,,,",
        ],
    );
    ri(&db).arg("import").arg(&file).args(["--at", common::AT]).assert().success();
    let out = stdout_of(ri(&db).args(["export", "--format", "episodes-csv"]));
    let risk_col = out.lines().next().expect("header").split(',').position(|c| c == "risk").expect("risk");
    let risks: Vec<&str> = out.lines().skip(1).map(|l| l.split(',').nth(risk_col).expect("cell")).collect();
    assert_eq!(risks, ["very_low"; 4]);
    let missing = common::json_of(ri(&db).args(["missing", "--at", common::AT, "--format", "json"]));
    assert_eq!(missing[0]["risk"], "very_low");
}

#[test]
fn exploitation_cce_and_a_recorded_offer_round_trip_and_empty_offer_stays_derived() {
    let (dir, db) = new_db();
    let file = model_file(
        dir.path(),
        &[
            // Offered by letter, not accepted (the user's own answers).
            "T1,Syn,One,2010-01-01,Northshire,Northshire,child_in_care,yes,yes,M1,home,2026-03-01 10:00,2026-03-01 12:00,high,cce;cse,,0,,yes,no",
            // Derived: completed face to face.
            "T2,Syn,Two,2010-01-01,Northshire,Northshire,child_in_care,no,yes,M2,home,2026-03-01 10:00,2026-03-01 12:00,low,cce,face_to_face,1,2026-03-02 10:00,,",
        ],
    );
    ri(&db).arg("import").arg(&file).args(["--at", common::AT]).assert().success();
    let exported = dir.path().join("export.csv");
    ri(&db).args(["export", "--format", "episodes-csv", "-o"]).arg(&exported).assert().success();
    let text = std::fs::read_to_string(&exported).expect("read");
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let cell = |line: usize, col: &str| {
        let i = header.iter().position(|c| *c == col).expect(col);
        text.lines().nth(line).expect("row").split(',').nth(i).expect("cell").to_string()
    };
    assert_eq!(
        [cell(1, "cce_risk"), cell(1, "exploitation"), cell(1, "ri_offered"), cell(1, "ri_accepted")],
        ["yes", "cse;cce", "yes", "no"]
    );
    // Derived values are not written: an empty cell keeps deriving on re-import.
    assert_eq!([cell(2, "exploitation"), cell(2, "ri_offered"), cell(2, "ri_accepted")], ["cce", "", ""]);
    ri(&db)
        .arg("import")
        .arg(&exported)
        .assert()
        .success()
        .stderr(contains("0 episode(s) added, 0 updated, 2 unchanged"));
    let other = dir.path().join("other.sqlite");
    ri(&other).args(["init", "--authority", "Northshire"]).assert().success();
    ri(&other).arg("import").arg(&exported).assert().success();
    assert_eq!(stdout_of(ri(&other).args(["export", "--format", "episodes-csv"])), text);
}

#[test]
fn bad_exploitation_and_an_accepted_offer_that_was_not_made_are_named() {
    let (dir, db) = new_db();
    let file = model_file(
        dir.path(),
        &[
            "T1,Syn,One,2010-01-01,Northshire,Northshire,child_in_care,no,maybe,M1,home,2026-03-01 10:00,2026-03-01 12:00,low,cse;trafficking,,,,no,yes",
        ],
    );
    let out = ri(&db).arg("import").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines[0], "line 2: cce_risk: `maybe` is not yes or no", "{stderr}");
    assert_eq!(lines[1], "line 2: exploitation: `trafficking` is not one of: cse, cce", "{stderr}");
    assert_eq!(
        lines[2], "line 2: ri_accepted: is yes but ri_offered is no: an interview not offered cannot be accepted",
        "{stderr}"
    );
}
