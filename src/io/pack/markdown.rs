//! The pack as GitHub-flavoured Markdown: headings, bulleted facts and pipe
//! tables. Every value is escaped, so a name holding `|`, `*`, `<` or `&`
//! reads as typed and never breaks a table or turns into markup.

use super::Pack;
use super::document::{Block, Run, Table, Text, document};
use crate::domain::visible::printable;
use std::io::Write;

/// Writes the pack for `pack`'s month as Markdown.
pub fn write_markdown(pack: &Pack, mut out: impl Write) -> std::io::Result<()> {
    let doc = document(pack);
    for block in &doc.blocks {
        write_block(block, &mut out)?;
    }
    Ok(())
}

/// Writes blocks of any document (the chase email's too) as Markdown, by the pack's rules.
pub fn write_blocks(blocks: &[Block], out: &mut impl Write) -> std::io::Result<()> {
    for block in blocks {
        write_block(block, out)?;
    }
    Ok(())
}

fn write_block(block: &Block, out: &mut impl Write) -> std::io::Result<()> {
    match block {
        Block::Heading { level, text } => writeln!(out, "{} {}\n", "#".repeat(usize::from(*level)), inline(text)),
        Block::Para(text) => writeln!(out, "{}\n", inline(text)),
        Block::Facts(facts) => {
            for (label, text) in facts {
                writeln!(out, "- **{}:** {}", escape(label), inline(text))?;
            }
            writeln!(out)
        }
        Block::Table(table) => write_table(table, out),
        Block::Chart(_) => Ok(()),
        Block::Child { head, body } => {
            for block in head.iter().chain(body) {
                write_block(block, out)?;
            }
            Ok(())
        }
    }
}

fn write_table(table: &Table, out: &mut impl Write) -> std::io::Result<()> {
    if table.rows.is_empty() {
        return writeln!(out, "{}\n", escape(&table.empty));
    }
    let headers: Vec<String> = table.columns.iter().map(|c| escape(&c.header)).collect();
    writeln!(out, "| {} |", headers.join(" | "))?;
    let rules: Vec<&str> = table.columns.iter().map(|c| if c.numeric { "---:" } else { "---" }).collect();
    writeln!(out, "| {} |", rules.join(" | "))?;
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(inline).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

/// Text as inline Markdown; a line break is `<br>`, which GitHub renders in
/// table cells and lists alike.
fn inline(text: &Text) -> String {
    text.0
        .iter()
        .map(|run| match run {
            Run::Plain(t) => escape(t),
            Run::Strong(t) => format!("**{}**", escape(t)),
            // A code span keeps the bars aligned; anything that could end it
            // or split a table cell is written as plain escaped text instead.
            Run::Mono(t) if !t.contains(['`', '|']) && !t.trim().is_empty() => format!("`{}`", printable(t)),
            Run::Mono(t) => escape(t),
            Run::Break => "<br>".to_string(),
        })
        .collect()
}

/// Backslash-escapes what Markdown would read as markup (emphasis, links,
/// raw HTML, entities, code, headings, table cells) and puts line breaks
/// and tabs as spaces, so a value stays on its line and in its cell;
/// control and bidi characters are dropped first ([`printable`]).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in printable(text).chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}
