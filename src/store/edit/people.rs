//! The young person form: reading a child, checking and saving them.

use super::db::{Db, tidy, tidy_place};
use super::{Change, EditError, PersonRecord, Problem, Stamped};
use crate::domain::checks::{self, PersonContext};
use crate::domain::codes::{CaseStatus, MissingFrom, NrmOutcome, Sex};
use crate::domain::record::{NrmReferral, Person, Placement, Profile};
use crate::domain::time::parse_date;
use crate::store::cases::{code, instant, opt_code};
use crate::store::{Result, Store, StoreError};
use chrono::NaiveDate;
use rusqlite::{Row, ToSql};

/// A child's row with their placement; callers add the `WHERE`. Read with [`read_person`].
pub(crate) const PERSON_COLUMNS: &str = "
    SELECT p.id, p.version, p.person_ref, p.given_name, p.family_name, p.date_of_birth, p.sex,
           p.responsible_la, p.placement_la, p.case_status, p.cse_strategy, p.lead_professional,
           p.team, p.vulnerability, p.school, pl.type, pl.name,
           p.cce_risk, p.cse_since, p.cce_since, p.nrm_referred_on, p.nrm_outcome
      FROM people p LEFT JOIN placements pl ON pl.id = p.placement_id";

/// A row of [`PERSON_COLUMNS`].
pub(crate) fn read_person(r: &Row) -> rusqlite::Result<Stamped<PersonRecord>> {
    let person = Person {
        person_ref: r.get(2)?,
        given_name: r.get(3)?,
        family_name: r.get(4)?,
        date_of_birth: code(r, 5, parse_date)?,
        sex: opt_code(r, 6, Sex::parse)?,
        responsible_la: r.get(7)?,
        placement_la: r.get(8)?,
        case_status: code(r, 9, CaseStatus::parse)?,
        cse_strategy: r.get(10)?,
        cce_risk: r.get(17)?,
        lead_professional: r.get(11)?,
        team: r.get(12)?,
    };
    let placement = match opt_code(r, 15, MissingFrom::parse)? {
        Some(kind) => Some(Placement { kind, name: r.get(16)? }),
        None => None,
    };
    let date = |i| opt_code(r, i, parse_date);
    let nrm = match (date(20)?, opt_code(r, 21, NrmOutcome::parse)?) {
        (Some(referred_on), outcome) => {
            Some(NrmReferral { referred_on, outcome: outcome.unwrap_or(NrmOutcome::Pending) })
        }
        (None, _) => None,
    };
    let profile = Profile {
        vulnerability: r.get(13)?,
        placement,
        school: r.get(14)?,
        cse_since: date(18)?,
        cce_since: date(19)?,
        nrm,
    };
    Ok(Stamped { id: r.get(0)?, version: r.get(1)?, value: PersonRecord { person, profile } })
}

/// The record as it will be stored: names and references trimmed, blank optional text dropped.
fn tidied(rec: &PersonRecord) -> PersonRecord {
    let p = &rec.person;
    PersonRecord {
        person: Person {
            person_ref: p.person_ref.trim().to_string(),
            given_name: p.given_name.trim().to_string(),
            family_name: p.family_name.trim().to_string(),
            responsible_la: p.responsible_la.trim().to_string(),
            placement_la: p.placement_la.trim().to_string(),
            lead_professional: tidy(&p.lead_professional),
            team: tidy(&p.team),
            ..p.clone()
        },
        profile: Profile {
            vulnerability: tidy(&rec.profile.vulnerability),
            placement: tidy_place(rec.profile.placement.as_ref()),
            school: tidy(&rec.profile.school),
            ..rec.profile.clone()
        },
    }
}

impl Db<'_> {
    pub fn person(&self, id: i64) -> Result<Stamped<PersonRecord>> {
        self.one(&format!("{PERSON_COLUMNS} WHERE p.id = ?1"), [id], read_person)?
            .ok_or(StoreError::NotFound { what: "young person", id })
    }

    fn person_problems(
        &self,
        id: Option<i64>,
        rec: &PersonRecord,
        authority: &str,
        today: NaiveDate,
    ) -> Result<Vec<Problem>> {
        let ref_taken_by = self.one(
            "SELECT given_name || ' ' || family_name FROM people WHERE person_ref = ?1 AND id IS NOT ?2",
            (rec.person.person_ref.as_str(), id),
            |r| r.get::<_, String>(0),
        )?;
        let first_episode = match id {
            Some(id) => self.one(
                "SELECT episode_ref, missing_at FROM episodes WHERE person_id = ?1 ORDER BY missing_at LIMIT 1",
                [id],
                |r| Ok((r.get::<_, String>(0)?, instant(r, 1)?)),
            )?,
            None => None,
        };
        let ctx = PersonContext { today, authority: authority.to_string(), ref_taken_by, first_episode };
        let mut problems = checks::person(&rec.person, &ctx);
        problems.extend(checks::profile_dates(&rec.person, &rec.profile, today));
        Ok(problems)
    }

    /// The form's values as columns, the placement looked up (or added) by name and kind.
    fn save_person(
        &self,
        rec: &PersonRecord,
        f: impl FnOnce(&[(&str, &dyn ToSql)]) -> std::result::Result<(), EditError>,
    ) -> std::result::Result<(), EditError> {
        let p = &rec.person;
        let placement_id = rec.profile.placement.as_ref().map(|pl| self.placement_id(pl)).transpose()?;
        let dob = p.date_of_birth.format("%Y-%m-%d").to_string();
        let day = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        let (cse_since, cce_since) = (day(rec.profile.cse_since), day(rec.profile.cce_since));
        let nrm_on = day(rec.profile.nrm.as_ref().map(|n| n.referred_on));
        let nrm_outcome = rec.profile.nrm.as_ref().map(|n| n.outcome.code());
        let sets: [(&str, &dyn ToSql); 19] = [
            ("person_ref", &p.person_ref),
            ("given_name", &p.given_name),
            ("family_name", &p.family_name),
            ("date_of_birth", &dob),
            ("sex", &p.sex.map(|s| s.code())),
            ("responsible_la", &p.responsible_la),
            ("placement_la", &p.placement_la),
            ("case_status", &p.case_status.code()),
            ("cse_strategy", &p.cse_strategy),
            ("lead_professional", &p.lead_professional),
            ("team", &p.team),
            ("vulnerability", &rec.profile.vulnerability),
            ("placement_id", &placement_id),
            ("school", &rec.profile.school),
            ("cce_risk", &p.cce_risk),
            ("cse_since", &cse_since),
            ("cce_since", &cce_since),
            ("nrm_referred_on", &nrm_on),
            ("nrm_outcome", &nrm_outcome),
        ];
        f(&sets)
    }
}

/// Refuses a write that has blocking problems, with all of them.
pub(super) fn refuse_blocking(problems: Vec<Problem>) -> std::result::Result<(), EditError> {
    if checks::any_blocking(&problems) {
        Err(EditError::Invalid(problems.into_iter().filter(|p| p.blocking).collect()))
    } else {
        Ok(())
    }
}

impl Store {
    /// A young person as read for the form.
    pub fn person(&self, id: i64) -> Result<Stamped<PersonRecord>> {
        self.db().person(id)
    }

    /// The child with this local case reference (surrounding spaces forgiven).
    pub fn person_id_by_ref(&self, person_ref: &str) -> Result<Option<i64>> {
        self.db().one("SELECT id FROM people WHERE person_ref = ?1", [person_ref.trim()], |r| r.get(0))
    }

    /// Every known placement, by name, for a picker.
    pub fn placements(&self) -> Result<Vec<Placement>> {
        self.db().all("SELECT type, name FROM placements ORDER BY name, type", [], |r| {
            Ok(Placement { kind: code(r, 0, MissingFrom::parse)?, name: r.get(1)? })
        })
    }

    /// What stops (or should give pause to) saving `rec` as child `id`
    /// (`None` for a new child), as of `today`.
    pub fn check_person(&self, id: Option<i64>, rec: &PersonRecord, today: NaiveDate) -> Result<Vec<Problem>> {
        let authority = self.require_authority()?;
        self.db().person_problems(id, &tidied(rec), &authority, today)
    }

    /// Adds a child; returns their id.
    pub fn add_person(
        &mut self,
        rec: &PersonRecord,
        today: NaiveDate,
    ) -> std::result::Result<(i64, Change), EditError> {
        let rec = tidied(rec);
        let authority = self.require_authority()?;
        self.write(|db| {
            refuse_blocking(db.person_problems(None, &rec, &authority, today)?)?;
            let id = db.fresh_id("people")?;
            db.save_person(&rec, |sets| {
                let columns: Vec<&str> = sets.iter().map(|(c, _)| *c).collect();
                let marks: Vec<String> = (2..=sets.len() + 1).map(|i| format!("?{i}")).collect();
                let sql = format!("INSERT INTO people (id, {}) VALUES (?1, {})", columns.join(", "), marks.join(", "));
                let mut params: Vec<&dyn ToSql> = vec![&id];
                params.extend(sets.iter().map(|(_, v)| *v));
                db.exec(&sql, params.as_slice())?;
                Ok(())
            })?;
            Ok(id)
        })
    }

    /// Saves child `id` as read at `version`. Episodes keep the circumstances
    /// of their time; only new episodes take the new values.
    pub fn update_person(
        &mut self,
        id: i64,
        version: i64,
        rec: &PersonRecord,
        today: NaiveDate,
    ) -> std::result::Result<Change, EditError> {
        let rec = tidied(rec);
        let authority = self.require_authority()?;
        self.write(|db| {
            // The version first: problems are only worth reporting on the row as read.
            db.expect_version("people", id, version)?;
            refuse_blocking(db.person_problems(Some(id), &rec, &authority, today)?)?;
            db.save_person(&rec, |sets| db.update_at("people", id, version, sets))
        })
        .map(|((), change)| change)
    }
}
