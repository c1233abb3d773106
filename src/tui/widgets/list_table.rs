//! A table of rows that shows only the window around the selection, so a
//! list of fifty thousand rows draws as fast as one of fifty: a long list's
//! rows are made only for the window ([`Rows::Window`]), its columns sized
//! from widths measured once when the list was loaded. Columns are sized by
//! [`fit_measured`], the one rule for every table.

use super::columns::{Fit, clip, fit_measured};
use crate::domain::visible::visible;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::Text;
use ratatui::widgets::{Block, Borders, Cell, HighlightSpacing, Row, Table, TableState};
use unicode_width::UnicodeWidthStr;

/// The mark before the selected row; every row leaves room for it.
const HIGHLIGHT: &str = "▶ ";
const SPACING: u16 = 1;

/// One row's cells and the style that marks its urgency.
pub struct StyledRow {
    pub cells: Vec<String>,
    pub style: Style,
}

/// A list's rows: every one made (a short list), or only those in the
/// window, made on demand, with each column's widest cell over the rows
/// listed worked out beforehand ([`Measured::widest`]).
pub enum Rows<'a> {
    All(Vec<StyledRow>),
    Window {
        len: usize,
        /// Each column's widest cell over every row listed, as shown.
        widest: Vec<usize>,
        row: Box<dyn Fn(usize) -> StyledRow + 'a>,
    },
}

impl Rows<'_> {
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn len(&self) -> usize {
        match self {
            Rows::All(rows) => rows.len(),
            Rows::Window { len, .. } => *len,
        }
    }

    fn row(&self, i: usize) -> StyledRow {
        match self {
            Rows::All(rows) => StyledRow { cells: rows[i].cells.clone(), style: rows[i].style },
            Rows::Window { row, .. } => row(i),
        }
    }
}

/// The width of every cell of a list, as the list shows it (escapes and
/// all), worked out once when the list loads: a frame then sizes its
/// columns over the rows a search or filter leaves in, without making them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Measured {
    columns: usize,
    /// Row by row, `columns` widths each.
    widths: Vec<u16>,
}

impl Measured {
    pub fn of(rows: impl IntoIterator<Item = Vec<String>>) -> Measured {
        let mut m = Measured::default();
        for cells in rows {
            m.columns = m.columns.max(cells.len());
            let mut row: Vec<u16> = cells.iter().map(|c| visible(c).width().min(u16::MAX as usize) as u16).collect();
            row.resize(m.columns, 0);
            m.widths.extend(row);
        }
        m
    }

    /// Each of `columns`' widest cell over the rows `rows` (indexes into
    /// the list as measured); 0 for what was not measured.
    pub fn widest(&self, rows: impl IntoIterator<Item = usize>, columns: &[usize]) -> Vec<usize> {
        let mut widest = vec![0; columns.len()];
        for r in rows {
            let Some(row) = self.widths.get(r * self.columns..(r + 1) * self.columns) else { continue };
            for (w, &c) in widest.iter_mut().zip(columns) {
                *w = (*w).max(row.get(c).copied().unwrap_or(0) as usize);
            }
        }
        widest
    }
}

/// A list to draw: rows under headers, one of them selected.
pub struct ListView<'a> {
    pub headers: Vec<&'a str>,
    /// How each column gives way when the room runs out.
    pub fits: Vec<Fit>,
    pub rows: Rows<'a>,
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
    // Data text is shown as visible escapes before anything is measured, so a
    // name holding control characters is sized as it is drawn.
    let shown = |r: StyledRow| (r.cells.iter().map(|c| visible(c).into_owned()).collect::<Vec<String>>(), r.style);
    let window: Vec<(Vec<String>, Style)> =
        (offset..rows.len().min(offset + inner_height.max(1))).map(|i| shown(rows.row(i))).collect();
    // Widths from every row, not just the window, so columns stay put as the
    // selection scrolls; a column given no width is left out.
    let widest = match &rows {
        Rows::All(all) => {
            let columns: Vec<usize> = (0..headers.len()).collect();
            Measured::of(all.iter().map(|r| r.cells.clone())).widest(0..all.len(), &columns)
        }
        Rows::Window { widest, .. } => widest.clone(),
    };
    let room = area.width.saturating_sub(HIGHLIGHT.chars().count() as u16);
    let widths = fit_measured(&headers, &fits, &widest, room, SPACING);
    let clipped = |texts: Vec<String>| -> Vec<Cell> {
        texts.into_iter().zip(&widths).filter(|(_, w)| **w > 0).map(|(t, w)| Cell::from(clip(&t, *w))).collect()
    };
    let window: Vec<Row> = window.into_iter().map(|(cells, style)| Row::new(clipped(cells)).style(style)).collect();
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
