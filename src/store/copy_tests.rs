//! The copy kept before a migration, and restore, on real files.

use super::tests::{at, item, temp_db};
use super::*;
use std::path::Path;

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn version_of(path: &Path) -> i64 {
    let conn = Connection::open(path).expect("open");
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version")
}

/// A file with one child and one episode, taken back to schema 5 and closed.
fn schema_5_file() -> (tempfile::TempDir, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.import(&[item("P1", "E1", "2026-06-01 09:00", None)]).expect("import");
    schema::back_to_5(&store.conn).expect("back to 5");
    drop(store);
    (dir, path)
}

fn kept_copies(dir: &Path) -> Vec<String> {
    let prefix = format!("test.before-v{}-", schema::CURRENT);
    names_in(dir).into_iter().filter(|n| n.starts_with(&prefix) && n.ends_with(".sqlite")).collect()
}

#[test]
fn bringing_an_older_file_up_to_date_first_keeps_a_private_copy_of_it_as_it_was() {
    let (dir, path) = schema_5_file();
    let store = Store::open_existing(&path).expect("migrates");
    assert_eq!(version_of(&path), schema::CURRENT);
    let copies = kept_copies(dir.path());
    assert_eq!(copies.len(), 1, "{:?}", names_in(dir.path()));
    // NAME.before-vN-YYYY-MM-DDTHHMM.sqlite, the stamp in UK time.
    let stamp = copies[0].trim_start_matches(&format!("test.before-v{}-", schema::CURRENT)).trim_end_matches(".sqlite");
    assert!(chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%dT%H%M").is_ok(), "{stamp}");
    let copy = dir.path().join(&copies[0]);
    assert_eq!(version_of(&copy), 5, "the copy is the file before the migration");
    let conn = Connection::open(&copy).expect("open copy");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(ok, "ok");
    let episodes: i64 = conn.query_row("SELECT count(*) FROM episodes", [], |r| r.get(0)).expect("count");
    assert_eq!(episodes, 1);
    // Schema 5 has no risk_grades table: the copy was made before migration 6 ran.
    let grades: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'risk_grades'", [], |r| r.get(0))
        .expect("schema");
    assert_eq!(grades, 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&copy).expect("meta").permissions().mode() & 0o777, 0o600);
    }
    // No temporary file or journal is left beside it.
    assert!(names_in(dir.path()).iter().all(|n| !n.contains(".partial")), "{:?}", names_in(dir.path()));
    drop(store);
    // Opening the file, now up to date, keeps no more copies.
    drop(Store::open_existing(&path).expect("reopen"));
    assert_eq!(kept_copies(dir.path()).len(), 1);
}

#[test]
fn a_second_upgrade_in_the_same_minute_keeps_a_second_copy_not_over_the_first() {
    let (dir, path) = schema_5_file();
    drop(Store::open_existing(&path).expect("migrates"));
    let store = Store::open_existing(&path).expect("open");
    schema::back_to_5(&store.conn).expect("back to 5 again");
    drop(store);
    drop(Store::open_existing(&path).expect("migrates again"));
    let copies = kept_copies(dir.path());
    // Two copies; should the minute have turned between them, both are plain names.
    assert_eq!(copies.len(), 2, "{copies:?}");
    for c in &copies {
        assert_eq!(version_of(&dir.path().join(c)), 5, "{c}");
    }
}

#[test]
fn a_new_file_keeps_no_copy() {
    let (dir, path) = temp_db();
    drop(Store::open_or_create(&path).expect("create"));
    assert_eq!(names_in(dir.path()), ["test.sqlite"]);
}

#[test]
fn when_no_copy_can_be_made_the_file_is_not_changed() {
    let (dir, path) = schema_5_file();
    // Every name the copy could take, this minute and the next, is taken.
    let now = chrono::Utc::now();
    for t in [now, now + chrono::Duration::minutes(1)] {
        let stamp = crate::domain::time::to_uk(t).format("%Y-%m-%dT%H%M");
        for n in 1..100 {
            let again = if n == 1 { String::new() } else { format!("-{n}") };
            let name = format!("test.before-v{}-{stamp}{again}.sqlite", schema::CURRENT);
            std::fs::write(dir.path().join(name), "taken").expect("plant");
        }
    }
    let listed = names_in(dir.path());
    let err = Store::open_existing(&path).err().expect("refused");
    assert!(matches!(err, StoreError::NotKept { from: 5, .. }), "{err:?}");
    let said = err.to_string();
    assert!(
        said.contains("schema 5 to") && said.contains("nothing was changed") && said.contains("move some away"),
        "{said}"
    );
    assert_eq!(version_of(&path), 5, "the file is as it was");
    let now_listed: Vec<String> =
        names_in(dir.path()).into_iter().filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm")).collect();
    assert_eq!(now_listed, listed, "nothing new is left beside it");
}

#[test]
fn a_backup_restores_to_a_new_private_file_that_reads_the_same() {
    let (dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.import(&[item("P1", "E1", "2026-06-01 09:00", None)]).expect("import");
    let backup = dir.path().join("backup.sqlite");
    store.backup_to(&backup).expect("backup");
    let new = dir.path().join("restored.sqlite");
    let r = restore(&backup, &new).expect("restores");
    assert_eq!(r, Restored { schema: schema::CURRENT, people: 1, episodes: 1 });
    let restored = Store::open_existing(&new).expect("opens");
    assert_eq!(restored.missing_cases(at("2026-06-02 00:00")).expect("query").len(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&new).expect("meta").permissions().mode() & 0o777, 0o600);
    }
}

#[test]
fn restore_never_replaces_a_file() {
    let (dir, path) = temp_db();
    let store = Store::open_or_create(&path).expect("create");
    let backup = dir.path().join("backup.sqlite");
    store.backup_to(&backup).expect("backup");
    let err = restore(&backup, &path).expect_err("the live file is there");
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(version_of(&path), schema::CURRENT);
}

/// Makes `tests/fixtures/schema-5.sqlite`, the fixture episodes in a file as
/// a schema-5 ri-chase left it, for the command-line tests of upgrading an
/// older file. Run again only to remake it:
/// `cargo test --lib make_schema_5_fixture -- --ignored`.
#[test]
#[ignore = "writes tests/fixtures/schema-5.sqlite"]
fn make_schema_5_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let (_dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.set_authority("Northshire").expect("authority");
    let csv = std::fs::File::open(fixtures.join("episodes.csv")).expect("fixture");
    let items =
        crate::io::episodes_csv::read_episodes(csv, &store, "Northshire", at("2026-03-30 12:00")).expect("reads");
    store.import(&items).expect("imports");
    schema::back_to_5(&store.conn).expect("back to 5");
    // One file, no log beside it, as small as it goes.
    store.conn.execute_batch("PRAGMA journal_mode = DELETE; VACUUM;").expect("compact");
    drop(store);
    std::fs::copy(&path, fixtures.join("schema-5.sqlite")).expect("write the fixture");
}
