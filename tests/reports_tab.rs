//! The Reports tab (issue 9.4), driven through the app's actions on the
//! report fixture (tests/fixtures/report_year.csv, synthetic children): the
//! period it opens on, stepping and switching periods, the "Loading…" line
//! that clears only for the period asked for, the figures on screen against
//! `ri-chase report --format json` for the same period, and `o` writing
//! the period's report.

mod common;
use common::entry::*;
use common::{json_of, ri, stdout_of};
use ri_chase::domain::period::{FinancialYear, Quarter, YearMonth};
use ri_chase::domain::report::ReportPeriod;
use ri_chase::domain::time::parse_instant;
use ri_chase::tui::action::Action;
use ri_chase::tui::app::{ReportsView, Tab};
use ri_chase::tui::load_lists_with;
use ri_chase::tui::reports::PeriodKind;
use ri_chase::tui::session::{Flow, Session};

const AT: &str = "2024-04-05 12:00";

fn report_session() -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.sqlite");
    let s = open_session_on(&path, Some(("report_year.csv", AT)), AT);
    (dir, path, s)
}

fn quarter(text: &str) -> ReportPeriod {
    ReportPeriod::Quarter(Quarter::parse(text).expect("quarter"))
}

fn view(s: &mut Session, to: ReportsView) {
    while s.app.reports.view != to {
        act(s, &[Action::CycleView]);
    }
}

/// The line of a screen that starts (after the list's margin) with `label`.
fn line_of<'a>(screen: &'a str, label: &str) -> &'a str {
    screen.lines().find(|l| l.trim_start_matches(['"', ' ', '▶']).starts_with(label)).unwrap_or_else(|| {
        panic!("no line {label} in\n{screen}");
    })
}

fn numbers(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.')).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[test]
fn five_opens_the_last_whole_quarter_saying_it_loads_until_it_has() {
    let (_d, _p, mut s) = report_session();
    assert!(s.app.lists.report.is_none(), "no report is read until the tab is shown");
    assert_eq!(s.act(Action::GoTab(4)), Flow::Reload, "the figures are read on the loader thread");
    assert_eq!(s.app.tab, Tab::Reports);
    assert_eq!(s.app.reports.period, quarter("2023-24 Q4"), "5 April 2024: the quarter to 31 March");
    assert_eq!(s.app.status.as_deref(), Some("Loading 2023-24 Q4…"));
    assert!(screen(&s, 80, 24).contains("2023-24 Q4 · loading…"));
    s.reload_now().expect("reload");
    assert_eq!(s.app.status, None, "the period asked for has arrived");
    assert_eq!(s.app.report_shown().expect("shown").period, "2023-24 Q4");
}

#[test]
fn an_older_requests_figures_do_not_clear_the_loading_line() {
    let (_d, _p, mut s) = report_session();
    act(&mut s, &[Action::GoTab(4)]);
    let now = parse_instant(AT).expect("at");
    let before = s.app.reports.period;
    assert_eq!(s.act(Action::PeriodOn), Flow::Reload);
    assert_eq!(s.app.status.as_deref(), Some("Loading 2024-25 Q1…"));
    // The figures asked for before `]` arrive late: they are not the period shown.
    let late = load_lists_with(&s.store, now, &s.holidays, s.app.mpmg_month, Some(before), None).expect("lists");
    s.app.load(now, late);
    assert!(s.app.report_shown().is_none());
    assert_eq!(s.app.status.as_deref(), Some("Loading 2024-25 Q1…"));
    assert!(screen(&s, 80, 24).contains("2024-25 Q1 · loading…"));
    s.reload_now().expect("reload");
    assert_eq!(s.app.status, None);
    // Back to a period already in: shown at once, nothing to read.
    assert_eq!(s.act(Action::PeriodBack), Flow::Reload, "only the last period asked for is kept");
}

#[test]
fn brackets_step_and_y_q_m_switch_the_period_keeping_its_start() {
    let (_d, _p, mut s) = report_session();
    act(&mut s, &[Action::GoTab(4), Action::SwitchPeriod(PeriodKind::Year)]);
    assert_eq!(s.app.reports.period, ReportPeriod::Year(FinancialYear(2023)));
    act(&mut s, &[Action::PeriodBack]);
    assert_eq!(s.app.reports.period, ReportPeriod::Year(FinancialYear(2022)));
    act(&mut s, &[Action::PeriodOn, Action::SwitchPeriod(PeriodKind::Quarter)]);
    assert_eq!(s.app.reports.period, quarter("2023-24 Q1"));
    act(&mut s, &[Action::PeriodBack]);
    assert_eq!(s.app.reports.period, quarter("2022-23 Q4"), "across the year's end");
    act(&mut s, &[Action::SwitchPeriod(PeriodKind::Month), Action::PeriodBack]);
    assert_eq!(s.app.reports.period, ReportPeriod::Month(YearMonth::parse("2022-12").expect("month")));
    assert_eq!(s.app.report_shown().expect("loaded").period, "2022-12");
    // Other tabs keep their keys: `[` on the MPMG tab is still its month.
    act(&mut s, &[Action::GoTab(3), Action::MonthBack]);
    assert_eq!(s.app.reports.period, ReportPeriod::Month(YearMonth::parse("2022-12").expect("month")));
}

#[test]
fn the_figures_on_screen_are_the_jsons_for_the_same_period() {
    let (_d, path, mut s) = report_session();
    act(&mut s, &[Action::GoTab(4), Action::SwitchPeriod(PeriodKind::Year)]);
    let json = json_of(ri(&path).args(["report", "--year", "2023-24", "--at", AT, "--format", "json"]));
    let shown = serde_json::to_value(s.app.report_shown().expect("loaded")).expect("json");
    assert_eq!(shown, json, "the tab's figures are store.report's, as the command's");
    let text = screen(&s, 120, 40);
    let episodes = numbers(line_of(&text, "Episodes"));
    assert_eq!(episodes[0], json["totals"]["episodes"].to_string(), "{text}");
    assert_eq!(episodes[1], json["prior"]["totals"]["episodes"].to_string());
    let individuals = numbers(line_of(&text, "Individuals"));
    assert_eq!(individuals[0], json["totals"]["individuals"].to_string());

    view(&mut s, ReportsView::Months);
    let text = screen(&s, 120, 40);
    let months: Vec<u64> =
        json["by_month"].as_array().expect("months").iter().map(|m| m["episodes"].as_u64().expect("n")).collect();
    let row: Vec<u64> = numbers(line_of(&text, "Episodes  ")).iter().map(|n| n.parse().expect("n")).collect();
    assert_eq!(row, months, "{text}");

    view(&mut s, ReportsView::Interviews);
    let text = screen(&s, 120, 40);
    let all = &json["return_interviews"]["by_cohort"]["all"];
    let period_row = line_of(&text, "2023-24  ");
    let cell = format!("{} of {}, {:.1}%", all["in_time"], all["required"], all["percent"].as_f64().expect("percent"));
    assert!(period_row.contains(&cell), "{cell} in {period_row}");
    assert!(text.contains("target 90%"), "the target in words: {text}");
}

#[test]
fn o_writes_the_periods_report_to_the_reports_folder_and_says_where() {
    let (dir, path, mut s) = report_session();
    let reports = dir.path().join("data").join("reports");
    s.reports_dir = Some(reports.clone());
    act(&mut s, &[Action::GoTab(4), Action::WriteReport]);
    let file = reports.join("report-2023-24-q4.html");
    let written = std::fs::read_to_string(&file).expect("written");
    let html = stdout_of(ri(&path).args(["report", "--quarter", "2023-24 Q4", "--at", AT, "--format", "html"]));
    assert_eq!(written, html, "the same board paper as the command");
    let status = s.app.status.clone().expect("a message");
    assert!(status.starts_with("Report for 2023-24 Q4 written: report-2023-24-q4.html in "), "{status}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&reports), 0o700);
        assert_eq!(mode(&file), 0o600);
    }
    // While the period loads, nothing is written.
    assert_eq!(s.act(Action::PeriodOn), Flow::Reload);
    assert_eq!(s.act(Action::WriteReport), Flow::Continue);
    assert!(s.app.status.as_deref().is_some_and(|m| m.contains("still loading")));
    assert!(!reports.join("report-2024-25-q1.html").exists());
}

#[test]
fn the_tab_at_80x24_and_160x48() {
    let (_d, _p, mut s) = report_session();
    act(&mut s, &[Action::GoTab(4)]);
    insta::assert_snapshot!("reports_summary_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("reports_summary_160x48", screen(&s, 160, 48));
    act(&mut s, &[Action::SwitchPeriod(PeriodKind::Year)]);
    view(&mut s, ReportsView::Months);
    insta::assert_snapshot!("reports_months_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("reports_months_160x48", screen(&s, 160, 48));
    view(&mut s, ReportsView::Interviews);
    insta::assert_snapshot!("reports_interviews_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("reports_interviews_160x48", screen(&s, 160, 48));
    for v in [
        ReportsView::Places,
        ReportsView::CaseStatus,
        ReportsView::Lengths,
        ReportsView::Meetings,
        ReportsView::Reasons,
        ReportsView::Cohorts,
    ] {
        view(&mut s, v);
        let name = v.title().to_lowercase().replace(' ', "_");
        insta::assert_snapshot!(format!("reports_{name}_80x24"), screen(&s, 80, 24));
        insta::assert_snapshot!(format!("reports_{name}_160x48"), screen(&s, 160, 48));
    }
}

/// `m` opens a month on its performance list (then its outstanding
/// interviews and top 10, then the board report's sections); the figures
/// are `report --month`'s, the top 10 the MPMG's.
#[test]
fn a_month_opens_on_its_performance_list_with_the_commands_figures() {
    let (_d, path, mut s) = report_session();
    act(&mut s, &[Action::GoTab(4), Action::SwitchPeriod(PeriodKind::Month), Action::PeriodBack, Action::PeriodBack]);
    assert_eq!(s.app.reports.period, ReportPeriod::Month(YearMonth::parse("2023-11").expect("month")));
    assert_eq!(s.app.reports.view, ReportsView::Performance, "a month opens on its own list");
    let json = json_of(ri(&path).args(["report", "--month", "2023-11", "--at", AT, "--format", "json"]));
    let shown = serde_json::to_value(s.app.report_shown().expect("loaded")).expect("json");
    assert_eq!(shown, json, "the tab's list is the command's");
    let text = screen(&s, 120, 40);
    let all = &json["performance"]["activity"]["all"];
    let row = numbers(line_of(&text, "All "));
    assert_eq!(row[..2], [all["episodes"].to_string(), all["individuals"].to_string()], "{text}");
    insta::assert_snapshot!("reports_month_performance_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("reports_month_performance_160x48", screen(&s, 160, 48));
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.reports.view, ReportsView::Outstanding);
    let text = screen(&s, 120, 40);
    assert!(line_of(&text, "Ivy").contains("R10"), "RI2, placed here, never held: {text}");
    insta::assert_snapshot!("reports_month_outstanding_80x24", screen(&s, 80, 24));
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.reports.view, ReportsView::TopTen);
    insta::assert_snapshot!("reports_month_top10_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("reports_month_top10_160x48", screen(&s, 160, 48));
    // A quarter has no such sections: switching shows its summary.
    act(&mut s, &[Action::SwitchPeriod(PeriodKind::Quarter)]);
    assert!(screen(&s, 120, 40).contains("▸ Summary"), "{}", screen(&s, 120, 40));
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.reports.view, ReportsView::Months, "stepping on from the summary");
}

/// A table longer than the screen scrolls with j and k, says how far it
/// can go, and stops at its last row; a new section starts at the top. The
/// demo's year names more placements than 80x24 has rows for.
#[test]
fn long_tables_scroll_with_j_and_k_and_say_so() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.sqlite");
    let at = "2026-11-10 12:00";
    ri(&path).args(["demo", "--at", at]).assert().success();
    let mut s = open_session_on(&path, None, at);
    act(&mut s, &[Action::GoTab(4), Action::SwitchPeriod(PeriodKind::Year), Action::PeriodBack]);
    view(&mut s, ReportsView::Places);
    let top = screen(&s, 80, 24);
    let room = s.app.reports.scroll_room.get();
    assert!(room > 0, "the placements do not fit: {top}");
    assert!(top.contains(&format!("j k scroll: 0 of {room} rows down")), "{top}");
    let report = s.app.report_shown().expect("loaded");
    // Drawn in the figures' order: most episodes first.
    let places = &report.figures.by_placement;
    let (first, last) = (places[0].name.clone(), places[places.len() - 1].name.clone());
    act(&mut s, &[Action::Down]);
    let down = screen(&s, 80, 24);
    assert!(down.contains(&format!("j k scroll: 1 of {room} rows down")), "{down}");
    act(&mut s, &[Action::Bottom, Action::Down, Action::Down]);
    assert_eq!(s.app.reports.scroll, room, "no further than the last row");
    let bottom = screen(&s, 80, 24);
    assert!(top.contains(&first) && !top.contains(&last), "{top}");
    assert!(bottom.contains(&last), "the last placement is in view: {bottom}");
    act(&mut s, &[Action::Up]);
    assert_eq!(s.app.reports.scroll, room - 1);
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.reports.scroll, 0, "a new section starts at its top");
}
