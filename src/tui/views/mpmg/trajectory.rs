//! The trajectory: the children reviewed at the meetings for the month's
//! quarter, and their episodes per month (and quarter) from then on, as a
//! bar chart of the group's totals over a table of each child's months.

use crate::io::mpmg_cells::sparkline_text;
use crate::store::MpmgBoard;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow, render_list};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Paragraph};

pub fn render(app: &App, board: &MpmgBoard, theme: &Theme, frame: &mut Frame, area: Rect) {
    let t = &board.trajectory;
    let [summary, chart, quarters, table] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(if area.height >= 30 { 10 } else { 7 }),
        Constraint::Length(1),
        Constraint::Min(3),
    ])
    .areas(area);
    let first = t.trajectory.months.first().map(|m| m.long_name()).unwrap_or_default();
    let text = format!(
        "Children reviewed for {} ({}): {} · episodes per month from {first}",
        t.quarter.label(),
        t.quarter.months().map(|m| m.label()).join(", "),
        t.group.len()
    );
    frame.render_widget(Paragraph::new(Line::styled(text, theme.header())), summary);
    if t.group.is_empty() {
        let text =
            "No child is marked reviewed at this quarter's meetings: on the Cohort list, Space marks a child reviewed.";
        frame.render_widget(Paragraph::new(text).wrap(ratatui::widgets::Wrap { trim: true }), chart);
        return;
    }
    // One bar per month, its count written on it: the numbers, not only the heights.
    let bars: Vec<Bar> = t
        .trajectory
        .months
        .iter()
        .zip(&t.trajectory.totals)
        // The label carries the count too, so a month with none still says 0.
        .map(|(m, n)| {
            Bar::default().value(*n).label(Line::from(format!("{} {n}", month_short(*m)))).text_value(n.to_string())
        })
        .collect();
    let bar_width = ((chart.width.saturating_sub(2) as usize / bars.len().max(1)).saturating_sub(1)).clamp(3, 9) as u16;
    let chart_widget = BarChart::default()
        .block(Block::new().borders(Borders::TOP).title(" Group's episodes per month ").border_style(theme.dim()))
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1);
    frame.render_widget(chart_widget, chart);
    let per_quarter: Vec<String> = t
        .trajectory
        .quarters
        .iter()
        .map(|q| {
            let part = if q.months < 3 { format!(" ({} of 3 months)", q.months) } else { String::new() };
            format!("{}: {}{part}", q.quarter.label(), q.episodes)
        })
        .collect();
    frame.render_widget(Paragraph::new(format!("By quarter · {}", per_quarter.join(" · "))), quarters);

    let refs = app.visible_mpmg_refs();
    let rows = refs
        .iter()
        .filter_map(|r| {
            let child = t.group.iter().find(|c| c.person_ref == *r)?;
            let counts = &t.trajectory.children.iter().find(|c| c.person_ref == *r)?.counts;
            let total: u64 = counts.iter().sum();
            let months: Vec<String> = counts.iter().map(|n| n.to_string()).collect();
            Some(StyledRow {
                cells: vec![
                    child.name.clone(),
                    child.person_ref.clone(),
                    total.to_string(),
                    sparkline_text(counts),
                    months.join(" "),
                ],
                style: Style::new(),
            })
        })
        .collect();
    let list = ListView {
        headers: vec!["Child", "Ref", "Total", "Trend", "Per month"],
        // The name gives way; the counts stay whole.
        fits: vec![Fit::Shrink, Fit::Whole, Fit::Whole, Fit::Whole, Fit::Whole],
        rows: Rows::All(rows),
        selected: app.selection(),
        empty: "Nothing matches the search and filters (x clears them).",
    };
    render_list(frame, table, theme, list);
}

/// `Oct 26`: a month in a bar's width.
fn month_short(m: crate::domain::period::YearMonth) -> String {
    m.start().with_timezone(&crate::domain::time::UK).format("%b %y").to_string()
}
