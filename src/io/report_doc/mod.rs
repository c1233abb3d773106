//! The board report as a document for a board paper: Markdown, or one
//! self-contained HTML page for A4 with its charts as inline SVG. Laid out
//! from the MPMG pack's document model by the pack's own writers, so the
//! escaping is the pack's one rule; the sentences on what changed come from
//! [`crate::domain::report::change`].

mod charts;
mod monthly;
mod sections;

use crate::domain::report::Report;
use crate::domain::time::display_local;
use crate::io::pack::document::{Block, Text};
use crate::io::pack::{write_html_page, write_markdown_blocks};
use sections::Charts;
use std::io::Write;

/// The title: `Missing children: board report 2025-26`, or the monthly list's.
fn title(report: &Report) -> String {
    match &report.performance {
        Some(p) => monthly::title(p.month),
        None => format!("Missing children: board report {}", report.period),
    }
}

fn blocks(report: &Report, charts: Charts) -> std::io::Result<Vec<Block>> {
    // A calendar month is the monthly performance list: one page, not the board paper.
    if let Some(performance) = &report.performance {
        return Ok(monthly::blocks(report, performance));
    }
    let mut blocks = vec![
        Block::heading(1, title(report)),
        Block::Facts(vec![
            ("Authority".to_string(), Text::plain(report.authority.as_str())),
            ("Period".to_string(), Text::plain(format!("{}: {} to {}", report.period, report.from, report.to))),
            (
                "Compared with".to_string(),
                Text::plain(format!("{}: {} to {}", report.prior.period, report.prior.from, report.prior.to)),
            ),
            ("As of".to_string(), Text::plain(display_local(report.at))),
        ]),
        Block::para(
            "Each episode counts in the period it started in, with its return interview and strategy \
             meeting. The main figures are for children living in our area; children we placed out of \
             area have their own section.",
        ),
    ];
    blocks.extend(sections::sections(report, charts).map_err(std::io::Error::other)?);
    Ok(blocks)
}

/// Writes the report as Markdown (no charts: their tables say the same).
pub fn write_report_markdown(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let blocks = blocks(report, Charts::Left)?;
    write_markdown_blocks(&blocks, &mut &mut *out)
}

/// Writes the report as one HTML page, charts drawn.
pub fn write_report_html(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let blocks = blocks(report, Charts::Drawn)?;
    write_html_page(&format!("{} — {}", title(report), report.authority), &blocks, out)
}
