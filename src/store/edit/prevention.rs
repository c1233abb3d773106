//! Recording prevention work (DOMAIN.md "Patterns"): for a child by
//! reference, a placement or a school by a name the file already knows, so a
//! typing slip is caught rather than counted as a place with no episodes.

use super::{Change, EditError};
use crate::domain::checks::Problem;
use crate::domain::patterns::places::{nearest, place_key};
use crate::domain::patterns::prevention::TargetType;
use crate::store::Store;
use chrono::NaiveDate;

/// Prevention work as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrevention {
    pub target_type: TargetType,
    pub target: String,
    pub done_on: NaiveDate,
    pub what: String,
    pub by: Option<String>,
}

const TABLE: &str = "prevention_work";

impl Store {
    /// Records `work` (done by `today` at the latest); returns its id and the
    /// target as stored (the child's reference, or the name as the file
    /// spells it most).
    pub fn add_prevention(
        &mut self,
        work: &NewPrevention,
        today: NaiveDate,
    ) -> Result<(i64, String, Change), EditError> {
        let what = work.what.split_whitespace().collect::<Vec<_>>().join(" ");
        let by = work.by.as_deref().map(str::trim).filter(|b| !b.is_empty()).map(str::to_string);
        let mut problems = Vec::new();
        if what.is_empty() {
            problems.push(Problem::blocking("what", "say what was done"));
        }
        if work.done_on > today {
            problems.push(Problem::blocking(
                "on",
                format!("{} is in the future: record work once it is done", work.done_on),
            ));
        }
        let target = match self.resolve_target(work.target_type, &work.target) {
            Ok(t) => Some(t),
            Err(why) => {
                problems.push(Problem::blocking("target", why));
                None
            }
        };
        if !problems.is_empty() {
            return Err(EditError::Invalid(problems));
        }
        let target = target.expect("resolved when there is no problem");
        let ((id, target), change) = self.write(|db| {
            let id = db.fresh_id(TABLE)?;
            db.exec(
                "INSERT INTO prevention_work (id, target_type, target, done_on, what, by_whom) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (id, work.target_type.code(), &target, work.done_on.to_string(), &what, &by),
            )?;
            Ok((id, target.clone()))
        })?;
        Ok((id, target, change))
    }

    /// The stored form of a target, or why there is none.
    fn resolve_target(&self, kind: TargetType, typed: &str) -> Result<String, String> {
        let typed = typed.trim();
        let sql = match kind {
            TargetType::Person => {
                let found: Option<String> = self
                    .conn
                    .query_row("SELECT person_ref FROM people WHERE person_ref = ?1 COLLATE NOCASE", [typed], |r| {
                        r.get(0)
                    })
                    .ok();
                return found.ok_or_else(|| format!("no child has the reference `{typed}`"));
            }
            TargetType::Placement => "SELECT name, count(*) FROM placements GROUP BY name",
            TargetType::School => "SELECT school, count(*) FROM people WHERE school IS NOT NULL GROUP BY school",
        };
        let known: Vec<(String, i64)> = self
            .conn
            .prepare(sql)
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .map_err(|e| e.to_string())?;
        let key = place_key(typed).ok_or_else(|| format!("name the {}", kind.label().to_lowercase()))?;
        let mut matches: Vec<&(String, i64)> =
            known.iter().filter(|(name, _)| place_key(name).as_deref() == Some(key.as_str())).collect();
        matches.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        match matches.first() {
            Some((name, _)) => Ok(name.clone()),
            None => {
                let names: Vec<&str> = known.iter().map(|(n, _)| n.as_str()).collect();
                let near = nearest(typed, &names, 5);
                let near = if near.is_empty() {
                    "none is recorded".to_string()
                } else {
                    format!("the nearest: {}", near.join(", "))
                };
                Err(match kind {
                    TargetType::Placement => {
                        format!("no placement is called `{typed}`; {near} (a new one is added on a child's form)")
                    }
                    _ => format!("no child's school or EET is `{typed}`; {near} (set it on a child's form)"),
                })
            }
        }
    }
}
