//! The Reports tab: the board report's figures for a year, quarter or
//! month, a section at a time (`v`). Months against the year before and
//! return interviews per quarter against the target are bar charts, each
//! with its numbers in a table under it (and the target said in words, and
//! each quarter marked met or below, so nothing rests on colour); the other
//! sections are tables sized by the lists' one column rule.

use crate::domain::codes::{CaseStatus, Reason};
use crate::domain::report::{CohortSplit, Figures, Report, RiCount};
use crate::tui::app::App;
use crate::tui::reports::{ReportsTab, ReportsView};
use crate::tui::theme::Theme;
use crate::tui::widgets::columns::Fit;
use crate::tui::widgets::list_table::{ListView, Rows, StyledRow, render_list_inactive};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph, Wrap};

/// What every part of the tab is drawn with: the colours, and the tab's
/// scroll (each table starts that many rows down, and says how far the
/// longest one could go).
struct Draw<'a> {
    theme: &'a Theme,
    tab: &'a ReportsTab,
}

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let d = &Draw { theme, tab: &app.reports };
    let [head, sections, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let Some(report) = app.report_shown() else {
        let text = format!("{} · loading…", app.reports.period.label());
        frame.render_widget(Paragraph::new(text), head);
        return;
    };
    let f = &report.figures;
    d.tab.scroll_room.set(0);
    let view = d.tab.shown_view();
    match view {
        ReportsView::Performance => performance(report, d, frame, body),
        ReportsView::Outstanding => outstanding(report, d, frame, body),
        ReportsView::TopTen => top_ten(report, d, frame, body),
        ReportsView::Summary => table(frame, body, d, summary(report)),
        ReportsView::Months => months(report, d, frame, body),
        ReportsView::Places => places(f, d, frame, body),
        ReportsView::CaseStatus => table(frame, body, d, case_status(f)),
        ReportsView::Lengths => lengths(f, d, frame, body),
        ReportsView::Interviews => interviews(report, d, frame, body),
        ReportsView::Meetings => table(frame, body, d, meetings(f)),
        ReportsView::Reasons => table(frame, body, d, reasons(f)),
        ReportsView::Cohorts => cohorts(f, d, frame, body),
    }
    // After the tables, which say how far they could scroll.
    frame.render_widget(Paragraph::new(heading(report, area.width, d)), head);
    frame.render_widget(Paragraph::new(section_tabs(view, ReportsView::of(d.tab.period), area.width, d)), sections);
}

/// `2025-26 Q3 · 01/10/2025 to 31/12/2025 · compared with 2025-26 Q2 · [ ] y q m period · v section · o write`
/// (the keys only where they fit whole: the hint bar has them too).
fn heading<'a>(report: &Report, width: u16, d: &Draw) -> Line<'a> {
    let days = format!("{} to {}", report.from.format("%d/%m/%Y"), report.to.format("%d/%m/%Y"));
    let what = format!(" · {days} · compared with {}", report.prior.period);
    let keys = "  [ ] y q m period · v section · o write";
    let mut spans = vec![Span::styled(report.period.clone(), d.theme.title()), Span::raw(what)];
    if Line::from(spans.clone()).width() + keys.chars().count() <= width as usize {
        spans.push(Span::styled(keys, d.theme.dim()));
    }
    Line::from(spans)
}

/// Every section's name with the one shown marked, where they fit; else
/// which one of how many. Then, when a table runs past the screen, how far
/// down it is: `j k scroll: 3 of 30 rows down`.
fn section_tabs<'a>(shown: ReportsView, all: &[ReportsView], width: u16, d: &Draw) -> Line<'a> {
    let room = d.tab.scroll_room.get();
    let scroll = match room {
        0 => String::new(),
        room => format!("  j k scroll: {} of {room} rows down", d.tab.scroll.min(room)),
    };
    let full: usize = all.iter().map(|v| v.title().chars().count() + 3).sum::<usize>() + scroll.chars().count();
    let mut spans = Vec::new();
    if full <= width as usize {
        for &v in all {
            let text = format!(" {} ", v.title());
            spans.push(if v == shown {
                Span::styled(format!("▸{text}"), d.theme.tab_active())
            } else {
                Span::raw(text)
            });
        }
    } else {
        let i = all.iter().position(|v| *v == shown).unwrap_or(0);
        spans.push(Span::raw(format!("Section {} of {}: ", i + 1, all.len())));
        spans.push(Span::styled(format!("▸ {}", shown.title()), d.theme.tab_active()));
        spans.push(Span::styled("  (v next, V before)", d.theme.dim()));
    }
    spans.push(Span::styled(scroll, d.theme.key()));
    Line::from(spans)
}

/// A table's headers, how each gives way, and its rows.
struct Table {
    headers: Vec<String>,
    fits: Vec<Fit>,
    rows: Vec<Vec<String>>,
    empty: &'static str,
}

impl Table {
    /// The first column is a name that may shrink; the rest are numbers.
    fn new(headers: &[&str], rows: Vec<Vec<String>>, empty: &'static str) -> Table {
        let fits = (0..headers.len()).map(|i| if i == 0 { Fit::Shrink } else { Fit::Whole }).collect();
        Table { headers: headers.iter().map(|h| h.to_string()).collect(), fits, rows, empty }
    }
}

/// Draws a table as the lists draw theirs (no row is selected on this
/// tab), starting the tab's scroll rows down when it runs past its room.
fn table(frame: &mut Frame, area: Rect, d: &Draw, t: Table) {
    // The list widget keeps its selected row in view: selecting the last row
    // the window should show starts the window `scroll` rows down.
    let room = area.height.saturating_sub(3) as usize; // borders and the header
    let overflow = t.rows.len().saturating_sub(room.max(1));
    d.tab.scroll_room.set(d.tab.scroll_room.get().max(overflow));
    let first = d.tab.scroll.min(overflow);
    let view = ListView {
        headers: t.headers.iter().map(String::as_str).collect(),
        fits: t.fits,
        rows: Rows::All(t.rows.into_iter().map(|cells| StyledRow { cells, style: Style::new() }).collect()),
        selected: first + room.max(1) - 1,
        empty: t.empty,
    };
    render_list_inactive(frame, area, d.theme, view);
}

/// A table under a one-line title.
fn titled(frame: &mut Frame, area: Rect, d: &Draw, title: &str, t: Table) {
    let [head, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(2)]).areas(area);
    frame.render_widget(Paragraph::new(Span::styled(title.to_string(), d.theme.title())), head);
    table(frame, rest, d, t);
}

fn pct(p: Option<f64>) -> String {
    p.map_or("-".into(), |p| format!("{p:.1}%"))
}

/// `+57`, `-3`, `0`.
fn change(now: u64, before: u64) -> String {
    let d = now as i64 - before as i64;
    if d > 0 { format!("+{d}") } else { d.to_string() }
}

fn summary(r: &Report) -> Table {
    let (f, p) = (&r.figures, &r.prior.figures);
    let row = |what: &str, now: u64, before: u64, year: Option<u64>| {
        vec![
            what.into(),
            now.to_string(),
            before.to_string(),
            change(now, before),
            year.map_or("".into(), |y| y.to_string()),
        ]
    };
    let ri = |f: &Figures| f.return_interviews.by_cohort.all;
    let share =
        |what: String, now: Option<f64>, before: Option<f64>| vec![what, pct(now), pct(before), "".into(), "".into()];
    let rows = vec![
        row("Episodes", f.totals.episodes, p.totals.episodes, Some(f.totals_prior_year.episodes)),
        row("Individuals", f.totals.individuals, p.totals.individuals, Some(f.totals_prior_year.individuals)),
        row("Missing once only", f.one_off_individuals, p.one_off_individuals, None),
        share("  share of individuals".into(), f.one_off_percent, p.one_off_percent),
        row("Persistently missing", f.persistent_individuals, p.persistent_individuals, None),
        share("  share of individuals".into(), f.persistent_percent, p.persistent_percent),
        row("Interviews due, all cohorts", ri(f).required, ri(p).required, None),
        row("  done in 72 hours", ri(f).in_time, ri(p).in_time, None),
        share(format!("  share (target {}%)", r.target_percent), ri(f).percent, ri(p).percent),
        row(
            "Meetings due, all cohorts",
            f.strategy_meetings.by_cohort.all.due,
            p.strategy_meetings.by_cohort.all.due,
            None,
        ),
        row("Placed out of area: episodes", f.out_of_area.episodes, p.out_of_area.episodes, None),
        row("Placed in: episodes", f.placed_in.episodes, p.placed_in.episodes, None),
    ];
    Table::new(&["Figure", &r.period, &r.prior.period, "Change", "A year earlier"], rows, "")
}

/// `Oct`, or `Oct 25` when the months run past a year.
fn month_label(m: crate::domain::period::YearMonth, with_year: bool) -> String {
    let name = m.long_name();
    let short: String = name.chars().take(3).collect();
    if with_year { format!("{short} {:02}", m.year() % 100) } else { short }
}

/// Episodes per month, with the same month a year before beside it.
fn months(r: &Report, d: &Draw, frame: &mut Frame, area: Rect) {
    let rows = &r.figures.by_month;
    let with_year = rows.len() > 12;
    // The legend wraps onto a second line on a narrow screen rather than lose its end.
    let legend_height = if area.width < 110 { 2 } else { 1 };
    let [legend, chart, numbers] =
        Layout::vertical([Constraint::Length(legend_height), Constraint::Min(6), Constraint::Length(7)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Episodes per month", d.theme.title()),
            Span::raw(" · in each month the left bar is this period, the right bar the same month a year before"),
        ]))
        .wrap(Wrap { trim: true }),
        legend,
    );
    let n = rows.len().max(1) as u16;
    // Two bars, a gap between them where there is room (so two bars of one
    // height still read as two), and a gap to the next month; up to 6 wide.
    let per_group = chart.width / n;
    let bar_gap = u16::from(per_group >= 5);
    let bar_width = (per_group.saturating_sub(1 + bar_gap) / 2).clamp(1, 6);
    let groups: Vec<BarGroup> = rows
        .iter()
        .map(|m| {
            let this = Bar::new(m.episodes).text_value(m.episodes.to_string());
            let before = Bar::new(m.episodes_prior_year)
                .text_value(m.episodes_prior_year.to_string())
                .style(d.theme.dim().add_modifier(Modifier::DIM));
            BarGroup::new([this, before]).label(Line::from(month_label(m.month, with_year)).centered())
        })
        .collect();
    let barchart = BarChart::grouped(groups).bar_width(bar_width).bar_gap(bar_gap).group_gap(1);
    // A bar's symbols cannot differ bar by bar: the order (this period on
    // the left), the legend and the table under the chart say which is which.
    frame.render_widget(barchart, chart);
    let mut headers = vec!["Month".to_string()];
    headers.extend(rows.iter().map(|m| month_label(m.month, with_year)));
    let line = |what: &str, of: &dyn Fn(&crate::domain::report::MonthRow) -> u64| {
        let mut cells = vec![what.to_string()];
        cells.extend(rows.iter().map(|m| of(m).to_string()));
        cells
    };
    let table_rows = vec![
        line("Episodes", &|m| m.episodes),
        line("a year before", &|m| m.episodes_prior_year),
        line("Individuals", &|m| m.individuals),
        line("a year before", &|m| m.individuals_prior_year),
    ];
    let headers_ref: Vec<&str> = headers.iter().map(String::as_str).collect();
    table(frame, numbers, d, Table::new(&headers_ref, table_rows, ""));
}

fn places(f: &Figures, d: &Draw, frame: &mut Frame, area: Rect) {
    let locations = f.by_location.len() as u16 + 4;
    let [top, bottom] = Layout::vertical([Constraint::Length(locations), Constraint::Min(4)]).areas(area);
    let rows = f
        .by_location
        .iter()
        .map(|l| vec![l.location.label().to_string(), l.individuals.to_string(), l.episodes.to_string()])
        .collect();
    titled(
        frame,
        top,
        d,
        "By where they went missing from",
        Table::new(&["Location", "Individuals", "Episodes"], rows, "No episodes"),
    );
    let rows = f
        .by_placement
        .iter()
        .map(|p| vec![p.name.clone(), p.kind.label().to_string(), p.individuals.to_string(), p.episodes.to_string()])
        .collect();
    titled(
        frame,
        bottom,
        d,
        "Named placements, most episodes first",
        Table::new(&["Placement", "Type", "Individuals", "Episodes"], rows, "No episode from a named placement"),
    );
}

/// Statuses down the side and quarters across, as the reasons: the
/// statuses outnumber the quarters. A child whose status changed counts
/// under each status, so a column may add up to more than its individuals.
fn case_status(f: &Figures) -> Table {
    let quarters = &f.case_status_by_quarter;
    let names: Vec<String> = quarters.iter().map(|q| format!("Q{}", q.quarter.number())).collect();
    let mut headers = vec!["Individuals by case status"];
    headers.extend(names.iter().map(String::as_str));
    let line = |what: &str, of: &dyn Fn(&crate::domain::report::CaseStatusRow) -> u64| {
        let mut cells = vec![what.to_string()];
        cells.extend(quarters.iter().map(|q| of(q).to_string()));
        cells
    };
    let mut rows = vec![line("All individuals", &|q| q.individuals)];
    for (i, status) in CaseStatus::ALL.iter().enumerate() {
        rows.push(line(status.label(), &|q| q.by_status.get(i).copied().unwrap_or(0)));
    }
    rows.push(line("Under a CSE strategy", &|q| q.cse));
    rows.push(line("At risk of CCE", &|q| q.cce));
    Table::new(&headers, rows, "No episodes")
}

fn lengths(f: &Figures, d: &Draw, frame: &mut Frame, area: Rect) {
    let bands = f.length_bands.len() as u16 + 4;
    let [top, bottom] = Layout::vertical([Constraint::Length(bands), Constraint::Min(4)]).areas(area);
    let rows = f.length_bands.iter().map(|b| vec![b.band.label().to_string(), b.episodes.to_string()]).collect();
    titled(frame, top, d, "How long episodes lasted", Table::new(&["Length", "Episodes"], rows, "No episodes"));
    let rows = f
        .first_time_by_location
        .iter()
        .map(|r| vec![r.location.label().to_string(), r.individuals.to_string()])
        .collect();
    titled(frame, bottom, d, "Missing for the first time", Table::new(&["Location", "Individuals"], rows, "Nobody"));
}

/// `18 of 20, 90.0%`.
fn ri_cell(c: &RiCount) -> String {
    format!("{} of {}, {}", c.in_time, c.required, pct(c.percent))
}

/// Whether a share meets the target, in words.
fn against(percent: Option<f64>, target: i64) -> &'static str {
    match percent {
        None => "none due",
        Some(p) if p >= target as f64 => "met",
        Some(_) => "below",
    }
}

/// Return interviews in 72 hours per quarter (all cohorts) against the target.
fn interviews(r: &Report, d: &Draw, frame: &mut Frame, area: Rect) {
    let ri = &r.figures.return_interviews;
    let target = r.target_percent;
    let table_height = ri.by_quarter.len() as u16 + 4;
    let [legend, chart, numbers] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(5), Constraint::Length(table_height)]).areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("Return interviews in 72 hours", d.theme.title()),
            Span::raw(format!(" · target {target}%: each bar says met or below")),
        ])),
        legend,
    );
    let n = ri.by_quarter.len().max(1) as u16;
    let bar_width = (chart.width / n).saturating_sub(2).clamp(3, 14);
    let bars: Vec<Bar> = ri
        .by_quarter
        .iter()
        .map(|q| {
            let c = q.by_cohort.all;
            let value = c.percent.map_or(0, |p| p.round() as u64);
            let verdict = against(c.percent, target);
            let style = if verdict == "below" { d.theme.urgent() } else { Style::new() };
            Bar::new(value)
                .text_value(pct(c.percent))
                .label(Line::from(format!("Q{} {verdict}", q.quarter.number())).centered())
                .style(style)
        })
        .collect();
    frame.render_widget(BarChart::new(bars).bar_width(bar_width).bar_gap(2).max(100), chart);
    mark_target(frame, chart, target, d);
    let mut rows: Vec<Vec<String>> = ri
        .by_quarter
        .iter()
        .map(|q| {
            let mut cells = vec![q.quarter.label()];
            cells.extend(cohort_cells(&q.by_cohort));
            cells.push(against(q.by_cohort.all.percent, target).into());
            cells
        })
        .collect();
    let mut all = vec![r.period.clone()];
    all.extend(cohort_cells(&ri.by_cohort));
    all.push(against(ri.by_cohort.all.percent, target).into());
    rows.push(all);
    let headers = ["Quarter", "Local", "Out of area", "Placed in", "All", "Target"];
    table(frame, numbers, d, Table::new(&headers, rows, ""));
}

/// A dotted line across the chart at the target, where no bar covers it,
/// with the target written at its end: the chart's bars run 0 to 100% over
/// every row but the bottom one (the bars' labels).
fn mark_target(frame: &mut Frame, chart: Rect, target: i64, d: &Draw) {
    let rows = chart.height.saturating_sub(1);
    if rows < 2 || !(0..=100).contains(&target) {
        return;
    }
    let up = ((i64::from(rows) * target + 50) / 100) as u16;
    let y = chart.y + rows.saturating_sub(up).min(rows - 1);
    let buffer = frame.buffer_mut();
    let text = format!(" {target}% target");
    let text_from = chart.right().saturating_sub(text.chars().count() as u16);
    for x in chart.left()..chart.right() {
        let Some(cell) = buffer.cell_mut((x, y)) else { continue };
        if x >= text_from {
            let c = text.chars().nth((x - text_from) as usize).unwrap_or(' ');
            cell.set_char(c).set_style(d.theme.key());
        } else if cell.symbol() == " " {
            cell.set_char('┈').set_style(d.theme.dim());
        }
    }
}

fn cohort_cells(split: &CohortSplit<RiCount>) -> Vec<String> {
    split.in_order().iter().map(ri_cell).collect()
}

fn meetings(f: &Figures) -> Table {
    let m = &f.strategy_meetings.by_cohort;
    let rows = COHORT_NAMES
        .iter()
        .zip(m.in_order())
        .map(|(who, c)| {
            vec![
                who.to_string(),
                c.due.to_string(),
                c.held_in_time.to_string(),
                c.held_late.to_string(),
                c.found_before.to_string(),
                c.not_held.to_string(),
            ]
        })
        .collect();
    Table::new(&["Strategy meetings", "Due", "Held in time", "Held late", "Found before", "Not held"], rows, "")
}

/// Reasons down the side and quarters across: the reasons outnumber the quarters.
fn reasons(f: &Figures) -> Table {
    let quarters: Vec<String> = f.reasons_by_quarter.iter().map(|q| format!("Q{}", q.quarter.number())).collect();
    let mut headers = vec!["Reason given at the interview"];
    headers.extend(quarters.iter().map(String::as_str));
    let rows = Reason::ALL
        .iter()
        .enumerate()
        .map(|(i, reason)| {
            let mut cells = vec![reason.label().to_string()];
            cells.extend(f.reasons_by_quarter.iter().map(|q| q.counts.get(i).copied().unwrap_or(0).to_string()));
            cells
        })
        .collect();
    Table::new(&headers, rows, "")
}

fn cohorts(f: &Figures, d: &Draw, frame: &mut Frame, area: Rect) {
    let [top, bottom] = Layout::vertical([Constraint::Length(6), Constraint::Min(4)]).areas(area);
    let (o, p) = (&f.out_of_area, &f.placed_in);
    let rows = vec![
        vec![
            "Placed out of area by us".into(),
            o.individuals.to_string(),
            o.episodes.to_string(),
            ri_cell(&o.return_interviews),
            o.strategy_meetings.due.to_string(),
        ],
        vec![
            "Placed here by others".into(),
            p.individuals.to_string(),
            p.episodes.to_string(),
            ri_cell(&p.return_interviews),
            "".into(),
        ],
    ];
    table(
        frame,
        top,
        d,
        Table::new(&["Children", "Individuals", "Episodes", "RI in 72 hours", "Meetings due"], rows, ""),
    );
    let rows = p
        .children
        .iter()
        .map(|c| {
            let i = &c.interviews;
            vec![
                c.name.clone(),
                c.person_ref.clone(),
                c.responsible_la.clone(),
                c.episodes.to_string(),
                i.required.to_string(),
                i.in_time.to_string(),
                i.late.to_string(),
                i.overdue.to_string(),
            ]
        })
        .collect();
    let mut t = Table::new(
        &["Placed here", "Ref", "Placing authority", "Episodes", "RI due", "In time", "Late", "Overdue"],
        rows,
        "No child placed here went missing",
    );
    t.fits[2] = Fit::Shrink;
    titled(frame, bottom, d, "Children placed here, and how their interviews went", t);
}

/// The month's performance list, shown when the period is a month.
fn performance(r: &Report, d: &Draw, frame: &mut Frame, area: Rect) {
    let Some(p) = &r.performance else { return };
    let [top, bottom] = Layout::vertical([Constraint::Length(8), Constraint::Min(7)]).areas(area);
    let (before, year) = (month_label(p.month.plus(-1), false), month_label(p.month.plus(-12), true));
    let rows = COHORT_NAMES
        .iter()
        .zip(p.activity.in_order())
        .map(|(who, a)| {
            vec![
                who.to_string(),
                a.episodes.to_string(),
                a.month_before.episodes.to_string(),
                a.year_before.episodes.to_string(),
                a.individuals.to_string(),
                a.month_before.individuals.to_string(),
                a.year_before.individuals.to_string(),
            ]
        })
        .collect();
    let (ep_before, ep_year) = (format!("Ep {before}"), format!("Ep {year}"));
    let (ind_before, ind_year) = (format!("Ind {before}"), format!("Ind {year}"));
    let headers = ["Children", "Episodes", &ep_before, &ep_year, "Individuals", &ind_before, &ind_year];
    titled(frame, top, d, "Episodes and individuals, by where the child lives", Table::new(&headers, rows, ""));
    let target = p.target_percent;
    let rows = COHORT_NAMES
        .iter()
        .zip(p.interviews.in_order().iter().zip(p.outstanding.month.in_order()))
        .map(|(who, (t, o))| {
            let c = t.counts;
            vec![
                who.to_string(),
                c.required.to_string(),
                c.in_time.to_string(),
                pct(t.percent),
                against(t.percent, target).to_string(),
                c.late.to_string(),
                c.overdue.to_string(),
                c.not_yet_due.to_string(),
                o.outstanding.to_string(),
            ]
        })
        .collect();
    let headers = ["RI", "Due", "In 72h", "Share", "Target", "Late", "Overdue", "Not yet due", "Outstanding now"];
    titled(
        frame,
        bottom,
        d,
        &format!("Return interviews for the month's episodes · target {target}%"),
        Table::new(&headers, rows, ""),
    );
}

/// The month's interviews still outstanding now, most overdue first.
fn outstanding(r: &Report, d: &Draw, frame: &mut Frame, area: Rect) {
    let Some(p) = &r.performance else { return };
    let (mine, others) = (p.outstanding.month.all, p.outstanding.other_months.all);
    let rows = p
        .outstanding
        .rows
        .iter()
        .map(|row| {
            vec![
                row.name.clone(),
                row.person_ref.clone(),
                row.episode_ref.clone(),
                crate::domain::time::display_short(row.returned_at, r.at),
                crate::io::cells::time_left(row),
                row.worker.clone().unwrap_or_else(|| "-".into()),
                crate::io::cells::cohort_short(row.cohort).to_string(),
            ]
        })
        .collect();
    let title = format!(
        "Outstanding now: {} for the month ({} overdue), {} from other months ({} overdue)",
        mine.outstanding, mine.overdue, others.outstanding, others.overdue
    );
    let mut t = Table::new(
        &["Child", "Ref", "Episode", "Returned", "Left", "Worker", "Cohort"],
        rows,
        "No interview for the month's episodes is outstanding",
    );
    // At 80 columns the episode goes first, then the return time, so the child's name stays whole.
    t.fits[2] = Fit::Optional(1);
    t.fits[3] = Fit::Optional(2);
    t.fits[5] = Fit::Shrink;
    titled(frame, area, d, &title, t);
}

/// The month's top 10, as the MPMG tab ranks it.
fn top_ten(r: &Report, d: &Draw, frame: &mut Frame, area: Rect) {
    let Some(p) = &r.performance else { return };
    let rows = p
        .top10
        .iter()
        .map(|t| {
            vec![
                t.rank.to_string(),
                t.name.clone(),
                t.person_ref.clone(),
                t.episodes.to_string(),
                t.hours_missing.to_string(),
                crate::domain::time::display_short(t.last_missing_at, r.at),
            ]
        })
        .collect();
    let mut t = Table::new(
        &["Rank", "Child", "Ref", "Episodes", "Hours", "Last missing"],
        rows,
        "No child went missing in the month",
    );
    t.fits[0] = Fit::Whole;
    t.fits[1] = Fit::Shrink;
    titled(frame, area, d, "Top 10: most episodes, then most hours missing, then the most recent", t);
}

/// The cohorts' short names on screen, in [`CohortSplit::in_order`]'s order.
const COHORT_NAMES: [&str; 4] = ["Local", "Out of area", "Placed in", "All"];
