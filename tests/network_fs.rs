//! A database on a network file system is warned about: on stderr by every
//! command, and in the app's status line on its first screen. No share can
//! be mounted here, so debug builds take the file system's magic number from
//! `RI_CHASE_TEST_FS_MAGIC` (store/network_fs.rs); the numbers themselves
//! are unit-tested there.

mod common;
use common::{AT, fixture_db, ri};
use predicates::prelude::*;
use predicates::str::contains;

const FAKE: &str = "RI_CHASE_TEST_FS_MAGIC";

#[test]
fn a_command_on_a_share_warns_once_and_still_works() {
    let (_dir, db) = fixture_db();
    for (magic, name) in
        [("0x6969", "(NFS)"), ("FF534D42", "(SMB/CIFS)"), ("FE534D42", "(SMB/CIFS)"), ("01021997", "(9p")]
    {
        let out = ri(&db).env(FAKE, magic).args(["missing", "--at", AT, "--format", "csv"]).output().expect("runs");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("E08"), "the list still comes");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("is on a network file system") && said.contains(name) && said.contains("one computer"),
            "{said}"
        );
        assert_eq!(said.matches("network file system").count(), 1, "said once: {said}");
    }
}

#[test]
fn a_local_disk_is_not_warned_about() {
    let (_dir, db) = fixture_db();
    // ext4, and this machine's own file system.
    ri(&db).env(FAKE, "EF53").args(["missing", "--at", AT]).assert().success().stderr(contains("network").not());
    ri(&db).env_remove(FAKE).args(["missing", "--at", AT]).assert().success().stderr(contains("network").not());
}

#[cfg(unix)]
#[test]
fn the_apps_first_screen_says_the_database_is_on_a_share() {
    use common::pty::Running;
    let (dir, db) = fixture_db();
    let mut app = Running::start(dir, &db, AT, &[(FAKE, "6969")]);
    app.screen.wait_for("the warning in the status line", |s| {
        s.alternate_screen() && s.contents().contains("Network share (NFS): use this database from one computer only")
    });
    app.press("q");
    assert!(app.wait_for_exit().success());
}
