//! Episodes from the forms: reporting a child missing, recording them found,
//! and deleting an episode entered by mistake.

use super::db::{Db, tidy};
use super::people::refuse_blocking;
use super::{Change, EditError, EpisodeRecord, Found, NewEpisode, Problem, Stamped};
use crate::domain::checks::{self, ChildEpisodes, PoliceRefUse};
use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind, Exploitation, MissingFrom, Risk};
use crate::domain::record::{Circumstances, Episode, Placement, full_name};
use crate::domain::rules::ri_required_by_default;
use crate::domain::sequence::Span;
use crate::domain::time::{Instant, db_text, parse_date};
use crate::store::cases::{code, instant, opt_code, opt_instant};
use crate::store::{Result, Store, StoreError};
use rusqlite::Row;

const EPISODE_SELECT: &str = "
    SELECT e.id, e.version, e.person_id, p.person_ref, p.given_name, p.family_name,
           e.episode_ref, e.missing_at, e.returned_at, e.kind, e.missing_from, pl.name,
           e.police_ref, e.risk, e.case_status, e.cse_strategy, e.responsible_la,
           e.placement_la, e.cohort, e.lead_professional, e.team, e.where_found, e.found_with,
           e.cce_risk, e.exploitation
      FROM episodes e
      JOIN people p ON p.id = e.person_id
      LEFT JOIN placements pl ON pl.id = e.placement_id
     WHERE e.id = ?1";

fn read_episode(r: &Row) -> rusqlite::Result<Stamped<EpisodeRecord>> {
    let episode = Episode {
        episode_ref: r.get(6)?,
        missing_at: instant(r, 7)?,
        returned_at: opt_instant(r, 8)?,
        kind: code(r, 9, EpisodeKind::parse)?,
        missing_from: code(r, 10, MissingFrom::parse)?,
        missing_from_name: r.get(11)?,
        police_ref: r.get(12)?,
        risk: opt_code(r, 13, Risk::parse)?,
        exploitation: code(r, 24, Exploitation::parse_list)?,
        at_the_time: Circumstances {
            case_status: code(r, 14, CaseStatus::parse)?,
            cse_strategy: r.get(15)?,
            cce_risk: r.get(23)?,
            responsible_la: r.get(16)?,
            placement_la: r.get(17)?,
            cohort: code(r, 18, Cohort::parse)?,
            lead_professional: r.get(19)?,
            team: r.get(20)?,
        },
    };
    let (given, family): (String, String) = (r.get(4)?, r.get(5)?);
    let value = EpisodeRecord {
        person_id: r.get(2)?,
        person_ref: r.get(3)?,
        name: full_name(&given, &family),
        episode,
        where_found: r.get(21)?,
        found_with: r.get(22)?,
    };
    Ok(Stamped { id: r.get(0)?, version: r.get(1)?, value })
}

impl Db<'_> {
    pub fn episode(&self, id: i64) -> Result<Stamped<EpisodeRecord>> {
        self.one(EPISODE_SELECT, [id], read_episode)?.ok_or(StoreError::NotFound { what: "episode", id })
    }

    /// A child's name, date of birth and every episode, for the sequence rules.
    pub(super) fn child_episodes(&self, person_id: i64) -> Result<ChildEpisodes> {
        let (name, date_of_birth) = self
            .one("SELECT given_name, family_name, date_of_birth FROM people WHERE id = ?1", [person_id], |r| {
                Ok((full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?), code(r, 2, parse_date)?))
            })?
            .ok_or(StoreError::NotFound { what: "young person", id: person_id })?;
        let episodes = self.all(
            "SELECT episode_ref, missing_at, returned_at FROM episodes WHERE person_id = ?1 ORDER BY missing_at",
            [person_id],
            |r| Ok(Span { key: r.get(0)?, start: instant(r, 1)?, end: opt_instant(r, 2)? }),
        )?;
        Ok(ChildEpisodes { name, date_of_birth, episodes })
    }

    /// The latest episode, other than `except`, that already carries `police_ref`.
    pub(super) fn police_ref_use(
        &self,
        police_ref: &Option<String>,
        except: Option<i64>,
    ) -> Result<Option<PoliceRefUse>> {
        let Some(police_ref) = tidy(police_ref) else { return Ok(None) };
        self.one(
            "SELECT e.episode_ref, p.given_name, p.family_name FROM episodes e JOIN people p ON p.id = e.person_id
              WHERE e.police_ref = ?1 AND e.id IS NOT ?2 ORDER BY e.missing_at DESC LIMIT 1",
            (&police_ref, except),
            |r| {
                let name = full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?);
                Ok(PoliceRefUse { police_ref: police_ref.clone(), episode_ref: r.get(0)?, name })
            },
        )
    }

    fn new_episode_problems(&self, person_id: i64, new: &NewEpisode, now: Instant) -> Result<Vec<Problem>> {
        let child = self.child_episodes(person_id)?;
        let police_ref_used = self.police_ref_use(&new.police_ref, None)?;
        Ok(checks::new_episode(new.missing_at, &child, police_ref_used.as_ref(), now))
    }

    /// The episode's child and reference.
    pub(super) fn episode_owner(&self, episode_id: i64) -> Result<(i64, String)> {
        self.one("SELECT person_id, episode_ref FROM episodes WHERE id = ?1", [episode_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .ok_or(StoreError::NotFound { what: "episode", id: episode_id })
    }

    /// The earliest time the episode's return interview records: a dated attempt or its completion.
    pub(super) fn interview_from(&self, episode_id: i64) -> Result<Option<Instant>> {
        // Stored times are one fixed UTC format, so the earliest sorts first as text.
        Ok(self
            .one(
                "SELECT min(t) FROM (SELECT completed_at AS t FROM return_interviews WHERE episode_id = ?1
                   UNION ALL SELECT a.attempted_at FROM ri_attempts a
                     JOIN return_interviews ri ON ri.id = a.interview_id WHERE ri.episode_id = ?1)",
                [episode_id],
                |r| opt_instant(r, 0),
            )?
            .flatten())
    }

    fn found_problems(&self, episode_id: i64, found: &Found, now: Instant) -> Result<Vec<Problem>> {
        let (person_id, episode_ref) = self.episode_owner(episode_id)?;
        let child = self.child_episodes(person_id)?;
        let interview_from = self.interview_from(episode_id)?;
        Ok(checks::found(&episode_ref, found.returned_at, &child, interview_from, now))
    }

    /// The next episode reference of the form `RC-000123`: one more than any
    /// such reference the file has ever held, deleted episodes included (so
    /// that undoing a delete never finds its reference taken).
    fn next_episode_ref(&self) -> Result<String> {
        let highest: i64 = self
            .one(
                "SELECT max(n) FROM (
                   SELECT CAST(substr(episode_ref, 4) AS INTEGER) AS n FROM episodes WHERE episode_ref GLOB 'RC-[0-9]*'
                   UNION ALL
                   SELECT CAST(substr(json_extract(before, '$.episode_ref'), 4) AS INTEGER) FROM audit
                    WHERE table_name = 'episodes' AND action = 'delete'
                      AND json_extract(before, '$.episode_ref') GLOB 'RC-[0-9]*')",
                [],
                |r| r.get::<_, Option<i64>>(0),
            )?
            .flatten()
            .unwrap_or(0);
        Ok(format!("RC-{:06}", highest + 1))
    }

    /// The child's circumstances now, as a new episode records them.
    fn circumstances_now(&self, person_id: i64, authority: &str) -> std::result::Result<Circumstances, EditError> {
        let (status, (cse, cce), responsible_la, placement_la, lead, team): (_, (bool, bool), String, String, _, _) =
            self.one(
                "SELECT case_status, cse_strategy, responsible_la, placement_la, lead_professional, team, cce_risk
                   FROM people WHERE id = ?1",
                [person_id],
                |r| {
                    let flags = (r.get(1)?, r.get(6)?);
                    Ok((code(r, 0, CaseStatus::parse)?, flags, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                },
            )?
            .ok_or(StoreError::NotFound { what: "young person", id: person_id })?;
        // The same rule as import: the cohort as seen by this database's authority.
        let Some(cohort) = crate::domain::cohort::cohort_of(&responsible_la, &placement_la, authority) else {
            return Err(EditError::Invalid(vec![Problem::blocking(
                "placement_la",
                format!(
                    "neither responsible_la `{responsible_la}` nor placement_la `{placement_la}` is {authority}, this database's authority; correct the young person first"
                ),
            )]));
        };
        Ok(Circumstances {
            case_status: status,
            cse_strategy: cse,
            cce_risk: cce,
            responsible_la,
            placement_la,
            cohort,
            lead_professional: lead,
            team,
        })
    }
}

impl Store {
    /// An episode as read for its forms.
    pub fn episode(&self, id: i64) -> Result<Stamped<EpisodeRecord>> {
        self.db().episode(id)
    }

    pub fn episode_id_by_ref(&self, episode_ref: &str) -> Result<Option<i64>> {
        self.db().one("SELECT id FROM episodes WHERE episode_ref = ?1", [episode_ref.trim()], |r| r.get(0))
    }

    /// The child's episode still open (not yet found), if any.
    pub fn open_episode_of(&self, person_id: i64) -> Result<Option<i64>> {
        self.db().one(
            "SELECT id FROM episodes WHERE person_id = ?1 AND returned_at IS NULL ORDER BY missing_at DESC LIMIT 1",
            [person_id],
            |r| r.get(0),
        )
    }

    pub fn check_new_episode(&self, person_id: i64, new: &NewEpisode, now: Instant) -> Result<Vec<Problem>> {
        self.db().new_episode_problems(person_id, new, now)
    }

    pub fn check_found(&self, episode_id: i64, found: &Found, now: Instant) -> Result<Vec<Problem>> {
        self.db().found_problems(episode_id, found, now)
    }

    /// Records child `person_id` missing: a new open episode with the child's
    /// circumstances as they are now, and its return interview (required by
    /// default for a missing episode, not for an absence). Returns its id.
    pub fn report_missing(
        &mut self,
        person_id: i64,
        new: &NewEpisode,
        now: Instant,
    ) -> std::result::Result<(i64, Change), EditError> {
        let authority = self.require_authority()?;
        self.write(|db| {
            refuse_blocking(db.new_episode_problems(person_id, new, now)?)?;
            let c = db.circumstances_now(person_id, &authority)?;
            let name = tidy(&new.missing_from_name);
            let placement_id = match &name {
                Some(name) => Some(db.placement_id(&Placement { kind: new.missing_from, name: name.clone() })?),
                None => None,
            };
            let id = db.fresh_id("episodes")?;
            db.exec(
                "INSERT INTO episodes (id, episode_ref, person_id, missing_at, kind, missing_from, placement_id,
                   police_ref, risk, case_status, cse_strategy, responsible_la, placement_la, cohort,
                   lead_professional, team, cce_risk)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                rusqlite::params![
                    id,
                    db.next_episode_ref()?,
                    person_id,
                    db_text(new.missing_at),
                    new.kind.code(),
                    new.missing_from.code(),
                    placement_id,
                    tidy(&new.police_ref),
                    new.risk.map(|r| r.code()),
                    c.case_status.code(),
                    c.cse_strategy,
                    c.responsible_la,
                    c.placement_la,
                    c.cohort.code(),
                    c.lead_professional,
                    c.team,
                    c.cce_risk,
                ],
            )?;
            let interview_id = db.fresh_id("return_interviews")?;
            db.exec(
                "INSERT INTO return_interviews (id, episode_id, required) VALUES (?1, ?2, ?3)",
                (interview_id, id, ri_required_by_default(new.kind)),
            )?;
            Ok(id)
        })
    }

    /// Records the child found (or corrects when): the episode ends at `returned_at`.
    pub fn record_found(
        &mut self,
        episode_id: i64,
        version: i64,
        found: &Found,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version("episodes", episode_id, version)?;
            refuse_blocking(db.found_problems(episode_id, found, now)?)?;
            let (returned, where_found, found_with) =
                (db_text(found.returned_at), tidy(&found.where_found), tidy(&found.found_with));
            db.update_at(
                "episodes",
                episode_id,
                version,
                &[("returned_at", &returned), ("where_found", &where_found), ("found_with", &found_with)],
            )
        })
        .map(|((), change)| change)
    }

    /// Deletes an episode entered by mistake, with its interview (and its
    /// attempts), strategy meeting and risk grades. Undo brings them all back.
    pub fn delete_episode(&mut self, episode_id: i64, version: i64) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version("episodes", episode_id, version)?;
            db.exec(
                "DELETE FROM ri_attempts WHERE interview_id IN (SELECT id FROM return_interviews WHERE episode_id = ?1)",
                [episode_id],
            )?;
            db.exec("DELETE FROM return_interviews WHERE episode_id = ?1", [episode_id])?;
            db.exec("DELETE FROM strategy_meetings WHERE episode_id = ?1", [episode_id])?;
            db.exec("DELETE FROM risk_grades WHERE episode_id = ?1", [episode_id])?;
            db.exec("DELETE FROM episodes WHERE id = ?1", [episode_id])?;
            Ok(())
        })
        .map(|((), change)| change)
    }
}
