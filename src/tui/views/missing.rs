//! The Still missing screen: every open episode, longest first.

use super::{Body, counts, empty_message, pick, render_body};
use crate::domain::codes::Risk;
use crate::domain::missing::MissingRow;
use crate::domain::time::display_local;
use crate::io::cells::{MISSING_HEADERS, missing_cells, place, place_name};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

const NARROW: &[usize] = &[0, 2, 3, 4, 5, 6];
const WIDE: &[usize] = &[0, 1, 2, 3, 4, 5, 6];

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = app.visible_missing();
    let over_72 = rows.iter().filter(|r| r.hours_missing >= 72).count();
    let high = rows.iter().filter(|r| r.risk == Some(Risk::High)).count();
    let counts = counts(vec![
        Span::raw(format!("Missing now {}", rows.len())),
        Span::styled(format!("72h and over {over_72}"), theme.urgent()),
        Span::raw(format!("High risk {high}")),
    ]);

    let columns = if area.width >= 120 { WIDE } else { NARROW };
    let headers = pick(&MISSING_HEADERS, columns);
    // The name and the place give way; times, hours and risk stay whole.
    let fits = columns
        .iter()
        .map(|i| match i {
            0 | 5 => Fit::Shrink,
            1 => Fit::Optional(1),
            6 => Fit::Optional(2),
            _ => Fit::Whole,
        })
        .collect();
    let styled = rows
        .iter()
        .map(|r| StyledRow {
            cells: pick(&narrow_place(missing_cells(r, app.now), r, columns == NARROW), columns),
            style: if r.hours_missing >= 72 || r.risk == Some(Risk::High) { theme.urgent() } else { Style::new() },
        })
        .collect();
    let empty = empty_message(app, "No child is missing right now.");
    let list = ListView { headers, fits, rows: Rows::All(styled), selected: app.selection(), empty };
    let detail = rows.get(app.selection()).filter(|_| app.show_detail).map(|r| detail_lines(r, theme));
    render_body(app, theme, frame, area, Body { counts, list, detail });
}

/// On a narrow screen the From cell names the place alone (`The Gables`);
/// the detail pane gives its kind.
fn narrow_place(mut cells: Vec<String>, r: &MissingRow, narrow: bool) -> Vec<String> {
    if let (true, Some(cell)) = (narrow, cells.get_mut(FROM)) {
        *cell = place_name(r.missing_from, r.missing_from_name.as_deref());
    }
    cells
}

/// The From cell's place in [`MISSING_HEADERS`].
const FROM: usize = 5;

fn detail_lines<'a>(r: &MissingRow, theme: &Theme) -> Vec<Line<'a>> {
    let from = place(r.missing_from, r.missing_from_name.as_deref());
    vec![
        Line::from(vec![
            Span::styled(r.name.clone(), theme.title()),
            Span::raw(format!(
                "  {} · episode {} · {} · {}",
                r.person_ref,
                r.episode_ref,
                r.kind.label(),
                r.cohort.label()
            )),
        ]),
        Line::from(format!("Missing since {} ({} hours) from {from}", display_local(r.missing_at), r.hours_missing)),
        Line::from(format!(
            "Police ref {} · risk {} · team {}",
            r.police_ref.as_deref().unwrap_or("-"),
            r.risk.map_or("not graded", |k| k.label()),
            r.team.as_deref().unwrap_or("-")
        )),
    ]
}
