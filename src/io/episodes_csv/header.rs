//! The header row: which known column is where, and what is wrong with it.

use super::read::{LineError, read_problem};
use super::{COLUMNS, REQUIRED};
use std::collections::HashMap;
use std::io::Read;

/// Where each known column is in the file.
pub(super) struct ColumnIndex {
    pub(super) at: HashMap<&'static str, usize>,
    pub(super) width: usize,
}

pub(super) fn read_header<R: Read>(reader: &mut csv::Reader<R>) -> Result<ColumnIndex, Vec<LineError>> {
    let header = |column: &str, problem: String| LineError { line: 1, column: column.to_string(), problem };
    let headers = reader.headers().map_err(|e| vec![header("(header)", read_problem(&e))])?.clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![header("(header)", "the file is empty; the first line must name the columns".into())]);
    }
    let mut errors = Vec::new();
    let mut at = HashMap::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(known) => {
                if at.insert(*known, i).is_some() {
                    errors.push(header(name, "appears more than once".into()));
                }
            }
            // An empty name (often a comma left at the end of the header) is named by its place.
            None if name.is_empty() => errors.push(header(
                &format!("column {}", i + 1),
                "has no name; name it, or remove it (a comma too many in the first line?)".into(),
            )),
            None => {
                let hint = closest_column(name).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
                errors.push(header(name, format!("unknown column{hint}")));
            }
        }
    }
    for required in REQUIRED {
        if !at.contains_key(required) {
            errors.push(header(required, "this required column is missing".into()));
        }
    }
    if errors.is_empty() { Ok(ColumnIndex { at, width: headers.len() }) } else { Err(errors) }
}

/// The known column nearest to a typo, if one is near enough.
pub(super) fn closest_column(name: &str) -> Option<&'static str> {
    COLUMNS.iter().map(|c| (edit_distance(&name.to_lowercase(), c), *c)).filter(|(d, _)| *d <= 3).min().map(|(_, c)| c)
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}
