//! A form, drawn as a box over the screen: one line per field, with what a
//! time was read as, and any error or warning under the field it is about.

use crate::domain::time::{Instant, display_short};
use crate::tui::forms::field::{Field, FieldKind};
use crate::tui::forms::form::Form;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// Width of the label column, "Missing since" and the like.
const LABEL: usize = 18;

pub fn render(form: &Form, now: Instant, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(84);
    let inner_width = width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    if !form.subject.is_empty() {
        lines.extend(wrapped(&form.subject, "", inner_width).into_iter().map(|l| Line::styled(l, theme.dim())));
    }
    let mut focus_line = 0;
    let mut cursor: Option<(usize, usize)> = None;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let (line, cursor_col) = field_line(field, focused, theme, inner_width);
        if focused && let Some(col) = cursor_col {
            cursor = Some((lines.len(), col));
        }
        lines.push(line);
        lines.extend(below(field, focused, now, theme, inner_width));
    }
    if let Some(b) = &form.banner {
        lines.push(Line::raw(""));
        lines.extend(wrapped(b, "", inner_width).into_iter().map(|l| Line::styled(l, theme.urgent())));
    }

    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(format!(" {} ", form.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // Scroll so the focused field and what is under it stay in view.
    let visible = inner.height as usize;
    let scroll = (focus_line + 4).saturating_sub(visible).min(lines.len().saturating_sub(visible));
    // Lines are laid out to the width already (long ones clipped), so the
    // scroll counts real rows.
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    if let Some((row, col)) = cursor
        && row >= scroll
        && row - scroll < visible
    {
        let x = inner.x + (col as u16).min(inner.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, inner.y + (row - scroll) as u16));
    }
}

/// The field's line, and where the cursor goes in it (text fields only).
/// `width` is the box's inside: a longer value scrolls to keep the cursor in it.
fn field_line<'a>(field: &'a Field, focused: bool, theme: &Theme, width: usize) -> (Line<'a>, Option<usize>) {
    let marker = if focused { "▸ " } else { "  " };
    let star = if field.required { "*" } else { "" };
    let label = format!("{marker}{:<width$}", format!("{}{star}", field.label), width = LABEL);
    let label_style = if focused { theme.header() } else { Style::new() };
    let mut spans = vec![Span::styled(label, label_style), Span::raw(" ")];
    let start = LABEL + 3;
    let mut cursor = None;
    match &field.kind {
        FieldKind::Choice { options, selected, .. } => {
            let text = selected.and_then(|i| options.get(i)).map_or("—", |(_, l)| *l);
            if focused && !field.locked {
                spans.push(Span::styled(format!("◀ {text} ▶"), theme.selected()));
                spans.push(Span::styled("  ←/→ or Space", theme.dim()));
            } else {
                spans.push(Span::raw(text));
            }
        }
        FieldKind::Multi { options, checked, .. } => {
            let ticked: Vec<&str> = options.iter().zip(checked).filter(|(_, on)| **on).map(|((_, l), _)| *l).collect();
            if focused {
                spans.push(Span::styled("←/→ move · Space ticks", theme.dim()));
            } else {
                spans.push(Span::raw(if ticked.is_empty() { "—".to_string() } else { ticked.join(", ") }));
            }
        }
        FieldKind::Child(pick) if field.locked => {
            let text = pick.chosen().map_or(String::new(), |h| format!("{} · {}", h.name, h.person_ref));
            spans.push(Span::raw(text));
        }
        _ => {
            let value = field.input.value();
            let room = width.saturating_sub(start);
            let editing = focused && !field.locked;
            // Editing: scrolled so the cursor (one column past the end, at
            // most) stays inside; otherwise the start, marked … if cut.
            let skip = if editing { field.input.visual_scroll(room.saturating_sub(1)) } else { 0 };
            let (shown, cut) = columns(value, skip, room);
            let shown =
                if cut && !editing { format!("{}…", columns(value, 0, room.saturating_sub(1)).0) } else { shown };
            // A value filled in for the user shows as selected: typing replaces it.
            let style = if editing && field.fresh { theme.selected() } else { Style::new() };
            spans.push(Span::styled(shown, style));
            if editing {
                cursor = Some(start + field.input.visual_cursor().saturating_sub(skip));
                if value.is_empty() {
                    spans.push(Span::styled(placeholder(&field.kind), theme.dim()));
                }
            }
        }
    }
    if let Some(hint) = &field.hint
        && field.is_empty()
    {
        spans.push(Span::styled(format!("  {hint}"), theme.dim()));
    }
    (Line::from(spans), cursor)
}

/// The part of `text` from display column `skip`, at most `room` columns
/// wide, and whether anything after it was left out.
fn columns(text: &str, skip: usize, room: usize) -> (String, bool) {
    let (mut at, mut out) = (0, String::new());
    for c in text.chars() {
        let w = Span::raw(c.to_string()).width();
        if at >= skip {
            if at + w > skip + room {
                return (out, true);
            }
            out.push(c);
        }
        at += w;
    }
    (out, false)
}

fn placeholder(kind: &FieldKind) -> &'static str {
    match kind {
        FieldKind::When { .. } => " now, today 14:30, -2h, 28/11 0930",
        FieldKind::Day { birth: true } => " 04/05/2010",
        FieldKind::Day { birth: false } => " 14/12, 14/12/26, today, +14d",
        FieldKind::Child(_) => " type part of a name or reference",
        _ => "",
    }
}

/// What goes under a field: what a time was read as, the matches, the
/// ticks, and its error or warning.
/// Splits a message into lines of at most `width` characters at spaces,
/// each starting with `indent` (the message text follows the label column).
fn wrapped(text: &str, indent: &str, width: usize) -> Vec<String> {
    let room = width.saturating_sub(indent.chars().count()).max(10);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > room {
            lines.push(format!("{indent}{line}"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}

fn below<'a>(field: &'a Field, focused: bool, now: Instant, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let indent = " ".repeat(LABEL + 3);
    let mut lines = Vec::new();
    match &field.kind {
        FieldKind::When { .. } | FieldKind::Day { .. } if field.error.is_none() => match field.preview(now) {
            Some(Ok(text)) => lines.push(Line::styled(format!("{indent}= {text}"), theme.dim())),
            Some(Err(why)) if focused => lines.extend(
                wrapped(&format!("✗ {why}"), &indent, width).into_iter().map(|l| Line::styled(l, theme.soon())),
            ),
            _ => {}
        },
        FieldKind::Child(pick) if !field.locked => {
            let mut any = false;
            for (hit, on) in pick.matches() {
                any = true;
                let missing = hit.open_episode.as_ref().map_or(String::new(), |r| format!(" · MISSING ({r})"));
                let last = hit.last_missing_at.map_or(String::new(), |t| format!(" · last {}", display_short(t, now)));
                let text = format!(
                    "{indent}{}{} · {} · born {}{missing}{last}",
                    if on { "▶ " } else { "  " },
                    hit.name,
                    hit.person_ref,
                    hit.date_of_birth.format("%d/%m/%Y")
                );
                lines.push(Line::styled(text, if on { theme.selected() } else { Style::new() }));
            }
            if !any {
                lines.push(Line::styled(format!("{indent}no child matches; n on a list adds a new one"), theme.soon()));
            }
        }
        FieldKind::Multi { options, checked, cursor } => {
            let mut row = Vec::new();
            let mut used = indent.len();
            let mut spans = vec![Span::raw(indent.clone())];
            for (i, ((_, label), on)) in options.iter().zip(checked).enumerate() {
                let text = format!("[{}] {label}  ", if *on { "x" } else { " " });
                if used + text.chars().count() > 80 && spans.len() > 1 {
                    row.push(Line::from(std::mem::replace(&mut spans, vec![Span::raw(indent.clone())])));
                    used = indent.len();
                }
                used += text.chars().count();
                let style = if focused && i == *cursor { theme.selected() } else { Style::new() };
                spans.push(Span::styled(text, style));
            }
            row.push(Line::from(spans));
            if focused {
                lines.extend(row);
            }
        }
        FieldKind::Suggest(_) if focused => {
            let matches = field.suggestions();
            if !matches.is_empty() {
                lines.push(Line::styled(format!("{indent}→ takes: {}", matches.join(" · ")), theme.dim()));
            }
        }
        _ => {}
    }
    if let Some(e) = field.error.as_ref().or(field.live.as_ref()) {
        lines.extend(wrapped(&format!("✗ {e}"), &indent, width).into_iter().map(|l| Line::styled(l, theme.urgent())));
    }
    if let Some(w) = &field.warning {
        lines.extend(wrapped(&format!("! {w}"), &indent, width).into_iter().map(|l| Line::styled(l, theme.soon())));
    }
    lines
}
