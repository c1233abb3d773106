//! The parts of one synthetic episode: its span, length and start time, its
//! interview, reasons and strategy meeting.

use super::rng::*;
use super::vocab::*;
use crate::domain::codes::{EpisodeKind, MeetingRecord, Reason, RiOutcome};
use crate::domain::record::{ReturnInterview, StrategyMeeting};
use crate::domain::time::{Instant, uk_date};
use chrono::{DateTime, Datelike, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SpanKind {
    History,
    Done,
    Outstanding { no_worker: bool, attempts: u32 },
    Open,
}

/// When an episode ran, in minutes since the epoch.
#[derive(Debug, Clone, Copy)]
pub(super) struct Span {
    pub(super) missing: i64,
    pub(super) returned: Option<i64>,
    pub(super) kind: SpanKind,
}

pub(super) fn minute(m: i64) -> Instant {
    DateTime::from_timestamp(m * 60, 0).unwrap_or_default()
}

/// A length in minutes: log-normal, median 8 hours.
pub(super) fn sample_len(rng: &mut Rng) -> i64 {
    let hours = 8.0 * (1.05 * rng.normal()).exp();
    ((hours * 60.0) as i64).clamp(MIN_LEN, 21 * DAY)
}

/// A start between `lo` and `hi`, at a likely hour of the day where there is room.
pub(super) fn evening_start(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo {
        return lo;
    }
    if hi - lo >= DAY {
        let day = lo.div_euclid(DAY) + rng.range(0, (hi - lo) / DAY);
        let t = day * DAY + rng.weighted(&HOUR_WEIGHTS) as i64 * HOUR + rng.range(0, 59);
        if (lo..=hi).contains(&t) {
            return t;
        }
    }
    rng.range(lo, hi)
}

/// A deadline on a Saturday or Sunday (UK date) in the six days before `now`,
/// which always contain one.
pub(super) fn weekend_due(rng: &mut Rng, now: i64) -> i64 {
    let mut t = now - rng.range(HOUR, 12 * HOUR);
    for _ in 0..(7 * 48) {
        if matches!(uk_date(minute(t)).weekday(), Weekday::Sat | Weekday::Sun) {
            return t;
        }
        t -= 30;
    }
    t
}

pub(super) fn reasons(rng: &mut Rng, cse: bool) -> Vec<Reason> {
    let weights: Vec<u32> = REASONS.iter().map(|(r, w)| if cse && *r == Reason::Cse { w * 6 } else { *w }).collect();
    let first = REASONS[rng.weighted(&weights)].0;
    let mut out = vec![first];
    if rng.chance(0.35) {
        let second = REASONS[rng.weighted(&weights)].0;
        if second != first {
            out.push(second);
        }
    }
    out
}

/// A past episode's interview, concluded one way or another.
pub(super) fn history_interview(
    rng: &mut Rng,
    kind: EpisodeKind,
    span: &Span,
    now: i64,
    cse: bool,
    worker: impl Fn(&mut Rng) -> Option<String>,
) -> ReturnInterview {
    let (missing, returned) = (span.missing, span.returned.unwrap_or(now));
    if kind == EpisodeKind::Absent {
        return ReturnInterview { required: false, ..ReturnInterview::default() };
    }
    if returned - missing < 2 * HOUR && rng.chance(0.15) {
        // Police recorded missing; the authority treats it as an absence.
        return ReturnInterview {
            required: false,
            outcome: Some(RiOutcome::NotRequired),
            worker: worker(rng),
            ..ReturnInterview::default()
        };
    }
    let outcome = [RiOutcome::FaceToFace, RiOutcome::FromCarers, RiOutcome::Declined][rng.weighted(&[80, 8, 12])];
    let delay = if rng.chance(0.82) {
        rng.range(3 * HOUR, 72 * HOUR)
    } else {
        72 * HOUR + 1 + ((rng.exp() * 4.0 * DAY as f64) as i64).min(30 * DAY)
    };
    let attempts = match outcome {
        RiOutcome::FromCarers => rng.range(2, 4) as u32,
        RiOutcome::Declined => rng.range(1, 2) as u32,
        _ => 1 + rng.weighted(&[70, 20, 10]) as u32,
    };
    let reasons = if outcome == RiOutcome::Declined { Vec::new() } else { reasons(rng, cse) };
    ReturnInterview {
        required: true,
        worker: if rng.chance(0.97) { worker(rng) } else { None },
        attempts,
        completed_at: Some(minute((returned + delay).min(now).max(returned))),
        outcome: Some(outcome),
        reasons,
        offered: None,
        accepted: None,
    }
}

/// A recent episode's interview, completed in time before `now`.
pub(super) fn recent_interview(
    rng: &mut Rng,
    span: &Span,
    now: i64,
    cse: bool,
    worker: impl Fn(&mut Rng) -> Option<String>,
) -> ReturnInterview {
    let returned = span.returned.unwrap_or(now);
    let latest = (now - returned).min(72 * HOUR);
    let done = returned + rng.range((2 * HOUR).min(latest), latest);
    ReturnInterview {
        required: true,
        worker: worker(rng),
        attempts: 1 + rng.weighted(&[80, 20]) as u32,
        completed_at: Some(minute(done)),
        outcome: Some(RiOutcome::FaceToFace),
        reasons: reasons(rng, cse),
        offered: None,
        accepted: None,
    }
}

/// The strategy meeting recorded for an episode, if any.
pub(super) fn meeting_for(rng: &mut Rng, span: &Span, now: i64) -> StrategyMeeting {
    let none = StrategyMeeting::default();
    let deadline = span.missing + 72 * HOUR;
    let at = |m: i64| Some(minute(m));
    match span.returned {
        Some(back) => {
            let lasted = back - span.missing;
            if lasted >= 72 * HOUR {
                match rng.weighted(&[70, 12, 18]) {
                    0 => {
                        let held = if rng.chance(0.85) {
                            span.missing + rng.range(18 * HOUR, 72 * HOUR)
                        } else {
                            deadline + rng.range(HOUR, 72 * HOUR)
                        };
                        StrategyMeeting { record: Some(MeetingRecord::Held), meeting_at: at(held.min(now)) }
                    }
                    1 => StrategyMeeting { record: Some(MeetingRecord::NotNeeded), meeting_at: None },
                    _ => StrategyMeeting { record: Some(MeetingRecord::NotHeld), meeting_at: None },
                }
            } else if lasted >= 48 * HOUR && rng.chance(0.3) {
                StrategyMeeting { record: Some(MeetingRecord::NotNeeded), meeting_at: None }
            } else {
                none
            }
        }
        None => {
            let lasted = now - span.missing;
            if lasted >= 72 * HOUR {
                match rng.weighted(&[40, 40, 20]) {
                    0 => StrategyMeeting {
                        record: Some(MeetingRecord::Planned),
                        meeting_at: at(now + rng.range(2 * HOUR, 30 * HOUR)),
                    },
                    1 => StrategyMeeting {
                        record: Some(MeetingRecord::Held),
                        meeting_at: at(span.missing + rng.range(24 * HOUR, lasted.min(72 * HOUR))),
                    },
                    _ => none,
                }
            } else if lasted >= 48 * HOUR && rng.chance(0.5) {
                StrategyMeeting {
                    record: Some(MeetingRecord::Planned),
                    meeting_at: at(now + rng.range(HOUR, (deadline - now).max(HOUR))),
                }
            } else {
                none
            }
        }
    }
}
