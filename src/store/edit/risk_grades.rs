//! A new police risk grade during an episode. Each grade is kept with its
//! time in `risk_grades`; `episodes.risk` is always the latest of them (the
//! lists read it there), so the write keeps both in one transaction. The
//! first new grade also records the episode's earlier grade, at the time
//! the child went missing, so the history is whole.

use super::db::Db;
use super::people::refuse_blocking;
use super::{Change, EditError, Problem};
use crate::domain::codes::Risk;
use crate::domain::risk::{self, RiskGrade};
use crate::domain::time::{Instant, db_text};
use crate::store::cases::{code, instant};
use crate::store::{Result, Store};

/// A risk set on the episode itself (the episode form correcting it, or an
/// import) corrects its latest grade, so `episodes.risk` and the history
/// agree. ?1 the episode's id, ?2 the risk code.
pub(crate) const CORRECT_LATEST_GRADE: &str = "UPDATE risk_grades SET risk = ?2, version = version + 1
     WHERE id = (SELECT id FROM risk_grades WHERE episode_id = ?1 ORDER BY graded_at DESC, id DESC LIMIT 1)
       AND risk <> ?2";

impl Db<'_> {
    /// The episode's grades, in the order given (then recorded).
    pub(super) fn risk_grades(&self, episode_id: i64) -> Result<Vec<RiskGrade>> {
        self.all(
            "SELECT graded_at, risk FROM risk_grades WHERE episode_id = ?1 ORDER BY graded_at, id",
            [episode_id],
            |r| Ok(RiskGrade { at: instant(r, 0)?, risk: code(r, 1, Risk::parse)? }),
        )
    }

    fn risk_grade_problems(&self, episode_id: i64, at: Instant, now: Instant) -> Result<Vec<Problem>> {
        let e = self.episode(episode_id)?.value.episode;
        Ok(risk::check_new_grade(at, e.missing_at, e.returned_at, now))
    }
}

impl Store {
    /// Episode `episode_id`'s risk grades, oldest first (empty when only the
    /// grade given when it was reported is known: that is `Episode::risk`).
    pub fn risk_grades(&self, episode_id: i64) -> Result<Vec<RiskGrade>> {
        self.db().risk_grades(episode_id)
    }

    pub fn check_risk_grade(&self, episode_id: i64, at: Instant, now: Instant) -> Result<Vec<Problem>> {
        self.db().risk_grade_problems(episode_id, at, now)
    }

    /// Records a grade the police gave during episode `episode_id` (read at
    /// `version`); the episode's risk becomes the latest grade.
    pub fn record_risk_grade(
        &mut self,
        episode_id: i64,
        version: i64,
        grade: RiskGrade,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version("episodes", episode_id, version)?;
            refuse_blocking(db.risk_grade_problems(episode_id, grade.at, now)?)?;
            let mut grades = db.risk_grades(episode_id)?;
            if grades.is_empty() {
                let e = db.episode(episode_id)?.value.episode;
                if let Some(first) = e.risk {
                    let earlier = RiskGrade { at: e.missing_at, risk: first };
                    db.insert_grade(episode_id, earlier)?;
                    grades.push(earlier);
                }
            }
            db.insert_grade(episode_id, grade)?;
            grades.push(grade);
            let now_risk = risk::latest(&grades).map(|r| r.code());
            db.update_at("episodes", episode_id, version, &[("risk", &now_risk)])
        })
        .map(|((), change)| change)
    }
}

impl Db<'_> {
    fn insert_grade(&self, episode_id: i64, grade: RiskGrade) -> Result<()> {
        let id = self.fresh_id("risk_grades")?;
        self.exec(
            "INSERT INTO risk_grades (id, episode_id, graded_at, risk) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![id, episode_id, db_text(grade.at), grade.risk.code()],
        )?;
        Ok(())
    }
}
