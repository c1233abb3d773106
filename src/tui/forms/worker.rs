//! Assign the worker who will do a return interview.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::interview_subject;
use super::request::{Request, Submission, Target};
use crate::store::edit::{EpisodeRecord, InterviewRecord, Stamped};

pub fn open(episode: &EpisodeRecord, ri: &Stamped<InterviewRecord>, workers: Vec<String>) -> Form {
    let fields = vec![
        Field::new("worker", "Worker", FieldKind::Suggest(workers))
            .with_text(ri.value.interview.worker.clone().unwrap_or_default()),
    ];
    Form::new(
        FormKind::AssignWorker,
        "Assign worker",
        interview_subject(episode),
        Target::Interview { id: ri.id, version: ri.version },
        fields,
    )
}

pub fn submit(form: &mut Form) -> Option<Submission> {
    let Target::Interview { id, version } = form.target else { return None };
    let worker = form.field("worker").and_then(|f| f.text());
    let summary = match &worker {
        Some(w) => format!("Assigned {w} to {}'s return interview", form.subject_name()),
        None => format!("Cleared the worker on {}'s return interview", form.subject_name()),
    };
    Some(Submission { request: Request::AssignWorker { interview_id: id, version, worker }, summary })
}
