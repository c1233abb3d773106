//! An action the MPMG agreed for a child: what, who, by when, done, and the
//! meeting that agreed it.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{day, month};
use crate::domain::history::Month;
use crate::domain::mpmg_review::{Action, month_code};
use crate::store::AgreedAction;
use crate::store::edit::Stamped;
use chrono::NaiveDate;

/// What the form offers as you type.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Workers and everyone named on an action so far.
    pub who: Vec<String>,
    /// The months with a meeting recorded (`2026-03`), the latest first.
    pub months: Vec<String>,
}

/// The form for a child ("Alex Smith · T001"): on `existing`, or a new
/// action tied to the meeting for `meeting` (the latest that reviewed them).
pub fn open(
    subject: String,
    person_id: i64,
    existing: Option<&Stamped<AgreedAction>>,
    meeting: Option<Month>,
    known: Known,
) -> Form {
    let a = existing.map(|s| &s.value.action);
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
    let meeting = existing.map_or(meeting, |s| s.value.meeting.map(|m| m.month));
    let fields = vec![
        Field::new("what", "What", FieldKind::Text).required().with_text(a.map(|a| a.what.clone()).unwrap_or_default()),
        Field::new("who", "Who", FieldKind::Suggest(known.who))
            .with_text(a.and_then(|a| a.who.clone()).unwrap_or_default()),
        Field::new("due_on", "Due by", FieldKind::Day { birth: false })
            .hint("no date agreed")
            .with_text(date(a.and_then(|a| a.due_on))),
        Field::new("done_on", "Done on", FieldKind::Day { birth: false })
            .hint("open")
            .with_text(date(a.and_then(|a| a.done_on))),
        Field::new("meeting_id", "Agreed at MPMG", FieldKind::Suggest(known.months))
            .hint("month reviewed, YYYY-MM; empty: not at a meeting")
            .with_text(meeting.map(month_code).unwrap_or_default()),
    ];
    let (title, target) = match existing {
        Some(s) => ("MPMG action", Target::MpmgAction { id: s.id, version: s.version }),
        None => ("New MPMG action", Target::NewMpmgAction { person_id }),
    };
    Form::new(FormKind::MpmgAction, title, subject, target, fields)
}

pub fn submit(form: &mut Form, today: NaiveDate) -> Option<Submission> {
    let due_on = day(form, "due_on", today);
    let done_on = day(form, "done_on", today);
    let meeting = month(form, "meeting_id");
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let text = |key: &str| form.field(key).and_then(|f| f.text());
    let action = Action { what: text("what")?, who: text("who"), due_on, done_on };
    let name = form.subject_name().to_string();
    let (request, summary) = match form.target {
        Target::MpmgAction { id, version } => {
            (Request::UpdateAction { id, version, meeting, action }, format!("Saved {name}'s MPMG action"))
        }
        Target::NewMpmgAction { person_id } => {
            let summary = format!("Added an MPMG action for {name}: {}", action.what);
            (Request::AddAction { person_id, meeting, action }, summary)
        }
        _ => return None,
    };
    Some(Submission { request, summary })
}
