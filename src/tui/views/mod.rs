//! Drawing: a function of the app's state that never changes it.

mod chase;
mod conflict;
mod form;
mod help;
mod missing;
mod mpmg;
mod patterns;
pub mod person;
mod picker;
mod reports;
mod strategy;

use super::app::{App, Overlay, Tab};
use super::filters::WorkerFilter;
use super::keymap::{Context, hints_for};
use super::theme::Theme;
use super::widgets::list_table::{ListView, render_list};
use super::widgets::visible::visible_lines;
use crate::domain::time::{display_clock, to_uk};
use crate::domain::visible::{is_hidden, visible};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows of chrome around a list (bars, summary, table header and borders,
/// detail pane): what is left is the page size for paging keys.
pub fn list_rows(height: u16) -> usize {
    height.saturating_sub(16).max(1) as usize
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    render_screen(app, theme, frame);
    scrub(frame.buffer_mut());
}

/// The last line of defence for text from the data, wherever a view drew
/// it: ratatui drops control characters, but a bidi override (U+202E) is
/// zero-width and rides along with the cell before it, and would reorder
/// what the terminal shows. Any character [`visible`] would escape is taken
/// out of every cell. (The lists show them as escapes: see `list_table`.)
///
/// [`visible`]: crate::domain::visible::visible
fn scrub(buffer: &mut ratatui::buffer::Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_hidden) {
            let kept: String = cell.symbol().chars().filter(|&c| !is_hidden(c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn render_screen(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    if too_small(area.width, area.height) {
        render_too_small(app, frame, area);
        return;
    }
    let [top, body, status, hints] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(5), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    render_top_bar(app, theme, frame, top);
    match (&app.person, app.tab) {
        (Some(view), _) => person::render(&view.page, app.now, view.selected, view.action_focus(), theme, frame, body),
        (None, Tab::Chase) => chase::render(app, theme, frame, body),
        (None, Tab::Strategy) => strategy::render(app, theme, frame, body),
        (None, Tab::Missing) => missing::render(app, theme, frame, body),
        (None, Tab::Mpmg) => mpmg::render(app, theme, frame, body),
        (None, Tab::Reports) => reports::render(app, theme, frame, body),
        (None, Tab::Patterns) => patterns::render(app, theme, frame, body),
    }
    render_status(app, theme, frame, status);
    match &app.overlay {
        Overlay::Search => render_search(app, theme, frame, hints),
        _ => render_hints(app.context(), theme, frame, hints),
    }
    match &app.overlay {
        Overlay::Help => help::render(app.context(), theme, frame, area),
        Overlay::Picker(p) => picker::render(p, theme, frame, body),
        Overlay::None | Overlay::Search => {}
    }
    // A form may be taller than the list area: it may cover the status line too.
    let form_area = Rect { height: body.height + status.height, ..body };
    if let Some(f) = &app.form {
        form::render(f, app.clock, theme, frame, form_area);
    }
    if let Some(c) = &app.conflict {
        conflict::render(c, theme, frame, body);
    }
    if let Some(c) = &app.confirm {
        conflict::render_confirm(c, theme, frame, body);
    }
    if app.quit_asked {
        conflict::render_quit(app.unsaved().map_or("", |f| f.title), theme, frame, body);
    }
}

/// Whether a terminal of this size is too small for the screens.
pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

fn render_too_small(app: &App, frame: &mut Frame, area: Rect) {
    let size = format!(
        "Terminal too small: {}x{}. ri-chase needs at least {MIN_WIDTH}x{MIN_HEIGHT}.",
        area.width, area.height
    );
    let text = match (app.quit_asked, app.unsaved()) {
        (true, form) => format!(
            "{size} Quit and discard what you typed in {}? y quits, discarding it; n keeps it.",
            form.map_or("the form", |f| f.title)
        ),
        (false, Some(form)) => format!(
            "{size} {} is open with what you typed: enlarge the window to go on, or press q to quit.",
            form.title
        ),
        (false, None) => format!("{size} Enlarge the window, or press q to quit."),
    };
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The tab bar's tabs: padded where there is room, else tight (five tabs
/// and the clock fit 80 columns only so).
fn tab_spans<'a>(app: &App, theme: &Theme, wide: bool, padded: bool) -> Vec<Span<'a>> {
    let mut tabs = Vec::new();
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let title = if wide { tab.title() } else { tab.short_title() };
        // The Reports tab lists nobody: it has no count.
        let count = match tab {
            Tab::Reports => String::new(),
            Tab::Patterns => String::new(),
            // Only the Chase list is in yet: the others' counts follow.
            Tab::Strategy | Tab::Missing | Tab::Mpmg if app.lists.pending => " (…)".to_string(),
            _ => format!(" ({})", app.tab_count(*tab)),
        };
        let label = if padded { format!(" {} {title}{count} ", i + 1) } else { format!("{} {title}{count}", i + 1) };
        let style = if *tab == app.tab { theme.tab_active() } else { ratatui::style::Style::new() };
        tabs.push(Span::raw(" "));
        tabs.push(Span::styled(label, style));
    }
    tabs
}

fn render_top_bar(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let wide = area.width >= 120;
    let width = |spans: &[Span]| spans.iter().map(|s| s.width()).sum::<usize>();
    // A space before the clock and one after it.
    let fits = |tabs: &[Span], clock: &str| width(tabs) + clock.chars().count() + 2 <= area.width as usize;
    // Padded tabs and the full clock; else tight tabs; else the clock without its weekday.
    let full_clock = display_clock(app.now, area.width >= 150);
    let (tabs, clock) = [(true, full_clock.clone()), (false, full_clock)]
        .into_iter()
        .map(|(padded, clock)| (tab_spans(app, theme, wide, padded), clock))
        .find(|(tabs, clock)| fits(tabs, clock))
        .unwrap_or_else(|| {
            // Six tabs with their counts leave 80 columns room for the time alone.
            let tabs = tab_spans(app, theme, wide, false);
            let short = to_uk(app.now).format("%-d %b %H:%M").to_string();
            let clock = if fits(&tabs, &short) { short } else { to_uk(app.now).format("%H:%M").to_string() };
            (tabs, clock)
        });
    let tabs_width = width(&tabs);
    // The tabs and the clock come first; the authority's name where there is room.
    let name = if wide { format!(" ri-chase · {} ", app.authority) } else { format!(" {} ", app.authority) };
    let room = (area.width as usize).saturating_sub(tabs_width + clock.chars().count() + 1);
    let mut spans = Vec::new();
    if name.chars().count() <= room {
        spans.push(Span::styled(name, theme.title()));
    }
    spans.extend(tabs);
    let used = width(&spans);
    let pad = (area.width as usize).saturating_sub(used + clock.chars().count() + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::raw(clock));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let text = match &app.status {
        // A message may quote a name: shown as the lists show it, never obeyed.
        Some(s) => Span::styled(visible(s).into_owned(), theme.status()),
        None => Span::styled(
            format!("Lists as at {} · refreshed every minute · r reloads now", to_uk(app.now).format("%H:%M")),
            theme.dim(),
        ),
    };
    frame.render_widget(Paragraph::new(Line::from(text)), area);
}

/// The hint bar: the most used bindings of the context in force, as many as fit.
fn render_hints(context: Context, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, word) in hints_for(context) {
        let width = key.chars().count() + word.len() + 2;
        if used + width > area.width as usize {
            break;
        }
        used += width;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {word} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_search(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let prompt = "Search name or ref: ";
    let line = Line::from(vec![
        Span::styled(prompt, theme.key()),
        Span::raw(app.filters.search.clone()),
        Span::styled("   Enter keep · Esc cancel", theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    let x = area.x + (prompt.chars().count() + app.filters.search.chars().count()) as u16;
    frame.set_cursor_position((x.min(area.right().saturating_sub(1)), area.y));
}

/// What an empty list says: why it is empty, and on a file with no child
/// yet, how to begin.
pub(super) fn empty_message(app: &App, when_unfiltered: &'static str) -> &'static str {
    if app.lists.pending && app.tab != Tab::Chase {
        "Loading…"
    } else if !app.filters.is_empty() {
        "Nothing matches the search and filters (x clears them)."
    } else if app.lists.empty_file {
        "No children recorded yet: n adds a child (or ri-chase import FILE.csv)."
    } else {
        when_unfiltered
    }
}

/// Cells at the given indexes, in that order.
/// Where `item`, a reference into `list`, sits in it: the visible rows are
/// references into the loaded list, and its measured widths go by index.
pub(super) fn index_in<T>(list: &[T], item: &T) -> usize {
    let start = list.as_ptr() as usize;
    (item as *const T as usize).wrapping_sub(start) / std::mem::size_of::<T>().max(1)
}

pub(super) fn pick<T: Clone>(cells: &[T], columns: &[usize]) -> Vec<T> {
    columns.iter().filter_map(|i| cells.get(*i).cloned()).collect()
}

/// A tab's body: a summary line, the list, and the selected row's detail.
pub(super) struct Body<'a> {
    /// Counts for the summary line (the filters in force are added after them).
    pub counts: Vec<Span<'a>>,
    pub list: ListView<'a>,
    /// The selected row's detail, when the pane is on and a row is selected.
    pub detail: Option<Vec<Line<'a>>>,
}

pub(super) fn render_body(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, body: Body) {
    // The detail pane wraps its lines rather than cut them, and is as tall as
    // the wrapped text (the list keeps at least three rows).
    let detail = body.detail.filter(|_| app.show_detail).map(|lines| {
        let block = Block::new().borders(Borders::TOP).title(" Detail ").border_style(theme.dim());
        Paragraph::new(visible_lines(lines)).block(block).wrap(Wrap { trim: false })
    });
    let detail_height = detail.as_ref().map_or(0, |p| p.line_count(area.width) as u16);
    // The summary too wraps onto a second line rather than lose its end.
    let mut spans = body.counts;
    spans.extend(filter_summary(app, theme));
    let summary_text = Paragraph::new(Line::from(spans)).wrap(Wrap { trim: true });
    let summary_height = summary_text.line_count(area.width).clamp(1, 2) as u16;
    let [summary, list, detail_area] =
        Layout::vertical([Constraint::Length(summary_height), Constraint::Min(3), Constraint::Length(detail_height)])
            .areas(area);
    frame.render_widget(summary_text, summary);
    render_list(frame, list, theme, body.list);
    if let Some(paragraph) = detail {
        frame.render_widget(paragraph, detail_area);
    }
}

/// `label n` parts of a summary line, separated by bars.
pub(super) fn counts<'a>(parts: Vec<Span<'a>>) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for (i, part) in parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw("  │  "));
        }
        spans.push(part);
    }
    spans
}

/// `  │  Filters: ...` when any search or filter is on.
fn filter_summary(app: &App, theme: &Theme) -> Vec<Span<'static>> {
    let f = &app.filters;
    let mut parts = Vec::new();
    if !f.search.is_empty() {
        parts.push(format!("search \"{}\"", f.search));
    }
    if let Some(c) = f.cohort {
        parts.push(c.label().to_string());
    }
    if let Some(t) = &f.team {
        parts.push(format!("team {t}"));
    }
    match (&f.worker, app.tab) {
        (Some(WorkerFilter::Named(w)), Tab::Chase) => parts.push(format!("worker {w}")),
        (Some(WorkerFilter::Nobody), Tab::Chase) => parts.push("no worker assigned".to_string()),
        _ => {}
    }
    if let (Some(e), Tab::Chase | Tab::Mpmg) = (f.exploitation, app.tab) {
        parts.push(e.label().to_string());
    }
    if parts.is_empty() {
        return Vec::new();
    }
    vec![Span::raw("  │  "), Span::styled(format!("Filtered: {}", parts.join(", ")), theme.key())]
}
