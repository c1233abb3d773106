//! The episodes the pattern analysis reads (domain::patterns), found by
//! index: a child's by `episodes_by_person`, a period's by
//! `episodes_by_start`, a placement's by `episodes_by_placement`.

use super::cases::{code, instant, opt_instant};
use super::settings::PatternSettings;
use super::{Result, Store, StoreError};
use crate::domain::codes::{MissingFrom, Reason};
use crate::domain::patterns::PatternEpisode;
use crate::domain::patterns::child::{ChildPattern, child_pattern};
use crate::domain::patterns::hotspots::{Hotspots, hotspots};
use crate::domain::patterns::together::{Group, Member, groups, links_between};
use crate::domain::record::full_name;
use crate::domain::report::ReportPeriod;
use crate::domain::time::{Instant, db_text};
use chrono::TimeDelta;
use rusqlite::{Row, ToSql};
use std::collections::{BTreeMap, BTreeSet};

const PATTERN_SELECT: &str = "
    SELECT p.person_ref, p.given_name, p.family_name, e.episode_ref, e.missing_at, e.returned_at,
           e.missing_from, pl.name, e.where_found, e.found_with, ri.reasons, p.school
      FROM episodes e
      JOIN people p ON p.id = e.person_id
      LEFT JOIN placements pl ON pl.id = e.placement_id
      LEFT JOIN return_interviews ri ON ri.episode_id = e.id";

/// How far back an episode that overlaps another may have begun, for the
/// candidates of "often missing with": longer episodes are found among the
/// open ones (by their return) instead.
const OVERLAP_LOOKBACK_DAYS: i64 = 31;

/// The SQL of a pattern query with `condition` after WHERE.
pub(super) fn pattern_sql(condition: &str) -> String {
    format!("{PATTERN_SELECT} WHERE {condition}")
}

fn read(r: &Row, now: Instant) -> rusqlite::Result<PatternEpisode> {
    let reasons: Option<String> = r.get(10)?;
    Ok(PatternEpisode {
        person_ref: r.get(0)?,
        name: full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
        episode_ref: r.get(3)?,
        missing_at: instant(r, 4)?,
        // As of `now`: a return recorded later has not happened yet.
        returned_at: opt_instant(r, 5)?.filter(|t| *t <= now),
        missing_from: code(r, 6, MissingFrom::parse)?,
        placement: r.get(7)?,
        where_found: r.get(8)?,
        found_with: r.get(9)?,
        // An unknown reason code is left out here: the lists' own reads name it.
        reasons: reasons.unwrap_or_default().split(';').filter_map(|s| Reason::parse(s).ok()).collect(),
        school: r.get(11)?,
    })
}

impl Store {
    /// Pattern episodes matching `condition` (`:now` is bound, with `extra`).
    pub(super) fn pattern_episodes(
        &self,
        condition: &str,
        now: Instant,
        extra: &[(&str, &dyn ToSql)],
    ) -> Result<Vec<PatternEpisode>> {
        let sql = pattern_sql(condition);
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let now_text = db_text(now);
        let mut params: Vec<(&str, &dyn ToSql)> = vec![(":now", &now_text)];
        params.extend_from_slice(extra);
        params.retain(|(name, _)| sql.contains(name));
        let mut rows = stmt.query(params.as_slice()).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| self.err(e))? {
            out.push(read(row, now).map_err(|e| match e {
                rusqlite::Error::FromSqlConversionFailure(_, _, inner) => StoreError::Corrupt(inner.to_string()),
                other => self.err(other),
            })?);
        }
        Ok(out)
    }

    /// Every episode of one child that began by `now`.
    pub fn child_episodes(&self, person_ref: &str, now: Instant) -> Result<Vec<PatternEpisode>> {
        self.pattern_episodes(
            "e.person_id = (SELECT id FROM people WHERE person_ref = :person_ref) AND e.missing_at <= :now
             ORDER BY e.missing_at",
            now,
            &[(":person_ref", &person_ref)],
        )
    }

    /// One child's pattern, over their episodes up to `now` (those that
    /// began in `period`, if given); `None` for a reference no child has.
    pub fn child_pattern(
        &self,
        person_ref: &str,
        period: Option<ReportPeriod>,
        now: Instant,
    ) -> Result<Option<ChildPattern>> {
        self.read_consistently(|store| {
            let Some((person_ref, name)) = store.child_name(person_ref)? else { return Ok(None) };
            let mut episodes = store.child_episodes(&person_ref, now)?;
            if let Some((from, to)) = period.map(ReportPeriod::bounds) {
                episodes.retain(|e| from <= e.missing_at && e.missing_at < to);
            }
            Ok(Some(child_pattern(&person_ref, &name, &episodes)))
        })
    }

    /// A child's reference as recorded (found in any letter case) and name.
    fn child_name(&self, person_ref: &str) -> Result<Option<(String, String)>> {
        use rusqlite::OptionalExtension;
        // Exactly as typed first (by the unique index), then in any case.
        for sql in [
            "SELECT person_ref, given_name, family_name FROM people WHERE person_ref = ?1",
            "SELECT person_ref, given_name, family_name FROM people WHERE person_ref = ?1 COLLATE NOCASE
              ORDER BY person_ref LIMIT 1",
        ] {
            let found = self
                .conn
                .query_row(sql, [person_ref.trim()], |r| {
                    Ok((r.get(0)?, full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?)))
                })
                .optional()
                .map_err(|e| self.err(e))?;
            if found.is_some() {
                return Ok(found);
            }
        }
        Ok(None)
    }

    /// Episodes that began in `[from, to)` and by `now`.
    pub fn pattern_episodes_between(&self, from: Instant, to: Instant, now: Instant) -> Result<Vec<PatternEpisode>> {
        let (from, to) = (db_text(from), db_text(to));
        self.pattern_episodes(
            "e.missing_at >= :from AND e.missing_at < :to AND e.missing_at <= :now",
            now,
            &[(":from", &from), (":to", &to)],
        )
    }

    /// Groups of children who went missing together in `period`.
    pub fn groups(&self, period: ReportPeriod, now: Instant) -> Result<Vec<Group>> {
        self.read_consistently(|store| {
            let settings = store.pattern_settings()?;
            let (from, to) = period.bounds();
            Ok(groups(&store.pattern_episodes_between(from, to, now)?, now, settings.min_times))
        })
    }

    /// Hotspots of `period` against the period before it.
    pub fn hotspots(&self, period: ReportPeriod, now: Instant) -> Result<Hotspots> {
        self.read_consistently(|store| {
            let (from, to) = period.bounds();
            let (before_from, before_to) = period.before().bounds();
            Ok(hotspots(
                &store.pattern_episodes_between(from, to, now)?,
                &store.pattern_episodes_between(before_from, before_to, now)?,
            ))
        })
    }

    /// Who a child is often missing with: each other child with an episode
    /// linked (DOMAIN.md "missing together") to at least `min_times` of this
    /// child's episodes, over all of them up to `now`; most often first.
    pub fn often_with(&self, person_ref: &str, now: Instant) -> Result<Vec<(Member, u32)>> {
        self.read_consistently(|store| {
            let PatternSettings { min_times, .. } = store.pattern_settings()?;
            let mine = store.child_episodes(person_ref, now)?;
            let mut together: BTreeMap<String, (String, BTreeSet<usize>)> = BTreeMap::new();
            for (n, e) in mine.iter().enumerate() {
                for other in store.overlapping(e, now)? {
                    if !links_between(e, &other, now).is_empty() {
                        together
                            .entry(other.person_ref.clone())
                            .or_insert_with(|| (other.name.clone(), BTreeSet::new()))
                            .1
                            .insert(n);
                    }
                }
            }
            let mut rows: Vec<(Member, u32)> = together
                .into_iter()
                .map(|(person_ref, (name, eps))| (Member { person_ref, name }, eps.len() as u32))
                .filter(|(_, n)| *n >= min_times.max(1))
                .collect();
            rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.person_ref.cmp(&b.0.person_ref)));
            Ok(rows)
        })
    }

    /// Other children's episodes that may overlap `e`: those that began in
    /// the month before it up to its end, and any still open then.
    fn overlapping(&self, e: &PatternEpisode, now: Instant) -> Result<Vec<PatternEpisode>> {
        let from = db_text(e.missing_at - TimeDelta::days(OVERLAP_LOOKBACK_DAYS));
        let (start, end) = (db_text(e.missing_at), db_text(e.end(now)));
        let mut found = self.pattern_episodes(
            "e.missing_at >= :from AND e.missing_at < :end AND e.missing_at <= :now AND p.person_ref <> :me",
            now,
            &[(":from", &from), (":end", &end), (":me", &e.person_ref)],
        )?;
        // Longer ones are few: those still open, and those that lasted
        // beyond the look-back (found by the duration index).
        let long = OVERLAP_LOOKBACK_DAYS * 1440;
        found.extend(self.pattern_episodes(
            "e.id IN (SELECT id FROM episodes WHERE returned_at IS NULL
                      UNION ALL SELECT id FROM episodes WHERE duration_minutes >= :long)
             AND e.missing_at < :from AND (e.returned_at IS NULL OR e.returned_at > :start) AND p.person_ref <> :me",
            now,
            &[(":from", &from), (":start", &start), (":long", &long), (":me", &e.person_ref)],
        )?);
        Ok(found)
    }
}
