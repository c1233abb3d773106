//! Writes made one at a time from the forms, safe with several users on one
//! file: every row carries a `version`, and a write names the version it was
//! read at. If someone else saved the row since, the write is refused with a
//! [`Conflict`] that says what they changed, and nothing is written.
//!
//! Each write runs in one immediate transaction and returns the [`Change`]
//! it made (a range of the audit trail), which is what undo reverts.
//!
//! A form's cycle: read a [`Stamped`] value; while typing, ask the matching
//! `check_*` for problems (blocking ones and warnings, from
//! [`crate::domain::checks`]); save with the version read. The write checks
//! the version first, then re-runs the checks inside its transaction and
//! refuses blocking problems with [`EditError::Invalid`]. On a
//! [`EditError::Conflict`] the form shows who changed what; saving again with
//! `version_now` keeps the user's values ("keep mine").
//!
//! New rows get ids no row of their table has ever had (deleted ones
//! included, found from the trail), so a stale form or an undo never lands
//! on a different row that happens to reuse an id.
//!
//! By module: `people` (young person form), `episodes` (report missing,
//! found, delete), `episode_edit` (correcting an episode's details),
//! `interviews` (worker, attempts, completion, not required, sign-off),
//! `meetings` (strategy meetings), `mpmg` (MPMG meetings, reviews and
//! actions), `version` (the version check and conflicts), `undo`, and `db`
//! (the transaction and shared plumbing).

mod db;
mod episode_edit;
mod episodes;
mod interviews;
mod meetings;
mod mpmg;
pub(crate) mod people;
pub mod prevention;
mod risk_grades;
mod undo;
mod version;

use super::{Result, Store, StoreError};
use crate::domain::codes::{EpisodeKind, Exploitation, MeetingRecord, MissingFrom, Reason, RiOutcome, Risk};
use crate::domain::record::Episode;
use crate::domain::time::Instant;
use rusqlite::functions::FunctionFlags;
use thiserror::Error;

/// A row as read for editing: its id, the version it was read at, and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped<T> {
    pub id: i64,
    pub version: i64,
    pub value: T,
}

/// The audit entries one write made, first to last (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub first_audit: i64,
    pub last_audit: i64,
}

/// Why a write did not happen.
#[derive(Debug, Error)]
pub enum EditError {
    #[error("someone else changed this since you opened it")]
    Conflict(Conflict),
    #[error("{}", problems_text(.0))]
    Invalid(Vec<Problem>),
    /// An undo that cannot be made at all (as opposed to a conflict).
    #[error("{0}")]
    CannotUndo(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn problems_text(problems: &[Problem]) -> String {
    problems.iter().map(|p| format!("{}: {}", p.field, p.message)).collect::<Vec<_>>().join("; ")
}

/// A row changed (or deleted) by someone else since it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub table: &'static str,
    pub id: i64,
    /// The version the row is at now (save again with it to keep yours).
    /// `None` when the row has been deleted.
    pub version_now: Option<i64>,
    /// Who changed it since it was read, in order, without repeats.
    pub by: Vec<String>,
    /// Each column that differs between the version read and the row now.
    pub changes: Vec<FieldChange>,
    /// Who deleted the row and when, from the trail, when it has been deleted
    /// (boxed: a conflict travels in every write's error).
    pub deleted: Option<Box<Deletion>>,
}

/// Who deleted a row, and when (the trail's time).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    pub by: String,
    pub at: Instant,
}

/// One column's value when it was read and now (`None` is empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub column: String,
    pub was: Option<String>,
    pub now: Option<String>,
}

/// A new episode for a known child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEpisode {
    pub missing_at: Instant,
    pub kind: EpisodeKind,
    pub missing_from: MissingFrom,
    pub missing_from_name: Option<String>,
    pub police_ref: Option<String>,
    pub risk: Option<Risk>,
}

/// An episode's details corrected: when, what, where from, the police's
/// reference and risk. The circumstances recorded when it began stay as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeEdit {
    pub missing_at: Instant,
    /// `None`: still missing (clearing a return re-opens the episode).
    pub returned_at: Option<Instant>,
    pub kind: EpisodeKind,
    pub missing_from: MissingFrom,
    pub missing_from_name: Option<String>,
    pub police_ref: Option<String>,
    pub risk: Option<Risk>,
    /// Exploitation concerns the episode raised.
    pub exploitation: Vec<Exploitation>,
}

/// The end of an episode: the child found or returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub returned_at: Instant,
    pub where_found: Option<String>,
    pub found_with: Option<String>,
}

/// An episode as read for its forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeRecord {
    pub person_id: i64,
    pub person_ref: String,
    pub name: String,
    pub episode: Episode,
    pub where_found: Option<String>,
    pub found_with: Option<String>,
}

/// A return interview completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub completed_at: Instant,
    pub outcome: RiOutcome,
    pub reasons: Vec<Reason>,
}

/// A strategy meeting's state as entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingEntry {
    pub status: MeetingRecord,
    pub meeting_at: Option<Instant>,
    /// Why it was not held (required for `not_held`).
    pub note: Option<String>,
}

pub(crate) use risk_grades::CORRECT_LATEST_GRADE;

// Named here so the forms can import every edit type from one place.
pub use crate::domain::checks::Problem;
pub use crate::domain::record::{Attempt, InterviewRecord, PersonRecord};

impl Store {
    /// Names the person this connection's writes are recorded against in the
    /// audit trail (the operating-system user unless said otherwise), for a
    /// caller that knows who is at the keyboard better than the OS does, and
    /// for tests of several users on one file.
    pub fn set_user(&mut self, who: &str) -> Result<()> {
        let who = match who.trim() {
            "" => super::os_user(),
            name => name.to_string(),
        };
        self.conn
            .create_scalar_function(
                "app_user",
                0,
                FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_INNOCUOUS,
                move |_| Ok(who.clone()),
            )
            .map_err(|e| self.err(e))
    }

    /// Who this connection's writes are recorded against.
    pub fn user(&self) -> Result<String> {
        self.db().user()
    }

    /// A number that changes whenever another connection commits to the
    /// file: a screen compares it to notice others' saves cheaply.
    pub fn data_version(&self) -> Result<i64> {
        self.conn.query_row("PRAGMA data_version", [], |r| r.get(0)).map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests;
