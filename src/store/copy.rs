//! `ri-chase backup`: a consistent copy of the live database, and the WAL
//! checkpoint that makes the file on its own whole when the app quits.

use super::read_only::companion;
use super::{Result, Store, StoreError};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::Path;
use std::time::{Duration, Instant};

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
        if dest.symlink_metadata().is_ok() {
            return Err(refuse("the file already exists; give a new name".into()));
        }
        let folder = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(refuse(format!("the folder {} does not exist", folder.display())));
        }
        // A fresh, uniquely named 0600 file in DEST's folder (DESIGN.md, "Data
        // leaving the program"), named after DEST so a leftover says what it was.
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let partial = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".partial")
            .tempfile_in(folder)
            .map_err(|e| refuse(e.to_string()))?;
        let written = self.copy_into(partial.path());
        // Any journal SQLite made beside the copy goes, whatever happened.
        for suffix in ["-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(companion(partial.path(), suffix));
        }
        written.map_err(&refuse)?;
        // Never over a file that appeared at DEST meanwhile; on failure the
        // temporary file is removed when dropped.
        partial.persist_noclobber(dest).map(drop).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => refuse("the file already exists (made while the backup ran)".into()),
            _ => refuse(e.error.to_string()),
        })
    }

    fn copy_into(&self, partial: &Path) -> std::result::Result<(), String> {
        let mut to = Connection::open(partial).map_err(|e| e.to_string())?;
        // The copy is not in use until it is renamed: it needs no journal.
        to.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;").map_err(|e| e.to_string())?;
        {
            let backup = Backup::new(&self.conn, &mut to).map_err(|e| e.to_string())?;
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
                                self.path.display(),
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
        to.close().map_err(|(_, e)| e.to_string())?;
        std::fs::File::open(partial).and_then(|f| f.sync_all()).map_err(|e| e.to_string())
    }
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
