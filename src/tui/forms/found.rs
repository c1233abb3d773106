//! Record a child found or returned: the end of their open episode.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::time;
use crate::domain::time::Instant;
use crate::domain::when::describe;
use crate::store::edit::{EpisodeRecord, Found, Stamped};

pub fn open(episode: &Stamped<EpisodeRecord>) -> Form {
    let e = &episode.value;
    let fields = vec![
        // A return already recorded is shown as it is, so saving the other
        // fields does not move it to now.
        Field::new("returned_at", "Found / returned", FieldKind::When { past: true })
            .required()
            .with_text(e.episode.returned_at.map_or_else(|| "now".to_string(), describe)),
        Field::new("where_found", "Where found", FieldKind::Text).with_text(e.where_found.clone().unwrap_or_default()),
        Field::new("found_with", "Who with", FieldKind::Text).with_text(e.found_with.clone().unwrap_or_default()),
    ];
    Form::new(
        FormKind::Found,
        "Found / returned",
        format!("{} · {} · missing since {}", e.name, e.episode.episode_ref, describe(e.episode.missing_at)),
        Target::Episode { id: episode.id, version: episode.version },
        fields,
    )
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let returned_at = time(form, "returned_at", now);
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Episode { id, version } = form.target else { return None };
    let returned_at = returned_at?;
    let found = Found {
        returned_at,
        where_found: form.field("where_found").and_then(|f| f.text()),
        found_with: form.field("found_with").and_then(|f| f.text()),
    };
    Some(Submission {
        request: Request::Found { episode_id: id, version, found },
        summary: format!("Recorded {} found at {}", form.subject_name(), describe(returned_at)),
    })
}
