//! The help overlay, built from the keymap so it lists the keys in force.

use crate::tui::keymap::{Context, Key, bindings_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn lines(context: Context, theme: &Theme) -> Vec<Line<'static>> {
    bindings_for(context)
        .map(|b| {
            let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
            Line::from(vec![Span::styled(format!("{:<16}", keys.join(" ")), theme.key()), Span::raw(b.description)])
        })
        .collect()
}

pub fn render(theme: &Theme, frame: &mut Frame, area: Rect) {
    let list = lines(Context::List, theme);
    let mut more = vec![Line::styled("In the search box", theme.header())];
    more.extend(lines(Context::Search, theme));
    more.push(Line::raw(""));
    more.push(Line::styled("In a filter list", theme.header()));
    more.extend(lines(Context::Picker, theme));
    more.push(Line::raw(""));
    more.push(Line::raw("Ctrl-C quits from anywhere."));
    let half = list.len().div_ceil(2);
    let (left, right) = list.split_at(half);
    let body_height = half + 1 + more.len().div_ceil(2);
    let popup = centered(area, 78.min(area.width), (body_height as u16 + 2).min(area.height));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(" Keys (? or Esc closes) ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [top, bottom] = Layout::vertical([Constraint::Length(half as u16 + 1), Constraint::Min(0)]).areas(inner);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    frame.render_widget(Paragraph::new(left.to_vec()), l);
    frame.render_widget(Paragraph::new(right.to_vec()), r);
    let more_half = more.len().div_ceil(2);
    let (ml, mr) = more.split_at(more_half);
    let [bl, br] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(bottom);
    frame.render_widget(Paragraph::new(ml.to_vec()), bl);
    frame.render_widget(Paragraph::new(mr.to_vec()), br);
}
