//! Copies of the database: `ri-chase backup` (a consistent copy of the live
//! file), the copy kept before a schema migration, and the WAL checkpoint
//! that makes the file on its own whole when the app quits. `restore.rs`
//! brings a copy back.

use super::read_only::companion;
use super::{Result, Store, StoreError};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tempfile::NamedTempFile;

/// How long a backup waits for writers that hold the file locked.
const BUSY_FOR_AT_MOST: Duration = Duration::from_secs(60);

impl Store {
    /// A consistent copy of the live database, made with SQLite's online
    /// backup while others may be writing, readable by its owner only.
    ///
    /// The copy is written to a new file of its own in `dest`'s folder and
    /// appears under `dest` only once complete, so a failure (a full disk)
    /// leaves nothing behind. `dest` is never replaced, and its folder must
    /// exist: a typo in the folder is refused rather than made.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        let refuse = |reason: String| StoreError::Backup { dest: dest.to_path_buf(), reason };
        let partial = new_file_beside(dest).map_err(refuse)?;
        let written = copy_pages(&self.conn, &self.path, partial.path());
        finish(partial, dest, written).map_err(refuse)
    }
}

/// A fresh, uniquely named 0600 file in `dest`'s folder, to fill and then
/// [`finish`] as `dest` (DESIGN.md, "Data leaving the program"), named after
/// `dest` (`.NAME.XXXXXX.partial`) so that a leftover says what it was.
/// Refused when something (a file, a folder, a link, even a dangling one)
/// is already at `dest`, or its folder is not there.
pub(super) fn new_file_beside(dest: &Path) -> std::result::Result<NamedTempFile, String> {
    if dest.symlink_metadata().is_ok() {
        return Err("the file already exists; give a new name".into());
    }
    let folder = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(format!("the folder {} does not exist", folder.display()));
    }
    let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(|e| e.to_string())
}

/// Ends what [`new_file_beside`] began: any journal SQLite made beside the
/// temporary file goes, whatever happened; after `written` succeeded the
/// file is made durable and named `dest`, never over a file that appeared
/// there meanwhile. On any failure the temporary file is removed (dropped).
pub(super) fn finish(
    partial: NamedTempFile,
    dest: &Path,
    written: std::result::Result<(), String>,
) -> std::result::Result<(), String> {
    for suffix in ["-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(companion(partial.path(), suffix));
    }
    written?;
    partial.as_file().sync_all().map_err(|e| e.to_string())?;
    partial.persist_noclobber(dest).map(drop).map_err(|e| match e.error.kind() {
        std::io::ErrorKind::AlreadyExists => "the file already exists (made while the copy ran)".into(),
        _ => e.error.to_string(),
    })
}

/// Copies every page of `from` (the database at `source`, named in
/// messages) into the empty file `partial` with SQLite's online backup.
pub(super) fn copy_pages(from: &Connection, source: &Path, partial: &Path) -> std::result::Result<(), String> {
    let mut to = Connection::open(partial).map_err(|e| e.to_string())?;
    // The copy is not in use until it is renamed: it needs no journal.
    to.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").map_err(|e| e.to_string())?;
    {
        let backup = Backup::new(from, &mut to).map_err(|e| e.to_string())?;
        let started = Instant::now();
        // All pages in one step, so one read of the source: copied in
        // steps, a change between them (or a source SQLite cannot tell
        // is unchanged, such as one opened read-only beside another's
        // log) restarts the copy, which then never ends.
        loop {
            match backup.step(-1).map_err(|e| e.to_string())? {
                StepResult::Done => break,
                StepResult::More => {}
                StepResult::Busy | StepResult::Locked => {
                    if started.elapsed() > BUSY_FOR_AT_MOST {
                        return Err(format!(
                            "{} was kept busy by others for {} s; try again",
                            source.display(),
                            BUSY_FOR_AT_MOST.as_secs()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                // StepResult is non-exhaustive.
                _ => return Err("SQLite's backup stopped for a reason ri-chase does not know".into()),
            }
        }
    }
    to.close().map_err(|(_, e)| e.to_string())
}

/// Before a migration changes the file at `db` (schema `from`) for good,
/// a copy of it as it is, beside it, readable by its owner only, named so
/// its owner knows what it is: `NAME.before-v7-2026-12-02T0405.sqlite` is
/// `NAME.sqlite` as it was before this ri-chase brought it to schema 7, at
/// 04:05 UK time (`-2`, `-3`... should that name be taken).
///
/// The caller holds the migration's write lock and has written nothing, so
/// nobody can change the file meanwhile; the copy is read through a
/// connection of its own (SQLite's backup will not read from a connection in
/// a write transaction), which in WAL mode reads past that lock.
pub(super) fn keep_before_migration(db: &Path, to_version: i64) -> std::result::Result<PathBuf, String> {
    let from = Connection::open_with_flags(
        db,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    let stamp = crate::domain::time::to_uk(chrono::Utc::now()).format("%Y-%m-%dT%H%M");
    let stem = db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "ri-chase".into());
    let folder = db.parent().unwrap_or(Path::new(""));
    for n in 1..100 {
        let again = if n == 1 { String::new() } else { format!("-{n}") };
        let dest = folder.join(format!("{stem}.before-v{to_version}-{stamp}{again}.sqlite"));
        if dest.symlink_metadata().is_ok() {
            continue;
        }
        let partial = new_file_beside(&dest)?;
        let written = copy_pages(&from, db, partial.path());
        return finish(partial, &dest, written).map(|()| dest);
    }
    Err(format!("too many copies named {stem}.before-v{to_version}-{stamp}*.sqlite already; move some away"))
}

impl Store {
    /// Folds the write-ahead log back into the file and empties it, so the
    /// file on its own holds every change: someone who copies it after the
    /// app quits gets them all. If others are busy with the file, what they
    /// hold stays in the log, where SQLite reads it; nothing is lost.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).map_err(|e| self.err(e))
    }
}
