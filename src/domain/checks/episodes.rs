//! Episodes: a new one, recording the child found, and correcting one.

use super::meeting::meeting;
use super::{Problem, when};
use crate::domain::codes::{MeetingRecord, MissingFrom};
use crate::domain::sequence::{Clash, Span, clashes};
use crate::domain::time::{Instant, uk_date};
use chrono::NaiveDate;

/// Whether a place a child went missing from needs its name to be recorded:
/// a family home is the family's, and needs none; a placement (foster, a
/// children's home, anywhere else) is told apart by its name.
pub fn place_needs_name(kind: MissingFrom) -> bool {
    !matches!(kind, MissingFrom::Home | MissingFrom::OtherFamily)
}

/// A child and their episodes, as the episode rules need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildEpisodes {
    pub name: String,
    pub date_of_birth: NaiveDate,
    /// Every episode of the child, keyed by `episode_ref`.
    pub episodes: Vec<Span<String>>,
}

/// Another episode that already carries a police reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoliceRefUse {
    pub police_ref: String,
    pub episode_ref: String,
    pub name: String,
}

/// Problems with a new (open) episode starting at `missing_at`.
pub fn new_episode(
    missing_at: Instant,
    child: &ChildEpisodes,
    police_ref_used: Option<&PoliceRefUse>,
    now: Instant,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if missing_at > now {
        out.push(Problem::blocking("missing_at", format!("{} is in the future", when(missing_at))));
    }
    let name = &child.name;
    if let Some(open) = child.episodes.iter().filter(|s| s.end.is_none()).max_by_key(|s| s.start) {
        out.push(Problem::blocking(
            "missing_at",
            format!("{name} is already missing since {} ({}); record them found first", when(open.start), open.key),
        ));
    }
    // The new episode is keyed `None` among the child's (keyed `Some(ref)`).
    let mut spans: Vec<Span<Option<&str>>> =
        child.episodes.iter().map(|s| Span { key: Some(s.key.as_str()), start: s.start, end: s.end }).collect();
    spans.push(Span { key: None, start: missing_at, end: None });
    let span_of = |key: &str| child.episodes.iter().find(|s| s.key == key);
    for clash in clashes(&spans) {
        match clash {
            Clash::Overlap { earlier: Some(e), later: None } => {
                if let Some(s) = span_of(e) {
                    let end = s.end.map(when).unwrap_or_default();
                    out.push(Problem::blocking(
                        "missing_at",
                        format!(
                            "{} is during {name}'s episode {e} ({} to {end}); episodes of one child cannot overlap",
                            when(missing_at),
                            when(s.start)
                        ),
                    ));
                }
            }
            Clash::OpenBefore { earlier: None, later: Some(l) } => {
                if let Some(s) = span_of(l) {
                    out.push(Problem::blocking(
                        "missing_at",
                        format!(
                            "{} is before {name}'s later episode {l} ({}); a new episode must begin after their latest one",
                            when(missing_at),
                            when(s.start)
                        ),
                    ));
                }
            }
            // An open episode before this one is the "already missing" problem above;
            // clashes between the child's existing episodes are not this form's to fix.
            _ => {}
        }
    }
    if uk_date(missing_at) < child.date_of_birth {
        out.push(Problem::blocking(
            "missing_at",
            format!("{} is before {name}'s date of birth ({})", when(missing_at), child.date_of_birth),
        ));
    }
    if let Some(used) = police_ref_used {
        out.push(Problem::warning(
            "police_ref",
            format!(
                "{} is already the police reference of episode {} ({}); check this is not the same episode",
                used.police_ref, used.episode_ref, used.name
            ),
        ));
    }
    out
}

/// Problems with recording episode `episode_ref` (one of `child.episodes`)
/// as ended at `returned_at`. `interview_from` is the earliest time the
/// return interview records (an attempt or its completion), which cannot
/// come before the return.
pub fn found(
    episode_ref: &str,
    returned_at: Instant,
    child: &ChildEpisodes,
    interview_from: Option<Instant>,
    now: Instant,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(this) = child.episodes.iter().find(|s| s.key == episode_ref) else {
        return out;
    };
    if returned_at < this.start {
        out.push(Problem::blocking(
            "returned_at",
            format!("{} is before the episode began ({})", when(returned_at), when(this.start)),
        ));
    }
    if returned_at > now {
        out.push(Problem::blocking("returned_at", format!("{} is in the future", when(returned_at))));
    }
    let spans: Vec<Span<&str>> = child
        .episodes
        .iter()
        .map(|s| {
            let end = if s.key == episode_ref { Some(returned_at) } else { s.end };
            Span { key: s.key.as_str(), start: s.start, end }
        })
        .collect();
    for clash in clashes(&spans) {
        if let Clash::Overlap { earlier, later } = clash
            && earlier == episode_ref
            && let Some(next) = child.episodes.iter().find(|s| s.key == later)
        {
            out.push(Problem::blocking(
                "returned_at",
                format!(
                    "{} is after {}'s next episode {later} began ({}); they must have returned before going missing again",
                    when(returned_at),
                    child.name,
                    when(next.start)
                ),
            ));
        }
    }
    if let Some(first) = interview_from
        && first < returned_at
    {
        out.push(Problem::blocking(
            "returned_at",
            format!("{} is after the return interview's first record ({})", when(returned_at), when(first)),
        ));
    }
    out
}

/// What an episode's return interview and strategy meeting already record,
/// which a corrected episode must still agree with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    /// The earliest time the interview records (a dated attempt or its completion).
    pub interview_from: Option<Instant>,
    /// Attempts recorded, dated or not (imported ones have no time).
    pub attempts: usize,
    /// The interview has an outcome other than "not required", or a completion time.
    pub completed: bool,
    /// The meeting's status, time and note, if one is recorded.
    pub meeting: Option<(MeetingRecord, Option<Instant>, Option<String>)>,
}

/// Problems with correcting episode `episode_ref` (one of `child.episodes`)
/// to run from `missing_at` to `returned_at` (`None`: still missing).
///
/// The start is checked as a new episode's would be, against the child's
/// episodes that began by then; the return as recording them found would be,
/// against those that began after. An episode whose interview has begun cannot
/// be re-opened, and a meeting already recorded must still fit.
pub fn episode_edit(
    episode_ref: &str,
    missing_at: Instant,
    returned_at: Option<Instant>,
    child: &ChildEpisodes,
    recorded: &Recorded,
    police_ref_used: Option<&PoliceRefUse>,
    now: Instant,
) -> Vec<Problem> {
    let Some(this) = child.episodes.iter().find(|s| s.key == episode_ref) else {
        return Vec::new();
    };
    let others = || child.episodes.iter().filter(|s| s.key != episode_ref);
    let earlier =
        ChildEpisodes { episodes: others().filter(|s| s.start <= missing_at).cloned().collect(), ..child.clone() };
    let mut out = new_episode(missing_at, &earlier, police_ref_used, now);
    match returned_at {
        Some(r) => {
            // `found` reads the episode's start from the child's episodes: give it the new one.
            let moved = child
                .episodes
                .iter()
                .map(|s| if s.key == episode_ref { Span { start: missing_at, ..s.clone() } } else { s.clone() })
                .collect();
            let moved = ChildEpisodes { episodes: moved, ..child.clone() };
            out.extend(found(episode_ref, r, &moved, recorded.interview_from, now));
        }
        None => {
            if let Some(next) = others().filter(|s| s.start > missing_at).min_by_key(|s| s.start) {
                out.push(Problem::blocking(
                    "returned_at",
                    format!(
                        "{}'s next episode {} began {}, so this one had ended by then; give its return",
                        child.name,
                        next.key,
                        when(next.start)
                    ),
                ));
            }
            if this.end.is_some() {
                reopening(recorded, &mut out);
            }
        }
    }
    meeting_still_fits(recorded, (this.start, this.end), (missing_at, returned_at), now, &mut out);
    out
}

/// Clearing the return of an episode whose interview has begun would leave
/// an interview of a child who never came back.
pub(super) fn reopening(recorded: &Recorded, out: &mut Vec<Problem>) {
    let mut begun = Vec::new();
    match recorded.attempts {
        0 => {}
        1 => begun.push("1 attempt".to_string()),
        n => begun.push(format!("{n} attempts")),
    }
    if recorded.completed {
        begun.push("its completion".to_string());
    }
    if !begun.is_empty() {
        out.push(Problem::blocking(
            "returned_at",
            format!(
                "the return interview already records {}; an episode can be re-opened only before its interview has begun",
                begun.join(" and ")
            ),
        ));
    }
}

/// The meeting rules again with the episode's new times: a problem they did
/// not have with the old times is the correction's (one already there is not).
pub(super) fn meeting_still_fits(
    recorded: &Recorded,
    (was_start, was_end): (Instant, Option<Instant>),
    (start, end): (Instant, Option<Instant>),
    now: Instant,
    out: &mut Vec<Problem>,
) {
    let Some((status, at, note)) = &recorded.meeting else { return };
    let before = meeting(*status, *at, note.as_deref(), was_start, was_end, now);
    for p in meeting(*status, *at, note.as_deref(), start, end, now) {
        if before.iter().any(|b| b.field == p.field) {
            continue;
        }
        // "Not needed" needs the return; a meeting's time, the start.
        let field = if p.field == "status" { "returned_at" } else { "missing_at" };
        out.push(Problem::blocking(field, format!("the strategy meeting recorded would no longer fit: {}", p.message)));
    }
}
