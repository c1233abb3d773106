//! A table of rows that shows only the window around the selection, so a
//! list of fifty thousand rows draws as fast as one of fifty. Its columns are
//! sized by [`fit_widths`], the one rule for every table.

use super::columns::{Fit, clip, fit_widths};
use crate::domain::visible::visible;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Text;
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Row, Table, TableState};

/// The mark before the selected row; every row leaves room for it.
const HIGHLIGHT: &str = "▶ ";
const SPACING: u16 = 1;

/// One row's cells and the style that marks its urgency.
pub struct StyledRow {
    pub cells: Vec<String>,
    pub style: Style,
}

/// A list to draw: rows under headers, one of them selected.
pub struct ListView<'a> {
    pub headers: Vec<&'a str>,
    /// How each column gives way when the room runs out.
    pub fits: Vec<Fit>,
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
    let ListView { headers, fits, rows, selected, empty } = list;
    let block = Block::new().borders(Borders::TOP | Borders::BOTTOM).border_style(theme.dim());
    let inner_height = block.inner(area).height.saturating_sub(1) as usize; // less the header
    if rows.is_empty() {
        let why = ratatui::widgets::Paragraph::new(Text::from(empty)).wrap(ratatui::widgets::Wrap { trim: true });
        frame.render_widget(why.block(block), area);
        return;
    }
    let offset = if inner_height == 0 { selected } else { selected.saturating_sub(inner_height - 1) };
    // Widths from every row, not just the window, so columns stay put as the
    // selection scrolls; a column given no width is left out.
    // Data text is shown as visible escapes before anything is measured, so a
    // name holding control characters is sized as it is drawn.
    let cells: Vec<Vec<String>> =
        rows.iter().map(|r| r.cells.iter().map(|c| visible(c).into_owned()).collect()).collect();
    let room = area.width.saturating_sub(HIGHLIGHT.chars().count() as u16);
    let widths = fit_widths(&headers, &fits, &cells, room, SPACING);
    let clipped = |texts: Vec<String>| -> Vec<Cell> {
        texts.into_iter().zip(&widths).filter(|(_, w)| **w > 0).map(|(t, w)| Cell::from(clip(&t, *w))).collect()
    };
    let window: Vec<Row> = rows
        .iter()
        .zip(cells)
        .skip(offset)
        .take(inner_height.max(1))
        .map(|(r, cells)| Row::new(clipped(cells)).style(r.style))
        .collect();
    let header = Row::new(clipped(headers.iter().map(|h| h.to_string()).collect())).style(theme.header());
    let constraints: Vec<Constraint> = widths.iter().filter(|w| **w > 0).map(|w| Constraint::Length(*w)).collect();
    let table = Table::new(window, constraints)
        .header(header)
        .block(block)
        .column_spacing(SPACING)
        .row_highlight_style(theme.selected())
        .highlight_symbol(HIGHLIGHT)
        .highlight_spacing(HighlightSpacing::Always);
    let mut state = TableState::new().with_selected(active.then_some(selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}
