//! Queries that return episodes with their child, interview and meeting, as
//! the domain's records. Each list's query only narrows the candidates; the
//! domain rules decide what is shown.

use super::{Result, Store, StoreError};
use crate::domain::codes::{
    CaseStatus, Cohort, EpisodeKind, Exploitation, MeetingRecord, MissingFrom, Reason, RiOutcome, Risk, Sex,
};
use crate::domain::missing::{MissingNow, missing_now};
use crate::domain::record::{CaseEpisode, Circumstances, Episode, Person, ReturnInterview, StrategyMeeting, full_name};
use crate::domain::time::{Instant, db_text, from_db_text, parse_date};
use rusqlite::types::Type;
use rusqlite::{Row, ToSql, named_params};
use std::collections::HashMap;

/// The columns of a case; `{since}` is filled by [`MISSING_SINCE`] or `NULL`,
/// `{attempts}` by [`ATTEMPTS`] or `0` where nothing reads them.
const CASE_SELECT: &str = "
    SELECT p.person_ref, p.given_name, p.family_name, p.date_of_birth, p.sex,
           e.episode_ref, e.missing_at, e.returned_at, e.kind, e.missing_from, pl.name,
           e.police_ref, e.risk, e.case_status, e.cse_strategy, e.responsible_la,
           e.placement_la, e.cohort, e.lead_professional, e.team,
           ri.required, ri.worker, {attempts},
           ri.completed_at, ri.outcome, ri.reasons,
           sm.status, sm.meeting_at, {since},
           e.cce_risk, e.exploitation, ri.offered, ri.accepted
      FROM episodes e
      JOIN people p ON p.id = e.person_id
      LEFT JOIN placements pl ON pl.id = e.placement_id
      LEFT JOIN return_interviews ri ON ri.episode_id = e.id
      LEFT JOIN strategy_meetings sm ON sm.episode_id = e.id";

/// How many attempts the episode's interview has had.
const ATTEMPTS: &str = "(SELECT count(*) FROM ri_attempts a WHERE a.interview_id = ri.id)";

/// When the child's episode open at `:now` began: only the chase list needs
/// it (for the missing-again flag), and it costs a look at the child's episodes.
const MISSING_SINCE: &str = "(SELECT max(o.missing_at) FROM episodes o
     WHERE o.person_id = e.person_id AND o.missing_at <= :now
       AND (o.returned_at IS NULL OR o.returned_at > :now))";

/// Episodes started in a period and by now. Times are UTC text in one
/// format, so they compare as text.
pub(super) const STARTED_BETWEEN: &str = "e.missing_at >= :from AND e.missing_at < :to AND e.missing_at <= :now";

/// The case query with `condition` after WHERE and `since` for its last column.
pub(super) fn case_sql(condition: &str, since: &str) -> String {
    format!("{} WHERE {condition}", CASE_SELECT.replace("{since}", since).replace("{attempts}", ATTEMPTS))
}

/// The case query without the per-episode look-ups (attempts counted as 0,
/// no missing-again): for reads of many episodes that count, not chase.
pub(super) fn lean_case_sql(condition: &str) -> String {
    format!("{} WHERE {condition}", CASE_SELECT.replace("{since}", "NULL").replace("{attempts}", "0"))
}

impl Store {
    /// Candidates for the chase list: required interviews not completed by
    /// `now`, for episodes that had ended by then.
    pub fn chase_cases(&self, now: Instant) -> Result<Vec<CaseEpisode>> {
        self.cases_where(
            "e.id IN (SELECT episode_id FROM return_interviews
                       WHERE required = 1 AND (completed_at IS NULL OR completed_at > :now))
             AND +e.returned_at IS NOT NULL AND +e.returned_at <= :now",
            MISSING_SINCE,
            now,
            &[],
        )
    }

    /// Candidates for the strategy list: episodes open at `now`, closed
    /// episodes that lasted `min_hours` or more, and any with a meeting recorded.
    pub fn strategy_cases(&self, now: Instant, min_hours: i64) -> Result<Vec<CaseEpisode>> {
        // Durations are rounded to the minute in the index; one minute of slack
        // keeps every episode the exact rule might count.
        let min_minutes = min_hours * 60 - 1;
        self.cases_where(
            "+e.missing_at <= :now AND e.id IN (
                 SELECT id FROM episodes WHERE returned_at IS NULL OR returned_at > :now
                 UNION SELECT id FROM episodes WHERE duration_minutes >= :min_minutes
                 UNION SELECT episode_id FROM strategy_meetings)",
            "NULL",
            now,
            &[(":min_minutes", &min_minutes)],
        )
    }

    /// Episodes open at `now`.
    pub fn missing_cases(&self, now: Instant) -> Result<Vec<CaseEpisode>> {
        // Asked as a set of ids so SQLite looks up the few open episodes by
        // their return time. The unary `+` keeps SQLite from walking the
        // start-time index instead (every episode started before now); the
        // other list queries use the same hint.
        self.cases_where(
            "+e.missing_at <= :now AND e.id IN (SELECT id FROM episodes WHERE returned_at IS NULL OR returned_at > :now)",
            "NULL",
            now,
            &[],
        )
    }

    /// The children missing at `at`, from all their episodes, whenever each
    /// began (the MPMG tab and pack ask it of the children they list).
    pub fn missing_now(&self, at: Instant) -> Result<HashMap<String, MissingNow>> {
        Ok(missing_now(&self.missing_cases(at)?, at))
    }

    /// Episodes that started in `[from, to)` and by `now` (an episode starting
    /// later has not happened yet as of `now`), found by the start-time index.
    pub fn cases_started(&self, from: Instant, to: Instant, now: Instant) -> Result<Vec<CaseEpisode>> {
        let (from, to) = (db_text(from), db_text(to));
        self.cases_where(STARTED_BETWEEN, "NULL", now, &[(":from", &from), (":to", &to)])
    }

    /// One episode with its child: names and birth date as recorded now, the
    /// circumstances as they were for this episode.
    pub fn case_by_ref(&self, episode_ref: &str) -> Result<Option<(Person, CaseEpisode)>> {
        let mut found = None;
        let by_ref: &[(&str, &dyn ToSql)] = &[(":episode_ref", &episode_ref)];
        self.each_case("e.episode_ref = :episode_ref", "NULL", None, by_ref, |p, c| found = Some((p, c)))?;
        Ok(found)
    }

    /// Every episode, oldest first, handed to `f` one at a time (for export).
    pub fn each_case_in_order(&self, f: impl FnMut(Person, CaseEpisode)) -> Result<()> {
        self.each_case("1 ORDER BY e.missing_at, e.episode_ref", "NULL", None, &[], f)
    }

    /// The start and end of each episode a child has, by episode reference.
    pub fn episode_spans(&self, person_ref: &str) -> Result<Vec<(String, Instant, Option<Instant>)>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.episode_ref, e.missing_at, e.returned_at FROM episodes e
                   JOIN people p ON p.id = e.person_id WHERE p.person_ref = ?1 ORDER BY e.missing_at",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([person_ref], |r| Ok((r.get::<_, String>(0)?, instant(r, 1)?, opt_instant(r, 2)?)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }

    fn cases_where(
        &self,
        condition: &str,
        since: &str,
        now: Instant,
        extra: &[(&str, &dyn ToSql)],
    ) -> Result<Vec<CaseEpisode>> {
        let mut out = Vec::new();
        self.each_case(condition, since, Some(now), extra, |_, c| out.push(c))?;
        Ok(out)
    }

    /// Runs the case query with `condition` (SQL after WHERE) and `since`
    /// ([`MISSING_SINCE`] or `NULL`), binding `:now` and `extra` where used.
    pub(super) fn each_case(
        &self,
        condition: &str,
        since: &str,
        now: Option<Instant>,
        extra: &[(&str, &dyn ToSql)],
        f: impl FnMut(Person, CaseEpisode),
    ) -> Result<()> {
        self.each_case_sql(&case_sql(condition, since), now, extra, f)
    }

    /// Runs a case query (one of [`case_sql`] or [`lean_case_sql`]), binding
    /// `:now` and `extra` where used.
    pub(super) fn each_case_sql(
        &self,
        sql: &str,
        now: Option<Instant>,
        extra: &[(&str, &dyn ToSql)],
        mut f: impl FnMut(Person, CaseEpisode),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let now_text = now.map(db_text);
        let mut params: Vec<(&str, &dyn ToSql)> = named_params! { ":now": now_text }.to_vec();
        params.extend_from_slice(extra);
        // Bind only the names this statement uses.
        params.retain(|(name, _)| sql.contains(name));
        let mut rows = stmt.query(params.as_slice()).map_err(|e| self.err(e))?;
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            let (person, case) = read_case(row).map_err(|e| match e {
                rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::Corrupt(inner.to_string()),
                other => self.err(other),
            })?;
            f(person, case);
        }
        Ok(())
    }
}

fn bad(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, Type::Text, Box::new(e))
}

pub(super) fn instant(r: &Row, idx: usize) -> rusqlite::Result<Instant> {
    from_db_text(&r.get::<_, String>(idx)?).map_err(|e| bad(idx, e))
}

pub(super) fn opt_instant(r: &Row, idx: usize) -> rusqlite::Result<Option<Instant>> {
    r.get::<_, Option<String>>(idx)?.map(|t| from_db_text(&t).map_err(|e| bad(idx, e))).transpose()
}

/// Reads a coded column with `parse` (one of the vocabularies' parsers).
pub(super) fn code<T, E: std::error::Error + Send + Sync + 'static>(
    r: &Row,
    idx: usize,
    parse: fn(&str) -> std::result::Result<T, E>,
) -> rusqlite::Result<T> {
    parse(&r.get::<_, String>(idx)?).map_err(|e| bad(idx, e))
}

pub(super) fn opt_code<T, E: std::error::Error + Send + Sync + 'static>(
    r: &Row,
    idx: usize,
    parse: fn(&str) -> std::result::Result<T, E>,
) -> rusqlite::Result<Option<T>> {
    r.get::<_, Option<String>>(idx)?.map(|t| parse(&t).map_err(|e| bad(idx, e))).transpose()
}

fn read_case(r: &Row) -> rusqlite::Result<(Person, CaseEpisode)> {
    let given: String = r.get(1)?;
    let family: String = r.get(2)?;
    let at_the_time = Circumstances {
        case_status: code(r, 13, CaseStatus::parse)?,
        cse_strategy: r.get(14)?,
        cce_risk: r.get(29)?,
        responsible_la: r.get(15)?,
        placement_la: r.get(16)?,
        cohort: code(r, 17, Cohort::parse)?,
        lead_professional: r.get(18)?,
        team: r.get(19)?,
    };
    let person = Person {
        person_ref: r.get(0)?,
        given_name: given.clone(),
        family_name: family.clone(),
        date_of_birth: code(r, 3, parse_date)?,
        sex: opt_code(r, 4, Sex::parse)?,
        responsible_la: at_the_time.responsible_la.clone(),
        placement_la: at_the_time.placement_la.clone(),
        case_status: at_the_time.case_status,
        cse_strategy: at_the_time.cse_strategy,
        cce_risk: at_the_time.cce_risk,
        lead_professional: at_the_time.lead_professional.clone(),
        team: at_the_time.team.clone(),
    };
    let episode = Episode {
        episode_ref: r.get(5)?,
        missing_at: instant(r, 6)?,
        returned_at: opt_instant(r, 7)?,
        kind: code(r, 8, EpisodeKind::parse)?,
        missing_from: code(r, 9, MissingFrom::parse)?,
        missing_from_name: r.get(10)?,
        police_ref: r.get(11)?,
        risk: opt_code(r, 12, Risk::parse)?,
        exploitation: code(r, 30, Exploitation::parse_list)?,
        at_the_time,
    };
    let reasons: Option<String> = r.get(25)?;
    let interview = ReturnInterview {
        required: r.get::<_, Option<bool>>(20)?.unwrap_or(false),
        worker: r.get(21)?,
        attempts: r.get(22)?,
        completed_at: opt_instant(r, 23)?,
        outcome: opt_code(r, 24, RiOutcome::parse)?,
        reasons: reasons
            .unwrap_or_default()
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|s| Reason::parse(s).map_err(|e| bad(25, e)))
            .collect::<rusqlite::Result<_>>()?,
        offered: r.get(31)?,
        accepted: r.get(32)?,
    };
    let meeting = StrategyMeeting { record: opt_code(r, 26, MeetingRecord::parse)?, meeting_at: opt_instant(r, 27)? };
    let case = CaseEpisode {
        person_ref: person.person_ref.clone(),
        name: full_name(&given, &family),
        episode,
        interview,
        meeting,
        child_missing_since: opt_instant(r, 28)?,
    };
    Ok((person, case))
}
