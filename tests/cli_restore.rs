//! `ri-chase restore BACKUP --to NEW`: a good backup comes back as a new,
//! private file that reads the same; a damaged, truncated or foreign one is
//! refused with a clear message and leaves nothing behind; NEW is never an
//! existing file, nor a link someone planted there.

mod common;
use common::{AT, fixture, fixture_db, ri};
use predicates::prelude::*;
use predicates::str::contains;
use std::path::{Path, PathBuf};

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The fixture database, a backup of it in a folder `out` of its own, and `out`.
fn backed_up() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let (dir, db) = fixture_db();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    let backup = out.join("backup.sqlite");
    ri(&db).arg("backup").arg(&backup).assert().success();
    (dir, db, out, backup)
}

fn lists(db: &Path) -> String {
    common::stdout_of(ri(db).args(["chase", "--at", AT, "--format", "csv"]))
        + &common::stdout_of(ri(db).args(["missing", "--at", AT, "--format", "csv"]))
}

/// `restore BACKUP --to NEW` as the command line gives it; --db names
/// another file, which restore leaves alone.
fn restore(db: &Path, backup: &Path, new: &Path) -> assert_cmd::assert::Assert {
    ri(db).arg("restore").arg(backup).arg("--to").arg(new).assert()
}

#[test]
fn a_good_backup_restores_to_a_new_private_file_that_reads_the_same() {
    let (_dir, db, out, backup) = backed_up();
    let new = out.join("restored.sqlite");
    restore(&db, &backup, &new)
        .success()
        .stderr(contains("restored").and(contains("integrity check passed")).and(contains("episode(s)")));
    assert_eq!(lists(&new), lists(&db));
    assert_eq!(names_in(&out), ["backup.sqlite", "restored.sqlite"], "no journal or temporary file is left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&new).expect("meta").permissions().mode() & 0o777, 0o600);
    }
    // The backup itself is untouched: restoring it again gives the same.
    let again = out.join("again.sqlite");
    restore(&db, &backup, &again).success();
    assert_eq!(lists(&again), lists(&db));
}

/// Overwrites `len` bytes of `file` at `at` with a pattern no page holds.
fn scribble(file: &Path, at: u64, len: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut f = std::fs::OpenOptions::new().write(true).open(file).expect("open");
    f.seek(SeekFrom::Start(at)).expect("seek");
    f.write_all(&vec![0xA5; len]).expect("write");
}

#[test]
fn a_damaged_backup_is_refused_and_leaves_nothing() {
    let (_dir, db, out, backup) = backed_up();
    let size = std::fs::metadata(&backup).expect("meta").len();
    // From the third page on, half the file: tables and indexes alike.
    scribble(&backup, 8192, (size / 2) as usize);
    let new = out.join("restored.sqlite");
    restore(&db, &backup, &new)
        .code(2)
        .stderr(contains("backup.sqlite").and(contains("damaged")).and(contains("nothing was written")));
    assert_eq!(names_in(&out), ["backup.sqlite"]);
}

#[test]
fn a_truncated_backup_is_refused_and_leaves_nothing() {
    let (_dir, db, out, backup) = backed_up();
    let size = std::fs::metadata(&backup).expect("meta").len();
    std::fs::OpenOptions::new().write(true).open(&backup).expect("open").set_len(size / 2).expect("truncate");
    let new = out.join("restored.sqlite");
    restore(&db, &backup, &new).code(2).stderr(contains("damaged").and(contains("nothing was written")));
    assert_eq!(names_in(&out), ["backup.sqlite"]);
}

#[test]
fn a_file_that_is_not_a_ri_chase_database_is_refused() {
    let (dir, db, out, _backup) = backed_up();
    let new = out.join("restored.sqlite");
    let words = dir.path().join("notes.txt");
    std::fs::write(&words, "not a database: words long enough to fill the header of one, and some more").expect("w");
    restore(&db, &words, &new).code(2).stderr(contains("not an SQLite database"));
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, "").expect("w");
    restore(&db, &empty, &new).code(2).stderr(contains("not one of ri-chase's"));
    let other = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&other)
        .expect("open")
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .expect("w");
    restore(&db, &other, &new).code(2).stderr(contains("not one of ri-chase's"));
    restore(&db, &dir.path().join("nothing-here.sqlite"), &new).code(2).stderr(contains("no backup file there"));
    restore(&db, dir.path(), &new).code(2).stderr(contains("is a folder"));
    assert_eq!(names_in(&out), ["backup.sqlite"]);
}

#[test]
fn a_backup_from_a_newer_ri_chase_is_refused() {
    let (_dir, db, out, backup) = backed_up();
    rusqlite::Connection::open(&backup).expect("open").execute_batch("PRAGMA user_version = 999").expect("bump");
    restore(&db, &backup, &out.join("restored.sqlite")).code(2).stderr(contains("newer ri-chase"));
    assert_eq!(names_in(&out), ["backup.sqlite"]);
}

#[test]
fn a_database_in_use_beside_its_log_is_refused_as_a_backup() {
    let (dir, db) = fixture_db();
    // Held open with a change in its log, as while the app runs.
    let conn = rusqlite::Connection::open(&db).expect("open");
    // (Not an audited table: only ri-chase may write those.)
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; CREATE TABLE scratch (x); DROP TABLE scratch;").expect("write");
    assert!(std::fs::metadata(dir.path().join("test.sqlite-wal")).expect("wal").len() > 0);
    let new = dir.path().join("restored.sqlite");
    restore(&db, &db, &new).code(2).stderr(contains("-wal").and(contains("backup NEW")));
    assert!(!new.exists());
}

#[test]
fn restore_never_replaces_a_file_nor_follows_a_planted_link() {
    let (dir, db, out, backup) = backed_up();
    // Onto the live database: refused, and it still works.
    let before = lists(&db);
    restore(&db, &backup, &db).code(2).stderr(contains("already exists"));
    assert_eq!(lists(&db), before);
    let taken = out.join("taken.sqlite");
    std::fs::write(&taken, "someone's file").expect("w");
    restore(&db, &backup, &taken).code(2).stderr(contains("already exists"));
    assert_eq!(std::fs::read_to_string(&taken).expect("read"), "someone's file");
    #[cfg(unix)]
    {
        // A link to a file, and a dangling link to where a file would be made.
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "theirs").expect("w");
        let link = out.join("link.sqlite");
        std::os::unix::fs::symlink(&victim, &link).expect("link");
        restore(&db, &backup, &link).code(2).stderr(contains("already exists"));
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "theirs");
        let dangling = out.join("dangling.sqlite");
        let target = dir.path().join("made-through-a-link.sqlite");
        std::os::unix::fs::symlink(&target, &dangling).expect("link");
        restore(&db, &backup, &dangling).code(2).stderr(contains("already exists"));
        assert!(!target.exists(), "nothing was made where the link points");
    }
    let missing_folder = dir.path().join("no-such-folder/restored.sqlite");
    restore(&db, &backup, &missing_folder).code(2).stderr(contains("does not exist"));
    assert!(!dir.path().join("no-such-folder").exists());
}

#[test]
fn restore_needs_to_and_says_so() {
    let (_dir, db, _out, backup) = backed_up();
    ri(&db).arg("restore").arg(&backup).assert().code(2).stderr(contains("--to"));
}

/// `tests/fixtures/schema-5.sqlite`: the fixture episodes in a file of
/// schema 5, as an older ri-chase left it (see `make_schema_5_fixture` in
/// src/store/copy_tests.rs, which makes it).
#[test]
fn an_older_file_is_brought_up_to_date_keeping_a_copy_which_restores() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("team.sqlite");
    std::fs::copy(fixture("schema-5.sqlite"), &db).expect("copy fixture");
    let out = ri(&db).args(["missing", "--at", AT, "--format", "csv"]).output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(String::from_utf8_lossy(&out.stdout).contains("E08"));
    let copies: Vec<String> = names_in(dir.path()).into_iter().filter(|n| n.starts_with("team.before-v")).collect();
    assert_eq!(copies.len(), 1, "{:?}", names_in(dir.path()));
    assert!(said.contains("schema 5") && said.contains(&copies[0]) && said.contains("kept"), "{said}");
    let copy = dir.path().join(&copies[0]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copy).expect("meta").permissions().mode() & 0o777, 0o600);
    }
    // The copy is the old file: restored, it opens (and is brought up to date in turn).
    let back = dir.path().join("back.sqlite");
    restore(&db, &copy, &back).success().stderr(contains("schema 5"));
    assert_eq!(lists(&back), lists(&db));
    // Said once: the file is up to date now.
    ri(&db).args(["missing", "--at", AT]).assert().success().stderr(contains("kept").not());
}

/// A backup whose audit trail does not verify (here a trigger was dropped
/// with sqlite3, so changes after it would go unrecorded) is refused, with
/// what `audit verify` found first, and leaves nothing.
#[test]
fn a_backup_whose_audit_trail_does_not_verify_is_refused() {
    let (_dir, db, out, backup) = backed_up();
    {
        let conn = rusqlite::Connection::open(&backup).expect("open");
        let trigger: String = conn
            .query_row(
                "SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'episodes' ORDER BY name LIMIT 1",
                [],
                |r| r.get(0),
            )
            .expect("an episodes trigger");
        conn.execute_batch(&format!("DROP TRIGGER {trigger}")).expect("drop");
    }
    let new = out.join("restored.sqlite");
    restore(&db, &backup, &new)
        .code(2)
        .stderr(contains("audit trail does not verify").and(contains("trigger")).and(contains("nothing was written")));
    assert_eq!(names_in(&out), ["backup.sqlite"]);
}
