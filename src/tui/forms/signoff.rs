//! A manager's quality sign-off of a return interview.

use super::field::Field;
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, interview_subject, parse_code};
use crate::domain::codes::Signoff;
use crate::store::edit::{EpisodeRecord, InterviewRecord, Stamped};

pub fn open(episode: &EpisodeRecord, ri: &Stamped<InterviewRecord>) -> Form {
    // On the value recorded: Enter alone must never approve an interview.
    let current = ri.value.signoff;
    let fields =
        vec![Field::new("signoff", "Sign-off", choices!(Signoff)).required().with_choice(Some(current.code()))];
    Form::new(
        FormKind::SignOff,
        "Manager sign-off",
        interview_subject(episode),
        Target::Interview { id: ri.id, version: ri.version },
        fields,
    )
}

pub fn submit(form: &mut Form) -> Option<Submission> {
    form.require_filled();
    let Target::Interview { id, version } = form.target else { return None };
    let signoff = parse_code(form.field("signoff")?.choice()?, Signoff::parse)?;
    Some(Submission {
        request: Request::SignOff { interview_id: id, version, signoff },
        summary: format!("Sign-off of {}'s return interview: {}", form.subject_name(), signoff.label().to_lowercase()),
    })
}
