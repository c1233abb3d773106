//! Correct an episode's details: when the child went missing (and returned),
//! the type, where from, the police reference and risk, the exploitation
//! concerns it raised.

use super::Known;
use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, parse_code, time};
use crate::domain::codes::{EpisodeKind, Exploitation, MissingFrom, Risk};
use crate::domain::time::Instant;
use crate::domain::when::describe;
use crate::store::edit::{EpisodeEdit, EpisodeRecord, Stamped};

pub fn open(episode: &Stamped<EpisodeRecord>, known: &Known) -> Form {
    let e = &episode.value.episode;
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let fields = vec![
        // Times as the form shows them, which read back exactly (the zone too).
        Field::new("missing_at", "Missing since", FieldKind::When { past: true })
            .required()
            .with_text(describe(e.missing_at)),
        Field::new("returned_at", "Found / returned", FieldKind::When { past: true })
            .hint("empty: still missing")
            .with_text(e.returned_at.map(describe).unwrap_or_default()),
        Field::new("kind", "Type", choices!(EpisodeKind)).required().with_choice(Some(e.kind.code())),
        Field::new("missing_from", "Missing from", choices!(MissingFrom))
            .required()
            .with_choice(Some(e.missing_from.code())),
        Field::new(
            "missing_from_name",
            "Placement name",
            FieldKind::Suggest(known.placements.iter().map(|p| p.name.clone()).collect()),
        )
        .with_text(text(&e.missing_from_name)),
        Field::new("police_ref", "Police reference", FieldKind::Text).with_text(text(&e.police_ref)),
        Field::new("risk", "Police risk", choices!(Risk, optional))
            .hint("corrects the latest grade; P records a new one")
            .with_choice(e.risk.map(|r| r.code())),
        Field::new("exploitation", "Exploitation", choices!(Exploitation, multi))
            .with_checked(&e.exploitation.iter().map(|c| c.code()).collect::<Vec<_>>()),
    ];
    Form::new(
        FormKind::EditEpisode,
        "Edit episode",
        format!("{} · {} · {}", episode.value.name, e.episode_ref, episode.value.person_ref),
        Target::Episode { id: episode.id, version: episode.version },
        fields,
    )
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let missing_at = time(form, "missing_at", now);
    // Empty is still missing: not an error.
    let returned_at = time(form, "returned_at", now);
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Episode { id, version } = form.target else { return None };
    let edit = EpisodeEdit {
        missing_at: missing_at?,
        returned_at,
        kind: parse_code(form.field("kind")?.choice()?, EpisodeKind::parse)?,
        missing_from: parse_code(form.field("missing_from")?.choice()?, MissingFrom::parse)?,
        missing_from_name: form.field("missing_from_name").and_then(|f| f.text()),
        police_ref: form.field("police_ref").and_then(|f| f.text()),
        risk: form.field("risk").and_then(|f| f.choice()).and_then(|c| Risk::parse(c).ok()),
        exploitation: form
            .field("exploitation")
            .map(|f| f.checked().into_iter().filter_map(|c| Exploitation::parse(c).ok()).collect())
            .unwrap_or_default(),
    };
    let episode_ref = form.subject.split(" · ").nth(1).unwrap_or_default();
    Some(Submission {
        summary: format!("Corrected episode {episode_ref} of {}", form.subject_name()),
        request: Request::UpdateEpisode { episode_id: id, version, edit },
    })
}
