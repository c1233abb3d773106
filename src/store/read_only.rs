//! Opening a database for a command that only reads (the lists, the MPMG
//! pack, export, backup), so that it works on a file, or in a folder, that
//! this account cannot write: a colleague's copy on a read-only share, a
//! file handed over as 0444.

use super::{Result, Store, StoreError, schema};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

impl Store {
    /// Opens an existing database to read. As a rule this is the ordinary
    /// open (which brings an older schema up to date and, when the last
    /// connection closes, folds the log back into the file); when the file
    /// or its folder cannot be written, it opens the file read-only instead.
    pub fn open_to_read(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NoDatabase(path.to_path_buf()));
        }
        match Self::open(path) {
            Err(StoreError::Sqlite { source, .. }) if cannot_write(&source) => read_only(path),
            other => other,
        }
    }
}

/// The errors SQLite gives when the file or its folder is not writable.
fn cannot_write(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied))
}

fn read_only(path: &Path) -> Result<Store> {
    let unreadable =
        |source: rusqlite::Error| StoreError::CannotRead { path: path.to_path_buf(), reason: source.to_string() };
    // Reading a WAL database needs its `-shm` index, which SQLite makes
    // beside the file. In a folder that cannot be written there is none to
    // make; then the file alone is the whole database only if no log holds
    // changes, and SQLite may read it as it stands (`immutable`).
    let store = match probe(path, false) {
        Ok(store) => store,
        Err(e) if cannot_write(&e) && !log_holds_changes(path) => probe(path, true).map_err(unreadable)?,
        Err(e) if cannot_write(&e) => {
            return Err(StoreError::CannotRead {
                path: path.to_path_buf(),
                reason: format!(
                    "its log {} holds changes, and reading them needs {} made in a folder this account cannot \
                     write; open it once where it can be written",
                    companion(path, "-wal").display(),
                    companion(path, "-shm").display()
                ),
            });
        }
        Err(e) => return Err(wrap(path, e)),
    };
    let found: i64 = store.conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| wrap(path, e))?;
    if found > schema::CURRENT {
        return Err(StoreError::TooNew { path: path.to_path_buf(), found, known: schema::CURRENT });
    }
    if found < schema::CURRENT {
        return Err(StoreError::CannotRead {
            path: path.to_path_buf(),
            reason: format!(
                "it was made by an older ri-chase (schema {found}) and bringing it up to date needs write access; \
                 open it once where it can be written"
            ),
        });
    }
    Ok(store)
}

/// A read-only connection that has read the schema version (SQLite opens
/// lazily: the first statement is what finds out whether it can read).
fn probe(path: &Path, immutable: bool) -> rusqlite::Result<Store> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = if immutable {
        Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(path)), flags)?
    } else {
        Connection::open_with_flags(path, flags - OpenFlags::SQLITE_OPEN_URI)?
    };
    conn.busy_timeout(Duration::from_secs(10))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA trusted_schema = OFF;")?;
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))?;
    super::register_app_user(&conn)?;
    Ok(Store { conn, path: path.to_path_buf() })
}

fn wrap(path: &Path, source: rusqlite::Error) -> StoreError {
    match source.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
        _ => StoreError::Sqlite { path: path.to_path_buf(), source },
    }
}

/// `path` with `suffix` added to its name: the `-wal` and `-shm` beside it.
pub(super) fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// A log that is there and not empty may hold changes the file does not.
fn log_holds_changes(path: &Path) -> bool {
    std::fs::metadata(companion(path, "-wal")).is_ok_and(|m| m.len() > 0)
}

/// The path as a `file:` URI path: every byte but the plainest percent-encoded
/// (a `?` or `#` in a folder name would otherwise end the path).
pub(super) fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    if !text.starts_with('/') {
        // A Windows drive path: file:///C:/...
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_path_keeps_plain_names_and_encodes_the_rest() {
        assert_eq!(uri_path(Path::new("/srv/team share/a?b#c%.sqlite")), "/srv/team%20share/a%3Fb%23c%25.sqlite");
    }
}
