//! A table of rows that shows only the window around the selection, so a
//! list of fifty thousand rows draws as fast as one of fifty.

use crate::domain::visible::visible;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Text;
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Row, Table, TableState};

/// One row's cells and the style that marks its urgency.
pub struct StyledRow {
    pub cells: Vec<String>,
    pub style: Style,
}

/// A list to draw: rows under headers, one of them selected.
pub struct ListView<'a> {
    pub headers: Vec<&'a str>,
    pub widths: Vec<Constraint>,
    pub rows: Vec<StyledRow>,
    pub selected: usize,
    /// What to say when there are no rows.
    pub empty: &'a str,
}

/// Draws the list with the selected row highlighted and in view.
pub fn render_list(frame: &mut Frame, area: Rect, theme: &Theme, list: ListView) {
    render_list_as(frame, area, theme, list, true);
}

/// Draws the list with its selected row in view but not marked, while
/// another list on the screen has the selection; its columns stay put.
pub fn render_list_inactive(frame: &mut Frame, area: Rect, theme: &Theme, list: ListView) {
    render_list_as(frame, area, theme, list, false);
}

fn render_list_as(frame: &mut Frame, area: Rect, theme: &Theme, list: ListView, active: bool) {
    let ListView { headers, widths, rows, selected, empty } = list;
    let block = Block::new().borders(Borders::TOP | Borders::BOTTOM).border_style(theme.dim());
    let inner_height = block.inner(area).height.saturating_sub(1) as usize; // less the header
    if rows.is_empty() {
        frame.render_widget(ratatui::widgets::Paragraph::new(Text::from(empty)).block(block), area);
        return;
    }
    let offset = if inner_height == 0 { selected } else { selected.saturating_sub(inner_height - 1) };
    let window: Vec<Row> = rows
        .into_iter()
        .skip(offset)
        .take(inner_height.max(1))
        .map(|r| Row::new(r.cells.iter().map(|c| Cell::from(visible(c).into_owned()))).style(r.style))
        .collect();
    let header = Row::new(headers.iter().map(|h| Cell::from(*h))).style(theme.header());
    let table = Table::new(window, widths)
        .header(header)
        .block(block)
        .column_spacing(1)
        .row_highlight_style(theme.selected())
        .highlight_symbol("▶ ")
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::new().with_selected(active.then_some(selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}
