//! Mark a return interview not required, with the reason.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::interview_subject;
use super::request::{Request, Submission, Target};
use crate::store::edit::{EpisodeRecord, InterviewRecord, Stamped};

pub fn open(episode: &EpisodeRecord, ri: &Stamped<InterviewRecord>) -> Form {
    let fields = vec![
        Field::new("not_required_reason", "Reason", FieldKind::Text)
            .required()
            .with_text(ri.value.not_required_reason.clone().unwrap_or_default()),
    ];
    Form::new(
        FormKind::NotRequired,
        "Return interview not required",
        interview_subject(episode),
        Target::Interview { id: ri.id, version: ri.version },
        fields,
    )
}

pub fn submit(form: &mut Form) -> Option<Submission> {
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Interview { id, version } = form.target else { return None };
    let reason = form.field("not_required_reason")?.text()?;
    Some(Submission {
        request: Request::NotRequired { interview_id: id, version, reason },
        summary: format!("Marked {}'s return interview not required", form.subject_name()),
    })
}
