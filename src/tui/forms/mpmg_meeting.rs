//! An MPMG meeting: when it met, the month it reviewed, who came, notes.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{day, month};
use crate::domain::history::Month;
use crate::domain::mpmg_review::{MpmgMeeting, month_code, month_label};
use crate::domain::when::describe_day;
use crate::store::edit::Stamped;
use chrono::NaiveDate;

/// The form on `existing`, or a new meeting held today reviewing last month.
/// `month`: the month a new meeting reviews (an existing one keeps its own).
pub fn open(existing: Option<&Stamped<MpmgMeeting>>, month: Month, today: NaiveDate) -> Form {
    let m = existing.map(|s| &s.value);
    let fields = vec![
        Field::new("held_on", "Held on", FieldKind::Day { birth: false })
            .required()
            .with_text(m.map_or(today, |m| m.held_on).format("%d/%m/%Y").to_string()),
        Field::new("month", "Month reviewed", FieldKind::Text)
            .required()
            .hint("YYYY-MM, usually the month before")
            .with_text(month_code(m.map_or(month, |m| m.month))),
        Field::new("attendees", "Attendees", FieldKind::Text)
            .hint("agencies and names")
            .with_text(m.and_then(|m| m.attendees.clone()).unwrap_or_default()),
        Field::new("notes", "Notes", FieldKind::Text).with_text(m.and_then(|m| m.notes.clone()).unwrap_or_default()),
    ];
    let (subject, target) = match existing {
        Some(s) => (
            format!("Reviewing {} · held {}", month_label(s.value.month), describe_day(s.value.held_on)),
            Target::MpmgMeeting { id: s.id, version: s.version },
        ),
        None => ("A meeting not yet recorded".to_string(), Target::NewMpmgMeeting),
    };
    Form::new(FormKind::MpmgMeeting, "MPMG meeting", subject, target, fields)
}

pub fn submit(form: &mut Form, today: NaiveDate) -> Option<Submission> {
    let held_on = day(form, "held_on", today);
    let month = month(form, "month");
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let text = |key: &str| form.field(key).and_then(|f| f.text());
    let meeting = MpmgMeeting { held_on: held_on?, month: month?, attendees: text("attendees"), notes: text("notes") };
    let summary = format!("Recorded the MPMG meeting for {}", month_label(meeting.month));
    let request = match form.target {
        Target::MpmgMeeting { id, version } => Request::UpdateMpmgMeeting { id, version, meeting },
        _ => Request::AddMpmgMeeting(meeting),
    };
    Some(Submission { request, summary })
}
