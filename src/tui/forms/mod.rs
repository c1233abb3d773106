//! Keyboard forms: one generic engine (`form`, `field`) and one small file per form.
//!
//! A form is opened on rows read with their versions; saving turns its fields
//! into a [`request::Request`], which the session hands to the store.

pub mod child;
pub mod field;
pub mod form;
pub mod request;

pub mod action;
pub mod attempt;
pub mod complete;
pub mod episode;
pub mod find;
pub mod found;
pub mod meeting;
pub mod missing;
pub mod mpmg_meeting;
pub mod not_required;
pub mod offer;
pub mod person;
pub mod risk_grade;
pub mod signoff;
pub mod worker;

use crate::domain::checks::place_needs_name;
use crate::domain::codes::MissingFrom;
use crate::domain::history::Month;
use crate::domain::mpmg_review::parse_month;
use crate::domain::record::Placement;
use crate::domain::time::{Instant, uk_date};
use crate::store::edit::EpisodeRecord;
use chrono::NaiveDate;
use field::{Choice, FieldKind};
use form::{Form, FormKind};
use request::Submission;

/// What the pickers offer: known teams, workers and placements.
#[derive(Debug, Clone, Default)]
pub struct Known {
    pub authority: String,
    pub teams: Vec<String>,
    pub workers: Vec<String>,
    pub placements: Vec<Placement>,
}

/// A choice field over one of the domain's code lists.
macro_rules! choices {
    ($codes:ty) => {
        $crate::tui::forms::field::FieldKind::Choice {
            options: <$codes>::ALL.iter().map(|c| (c.code(), c.label())).collect(),
            selected: None,
            optional: false,
        }
    };
    ($codes:ty, optional) => {
        $crate::tui::forms::field::FieldKind::Choice {
            options: <$codes>::ALL.iter().map(|c| (c.code(), c.label())).collect(),
            selected: None,
            optional: true,
        }
    };
    ($codes:ty, multi) => {
        $crate::tui::forms::field::FieldKind::Multi {
            options: <$codes>::ALL.iter().map(|c| (c.code(), c.label())).collect(),
            checked: vec![false; <$codes>::ALL.len()],
            cursor: 0,
        }
    };
}
pub(crate) use choices;

/// A yes / no choice.
fn yes_no() -> FieldKind {
    let options: Vec<Choice> = vec![("no", "No"), ("yes", "Yes")];
    FieldKind::Choice { options, selected: Some(0), optional: false }
}

/// A code a field offered, read back; the field only offers valid codes.
fn parse_code<T, E>(code: &str, parse: impl Fn(&str) -> Result<T, E>) -> Option<T> {
    parse(code).ok()
}

/// The place a form's type and name fields give: both, a known name alone
/// (its type is known), or a type that needs no name (a family home).
/// `Ok(None)` when both are empty; otherwise the problem is left on its field.
fn place_of(form: &mut Form, type_key: &str, name_key: &str) -> Result<Option<(MissingFrom, Option<String>)>, ()> {
    let name = form.field(name_key).and_then(|f| f.text());
    let kind = form.field(type_key).and_then(|f| f.choice()).and_then(|c| MissingFrom::parse(c).ok());
    match (kind, name) {
        (Some(kind), name @ Some(_)) => Ok(Some((kind, name))),
        (None, None) => Ok(None),
        (None, Some(name)) => match form.places.iter().find(|p| p.name.eq_ignore_ascii_case(&name)) {
            Some(known) => Ok(Some((known.kind, Some(known.name.clone())))),
            None => {
                form.fail(type_key, format!("{name} is not a known placement: choose its type"));
                Err(())
            }
        },
        (Some(kind), None) if !place_needs_name(kind) => Ok(Some((kind, None))),
        (Some(_), None) => {
            form.fail(name_key, "give the placement's name");
            Err(())
        }
    }
}

/// Reads a time field, leaving its error on the field if it cannot.
fn time(form: &mut Form, key: &str, now: Instant) -> Option<Instant> {
    match form.field(key).map(|f| f.when(now)) {
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            form.fail(key, e);
            None
        }
        None => None,
    }
}

/// Reads a date field as of `today`, leaving its error on the field if it cannot.
fn day(form: &mut Form, key: &str, today: NaiveDate) -> Option<NaiveDate> {
    match form.field(key).map(|f| f.day(today)) {
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            form.fail(key, e);
            None
        }
        None => None,
    }
}

/// Reads a month field (`2026-03`, `Mar 2026`...), leaving its error on the field if it cannot.
fn month(form: &mut Form, key: &str) -> Option<Month> {
    let text = form.field(key)?.text()?;
    match parse_month(&text) {
        Ok(m) => Some(m),
        Err(e) => {
            form.fail(key, e.to_string());
            None
        }
    }
}

/// "Alex Smith · E05 · returned Sat 28 Nov 2026 09:30 GMT"
fn interview_subject(e: &EpisodeRecord) -> String {
    let returned = e
        .episode
        .returned_at
        .map_or("still missing".to_string(), |r| format!("returned {}", crate::domain::when::describe(r)));
    format!("{} · {} · {returned}", e.name, e.episode.episode_ref)
}

/// Checks a form's fields and builds its request; `None` leaves the
/// problems on the fields.
pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    form.clear_messages();
    let submission = match form.kind {
        // Finding a child saves nothing; the app opens their screen instead.
        FormKind::FindChild => None,
        FormKind::NewPerson | FormKind::EditPerson => person::submit(form, uk_date(now)),
        FormKind::Missing => missing::submit(form, now),
        FormKind::Found => found::submit(form, now),
        FormKind::EditEpisode => episode::submit(form, now),
        FormKind::AssignWorker => worker::submit(form),
        FormKind::Attempt => attempt::submit(form, now),
        FormKind::Complete => complete::submit(form, now),
        FormKind::NotRequired => not_required::submit(form),
        FormKind::SignOff => signoff::submit(form),
        FormKind::Meeting => meeting::submit(form, now),
        FormKind::MpmgMeeting => mpmg_meeting::submit(form, uk_date(now)),
        FormKind::MpmgAction => action::submit(form, uk_date(now)),
        FormKind::RiskGrade => risk_grade::submit(form, now),
        FormKind::Offer => offer::submit(form),
    };
    if submission.is_none() && !form.has_errors() && form.banner.is_none() {
        form.banner = Some("Some values are missing".into());
    }
    submission
}
