//! One section per child to review, in the cohort's order: who they are,
//! why they are reviewed, the month's episodes with each return interview,
//! the open MPMG actions, and the last twelve months.

use super::document::{Block, Column, Density, Table, Text};
use super::words::{self, count, or};
use super::{ChildPack, Pack};
use crate::domain::codes::ReviewReason;
use crate::domain::mpmg::SPARKLINE_MONTHS;
use crate::domain::mpmg_review::month_label;
use crate::domain::record::full_name;
use crate::domain::time::display_short;
use crate::io::cells::place;

/// Every child's section, under one heading.
pub fn sections(pack: &Pack) -> Vec<Block> {
    if pack.children.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![Block::heading(2, "The children, one by one")];
    blocks.extend(pack.children.iter().enumerate().map(|(i, c)| section(pack, i + 1, c)));
    blocks
}

fn section(pack: &Pack, number: usize, c: &ChildPack) -> Block {
    let month = pack.month().long_name();
    let head = vec![
        Block::heading(3, format!("{number}. {} ({})", c.row.name, c.row.person_ref)),
        Block::Facts(details(pack, c)),
    ];
    let body = vec![
        Block::heading(4, format!("Episodes in {month}")),
        Block::Table(episodes(pack, c)),
        Block::heading(4, actions_heading(c)),
        Block::Table(actions(pack, c)),
        Block::heading(4, "Episodes per month, last 12 months"),
        Block::Table(history(pack, c)),
    ];
    Block::Child { head, body }
}

/// Who the child is now, and why the group sees them this month.
fn details(pack: &Pack, c: &ChildPack) -> Vec<(String, Text)> {
    let p = &c.record.person;
    let profile = &c.record.profile;
    let month = pack.month().long_name();
    // The record is as it is now; the row is as it was at the month's last episode.
    let mut case_status = p.case_status.label().to_string();
    if c.row.case_status != p.case_status {
        case_status.push_str(&format!(" ({} at the last episode in {month})", c.row.case_status.label()));
    }
    let reasons: Vec<String> = c
        .row
        .review_reasons
        .iter()
        .map(|r| match r {
            ReviewReason::InCare => "went missing while in care".to_string(),
            ReviewReason::ThreeOrMore => format!("missing {} or more times", pack.lists.settings.month_threshold),
        })
        .collect();
    let mut why = format!(
        "{} ({}, {} missing in {month})",
        reasons.join(" and "),
        count(c.row.episodes, "episode", "episodes"),
        count(c.row.hours_missing.max(0) as u64, "hour", "hours"),
    );
    if let Some(rank) = c.top_rank {
        why.push_str(&format!("; number {rank} in the top {}", pack.lists.settings.top_n));
    }
    let mut why = Text::plain(why);
    if let Some(m) = &c.missing_now {
        // Say which episode when it is not one of the month's, or a reader looks for it in the table below.
        let which = if c.month_episodes.iter().any(|e| e.case.episode.episode_ref == m.episode_ref) {
            String::new()
        } else {
            format!(", episode {}", m.episode_ref)
        };
        why = why
            .then(Text::plain("; "))
            .then(Text::strong("MISSING NOW"))
            .then(Text::plain(format!(" (since {}{which})", display_short(m.since, pack.now))));
    }
    let reviews: Vec<String> = c.reviews.iter().map(|m| month_label(m.month)).collect();
    let fact = |label: &str, text: Text| (label.to_string(), text);
    vec![
        fact("Name", Text::plain(full_name(&p.given_name, &p.family_name))),
        fact("Ref", Text::plain(p.person_ref.as_str())),
        fact("Age", Text::plain(words::age(p, pack.now))),
        fact("Why reviewed", why),
        fact("Case status", Text::plain(case_status)),
        fact("CSE strategy", Text::plain(flag(p.cse_strategy, profile.cse_since))),
        fact("CCE risk", Text::plain(flag(p.cce_risk, profile.cce_since))),
        fact("Cohort", Text::plain(words::authorities(p, c.cohort))),
        fact("Lead professional", Text::plain(words::lead(p))),
        fact(
            "Placement",
            Text::plain(
                profile.placement.as_ref().map_or("not recorded".to_string(), |pl| place(pl.kind, Some(&pl.name))),
            ),
        ),
        fact("School / EET", Text::plain(or(profile.school.as_deref(), "not recorded"))),
        fact("Vulnerabilities", Text::plain(or(profile.vulnerability.as_deref(), "not recorded"))),
        fact(
            "MPMG reviews",
            Text::plain(if reviews.is_empty() { "none recorded".to_string() } else { reviews.join(", ") }),
        ),
    ]
}

fn episodes(pack: &Pack, c: &ChildPack) -> Table {
    let now = pack.now;
    Table {
        columns: vec![
            Column::text("Started", 14),
            Column::text("Returned", 14),
            Column::text("Length", 9),
            Column::text("Missing from", 15),
            Column::text("Risk", 8),
            Column::text("Return interview", 25),
            Column::text("Reasons given", 15),
        ],
        rows: c
            .month_episodes
            .iter()
            .map(|e| {
                let ep = &e.case.episode;
                vec![
                    Text::plain(display_short(ep.missing_at, now)).line().then(Text::plain(ep.episode_ref.as_str())),
                    words::returned(e, now),
                    Text::plain(words::length(e, now)),
                    words::missing_from(e),
                    Text::plain(ep.risk.map_or("not graded", |r| r.label())),
                    words::interview(e, now, &pack.rules),
                    Text::plain(words::reasons(e)),
                ]
            })
            .collect(),
        density: Density::Wide,
        // Not reached for a reviewed child, who has at least one; said all the same.
        empty: "No episodes in the month.".to_string(),
    }
}

/// `MPMG actions: 2 open, 1 done` (the done ones are not listed).
fn actions_heading(c: &ChildPack) -> String {
    match c.done_actions {
        0 => format!("MPMG actions: {} open", c.open_actions.len()),
        done => format!("MPMG actions: {} open, {done} done (not listed)", c.open_actions.len()),
    }
}

fn actions(pack: &Pack, c: &ChildPack) -> Table {
    let today = pack.today();
    Table {
        columns: vec![
            Column::text("What", 38),
            Column::text("Who", 17),
            Column::text("Due", 16),
            Column::text("Where it stands", 15),
            Column::text("Agreed at", 14),
        ],
        rows: c
            .open_actions
            .iter()
            .map(|a| {
                vec![
                    Text::plain(a.action.what.as_str()),
                    Text::plain(or(a.action.who.as_deref(), "no one named")),
                    Text::plain(words::due(&a.action)),
                    words::action_state(&a.action, today),
                    Text::plain(words::agreed_at(a)),
                ]
            })
            .collect(),
        density: Density::Normal,
        empty: "No open actions.".to_string(),
    }
}

/// The twelve months as columns, each with its count, and the total.
fn history(pack: &Pack, c: &ChildPack) -> Table {
    let months = SPARKLINE_MONTHS as i64;
    let mut columns: Vec<Column> =
        (0..months).map(|i| Column::number(month_label(pack.month().plus(i + 1 - months).as_month()), 7)).collect();
    columns.push(Column::number("Total", 16));
    let mut row: Vec<Text> = c.history.iter().map(|n| Text::plain(n.to_string())).collect();
    row.push(Text::plain(c.history.iter().sum::<u64>().to_string()));
    Table { columns, rows: vec![row], density: Density::Normal, empty: String::new() }
}

/// `yes, since 01/03/2026`, `yes` (date not known) or `no`.
fn flag(on: bool, since: Option<chrono::NaiveDate>) -> String {
    match (on, since) {
        (true, Some(d)) => format!("yes, since {}", d.format("%d/%m/%Y")),
        (true, None) => "yes".to_string(),
        (false, _) => "no".to_string(),
    }
}
