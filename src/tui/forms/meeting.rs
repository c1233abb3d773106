//! A strategy meeting: planned, held, not needed (found first) or not held.

use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, parse_code};
use crate::domain::codes::MeetingRecord;
use crate::domain::time::Instant;
use crate::domain::when::describe;
use crate::store::edit::{EpisodeRecord, MeetingEntry, Stamped};

pub fn open(episode: &Stamped<EpisodeRecord>, meeting: Option<&Stamped<MeetingEntry>>) -> Form {
    let m = meeting.map(|m| &m.value);
    let fields = vec![
        Field::new("status", "Meeting", choices!(MeetingRecord))
            .required()
            .with_choice(Some(m.map_or(MeetingRecord::Planned, |m| m.status).code())),
        // Not only the past: a meeting is planned for later.
        Field::new("meeting_at", "When", FieldKind::When { past: false })
            .with_text(m.and_then(|m| m.meeting_at).map(describe).unwrap_or_default()),
        Field::new("note", "Reason / note", FieldKind::Text)
            .with_text(m.and_then(|m| m.note.clone()).unwrap_or_default()),
    ];
    let e = &episode.value;
    Form::new(
        FormKind::Meeting,
        "Strategy meeting",
        format!("{} · {} · missing since {}", e.name, e.episode.episode_ref, describe(e.episode.missing_at)),
        Target::Meeting { episode_id: episode.id, version: meeting.map(|m| m.version) },
        fields,
    )
}

pub fn submit(form: &mut Form, now: Instant) -> Option<Submission> {
    let at = super::time(form, "meeting_at", now);
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let Target::Meeting { episode_id, version } = form.target else { return None };
    let status = parse_code(form.field("status")?.choice()?, MeetingRecord::parse)?;
    let entry = MeetingEntry { status, meeting_at: at, note: form.field("note").and_then(|f| f.text()) };
    Some(Submission {
        request: Request::Meeting { episode_id, version, entry },
        summary: format!("Strategy meeting for {}: {}", form.subject_name(), status.label().to_lowercase()),
    })
}
