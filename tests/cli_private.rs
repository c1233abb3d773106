//! The database's folders and files are their owner's alone (issue 8.13),
//! whatever the umask, and the audit trail names the account the process
//! runs as, whatever `$USER` says (issue 8.12).

mod common;
use common::{fixture, ri};
use std::path::Path;

/// The binary run under `umask 000` (the loosest a user can have), with `args`.
#[cfg(unix)]
fn under_umask_000(env: &[(&str, &Path)], args: &[&str]) -> std::process::Output {
    let mut cmd = std::process::Command::new("sh");
    cmd.args(["-c", "umask 000; exec \"$@\"", "sh", env!("CARGO_BIN_EXE_ri-chase")]).args(args);
    cmd.env_remove("RI_CHASE_DB").env("NO_COLOR", "1");
    for (key, value) in env {
        cmd.env(key, value);
    }
    cmd.output().expect("runs")
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())).permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn folders_made_for_db_are_0700_and_the_file_and_its_wal_0600_under_umask_000() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("new/deeper/team.sqlite");
    let db_arg = db.to_str().expect("utf8");
    let out = under_umask_000(&[], &["--db", db_arg, "init", "--authority", "Northshire"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let fixture = fixture("episodes.csv");
    let out = under_umask_000(&[], &["--db", db_arg, "import", fixture.to_str().expect("utf8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(mode(&dir.path().join("new")), 0o700);
    assert_eq!(mode(&dir.path().join("new/deeper")), 0o700);
    assert_eq!(mode(&db), 0o600);
    // SQLite makes the -wal and -shm with the database's mode; an open
    // connection keeps them there to look at.
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.query_row("SELECT count(*) FROM episodes", [], |r| r.get::<_, i64>(0)).expect("read");
    for companion in ["team.sqlite-wal", "team.sqlite-shm"] {
        assert_eq!(mode(&dir.path().join("new/deeper").join(companion)), 0o600, "{companion}");
    }
}

#[cfg(unix)]
#[test]
fn the_data_folder_is_made_0700_under_umask_000() {
    let home = tempfile::tempdir().expect("home");
    let env = [("HOME", home.path()), ("XDG_DATA_HOME", &home.path().join("data"))];
    let out = under_umask_000(&env, &["init", "--authority", "Northshire"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let data = home.path().join("data");
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("ri-chase")), 0o700);
    assert_eq!(mode(&data.join("ri-chase/ri-chase.sqlite")), 0o600);
}

#[cfg(unix)]
#[test]
fn a_database_others_can_read_is_tightened_on_open_and_says_so() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, db) = common::new_db();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let out = ri(&db).args(["chase", "--at", common::AT]).output().expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("could be read by other accounts (mode 0644)") && stderr.contains("0600"), "{stderr}");
    assert_eq!(mode(&db), 0o600);
    let conn = rusqlite::Connection::open(&db).expect("open");
    conn.query_row("SELECT count(*) FROM episodes", [], |r| r.get::<_, i64>(0)).expect("read");
    assert_eq!(mode(&dir.path().join("test.sqlite-wal")), 0o600);
    // Once private, nothing more is said.
    let out = ri(&db).args(["chase", "--at", common::AT]).output().expect("runs");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// The audit trail's `who` for every row the import wrote.
fn audited_accounts(db: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let mut stmt = conn.prepare("SELECT DISTINCT who FROM audit WHERE table_name = 'episodes'").expect("query");
    stmt.query_map([], |r| r.get(0)).expect("rows").collect::<Result<_, _>>().expect("read")
}

#[cfg(unix)]
#[test]
fn the_audit_trail_names_the_real_account_whatever_user_says() {
    let real = nix::unistd::User::from_uid(nix::unistd::getuid()).expect("lookup").expect("a named account").name;
    assert_ne!(real, "mallory");
    let (_dir, db) = common::new_db();
    ri(&db)
        .env("USER", "mallory")
        .env("LOGNAME", "mallory")
        .arg("import")
        .arg(fixture("episodes.csv"))
        .assert()
        .success();
    assert_eq!(audited_accounts(&db), vec![real.clone()]);
    let (_dir, db) = common::new_db();
    ri(&db)
        .env_remove("USER")
        .env_remove("LOGNAME")
        .env_remove("USERNAME")
        .arg("import")
        .arg(fixture("episodes.csv"))
        .assert()
        .success();
    assert_eq!(audited_accounts(&db), vec![real]);
}
