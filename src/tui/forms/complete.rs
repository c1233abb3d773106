//! Complete a return interview: when, how, and the reasons the child gave.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, interview_subject, parse_code, time};
use crate::domain::codes::{Reason, RiOutcome};
use crate::domain::time::Instant;
use crate::domain::when::describe;
use crate::store::edit::{Completion, EpisodeRecord, InterviewRecord, Stamped};

/// The outcomes that complete an interview ("not required" has its own form).
const DONE: [RiOutcome; 3] = [RiOutcome::FaceToFace, RiOutcome::FromCarers, RiOutcome::Declined];

pub fn open(episode: &EpisodeRecord, ri: &Stamped<InterviewRecord>) -> Form {
    let i = &ri.value.interview;
    let reasons: Vec<&str> = i.reasons.iter().map(|r| r.code()).collect();
    let outcome = i.outcome.filter(|o| DONE.contains(o)).unwrap_or(RiOutcome::FaceToFace);
    let fields = vec![
        Field::new("completed_at", "Completed", FieldKind::When { past: true })
            .required()
            .with_text(i.completed_at.map_or_else(|| "now".to_string(), describe)),
        Field::new(
            "outcome",
            "Outcome",
            FieldKind::Choice {
                options: DONE.iter().map(|o| (o.code(), o.label())).collect(),
                selected: None,
                optional: false,
            },
        )
        .required()
        .with_choice(Some(outcome.code())),
        Field::new("reasons", "Reasons", choices!(Reason, multi)).with_checked(&reasons),
    ];
    Form::new(
        FormKind::Complete,
        "Complete return interview",
        format!("{} · attempts: {}", interview_subject(episode), ri.value.attempts.len()),
        Target::Interview { id: ri.id, version: ri.version },
        fields,
    )
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let at = time(form, "completed_at", now);
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Interview { id, version } = form.target else { return None };
    let completed_at = at?;
    let outcome = parse_code(form.field("outcome")?.choice()?, RiOutcome::parse)?;
    let reasons = form.field("reasons")?.checked().into_iter().filter_map(|c| Reason::parse(c).ok()).collect();
    Some(Submission {
        request: Request::Complete {
            interview_id: id,
            version,
            completion: Completion { completed_at, outcome, reasons },
        },
        summary: format!("Completed {}'s return interview at {}", form.subject_name(), describe(completed_at)),
    })
}
