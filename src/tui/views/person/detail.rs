//! The young person screen's detail pane: the selected episode in full.

use super::{EpisodeState, pack};
use crate::domain::codes::{Band, Exploitation};
use crate::domain::history::RiState;
use crate::domain::record::Attempt;
use crate::domain::ri_offer;
use crate::domain::time::{Instant, display_local, display_short, format_span, minutes_between};
use crate::io::cells::place;
use crate::store::{EpisodeLine, PersonPage};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};

/// The selected episode in full: where from and found, the interview with
/// each attempt and the reasons given, and the strategy meeting. Each topic
/// starts a line and wraps between its parts.
pub(super) fn detail_lines<'a>(
    e: &EpisodeLine,
    page: &PersonPage,
    now: Instant,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let ep = &e.case.episode;
    let ri = &e.case.interview;
    let row = EpisodeState::of(e, page, now);
    let mut topics: Vec<Vec<Span<'a>>> = vec![vec![
        Span::raw(format!("{} from {}", ep.kind.label(), place(ep.missing_from, ep.missing_from_name.as_deref()))),
        Span::raw(format!("police ref {}", ep.police_ref.as_deref().unwrap_or("not recorded"))),
        Span::raw(format!("risk {}", ep.risk.map_or("not graded", |r| r.label()))),
    ]];
    if !ep.exploitation.is_empty() {
        topics[0]
            .push(Span::styled(format!("{} concern", Exploitation::join_labels(&ep.exploitation)), theme.urgent()));
    }
    // The police's grades over the episode, when it has been regraded.
    if !e.risk_grades.is_empty() {
        let mut grades: Vec<Span> = e
            .risk_grades
            .iter()
            .map(|g| Span::raw(format!("{} {}", g.risk.label(), display_short(g.at, now))))
            .collect();
        grades[0] = Span::raw(format!("Risk grades: {}", grades[0].content));
        topics.push(grades);
    }
    let length = format_span(ep.minutes_missing(now));
    topics.push(match ep.returned_by(now) {
        Some(back) => {
            let mut found = vec![Span::raw(format!("Returned {} after {length}", display_short(back, now)))];
            match (&e.where_found, &e.found_with) {
                (None, None) => found.push(Span::raw("where found and who with not recorded")),
                (at, with) => {
                    found.push(Span::raw(format!("found at {}", at.as_deref().unwrap_or("(not recorded)"))));
                    found.push(Span::raw(format!("with {}", with.as_deref().unwrap_or("(not recorded)"))));
                }
            }
            found
        }
        None => vec![
            Span::styled(format!("Missing since {}", display_local(ep.missing_at)), theme.urgent()),
            Span::styled(format!("still missing after {length}"), theme.urgent()),
        ],
    });
    let worker = format!("worker {}", ri.worker.as_deref().filter(|w| !w.trim().is_empty()).unwrap_or("none assigned"));
    topics.push(match row.ri {
        RiState::NotRequired => vec![
            Span::raw("Return interview not required"),
            Span::raw(e.not_required_reason.clone().unwrap_or_else(|| "no reason recorded".into())),
        ],
        RiState::AwaitingReturn => vec![
            Span::raw(format!("Return interview due {}h after the child returns", page.rules.ri_due_hours)),
            Span::raw(worker),
        ],
        RiState::Outstanding { due_at, minutes_left, band } => vec![
            Span::raw(format!("Return interview due {}", display_short(due_at, now))),
            if band == Band::Overdue {
                Span::styled(format!("OVERDUE by {}", format_span(-minutes_left)), theme.urgent())
            } else {
                Span::raw(format!("{} left", format_span(minutes_left)))
            },
            Span::raw(worker),
        ],
        RiState::Done { at, outcome, in_time } => vec![
            Span::raw(format!("Return interview done {}", display_short(at, now))),
            Span::raw(outcome.map_or("outcome not recorded", |o| o.label())),
            match (in_time, ep.returned_by(now)) {
                (Some(true), _) => Span::raw("in time"),
                (Some(false), Some(back)) => Span::styled(
                    format!(
                        "LATE, {} after the deadline",
                        format_span(minutes_between(page.rules.ri_due_at(back), at))
                    ),
                    theme.urgent(),
                ),
                (Some(false), None) => Span::styled("LATE", theme.urgent()),
                (None, _) => Span::raw("no return recorded to time it by"),
            },
            Span::raw(worker),
            Span::raw(match &e.signed_off {
                Some((by, at)) => format!("sign-off {} by {by}, {}", e.signoff.label(), display_short(*at, now)),
                None => format!("sign-off {}", e.signoff.label()),
            }),
        ],
    });
    // Once the child is back: before that nothing can have been offered.
    if ri.is_required() && ep.returned_by(now).is_some() {
        let said = |recorded: Option<bool>| if recorded.is_some() { " (recorded)" } else { "" };
        topics.push(vec![
            Span::raw(format!("Offered {}{}", ri_offer::offered(ri).label().to_lowercase(), said(ri.offered))),
            Span::raw(format!("accepted {}{}", ri_offer::accepted(ri).label().to_lowercase(), said(ri.accepted))),
        ]);
    }
    if !e.attempts.is_empty() {
        let mut attempts: Vec<Span> = e.attempts.iter().enumerate().map(|(i, a)| attempt_span(i + 1, a, now)).collect();
        attempts[0] = Span::raw(format!("Attempts: {}", attempts[0].content));
        topics.push(attempts);
    }
    if !ri.reasons.is_empty() {
        let reasons: Vec<&str> = ri.reasons.iter().map(|r| r.label()).collect();
        topics.push(vec![Span::raw(format!("Reasons: {}", reasons.join(", ")))]);
    }
    let mut meeting = meeting_spans(&row, e, page, now, theme);
    if let Some(note) = &e.meeting_note {
        meeting.push(Span::raw(format!("meeting note: {note}")));
    }
    topics.push(meeting);
    topics.into_iter().flat_map(|parts| pack(parts, width)).collect()
}

/// `2. Wed 16/09 10:00 face to face, declined`.
fn attempt_span<'a>(n: usize, a: &Attempt, now: Instant) -> Span<'a> {
    if a.at.is_none() && a.method.is_none() && a.outcome.is_none() {
        return Span::raw(format!("{n}. no details (counted by an imported file)"));
    }
    Span::raw(format!(
        "{n}. {} {}, {}",
        a.at.map_or_else(|| "time not recorded".to_string(), |t| display_short(t, now)),
        a.method.map_or("method not recorded", |m| m.label()).to_lowercase(),
        a.outcome.map_or("outcome not recorded", |o| o.label()).to_lowercase(),
    ))
}

/// The strategy meeting by the Strategy list's rule: its status and
/// timescale, or why none is needed.
fn meeting_spans<'a>(
    row: &EpisodeState,
    e: &EpisodeLine,
    page: &PersonPage,
    now: Instant,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let Some(m) = &row.meeting else {
        let deadline = page.rules.strategy_deadline(e.case.episode.missing_at);
        return vec![Span::raw(if row.open {
            format!("Strategy meeting needed if still missing at {}", display_short(deadline, now))
        } else {
            format!("No strategy meeting needed: back within {}h", page.rules.strategy_hours)
        })];
    };
    let when = m.meeting_at.map_or(String::new(), |t| format!(" {}", display_short(t, now)));
    let mut spans = vec![Span::raw(format!("Strategy meeting: {}{when}", m.status.label()))];
    match m.in_timescale {
        Some(true) => spans.push(Span::raw("in timescale")),
        Some(false) => spans.push(Span::styled("NOT in timescale", theme.urgent())),
        None => {}
    }
    // Once held in time the deadline is history; otherwise it is the point.
    if m.in_timescale != Some(true) {
        let due = if minutes_between(now, m.deadline_at) >= 0 { "due by" } else { "was due by" };
        spans.push(Span::raw(format!("{due} {}", display_short(m.deadline_at, now))));
    }
    spans
}
