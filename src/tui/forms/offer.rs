//! Whether a return interview was offered and accepted, as the user knows it
//! (an interview offered by letter, with no attempt). Left empty, each is
//! derived from the attempts and outcome (`domain::ri_offer`), and the field
//! says what that gives.

use super::field::{Choice, Field, FieldKind};
use super::form::{Form, FormKind};
use super::interview_subject;
use super::request::{Request, Submission, Target};
use crate::domain::ri_offer;
use crate::store::edit::{EpisodeRecord, InterviewRecord, Stamped};

fn yes_no_or_derived(recorded: Option<bool>) -> FieldKind {
    let options: Vec<Choice> = vec![("yes", "Yes"), ("no", "No")];
    FieldKind::Choice { options, selected: recorded.map(|b| usize::from(!b)), optional: true }
}

pub fn open(episode: &EpisodeRecord, ri: &Stamped<InterviewRecord>) -> Form {
    let i = &ri.value.interview;
    let derived = |b: bool| if b { "yes" } else { "no" };
    let fields = vec![
        Field::new("offered", "Offered", yes_no_or_derived(i.offered))
            .hint(format!("empty: as recorded ({})", derived(ri_offer::derived_offered(i)))),
        Field::new("accepted", "Accepted", yes_no_or_derived(i.accepted))
            .hint(format!("empty: as recorded ({})", derived(ri_offer::derived_accepted(i)))),
    ];
    Form::new(
        FormKind::Offer,
        "Interview offered / accepted",
        interview_subject(episode),
        Target::Interview { id: ri.id, version: ri.version },
        fields,
    )
}

pub fn submit(form: &mut Form) -> Option<Submission> {
    let Target::Interview { id, version } = form.target else { return None };
    let read = |form: &Form, key: &str| form.field(key).and_then(|f| f.choice()).map(|c| c == "yes");
    let (offered, accepted) = (read(form, "offered"), read(form, "accepted"));
    if offered == Some(false) && accepted == Some(true) {
        form.fail("accepted", "an interview not offered cannot have been accepted");
        return None;
    }
    let word = |v: Option<bool>| match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "as recorded",
    };
    Some(Submission {
        summary: format!(
            "{}'s return interview: offered {}, accepted {}",
            form.subject_name(),
            word(offered),
            word(accepted)
        ),
        request: Request::RecordOffer { interview_id: id, version, offered, accepted },
    })
}
