//! Bad usage and bad input: exit 2, a message that says what and where, nothing written.

mod common;
use common::{fixture_db, new_db, ri};
use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn reading_commands_refuse_a_missing_database_and_create_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("nothing-here.sqlite");
    for cmd in ["chase", "strategy", "missing"] {
        ri(&db)
            .arg(cmd)
            .assert()
            .code(2)
            .stderr(contains("no database at").and(contains("create one with `ri-chase init`")));
    }
    assert!(!db.exists());
}

#[test]
fn a_bad_at_is_refused_with_the_reason() {
    let (_dir, db) = fixture_db();
    ri(&db).args(["chase", "--at", "2026-03-29 01:30"]).assert().code(2).stderr(contains("clocks went forward"));
    ri(&db).args(["chase", "--at", "tomorrow"]).assert().code(2).stderr(contains("--at"));
}

#[test]
fn an_unknown_format_or_command_is_usage_error() {
    let (_dir, db) = fixture_db();
    ri(&db).args(["chase", "--format", "xml"]).assert().code(2);
    ri(&db).args(["chase-all"]).assert().code(2);
}

#[test]
fn init_refuses_to_change_the_authority() {
    let (_dir, db) = new_db();
    ri(&db).args(["init", "--authority", "Northshire"]).assert().success();
    ri(&db).args(["init", "--authority", "Southby"]).assert().code(2).stderr(contains("belongs to Northshire"));
}

#[test]
fn import_needs_an_authority() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("no-authority.sqlite");
    // An empty file is an SQLite database with nothing in it, not even who "we" are.
    std::fs::write(&db, "").expect("empty database");
    ri(&db)
        .arg("import")
        .arg(common::fixture("episodes.csv"))
        .assert()
        .code(2)
        .stderr(contains("ri-chase init --authority"));
}

#[test]
fn demo_never_overwrites_an_existing_file() {
    let (_dir, db) = fixture_db();
    ri(&db).args(["demo"]).assert().code(2).stderr(contains("already exists"));
    ri(&db).args(["chase", "--format", "csv"]).assert().success().stdout(contains("E01"));
}

#[cfg(unix)]
#[test]
fn the_database_file_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, db) = new_db();
    assert_eq!(std::fs::metadata(&db).expect("meta").permissions().mode() & 0o777, 0o600);
}

#[test]
fn backup_makes_a_copy_and_never_overwrites() {
    let (dir, db) = fixture_db();
    let copy = dir.path().join("copy.sqlite");
    ri(&db).arg("backup").arg(&copy).assert().success();
    ri(&copy).args(["missing", "--at", common::AT, "--format", "csv"]).assert().success().stdout(contains("E08"));
    ri(&db).arg("backup").arg(&copy).assert().code(2).stderr(contains("already exists"));
}

#[test]
fn a_file_or_folder_that_is_not_a_database_is_bad_input() {
    let dir = tempfile::tempdir().expect("dir");
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database, just words that are long enough to fill a header page").expect("w");
    ri(&text).arg("chase").assert().code(2).stderr(contains("is not a ri-chase database"));
    ri(dir.path()).arg("missing").assert().code(2).stderr(contains("is not a ri-chase database"));
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "not a database, just words that are long enough to fill a header page"
    );
}

#[test]
fn importing_a_file_that_is_not_there_names_it() {
    let (dir, db) = new_db();
    let missing = dir.path().join("no-such-file.csv");
    ri(&db).arg("import").arg(&missing).assert().code(2).stderr(contains("no-such-file.csv"));
}

/// `ri-chase </dev/null >/dev/null`, from a script: a sentence and exit 2,
/// no backtrace, and no demo database made.
#[test]
fn the_app_without_a_terminal_says_so() {
    let (dir, db) = fixture_db();
    let data = dir.path().join("data");
    for demo in [false, true] {
        let mut cmd = ri(&db);
        if demo {
            cmd.arg("--demo").env("XDG_DATA_HOME", &data).env("HOME", dir.path());
        }
        cmd.write_stdin("")
            .assert()
            .code(2)
            .stderr("ri-chase needs a terminal; use the commands (see --help) in scripts\n")
            .stderr(contains("panicked").not());
    }
    assert!(!data.exists(), "a demo database was made");
}
