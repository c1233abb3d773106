//! The filter picker: a short list of teams or workers with their row counts.

use crate::tui::app::{Picker, PickerField};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

pub fn render(picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (title, everyone) = match picker.field {
        PickerField::Team => (" Filter by team ", "All teams"),
        PickerField::Worker => (" Filter by worker ", "All workers"),
    };
    let items: Vec<ListItem> = picker
        .options
        .iter()
        .map(|(value, n)| match value {
            None => ListItem::new(everyone.to_string()),
            Some(v) => ListItem::new(format!("{v} ({n})")),
        })
        .collect();
    let height = (items.len() as u16 + 2).min(area.height);
    let popup = centered(area, 40, height);
    frame.render_widget(Clear, popup);
    let list = List::new(items)
        .block(Block::new().borders(Borders::ALL).title(title))
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(picker.selected));
    frame.render_stateful_widget(list, popup, &mut state);
}
