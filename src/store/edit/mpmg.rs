//! The MPMG's writes: meetings, which children a meeting reviewed, and the
//! actions agreed for a child. Each is one audited, versioned write that
//! undo reverts like any other.
//!
//! An action agreed at a meeting means the meeting reviewed the child, so
//! tying an action to a meeting records the review too (in the same write,
//! so undoing the action undoes that review with it), and a review is not
//! removed while actions agreed at it remain.

use super::db::{Db, tidy};
use super::people::refuse_blocking;
use super::{Change, EditError, Problem, Stamped};
use crate::domain::mpmg_review::{self as mpmg, Action, MeetingContext, MpmgMeeting, month_code};
use crate::domain::time::parse_date;
use crate::store::cases::code;
use crate::store::mpmg_review::{ACTION_SELECT, AgreedAction, read_action};
use crate::store::{Result, Store, StoreError};
use chrono::NaiveDate;
use rusqlite::ToSql;

const MEETINGS: &str = "mpmg_meetings";
const REVIEWS: &str = "mpmg_reviews";
const ACTIONS: &str = "mpmg_actions";

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The meeting as it will be stored: blank text dropped.
fn tidied_meeting(m: &MpmgMeeting) -> MpmgMeeting {
    MpmgMeeting { attendees: tidy(&m.attendees), notes: tidy(&m.notes), ..m.clone() }
}

/// The action as it will be stored: what trimmed, blank text dropped.
fn tidied_action(a: &Action) -> Action {
    Action { what: a.what.trim().to_string(), who: tidy(&a.who), ..a.clone() }
}

impl Db<'_> {
    fn mpmg_action(&self, id: i64) -> Result<Stamped<AgreedAction>> {
        self.one(&format!("{ACTION_SELECT} WHERE a.id = ?1"), [id], read_action)?
            .ok_or(StoreError::NotFound { what: "MPMG action", id })
    }

    fn require_person(&self, person_id: i64) -> Result<()> {
        match self.one("SELECT 1 FROM people WHERE id = ?1", [person_id], |r| r.get::<_, i64>(0))? {
            Some(_) => Ok(()),
            None => Err(StoreError::NotFound { what: "young person", id: person_id }),
        }
    }

    fn held_on(&self, meeting_id: i64) -> Result<NaiveDate> {
        self.one("SELECT held_on FROM mpmg_meetings WHERE id = ?1", [meeting_id], |r| code(r, 0, parse_date))?
            .ok_or(StoreError::NotFound { what: "MPMG meeting", id: meeting_id })
    }

    fn mpmg_meeting_problems(&self, id: Option<i64>, m: &MpmgMeeting, today: NaiveDate) -> Result<Vec<Problem>> {
        let month_taken = self.one(
            "SELECT held_on FROM mpmg_meetings WHERE month = ?1 AND id IS NOT ?2",
            (month_code(m.month), id),
            |r| code(r, 0, parse_date),
        )?;
        // min() skips NULLs: the earliest of every due and done date.
        let earliest: Option<String> = match id {
            Some(id) => self
                .one(
                    "SELECT min(d) FROM (SELECT due_on AS d FROM mpmg_actions WHERE meeting_id = ?1
                                         UNION ALL SELECT done_on FROM mpmg_actions WHERE meeting_id = ?1)",
                    [id],
                    |r| r.get(0),
                )?
                .flatten(),
            None => None,
        };
        let earliest_action_date =
            earliest.map(|t| parse_date(&t).map_err(|e| StoreError::Corrupt(e.to_string()))).transpose()?;
        Ok(mpmg::check_meeting(m, &MeetingContext { today, month_taken, earliest_action_date }))
    }

    fn mpmg_action_problems(&self, meeting_id: Option<i64>, a: &Action, today: NaiveDate) -> Result<Vec<Problem>> {
        let held = meeting_id.map(|id| self.held_on(id)).transpose()?;
        Ok(mpmg::check_action(a, held, today))
    }

    /// Records that the meeting reviewed the child, unless it already has.
    fn ensure_reviewed(&self, meeting_id: i64, person_id: i64) -> Result<()> {
        let exists = self.one(
            "SELECT 1 FROM mpmg_reviews WHERE meeting_id = ?1 AND person_id = ?2",
            (meeting_id, person_id),
            |r| r.get::<_, i64>(0),
        )?;
        if exists.is_none() {
            let id = self.fresh_id(REVIEWS)?;
            self.exec(
                "INSERT INTO mpmg_reviews (id, meeting_id, person_id) VALUES (?1, ?2, ?3)",
                (id, meeting_id, person_id),
            )?;
        }
        Ok(())
    }

    fn save_action(
        &self,
        meeting_id: Option<i64>,
        a: &Action,
        f: impl FnOnce(&[(&str, &dyn ToSql)]) -> std::result::Result<(), EditError>,
    ) -> std::result::Result<(), EditError> {
        let (due, done) = (a.due_on.map(day_text), a.done_on.map(day_text));
        f(&[("meeting_id", &meeting_id), ("what", &a.what), ("who", &a.who), ("due_on", &due), ("done_on", &done)])
    }
}

impl Store {
    /// What stops (or should give pause to) saving meeting `id` (`None` for
    /// a new one) with these values, as of `today`.
    pub fn check_mpmg_meeting(&self, id: Option<i64>, m: &MpmgMeeting, today: NaiveDate) -> Result<Vec<Problem>> {
        self.db().mpmg_meeting_problems(id, &tidied_meeting(m), today)
    }

    /// Records a meeting; returns its id.
    pub fn add_mpmg_meeting(
        &mut self,
        m: &MpmgMeeting,
        today: NaiveDate,
    ) -> std::result::Result<(i64, Change), EditError> {
        let m = tidied_meeting(m);
        self.write(|db| {
            refuse_blocking(db.mpmg_meeting_problems(None, &m, today)?)?;
            let id = db.fresh_id(MEETINGS)?;
            db.exec(
                "INSERT INTO mpmg_meetings (id, held_on, month, attendees, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
                (id, day_text(m.held_on), month_code(m.month), &m.attendees, &m.notes),
            )?;
            Ok(id)
        })
    }

    /// Saves meeting `id` as read at `version`.
    pub fn update_mpmg_meeting(
        &mut self,
        id: i64,
        version: i64,
        m: &MpmgMeeting,
        today: NaiveDate,
    ) -> std::result::Result<Change, EditError> {
        let m = tidied_meeting(m);
        self.write(|db| {
            db.expect_version(MEETINGS, id, version)?;
            refuse_blocking(db.mpmg_meeting_problems(Some(id), &m, today)?)?;
            let (held, month) = (day_text(m.held_on), month_code(m.month));
            db.update_at(
                MEETINGS,
                id,
                version,
                &[("held_on", &held), ("month", &month), ("attendees", &m.attendees), ("notes", &m.notes)],
            )
        })
        .map(|((), c)| c)
    }

    /// Records that meeting `meeting_id` reviewed (or did not review) the
    /// child. Already so: nothing is written and the change is empty. A
    /// review with actions agreed at it stays until they are deleted or moved.
    pub fn set_reviewed(
        &mut self,
        meeting_id: i64,
        person_id: i64,
        reviewed: bool,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.held_on(meeting_id)?;
            db.require_person(person_id)?;
            if reviewed {
                return Ok(db.ensure_reviewed(meeting_id, person_id)?);
            }
            let tied: i64 = db
                .one(
                    "SELECT count(*) FROM mpmg_actions WHERE meeting_id = ?1 AND person_id = ?2",
                    (meeting_id, person_id),
                    |r| r.get(0),
                )?
                .unwrap_or(0);
            if tied > 0 {
                let noun = if tied == 1 { "action was" } else { "actions were" };
                return Err(EditError::Invalid(vec![Problem::blocking(
                    "reviewed",
                    format!("{tied} {noun} agreed for this child at this meeting; delete or move them first"),
                )]));
            }
            db.exec("DELETE FROM mpmg_reviews WHERE meeting_id = ?1 AND person_id = ?2", (meeting_id, person_id))?;
            Ok(())
        })
        .map(|((), c)| c)
    }

    /// What stops (or should give pause to) saving an action with these values.
    pub fn check_mpmg_action(&self, meeting_id: Option<i64>, a: &Action, today: NaiveDate) -> Result<Vec<Problem>> {
        self.db().mpmg_action_problems(meeting_id, &tidied_action(a), today)
    }

    /// Adds an action for child `person_id`, agreed at `meeting_id` if given
    /// (which records that the meeting reviewed the child); returns its id.
    pub fn add_action(
        &mut self,
        person_id: i64,
        meeting_id: Option<i64>,
        a: &Action,
        today: NaiveDate,
    ) -> std::result::Result<(i64, Change), EditError> {
        let a = tidied_action(a);
        self.write(|db| {
            db.require_person(person_id)?;
            refuse_blocking(db.mpmg_action_problems(meeting_id, &a, today)?)?;
            let id = db.fresh_id(ACTIONS)?;
            db.save_action(meeting_id, &a, |sets| {
                let columns: Vec<&str> = sets.iter().map(|(c, _)| *c).collect();
                let marks: Vec<String> = (3..=sets.len() + 2).map(|i| format!("?{i}")).collect();
                let sql = format!(
                    "INSERT INTO mpmg_actions (id, person_id, {}) VALUES (?1, ?2, {})",
                    columns.join(", "),
                    marks.join(", ")
                );
                let mut params: Vec<&dyn ToSql> = vec![&id, &person_id];
                params.extend(sets.iter().map(|(_, v)| *v));
                db.exec(&sql, params.as_slice())?;
                Ok(())
            })?;
            if let Some(meeting_id) = meeting_id {
                db.ensure_reviewed(meeting_id, person_id)?;
            }
            Ok(id)
        })
    }

    /// Saves action `id` as read at `version` (its meeting may change too).
    pub fn update_action(
        &mut self,
        id: i64,
        version: i64,
        meeting_id: Option<i64>,
        a: &Action,
        today: NaiveDate,
    ) -> std::result::Result<Change, EditError> {
        let a = tidied_action(a);
        self.write(|db| {
            db.expect_version(ACTIONS, id, version)?;
            refuse_blocking(db.mpmg_action_problems(meeting_id, &a, today)?)?;
            db.save_action(meeting_id, &a, |sets| db.update_at(ACTIONS, id, version, sets))?;
            if let Some(meeting_id) = meeting_id {
                db.ensure_reviewed(meeting_id, db.mpmg_action(id)?.value.person_id)?;
            }
            Ok(())
        })
        .map(|((), c)| c)
    }

    /// Records action `id` done on `done_on` (not in the future, not before its meeting).
    pub fn mark_action_done(
        &mut self,
        id: i64,
        version: i64,
        done_on: NaiveDate,
        today: NaiveDate,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version(ACTIONS, id, version)?;
            let held = db.mpmg_action(id)?.value.meeting.map(|m| m.held_on);
            refuse_blocking(mpmg::check_done(done_on, held, today))?;
            db.update_at(ACTIONS, id, version, &[("done_on", &day_text(done_on))])
        })
        .map(|((), c)| c)
    }

    /// Opens action `id` again (it was marked done by mistake, or came back).
    pub fn reopen_action(&mut self, id: i64, version: i64) -> std::result::Result<Change, EditError> {
        self.write(|db| db.update_at(ACTIONS, id, version, &[("done_on", &None::<String>)])).map(|((), c)| c)
    }

    /// Deletes action `id` as read at `version`. The review it was agreed at stays.
    pub fn delete_action(&mut self, id: i64, version: i64) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version(ACTIONS, id, version)?;
            db.exec("DELETE FROM mpmg_actions WHERE id = ?1", [id])?;
            Ok(())
        })
        .map(|((), c)| c)
    }
}
