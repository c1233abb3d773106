//! The young person screen's MPMG section: the actions agreed for the child
//! (open first, the overdue saying OVERDUE, not only in colour) and the
//! meetings that reviewed them; the selected action in full.

use super::pack;
use crate::domain::mpmg_review::{Action, month_label};
use crate::domain::when::describe_day;
use crate::store::edit::Stamped;
use crate::store::{AgreedAction, PersonPage};
use crate::tui::theme::Theme;
use crate::tui::widgets::visible::visible_lines;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// How many reviews the section's title names before saying how many more.
const REVIEWS_NAMED: usize = 3;

/// Rows the section takes: none for a child the MPMG never saw, else its
/// title and up to `max_rows` actions.
pub(super) fn height(page: &PersonPage, max_rows: usize) -> u16 {
    if page.actions.is_empty() && page.reviews.is_empty() {
        return 0;
    }
    1 + page.actions.len().min(max_rows) as u16
}

/// Draws the section; `focus` is the selected action while the actions have the selection.
pub(super) fn render(
    page: &PersonPage,
    today: NaiveDate,
    focus: Option<usize>,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let title_style = if focus.is_some() { theme.header() } else { Style::new() };
    let block = Block::new()
        .borders(Borders::TOP)
        .title(Span::styled(title(page, today), title_style))
        .border_style(theme.dim());
    let rows = block.inner(area).height as usize;
    // Keep the selected action in view; unfocused, the list starts at the top.
    let offset = focus.map_or(0, |i| i.saturating_sub(rows.saturating_sub(1)));
    let width = area.width as usize;
    let lines: Vec<Line> = page
        .actions
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, a)| row(&a.value, today, focus == Some(i), theme, width))
        .collect();
    frame.render_widget(Paragraph::new(visible_lines(lines)).block(block), area);
}

/// ` MPMG actions: 3 open (1 OVERDUE), 2 done · reviewed Mar 2026, Feb 2026 `
fn title(page: &PersonPage, today: NaiveDate) -> String {
    let open = page.actions.iter().filter(|a| a.value.action.is_open()).count();
    let overdue = page.actions.iter().filter(|a| a.value.action.is_overdue(today)).count();
    let done = page.actions.len() - open;
    let mut counts = format!("{open} open");
    if overdue > 0 {
        counts.push_str(&format!(" ({overdue} OVERDUE)"));
    }
    if done > 0 {
        counts.push_str(&format!(", {done} done"));
    }
    let actions = if page.actions.is_empty() { "no actions (+ adds one)".to_string() } else { counts };
    let mut reviewed: Vec<String> = page.reviews.iter().take(REVIEWS_NAMED).map(|m| month_label(m.month)).collect();
    if page.reviews.len() > REVIEWS_NAMED {
        reviewed.push(format!("{} earlier", page.reviews.len() - REVIEWS_NAMED));
    }
    match reviewed.is_empty() {
        true => format!(" MPMG actions: {actions} "),
        false => format!(" MPMG actions: {actions} · reviewed {} ", reviewed.join(", ")),
    }
}

/// Where an action stands, in a few words, and how it is marked.
fn state(a: &Action, today: NaiveDate, theme: &Theme) -> (String, Style) {
    match (a.done_on, a.days_overdue(today)) {
        (Some(done), _) => (format!("done {}", done.format("%d/%m")), theme.dim()),
        (None, Some(days)) => (format!("OVERDUE {days}d"), theme.urgent()),
        (None, None) if a.due_on == Some(today) => ("due today".into(), theme.soon()),
        (None, None) => ("open".into(), Style::new()),
    }
}

/// One action as a line: state, due date, who, what (and, where wide, the meeting).
fn row<'a>(a: &AgreedAction, today: NaiveDate, selected: bool, theme: &Theme, width: usize) -> Line<'a> {
    let (state, style) = state(&a.action, today, theme);
    let due = a.action.due_on.map_or_else(|| "no date".to_string(), |d| format!("by {}", d.format("%d/%m/%y")));
    let who_width = if width >= 120 { 22 } else { 16 };
    let who = a.action.who.as_deref().unwrap_or("no one named");
    let meeting = match (&a.meeting, width >= 120) {
        (Some(m), true) => format!(" {:<10}", month_label(m.month)),
        (None, true) => " no meeting".to_string(),
        (_, false) => String::new(),
    };
    let marker = if selected { "▶ " } else { "  " };
    let start = format!("{marker}{:<12}{:<12}{} ", state, due, cut(who, who_width));
    let room = width.saturating_sub(start.chars().count() + meeting.chars().count());
    let text = format!("{start}{}{meeting}", cut(&a.action.what, room));
    let style = if selected { style.patch(theme.selected()) } else { style };
    Line::styled(text, style)
}

/// `text` padded or cut to `width` columns, ending in an ellipsis when cut.
fn cut(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return format!("{text:<width$}");
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// The selected action in full: what (wrapped), who and when, and the meeting that agreed it.
pub(super) fn detail_lines<'a>(
    a: &Stamped<AgreedAction>,
    today: NaiveDate,
    theme: &Theme,
    width: usize,
) -> Vec<Line<'a>> {
    let action = &a.value.action;
    let mut lines: Vec<Line> = wrap(&action.what, width).into_iter().map(Line::from).collect();
    let (state, style) = state(action, today, theme);
    let state = match (action.done_on, action.days_overdue(today)) {
        (Some(done), _) => format!("done {}", describe_day(done)),
        (None, Some(1)) => "OVERDUE by 1 day".to_string(),
        (None, Some(days)) => format!("OVERDUE by {days} days"),
        (None, None) => state,
    };
    let parts = vec![
        Span::raw(action.who.as_deref().map_or("no one named to do it".to_string(), |w| format!("who: {w}"))),
        Span::raw(action.due_on.map_or("no due date".to_string(), |d| format!("due {}", describe_day(d)))),
        Span::styled(state, style),
    ];
    lines.extend(pack(parts, width));
    lines.push(Line::from(match &a.value.meeting {
        Some(m) => format!("Agreed at the MPMG reviewing {}, held {}", month_label(m.month), describe_day(m.held_on)),
        None => "Not agreed at an MPMG meeting".to_string(),
    }));
    lines
}

/// Splits text into lines of at most `width` characters at spaces (a word
/// longer than a line is left to be clipped).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
