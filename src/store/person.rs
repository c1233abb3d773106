//! Everything about one child for the young person screen, and the index of
//! children that the forms' child search ranks.

use super::cases::{code, instant, opt_code, opt_instant};
use super::edit::Stamped;
use super::edit::people::{PERSON_COLUMNS, read_person};
use super::mpmg_review::{AgreedAction, MeetingRef};
use super::{Result, Store, StoreError};
use crate::domain::codes::{AttemptMethod, AttemptOutcome, Cohort, Risk, Signoff};
use crate::domain::cohort::cohort_of;
use crate::domain::record::{Attempt, CaseEpisode, InterviewRecord, PersonRecord, full_name};
use crate::domain::risk::RiskGrade;
use crate::domain::rules::Rules;
use crate::domain::time::{Instant, parse_date};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, ToSql};
use std::collections::HashMap;

/// One child as the young person screen shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonPage {
    /// The row id and version of the child's record, for the form that edits it.
    pub id: i64,
    pub version: i64,
    /// The child as recorded now (episodes carry the circumstances of their time).
    pub record: PersonRecord,
    /// The child's cohort now, as seen by the authority running the software;
    /// `None` when no authority is recorded or the child is neither ours nor living here.
    pub cohort: Option<Cohort>,
    /// Every episode, newest first.
    pub episodes: Vec<EpisodeLine>,
    /// The thresholds in force when the page was read, so its clocks match the lists'.
    pub rules: Rules,
    /// The actions the MPMG agreed for the child: open first, soonest due first.
    pub actions: Vec<Stamped<AgreedAction>>,
    /// The MPMG meetings that reviewed the child, the latest first.
    pub reviews: Vec<MeetingRef>,
}

/// One episode with everything recorded about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EpisodeLine {
    pub episode_id: i64,
    /// The episode, its interview (with the attempt count) and meeting, as the lists read them.
    pub case: CaseEpisode,
    pub where_found: Option<String>,
    pub found_with: Option<String>,
    /// Each attempt at the interview: undated ones (counted by an imported
    /// file) first, then the rest in time order.
    pub attempts: Vec<Attempt>,
    pub not_required_reason: Option<String>,
    pub signoff: Signoff,
    /// Who signed the interview off, and when (not while pending).
    pub signed_off: Option<(String, Instant)>,
    /// The meeting's note (why it was not held, or anything else recorded).
    pub meeting_note: Option<String>,
    /// The police's grades over the episode, oldest first; empty when only
    /// the grade given at the report is known (`Episode::risk`).
    pub risk_grades: Vec<RiskGrade>,
}

impl EpisodeLine {
    /// The interview as its forms edit it.
    pub fn interview_record(&self) -> InterviewRecord {
        InterviewRecord {
            interview: self.case.interview.clone(),
            attempts: self.attempts.clone(),
            not_required_reason: self.not_required_reason.clone(),
            signoff: self.signoff,
        }
    }
}

/// A child in the search index of the forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonHit {
    pub id: i64,
    pub person_ref: String,
    pub name: String,
    pub date_of_birth: NaiveDate,
    /// The reference of the child's episode with no return recorded, if any.
    pub open_episode: Option<String>,
    /// When the child's latest episode began.
    pub last_missing_at: Option<Instant>,
    /// The police references of the child's episodes, space-separated, for the search.
    pub police_refs: String,
}

/// What the case query does not carry, by episode.
const EXTRAS_SELECT: &str = "
    SELECT e.episode_ref, e.id, e.where_found, e.found_with, ri.not_required_reason, ri.signoff, sm.note,
           ri.signed_off_by, ri.signed_off_at
      FROM episodes e
      LEFT JOIN return_interviews ri ON ri.episode_id = e.id
      LEFT JOIN strategy_meetings sm ON sm.episode_id = e.id
     WHERE e.person_id = ?1";

const GRADES_SELECT: &str = "
    SELECT g.episode_id, g.graded_at, g.risk
      FROM risk_grades g JOIN episodes e ON e.id = g.episode_id
     WHERE e.person_id = ?1
     ORDER BY g.episode_id, g.graded_at, g.id";

const ATTEMPTS_SELECT: &str = "
    SELECT ri.episode_id, a.attempted_at, a.method, a.outcome
      FROM ri_attempts a
      JOIN return_interviews ri ON ri.id = a.interview_id
      JOIN episodes e ON e.id = ri.episode_id
     WHERE e.person_id = ?1
     ORDER BY ri.episode_id, a.attempted_at IS NOT NULL, a.attempted_at, a.id";

/// Most recent episode first, then by name; children with no episode last.
const INDEX_SELECT: &str = "
    SELECT p.id, p.person_ref, p.given_name, p.family_name, p.date_of_birth,
           (SELECT o.episode_ref FROM episodes o WHERE o.person_id = p.id AND o.returned_at IS NULL
             ORDER BY o.missing_at DESC LIMIT 1),
           (SELECT max(e.missing_at) FROM episodes e WHERE e.person_id = p.id) AS last,
           (SELECT group_concat(r.police_ref, ' ') FROM episodes r
             WHERE r.person_id = p.id AND r.police_ref IS NOT NULL)
      FROM people p
     ORDER BY last IS NULL, last DESC, p.given_name COLLATE NOCASE, p.family_name COLLATE NOCASE, p.person_ref";

struct Extras {
    id: i64,
    where_found: Option<String>,
    found_with: Option<String>,
    not_required_reason: Option<String>,
    signoff: Signoff,
    signed_off: Option<(String, Instant)>,
    meeting_note: Option<String>,
}

impl Store {
    /// The child with this reference and all their episodes, newest first;
    /// `None` when no child has it.
    pub fn person_page(&self, person_ref: &str) -> Result<Option<PersonPage>> {
        let found = self
            .conn
            .prepare_cached(&format!("{PERSON_COLUMNS} WHERE p.person_ref = ?1"))
            .and_then(|mut stmt| stmt.query_row([person_ref], read_person).optional())
            .map_err(|e| self.fail(e))?;
        let Some(Stamped { id, version, value: record }) = found else {
            return Ok(None);
        };
        let person = &record.person;
        let cohort = self.authority()?.and_then(|us| cohort_of(&person.responsible_la, &person.placement_la, &us));

        let mut extras = self.rows(EXTRAS_SELECT, id, read_extras)?.into_iter().collect::<HashMap<_, _>>();
        let mut attempts: HashMap<i64, Vec<Attempt>> = HashMap::new();
        for (episode_id, attempt) in self.rows(ATTEMPTS_SELECT, id, read_attempt)? {
            attempts.entry(episode_id).or_default().push(attempt);
        }
        let mut grades: HashMap<i64, Vec<RiskGrade>> = HashMap::new();
        for (episode_id, grade) in self.rows(GRADES_SELECT, id, read_grade)? {
            grades.entry(episode_id).or_default().push(grade);
        }
        let mut cases = Vec::new();
        let by_person: &[(&str, &dyn ToSql)] = &[(":person_id", &id)];
        self.each_case(
            "e.person_id = :person_id ORDER BY e.missing_at DESC, e.episode_ref DESC",
            "NULL",
            None,
            by_person,
            |_, c| cases.push(c),
        )?;
        let episodes = cases
            .into_iter()
            .map(|case| {
                let x = extras.remove(&case.episode.episode_ref).ok_or_else(|| {
                    StoreError::Corrupt(format!("episode {} vanished while it was read", case.episode.episode_ref))
                })?;
                Ok(EpisodeLine {
                    episode_id: x.id,
                    attempts: attempts.remove(&x.id).unwrap_or_default(),
                    risk_grades: grades.remove(&x.id).unwrap_or_default(),
                    case,
                    where_found: x.where_found,
                    found_with: x.found_with,
                    not_required_reason: x.not_required_reason,
                    signoff: x.signoff,
                    signed_off: x.signed_off,
                    meeting_note: x.meeting_note,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let (actions, reviews) = (self.actions_of(id)?, self.reviews_of(id)?);
        Ok(Some(PersonPage { id, version, record, cohort, episodes, rules: self.rules()?, actions, reviews }))
    }

    /// The child with this reference as recorded now, with their row id
    /// (an import that does not carry the child's circumstances keeps these).
    pub fn person_by_ref(&self, person_ref: &str) -> Result<Option<(i64, crate::domain::record::Person)>> {
        let found = self
            .conn
            .prepare_cached(&format!("{PERSON_COLUMNS} WHERE p.person_ref = ?1"))
            .and_then(|mut stmt| stmt.query_row([person_ref], read_person).optional())
            .map_err(|e| self.fail(e))?;
        Ok(found.map(|s| (s.id, s.value.person)))
    }

    /// Every child, most recent episode first, then by name: what the forms'
    /// child search ranks.
    pub fn people_index(&self) -> Result<Vec<PersonHit>> {
        let mut stmt = self.conn.prepare_cached(INDEX_SELECT).map_err(|e| self.fail(e))?;
        stmt.query_map([], |r| {
            Ok(PersonHit {
                id: r.get(0)?,
                person_ref: r.get(1)?,
                name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
                date_of_birth: code(r, 4, parse_date)?,
                open_episode: r.get(5)?,
                last_missing_at: opt_instant(r, 6)?,
                police_refs: r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.fail(e))
    }

    /// Runs `sql` with the child's id as `?1`, reading each row with `read`.
    fn rows<T>(&self, sql: &str, person_id: i64, read: fn(&Row) -> rusqlite::Result<T>) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.fail(e))?;
        stmt.query_map([person_id], read).and_then(|rows| rows.collect()).map_err(|e| self.fail(e))
    }

    /// A value that does not read back is a damaged database, not a SQLite failure.
    fn fail(&self, e: rusqlite::Error) -> StoreError {
        match e {
            rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::Corrupt(inner.to_string()),
            other => self.err(other),
        }
    }
}

fn read_extras(r: &Row) -> rusqlite::Result<(String, Extras)> {
    let extras = Extras {
        id: r.get(1)?,
        where_found: r.get(2)?,
        found_with: r.get(3)?,
        not_required_reason: r.get(4)?,
        // An episode with no interview row has nothing to sign off yet.
        signoff: opt_code(r, 5, Signoff::parse)?.unwrap_or(Signoff::Pending),
        meeting_note: r.get(6)?,
        signed_off: match (r.get::<_, Option<String>>(7)?, opt_instant(r, 8)?) {
            (Some(by), Some(at)) => Some((by, at)),
            _ => None,
        },
    };
    Ok((r.get(0)?, extras))
}

fn read_grade(r: &Row) -> rusqlite::Result<(i64, RiskGrade)> {
    Ok((r.get(0)?, RiskGrade { at: instant(r, 1)?, risk: code(r, 2, Risk::parse)? }))
}

fn read_attempt(r: &Row) -> rusqlite::Result<(i64, Attempt)> {
    let attempt = Attempt {
        at: opt_instant(r, 1)?,
        method: opt_code(r, 2, AttemptMethod::parse)?,
        outcome: opt_code(r, 3, AttemptOutcome::parse)?,
    };
    Ok((r.get(0)?, attempt))
}

#[cfg(test)]
mod tests;
