//! Lists written for scripts and people: JSON (the shapes of INTERFACES.md),
//! CSV (the same fields, flat) and an aligned text table (the screen's cells).

use crate::domain::visible::visible;
use serde::Serialize;
use serde_json::Value;
use std::borrow::Cow;
use std::io::Write;

/// The formats every list command offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

/// A list as text cells under headings: what a table shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTable {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

/// Writes rows as pretty JSON, in order.
pub fn write_json<T: Serialize>(rows: &T, mut out: impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut out, rows).map_err(|e| match e.io_error_kind() {
        Some(kind) => std::io::Error::from(kind),
        None => std::io::Error::other(e),
    })?;
    writeln!(out)
}

/// Writes rows as CSV with one column per JSON field, in the JSON's order;
/// lists are joined with `;`, null is empty.
pub fn write_csv<T: Serialize>(rows: &[T], out: impl Write) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let values: Vec<Value> =
        rows.iter().map(serde_json::to_value).collect::<Result<_, _>>().map_err(std::io::Error::other)?;
    let headers: Vec<String> = match values.first() {
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        _ => Vec::new(),
    };
    writer.write_record(&headers)?;
    for value in &values {
        if let Value::Object(map) = value {
            writer.write_record(map.values().map(flat))?;
        }
    }
    writer.flush()
}

/// As [`write_csv`], but an empty list still gets its header, so a script
/// reading a month with nobody in it sees the columns it expects.
pub fn write_csv_headed<T: Serialize>(rows: &[T], headers: &[&str], mut out: impl Write) -> std::io::Result<()> {
    if rows.is_empty() {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(headers)?;
        return writer.flush();
    }
    write_csv(rows, out)
}

/// A JSON value as one CSV cell. Text is made safe for spreadsheets
/// ([`spreadsheet_text`]); numbers stay numbers (`minutes_left` is -90 when
/// 90 minutes overdue, and must still sum).
fn flat(v: &Value) -> String {
    match v {
        Value::Number(_) | Value::Bool(_) => v.to_string(),
        _ => spreadsheet_text(&text_of(v)),
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(";"),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Text for a CSV cell a spreadsheet will open: one beginning with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read as a formula (a name
/// like `=HYPERLINK(...)` becomes a live link), so it gets a leading `'`,
/// which spreadsheets show as text (OWASP's advice on CSV injection).
pub fn spreadsheet_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Writes a table with columns padded to their widest cell. Every cell is
/// shown through [`visible`]: a name never reaches the terminal raw (no
/// escape sequences, no bidi overrides, no newline cutting its row).
pub fn write_table(table: &TextTable, mut out: impl Write) -> std::io::Result<()> {
    let rows: Vec<Vec<Cow<str>>> = table.rows.iter().map(|r| r.iter().map(|c| visible(c)).collect()).collect();
    let width = |i: usize| {
        rows.iter().map(|r| r[i].chars().count()).chain([table.headers[i].chars().count()]).max().unwrap_or(0)
    };
    let widths: Vec<usize> = (0..table.headers.len()).map(width).collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", line(table.headers.clone()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(|c| c.as_ref()).collect()))?;
    }
    if rows.is_empty() {
        writeln!(out, "(none)")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        b: &'static str,
        a: Option<i32>,
        flags: Vec<&'static str>,
    }

    #[test]
    fn csv_keeps_the_json_field_order_and_flattens_lists_and_nulls() {
        let mut out = Vec::new();
        write_csv(&[Row { b: "x, y", a: None, flags: vec!["one", "two"] }], &mut out).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "b,a,flags\n\"x, y\",,one;two\n");
    }

    #[derive(Serialize)]
    struct Hostile {
        name: &'static str,
        minutes_left: i64,
        flags: Vec<&'static str>,
    }

    #[test]
    fn csv_text_that_a_spreadsheet_would_run_is_neutralised_and_numbers_stay_numbers() {
        let rows = [
            Hostile { name: "=HYPERLINK(\"http://x\",\"y\")", minutes_left: -90, flags: vec!["@SUM(A1)"] },
            Hostile { name: "+cmd|' /C calc'!A0", minutes_left: 30, flags: vec![] },
            Hostile { name: "-2+3", minutes_left: 0, flags: vec!["ok"] },
            Hostile { name: "\tTab", minutes_left: 1, flags: vec![] },
            Hostile { name: "\rCR", minutes_left: 1, flags: vec![] },
            Hostile { name: "Ann = Lee", minutes_left: -1, flags: vec![] },
        ];
        let mut out = Vec::new();
        write_csv(&rows, &mut out).expect("write");
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let cells: Vec<Vec<String>> =
            reader.records().map(|r| r.expect("record").iter().map(str::to_string).collect()).collect();
        let col = |i: usize| cells.iter().map(|r| r[i].as_str()).collect::<Vec<_>>();
        assert_eq!(
            col(0),
            ["'=HYPERLINK(\"http://x\",\"y\")", "'+cmd|' /C calc'!A0", "'-2+3", "'\tTab", "'\rCR", "Ann = Lee"]
        );
        assert_eq!(col(1), ["-90", "30", "0", "1", "1", "-1"], "numbers are written as numbers");
        assert_eq!(col(2), ["'@SUM(A1)", "", "ok", "", "", ""]);
    }

    #[test]
    fn a_headed_csv_keeps_its_header_when_empty() {
        let mut out = Vec::new();
        write_csv_headed::<Row>(&[], &["b", "a", "flags"], &mut out).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "b,a,flags\n");
        let mut out = Vec::new();
        write_csv_headed(&[Row { b: "x", a: Some(1), flags: vec![] }], &["b", "a", "flags"], &mut out).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "b,a,flags\nx,1,\n");
    }

    #[test]
    fn tables_pad_columns_and_say_when_empty() {
        let t = TextTable { headers: vec!["Name", "Due"], rows: vec![vec!["Al".into(), "1h 0m".into()]] };
        let mut out = Vec::new();
        write_table(&t, &mut out).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "Name  Due\nAl    1h 0m\n");
        let mut out = Vec::new();
        write_table(&TextTable { headers: vec!["Name"], rows: vec![] }, &mut out).expect("write");
        assert_eq!(String::from_utf8(out).expect("utf8"), "Name\n(none)\n");
    }
}
