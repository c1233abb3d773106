//! The strategy meeting form: one meeting row per episode, made by its first save.

use super::db::{Db, tidy};
use super::people::refuse_blocking;
use super::{Change, EditError, MeetingEntry, Problem, Stamped};
use crate::domain::checks;
use crate::domain::codes::MeetingRecord;
use crate::domain::time::{Instant, db_text};
use crate::store::cases::{code, instant, opt_instant};
use crate::store::{Result, Store, StoreError};

const TABLE: &str = "strategy_meetings";

impl Db<'_> {
    fn meeting(&self, episode_id: i64) -> Result<Option<Stamped<MeetingEntry>>> {
        self.one(
            "SELECT id, version, status, meeting_at, note FROM strategy_meetings WHERE episode_id = ?1",
            [episode_id],
            |r| {
                let value = MeetingEntry {
                    status: code(r, 2, MeetingRecord::parse)?,
                    meeting_at: opt_instant(r, 3)?,
                    note: r.get(4)?,
                };
                Ok(Stamped { id: r.get(0)?, version: r.get(1)?, value })
            },
        )
    }

    fn meeting_problems(&self, episode_id: i64, entry: &MeetingEntry, now: Instant) -> Result<Vec<Problem>> {
        let (missing_at, returned_at) = self
            .one("SELECT missing_at, returned_at FROM episodes WHERE id = ?1", [episode_id], |r| {
                Ok((instant(r, 0)?, opt_instant(r, 1)?))
            })?
            .ok_or(StoreError::NotFound { what: "episode", id: episode_id })?;
        let note = tidy(&entry.note);
        Ok(checks::meeting(entry.status, entry.meeting_at, note.as_deref(), missing_at, returned_at, now))
    }

    /// The meeting row of this episode that was deleted last (to say who
    /// deleted it), if the trail has one.
    fn deleted_meeting(&self, episode_id: i64) -> Result<Option<i64>> {
        self.one(
            "SELECT row_id FROM audit WHERE table_name = 'strategy_meetings' AND action = 'delete'
               AND json_extract(before, '$.episode_id') = ?1 ORDER BY id DESC LIMIT 1",
            [episode_id],
            |r| r.get(0),
        )
    }
}

impl Store {
    /// Episode `episode_id`'s strategy meeting, `None` while nothing is recorded.
    pub fn meeting(&self, episode_id: i64) -> Result<Option<Stamped<MeetingEntry>>> {
        self.db().meeting(episode_id)
    }

    pub fn check_meeting(&self, episode_id: i64, entry: &MeetingEntry, now: Instant) -> Result<Vec<Problem>> {
        self.db().meeting_problems(episode_id, entry, now)
    }

    /// Saves the episode's meeting. `version` is the meeting's as read, or
    /// `None` when there was no meeting yet; if someone recorded one
    /// meanwhile (or deleted the one read), that is a conflict.
    pub fn set_meeting(
        &mut self,
        episode_id: i64,
        version: Option<i64>,
        entry: &MeetingEntry,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        let note = tidy(&entry.note);
        let meeting_at = entry.meeting_at.map(db_text);
        let status = entry.status.code();
        self.write(|db| {
            let existing = db.meeting(episode_id)?.map(|m| (m.id, m.version));
            match (version, existing) {
                (None, Some((id, _))) => return Err(EditError::Conflict(db.conflict(TABLE, id, None)?)),
                (Some(v), None) => {
                    let id = db.deleted_meeting(episode_id)?.unwrap_or(0);
                    return Err(EditError::Conflict(db.conflict(TABLE, id, Some(v))?));
                }
                (Some(v), Some((id, _))) => db.expect_version(TABLE, id, v)?,
                (None, None) => {}
            }
            refuse_blocking(db.meeting_problems(episode_id, entry, now)?)?;
            match (version, existing) {
                (Some(v), Some((id, _))) => {
                    db.update_at(TABLE, id, v, &[("status", &status), ("meeting_at", &meeting_at), ("note", &note)])
                }
                _ => {
                    let id = db.fresh_id(TABLE)?;
                    db.exec(
                        "INSERT INTO strategy_meetings (id, episode_id, status, meeting_at, note)
                         VALUES (?1, ?2, ?3, ?4, ?5)",
                        (id, episode_id, status, &meeting_at, &note),
                    )?;
                    Ok(())
                }
            }
        })
        .map(|((), c)| c)
    }
}
