//! Record one attempt at a return interview.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, interview_subject, parse_code, time};
use crate::domain::codes::{AttemptMethod, AttemptOutcome};
use crate::domain::record::Attempt;
use crate::domain::time::Instant;
use crate::store::edit::{EpisodeRecord, InterviewRecord, Stamped};

pub fn open(episode: &EpisodeRecord, ri: &Stamped<InterviewRecord>) -> Form {
    let fields = vec![
        Field::new("attempted_at", "When", FieldKind::When { past: true }).required().with_text("now"),
        Field::new("method", "How", choices!(AttemptMethod))
            .required()
            .with_choice(Some(AttemptMethod::FaceToFace.code())),
        Field::new("outcome", "Outcome", choices!(AttemptOutcome))
            .required()
            .with_choice(Some(AttemptOutcome::NotSeen.code())),
    ];
    Form::new(
        FormKind::Attempt,
        "Record an attempt",
        format!("{} · attempts so far: {}", interview_subject(episode), ri.value.attempts.len()),
        Target::Interview { id: ri.id, version: ri.version },
        fields,
    )
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let at = time(form, "attempted_at", now);
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Interview { id, version } = form.target else { return None };
    let method = parse_code(form.field("method")?.choice()?, AttemptMethod::parse)?;
    let outcome = parse_code(form.field("outcome")?.choice()?, AttemptOutcome::parse)?;
    let attempt = Attempt { at, method: Some(method), outcome: Some(outcome) };
    Some(Submission {
        request: Request::Attempt { interview_id: id, version, attempt },
        summary: format!(
            "Recorded a {} attempt for {}: {}",
            method.label().to_lowercase(),
            form.subject_name(),
            outcome.label().to_lowercase()
        ),
    })
}
