//! The session's MPMG part: opening the meeting and action forms on rows
//! read with their versions, finding the meeting an action names by its
//! month, and the one-key action done / reopen and delete.

use super::{Flow, Session};
use crate::domain::history::Month;
use crate::domain::mpmg_review::{month_before, month_code, month_label};
use crate::domain::period::YearMonth;
use crate::domain::record::full_name;
use crate::domain::time::uk_date;
use crate::store::StoreError;
use crate::store::edit::Problem;
use crate::tui::editing::Opening;
use crate::tui::forms::Known;
use crate::tui::forms::form::Form;
use crate::tui::forms::request::{Request, Submission};
use crate::tui::forms::{action, mpmg_meeting};
use std::collections::BTreeSet;

impl Session {
    /// Meeting `row`, or (none named) the meeting for `month` (by default the
    /// month just gone) if it is recorded, else a new one for that month.
    pub(super) fn open_mpmg_meeting(&self, row: Option<i64>, month: Option<Month>) -> Result<Form, StoreError> {
        let today = uk_date(self.now());
        let month = month.unwrap_or_else(|| month_before(today));
        let existing = match row {
            Some(id) => Some(self.store.mpmg_meeting(id)?),
            None => self.store.mpmg_meeting_for_month(month)?,
        };
        Ok(mpmg_meeting::open(existing.as_ref(), month, today))
    }

    /// One key on the MPMG tab: the child reviewed at the month's meeting, or no longer.
    pub(super) fn toggle_reviewed(&mut self, person_ref: &str) -> Flow {
        let month = self.app.mpmg_month;
        let read = (|| -> Result<_, StoreError> {
            let meeting = self.store.mpmg_meeting_for_month(month.as_month())?;
            let person_id = self.store.person_id_by_ref(person_ref)?;
            Ok((meeting, person_id))
        })();
        let (meeting, person_id) = match read {
            Ok((Some(m), Some(p))) => (m, p),
            Ok((None, _)) => {
                self.app.status = Some(format!(
                    "No meeting is recorded for {}: M records it, then Space marks who it reviewed",
                    month.long_name()
                ));
                return Flow::Continue;
            }
            Ok((_, None)) => {
                self.app.status = Some(format!("{person_ref} is no longer in the database"));
                return Flow::Continue;
            }
            Err(e) => {
                self.app.status = Some(format!("Could not read the meeting: {e}"));
                return Flow::Continue;
            }
        };
        let reviewed = match self.store.reviewed_in(meeting.id) {
            Ok(ids) => ids.contains(&person_id),
            Err(e) => {
                self.app.status = Some(format!("Could not read the meeting: {e}"));
                return Flow::Continue;
            }
        };
        let name = self.child_name(person_id).unwrap_or_else(|_| person_ref.to_string());
        let summary = match reviewed {
            false => format!("{name} marked reviewed at the {} meeting", month.long_name()),
            true => format!("{name} no longer marked reviewed at the {} meeting", month.long_name()),
        };
        self.save(Submission {
            request: Request::SetReviewed { meeting_id: meeting.id, person_id, reviewed: !reviewed },
            summary,
        })
    }

    /// The action form for the opening's child: on action `row`, or a new
    /// one tied to the meeting for the opening's month (the MPMG tab's),
    /// else to the latest meeting that reviewed the child. Saved, an action
    /// at a meeting records the child reviewed at it, in the same change.
    ///
    /// From the MPMG tab with no meeting recorded for its month, no form
    /// opens (`Ok(Err(why))`): the action would be tied to no meeting, or to
    /// another month's. The meeting is not made here either: its date and
    /// who attended are for the chair to give, with `M`.
    pub(super) fn open_action(&self, opening: &Opening, known: &Known) -> Result<Result<Form, String>, StoreError> {
        let person_ref = opening.person_ref.clone().unwrap_or_default();
        let person_id = self
            .store
            .person_id_by_ref(&person_ref)?
            .ok_or_else(|| StoreError::Corrupt(format!("child {person_ref} is no longer in the database")))?;
        let existing = opening.row.map(|id| self.store.mpmg_action(id)).transpose()?;
        let meeting = match opening.month {
            Some(month) if existing.is_none() => match self.store.mpmg_meeting_for_month(month)? {
                Some(_) => Some(month),
                None => {
                    return Ok(Err(format!(
                        "No meeting is recorded for {}: M records it, then + adds the actions agreed at it",
                        YearMonth::from_month(month).map_or_else(|| month_label(month), |m| m.long_name())
                    )));
                }
            },
            _ => self.store.reviews_of(person_id)?.first().map(|m| m.month),
        };
        let who: BTreeSet<String> = known.workers.iter().cloned().chain(self.store.action_owners()?).collect();
        let months = self.store.mpmg_meetings()?.iter().map(|m| month_code(m.value.month)).collect();
        let known = action::Known { who: who.into_iter().collect(), months };
        let subject = format!("{} · {person_ref}", self.child_name(person_id)?);
        Ok(Ok(action::open(subject, person_id, existing.as_ref(), meeting, known)))
    }

    fn child_name(&self, person_id: i64) -> Result<String, StoreError> {
        let p = self.store.person(person_id)?.value.person;
        Ok(full_name(&p.given_name, &p.family_name))
    }

    /// The meeting recorded for `month` (`Ok(None)` when no month was
    /// given), or the problem to show on the form's meeting field.
    pub(super) fn meeting_id(&self, month: Option<Month>) -> Result<Result<Option<i64>, Problem>, StoreError> {
        let Some(month) = month else { return Ok(Ok(None)) };
        Ok(match self.store.mpmg_meeting_for_month(month)? {
            Some(m) => Ok(Some(m.id)),
            None => Err(Problem::blocking(
                "meeting_id",
                format!("no MPMG meeting is recorded for {}; record it first (M)", month_label(month)),
            )),
        })
    }

    /// One key on an action: done today, or open again if it was done.
    pub(super) fn toggle_action_done(&mut self, action_id: i64) -> Flow {
        let read = self.store.mpmg_action(action_id).and_then(|a| Ok((self.child_name(a.value.person_id)?, a)));
        let (name, a) = match read {
            Ok(pair) => pair,
            Err(e) => {
                self.app.status = Some(format!("Could not read the action: {e}"));
                return Flow::Continue;
            }
        };
        let what = &a.value.action.what;
        let (done_on, summary) = match a.value.action.done_on {
            Some(_) => (None, format!("Reopened {name}'s MPMG action: {what}")),
            None => (Some(uk_date(self.now())), format!("Marked {name}'s MPMG action done: {what}")),
        };
        self.save(Submission { request: Request::ActionDone { id: a.id, version: a.version, done_on }, summary })
    }

    pub(super) fn ask_delete_action(&mut self, action_id: i64) -> Result<(), StoreError> {
        let a = self.store.mpmg_action(action_id)?;
        let name = self.child_name(a.value.person_id)?;
        let what = &a.value.action.what;
        let question = format!("Delete {name}'s MPMG action \"{what}\"?");
        let summary = format!("Deleted {name}'s MPMG action: {what}");
        self.app.ask(question, Submission { request: Request::DeleteAction { id: a.id, version: a.version }, summary });
        Ok(())
    }
}
