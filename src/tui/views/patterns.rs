//! The Patterns tab: children who go missing together (each group with its
//! occasions, the members' episodes side by side), hotspots (by placement,
//! school / EET and where found, against the 12 months before), and
//! prevention work with its before and after. Words and numbers come from
//! the same functions as `ri-chase patterns` and `ri-chase prevention`.

use crate::domain::patterns::hotspots::{HotspotKind, HotspotRow};
use crate::domain::patterns::together::Group;
use crate::domain::time::{display_local, format_span};
use crate::domain::visible::visible;
use crate::io::patterns::signed;
use crate::tui::app::{App, PatternsData, PatternsView};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// Rows of each hotspot list shown.
const HOTSPOT_ROWS: usize = 10;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let tab = &app.patterns;
    let [head, views, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let period =
        format!("{} to {}", tab.period.first_day().format("%d/%m/%Y"), tab.period.last_day().format("%d/%m/%Y"));
    let mut spans = vec![Span::styled(period, theme.title())];
    let keys = "  [ ] period · v view · j k scroll";
    let Some(data) = app.patterns_shown() else {
        spans.push(Span::raw(" · loading…"));
        frame.render_widget(Paragraph::new(Line::from(spans)), head);
        return;
    };
    let about = match tab.view {
        PatternsView::Groups => {
            format!(" · {} group(s), linked on {} or more occasions", data.groups.len(), data.min_times)
        }
        PatternsView::Hotspots => " · against the 12 months before".to_string(),
        PatternsView::Prevention => format!(" · {} quarter(s) either side of each piece", data.quarters),
    };
    spans.push(Span::raw(about));
    if Line::from(spans.clone()).width() + keys.chars().count() <= area.width as usize {
        spans.push(Span::styled(keys, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), head);
    let mut tabs = Vec::new();
    for v in PatternsView::ALL {
        let style = if v == tab.view { theme.tab_active() } else { ratatui::style::Style::new() };
        tabs.push(Span::styled(format!(" {} ", v.title()), style));
        tabs.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(tabs)), views);
    let lines = match tab.view {
        PatternsView::Groups => groups(data, theme, body.width),
        PatternsView::Hotspots => hotspots(data, theme, body.width),
        PatternsView::Prevention => prevention(data, theme),
    };
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let room = paragraph.line_count(body.width).saturating_sub(body.height as usize);
    tab.scroll_room.set(room);
    let scroll = tab.scroll.min(room) as u16;
    frame.render_widget(paragraph.scroll((scroll, 0)), body);
}

/// `text` cut or padded to `width` columns.
fn cell(text: &str, width: usize) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if out.width() + ch.to_string().width() > width {
            break;
        }
        out.push(ch);
    }
    let pad = width.saturating_sub(out.width());
    out + &" ".repeat(pad)
}

fn groups<'a>(data: &PatternsData, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    if data.groups.is_empty() {
        return vec![Line::raw(format!(
            "No children went missing together on {} or more occasions in these 12 months.",
            data.min_times
        ))];
    }
    let mut lines = Vec::new();
    for (n, g) in data.groups.iter().enumerate() {
        lines.extend(group(n + 1, g, theme, width));
    }
    lines
}

fn group<'a>(n: usize, g: &Group, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let names: Vec<String> =
        g.members.iter().map(|m| format!("{} ({})", visible(&m.name), visible(&m.person_ref))).collect();
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("Group {n}: {} times together", g.times_together()), theme.title()),
            Span::raw(format!(" · first {} · latest {}", display_local(g.first_at()), display_local(g.last_at()))),
        ]),
        Line::raw(format!("  {}", names.join(", "))),
    ];
    // Each occasion: the members' episodes in rows, their columns lined up.
    let name_w = 18.min(width as usize / 5);
    for o in &g.occasions {
        let links: Vec<&str> = o.links.iter().map(|l| l.label()).collect();
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(display_local(o.first_at()), theme.key()),
            Span::styled(format!(" · {}", links.join(", ")), theme.dim()),
        ]));
        for e in &o.episodes {
            let length = e.minutes().map(format_span).unwrap_or_else(|| "still missing".into());
            let mut place = String::new();
            if let Some(p) = &e.placement {
                place.push_str(&format!("from {}", visible(p)));
            }
            if let Some(w) = &e.where_found {
                place.push_str(&format!("{}found at {}", if place.is_empty() { "" } else { ", " }, visible(w)));
            }
            lines.push(Line::raw(format!(
                "    {} {} {} {place}",
                cell(&visible(&e.name), name_w),
                cell(&display_local(e.missing_at), 21),
                cell(&length, 9),
            )));
        }
    }
    lines.push(Line::raw(""));
    lines
}

fn hotspots<'a>(data: &PatternsData, theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let name_w = (width as usize).saturating_sub(48).clamp(12, 50);
    for kind in HotspotKind::ALL {
        let rows = data.hotspots.rows(kind);
        lines.push(Line::from(vec![
            Span::styled(cell(kind.label(), name_w), theme.title()),
            Span::styled(" Episodes Children   Before  Children  Change", theme.dim()),
        ]));
        if rows.is_empty() {
            lines.push(Line::raw("  None recorded."));
        }
        for r in rows.iter().take(HOTSPOT_ROWS) {
            lines.push(Line::raw(hotspot_line(r, name_w)));
        }
        if rows.len() > HOTSPOT_ROWS {
            lines.push(Line::styled(
                format!("  … and {} more (ri-chase patterns --hotspots lists them all)", rows.len() - HOTSPOT_ROWS),
                theme.dim(),
            ));
        }
        lines.push(Line::raw(""));
    }
    lines
}

fn hotspot_line(r: &HotspotRow, name_w: usize) -> String {
    format!(
        "{} {:>8} {:>8} {:>8} {:>9} {:>7}",
        cell(&visible(&r.name), name_w),
        r.episodes,
        r.individuals,
        r.episodes_before,
        r.individuals_before,
        signed(r.change())
    )
}

fn prevention<'a>(data: &PatternsData, theme: &Theme) -> Vec<Line<'a>> {
    if data.prevention.is_empty() {
        return vec![Line::raw(
            "No prevention work is recorded yet: `ri-chase prevention add` records a piece for a child, a placement or a school.",
        )];
    }
    let mut lines = Vec::new();
    for r in &data.prevention {
        let w = &r.work;
        lines.push(Line::from(vec![
            Span::raw(format!("{}: ", w.target_type.label())),
            Span::styled(visible(&w.target_name).into_owned(), theme.title()),
            Span::raw(format!(
                " · done {} · by {}",
                w.done_on.format("%-d %b %Y"),
                w.by.as_deref().map(|b| visible(b).into_owned()).unwrap_or_else(|| "not recorded".into())
            )),
        ]));
        lines.push(Line::raw(format!("  {}", visible(&w.what))));
        for (label, side) in [("Before", &r.before), ("After", &r.after)] {
            lines.push(Line::raw(format!(
                "  {label:<7}{} episode(s), {} child(ren) · {}{}",
                side.episodes,
                side.individuals,
                side.quarter_labels.join(", "),
                if side.complete { "" } else { " (not over yet)" }
            )));
        }
        lines.push(Line::styled(format!("  {}", visible(&r.sentence)), theme.key()));
        lines.push(Line::raw(""));
    }
    lines
}
