//! `ri-chase --demo` in a pseudo-terminal: each run has a database file of
//! its own, which it removes when it quits, and `--demo --db` never replaces
//! a file that is not a demo made by ri-chase.
#![cfg(unix)]

mod common;
use common::pty::Running;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const AT: &str = "2026-11-28 09:30";

/// The demo databases in the data folder `data` (ri-chase's folder in it).
fn demo_files(data: &Path) -> Vec<PathBuf> {
    let folder = data.join("ri-chase");
    let mut found: Vec<PathBuf> =
        std::fs::read_dir(&folder).map(|entries| entries.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    found.retain(|p| p.extension().is_some_and(|x| x == "sqlite"));
    found.sort();
    found
}

/// `ri-chase --demo` with its data folder (and home) in `home`.
fn start_demo(home: &Path) -> Running {
    let data = home.join("data");
    let env = [("HOME", home.to_str().expect("utf8")), ("XDG_DATA_HOME", data.to_str().expect("utf8"))];
    let app = Running::start_args(tempfile::tempdir().expect("dir"), &["--demo", "--at", AT], &env);
    app.screen.wait_for("the demo's Chase tab", |s| s.contents().contains("Overdue"));
    app
}

#[test]
fn two_demo_runs_at_once_have_files_of_their_own_and_remove_them_on_quitting() {
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    let mut first = start_demo(home.path());
    let files = demo_files(&data);
    assert_eq!(files.len(), 1, "{files:?}");
    let (first_file, first_inode) = (files[0].clone(), std::fs::metadata(&files[0]).expect("meta").ino());

    let mut second = start_demo(home.path());
    let files = demo_files(&data);
    assert_eq!(files.len(), 2, "each run has its own file: {files:?}");
    assert_eq!(std::fs::metadata(&first_file).expect("the first run's file").ino(), first_inode, "replaced");

    // The first run still works on its file: a child found is saved to it.
    first.press("3");
    first.screen.wait_for("the Still missing tab", |s| s.contents().lines().any(|l| l.starts_with('▶')));
    first.press("f");
    first.screen.wait_for("the child recorded found", |s| s.contents().contains("found at"));

    second.press("q");
    assert!(second.wait_for_exit().success());
    assert_eq!(
        demo_files(&data),
        std::slice::from_ref(&first_file),
        "the second run removed its own file, and only that"
    );
    first.press("q");
    assert!(first.wait_for_exit().success());
    let left: Vec<_> =
        std::fs::read_dir(data.join("ri-chase")).expect("folder").flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[test]
fn demo_with_db_naming_a_real_database_refuses_and_leaves_it_as_it_was() {
    let (dir, db) = common::fixture_db();
    let before = std::fs::read(&db).expect("bytes");
    let names = |dir: &Path| {
        let mut n: Vec<_> = std::fs::read_dir(dir).expect("dir").flatten().map(|e| e.file_name()).collect();
        n.sort();
        n
    };
    let names_before = names(dir.path());
    let home = tempfile::tempdir().expect("home");
    let data = home.path().join("data");
    let env = [("HOME", home.path().to_str().expect("utf8")), ("XDG_DATA_HOME", data.to_str().expect("utf8"))];
    let mut app = Running::start_args(
        tempfile::tempdir().expect("dir"),
        &["--demo", "--db", db.to_str().expect("utf8"), "--at", AT],
        &env,
    );
    let status = app.wait_for_exit();
    assert_eq!(status.exit_code(), 2, "{}", app.screen.text());
    app.screen.wait_for("the refusal", |s| {
        s.contents().contains("not a demo database made by ri-chase") && s.contents().contains("test.sqlite")
    });
    assert_eq!(std::fs::read(&db).expect("bytes"), before, "the database was changed");
    assert_eq!(names(dir.path()), names_before, "files were left beside it");
    assert!(demo_files(&data).is_empty(), "a demo was made instead");
}
