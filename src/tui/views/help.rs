//! The help overlay, built from the keymap so it lists the keys in force.

use crate::tui::action::Action;
use crate::tui::keymap::{Binding, Context, Key, bindings_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn lines(context: Context, theme: &Theme) -> Vec<Line<'static>> {
    // Two keys per binding at most: the rest are alternatives the README lists.
    let keys = |b: &Binding| match b.action {
        // The digits pick a tab each: one line for all of them.
        Action::GoTab(_) => format!("1-{}", b.keys.len()),
        _ => b.keys.iter().take(2).map(Key::label).collect::<Vec<_>>().join(" "),
    };
    let width = bindings_for(context).map(|b| keys(b).chars().count()).max().unwrap_or(0) + 1;
    bindings_for(context)
        .map(|b| Line::from(vec![Span::styled(format!("{:<width$}", keys(b)), theme.key()), Span::raw(b.description)]))
        .collect()
}

pub fn render(context: Context, theme: &Theme, frame: &mut Frame, area: Rect) {
    // Help is asked for from a list or a child's screen: show that screen's keys.
    let base = match context {
        Context::Person | Context::Mpmg | Context::Strategy | Context::Reports | Context::Patterns => context,
        _ => Context::List,
    };
    // The context's name goes in the border, not a line of its own, so that
    // every binding still fits 80x24.
    let main = lines(base, theme);
    let half = main.len().div_ceil(2);
    let (left, right) = main.split_at(half);
    let footer = vec![
        Line::from(vec![
            Span::styled("Forms: ", theme.header()),
            Span::raw("Enter saves · Tab next · ←/→ Space choose · Ctrl-U clears · Esc"),
        ]),
        Line::raw("Flags: MA missing again · WE due on a weekend or bank holiday · NW no worker"),
        Line::raw("Overdue rows say OVERDUE and are bold. Ctrl-C quits from anywhere."),
    ];
    let height = (half + footer.len() + 2) as u16;
    let popup = centered(area, area.width.min(100), height.min(area.height));
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(" Keys (? or Esc closes) ")
        .title_top(Line::styled(format!(" {} ", base.title()), theme.header()).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [top, bottom] = Layout::vertical([Constraint::Length(half as u16), Constraint::Min(0)]).areas(inner);
    let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
    frame.render_widget(Paragraph::new(left.to_vec()), l);
    frame.render_widget(Paragraph::new(right.to_vec()), r);
    frame.render_widget(Paragraph::new(footer).wrap(ratatui::widgets::Wrap { trim: true }), bottom);
}
