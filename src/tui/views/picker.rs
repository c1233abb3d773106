//! The filter picker: a short list of teams or workers with their row counts.

use crate::tui::app::{Picker, PickerField};
use crate::tui::filters::PickerChoice;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

pub fn render(picker: &Picker, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (title, everyone) = match (picker.field, &picker.team) {
        (PickerField::Team, _) => (" Filter by team ".to_string(), "All teams".to_string()),
        (PickerField::Worker, None) => (" Filter by worker ".to_string(), "All workers".to_string()),
        (PickerField::Worker, Some(team)) => (format!(" Workers of {team} "), format!("All of {team}")),
        (PickerField::Exploitation, _) => (" Filter by exploitation ".to_string(), "All children".to_string()),
    };
    let items: Vec<ListItem> = picker
        .options
        .iter()
        .map(|(value, n)| match value {
            PickerChoice::All => ListItem::new(everyone.clone()),
            PickerChoice::Nobody => ListItem::new(format!("No worker assigned ({n})")),
            PickerChoice::Value(v) => ListItem::new(format!("{v} ({n})")),
        })
        .collect();
    let height = (items.len() as u16 + 2).min(area.height);
    let width = (title.chars().count() as u16 + 4).max(40);
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    let list = List::new(items)
        .block(Block::new().borders(Borders::ALL).title(title))
        .highlight_style(theme.selected())
        .highlight_symbol("▶ ");
    let mut state = ListState::default().with_selected(Some(picker.selected));
    frame.render_stateful_widget(list, popup, &mut state);
}
