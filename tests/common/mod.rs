//! Helpers for tests that run the real binary on temporary databases.
#![allow(dead_code)] // each test file uses some of these

pub mod entry;
pub mod pty;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The fixed "now" the fixture is written against: Monday 30 March 2026,
/// the day after the clocks went forward.
pub const AT: &str = "2026-03-30 12:00";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// `ri-chase --db DB ...`, with the environment made predictable.
pub fn ri(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ri-chase"));
    cmd.arg("--db").arg(db).env_remove("RI_CHASE_DB").env("NO_COLOR", "1");
    cmd
}

/// A new database for Northshire in a temporary folder.
pub fn new_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("test.sqlite");
    ri(&db).args(["init", "--authority", "Northshire"]).assert().success();
    (dir, db)
}

/// A new database holding the fixture episodes.
pub fn fixture_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ri(&db).arg("import").arg(fixture("episodes.csv")).assert().success();
    (dir, db)
}

pub fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf8")
}

pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    serde_json::from_str(&stdout_of(cmd)).expect("valid JSON")
}
