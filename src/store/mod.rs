//! The SQLite file: opening it safely, its schema, the queries that return
//! domain records and the writes, each inside one immediate transaction.

mod audit;
mod cases;
pub mod edit;
mod ids;
mod import;
mod lists;
mod mpmg;
mod mpmg_board;
mod mpmg_review;
mod person;
mod report;
mod schema;
mod settings;
mod usual_place;

pub use audit::AuditEntry;
pub use import::{ImportCounts, ImportItem};
pub use mpmg_board::{GroupTrajectory, MpmgBoard};
pub use mpmg_review::{AgreedAction, MeetingRef, OpenActions, ReviewedChild};
pub use person::{EpisodeLine, PersonHit, PersonPage};
pub use settings::{NUMBER_SETTINGS, NumberSetting, SettingValue};

use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;
use thiserror::Error;

/// What can go wrong with the database, in words a user can act on.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("no database at {0}; create one with `ri-chase init` (give it --authority NAME)")]
    NoDatabase(PathBuf),
    #[error("the database at {0} has no authority recorded; run `ri-chase init --authority NAME` first")]
    NoAuthority(PathBuf),
    #[error("the database at {path} belongs to {existing}, not {requested}")]
    OtherAuthority { path: PathBuf, existing: String, requested: String },
    #[error("{0} is not a ri-chase database (not an SQLite file, or a folder)")]
    NotADatabase(PathBuf),
    #[error("the database at {path} was made by a newer ri-chase (schema {found}, this one knows {known})")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    #[error("cannot create {path}: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("database {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{0}")]
    BadSetting(String),
    #[error("the database holds a value it cannot read: {0}")]
    Corrupt(String),
    #[error(
        "the {what} you opened is no longer in the database (someone deleted it, or a change was undone); reload the list"
    )]
    NotFound { what: &'static str, id: i64 },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens an existing database; a missing file is an error (for commands that only read).
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NoDatabase(path.to_path_buf()));
        }
        Self::open(path)
    }

    /// Opens a database, creating the file (readable by its owner only) and
    /// the schema if it is not there.
    pub fn open_or_create(path: &Path) -> Result<Store> {
        if !path.exists() {
            create_private_file(path)?;
        }
        Self::open(path)
    }

    fn open(path: &Path) -> Result<Store> {
        if path.is_dir() {
            return Err(StoreError::NotADatabase(path.to_path_buf()));
        }
        let wrap = |source: rusqlite::Error| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase(path.to_path_buf()),
            _ => StoreError::Sqlite { path: path.to_path_buf(), source },
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(wrap)?;
        conn.busy_timeout(Duration::from_secs(10)).map_err(wrap)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA trusted_schema = OFF;",
        )
        .map_err(wrap)?;
        register_app_user(&conn).map_err(wrap)?;
        let mut store = Store { conn, path: path.to_path_buf() };
        schema::migrate(&mut store)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Turns a SQLite error into one naming this database.
    pub(crate) fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite { path: self.path.clone(), source }
    }

    /// A consistent copy of the live database, made with SQLite's online
    /// backup while others may be writing; the copy is readable by its owner only.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(StoreError::Create {
                path: dest.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::AlreadyExists, "the file already exists"),
            });
        }
        create_private_file(dest)?;
        let result = self.conn.backup(rusqlite::MAIN_DB, dest, None::<fn(rusqlite::backup::Progress)>);
        if let Err(source) = result {
            // Leave no half-made copy behind.
            let _ = std::fs::remove_file(dest);
            return Err(StoreError::Sqlite { path: dest.to_path_buf(), source });
        }
        Ok(())
    }
}

/// The person making changes, for the audit trail: the operating-system user.
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// `app_user()` in SQL, read by the audit triggers. Tools other than ri-chase
/// do not have it, so they cannot change audited tables behind the trail's back.
fn register_app_user(conn: &Connection) -> rusqlite::Result<()> {
    let user = os_user();
    conn.create_scalar_function(
        "app_user",
        0,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS,
        move |_| Ok(user.clone()),
    )
}

fn create_private_file(path: &Path) -> Result<()> {
    let wrap = |source| StoreError::Create { path: path.to_path_buf(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(wrap)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(wrap)
}

#[cfg(test)]
mod tests;
