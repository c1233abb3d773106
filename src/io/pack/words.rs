//! The pack's phrases: where an interview or an action stands, and who a
//! child is, written out in full for a document that is read away from the
//! screen (the screens' cells are terser). Anything urgent is said in capital
//! words, never by colour or weight alone.

use super::document::Text;
use crate::domain::codes::{Band, EpisodeKind, RiOutcome};
use crate::domain::cohort::same_authority;
use crate::domain::history::{RiState, ri_state};
use crate::domain::mpmg_review::{Action, month_label};
use crate::domain::record::Person;
use crate::domain::rules::Rules;
use crate::domain::time::{Instant, display_short, format_span, minutes_between, to_uk, uk_date};
use crate::domain::when::describe_day;
use crate::io::cells::{cohort_short, place};
use crate::store::{AgreedAction, EpisodeLine};
use chrono::NaiveDate;

/// `text`, or `fallback` when it is absent or blank.
pub fn or<'a>(text: Option<&'a str>, fallback: &'a str) -> &'a str {
    text.filter(|t| !t.trim().is_empty()).unwrap_or(fallback)
}

/// `1 episode`, `3 episodes`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How an interview was concluded, as the middle of a sentence.
fn outcome_words(o: Option<RiOutcome>) -> &'static str {
    match o {
        Some(RiOutcome::FaceToFace) => "completed face to face",
        Some(RiOutcome::FromCarers) => "completed from carers and agencies",
        Some(RiOutcome::Declined) => "declined by the child",
        // Not reached: an interview recorded as not required is never "done".
        Some(RiOutcome::NotRequired) => "not required",
        None => "completed (how not recorded)",
    }
}

/// Where an episode's return interview stands at `now`, by the chase list's
/// rules: `completed face to face, in time (Sat 03/10)`, `OVERDUE by 2d 3h
/// (was due Mon 05/10 08:00)`, `due in 5h 12m`, `not required`; then the
/// worker and attempts while it is still to do.
pub fn interview(e: &EpisodeLine, now: Instant, rules: &Rules) -> Text {
    let ri = &e.case.interview;
    let worker = || {
        let who = or(ri.worker.as_deref(), "no worker assigned");
        let attempts = count(ri.attempts, "attempt", "attempts");
        Text::plain(format!("; {who}, {attempts}"))
    };
    match ri_state(&e.case, now, rules) {
        RiState::NotRequired => {
            let why = match (&e.not_required_reason, e.case.episode.kind) {
                (Some(reason), _) if !reason.trim().is_empty() => reason.clone(),
                (_, EpisodeKind::Absent) => "away without authorisation".to_string(),
                _ => "no reason recorded".to_string(),
            };
            Text::plain(format!("not required ({why})"))
        }
        RiState::AwaitingReturn => {
            Text::plain(format!("due {}h after the child returns", rules.ri_due_hours)).then(worker())
        }
        RiState::Outstanding { due_at, minutes_left, band: Band::Overdue } => {
            Text::strong(format!("OVERDUE by {}", format_span(-minutes_left)))
                .then(Text::plain(format!(" (was due {})", display_short(due_at, now))))
                .then(worker())
        }
        RiState::Outstanding { due_at, minutes_left, .. } => {
            Text::plain(format!("due in {} (by {})", format_span(minutes_left), display_short(due_at, now)))
                .then(worker())
        }
        RiState::Done { at, outcome, in_time } => {
            let how = outcome_words(outcome);
            let day = to_uk(at).format("%a %d/%m");
            match (in_time, e.case.episode.returned_by(now)) {
                (Some(true), _) => Text::plain(format!("{how}, in time ({day})")),
                (Some(false), Some(back)) => Text::plain(format!("{how}, "))
                    .then(Text::strong(format!("LATE by {}", format_span(minutes_between(rules.ri_due_at(back), at))))),
                (Some(false), None) => Text::plain(format!("{how}, ")).then(Text::strong("LATE")),
                (None, _) => Text::plain(format!("{how} ({day}); return time not recorded")),
            }
        }
    }
}

/// The reasons the interview gave, or that none are recorded.
pub fn reasons(e: &EpisodeLine) -> String {
    let reasons = &e.case.interview.reasons;
    if reasons.is_empty() {
        return "none recorded".to_string();
    }
    reasons.iter().map(|r| r.label()).collect::<Vec<_>>().join("; ")
}

/// When the child came back, or that they have not.
pub fn returned(e: &EpisodeLine, now: Instant) -> Text {
    match e.case.episode.returned_by(now) {
        Some(back) => Text::plain(display_short(back, now)),
        None => Text::strong("STILL MISSING"),
    }
}

/// How long the child was away, or has been so far.
pub fn length(e: &EpisodeLine, now: Instant) -> String {
    let ep = &e.case.episode;
    let span = format_span(ep.minutes_missing(now));
    if ep.is_open_at(now) { format!("{span} so far") } else { span }
}

/// Where the child went missing from, and whether they were only absent.
pub fn missing_from(e: &EpisodeLine) -> Text {
    let ep = &e.case.episode;
    let from = Text::plain(place(ep.missing_from, ep.missing_from_name.as_deref()));
    match ep.kind {
        EpisodeKind::Missing => from,
        EpisodeKind::Absent => from.line().then(Text::plain("away without authorisation")),
    }
}

/// Where an action stands on `today`: `OVERDUE by 3 days`, `due today`, `open`.
pub fn action_state(a: &Action, today: NaiveDate) -> Text {
    match (a.done_on, a.days_overdue(today)) {
        (Some(done), _) => Text::plain(format!("done {}", describe_day(done))),
        (None, Some(days)) => Text::strong(format!("OVERDUE by {}", count(days.unsigned_abs(), "day", "days"))),
        (None, None) if a.due_on == Some(today) => Text::plain("due today"),
        (None, None) => Text::plain("open"),
    }
}

/// When an action is due, or that no date was agreed.
pub fn due(a: &Action) -> String {
    a.due_on.map_or_else(|| "no date agreed".to_string(), describe_day)
}

/// The meeting an action was agreed at.
pub fn agreed_at(a: &AgreedAction) -> String {
    match &a.meeting {
        Some(m) => format!("MPMG for {}", month_label(m.month)),
        None => "not at a meeting".to_string(),
    }
}

/// `14 (born 01/02/2010), female`.
pub fn age(p: &Person, now: Instant) -> String {
    let born = p.date_of_birth.format("%d/%m/%Y");
    let sex = p.sex.map_or("sex not recorded", |s| s.label()).to_lowercase();
    match uk_date(now).years_since(p.date_of_birth) {
        Some(years) => format!("{years} (born {born}), {sex}"),
        None => format!("born {born}, {sex}"),
    }
}

/// `Local; LA Northshire` or `Placed out of area; responsible LA Northshire, placement LA Southby`.
pub fn authorities(p: &Person, cohort: Option<crate::domain::codes::Cohort>) -> String {
    let las = if same_authority(&p.responsible_la, &p.placement_la) {
        format!("LA {}", p.responsible_la)
    } else {
        format!("responsible LA {}, placement LA {}", p.responsible_la, p.placement_la)
    };
    match cohort {
        Some(c) => format!("{}; {las}", cohort_short(c)),
        None => las,
    }
}

/// `Lee Lead, North CiC`, with whichever half is recorded.
pub fn lead(p: &Person) -> String {
    match (or(p.lead_professional.as_deref(), ""), or(p.team.as_deref(), "")) {
        ("", "") => "not recorded".to_string(),
        (lead, "") => lead.to_string(),
        ("", team) => format!("no lead recorded; team {team}"),
        (lead, team) => format!("{lead}, {team}"),
    }
}
