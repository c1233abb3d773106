//! Files and folders that hold data about children: created for their owner
//! alone (0600 files, 0700 folders, whatever the umask), and a database that
//! other accounts can read is tightened when it is opened.

use std::path::Path;

/// Creates `dir` and any missing parents, each readable by its owner only.
/// Folders that already exist are left as they are: they may be a team's.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

/// Creates a new, empty file readable and writable by its owner only (and
/// its folder, if missing, as [`create_private_dir`]); an existing file is an error.
pub fn create_private_file(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        create_private_dir(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// What [`tighten`] found and did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tightened {
    /// Nobody else could read it, or only the file's group (a team sharing
    /// one file on purpose through a group keeps that).
    AlreadyPrivate,
    /// Other accounts could read it; now only its owner can (the mode before).
    Now { was: u32 },
    /// Other accounts can read it and this account may not change that.
    Cannot { mode: u32, problem: String },
}

/// Takes read and write away from other accounts ("others", and the group
/// with them) on a database that gives them any, before SQLite opens it: its
/// `-wal` and `-shm` files are made with the database's mode, so they follow
/// (and any left from an earlier run are tightened with it).
#[cfg(unix)]
pub fn tighten(path: &Path) -> Tightened {
    let done = tighten_one(path);
    if matches!(done, Tightened::Now { .. }) {
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut companion = path.as_os_str().to_owned();
            companion.push(suffix);
            let _ = tighten_one(Path::new(&companion));
        }
    }
    done
}

#[cfg(unix)]
fn tighten_one(path: &Path) -> Tightened {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else { return Tightened::AlreadyPrivate };
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o007 == 0 {
        return Tightened::AlreadyPrivate;
    }
    match std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & 0o700)) {
        Ok(()) => Tightened::Now { was: mode },
        Err(e) => Tightened::Cannot { mode, problem: e.to_string() },
    }
}

#[cfg(not(unix))]
pub fn tighten(_path: &Path) -> Tightened {
    // Windows files inherit their folder's access list; the data folder is the user's own.
    Tightened::AlreadyPrivate
}

/// Says on standard error what [`tighten`] did, once per process (the app
/// opens the file twice before it takes over the terminal).
pub fn report(path: &Path, what: &Tightened) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let message = match what {
        Tightened::AlreadyPrivate => return,
        Tightened::Now { was } => format!(
            "ri-chase: {} could be read by other accounts (mode {was:04o}); it is now readable by its owner only (0600)",
            path.display()
        ),
        Tightened::Cannot { mode, problem } => format!(
            "ri-chase: warning: {} can be read by other accounts (mode {mode:04o}) and this account cannot change that ({problem}); ask its owner to run `chmod 600` on it",
            path.display()
        ),
    };
    ONCE.call_once(|| eprintln!("{message}"));
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).expect("meta").permissions().mode() & 0o777
    }

    #[test]
    fn new_folders_and_files_are_the_owners_alone() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("a/b/c.sqlite");
        create_private_file(&file).expect("create");
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&dir.path().join("a/b")), 0o700);
        assert_eq!(mode(&file), 0o600);
        assert!(create_private_file(&file).is_err(), "an existing file is never replaced");
    }

    #[test]
    fn a_world_readable_file_is_tightened_and_a_group_share_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("db.sqlite");
        std::fs::write(&file, b"").expect("write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let wal = dir.path().join("db.sqlite-wal");
        std::fs::write(&wal, b"").expect("write");
        std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        assert_eq!(tighten(&file), Tightened::Now { was: 0o644 });
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&wal), 0o600, "a -wal left from before goes with it");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o660)).expect("chmod");
        assert_eq!(tighten(&file), Tightened::AlreadyPrivate);
        assert_eq!(mode(&file), 0o660);
    }
}
