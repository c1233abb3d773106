//! The Chase screen: outstanding return interviews against the 72-hour clock.

use super::{Body, counts, empty_message, pick, render_body};
use crate::domain::chase::ChaseRow;
use crate::domain::codes::{Band, ChaseFlag, Cohort};
use crate::domain::time::{display_local, display_short, format_span};
use crate::io::cells::{CHASE_HEADERS, chase_cells, place};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::list_table::{ListView, StyledRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};

/// Column indexes into the shared cells, for narrow and wide terminals.
const NARROW: &[usize] = &[0, 1, 4, 5, 6, 8, 10];
const MEDIUM: &[usize] = &[0, 1, 2, 4, 5, 6, 7, 8, 10];
const WIDE: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = app.visible_chase();
    let bands = app.chase_counts();
    let counts = counts(vec![
        Span::styled(format!("Overdue {}", bands.overdue), theme.urgent()),
        Span::styled(format!("Due within 24h {}", bands.within_24h), theme.soon()),
        Span::raw(format!("Later {}", bands.later)),
    ]);

    let columns = match area.width {
        0..120 => NARROW,
        120..150 => MEDIUM,
        _ => WIDE,
    };
    let headers = pick(&CHASE_HEADERS, columns);
    let widths = columns
        .iter()
        .map(|i| match i {
            0 => Constraint::Length(7),
            1 => Constraint::Min(14),
            2 => Constraint::Length(10),
            3 | 4 => Constraint::Length(15),
            5 => Constraint::Length(8),
            6 | 7 => Constraint::Max(16),
            8 => Constraint::Length(3),
            9 => Constraint::Length(11),
            _ => Constraint::Length(8),
        })
        .collect();
    let styled = rows
        .iter()
        .map(|r| {
            let cells = pick(&chase_cells(r), columns);
            let style = match r.band {
                Band::Overdue => theme.urgent(),
                Band::Within24h => theme.soon(),
                Band::Later => ratatui::style::Style::new(),
            };
            StyledRow { cells, style }
        })
        .collect();
    let empty = empty_message(app, "No return interviews outstanding.");
    let list = ListView { headers, widths, rows: styled, selected: app.selection(), empty };
    let detail = rows.get(app.selection()).filter(|_| app.show_detail).map(|r| detail_lines(r, theme));
    render_body(app, theme, frame, area, Body { counts, list, detail });
}

fn detail_lines<'a>(r: &ChaseRow, theme: &Theme) -> Vec<Line<'a>> {
    let from = place(r.missing_from, r.missing_from_name.as_deref());
    let left = if r.overdue {
        Span::styled(format!("{} OVERDUE", format_span(r.minutes_left)), theme.urgent())
    } else {
        Span::raw(format!("{} left", format_span(r.minutes_left)))
    };
    let mut flags: Vec<String> = r.flags.iter().map(|f| f.label().to_string()).collect();
    if let (true, Some(since)) = (r.has(ChaseFlag::MissingAgain), r.missing_again_since) {
        flags.retain(|f| f != ChaseFlag::MissingAgain.label());
        flags.insert(0, format!("Missing again since {}", display_short(since)));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(r.name.clone(), theme.title()),
            Span::raw(format!(
                "  {} · episode {} · {} · {}",
                r.person_ref,
                r.episode_ref,
                r.cohort.label(),
                r.case_status.label()
            )),
        ]),
        Line::from(format!(
            "Missing {} from {from} · returned {}",
            display_short(r.missing_at),
            display_short(r.returned_at)
        )),
        Line::from(vec![Span::raw(format!("RI due {} · ", display_local(r.due_at))), left]),
        Line::from(format!(
            "Worker {} · team {} · lead {} · {} attempt(s) · police {} · risk {}",
            r.worker.as_deref().unwrap_or("none assigned"),
            r.team.as_deref().unwrap_or("-"),
            r.lead_professional.as_deref().unwrap_or("-"),
            r.attempts,
            r.police_ref.as_deref().unwrap_or("-"),
            r.risk.map_or("not graded", |k| k.label()),
        )),
        Line::from(if flags.is_empty() { "No flags".to_string() } else { format!("Flags: {}", flags.join(" · ")) }),
    ];
    if r.cohort == Cohort::PlacedIn {
        lines.push(Line::from(format!(
            "Placed here by {}: their interview; write to them if not done in 72h",
            r.responsible_la
        )));
    }
    lines
}
