//! The return interview forms: worker, attempts, completion, "not
//! required" and the manager's sign-off. Every write, attempts included,
//! moves the interview's version, so two people working on one interview at
//! once get a conflict instead of one silently undoing the other.

use super::db::{Db, tidy};
use super::people::refuse_blocking;
use super::{Attempt, Change, Completion, EditError, InterviewRecord, Problem, Stamped};
use crate::domain::checks;
use crate::domain::codes::{AttemptMethod, AttemptOutcome, Reason, RiOutcome, Signoff};
use crate::domain::record::ReturnInterview;
use crate::domain::time::{Instant, db_text};
use crate::store::cases::{code, opt_code, opt_instant};
use crate::store::{Result, Store, StoreError};

/// An interview with what its checks need: when the child returned.
struct Loaded {
    returned_at: Option<Instant>,
    attempt_ids: Vec<i64>,
    stamped: Stamped<InterviewRecord>,
}

impl Db<'_> {
    /// The interview whose `key_column` (`ri.id` or `ri.episode_id`) is `key`.
    fn load_interview(&self, key_column: &str, key: i64) -> Result<Loaded> {
        let sql = format!(
            "SELECT ri.id, ri.version, ri.required, ri.worker, ri.completed_at, ri.outcome, ri.reasons,
                    ri.not_required_reason, ri.signoff, e.returned_at, ri.offered, ri.accepted
               FROM return_interviews ri JOIN episodes e ON e.id = ri.episode_id
              WHERE {key_column} = ?1"
        );
        let what = if key_column == "ri.id" { "return interview" } else { "episode's return interview" };
        let (id, version, interview, reasons, not_required_reason, signoff, returned_at) = self
            .one(&sql, [key], |r| {
                let interview = ReturnInterview {
                    required: r.get(2)?,
                    worker: r.get(3)?,
                    attempts: 0,
                    completed_at: opt_instant(r, 4)?,
                    outcome: opt_code(r, 5, RiOutcome::parse)?,
                    reasons: Vec::new(),
                    offered: r.get(10)?,
                    accepted: r.get(11)?,
                };
                let reasons: String = r.get(6)?;
                let not_required: Option<String> = r.get(7)?;
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    interview,
                    reasons,
                    not_required,
                    code(r, 8, Signoff::parse)?,
                    opt_instant(r, 9)?,
                ))
            })?
            .ok_or(StoreError::NotFound { what, id: key })?;
        let mut interview = interview;
        interview.reasons = reasons
            .split(';')
            .filter(|s| !s.is_empty())
            .map(|s| Reason::parse(s).map_err(|e| StoreError::Corrupt(e.to_string())))
            .collect::<Result<_>>()?;
        // Undated (imported) attempts first, then in time order.
        let rows: Vec<(i64, Attempt)> = self.all(
            "SELECT id, attempted_at, method, outcome FROM ri_attempts WHERE interview_id = ?1
              ORDER BY attempted_at, id",
            [id],
            |r| {
                let attempt = Attempt {
                    at: opt_instant(r, 1)?,
                    method: opt_code(r, 2, AttemptMethod::parse)?,
                    outcome: opt_code(r, 3, AttemptOutcome::parse)?,
                };
                Ok((r.get(0)?, attempt))
            },
        )?;
        let (attempt_ids, attempts): (Vec<i64>, Vec<Attempt>) = rows.into_iter().unzip();
        interview.attempts = u32::try_from(attempts.len()).unwrap_or(u32::MAX);
        let value = InterviewRecord { interview, attempts, not_required_reason, signoff };
        Ok(Loaded { returned_at, attempt_ids, stamped: Stamped { id, version, value } })
    }

    fn completion_problems(&self, interview_id: i64, c: &Completion, now: Instant) -> Result<Vec<Problem>> {
        let l = self.load_interview("ri.id", interview_id)?;
        Ok(checks::completion(l.returned_at, c.completed_at, c.outcome, &l.stamped.value.attempts, now))
    }

    fn attempt_problems(&self, interview_id: i64, attempt: &Attempt, now: Instant) -> Result<Vec<Problem>> {
        let l = self.load_interview("ri.id", interview_id)?;
        Ok(checks::attempt(l.returned_at, attempt, now))
    }

    fn signoff_problems(&self, interview_id: i64, signoff: Signoff) -> Result<Vec<Problem>> {
        let l = self.load_interview("ri.id", interview_id)?;
        Ok(checks::signoff(&l.stamped.value.interview, signoff))
    }
}

const TABLE: &str = "return_interviews";

impl Store {
    /// Episode `episode_id`'s return interview as read for its forms
    /// (`Stamped::id` is the interview's own id, which its writes take).
    pub fn interview(&self, episode_id: i64) -> Result<Stamped<InterviewRecord>> {
        Ok(self.db().load_interview("ri.episode_id", episode_id)?.stamped)
    }

    pub fn check_signoff(&self, interview_id: i64, signoff: Signoff) -> Result<Vec<Problem>> {
        self.db().signoff_problems(interview_id, signoff)
    }

    /// The completion's problems, as its write finds them (the forms show them as you type).
    pub fn check_completion(&self, interview_id: i64, c: &Completion, now: Instant) -> Result<Vec<Problem>> {
        self.db().completion_problems(interview_id, c, now)
    }

    /// The attempt's problems, as its write finds them (the forms show them as you type).
    pub fn check_attempt(&self, interview_id: i64, attempt: &Attempt, now: Instant) -> Result<Vec<Problem>> {
        self.db().attempt_problems(interview_id, attempt, now)
    }

    /// Records whether the interview was offered and accepted, as the user
    /// knows it (an offer made by letter, with no attempt); `None` goes back
    /// to deriving it from the attempts and outcome (`domain::ri_offer`).
    pub fn record_offer(
        &mut self,
        interview_id: i64,
        version: i64,
        offered: Option<bool>,
        accepted: Option<bool>,
    ) -> std::result::Result<Change, EditError> {
        if offered == Some(false) && accepted == Some(true) {
            return Err(EditError::Invalid(vec![Problem::blocking(
                "accepted",
                "an interview not offered cannot have been accepted",
            )]));
        }
        self.write(|db| db.update_at(TABLE, interview_id, version, &[("offered", &offered), ("accepted", &accepted)]))
            .map(|((), c)| c)
    }

    /// Sets (or, with `None` or blank, clears) the worker responsible.
    pub fn assign_worker(
        &mut self,
        interview_id: i64,
        version: i64,
        worker: Option<String>,
    ) -> std::result::Result<Change, EditError> {
        let worker = tidy(&worker);
        self.write(|db| db.update_at(TABLE, interview_id, version, &[("worker", &worker)])).map(|((), c)| c)
    }

    /// Makes the interview required: a child away without authorisation who
    /// asks for one, or an interview marked not required by mistake. A
    /// not-required outcome and its reason are cleared; any other outcome stays.
    pub fn require_interview(&mut self, interview_id: i64, version: i64) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version(TABLE, interview_id, version)?;
            let outcome: Option<String> =
                db.one("SELECT outcome FROM return_interviews WHERE id = ?1", [interview_id], |r| r.get(0))?.flatten();
            let outcome = outcome.filter(|o| o != RiOutcome::NotRequired.code());
            let none: Option<String> = None;
            db.update_at(
                TABLE,
                interview_id,
                version,
                &[("required", &true), ("outcome", &outcome), ("not_required_reason", &none)],
            )
        })
        .map(|((), c)| c)
    }

    /// Records one attempt at the interview (its time is required).
    pub fn add_attempt(
        &mut self,
        interview_id: i64,
        version: i64,
        attempt: &Attempt,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.expect_version(TABLE, interview_id, version)?;
            refuse_blocking(db.attempt_problems(interview_id, attempt, now)?)?;
            db.update_at(TABLE, interview_id, version, &[])?;
            let id = db.fresh_id("ri_attempts")?;
            db.exec(
                "INSERT INTO ri_attempts (id, interview_id, attempted_at, method, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
                (
                    id,
                    interview_id,
                    attempt.at.map(db_text),
                    attempt.method.map(|m| m.code()),
                    attempt.outcome.map(|o| o.code()),
                ),
            )?;
            Ok(())
        })
        .map(|((), c)| c)
    }

    /// Removes attempt number `index` (from 0) of the interview's attempts in
    /// the order [`Store::interview`] lists them. The version check makes the
    /// index safe: any other attempt added or removed since moves the version.
    pub fn delete_attempt(
        &mut self,
        interview_id: i64,
        version: i64,
        index: usize,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            db.update_at(TABLE, interview_id, version, &[])?;
            let loaded = db.load_interview("ri.id", interview_id)?;
            let Some(id) = loaded.attempt_ids.get(index) else {
                return Err(EditError::Invalid(vec![Problem::blocking(
                    "attempted_at",
                    format!(
                        "there is no attempt {} to delete; the interview has {}",
                        index + 1,
                        loaded.attempt_ids.len()
                    ),
                )]));
            };
            db.exec("DELETE FROM ri_attempts WHERE id = ?1", [id])?;
            Ok(())
        })
        .map(|((), c)| c)
    }

    /// Records the interview completed, with its outcome and the reasons it found.
    pub fn complete_interview(
        &mut self,
        interview_id: i64,
        version: i64,
        c: &Completion,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        let mut codes: Vec<&str> = Vec::new();
        for r in &c.reasons {
            if !codes.contains(&r.code()) {
                codes.push(r.code());
            }
        }
        let (completed, outcome, reasons) = (db_text(c.completed_at), c.outcome.code(), codes.join(";"));
        self.write(|db| {
            db.expect_version(TABLE, interview_id, version)?;
            refuse_blocking(db.completion_problems(interview_id, c, now)?)?;
            let none: Option<String> = None;
            db.update_at(
                TABLE,
                interview_id,
                version,
                &[
                    ("completed_at", &completed),
                    ("outcome", &outcome),
                    ("reasons", &reasons),
                    ("not_required_reason", &none),
                ],
            )
        })
        .map(|((), c)| c)
    }

    /// Records that no interview is needed, and why. `required` keeps the
    /// default it was given; the outcome `not_required` is what takes the
    /// interview off the chase list and out of the counts (see
    /// `ReturnInterview::is_required`). A completion recorded before is cleared.
    pub fn interview_not_required(
        &mut self,
        interview_id: i64,
        version: i64,
        reason: &str,
    ) -> std::result::Result<Change, EditError> {
        let reason = reason.trim().to_string();
        self.write(|db| {
            db.expect_version(TABLE, interview_id, version)?;
            refuse_blocking(checks::not_required(&reason))?;
            let none: Option<String> = None;
            db.update_at(
                TABLE,
                interview_id,
                version,
                &[
                    ("outcome", &RiOutcome::NotRequired.code()),
                    ("not_required_reason", &reason),
                    ("completed_at", &none),
                ],
            )
        })
        .map(|((), c)| c)
    }

    /// A manager's quality sign-off of a completed (or not required) interview.
    /// Records the manager's sign-off, with who (this connection's user) and
    /// when; back to pending clears both.
    pub fn sign_off(
        &mut self,
        interview_id: i64,
        version: i64,
        signoff: Signoff,
        now: Instant,
    ) -> std::result::Result<Change, EditError> {
        self.write(|db| {
            // The version first: the check is about the interview as it was read.
            db.expect_version(TABLE, interview_id, version)?;
            refuse_blocking(db.signoff_problems(interview_id, signoff)?)?;
            let (by, at) = match signoff {
                Signoff::Pending => (None, None),
                _ => (Some(db.user()?), Some(db_text(now))),
            };
            db.update_at(
                TABLE,
                interview_id,
                version,
                &[("signoff", &signoff.code()), ("signed_off_by", &by), ("signed_off_at", &at)],
            )
        })
        .map(|((), c)| c)
    }
}
