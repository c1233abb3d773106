//! Prevention work as recorded, each with its target's episodes in the
//! quarters before and after (domain::patterns::prevention).

use super::{Result, Store};
use crate::domain::patterns::PatternEpisode;
use crate::domain::patterns::places::place_key;
use crate::domain::patterns::prevention::{PreventionResult, PreventionWork, TargetType, assess, windows};
use crate::domain::time::{Instant, db_text, parse_date};
use crate::store::StoreError;

impl Store {
    /// Every piece of prevention work, the latest first, each assessed as of `now`.
    pub fn prevention_list(&self, now: Instant) -> Result<Vec<PreventionResult>> {
        self.read_consistently(|store| {
            let quarters = store.pattern_settings()?.quarters;
            let works = store.prevention_works()?;
            let mut out = Vec::with_capacity(works.len());
            for work in works {
                let episodes = store.target_episodes(&work, quarters, now)?;
                out.push(assess(&work, &episodes, quarters, now));
            }
            Ok(out)
        })
    }

    fn prevention_works(&self) -> Result<Vec<PreventionWork>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT w.target_type, w.target, w.done_on, w.what, w.by_whom, p.given_name, p.family_name
                   FROM prevention_work w
                   LEFT JOIN people p ON w.target_type = 'person' AND p.person_ref = w.target
                  ORDER BY w.done_on DESC, w.id DESC",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(kind, target, done_on, what, by, given, family)| {
                let target_type =
                    TargetType::parse(&kind).map_err(|e| StoreError::Corrupt(format!("prevention work: {e}")))?;
                let done_on = parse_date(&done_on).map_err(|e| StoreError::Corrupt(format!("prevention work: {e}")))?;
                let target_name = match (given, family) {
                    (Some(g), Some(f)) => format!("{} ({target})", crate::domain::record::full_name(&g, &f)),
                    _ => target.clone(),
                };
                Ok(PreventionWork { target_type, target, target_name, done_on, what, by })
            })
            .collect()
    }

    /// The target's episodes in the quarters either side of the work.
    fn target_episodes(&self, work: &PreventionWork, quarters: u32, now: Instant) -> Result<Vec<PatternEpisode>> {
        let (before, after) = windows(work.done_on, quarters);
        let (from, to) = (db_text(before[0].bounds().0), db_text(after[after.len() - 1].bounds().1));
        let span: [(&str, &dyn rusqlite::ToSql); 2] = [(":from", &from), (":to", &to)];
        let within = "e.missing_at >= :from AND e.missing_at < :to AND e.missing_at <= :now";
        match work.target_type {
            TargetType::Person => self.pattern_episodes(
                &format!("e.person_id = (SELECT id FROM people WHERE person_ref = :target) AND {within}"),
                now,
                &[span[0], span[1], (":target", &work.target)],
            ),
            TargetType::Placement | TargetType::School => {
                // Every spelling the file holds of the name, matched as the
                // patterns match free text.
                let sql = if work.target_type == TargetType::Placement {
                    "SELECT DISTINCT name FROM placements"
                } else {
                    "SELECT DISTINCT school FROM people WHERE school IS NOT NULL"
                };
                let key = place_key(&work.target);
                let spellings: Vec<String> = self
                    .conn
                    .prepare_cached(sql)
                    .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>())
                    .map_err(|e| self.err(e))?
                    .into_iter()
                    .filter(|s| key.is_some() && place_key(s) == key)
                    .collect();
                let spellings = serde_json::to_string(&spellings).unwrap_or_else(|_| "[]".into());
                let condition = if work.target_type == TargetType::Placement {
                    format!(
                        "e.placement_id IN (SELECT id FROM placements WHERE name IN (SELECT value FROM json_each(:names))) AND {within}"
                    )
                } else {
                    format!(
                        "e.person_id IN (SELECT id FROM people WHERE school IN (SELECT value FROM json_each(:names))) AND {within}"
                    )
                };
                self.pattern_episodes(&condition, now, &[span[0], span[1], (":names", &spellings)])
            }
        }
    }
}
