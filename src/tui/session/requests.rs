//! What each request asks of the store: the checks that may warn before a
//! save, and the write itself.

use super::Session;
use crate::domain::time::{Instant, uk_date};
use crate::store::StoreError;
use crate::store::edit::{Change, EditError, NewEpisode, Problem};
use crate::tui::forms::request::{MissingReport, Request};

impl Session {
    /// A missing report with where from filled in: left empty, it is where the child lives.
    fn new_episode(&self, r: &MissingReport) -> Result<Result<NewEpisode, Problem>, StoreError> {
        let from = match &r.from {
            Some(from) => Some(from.clone()),
            None => self.store.usual_place(r.person_id)?,
        };
        Ok(match from {
            Some((missing_from, missing_from_name)) => Ok(NewEpisode {
                missing_at: r.missing_at,
                kind: r.kind,
                missing_from,
                missing_from_name,
                police_ref: r.police_ref.clone(),
                risk: r.risk,
            }),
            None => Err(Problem {
                field: "missing_from",
                message: "nothing is recorded of where the child lives: choose where they went missing from (a family home needs no name)".into(),
                blocking: true,
            }),
        })
    }

    /// Problems the store finds before writing (warnings included).
    pub(super) fn check(&self, request: &Request, now: Instant) -> Result<Vec<Problem>, StoreError> {
        Ok(match request {
            Request::AddPerson(record) => self.store.check_person(None, record, uk_date(now))?,
            Request::UpdatePerson { id, record, .. } => self.store.check_person(Some(*id), record, uk_date(now))?,
            Request::ReportMissing(r) => match self.new_episode(r)? {
                Ok(e) => self.store.check_new_episode(r.person_id, &e, now)?,
                Err(p) => vec![p],
            },
            Request::Found { episode_id, found, .. } => self.store.check_found(*episode_id, found, now)?,
            Request::UpdateEpisode { episode_id, edit, .. } => self.store.check_episode_edit(*episode_id, edit, now)?,
            Request::AddMpmgMeeting(m) => self.store.check_mpmg_meeting(None, m, uk_date(now))?,
            Request::UpdateMpmgMeeting { id, meeting, .. } => {
                self.store.check_mpmg_meeting(Some(*id), meeting, uk_date(now))?
            }
            Request::AddAction { meeting, action, .. } | Request::UpdateAction { meeting, action, .. } => {
                match self.meeting_id(*meeting)? {
                    Ok(id) => self.store.check_mpmg_action(id, action, uk_date(now))?,
                    Err(p) => vec![p],
                }
            }
            Request::Attempt { interview_id, attempt, .. } => self.store.check_attempt(*interview_id, attempt, now)?,
            Request::Complete { interview_id, completion, .. } => {
                self.store.check_completion(*interview_id, completion, now)?
            }
            Request::SignOff { interview_id, signoff, .. } => self.store.check_signoff(*interview_id, *signoff)?,
            Request::NotRequired { reason, .. } => crate::domain::checks::not_required(reason),
            Request::RiskGrade { episode_id, grade, .. } => self.store.check_risk_grade(*episode_id, grade.at, now)?,
            Request::Meeting { episode_id, entry, .. } => self.store.check_meeting(*episode_id, entry, now)?,
            // The other writes check themselves and have no warnings.
            _ => Vec::new(),
        })
    }

    pub(super) fn write(&mut self, request: &Request, now: Instant) -> Result<Change, EditError> {
        let s = &mut self.store;
        let today = uk_date(now);
        match request {
            Request::AddPerson(record) => s.add_person(record, today).map(|(_, c)| c),
            Request::UpdatePerson { id, version, record } => s.update_person(*id, *version, record, today),
            Request::ReportMissing(r) => {
                let episode = match self.new_episode(r)? {
                    Ok(e) => e,
                    Err(p) => return Err(EditError::Invalid(vec![p])),
                };
                self.store.report_missing(r.person_id, &episode, now).map(|(_, c)| c)
            }
            Request::Found { episode_id, version, found } => s.record_found(*episode_id, *version, found, now),
            Request::UpdateEpisode { episode_id, version, edit } => s.update_episode(*episode_id, *version, edit, now),
            Request::AssignWorker { interview_id, version, worker } => {
                s.assign_worker(*interview_id, *version, worker.clone())
            }
            Request::Attempt { interview_id, version, attempt } => s.add_attempt(*interview_id, *version, attempt, now),
            Request::Complete { interview_id, version, completion } => {
                s.complete_interview(*interview_id, *version, completion, now)
            }
            Request::NotRequired { interview_id, version, reason } => {
                s.interview_not_required(*interview_id, *version, reason)
            }
            Request::SignOff { interview_id, version, signoff } => s.sign_off(*interview_id, *version, *signoff, now),
            Request::RequireInterview { interview_id, version } => s.require_interview(*interview_id, *version),
            Request::Meeting { episode_id, version, entry } => s.set_meeting(*episode_id, *version, entry, now),
            Request::DeleteEpisode { episode_id, version } => s.delete_episode(*episode_id, *version),
            Request::AddMpmgMeeting(m) => s.add_mpmg_meeting(m, today).map(|(_, c)| c),
            Request::UpdateMpmgMeeting { id, version, meeting } => s.update_mpmg_meeting(*id, *version, meeting, today),
            Request::SetReviewed { meeting_id, person_id, reviewed } => {
                s.set_reviewed(*meeting_id, *person_id, *reviewed)
            }
            Request::AddAction { person_id, meeting, action } => {
                let meeting_id = self.meeting_id(*meeting)?.map_err(|p| EditError::Invalid(vec![p]))?;
                self.store.add_action(*person_id, meeting_id, action, today).map(|(_, c)| c)
            }
            Request::UpdateAction { id, version, meeting, action } => {
                let meeting_id = self.meeting_id(*meeting)?.map_err(|p| EditError::Invalid(vec![p]))?;
                self.store.update_action(*id, *version, meeting_id, action, today)
            }
            Request::ActionDone { id, version, done_on: Some(day) } => s.mark_action_done(*id, *version, *day, today),
            Request::ActionDone { id, version, done_on: None } => s.reopen_action(*id, *version),
            Request::DeleteAction { id, version } => s.delete_action(*id, *version),
            Request::RiskGrade { episode_id, version, grade } => {
                s.record_risk_grade(*episode_id, *version, *grade, now)
            }
            Request::RecordOffer { interview_id, version, offered, accepted } => {
                s.record_offer(*interview_id, *version, *offered, *accepted)
            }
        }
    }
}
