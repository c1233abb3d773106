//! Files the commands cannot write, or should not make: a read-only
//! database, backup to a folder that is not there or a disk that is full,
//! import into a database that is not there, `-o` naming a folder, and a
//! database from a newer ri-chase. Each is a clear message and exit 2 with
//! nothing left behind, and a command that only reads works on a file it
//! cannot write.

mod common;
use common::{AT, fixture_db, new_db, ri};
use predicates::prelude::*;
use predicates::str::contains;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn backup_to_a_folder_that_is_not_there_is_refused_and_makes_nothing() {
    let (dir, db) = fixture_db();
    let dest = dir.path().join("no-such-folder").join("copy.sqlite");
    ri(&db)
        .arg("backup")
        .arg(&dest)
        .assert()
        .code(2)
        .stderr(contains("no-such-folder").and(contains("does not exist")).and(contains("nothing was written")));
    assert!(!dir.path().join("no-such-folder").exists(), "the folder was made");
}

#[test]
fn backup_into_a_folder_leaves_only_the_copy() {
    let (dir, db) = fixture_db();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).expect("out");
    ri(&db).arg("backup").arg(out.join("copy.sqlite")).assert().success();
    assert_eq!(names_in(&out), ["copy.sqlite"]);
    // The copy on its own (no -wal beside it) holds the data.
    ri(&out.join("copy.sqlite"))
        .args(["missing", "--at", AT, "--format", "csv"])
        .assert()
        .success()
        .stdout(contains("E08"));
}

/// A small tmpfs mounted for one test, unmounted however the test ends.
struct SmallDisk(PathBuf);

impl SmallDisk {
    /// None (with the reason printed) where mounting is not allowed.
    fn mount(at: &Path, size: &str) -> Option<SmallDisk> {
        std::fs::create_dir_all(at).expect("mount point");
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(at)
            .output();
        match out {
            Ok(o) if o.status.success() => Some(SmallDisk(at.to_path_buf())),
            Ok(o) => {
                eprintln!("SKIPPED: cannot mount a small tmpfs here: {}", String::from_utf8_lossy(&o.stderr).trim());
                None
            }
            Err(e) => {
                eprintln!("SKIPPED: cannot run mount: {e}");
                None
            }
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn backup_onto_a_full_disk_fails_and_leaves_nothing() {
    let (dir, db) = fixture_db();
    let size = std::fs::metadata(&db).expect("db").len();
    let Some(disk) = SmallDisk::mount(&dir.path().join("small"), "64k") else { return };
    assert!(size > 64 * 1024, "the database ({size} bytes) must not fit the disk");
    let dest = disk.0.join("copy.sqlite");
    ri(&db).arg("backup").arg(&dest).assert().code(2).stderr(contains("copy.sqlite").and(contains("full")));
    assert!(names_in(&disk.0).is_empty(), "left behind: {:?}", names_in(&disk.0));
}

#[test]
fn import_into_a_database_that_is_not_there_makes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("new-folder").join("team.sqlite");
    for dry_run in [false, true] {
        let mut cmd = ri(&db);
        cmd.arg("import").arg(common::fixture("episodes.csv"));
        if dry_run {
            cmd.arg("--dry-run");
        }
        cmd.assert().code(2).stderr(contains("no database at").and(contains("ri-chase init")));
        assert!(!dir.path().join("new-folder").exists(), "a folder was made (dry run: {dry_run})");
    }
}

#[test]
fn dash_o_naming_a_folder_is_bad_usage_and_writes_nothing() {
    let (dir, db) = fixture_db();
    let out = dir.path().join("reports");
    std::fs::create_dir(&out).expect("out");
    let before = names_in(dir.path());
    ri(&db)
        .args(["export", "--format", "episodes-csv", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("is a folder"));
    ri(&db).args(["mpmg", "--month", "2026-03", "--at", AT, "--format", "md", "-o"]).arg(&out).assert().code(2);
    let slash = format!("{}/", dir.path().join("not-yet").display());
    ri(&db)
        .args(["mpmg", "--month", "2026-03", "--at", AT, "-o", &slash])
        .assert()
        .code(2)
        .stderr(contains("is a folder"));
    assert_eq!(names_in(dir.path()), before);
    assert!(names_in(&out).is_empty());
}

#[test]
fn a_database_from_a_newer_ri_chase_is_bad_input() {
    let (_dir, db) = new_db();
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch("PRAGMA user_version = 999").expect("version");
    drop(conn);
    for cmd in [&["chase"][..], &["settings"], &["import", "--dry-run"]] {
        let mut run = ri(&db);
        run.args(cmd);
        if cmd[0] == "import" {
            run.arg(common::fixture("episodes.csv"));
        }
        run.assert().code(2).stderr(contains("made by a newer ri-chase (schema 999"));
    }
}

/// Someone who can read a database but not write it or its folder. Root
/// ignores permission bits, so as root this is the `nobody` account (through
/// `setpriv`); anyone else is themselves, with the write bits taken away.
struct Reader {
    as_nobody: bool,
}

impl Reader {
    /// None, saying why, where neither is possible.
    fn new(probe: &Path) -> Option<Reader> {
        use std::os::unix::fs::MetadataExt;
        std::fs::write(probe, "").expect("probe");
        let root = std::fs::metadata(probe).expect("probe").uid() == 0;
        std::fs::remove_file(probe).expect("probe");
        if !root {
            return Some(Reader { as_nobody: false });
        }
        let works = std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
            .status()
            .is_ok_and(|s| s.success());
        if !works {
            eprintln!(
                "SKIPPED: running as root, and `setpriv` cannot switch to nobody to test a file root cannot write"
            );
            return None;
        }
        Some(Reader { as_nobody: true })
    }

    /// Makes `dir` and the files in it readable, not writable, by the reader.
    fn lock(&self, dir: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let set = |p: &Path, mode| std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).expect("chmod");
        for name in names_in(dir) {
            set(&dir.join(name), 0o444);
        }
        set(dir, 0o555);
    }

    /// Gives the owner back the right to clean up (root needs none).
    fn unlock(&self, dir: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
    }

    /// `ri-chase --db DB ARGS` as the reader; `home` is somewhere it can read.
    fn ri(&self, db: &Path, home: &Path) -> assert_cmd::Command {
        let bin = env!("CARGO_BIN_EXE_ri-chase");
        let mut cmd = if self.as_nobody {
            let mut c = assert_cmd::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
            c
        } else {
            assert_cmd::Command::new(bin)
        };
        cmd.arg("--db").arg(db).env_remove("RI_CHASE_DB").env("NO_COLOR", "1").env("HOME", home);
        cmd.env_remove("XDG_CONFIG_HOME").env_remove("XDG_DATA_HOME");
        cmd.timeout(Duration::from_secs(30));
        cmd
    }
}

/// A folder the reader can get into and a place they may write (for backups).
fn open_folders() -> (tempfile::TempDir, PathBuf, PathBuf) {
    use std::os::unix::fs::PermissionsExt;
    let top = tempfile::tempdir().expect("dir");
    std::fs::set_permissions(top.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let shelf = top.path().join("shelf");
    let out = top.path().join("out");
    std::fs::create_dir(&shelf).expect("shelf");
    std::fs::create_dir(&out).expect("out");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o777)).expect("chmod");
    (top, shelf, out)
}

#[test]
fn reading_commands_work_on_a_database_in_a_folder_they_cannot_write() {
    let (top, shelf, out) = open_folders();
    let Some(reader) = Reader::new(&out.join("probe")) else { return };
    let (_fixture_dir, db) = fixture_db();
    std::fs::copy(&db, shelf.join("team.sqlite")).expect("copy");
    let db = shelf.join("team.sqlite");
    reader.lock(&shelf);
    let before = std::fs::read(&db).expect("bytes");

    reader
        .ri(&db, top.path())
        .args(["chase", "--at", AT, "--format", "csv"])
        .assert()
        .success()
        .stdout(contains("E01"));
    reader.ri(&db, top.path()).args(["missing", "--at", AT]).assert().success().stdout(contains("T007"));
    reader.ri(&db, top.path()).args(["mpmg", "--month", "2026-03", "--at", AT]).assert().success();
    reader.ri(&db, top.path()).args(["export", "--format", "episodes-csv"]).assert().success().stdout(contains("E01"));
    reader.ri(&db, top.path()).arg("settings").assert().success().stdout(contains("ri_due_hours"));
    reader.ri(&db, top.path()).arg("backup").arg(out.join("copy.sqlite")).assert().success();
    // A command that writes is refused, not half done.
    reader.ri(&db, top.path()).args(["settings", "top_n", "20"]).assert().failure();

    assert_eq!(std::fs::read(&db).expect("bytes"), before, "the database was changed");
    assert_eq!(names_in(&shelf), ["team.sqlite"]);
    ri(&out.join("copy.sqlite"))
        .args(["missing", "--at", AT, "--format", "csv"])
        .assert()
        .success()
        .stdout(contains("E08"));
    reader.unlock(&shelf);
}

#[test]
fn a_log_that_cannot_be_read_is_bad_input_saying_why() {
    let (top, shelf, out) = open_folders();
    let Some(reader) = Reader::new(&out.join("probe")) else { return };
    let (_fixture_dir, db) = fixture_db();
    // A log holding a change, as a killed process leaves it, without its index.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.execute_batch("PRAGMA wal_autocheckpoint = 0; CREATE TABLE scratch (x); INSERT INTO scratch VALUES (1);")
        .expect("write to the log");
    for suffix in ["", "-wal"] {
        std::fs::copy(format!("{}{suffix}", db.display()), shelf.join(format!("team.sqlite{suffix}"))).expect("copy");
    }
    drop(conn);
    reader.lock(&shelf);
    reader
        .ri(&shelf.join("team.sqlite"), top.path())
        .args(["chase", "--at", AT])
        .assert()
        .code(2)
        .stderr(contains("cannot read the database").and(contains("team.sqlite-wal")));
    assert_eq!(names_in(&shelf), ["team.sqlite", "team.sqlite-wal"]);
    reader.unlock(&shelf);
}

#[test]
fn backup_of_a_read_only_database_beside_an_old_index_finishes() {
    let (top, shelf, out) = open_folders();
    let Some(reader) = Reader::new(&out.join("probe")) else { return };
    // Larger than SQLite copies in one of the steps the old backup took.
    let src = top.path().join("src");
    std::fs::create_dir(&src).expect("src");
    let db = src.join("demo.sqlite");
    ri(&db).args(["demo", "--at", AT]).assert().success();
    // The index (-shm) and log of a session that was killed, left beside a
    // file the reader cannot write: SQLite then reads without trusting the
    // index, and a copy made in steps restarted at every step, for ever.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.query_row("SELECT count(*) FROM people", [], |r| r.get::<_, i64>(0)).expect("read");
    for suffix in ["", "-wal", "-shm"] {
        std::fs::copy(format!("{}{suffix}", db.display()), shelf.join(format!("team.sqlite{suffix}"))).expect("copy");
    }
    drop(conn);
    reader.lock(&shelf);
    let started = std::time::Instant::now();
    reader.ri(&shelf.join("team.sqlite"), top.path()).arg("backup").arg(out.join("copy.sqlite")).assert().success();
    eprintln!("backed up in {:.1} s", started.elapsed().as_secs_f64());
    let people = |path: &Path| {
        rusqlite::Connection::open(path)
            .and_then(|c| c.query_row("SELECT count(*) FROM people", [], |r| r.get::<_, i64>(0)))
            .expect("count")
    };
    assert_eq!(people(&out.join("copy.sqlite")), people(&db));
    reader.unlock(&shelf);
}
