//! The young person screen: everything about one child. Who they are now, how
//! often they have gone missing in the last year, every episode with its
//! return interview and strategy meeting, and the actions the MPMG agreed;
//! the selected episode (or action) in detail.

mod actions;
mod detail;

use crate::domain::codes::{Band, EpisodeKind, RiOutcome, Risk, Signoff, StrategyStatus};
use crate::domain::cohort::same_authority;
use crate::domain::history::{Month, RiState, month_of, monthly_counts, months_before, ri_state};
use crate::domain::record::full_name;
use crate::domain::rules::Rules;
use crate::domain::strategy::{StrategyRow, strategy_rows};
use crate::domain::time::{Instant, display_compact, format_span, to_uk, uk_date};
use crate::io::cells::{cohort_short, place, strategy_cells};
use crate::store::{EpisodeLine, PersonPage};
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow, render_list, render_list_inactive};
use crate::tui::widgets::visible::visible_lines;
use chrono::NaiveDate;
use detail::detail_lines;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Sparkline};

/// The sparkline's span: a year of months ending with the current one.
const MONTHS: usize = 12;

const HEADERS: [&str; 11] = [
    "Started",
    "Returned",
    "Length",
    "Type",
    "From",
    "Risk",
    "Return interview",
    "Worker",
    "Att",
    "Sign-off",
    "Meeting",
];
/// The Strategy list's status cell ("Held (in time)"), reused as the meeting column.
const STRATEGY_STATUS_CELL: usize = 6;

/// Column indexes into [`HEADERS`] for narrow, wide and very wide terminals.
const NARROW: &[usize] = &[0, 1, 2, 6, 10];
const WIDE: &[usize] = &[0, 1, 2, 5, 6, 7, 8, 9, 10];
const FULL: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/// Draws the page as at `now`, with episode `selected` (an index into the
/// page's episodes, newest first) selected; `action` is the selected MPMG
/// action while the actions have the selection, and then it is the one
/// highlighted and shown in detail, else the episode is.
pub fn render(
    page: &PersonPage,
    now: Instant,
    selected: usize,
    action: Option<usize>,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let selected = selected.min(page.episodes.len().saturating_sub(1));
    let action = action.filter(|_| !page.actions.is_empty()).map(|i| i.min(page.actions.len() - 1));
    let today = uk_date(now);
    let width = area.width as usize;
    let header = header_lines(page, now, theme, width);
    let chart_height = match area.height {
        36.. => 5,
        24.. => 3,
        _ => 2,
    };
    let (mut detail, detail_title) = match action.and_then(|i| page.actions.get(i)) {
        Some(a) => (actions::detail_lines(a, today, theme, width), " MPMG action ".to_string()),
        None => match page.episodes.get(selected) {
            Some(e) => (detail_lines(e, page, now, theme, width), format!(" Episode {} ", e.case.episode.episode_ref)),
            None => (Vec::new(), String::new()),
        },
    };
    // The table keeps its header and a few rows in view, and the MPMG
    // actions a few of theirs; the detail pane gets what it needs of the
    // rest, and the table anything left after that.
    let rows = page.episodes.len().max(1) as u16;
    let table_min = 3 + rows.min(if area.height >= 24 { 3 } else { 2 });
    let actions_height = actions::height(
        page,
        match area.height {
            0..30 => 2,
            30..40 => 4,
            _ => 8,
        },
    );
    let room = area.height.saturating_sub(header.len() as u16 + chart_height);
    let detail_height = match detail.len() {
        0 => 0,
        n => (n as u16 + 1).min(room.saturating_sub(table_min + actions_height)),
    };
    // An empty table is its borders and one line saying so.
    let table_height =
        if page.episodes.is_empty() { 3 } else { 3 + rows }.min(room.saturating_sub(detail_height + actions_height));
    let [head, chart, table, mpmg, below, _] = Layout::vertical([
        Constraint::Length(header.len() as u16),
        Constraint::Length(chart_height),
        Constraint::Length(table_height),
        Constraint::Length(actions_height),
        Constraint::Length(detail_height),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(visible_lines(header)), head);
    render_chart(page, now, theme, frame, chart);
    render_table(page, now, selected, action.is_none(), theme, frame, table);
    if actions_height > 0 {
        actions::render(page, today, action, theme, frame, mpmg);
    }
    if !detail.is_empty() {
        // Say so when the window is too short for the whole detail, rather
        // than let its last lines vanish unremarked.
        let fits = detail_height.saturating_sub(1) as usize;
        if detail.len() > fits && fits > 0 {
            let hidden = detail.len() - fits + 1;
            detail.truncate(fits - 1);
            detail.push(Line::styled(format!("… {hidden} more lines: a taller window shows them"), theme.dim()));
        }
        let block = Block::new().borders(Borders::TOP).title(detail_title).border_style(theme.dim());
        frame.render_widget(Paragraph::new(visible_lines(detail)).block(block), below);
    }
}

/// Who the child is, packed into as few lines as the width allows.
fn header_lines<'a>(page: &PersonPage, now: Instant, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let p = &page.record.person;
    let profile = &page.record.profile;
    let age = match uk_date(now).years_since(p.date_of_birth) {
        Some(years) => format!("age {years} (born {})", p.date_of_birth.format("%d/%m/%Y")),
        None => format!("born {}", p.date_of_birth.format("%d/%m/%Y")),
    };
    let name = Span::styled(full_name(&p.given_name, &p.family_name), theme.title());
    let mut parts = vec![name, Span::raw(p.person_ref.clone()), Span::raw(age)];
    parts.push(Span::raw(p.sex.map_or("sex not recorded", |s| s.label())));
    parts.push(Span::raw(p.case_status.label()));
    let since = |d: Option<NaiveDate>| d.map_or(String::new(), |d| format!(" since {}", d.format("%d/%m/%Y")));
    if p.cse_strategy {
        parts.push(Span::styled(format!("CSE strategy{}", since(profile.cse_since)), theme.urgent()));
    }
    if p.cce_risk {
        parts.push(Span::styled(format!("CCE risk{}", since(profile.cce_since)), theme.urgent()));
    }
    if let Some(nrm) = &profile.nrm {
        parts.push(Span::raw(format!(
            "NRM referral {}: {}",
            nrm.referred_on.format("%d/%m/%Y"),
            nrm.outcome.label().to_lowercase()
        )));
    }
    if let Some(open) = page.episodes.iter().find(|e| e.case.episode.is_open_at(now)) {
        let text = format!("MISSING NOW for {}", format_span(open.case.episode.minutes_missing(now)));
        parts.push(Span::styled(text, theme.urgent()));
    }
    let authorities = if same_authority(&p.responsible_la, &p.placement_la) {
        format!("LA {}", p.responsible_la)
    } else {
        format!("responsible LA {}, placement LA {}", p.responsible_la, p.placement_la)
    };
    parts.push(Span::raw(match page.cohort {
        Some(cohort) => format!("{}, {authorities}", cohort_short(cohort)),
        None => authorities,
    }));
    parts.push(Span::raw(match (&p.lead_professional, &p.team) {
        (Some(lead), Some(team)) => format!("lead {lead}, {team}"),
        (Some(lead), None) => format!("lead {lead}"),
        (None, Some(team)) => format!("no lead recorded, team {team}"),
        (None, None) => "no lead professional recorded".to_string(),
    }));
    parts.push(Span::raw(match &profile.placement {
        Some(pl) => format!("placement {}", place(pl.kind, Some(&pl.name))),
        None => "placement not recorded".to_string(),
    }));
    parts.push(Span::raw(match &profile.school {
        Some(school) => format!("school/EET {school}"),
        None => "school/EET not recorded".to_string(),
    }));
    parts.push(Span::raw(match &profile.vulnerability {
        Some(v) => format!("vulnerability: {v}"),
        None => "vulnerability not recorded".to_string(),
    }));
    pack(parts, width)
}

/// Lays `parts` out separated by dots, starting a new line whenever the next
/// part would not fit; a part wider than a line is cut short.
fn pack<'a>(parts: Vec<Span<'a>>, width: usize) -> Vec<Line<'a>> {
    const SEP: &str = " · ";
    let mut lines = Vec::new();
    let mut line: Vec<Span> = Vec::new();
    let mut used = 0;
    for part in parts {
        let part = fit(part, width);
        if !line.is_empty() && used + SEP.chars().count() + part.width() > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if !line.is_empty() {
            line.push(Span::raw(SEP));
            used += SEP.chars().count();
        }
        used += part.width();
        line.push(part);
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}

/// A span cut to `width` columns, ending in an ellipsis when cut.
fn fit(span: Span<'_>, width: usize) -> Span<'_> {
    if span.width() <= width {
        return span;
    }
    let text: String = span.content.chars().take(width.saturating_sub(1)).collect();
    Span::styled(format!("{text}…"), span.style)
}

/// Episodes per month over the last year, as a sparkline with the months and
/// the counts written beneath it, so the figures do not rest on the graphic.
fn render_chart(page: &PersonPage, now: Instant, theme: &Theme, frame: &mut Frame, area: Rect) {
    let last = month_of(now);
    let first = months_before(last, MONTHS as i64 - 1);
    let counts = monthly_counts(page.episodes.iter().map(|e| e.case.episode.missing_at), last, MONTHS);
    let total: u64 = counts.iter().sum();
    // Three columns a month (a bar two wide and a gap) where space is short,
    // four with month abbreviations where it is not.
    let wide = area.width >= 120;
    let column = if wide { 4 } else { 3 };
    let title = format!("Episodes, {} – {}: {total}", month_name(first), month_name(last));
    let in_all = format!("{} recorded in all", page.episodes.len());
    let left = (title.chars().count().max(in_all.chars().count()) + 2) as u16;
    let [words, graph] =
        Layout::horizontal([Constraint::Length(left), Constraint::Length(column as u16 * MONTHS as u16)]).areas(area);
    // Below three rows the month initials go: the title names the first and
    // last month, and the counts are still written under the bars.
    let with_months = area.height >= 3;
    let text_rows = if with_months { 2 } else { 1 };
    let spark_height = area.height.saturating_sub(text_rows).max(1);
    let [spark, labels] =
        Layout::vertical([Constraint::Length(spark_height), Constraint::Length(text_rows)]).areas(graph);
    let mut left_lines = vec![Line::from(""); spark_height.saturating_sub(1) as usize];
    left_lines.push(Line::styled(title, theme.header()));
    left_lines.push(Line::from(in_all));
    frame.render_widget(Paragraph::new(left_lines), words);

    let bars: Vec<Option<u64>> =
        counts.iter().flat_map(|&n| std::iter::repeat_n(Some(n), column - 1).chain(std::iter::once(None))).collect();
    let sparkline = Sparkline::default().data(bars).absent_value_symbol(" ").style(theme.key());
    frame.render_widget(sparkline, spark);
    let mut text = Vec::new();
    if with_months {
        let months: String = (0..MONTHS)
            .map(|i| {
                let name = month_name(months_before(last, (MONTHS - 1 - i) as i64));
                let label: String = name.chars().take(if wide { 3 } else { 1 }).collect();
                format!("{label:<column$}")
            })
            .collect();
        text.push(Line::styled(months, theme.dim()));
    }
    text.push(Line::from(counts.iter().map(|n| format!("{n:<column$}")).collect::<String>()));
    frame.render_widget(Paragraph::new(text), labels);
}

/// `Nov 2026`.
fn month_name((year, month): Month) -> String {
    NaiveDate::from_ymd_opt(year, month, 1).map_or_else(|| format!("{month}/{year}"), |d| d.format("%b %Y").to_string())
}

fn render_table(
    page: &PersonPage,
    now: Instant,
    selected: usize,
    active: bool,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let columns = match area.width {
        0..120 => NARROW,
        120..150 => WIDE,
        _ => FULL,
    };
    let headers = columns.iter().filter_map(|i| HEADERS.get(*i).copied()).collect();
    // The place and the worker give way; times, lengths and statuses stay whole.
    let fits = columns.iter().map(|i| if matches!(i, 4 | 7) { Fit::Shrink } else { Fit::Whole }).collect();
    let rows = page
        .episodes
        .iter()
        .map(|e| {
            let row = EpisodeState::of(e, page, now);
            let cells = row.cells(e, now, &page.rules, columns != NARROW);
            StyledRow {
                cells: columns.iter().filter_map(|i| cells.get(*i).cloned()).collect(),
                style: row.style(theme),
            }
        })
        .collect();
    let list =
        ListView { headers, fits, rows: Rows::All(rows), selected, empty: "No episodes recorded for this child." };
    if active { render_list(frame, area, theme, list) } else { render_list_inactive(frame, area, theme, list) }
}

/// What the rules say about one episode at `now`.
struct EpisodeState {
    ri: RiState,
    meeting: Option<StrategyRow>,
    open: bool,
}

impl EpisodeState {
    fn of(e: &EpisodeLine, page: &PersonPage, now: Instant) -> EpisodeState {
        EpisodeState {
            ri: ri_state(&e.case, now, &page.rules),
            // The Strategy list's own rule decides whether this episode needs a meeting.
            meeting: strategy_rows(std::slice::from_ref(&e.case), now, &page.rules).pop(),
            open: e.case.episode.is_open_at(now),
        }
    }

    /// Urgent when the child is still out, the interview overdue or the
    /// meeting due or late; as the lists mark them.
    fn style(&self, theme: &Theme) -> Style {
        let meeting = self.meeting.as_ref().map(|m| (m.status, m.in_timescale));
        match (&self.ri, meeting) {
            _ if self.open => theme.urgent(),
            (RiState::Outstanding { band: Band::Overdue, .. }, _) => theme.urgent(),
            (_, Some((StrategyStatus::Due, _) | (_, Some(false)))) => theme.urgent(),
            (RiState::Outstanding { band: Band::Within24h, .. }, _) => theme.soon(),
            (_, Some((StrategyStatus::DueSoon, _))) => theme.soon(),
            _ => Style::new(),
        }
    }

    fn cells(&self, e: &EpisodeLine, now: Instant, rules: &Rules, wide: bool) -> Vec<String> {
        let ep = &e.case.episode;
        let ri = &e.case.interview;
        let done = matches!(self.ri, RiState::Done { .. });
        vec![
            // Started and returned read alike: the year when it is not this one.
            display_compact(ep.missing_at, now),
            ep.returned_by(now).map_or_else(|| "still missing".to_string(), |t| display_compact(t, now)),
            format_span(ep.minutes_missing(now)),
            match ep.kind {
                EpisodeKind::Missing => "Missing",
                EpisodeKind::Absent => "Absent",
            }
            .to_string(),
            ep.missing_from_name.clone().unwrap_or_else(|| ep.missing_from.label().to_string()),
            ep.risk.map_or("-", risk_short).to_string(),
            ri_text(&self.ri, rules),
            ri.worker.clone().filter(|w| !w.trim().is_empty()).unwrap_or_else(|| "-".into()),
            ri.attempts.to_string(),
            if done { signoff_short(e.signoff) } else { "-" }.to_string(),
            match &self.meeting {
                Some(m) if wide => strategy_cells(m, now).swap_remove(STRATEGY_STATUS_CELL),
                Some(m) => m.status.label().to_string(),
                None => "-".to_string(),
            },
        ]
    }
}

fn risk_short(risk: Risk) -> &'static str {
    match risk {
        Risk::VeryLow => "V. low",
        other => other.label(),
    }
}

fn signoff_short(s: Signoff) -> &'static str {
    match s {
        Signoff::Rework => "Rework",
        other => other.label(),
    }
}

/// How an interview was concluded, in a few words for a table cell.
fn outcome_short(o: RiOutcome) -> &'static str {
    match o {
        RiOutcome::FaceToFace => "face to face",
        RiOutcome::FromCarers => "from carers",
        RiOutcome::Declined => "declined",
        RiOutcome::NotRequired => "not required",
    }
}

/// The interview's state in a cell: `due in 5h 12m`, `OVERDUE 1d 3h`,
/// `done 30/11 (face to face)`, `done late 30/11 (from carers)`, `not required`.
fn ri_text(state: &RiState, rules: &Rules) -> String {
    match *state {
        RiState::NotRequired => "not required".to_string(),
        RiState::AwaitingReturn => format!("due {}h after return", rules.ri_due_hours),
        RiState::Outstanding { minutes_left, band: Band::Overdue, .. } => {
            format!("OVERDUE {}", format_span(-minutes_left))
        }
        RiState::Outstanding { minutes_left, .. } => format!("due in {}", format_span(minutes_left)),
        RiState::Done { at, outcome, in_time } => {
            let late = if in_time == Some(false) { "late " } else { "" };
            let how = outcome.map_or(String::new(), |o| format!(" ({})", outcome_short(o)));
            format!("done {late}{}{how}", to_uk(at).format("%d/%m"))
        }
    }
}

#[cfg(test)]
mod tests;
