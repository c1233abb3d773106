//! The SSDA903 Missing table as CSV: the DfE's header, then one row per
//! line, cells as [`crate::domain::ssda903`] made them.

use crate::domain::ssda903::{HEADER, MissingLine};
use std::io::Write;

/// Writes the table; returns the number of rows.
pub fn write_missing(lines: &[MissingLine], out: impl Write) -> Result<usize, csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for line in lines {
        writer.write_record(line.cells())?;
    }
    writer.flush()?;
    Ok(lines.len())
}
