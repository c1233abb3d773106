//! The strategy meeting's entry.

use super::{Problem, when};
use crate::domain::codes::MeetingRecord;
use crate::domain::time::Instant;

/// Problems with a strategy meeting's entry for an episode.
pub fn meeting(
    status: MeetingRecord,
    meeting_at: Option<Instant>,
    note: Option<&str>,
    missing_at: Instant,
    returned_at: Option<Instant>,
    now: Instant,
) -> Vec<Problem> {
    let mut out = Vec::new();
    match (status, meeting_at) {
        (MeetingRecord::Held, None) => out.push(Problem::blocking("meeting_at", "a held meeting needs its time")),
        (MeetingRecord::Held, Some(t)) if t > now => out.push(Problem::blocking(
            "meeting_at",
            format!("{} is in the future; a meeting not yet held is planned", when(t)),
        )),
        (MeetingRecord::Planned, None) => out.push(Problem::blocking("meeting_at", "a planned meeting needs its time")),
        (MeetingRecord::NotHeld, _) if note.is_none_or(|n| n.trim().is_empty()) => {
            out.push(Problem::blocking("note", "give the reason the meeting was not held"))
        }
        (MeetingRecord::NotNeeded, _) if returned_at.is_none() => out.push(Problem::blocking(
            "status",
            "the child is still missing; a meeting is not needed only when they were found first",
        )),
        _ => {}
    }
    if let Some(t) = meeting_at
        && matches!(status, MeetingRecord::Held | MeetingRecord::Planned)
        && t < missing_at
    {
        out.push(Problem::blocking(
            "meeting_at",
            format!("{} is before the episode began ({})", when(t), when(missing_at)),
        ));
    }
    out
}
