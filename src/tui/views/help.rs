//! The help overlay, built from the keymap so it lists the keys in force.

use crate::tui::keymap::{Binding, Context, Key, bindings_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn lines(context: Context, theme: &Theme) -> Vec<Line<'static>> {
    let keys = |b: &Binding| b.keys.iter().map(Key::label).collect::<Vec<_>>().join(" ");
    let width = bindings_for(context).map(|b| keys(b).chars().count()).max().unwrap_or(0) + 1;
    bindings_for(context)
        .map(|b| Line::from(vec![Span::styled(format!("{:<width$}", keys(b)), theme.key()), Span::raw(b.description)]))
        .collect()
}

pub fn render(theme: &Theme, frame: &mut Frame, area: Rect) {
    let list = lines(Context::List, theme);
    let mut search = vec![Line::styled("In the search box", theme.header())];
    search.extend(lines(Context::Search, theme));
    let mut picker = vec![Line::styled("In a filter list", theme.header())];
    picker.extend(lines(Context::Picker, theme));
    let half = list.len().div_ceil(2);
    let (left, right) = list.split_at(half);
    let lower = search.len().max(picker.len());
    let height = (half + 1 + lower + 2 + 2) as u16;
    let popup = centered(area, 80, height);
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(" Keys (? or Esc closes) ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [top, middle, bottom] =
        Layout::vertical([Constraint::Length(half as u16 + 1), Constraint::Length(lower as u16), Constraint::Min(0)])
            .areas(inner);
    for (area, text) in [(top, (left, right)), (middle, (search.as_slice(), picker.as_slice()))]
        .map(|(a, (l, r))| (a, (l.to_vec(), r.to_vec())))
    {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
        frame.render_widget(Paragraph::new(text.0), l);
        frame.render_widget(Paragraph::new(text.1), r);
    }
    let footer = vec![
        Line::raw("Flags: MA missing again · WE due on a weekend or bank holiday · NW no worker"),
        Line::raw("Overdue rows say OVERDUE and are bold. Ctrl-C quits from anywhere."),
    ];
    frame.render_widget(Paragraph::new(footer), bottom);
}
