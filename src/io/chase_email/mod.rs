//! The weekly chase email: the chase list grouped by team, then worker,
//! with what each worker has to do, and the children placed here by other
//! authorities apart; as Markdown (the MPMG pack's rules) or as HTML for
//! mail clients ([`html`]). Its rows are the chase list's own.

mod html;

pub use html::write_email_html;

use super::cells::cohort_short;
use super::pack::document::{Block, Column, Density, Table, Text};
use super::pack::write_markdown_blocks;
use crate::domain::chase::ChaseRow;
use crate::domain::chase_groups::{ChaseGroups, Group, ToDo, chase_groups};
use crate::domain::codes::{Band, ChaseFlag, Cohort};
use crate::domain::time::{Instant, display_local, display_short, format_span};
use std::io::Write;

/// The email in words, for both renderers.
pub struct Email {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The email for `rows` (the chase list at `now`) of `authority`.
pub fn email(rows: &[ChaseRow], authority: &str, now: Instant) -> Email {
    let title = format!("Return interviews to chase — {authority}");
    let mut blocks = vec![Block::heading(1, title.as_str()), Block::para(summary(rows, now))];
    let groups: ChaseGroups = chase_groups(rows);
    for team in &groups.teams {
        blocks.push(Block::heading(2, team.team.map_or("No team recorded".to_string(), |t| format!("Team: {t}"))));
        for worker in &team.workers {
            let who = worker.name.unwrap_or("No worker assigned");
            blocks.push(Block::heading(3, format!("{who} — {}", ToDo::of(worker.rows.iter().copied(), now).words())));
            blocks.push(Block::Table(table(worker, now, false)));
        }
    }
    if !groups.placed_in.is_empty() {
        blocks.push(Block::heading(2, "Children placed here by other authorities"));
        blocks.push(Block::para(
            "Their return interviews are the placing authority's to arrange: chase the authority. \
             For each one past its deadline, send the authority our letter (ri-chase letters).",
        ));
        for la in &groups.placed_in {
            let name = la.name.unwrap_or("Placing authority not recorded");
            blocks.push(Block::heading(3, format!("{name} — {}", ToDo::of(la.rows.iter().copied(), now).words())));
            blocks.push(Block::Table(table(la, now, true)));
        }
    }
    Email { title, blocks }
}

/// `As of Mon 30 Mar 2026 12:00: 5 return interviews outstanding: 2 overdue, …`.
fn summary(rows: &[ChaseRow], now: Instant) -> Text {
    let as_of = format!("As of {}: ", display_local(now));
    if rows.is_empty() {
        return Text::plain(format!("{as_of}no return interviews outstanding."));
    }
    let placing = rows.iter().filter(|r| r.placing_la.is_some()).count();
    let theirs = match placing {
        0 => String::new(),
        n => format!(" ({n} of them placing authorities', listed last)"),
    };
    Text::plain(format!(
        "{as_of}{} return interview(s) outstanding{theirs}: {}.",
        rows.len(),
        ToDo::of(rows, now).words()
    ))
}

fn table(group: &Group, now: Instant, with_worker: bool) -> Table {
    let mut columns = vec![
        Column::text("Child", 18),
        Column::text("Ref", 8),
        Column::text("Episode", 8),
        Column::text("Returned", 12),
        Column::text("Due", 12),
        Column::text("Left", 12),
    ];
    if with_worker {
        columns.push(Column::text("Our worker", 12));
    }
    columns.push(Column::number("Attempts", 6));
    columns.push(Column::text("Notes", 12));
    let rows = group
        .rows
        .iter()
        .map(|r| {
            let mut cells = vec![
                Text::plain(r.name.as_str()),
                Text::plain(r.person_ref.as_str()),
                Text::plain(r.episode_ref.as_str()),
                Text::plain(display_short(r.returned_at, now)),
                Text::plain(display_short(r.due_at, now)),
                left(r),
            ];
            if with_worker {
                cells.push(Text::plain(r.worker.as_deref().unwrap_or("-")));
            }
            cells.push(Text::plain(r.attempts.to_string()));
            cells.push(notes(r));
            cells
        })
        .collect();
    Table { columns, rows, density: Density::Normal, empty: "None.".into() }
}

/// Time left as the pack says it: `OVERDUE by 1d 3h`, else `5h 12m`.
pub fn left(r: &ChaseRow) -> Text {
    match r.band {
        Band::Overdue => Text::strong(format!("OVERDUE by {}", format_span(-r.minutes_left))),
        _ => Text::plain(format_span(r.minutes_left)),
    }
}

fn notes(r: &ChaseRow) -> Text {
    let mut text = Text::default();
    let sep = |text: Text, more: Text| if text.0.is_empty() { more } else { text.then(Text::plain("; ")).then(more) };
    if r.has(ChaseFlag::MissingAgain) {
        text = sep(text, Text::strong("MISSING AGAIN"));
    }
    if r.has(ChaseFlag::DueOnNonWorkingDay) {
        text = sep(text, Text::plain("due on a weekend or bank holiday"));
    }
    if r.cohort == Cohort::OutOfArea {
        text = sep(text, Text::plain(cohort_short(r.cohort).to_lowercase()));
    }
    if text.0.is_empty() { Text::plain("-") } else { text }
}

/// Writes the email as GitHub-flavoured Markdown, every value escaped.
pub fn write_email_markdown(email: &Email, mut out: impl Write) -> std::io::Result<()> {
    write_markdown_blocks(&email.blocks, &mut out)
}
