//! The return interview: attempts, completion, not required, sign-off.

use super::{Problem, when};
use crate::domain::codes::{AttemptMethod, AttemptOutcome, RiOutcome, Signoff};
use crate::domain::record::{Attempt, ReturnInterview};
use crate::domain::time::Instant;

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
pub(super) fn returned(field: &'static str, returned_at: Option<Instant>, out: &mut Vec<Problem>) -> Option<Instant> {
    if returned_at.is_none() {
        out.push(Problem::blocking(field, "the child has not returned yet; record them found first"));
    }
    returned_at
}

/// A time from the return (inclusive) to now (inclusive).
pub(super) fn after_return(
    field: &'static str,
    t: Instant,
    returned_at: Option<Instant>,
    now: Instant,
    out: &mut Vec<Problem>,
) {
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
