//! Ofsted Annex A list 8 as CSV: the 34 headers, then a row per child, cells
//! as [`crate::domain::annex_a`] made them. Annex A is opened in a
//! spreadsheet, so text from the data is shown, never obeyed: a control
//! character becomes a visible escape (`\e`), and a cell a spreadsheet would
//! run as a formula gets the leading `'` the list CSVs give it.

use crate::domain::annex_a::{Cell, HEADERS, List8Row};
use crate::domain::visible::visible;
use crate::io::output::spreadsheet_text;
use std::io::Write;

fn cell(c: &Cell) -> String {
    match c {
        Cell::Blank => String::new(),
        Cell::Text(t) => spreadsheet_text(&visible(t)),
        Cell::Value(v) => v.clone(),
    }
}

/// Writes the list; returns the number of rows.
pub fn write_list8(rows: &[List8Row], out: impl Write) -> Result<usize, csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADERS)?;
    for row in rows {
        writer.write_record(row.cells().iter().map(cell))?;
    }
    writer.flush()?;
    Ok(rows.len())
}
