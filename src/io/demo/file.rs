//! The file a `ri-chase --demo` run keeps its database in.
//!
//! Each run has a file of its own (`demo-<pid>-<n>.sqlite` in the data
//! folder), so two runs never share one, and removes it when it ends. A run
//! holds an exclusive lock on `<file>.lock` while it lives; the lock goes
//! with the process however it ends, so a file whose lock can be taken
//! belongs to nobody, and the next run tidies it away, but only if it is a
//! demo database that ri-chase made (`store::is_demo_database`). `--demo
//! --db PATH` uses PATH, which it replaces only if it is such a demo and
//! no other run holds it.

use crate::store::is_demo_database;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// Why `--demo --db PATH` will not use PATH.
#[derive(Debug, thiserror::Error)]
pub enum DemoFileError {
    #[error(
        "--db {0}: the file is not a demo database made by ri-chase, and --demo never replaces it; \
         give a new path, or leave out --db"
    )]
    NotADemo(PathBuf),
    #[error("--db {0}: another ri-chase --demo is using it; give another path, or leave out --db")]
    InUse(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

/// A demo database's file, held for this run until it is dropped.
#[derive(Debug)]
pub struct DemoFile {
    path: PathBuf,
    lock_path: PathBuf,
    /// Held open (and locked) for as long as the run lasts.
    _lock: File,
    /// A file this run named is removed when it ends; one the user named stays.
    remove_when_done: bool,
}

impl DemoFile {
    /// Where the database goes; nothing is there yet (`Store::open_or_create` makes it).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A new file of this run's own in `folder` (made if need be, readable
    /// by its owner only), after tidying away the files of runs that are over.
    pub fn new_in(folder: &Path) -> Result<DemoFile, DemoFileError> {
        crate::io::paths::create_private_dir(folder)
            .map_err(|source| DemoFileError::Io { path: folder.to_path_buf(), source })?;
        sweep(folder);
        for n in 0u32..1000 {
            let path = folder.join(format!("demo-{}-{n}.sqlite", std::process::id()));
            let lock_path = lock_path(&path);
            // Only a lock file this run made itself, so no other run's name is taken over.
            let made = lock_options().create_new(true).open(&lock_path);
            let file = match made {
                Ok(f) => f,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(DemoFileError::Io { path: lock_path, source }),
            };
            match take(&file, &lock_path) {
                Ok(true) if !path.exists() => {
                    return Ok(DemoFile { path, lock_path, _lock: file, remove_when_done: true });
                }
                // Someone else's file (a run that died with this number): leave it to the sweep.
                Ok(_) => continue,
                Err(source) => return Err(DemoFileError::Io { path: lock_path, source }),
            }
        }
        Err(DemoFileError::Io {
            path: folder.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free demo file name"),
        })
    }

    /// `path`, named by the user: held for this run, and emptied if it holds
    /// a demo made by ri-chase; refused if it holds anything else or another
    /// run is using it.
    pub fn at(path: &Path) -> Result<DemoFile, DemoFileError> {
        let lock_path = lock_path(path);
        let io = |source| DemoFileError::Io { path: lock_path.clone(), source };
        // Another run may hold the lock file at this moment, or remove it; so
        // open (or make) it, lock it, and check it is still the one named.
        let file = loop {
            let file = lock_options().create(true).truncate(false).open(&lock_path).map_err(io)?;
            match take(&file, &lock_path).map_err(io)? {
                true => break file,
                false if is_locked(&file) => return Err(DemoFileError::InUse(path.to_path_buf())),
                false => continue,
            }
        };
        let held =
            DemoFile { path: path.to_path_buf(), lock_path: lock_path.clone(), _lock: file, remove_when_done: false };
        if path.symlink_metadata().is_ok() {
            if !is_demo_database(path) {
                return Err(DemoFileError::NotADemo(path.to_path_buf()));
            }
            remove_database(path);
        }
        Ok(held)
    }
}

impl Drop for DemoFile {
    fn drop(&mut self) {
        if self.remove_when_done {
            remove_database(&self.path);
        }
        // Still holding the lock: whoever opened this lock file meanwhile
        // finds, once they have it, that it is no longer the one named.
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Removes the demo files in `folder` that no run holds, if they are demo
/// databases ri-chase made; anything else is left alone.
pub fn sweep(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with("demo-") && name.ends_with(".sqlite")) {
            continue;
        }
        let path = entry.path();
        let lock_path = lock_path(&path);
        let lock = lock_options().create(true).truncate(false).open(&lock_path);
        let Ok(lock) = lock else { continue };
        if take(&lock, &lock_path).is_ok_and(|held| held) && is_demo_database(&path) {
            remove_database(&path);
            let _ = std::fs::remove_file(&lock_path);
        }
    }
}

/// A lock file is empty, but readable by its owner only like everything else here.
fn lock_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    options.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

fn lock_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".lock");
    PathBuf::from(p)
}

/// Takes the lock on `file` without waiting: true if this run now holds
/// it and `file` is still the one at `path` (not one a finished run removed).
fn take(file: &File, path: &Path) -> std::io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(same_file(file, path)),
        Err(TryLockError::WouldBlock) => Ok(false),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

/// Whether another process holds the lock on `file` (this one does not).
fn is_locked(file: &File) -> bool {
    match file.try_lock() {
        Ok(()) => {
            let _ = file.unlock();
            false
        }
        Err(_) => true,
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    // Windows does not remove a file another process has open.
    path.exists()
}

/// Removes a database file and its companions.
pub fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn make_demo(path: &Path) {
        let mut store = Store::open_or_create(path).expect("create");
        store.mark_as_demo().expect("mark");
    }

    #[test]
    fn two_runs_get_files_of_their_own_and_the_first_stays_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let first = DemoFile::new_in(dir.path()).expect("first");
        make_demo(first.path());
        let second = DemoFile::new_in(dir.path()).expect("second");
        assert_ne!(first.path(), second.path());
        assert!(first.path().exists(), "the second run's sweep removed the first's file");
        let (kept, gone) = (first.path().to_path_buf(), second.path().to_path_buf());
        drop(second);
        assert!(kept.exists() && !gone.exists());
        drop(first);
        assert!(!kept.exists() && !lock_path(&kept).exists(), "a finished run leaves nothing");
    }

    #[test]
    fn the_sweep_removes_only_unheld_demo_databases() {
        let dir = tempfile::tempdir().expect("dir");
        let orphan = dir.path().join("demo-999999-0.sqlite");
        make_demo(&orphan);
        let real = dir.path().join("demo-999999-1.sqlite");
        Store::open_or_create(&real).expect("a real database, named like a demo");
        let held = DemoFile::new_in(dir.path()).expect("a run");
        make_demo(held.path());
        sweep(dir.path());
        assert!(!orphan.exists(), "a demo no run holds is tidied away");
        assert!(real.exists(), "a file that is not a demo is left alone");
        assert!(held.path().exists(), "a demo a run holds is left alone");
    }

    #[test]
    fn a_named_file_is_replaced_only_when_it_is_an_unheld_demo() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("mine.sqlite");
        make_demo(&path);
        let first = DemoFile::at(&path).expect("an old demo may be replaced");
        assert!(!path.exists(), "emptied for the new demo");
        make_demo(&path);
        assert!(matches!(DemoFile::at(&path), Err(DemoFileError::InUse(_))));
        drop(first);
        assert!(path.exists(), "a file the user named stays after the run");
        let real = dir.path().join("real.sqlite");
        Store::open_or_create(&real).expect("real");
        let before = std::fs::read(&real).expect("bytes");
        assert!(matches!(DemoFile::at(&real), Err(DemoFileError::NotADemo(_))));
        assert_eq!(std::fs::read(&real).expect("bytes"), before);
    }
}
