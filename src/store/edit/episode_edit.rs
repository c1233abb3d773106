//! Correcting an episode entered wrongly: when the child went missing (and
//! returned), the type, where from, the police reference and risk. The same
//! rules as reporting missing and recording found, against the child's other
//! episodes, and the episode's interview and meeting must still fit.

use super::db::{Db, tidy};
use super::people::refuse_blocking;
use super::{Change, EditError, EpisodeEdit, Problem};
use crate::domain::checks::{self, Recorded};
use crate::domain::codes::{Exploitation, MeetingRecord};
use crate::domain::record::Placement;
use crate::domain::time::{Instant, db_text};
use crate::store::cases::{code, opt_instant};
use crate::store::{Result, Store};

impl Db<'_> {
    /// What the episode's interview and meeting already record.
    fn recorded(&self, episode_id: i64) -> Result<Recorded> {
        let (attempts, completed): (i64, bool) = self
            .one(
                "SELECT (SELECT count(*) FROM ri_attempts a JOIN return_interviews ri ON ri.id = a.interview_id
                          WHERE ri.episode_id = ?1),
                        EXISTS (SELECT 1 FROM return_interviews WHERE episode_id = ?1
                                   AND (completed_at IS NOT NULL OR coalesce(outcome, 'not_required') <> 'not_required'))",
                [episode_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .unwrap_or_default();
        let meeting = self.one(
            "SELECT status, meeting_at, note FROM strategy_meetings WHERE episode_id = ?1",
            [episode_id],
            |r| Ok((code(r, 0, MeetingRecord::parse)?, opt_instant(r, 1)?, r.get(2)?)),
        )?;
        Ok(Recorded {
            interview_from: self.interview_from(episode_id)?,
            attempts: usize::try_from(attempts).unwrap_or_default(),
            completed,
            meeting,
        })
    }

    fn episode_edit_problems(&self, episode_id: i64, edit: &EpisodeEdit, now: Instant) -> Result<Vec<Problem>> {
        let (person_id, episode_ref) = self.episode_owner(episode_id)?;
        let child = self.child_episodes(person_id)?;
        let recorded = self.recorded(episode_id)?;
        let police_ref_used = self.police_ref_use(&edit.police_ref, Some(episode_id))?;
        Ok(checks::episode_edit(
            &episode_ref,
            edit.missing_at,
            edit.returned_at,
            &child,
            &recorded,
            police_ref_used.as_ref(),
            now,
        ))
    }
}

impl Store {
    pub fn check_episode_edit(&self, episode_id: i64, edit: &EpisodeEdit, now: Instant) -> Result<Vec<Problem>> {
        self.db().episode_edit_problems(episode_id, edit, now)
    }

    /// Saves episode `episode_id`'s corrected details as read at `version`.
    /// The circumstances recorded when it began are left as they were, and so
    /// is whether its interview is required, even when the type changes: that
    /// was decided when it was reported (or since, on the interview's own
    /// forms: `N` not required, `R` required), and the user changes it there.
    pub fn update_episode(
        &mut self,
        episode_id: i64,
        version: i64,
        edit: &EpisodeEdit,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            // The version first: problems are only worth reporting on the row as read.
            db.expect_version("episodes", episode_id, version)?;
            refuse_blocking(db.episode_edit_problems(episode_id, edit, now)?)?;
            let placement_id = match tidy(&edit.missing_from_name) {
                Some(name) => Some(db.placement_id(&Placement { kind: edit.missing_from, name })?),
                None => None,
            };
            let (missing_at, returned_at) = (db_text(edit.missing_at), edit.returned_at.map(db_text));
            db.update_at(
                "episodes",
                episode_id,
                version,
                &[
                    ("missing_at", &missing_at),
                    ("returned_at", &returned_at),
                    ("kind", &edit.kind.code()),
                    ("missing_from", &edit.missing_from.code()),
                    ("placement_id", &placement_id),
                    ("police_ref", &tidy(&edit.police_ref)),
                    ("risk", &edit.risk.map(|r| r.code())),
                    ("exploitation", &Exploitation::join(&edit.exploitation)),
                ],
            )?;
            if let Some(r) = edit.risk {
                db.exec(super::risk_grades::CORRECT_LATEST_GRADE, rusqlite::params![episode_id, r.code()])?;
            }
            Ok(())
        })
        .map(|((), change)| change)
    }
}
