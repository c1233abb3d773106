//! The Strategy meetings screen: episodes at or nearing 72 hours missing.

use super::{Body, counts, empty_message, index_in, pick, render_body};
use crate::domain::codes::{Cohort, StrategyStatus};
use crate::domain::strategy::{History, StrategyRow};
use crate::domain::time::{display_local, format_span, minutes_between};
use crate::io::cells::{STRATEGY_HEADERS, strategy_cells};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

const NARROW: &[usize] = &[0, 2, 4, 5, 6];
const WIDE: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8];

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (rows, hidden) = app.strategy_in_history();
    let count = |s: StrategyStatus| rows.iter().filter(|r| r.status == s).count();
    let placed_in_due = rows.iter().filter(|r| r.status == StrategyStatus::Due && r.cohort == Cohort::PlacedIn).count();
    let due = match placed_in_due {
        0 => format!("Due {}", count(StrategyStatus::Due)),
        n => format!("Due {} ({n} for a placing LA)", count(StrategyStatus::Due)),
    };
    let counts = counts(vec![
        Span::styled(due, theme.urgent()),
        Span::styled(format!("Due soon {}", count(StrategyStatus::DueSoon)), theme.soon()),
        Span::raw(format!("Planned {}", count(StrategyStatus::Planned))),
        Span::styled(history_words(app.strategy_history, hidden), theme.dim()),
    ]);

    let columns = if area.width >= 120 { WIDE } else { NARROW };
    let headers = pick(&STRATEGY_HEADERS, columns);
    // The name gives way; dates and statuses stay whole; the reference and
    // the cohort (both in the detail pane) go first.
    let fits = columns
        .iter()
        .map(|i| match i {
            0 => Fit::Shrink,
            1 => Fit::Optional(1),
            8 => Fit::Optional(2),
            _ => Fit::Whole,
        })
        .collect();
    // Only the rows on screen are made; the widths were measured as the list loaded.
    let row = |i: usize| {
        let r: &StrategyRow = rows[i];
        StyledRow {
            cells: pick(&strategy_cells(r, app.now), columns),
            style: match (r.status, r.in_timescale) {
                (StrategyStatus::Due, _) | (_, Some(false)) => theme.urgent(),
                (StrategyStatus::DueSoon, _) => theme.soon(),
                _ => Style::new(),
            },
        }
    };
    let styled = Rows::Window {
        len: rows.len(),
        widest: app.lists.strategy_widths.widest(rows.iter().map(|r| index_in(&app.lists.strategy, r)), columns),
        row: Box::new(row),
    };
    let empty = empty_message(app, "No episode has reached 48 hours missing, and no meeting is recorded.");
    let list = ListView { headers, fits, rows: styled, selected: app.selection(), empty };
    let detail = rows.get(app.selection()).filter(|_| app.show_detail).map(|r| detail_lines(r, app, theme));
    render_body(app, theme, frame, area, Body { counts, list, detail });
}

/// `Last 3 months, 12 older hidden`: the window on concluded meetings (the
/// hint bar names the keys that move it), and what it leaves out.
fn history_words(history: History, hidden: usize) -> String {
    let window = match history {
        History::All => return "All past meetings".to_string(),
        History::Months(1) => "Last month".to_string(),
        History::Months(n) => format!("Last {n} months"),
    };
    match hidden {
        0 => window,
        n => format!("{window}, {n} older hidden"),
    }
}

fn detail_lines<'a>(r: &StrategyRow, app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let to_deadline = minutes_between(app.now, r.deadline_at);
    let deadline = if to_deadline >= 0 {
        format!("meeting due by {} ({} from now)", display_local(r.deadline_at), format_span(to_deadline))
    } else {
        format!("meeting was due by {}", display_local(r.deadline_at))
    };
    let timescale = match r.in_timescale {
        Some(true) => "in timescale",
        Some(false) => "NOT in timescale",
        None => "timescale still open",
    };
    vec![
        Line::from(vec![
            Span::styled(r.name.clone(), theme.title()),
            Span::raw(format!("  {} · episode {} · {}", r.person_ref, r.episode_ref, r.cohort.label())),
        ]),
        Line::from(format!(
            "Missing since {} · {} hours · {}",
            display_local(r.missing_at),
            r.hours_missing,
            r.returned_at.map_or("still missing".to_string(), |t| format!("returned {}", display_local(t)))
        )),
        Line::from(format!(
            "{}: {deadline} · {timescale}{}",
            r.status.label(),
            r.meeting_at.map_or(String::new(), |m| format!(" · meeting {}", display_local(m)))
        )),
        Line::from(format!(
            "Team {} · risk {}{}",
            r.team.as_deref().unwrap_or("-"),
            r.risk.map_or("not graded", |k| k.label()),
            if r.cohort == Cohort::PlacedIn {
                format!(" · arranged by the placing authority, {} (counted separately)", r.responsible_la)
            } else {
                String::new()
            }
        )),
    ]
}
