//! Reading the MPMG: its meetings, the children each reviewed, and the
//! actions agreed for a child. The writes are in `edit::mpmg`.

use super::cases::{code, opt_code};
use super::edit::Stamped;
use super::{Result, Store, StoreError};
use crate::domain::history::Month;
use crate::domain::mpmg_review::{Action, MpmgMeeting, month_code, overdue, parse_month};
use crate::domain::record::full_name;
use crate::domain::time::parse_date;
use chrono::NaiveDate;
use rusqlite::{Params, Row};
use std::collections::{HashMap, HashSet};

/// The meeting an action was agreed at, as a person names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingRef {
    pub id: i64,
    pub held_on: NaiveDate,
    pub month: Month,
}

/// An action with whose it is and where it was agreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreedAction {
    pub person_id: i64,
    /// `None` for an action not tied to a meeting.
    pub meeting: Option<MeetingRef>,
    pub action: Action,
}

/// A child's open actions, for a list of children.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OpenActions {
    pub open: usize,
    /// Of those, how many are past their due date.
    pub overdue: usize,
}

/// A child reviewed in a span of months (the trajectory group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedChild {
    pub person_id: i64,
    pub person_ref: String,
    pub name: String,
    /// The first month of the span in which they were reviewed.
    pub first_month: Month,
    /// How many meetings of the span reviewed them.
    pub reviews: usize,
}

const MEETING_SELECT: &str = "SELECT id, version, held_on, month, attendees, notes FROM mpmg_meetings";

/// An action's columns with its meeting's, joined; callers add `WHERE` and `ORDER BY`.
pub(super) const ACTION_SELECT: &str = "
    SELECT a.id, a.version, a.person_id, a.what, a.who, a.due_on, a.done_on, m.id, m.held_on, m.month
      FROM mpmg_actions a LEFT JOIN mpmg_meetings m ON m.id = a.meeting_id";

/// Open first (soonest due first, undated last), then done (latest first).
const ACTION_ORDER: &str = "
    ORDER BY a.done_on IS NOT NULL,
             CASE WHEN a.done_on IS NULL THEN a.due_on IS NULL END,
             CASE WHEN a.done_on IS NULL THEN a.due_on END,
             a.done_on DESC, a.id";

fn read_meeting(r: &Row) -> rusqlite::Result<Stamped<MpmgMeeting>> {
    let value = MpmgMeeting {
        held_on: code(r, 2, parse_date)?,
        month: code(r, 3, parse_month)?,
        attendees: r.get(4)?,
        notes: r.get(5)?,
    };
    Ok(Stamped { id: r.get(0)?, version: r.get(1)?, value })
}

pub(super) fn read_action(r: &Row) -> rusqlite::Result<Stamped<AgreedAction>> {
    let meeting = match r.get::<_, Option<i64>>(7)? {
        Some(id) => Some(MeetingRef { id, held_on: code(r, 8, parse_date)?, month: code(r, 9, parse_month)? }),
        None => None,
    };
    let action = Action {
        what: r.get(3)?,
        who: r.get(4)?,
        due_on: opt_code(r, 5, parse_date)?,
        done_on: opt_code(r, 6, parse_date)?,
    };
    Ok(Stamped { id: r.get(0)?, version: r.get(1)?, value: AgreedAction { person_id: r.get(2)?, meeting, action } })
}

impl Store {
    /// Every meeting, the latest first.
    pub fn mpmg_meetings(&self) -> Result<Vec<Stamped<MpmgMeeting>>> {
        self.mpmg_rows(&format!("{MEETING_SELECT} ORDER BY held_on DESC, month DESC"), [], read_meeting)
    }

    /// One meeting, for its form.
    pub fn mpmg_meeting(&self, id: i64) -> Result<Stamped<MpmgMeeting>> {
        let sql = format!("{MEETING_SELECT} WHERE id = ?1");
        self.mpmg_rows(&sql, [id], read_meeting)?.pop().ok_or(StoreError::NotFound { what: "MPMG meeting", id })
    }

    /// The meeting that reviewed `month`, if one is recorded.
    pub fn mpmg_meeting_for_month(&self, month: Month) -> Result<Option<Stamped<MpmgMeeting>>> {
        let sql = format!("{MEETING_SELECT} WHERE month = ?1");
        Ok(self.mpmg_rows(&sql, [month_code(month)], read_meeting)?.pop())
    }

    /// The children a meeting reviewed (ids), in the order they were added.
    pub fn reviewed_in(&self, meeting_id: i64) -> Result<Vec<i64>> {
        self.mpmg_rows("SELECT person_id FROM mpmg_reviews WHERE meeting_id = ?1 ORDER BY id", [meeting_id], |r| {
            r.get(0)
        })
    }

    /// The one rule for "reviewed this month", which the MPMG tab's `Rev`
    /// and the pack both show: the meeting recorded for `month`, if any, and
    /// the references of the children it reviewed. A review at another
    /// month's meeting does not count; with no meeting, no child is reviewed.
    pub fn reviewed_at_month(&self, month: Month) -> Result<(Option<Stamped<MpmgMeeting>>, HashSet<String>)> {
        let meeting = self.mpmg_meeting_for_month(month)?;
        let reviewed = match &meeting {
            Some(m) => self
                .mpmg_rows(
                    "SELECT p.person_ref FROM mpmg_reviews r JOIN people p ON p.id = r.person_id
                      WHERE r.meeting_id = ?1",
                    [m.id],
                    |r| r.get(0),
                )?
                .into_iter()
                .collect(),
            None => HashSet::new(),
        };
        Ok((meeting, reviewed))
    }

    /// The meetings that reviewed a child, the latest first.
    pub fn reviews_of(&self, person_id: i64) -> Result<Vec<MeetingRef>> {
        self.mpmg_rows(
            "SELECT m.id, m.held_on, m.month FROM mpmg_reviews r JOIN mpmg_meetings m ON m.id = r.meeting_id
              WHERE r.person_id = ?1 ORDER BY m.held_on DESC, m.month DESC",
            [person_id],
            |r| Ok(MeetingRef { id: r.get(0)?, held_on: code(r, 1, parse_date)?, month: code(r, 2, parse_month)? }),
        )
    }

    /// A child's actions: open ones first, soonest due first (so the overdue
    /// lead), then those done, the latest first.
    pub fn actions_of(&self, person_id: i64) -> Result<Vec<Stamped<AgreedAction>>> {
        self.mpmg_rows(&format!("{ACTION_SELECT} WHERE a.person_id = ?1 {ACTION_ORDER}"), [person_id], read_action)
    }

    /// One action, for its form.
    pub fn mpmg_action(&self, id: i64) -> Result<Stamped<AgreedAction>> {
        let sql = format!("{ACTION_SELECT} WHERE a.id = ?1");
        self.mpmg_rows(&sql, [id], read_action)?.pop().ok_or(StoreError::NotFound { what: "MPMG action", id })
    }

    /// Open (and overdue) actions per child, for a list of children; a
    /// child with none open is left out.
    pub fn open_actions_by_person(&self, today: NaiveDate) -> Result<HashMap<i64, OpenActions>> {
        let open = self.mpmg_rows("SELECT person_id, due_on FROM mpmg_actions WHERE done_on IS NULL", [], |r| {
            Ok((r.get::<_, i64>(0)?, opt_code(r, 1, parse_date)?))
        })?;
        let mut counts: HashMap<i64, OpenActions> = HashMap::new();
        for (person_id, due_on) in open {
            let c = counts.entry(person_id).or_default();
            c.open += 1;
            // The domain's rule, so the counts agree with the child's screen.
            c.overdue += usize::from(overdue(due_on, None, today));
        }
        Ok(counts)
    }

    /// The children reviewed at any meeting for a month from `from` to `to`
    /// (inclusive), by name: the group whose later episodes the trajectory counts.
    pub fn children_reviewed_between(&self, from: Month, to: Month) -> Result<Vec<ReviewedChild>> {
        self.mpmg_rows(
            "SELECT p.id, p.person_ref, p.given_name, p.family_name, min(m.month), count(*)
               FROM mpmg_reviews r
               JOIN mpmg_meetings m ON m.id = r.meeting_id
               JOIN people p ON p.id = r.person_id
              WHERE m.month BETWEEN ?1 AND ?2
              GROUP BY p.id
              ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.person_ref",
            [month_code(from), month_code(to)],
            |r| {
                Ok(ReviewedChild {
                    person_id: r.get(0)?,
                    person_ref: r.get(1)?,
                    name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
                    first_month: code(r, 4, parse_month)?,
                    reviews: r.get::<_, i64>(5)? as usize,
                })
            },
        )
    }

    /// Everyone named on an action so far, for the form's suggestions.
    pub fn action_owners(&self) -> Result<Vec<String>> {
        self.mpmg_rows(
            "SELECT DISTINCT trim(who) FROM mpmg_actions WHERE trim(coalesce(who, '')) <> '' ORDER BY 1",
            [],
            |r| r.get(0),
        )
    }

    fn mpmg_rows<T>(
        &self,
        sql: &str,
        params: impl Params,
        read: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt.query_map(params, read).map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<T>>>().map_err(|e| match e {
            // A stored value that does not parse is a damaged database.
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::Corrupt(inner.to_string()),
            other => self.err(other),
        })
    }
}
