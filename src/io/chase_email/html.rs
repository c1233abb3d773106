//! The chase email as HTML for mail clients: one file whose every style is
//! inline on its element (mail clients drop `<style>` blocks and never fetch
//! anything), every value escaped by the MPMG pack's rule.

use super::Email;
use crate::io::pack::document::{Block, Run, Table, Text};
use crate::io::pack::html_escape as escape;
use std::io::Write;

const BODY: &str = "margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:1.4;color:#111111;background:#ffffff";
const CELL: &str = "border:1px solid #999999;padding:4px 6px;text-align:left;vertical-align:top";
const NUMBER_CELL: &str = "border:1px solid #999999;padding:4px 6px;text-align:right;vertical-align:top";
const HEAD_CELL: &str =
    "border:1px solid #999999;padding:4px 6px;text-align:left;vertical-align:bottom;background:#eeeeee";
const TABLE: &str = "border-collapse:collapse;margin:0 0 16px 0;font-size:13px";
const PARA: &str = "margin:0 0 12px 0";

fn heading_style(level: u8) -> &'static str {
    match level {
        1 => "font-size:20px;margin:0 0 8px 0",
        2 => "font-size:17px;margin:20px 0 8px 0;border-bottom:1px solid #999999",
        _ => "font-size:15px;margin:14px 0 6px 0",
    }
}

/// Writes the email as one HTML file with inline styles only.
pub fn write_email_html(email: &Email, mut out: impl Write) -> std::io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en-GB\">")?;
    writeln!(out, "<head><meta charset=\"utf-8\"><title>{}</title></head>", escape(&email.title))?;
    writeln!(out, "<body style=\"{BODY}\">")?;
    for block in &email.blocks {
        write_block(block, &mut out)?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

fn write_block(block: &Block, out: &mut impl Write) -> std::io::Result<()> {
    match block {
        Block::Heading { level, text } => {
            let level = (*level).clamp(1, 6);
            writeln!(out, "<h{level} style=\"{}\">{}</h{level}>", heading_style(level), inline(text))
        }
        Block::Para(text) => writeln!(out, "<p style=\"{PARA}\">{}</p>", inline(text)),
        Block::Facts(facts) => {
            for (label, text) in facts {
                writeln!(out, "<p style=\"{PARA}\"><strong>{}:</strong> {}</p>", escape(label), inline(text))?;
            }
            Ok(())
        }
        Block::Table(table) => write_table(table, out),
        // The email draws no charts.
        Block::Chart(_) => Ok(()),
        Block::Child { head, body } => head.iter().chain(body).try_for_each(|b| write_block(b, out)),
    }
}

fn write_table(table: &Table, out: &mut impl Write) -> std::io::Result<()> {
    if table.rows.is_empty() {
        return writeln!(out, "<p style=\"{PARA}\">{}</p>", escape(&table.empty));
    }
    writeln!(out, "<table style=\"{TABLE}\">")?;
    let heads: String =
        table.columns.iter().map(|c| format!("<th style=\"{HEAD_CELL}\">{}</th>", escape(&c.header))).collect();
    writeln!(out, "<tr>{heads}</tr>")?;
    for row in &table.rows {
        let cells: String = row
            .iter()
            .zip(&table.columns)
            .map(|(t, c)| format!("<td style=\"{}\">{}</td>", if c.numeric { NUMBER_CELL } else { CELL }, inline(t)))
            .collect();
        writeln!(out, "<tr>{cells}</tr>")?;
    }
    writeln!(out, "</table>")
}

fn inline(text: &Text) -> String {
    text.0
        .iter()
        .map(|run| match run {
            Run::Plain(t) => escape(t),
            Run::Strong(t) => format!("<strong>{}</strong>", escape(t)),
            Run::Mono(t) => format!("<code style=\"font-family:monospace\">{}</code>", escape(t)),
            Run::Break => "<br>".to_string(),
        })
        .collect()
}
