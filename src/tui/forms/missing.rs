//! Report a child missing: a new episode.

use super::Known;
use super::child::ChildPick;
use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{MissingReport, Request, Submission, Target};
use super::{choices, parse_code, place_of, time};
use crate::domain::codes::{EpisodeKind, MissingFrom, Risk};
use crate::domain::time::Instant;
use crate::domain::when::describe;

/// `pick` is every child to search, or one child when opened from their row.
pub fn open(pick: ChildPick, fixed: bool, known: &Known) -> Form {
    let mut child = Field::new("person", "Child", FieldKind::Child(Box::new(pick))).required();
    if fixed {
        child = child.locked();
    }
    let fields = vec![
        child,
        Field::new("missing_at", "Missing since", FieldKind::When { past: true }).required().with_text("now"),
        Field::new("kind", "Type", choices!(EpisodeKind)).with_choice(Some(EpisodeKind::Missing.code())),
        Field::new("missing_from", "Missing from", choices!(MissingFrom, optional))
            .hint("empty: where the child lives"),
        Field::new(
            "missing_from_name",
            "Placement name",
            FieldKind::Suggest(known.placements.iter().map(|p| p.name.clone()).collect()),
        ),
        Field::new("police_ref", "Police reference", FieldKind::Text),
        Field::new("risk", "Police risk", choices!(Risk, optional)),
    ];
    let mut form = Form::new(FormKind::Missing, "Report missing", String::new(), Target::NewEpisode, fields);
    form.places = known.placements.clone();
    form
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let child = form.field("person").and_then(|f| match &f.kind {
        FieldKind::Child(pick) => pick.chosen().map(|h| (h.id, h.name.clone())),
        _ => None,
    });
    let missing_at = time(form, "missing_at", now);
    // Both empty: where the child lives, which the session looks up.
    let from = place_of(form, "missing_from", "missing_from_name").ok().flatten();
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let (person_id, child_name) = child?;
    let missing_at = missing_at?;
    let report = MissingReport {
        person_id,
        missing_at,
        kind: parse_code(form.field("kind")?.choice()?, EpisodeKind::parse)?,
        from,
        police_ref: form.field("police_ref").and_then(|f| f.text()),
        risk: form.field("risk").and_then(|f| f.choice()).and_then(|c| Risk::parse(c).ok()),
    };
    Some(Submission {
        request: Request::ReportMissing(report),
        summary: format!("Reported {child_name} missing since {}", describe(missing_at)),
    })
}
