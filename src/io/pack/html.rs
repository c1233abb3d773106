//! The pack as one self-contained HTML page: the style is inline, nothing is
//! fetched (no fonts, scripts, images or links), and every value is escaped.
//! It reads on screen and prints on A4 (see [`super::css`]).

use super::Pack;
use super::css::CSS;
use super::document::{Block, Chart, Density, Run, Table, Text, document};
use crate::domain::visible::printable;
use std::io::Write;

/// Writes the pack for `pack`'s month as an HTML page.
pub fn write_html(pack: &Pack, out: impl Write) -> std::io::Result<()> {
    let doc = document(pack);
    let title = format!("{} — {}", doc.title, pack.authority);
    write_page(&title, &doc.blocks, out)
}

/// Writes any document's blocks (the board report's too) as one
/// self-contained page with the pack's style, titled `title`.
pub fn write_page(title: &str, blocks: &[Block], mut out: impl Write) -> std::io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en-GB\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>{}</title>", escape(title))?;
    writeln!(out, "<style>\n{CSS}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    for block in blocks {
        write_block(block, &mut out)?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn write_block(block: &Block, out: &mut impl Write) -> std::io::Result<()> {
    match block {
        Block::Heading { level, text } => writeln!(out, "<h{level}>{}</h{level}>", inline(text)),
        Block::Para(text) => writeln!(out, "<p>{}</p>", inline(text)),
        Block::Facts(facts) => {
            writeln!(out, "<dl class=\"facts\">")?;
            for (label, text) in facts {
                writeln!(out, "<div><dt>{}</dt><dd>{}</dd></div>", escape(label), inline(text))?;
            }
            writeln!(out, "</dl>")
        }
        Block::Table(table) => write_table(table, out),
        Block::Chart(chart) => write_chart(chart, out),
        Block::Child { head, body } => {
            writeln!(out, "<section class=\"child\">")?;
            writeln!(out, "<div class=\"child-head\">")?;
            for block in head {
                write_block(block, out)?;
            }
            writeln!(out, "</div>")?;
            for block in body {
                write_block(block, out)?;
            }
            writeln!(out, "</section>")
        }
    }
}

/// The chart's SVG with a `<title>` and `role="img"`/`aria-label` added on
/// its root, so a screen reader names it; the numbers are in the table
/// beside it.
fn write_chart(chart: &Chart, out: &mut impl Write) -> std::io::Result<()> {
    let title = escape(&chart.title);
    let svg = match chart.svg.split_once('>') {
        Some((open, rest)) if open.starts_with("<svg") => {
            format!("{open} role=\"img\" aria-label=\"{title}\"><title>{title}</title>{rest}")
        }
        // Not an SVG element: leave it out rather than write it unchecked.
        _ => return Ok(()),
    };
    writeln!(out, "<figure class=\"chart\">\n{}\n</figure>", svg.trim_end())
}

fn write_table(table: &Table, out: &mut impl Write) -> std::io::Result<()> {
    if table.rows.is_empty() {
        return writeln!(out, "<p class=\"empty\">{}</p>", escape(&table.empty));
    }
    let class = match table.density {
        Density::Normal => "",
        Density::Wide => " class=\"wide\"",
    };
    writeln!(out, "<table{class}>")?;
    // The widths are fixed shares of the page, so the table never grows past
    // it; long words wrap inside their cell instead.
    writeln!(out, "<colgroup>")?;
    for column in &table.columns {
        writeln!(out, "<col style=\"width: {}%\">", column.width)?;
    }
    writeln!(out, "</colgroup>")?;
    writeln!(out, "<thead><tr>")?;
    for column in &table.columns {
        let num = if column.numeric { " class=\"num\"" } else { "" };
        writeln!(out, "<th scope=\"col\"{num}>{}</th>", escape(&column.header))?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for row in &table.rows {
        let cells: String = row
            .iter()
            .zip(&table.columns)
            .map(|(text, column)| {
                let num = if column.numeric { " class=\"num\"" } else { "" };
                format!("<td{num}>{}</td>", inline(text))
            })
            .collect();
        writeln!(out, "<tr>{cells}</tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")
}

fn inline(text: &Text) -> String {
    text.0
        .iter()
        .map(|run| match run {
            Run::Plain(t) => escape(t),
            Run::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Run::Mono(t) => format!("<span class=\"mono\">{}</span>", escape(t)),
            Run::Break => "<br>".to_string(),
        })
        .collect()
}

/// Escapes text for element content and quoted attribute values alike;
/// control and bidi characters are dropped first ([`printable`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in printable(text).chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}
