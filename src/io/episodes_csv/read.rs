//! Import: read, check every row, and only then hand the store a complete,
//! consistent set of items. Every problem is reported, not only the first.

use super::across::{check_across_rows, latest_sets_person};
use super::header::{ColumnIndex, read_header};
use super::row::RowReader;
use crate::domain::time::Instant;
use crate::store::{ImportItem, Store, StoreError};
use csv::StringRecord;
use std::fmt;
use std::io::Read;

/// One problem in a file: `line N: column: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line in the file; the header is line 1.
    pub line: u64,
    pub column: String,
    pub problem: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.column, self.problem)
    }
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    Invalid(Vec<LineError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads and checks a whole episode CSV against the database. Returns the
/// items to write, or every problem found.
pub fn read_episodes(
    input: impl Read,
    store: &Store,
    authority: &str,
    now: Instant,
) -> Result<Vec<ImportItem>, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let index = read_header(&mut reader).map_err(ImportError::Invalid)?;
    let mut errors = Vec::new();
    let mut parsed: Vec<(u64, ImportItem)> = Vec::new();
    let mut record = StringRecord::new();
    let mut last_line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(last_line + 1, |p| p.line());
                last_line = line;
                if record.len() != index.width {
                    errors.push(LineError {
                        line,
                        column: "(row)".into(),
                        problem: format!("has {} fields; the header has {}", record.len(), index.width),
                    });
                    continue;
                }
                let mut row = RowReader { record: &record, index: &index, line, errors: &mut errors };
                if let Some(item) = row.item(store, authority, now)? {
                    parsed.push((line, item));
                }
            }
            Err(e) => {
                let line = e.position().map_or(last_line + 1, |p| p.line());
                last_line = line;
                errors.push(LineError { line, column: "(row)".into(), problem: read_problem(&e) });
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    finish(parsed, errors, store)
}

/// The checks across rows and against the database, on rows already read.
fn finish(
    parsed: Vec<(u64, ImportItem)>,
    mut errors: Vec<LineError>,
    store: &Store,
) -> Result<Vec<ImportItem>, ImportError> {
    let db_latest = check_across_rows(&parsed, store, &mut errors)?;
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(ImportError::Invalid(errors));
    }
    Ok(latest_sets_person(parsed, &db_latest))
}

/// Checks rows that another format (the SSD) has already read and put into
/// this file's columns: each `(line, cells)` goes through exactly the checks a
/// row of an episode CSV gets (required values, times not in the future, a
/// return not before its start, overlaps in the file and with the database),
/// so one set of rules judges every import. A column not among a row's cells
/// keeps what the database holds, as a column absent from a file does.
/// Unknown column names are a programming error, reported as such.
pub fn read_rows(
    rows: Vec<(u64, Vec<(&'static str, String)>)>,
    store: &Store,
    authority: &str,
    now: Instant,
) -> Result<Vec<ImportItem>, ImportError> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (line, cells) in rows {
        let mut at = std::collections::HashMap::new();
        let mut record = StringRecord::new();
        for (i, (column, value)) in cells.iter().enumerate() {
            if !super::COLUMNS.contains(column) {
                errors.push(LineError {
                    line,
                    column: (*column).into(),
                    problem: "is not a column of the episode CSV".into(),
                });
            }
            at.insert(*column, i);
            record.push_field(value);
        }
        let index = ColumnIndex { at, width: cells.len() };
        let mut row = RowReader { record: &record, index: &index, line, errors: &mut errors };
        if let Some(item) = row.item(store, authority, now)? {
            parsed.push((line, item));
        }
    }
    finish(parsed, errors, store)
}

pub(super) fn read_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 (save the file as UTF-8)".into(),
        csv::ErrorKind::Io(io) => format!("cannot be read: {io}"),
        _ => e.to_string(),
    }
}
