//! When a save is refused because someone else changed the row first: what
//! they changed, and the three ways on.

use crate::domain::checks::when;
use crate::tui::editing::{Confirm, ConflictView};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn render(view: &ConflictView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let c = &view.conflict;
    if c.version_now.is_none() {
        return render_deleted(view, theme, frame, area);
    }
    let who = if c.by.is_empty() { "Someone else".to_string() } else { c.by.join(", ") };
    let mut lines = vec![Line::styled(view.form.subject.clone(), theme.dim())];
    lines.push(Line::raw(format!("{who} changed this since you opened it:")));
    for change in &c.changes {
        let label =
            view.form.field(&change.column).map_or_else(|| change.column.replace('_', " "), |f| f.label.to_string());
        let shown = |v: &Option<String>| v.clone().unwrap_or_else(|| "(empty)".into());
        lines.push(Line::from(vec![
            Span::styled(format!("  {label}: "), theme.header()),
            Span::raw(format!("was {} · now {}", shown(&change.was), shown(&change.now))),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!("Yours: {}", view.submission.summary)));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "k keep mine (save over theirs) · t take theirs (reopen the form) · Esc cancel",
        theme.key(),
    ));
    boxed(" Someone else saved first ", lines, frame, area);
}

/// The row is gone: who deleted it and when, what was not saved, and the one way on.
fn render_deleted(view: &ConflictView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let said = match &view.conflict.deleted {
        Some(d) => format!("{} deleted this at {} since you opened it.", d.by, when(d.at)),
        None => "Someone else deleted this since you opened it.".to_string(),
    };
    let lines = vec![
        Line::styled(view.form.subject.clone(), theme.dim()),
        Line::raw(said),
        Line::raw(""),
        Line::raw(format!("Yours, not saved: {}", view.submission.summary)),
        Line::raw(""),
        Line::styled("Enter or Esc closes", theme.key()),
    ];
    boxed(" Deleted by someone else ", lines, frame, area);
}

pub fn render_confirm(confirm: &Confirm, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::raw(confirm.question.clone()),
        Line::raw(""),
        Line::styled("y yes, delete · n no, keep it", theme.key()),
        Line::styled("(a deletion can be undone with u straight after)", theme.dim()),
    ];
    boxed(" Confirm ", lines, frame, area);
}

/// Quitting with typed data unsaved: discard it, or go back to it.
pub fn render_quit(form_title: &str, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = vec![
        Line::raw(format!("Quit and discard what you typed in {form_title}?")),
        Line::raw(""),
        Line::styled("y yes, quit and discard it · n no, back to the form", theme.key()),
    ];
    boxed(" Quit? ", lines, frame, area);
}

fn boxed(title: &str, lines: Vec<Line>, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(80);
    let inner_width = width.saturating_sub(2).max(1) as usize;
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner_width).max(1)).sum();
    let popup = centered(area, width, (rows as u16 + 2).min(area.height));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(title.to_string());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
