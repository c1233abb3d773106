//! The SQLite file: opening it safely, its schema, the queries that return
//! domain records and the writes, each inside one immediate transaction.

mod audit;
mod cases;
mod copy;
pub mod edit;
mod ids;
mod import;
mod lists;
mod mpmg;
mod mpmg_board;
mod mpmg_review;
pub mod network_fs;
mod patterns;
mod people_all;
mod person;
mod prevention;
pub mod private_files;
mod read_only;
mod report;
mod restore;
mod schema;
mod settings;
mod usual_place;

pub use audit::{AuditEntry, Finding, GENESIS, TriggerState, Verification};
pub use import::{ImportCounts, ImportItem};
pub use mpmg_board::{GroupTrajectory, MpmgBoard};
pub use mpmg_review::{AgreedAction, MeetingRef, OpenActions, ReviewedChild};
pub use person::{EpisodeLine, PersonHit, PersonPage};
pub use restore::{Restored, restore};
pub use settings::{
    NUMBER_SETTINGS, NumberSetting, PatternSettings, RI_CHARGE_TEXT, SettingValue, TEXT_SETTINGS, TextSetting,
    is_demo_database,
};

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
    #[error("cannot read the database at {path}: {reason}")]
    CannotRead { path: PathBuf, reason: String },
    #[error("backup to {dest}: {reason}; nothing was written")]
    Backup { dest: PathBuf, reason: String },
    #[error(
        "cannot bring {path} up to date (schema {from} to {to}): the copy kept before changing it could not be made ({reason}); nothing was changed"
    )]
    NotKept { path: PathBuf, from: i64, to: i64, reason: String },
    #[error("restore {backup} to {to}: {reason}; nothing was written")]
    Restore { backup: PathBuf, to: PathBuf, reason: String },
    #[error("cannot create {path}: {source}")]
    Create { path: PathBuf, source: std::io::Error },
    #[error("database {path}: {source}")]
    Sqlite { path: PathBuf, source: rusqlite::Error },
    #[error("{0}")]
    BadSetting(String),
    #[error("the database holds a value it cannot read: {0}")]
    Corrupt(String),
    #[error(
        "the audit trail's triggers are not as ri-chase makes them ({0}), so a change would go unrecorded: nothing was written; run `ri-chase audit repair-triggers` to put them back (it records that it did), and `ri-chase audit verify` to see what changed meanwhile"
    )]
    Unguarded(String),
    #[error(
        "{0}; this cannot be repaired in place: restore a backup (`ri-chase backup` makes one) and check it with `ri-chase audit verify`"
    )]
    Unrepairable(String),
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
        // Before SQLite opens it, so its -wal and -shm are made private too.
        private_files::report(path, &private_files::tighten(path));
        network_fs::report(path);
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
        register_functions(&conn).map_err(wrap)?;
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
}

/// The person making changes, for the audit trail: the operating-system
/// account the process runs as, from its user id (`$USER` is anyone's to set).
#[cfg(unix)]
pub fn os_user() -> String {
    let uid = nix::unistd::getuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(user)) => user.name,
        // An account with no name in the user database (a container's bare uid).
        _ => format!("uid {uid}"),
    }
}

/// The person making changes, for the audit trail: on Windows the account
/// Windows logged in (`USERNAME`), as nothing lower is in reach here.
#[cfg(not(unix))]
pub fn os_user() -> String {
    std::env::var("USERNAME").ok().filter(|v| !v.is_empty()).unwrap_or_else(|| "unknown".to_string())
}

/// The SQL functions the audit triggers call: `app_user()` and `audit_hash()`.
/// Public for tests that write beside the app as ri-chase itself would (the
/// trail still records who: this account).
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    register_app_user(conn)?;
    audit::register_hash(conn)
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
    private_files::create_private_file(path).map_err(|source| StoreError::Create { path: path.to_path_buf(), source })
}

#[cfg(test)]
mod copy_tests;
#[cfg(test)]
mod tests;
