//! The MPMG tab: for a month, the children to review (and why), the top 10,
//! the persistently missing, and the trajectory of the children reviewed in
//! the quarter. `[` `]` step months, `v` steps the lists.

mod trajectory;

use super::{Body, counts, empty_message, pick, render_body};
use crate::domain::codes::ReviewReason;
use crate::domain::time::{Instant, display_local, display_short};
use crate::io::cells::place;
use crate::io::mpmg_cells::{
    COHORT_HEADERS, PERSISTENT_HEADERS, TOP_HEADERS, cohort_cells, persistent_cells, reasons_text, top_cells,
};
use crate::store::{MpmgBoard, OpenActions};
use crate::tui::app::App;
use crate::tui::mpmg::MpmgView;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The columns this tab adds to the shared cells: reviewed, and open actions.
const REVIEWED: &str = "Rev";
const ACTIONS: &str = "Actions";

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let Some(board) = app.mpmg_board() else {
        let text = format!("{} · loading…", app.mpmg_month.long_name());
        frame.render_widget(Paragraph::new(text), head);
        return;
    };
    frame.render_widget(Paragraph::new(heading(app, board, theme)), head);
    match app.mpmg_view {
        MpmgView::Trajectory => trajectory::render(app, board, theme, frame, body),
        view => render_list(app, board, view, theme, frame, body),
    }
}

/// `October 2026 · meeting Thu 12/11/2026, 7 reviewed · [ ] month · v view`
fn heading<'a>(app: &App, board: &MpmgBoard, theme: &Theme) -> Line<'a> {
    let meeting = match &board.meeting {
        Some(m) => format!("meeting held {}, {} reviewed", m.value.held_on.format("%d/%m/%Y"), board.reviewed.len()),
        None => "no meeting recorded (M records it)".to_string(),
    };
    Line::from(vec![
        Span::styled(app.mpmg_month.long_name(), theme.title()),
        Span::raw(format!(" · {meeting}")),
        Span::styled("  [ ] month · v list", theme.dim()),
    ])
}

/// The lists' names with their sizes, the one shown marked, and how many of
/// the children to review are missing now (from any episode, not only the month's).
fn view_tabs<'a>(app: &App, board: &MpmgBoard, theme: &Theme) -> Vec<Span<'a>> {
    let m = &board.month;
    let sizes = [
        Some(m.cohort.len()),
        Some(m.top10.len()),
        Some(m.persistent_quarter.len()),
        Some(board.trajectory.group.len()),
    ];
    let mut parts: Vec<Span> = MpmgView::ALL
        .iter()
        .zip(sizes)
        .map(|(v, n)| {
            // The top list is as long as the setting says, not always ten.
            let title = match v {
                MpmgView::Top10 => format!("Top {}", m.settings.top_n),
                other => other.title().to_string(),
            };
            let text = format!("{title} {}", n.unwrap_or(0));
            if *v == app.mpmg_view { Span::styled(format!("▸{text}"), theme.tab_active()) } else { Span::raw(text) }
        })
        .collect();
    let missing = app.visible_cohort().iter().filter(|c| board.missing_now.contains_key(&c.person_ref)).count();
    let style = if missing > 0 { theme.urgent() } else { Style::new() };
    parts.push(Span::styled(format!("Missing now {missing}"), style));
    counts(parts)
}

fn reviewed_cell(board: &MpmgBoard, person_ref: &str) -> String {
    if board.reviewed.contains(person_ref) { "✓" } else { "-" }.to_string()
}

/// `2 (1 OVERDUE)`, or `-` for none.
fn actions_cell(open: Option<&OpenActions>) -> String {
    match open {
        None | Some(OpenActions { open: 0, .. }) => "-".into(),
        Some(OpenActions { open, overdue: 0 }) => open.to_string(),
        Some(OpenActions { open, overdue }) => format!("{open} ({overdue} OVERDUE)"),
    }
}

fn render_list(app: &App, board: &MpmgBoard, view: MpmgView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let refs = app.visible_mpmg_refs();
    let (medium, wide, full) = (area.width >= 100, area.width >= 120, area.width >= 160);
    let m = &board.month;
    let extra =
        |person_ref: &str| vec![reviewed_cell(board, person_ref), actions_cell(board.open_actions.get(person_ref))];
    let (headers, columns, rows): (Vec<&str>, &[usize], Vec<StyledRow>) = match view {
        MpmgView::Cohort => {
            let headers = COHORT_HEADERS.iter().copied().chain([REVIEWED, ACTIONS]).collect();
            let columns: &[usize] = match (full, wide, medium) {
                (true, _, _) => &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13],
                (_, true, _) => &[0, 1, 2, 3, 4, 5, 6, 8, 12, 13],
                (_, _, true) => &[0, 1, 2, 3, 4, 5, 12, 13],
                _ => &[0, 2, 3, 4, 5, 6, 12, 13],
            };
            let rows = app
                .visible_cohort()
                .into_iter()
                .map(|c| {
                    let mut cells = cohort_cells(c, &m.settings, app.now);
                    cells.extend(extra(&c.person_ref));
                    let urgent = c.review_reasons.contains(&ReviewReason::ThreeOrMore);
                    StyledRow { cells, style: if urgent { theme.urgent() } else { Style::new() } }
                })
                .collect();
            (headers, columns, rows)
        }
        MpmgView::Top10 => {
            let headers = TOP_HEADERS.iter().copied().chain([REVIEWED, ACTIONS]).collect();
            let columns: &[usize] = match (full, wide, medium) {
                (true, _, _) => &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
                (_, true, _) => &[0, 1, 2, 3, 4, 5, 6, 9, 10, 11],
                (_, _, true) => &[0, 1, 2, 3, 4, 5, 9, 10, 11],
                _ => &[0, 1, 3, 4, 9, 10, 11],
            };
            let rows = app
                .visible_top()
                .into_iter()
                .map(|t| {
                    let mut cells = top_cells(t, app.now);
                    cells.extend(extra(&t.person_ref));
                    StyledRow { cells, style: Style::new() }
                })
                .collect();
            (headers, columns, rows)
        }
        _ => {
            let headers = PERSISTENT_HEADERS.iter().copied().chain([REVIEWED, ACTIONS]).collect();
            let rows = app
                .visible_persistent()
                .into_iter()
                .map(|p| {
                    let mut cells = persistent_cells(p);
                    cells.extend(extra(&p.person_ref));
                    StyledRow { cells, style: Style::new() }
                })
                .collect();
            (headers, &[0, 1, 2, 3, 4], rows)
        }
    };
    let fits = columns.iter().map(|i| fit(view, *i, medium)).collect();
    let empty = empty_message(app, "No child to list for this month.");
    let list = ListView {
        headers: pick(&headers, columns),
        fits,
        rows: Rows::All(pick_rows(rows, columns)),
        selected: app.selection(),
        empty,
    };
    let detail = refs.get(app.selection()).filter(|_| app.show_detail).map(|r| detail_lines(board, r, theme, app.now));
    render_body(app, theme, frame, area, Body { counts: view_tabs(app, board, theme), list, detail });
}

fn pick_rows(rows: Vec<StyledRow>, columns: &[usize]) -> Vec<StyledRow> {
    rows.into_iter().map(|r| StyledRow { cells: pick(&r.cells, columns), style: r.style }).collect()
}

/// Which columns give way, by the column's place in its list's cells: the
/// names, the places and the people; counts, dates and statuses stay whole.
fn fit(view: MpmgView, i: usize, medium: bool) -> Fit {
    match (view, i) {
        (MpmgView::Cohort, 0 | 8 | 9 | 10) | (MpmgView::Top10, 1 | 8) | (MpmgView::Persistent, 0) => Fit::Shrink,
        (MpmgView::Cohort, 7) => Fit::Optional(1),
        // Below 100 columns the case status goes before a name is cut (wider,
        // a long place name gives way instead).
        (MpmgView::Cohort, 4) if !medium => Fit::Optional(3),
        (MpmgView::Cohort, 1) | (MpmgView::Top10, 2) => Fit::Optional(2),
        _ => Fit::Whole,
    }
}

/// The selected child: why they are reviewed and what is open for them.
fn detail_lines<'a>(board: &MpmgBoard, person_ref: &str, theme: &Theme, now: Instant) -> Vec<Line<'a>> {
    let m = &board.month;
    let reviewed = if board.reviewed.contains(person_ref) {
        "reviewed at this month's meeting"
    } else {
        "not marked reviewed (Space marks it)"
    };
    let open = board.open_actions.get(person_ref).copied().unwrap_or_default();
    let actions = match open {
        OpenActions { open: 0, .. } => "no open actions".to_string(),
        OpenActions { open, overdue: 0 } => format!("{open} open action(s)"),
        OpenActions { open, overdue } => format!("{open} open action(s), {overdue} OVERDUE"),
    };
    let mut lines = Vec::new();
    if let Some(c) = m.cohort.iter().find(|c| c.person_ref == person_ref) {
        lines.push(Line::from(vec![
            Span::styled(c.name.clone(), theme.title()),
            Span::raw(format!(
                "  {} · {} · {} · why: {}",
                c.person_ref,
                c.case_status.label(),
                c.cohort.label(),
                reasons_text(&c.review_reasons, &m.settings)
            )),
        ]));
        lines.push(Line::from(format!(
            "{} episode(s), {} hours in {} · last missing {} from {}",
            c.episodes,
            c.hours_missing,
            m.month.long_name(),
            display_local(c.last_missing_at),
            place(c.missing_from, c.missing_from_name.as_deref())
        )));
        lines.push(Line::from(format!(
            "Lead {} · team {}{}",
            c.lead_professional.as_deref().unwrap_or("-"),
            c.team.as_deref().unwrap_or("-"),
            match (c.cse_strategy, c.cce_risk) {
                (true, true) => " · CSE strategy · CCE risk",
                (true, false) => " · CSE strategy",
                (false, true) => " · CCE risk",
                (false, false) => "",
            }
        )));
    } else if let Some(t) = m.top10.iter().find(|t| t.person_ref == person_ref) {
        lines.push(Line::from(vec![
            Span::styled(t.name.clone(), theme.title()),
            Span::raw(format!("  {} · {} · not in the cohort to review", t.person_ref, t.case_status.label())),
        ]));
    } else if let Some(p) = m.persistent_quarter.iter().find(|p| p.person_ref == person_ref) {
        lines.push(Line::from(vec![
            Span::styled(p.name.clone(), theme.title()),
            Span::raw(format!("  {} · {} episodes in {}", p.person_ref, p.episodes, m.quarter.label())),
        ]));
    }
    // First on its line, so a narrow pane still shows it.
    let mut last = Vec::new();
    if let Some(m) = board.missing_now.get(person_ref) {
        last.push(Span::styled(
            format!("MISSING NOW since {} ({})", display_short(m.since, now), m.episode_ref),
            theme.urgent(),
        ));
        last.push(Span::raw(" · "));
    }
    last.push(Span::raw(format!("{reviewed} · {actions}")));
    lines.push(Line::from(last));
    lines
}
