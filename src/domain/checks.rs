//! The rules a form's values must meet before they are saved, as pure
//! functions over plain values. The store gathers what a rule needs (the
//! child's other episodes, the interview's attempts...) and calls these both
//! to show problems while typing and, again, inside the write's transaction.
//!
//! Every problem names the column it is about (`missing_at`, `returned_at`...)
//! so a form can put the message next to its field.

use super::codes::{AttemptMethod, AttemptOutcome, MeetingRecord, RiOutcome, Signoff};
use super::record::{Attempt, Person, ReturnInterview};
use super::sequence::{Clash, Span, clashes};
use super::time::{Instant, display_local, to_uk, uk_date};
use chrono::{Months, NaiveDate};

/// A value a form cannot save (`blocking`), or should warn about before saving.
/// `field` is the column's name (e.g. `missing_at`), which forms map to their fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
    pub blocking: bool,
}

impl Problem {
    pub fn blocking(field: &'static str, message: impl Into<String>) -> Problem {
        Problem { field, message: message.into(), blocking: true }
    }

    pub fn warning(field: &'static str, message: impl Into<String>) -> Problem {
        Problem { field, message: message.into(), blocking: false }
    }
}

/// Whether any of `problems` stops a save.
pub fn any_blocking(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.blocking)
}

/// A time in a message: UK local with its zone, since a time near a clock
/// change is otherwise ambiguous to the reader (`Sat 28 Nov 2026 09:30 GMT`).
pub fn when(t: Instant) -> String {
    format!("{} {}", display_local(t), to_uk(t).format("%Z"))
}

/// Children's services work with young people up to 25 (care leavers).
const MAX_AGE_MONTHS: u32 = 25 * 12;

/// What the young person rules need beyond the form's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonContext {
    pub today: NaiveDate,
    /// The authority running the software (for the cohort).
    pub authority: String,
    /// The name of another child who already has this `person_ref`.
    pub ref_taken_by: Option<String>,
    /// The child's earliest episode (reference, start): born before it.
    pub first_episode: Option<(String, Instant)>,
}

/// Problems with a young person's record.
pub fn person(p: &Person, ctx: &PersonContext) -> Vec<Problem> {
    let mut out = Vec::new();
    for (field, value) in [
        ("person_ref", &p.person_ref),
        ("given_name", &p.given_name),
        ("family_name", &p.family_name),
        ("responsible_la", &p.responsible_la),
        ("placement_la", &p.placement_la),
    ] {
        if value.trim().is_empty() {
            out.push(Problem::blocking(field, "is required but empty"));
        }
    }
    if let Some(other) = &ctx.ref_taken_by {
        out.push(Problem::blocking(
            "person_ref",
            format!("`{}` is already the reference of {other}; each child has their own", p.person_ref.trim()),
        ));
    }
    let dob = p.date_of_birth;
    if dob > ctx.today {
        out.push(Problem::blocking("date_of_birth", format!("{dob} is in the future")));
    }
    // Counted in calendar months so that a birthday on 29 February is
    // measured the way chrono clamps it (to 28 February in other years).
    if let Some(limit) = ctx.today.checked_sub_months(Months::new(MAX_AGE_MONTHS))
        && dob < limit
    {
        out.push(Problem::blocking(
            "date_of_birth",
            format!("{dob} is more than 25 years ago; check the year (the service is for young people up to 25)"),
        ));
    }
    if let Some((episode_ref, start)) = &ctx.first_episode
        && dob > uk_date(*start)
    {
        out.push(Problem::blocking(
            "date_of_birth",
            format!("{dob} is after the child's episode {episode_ref} began ({})", when(*start)),
        ));
    }
    let (r, l) = (p.responsible_la.trim(), p.placement_la.trim());
    if !r.is_empty() && !l.is_empty() && super::cohort::cohort_of(r, l, &ctx.authority).is_none() {
        out.push(Problem::blocking(
            "placement_la",
            format!(
                "neither responsible_la `{r}` nor placement_la `{l}` is {}, this database's authority",
                ctx.authority
            ),
        ));
    }
    out
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
fn reopening(recorded: &Recorded, out: &mut Vec<Problem>) {
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
fn meeting_still_fits(
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

/// Attempts that count towards completing "from carers": face to face (or
/// imported, whose method is unknown) and not seen.
pub fn failed_face_to_face(attempts: &[Attempt]) -> usize {
    attempts
        .iter()
        .filter(|a| matches!(a.method, None | Some(AttemptMethod::FaceToFace)))
        .filter(|a| a.outcome != Some(AttemptOutcome::Seen))
        .count()
}

/// Failed face-to-face attempts needed before completing from carers.
pub const FROM_CARERS_ATTEMPTS: usize = 2;

/// The child must be back before anything is recorded about their interview.
fn returned(field: &'static str, returned_at: Option<Instant>, out: &mut Vec<Problem>) -> Option<Instant> {
    if returned_at.is_none() {
        out.push(Problem::blocking(field, "the child has not returned yet; record them found first"));
    }
    returned_at
}

/// A time from the return (inclusive) to now (inclusive).
fn after_return(field: &'static str, t: Instant, returned_at: Option<Instant>, now: Instant, out: &mut Vec<Problem>) {
    if let Some(r) = returned(field, returned_at, out)
        && t < r
    {
        out.push(Problem::blocking(field, format!("{} is before the return ({})", when(t), when(r))));
    }
    if t > now {
        out.push(Problem::blocking(field, format!("{} is in the future", when(t))));
    }
}

/// Problems with completing a return interview.
pub fn completion(
    returned_at: Option<Instant>,
    completed_at: Instant,
    outcome: RiOutcome,
    attempts: &[Attempt],
    now: Instant,
) -> Vec<Problem> {
    let mut out = Vec::new();
    after_return("completed_at", completed_at, returned_at, now, &mut out);
    match outcome {
        RiOutcome::FromCarers => {
            let failed = failed_face_to_face(attempts);
            if failed < FROM_CARERS_ATTEMPTS {
                out.push(Problem::blocking(
                    "outcome",
                    format!(
                        "completing from carers and agencies needs at least {FROM_CARERS_ATTEMPTS} failed face-to-face attempts first; {failed} recorded"
                    ),
                ));
            }
        }
        RiOutcome::NotRequired => out.push(Problem::blocking(
            "outcome",
            "an interview not required is recorded as such, with its reason, not as completed",
        )),
        RiOutcome::FaceToFace | RiOutcome::Declined => {}
    }
    out
}

/// Problems with marking an interview not required.
pub fn not_required(reason: &str) -> Vec<Problem> {
    if reason.trim().is_empty() {
        vec![Problem::blocking("not_required_reason", "give the reason the interview is not required")]
    } else {
        Vec::new()
    }
}

/// Problems with a new attempt at the interview: it needs its time, from the return to now.
pub fn attempt(returned_at: Option<Instant>, attempt: &Attempt, now: Instant) -> Vec<Problem> {
    let mut out = Vec::new();
    match attempt.at {
        Some(t) => after_return("attempted_at", t, returned_at, now, &mut out),
        None => {
            returned("attempted_at", returned_at, &mut out);
            out.push(Problem::blocking("attempted_at", "give the time of the attempt"));
        }
    }
    out
}

/// Problems with a manager's sign-off: only a concluded interview (completed,
/// or not required) is signed off; putting it back to pending is always allowed.
pub fn signoff(interview: &ReturnInterview, signoff: Signoff) -> Vec<Problem> {
    let concluded = interview.outcome == Some(RiOutcome::NotRequired)
        || (interview.completed_at.is_some() && interview.outcome.is_some());
    if signoff != Signoff::Pending && !concluded {
        vec![Problem::blocking(
            "signoff",
            "only a completed interview, or one not required, can be signed off; record the outcome first",
        )]
    } else {
        Vec::new()
    }
}

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

#[cfg(test)]
mod tests;
