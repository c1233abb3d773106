//! The Chase screen: outstanding return interviews against the 72-hour clock.

use super::{Body, counts, empty_message, index_in, pick, render_body};
use crate::domain::chase::{BandCounts, ChaseRow, SplitCounts, split_band_counts};
use crate::domain::codes::{Band, ChaseFlag, Cohort};
use crate::domain::time::{Instant, display_local, display_short, format_span};
use crate::io::cells::{CHASE_HEADERS, chase_cells, place};
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Column indexes into the shared cells, for narrow and wide terminals.
/// Below 100 columns the due time is left to the detail pane (time left
/// says how urgent), so names and who to chase have room.
const NARROW: &[usize] = &[0, 1, 5, 6, 8, 10];
const MEDIUM: &[usize] = &[0, 1, 4, 5, 6, 7, 8, 10];
const WIDER: &[usize] = &[0, 1, 2, 4, 5, 6, 7, 8, 10];
const WIDE: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = app.visible_chase();
    let split = split_band_counts(rows.iter().copied());
    let wide = area.width >= 120;
    let band = |label: &str, b: Band| format!("{label} {}{}", pick_band(split.all, b), ours_and_theirs(split, b, wide));
    let counts = counts(vec![
        Span::styled(band("Overdue", Band::Overdue), theme.urgent()),
        Span::styled(band("Due within 24h", Band::Within24h), theme.soon()),
        Span::raw(band("Later", Band::Later)),
    ]);

    let columns = match area.width {
        0..100 => NARROW,
        100..140 => MEDIUM,
        140..160 => WIDER,
        _ => WIDE,
    };
    let headers = pick(&CHASE_HEADERS, columns);
    // Names give way; dates, time left, counts and flags stay whole; the
    // reference, the return and the cohort (all in the detail pane) go first.
    let fits = columns
        .iter()
        .map(|i| match i {
            1 | 6 | 7 => Fit::Shrink,
            2 => Fit::Optional(1),
            3 => Fit::Optional(2),
            9 => Fit::Optional(3),
            _ => Fit::Whole,
        })
        .collect();
    // Only the rows on screen are made; the widths were measured as the list loaded.
    let row = |i: usize| {
        let r: &ChaseRow = rows[i];
        let cells = pick(&chase_cells(r, app.now), columns);
        let style = match r.band {
            Band::Overdue => theme.urgent(),
            Band::Within24h => theme.soon(),
            Band::Later => ratatui::style::Style::new(),
        };
        StyledRow { cells, style }
    };
    let styled = Rows::Window {
        len: rows.len(),
        widest: app.lists.chase_widths.widest(rows.iter().map(|r| index_in(&app.lists.chase, r)), columns),
        row: Box::new(row),
    };
    let empty = empty_message(app, "No return interviews outstanding.");
    let list = ListView { headers, fits, rows: styled, selected: app.selection(), empty };
    let detail = rows.get(app.selection()).filter(|_| app.show_detail).map(|r| detail_lines(r, app.now, theme));
    render_body(app, theme, frame, area, Body { counts, list, detail });
}

fn pick_band(c: BandCounts, band: Band) -> usize {
    match band {
        Band::Overdue => c.overdue,
        Band::Within24h => c.within_24h,
        Band::Later => c.later,
    }
}

/// ` (9 ours, 3 placing LAs')` after a band's count when some of its
/// interviews are placing authorities' (children placed here by another);
/// where room is short, ` (3 placing LAs')`, ours being the rest.
fn ours_and_theirs(split: SplitCounts, band: Band, wide: bool) -> String {
    let theirs = |n: usize| if n == 1 { "1 placing LA's".to_string() } else { format!("{n} placing LAs'") };
    match (pick_band(split.all, band), pick_band(split.placing, band)) {
        (_, 0) => String::new(),
        (all, n) if wide => format!(" ({} ours, {})", all - n, theirs(n)),
        (_, n) => format!(" ({})", theirs(n)),
    }
}

fn detail_lines<'a>(r: &ChaseRow, now: Instant, theme: &Theme) -> Vec<Line<'a>> {
    let from = place(r.missing_from, r.missing_from_name.as_deref());
    let left = if r.overdue {
        Span::styled(format!("{} OVERDUE", format_span(r.minutes_left)), theme.urgent())
    } else {
        Span::raw(format!("{} left", format_span(r.minutes_left)))
    };
    let mut flags: Vec<String> = r.flags.iter().map(|f| f.label().to_string()).collect();
    if let (true, Some(since)) = (r.has(ChaseFlag::MissingAgain), r.missing_again_since) {
        flags.retain(|f| f != ChaseFlag::MissingAgain.label());
        flags.insert(0, format!("Missing again since {}", display_short(since, now)));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(r.name.clone(), theme.title()),
            Span::raw(format!(
                "  {} · episode {} · {} · {}",
                r.person_ref,
                r.episode_ref,
                r.cohort.label(),
                r.case_status.label()
            )),
        ]),
        Line::from(format!(
            "Missing {} from {from} · returned {}",
            display_short(r.missing_at, now),
            display_short(r.returned_at, now)
        )),
        Line::from(if r.has(ChaseFlag::MissingAgain) {
            // Chasing waits for the child's return: say so before the clock.
            vec![
                Span::raw(format!("RI due {} · ", display_local(r.due_at))),
                Span::styled("MISSING AGAIN", theme.urgent()),
                Span::raw(" · "),
                left,
            ]
        } else {
            vec![Span::raw(format!("RI due {} · ", display_local(r.due_at))), left]
        }),
        Line::from(format!(
            "Worker {} · team {} · lead {} · {} attempt(s) · police {} · risk {}",
            r.worker.as_deref().unwrap_or("none assigned"),
            r.team.as_deref().unwrap_or("-"),
            r.lead_professional.as_deref().unwrap_or("-"),
            r.attempts,
            r.police_ref.as_deref().unwrap_or("-"),
            r.risk.map_or("not graded", |k| k.label()),
        )),
        Line::from(if flags.is_empty() { "No flags".to_string() } else { format!("Flags: {}", flags.join(" · ")) }),
    ];
    if r.cohort == Cohort::PlacedIn {
        // Once it is overdue, the letter is one key away.
        let then = if r.overdue { "overdue: L drafts our letter to them" } else { "write to them if not done in 72h" };
        lines.push(Line::from(format!("Placed here by {}: their interview; {then}", r.responsible_la)));
    }
    lines
}
