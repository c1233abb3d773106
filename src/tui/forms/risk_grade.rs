//! A new police risk grade during an episode: the police review the grade
//! as the case goes on; each is kept with when it was given.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, parse_code, time};
use crate::domain::codes::Risk;
use crate::domain::risk::RiskGrade;
use crate::domain::time::Instant;
use crate::domain::when::describe;
use crate::store::edit::{EpisodeRecord, Stamped};

pub fn open(episode: &Stamped<EpisodeRecord>, now: Instant) -> Form {
    let e = &episode.value.episode;
    // While the child is missing the grade is given now; after, at the latest by the return.
    let at = e.returned_at.map_or(now, |r| r.min(now));
    let fields = vec![
        Field::new("graded_at", "Graded at", FieldKind::When { past: true }).required().with_text(describe(at)),
        Field::new("risk", "Police risk", choices!(Risk)).required().with_choice(e.risk.map(|r| r.code())),
    ];
    let now_grade = e.risk.map_or("not graded".to_string(), |r| r.label().to_lowercase());
    Form::new(
        FormKind::RiskGrade,
        "New police risk grade",
        format!("{} · {} · now {now_grade}", episode.value.name, e.episode_ref),
        Target::Episode { id: episode.id, version: episode.version },
        fields,
    )
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let at = time(form, "graded_at", now);
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Episode { id, version } = form.target else { return None };
    let risk = parse_code(form.field("risk")?.choice()?, Risk::parse)?;
    Some(Submission {
        summary: format!("Recorded the police's grade for {}: {}", form.subject_name(), risk.label().to_lowercase()),
        request: Request::RiskGrade { episode_id: id, version, grade: RiskGrade { at: at?, risk } },
    })
}
