//! The front of the pack: who made it and when, the meeting, the summary
//! figures, and the month's three lists (children to review, top 10,
//! persistently missing) with the cells the screens show.

use super::document::{Block, Column, Density, Table, Text};
use super::words::{count, or};
use super::{ChildPack, Pack};
use crate::domain::mpmg::{MpmgSettings, SPARKLINE_MONTHS, TopRow};
use crate::domain::mpmg_review::month_label;
use crate::domain::time::Instant;
use crate::domain::when::{describe, describe_day};
use crate::io::cells::cohort_short;
use crate::io::mpmg_cells::{self, COHORT_HEADERS, TOP_HEADERS};
use chrono::NaiveDate;

/// The protective marking, on the front and (in print) on every page.
pub const MARKING: &str = "OFFICIAL-SENSITIVE";

/// How the pack is to be handled: special-category data about children.
const HANDLING: &str = ": personal information about children. Keep it secure; share it only with those at the \
meeting (the top 10 also goes to senior managers).";

/// Who, when, the meeting, and the summary.
pub fn front(pack: &Pack) -> Vec<Block> {
    let month = pack.month().long_name();
    let mut facts = vec![
        ("Authority".to_string(), Text::plain(pack.authority.as_str())),
        ("Made".to_string(), Text::plain(format!("{}; every figure and status is as of then", describe(pack.now)))),
    ];
    match &pack.meeting {
        Some(m) => {
            facts.push(("Meeting".to_string(), Text::plain(format!("held {}", describe_day(m.held_on)))));
            facts.push(("Attendees".to_string(), Text::plain(or(m.attendees.as_deref(), "not recorded"))));
            if let Some(notes) = m.notes.as_deref().filter(|n| !n.trim().is_empty()) {
                facts.push(("Notes".to_string(), Text::plain(notes)));
            }
        }
        None => facts.push(("Meeting".to_string(), Text::plain(format!("none recorded for {month} yet")))),
    }
    facts.push(("Handling".to_string(), Text::strong(MARKING).then(Text::plain(HANDLING))));
    vec![Block::Facts(facts), Block::heading(2, "Summary"), Block::Facts(summary(pack))]
}

fn summary(pack: &Pack) -> Vec<(String, Text)> {
    let s = pack.summary();
    let settings = &pack.lists.settings;
    let month = pack.month().long_name();
    let children = |n: usize| count(n as u64, "child", "children");
    let alarm = |n: usize, words: String| if n > 0 { Text::strong(words) } else { Text::plain(words) };
    let why = if s.children == 0 {
        format!("none: no child went missing while in care, or {} or more times, in {month}", settings.month_threshold)
    } else {
        format!(
            "{}: {} missing while in care, {} missing {} or more times (a child may be both)",
            s.children, s.in_care, s.many_times, settings.month_threshold
        )
    };
    let quarter = pack.lists.quarter;
    let [first, _, last] = quarter.months();
    vec![
        ("Children to review".to_string(), Text::plain(why)),
        (
            format!("Their episodes in {month}"),
            Text::plain(format!(
                "{}, {} missing",
                count(s.episodes, "episode", "episodes"),
                count(s.hours as u64, "hour", "hours")
            )),
        ),
        (
            "Missing now".to_string(),
            alarm(s.still_missing, format!("{} of the {} to review", s.still_missing, children(s.children))),
        ),
        (
            "Return interviews overdue".to_string(),
            alarm(
                s.interviews_overdue,
                format!("{} of their {}", s.interviews_overdue, count(s.episodes, "episode", "episodes")),
            ),
        ),
        (format!("Top {}", settings.top_n), Text::plain(format!("{} listed", children(s.top)))),
        (
            format!("Persistently missing in {quarter}"),
            Text::plain(format!(
                "{} with {} or more episodes from {} to {}",
                children(s.persistent),
                settings.quarter_threshold,
                first.long_name(),
                last.long_name()
            )),
        ),
        (
            "MPMG actions for them".to_string(),
            Text::plain(format!("{} open, ", s.open_actions)).then(match s.overdue_actions {
                // Capitals only when there is something to shout about.
                0 => Text::plain("none overdue"),
                n => Text::strong(format!("{n} OVERDUE")),
            }),
        ),
    ]
}

/// The three lists, each under a heading that says what it counts.
pub fn lists(pack: &Pack) -> Vec<Block> {
    let m = &pack.lists;
    let s = &m.settings;
    let month = m.month.long_name();
    let first = month_label(m.month.plus(1 - SPARKLINE_MONTHS as i64).as_month());
    let today = pack.today();
    vec![
        Block::heading(2, "Children to review"),
        Block::para(format!(
            "Every child who went missing in {month} while in care, and every child missing {} or more times in \
             the month; in the top 10's order. Each has a section below.",
            s.month_threshold
        )),
        Block::Table(Table {
            columns: vec![
                Column::number("#", 4),
                Column::text("Child", 18),
                Column::text("Ref", 11),
                Column::number("Episodes", 9),
                Column::number("Hours", 7),
                Column::text("Why reviewed", 14),
                Column::text("Case status", 14),
                Column::text("Cohort", 10),
                Column::text("Open actions", 13),
            ],
            rows: pack.children.iter().enumerate().map(|(i, c)| cohort_cells(i + 1, c, s, today, pack.now)).collect(),
            density: Density::Normal,
            empty: format!("No child to review for {month}."),
        }),
        Block::heading(2, format!("Top {} — {month}", s.top_n)),
        Block::para(format!(
            "Most episodes in {month}, then most hours missing in the month, then the most recent episode. \
             The last column is episodes per month from {first} to {}, oldest first, drawn as bars \
             (a dot is a month with none) with the counts beneath.",
            month_label(m.month.as_month())
        )),
        Block::Table(Table {
            columns: vec![
                Column::number("Rank", 5),
                Column::text("Child", 13),
                Column::text("Ref", 10),
                Column::number("Episodes", 8),
                Column::number("Hours", 6),
                Column::text("Last missing", 10),
                Column::text("Case status", 10),
                Column::text("Missing from", 12),
                Column::text("Cohort", 8),
                Column::text("12 months", 18),
            ],
            rows: m.top10.iter().map(|r| top_cells(r, pack.now)).collect(),
            density: Density::Wide,
            empty: format!("No child went missing in {month}."),
        }),
        Block::heading(2, format!("Persistently missing — {}", m.quarter)),
        Block::para(format!(
            "Children with {} or more episodes starting in the quarter so far, most first. Reviewed this month: \
             the meeting for {month} reviewed them (as the MPMG tab's Rev).",
            s.quarter_threshold
        )),
        Block::Table(Table {
            columns: vec![
                Column::text("Child", 40),
                Column::text("Ref", 20),
                Column::number("Episodes in the quarter", 20),
                Column::text("Reviewed this month", 20),
            ],
            rows: m
                .persistent_quarter
                .iter()
                .map(|r| {
                    vec![
                        Text::plain(r.name.as_str()),
                        Text::plain(r.person_ref.as_str()),
                        Text::plain(r.episodes.to_string()),
                        Text::plain(if pack.reviewed(&r.person_ref) { "yes" } else { "no" }),
                    ]
                })
                .collect(),
            density: Density::Normal,
            empty: format!("No child is persistently missing in {}.", m.quarter),
        }),
    ]
}

/// A case status, with the CSE strategy flag beneath it when set.
pub fn status(label: &str, cse: bool, cce: bool) -> Text {
    let mut text = Text::plain(label);
    if cse {
        text = text.line().then(Text::plain("CSE strategy"));
    }
    if cce {
        text = text.line().then(Text::plain("CCE risk"));
    }
    text
}

/// The cell under `header` in a row of the screens' cells (so the pack says
/// what the screens say); empty if no column has that header, which the
/// tests rule out.
pub fn pick(headers: &[&str], cells: &[String], header: &str) -> String {
    headers.iter().position(|h| *h == header).and_then(|i| cells.get(i)).cloned().unwrap_or_default()
}

/// The top 10's cells: the screens' cells, the cohort added, the history
/// with its figures beneath the bars.
fn top_cells(r: &TopRow, now: Instant) -> Vec<Text> {
    let cells = mpmg_cells::top_cells(r, now);
    let cell = |header: &str| Text::plain(pick(&TOP_HEADERS, &cells, header));
    let counts: Vec<String> = r.sparkline.iter().map(u64::to_string).collect();
    vec![
        cell("Rank"),
        cell("Child"),
        cell("Ref"),
        cell("Ep"),
        cell("Hours"),
        cell("Last missing"),
        status(r.case_status.label(), r.cse_strategy, r.cce_risk),
        cell("From"),
        Text::plain(cohort_short(r.cohort)),
        Text::mono(pick(&TOP_HEADERS, &cells, "12 months")).line().then(Text::plain(counts.join(" "))),
    ]
}

/// A row of the children to review: the screens' cells, and the open actions.
fn cohort_cells(number: usize, c: &ChildPack, settings: &MpmgSettings, today: NaiveDate, now: Instant) -> Vec<Text> {
    let cells = mpmg_cells::cohort_cells(&c.row, settings, now);
    let cell = |header: &str| Text::plain(pick(&COHORT_HEADERS, &cells, header));
    let overdue = c.open_actions.iter().filter(|a| a.action.is_overdue(today)).count();
    let actions = match (c.open_actions.len(), overdue) {
        (0, _) => Text::plain("none"),
        (n, 0) => Text::plain(n.to_string()),
        (n, o) => Text::plain(format!("{n}, ")).then(Text::strong(format!("{o} OVERDUE"))),
    };
    vec![
        Text::plain(number.to_string()),
        cell("Child"),
        cell("Ref"),
        cell("Ep"),
        cell("Hours"),
        cell("Why"),
        status(c.row.case_status.label(), c.row.cse_strategy, c.row.cce_risk),
        cell("Cohort"),
        actions,
    ]
}
