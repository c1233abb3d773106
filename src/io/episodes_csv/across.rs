//! Checks across rows and against the database: each episode once, no
//! overlaps, and which row becomes the child's current record.

use super::read::LineError;
use crate::domain::sequence::{Clash, Span, clashes};
use crate::domain::time::Instant;
use crate::store::{ImportItem, Store, StoreError};
use std::collections::HashMap;

/// Where an episode in a clash comes from: the database, or a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Origin {
    Database(String),
    Line(u64, String),
}

/// The latest start of each child's episodes that are in the database but not
/// in the file, found while checking (so the database is asked once per child).
pub(super) type DatabaseLatest = HashMap<String, Instant>;

pub(super) fn check_across_rows(
    parsed: &[(u64, ImportItem)],
    store: &Store,
    errors: &mut Vec<LineError>,
) -> Result<DatabaseLatest, StoreError> {
    let mut db_latest = DatabaseLatest::new();
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    let mut by_person: HashMap<&str, Vec<Span<Origin>>> = HashMap::new();
    for (line, item) in parsed {
        let e = &item.episode;
        if let Some(first) = first_line.insert(&e.episode_ref, *line) {
            errors.push(LineError {
                line: *line,
                column: "episode_ref".into(),
                problem: format!("`{}` is also on line {first}; each episode appears once", e.episode_ref),
            });
            first_line.insert(&e.episode_ref, first);
            continue;
        }
        by_person.entry(&item.person.person_ref).or_default().push(Span {
            key: Origin::Line(*line, e.episode_ref.clone()),
            start: e.missing_at,
            end: e.returned_at,
        });
    }
    for (person_ref, spans) in &mut by_person {
        for (episode_ref, start, end) in store.episode_spans(person_ref)? {
            if !first_line.contains_key(episode_ref.as_str()) {
                let latest = db_latest.entry(person_ref.to_string()).or_insert(start);
                *latest = (*latest).max(start);
                spans.push(Span { key: Origin::Database(episode_ref), start, end });
            }
        }
        for clash in clashes(spans) {
            errors.push(clash_error(clash));
        }
    }
    Ok(db_latest)
}

pub(super) fn clash_error(clash: Clash<Origin>) -> LineError {
    let describe = |o: &Origin| match o {
        Origin::Database(r) => format!("episode {r} already in the database"),
        Origin::Line(l, r) => format!("episode {r} on line {l}"),
    };
    let (earlier, later, what) = match &clash {
        Clash::Overlap { earlier, later } => (earlier, later, "overlaps"),
        Clash::OpenBefore { earlier, later } => (earlier, later, "starts while the child is still missing in"),
    };
    // Report against the file's line: the later episode's if it is in the file.
    match (later, earlier) {
        (Origin::Line(line, _), other) => {
            LineError { line: *line, column: "missing_at".into(), problem: format!("{what} {}", describe(other)) }
        }
        (other, Origin::Line(line, _)) => LineError {
            line: *line,
            column: "returned_at".into(),
            problem: match clash {
                Clash::Overlap { .. } => format!("runs past the start of {}", describe(other)),
                Clash::OpenBefore { .. } => format!("is empty (still missing) but {} starts later", describe(other)),
            },
        },
        // Two database episodes cannot clash: the database was checked when they came in.
        (a, b) => LineError {
            line: 1,
            column: "(database)".into(),
            problem: format!("{} {what} {}", describe(a), describe(b)),
        },
    }
}

/// Marks, for each child, the item that becomes the child's current record:
/// the latest episode, unless the database already holds a later one.
pub(super) fn latest_sets_person(parsed: Vec<(u64, ImportItem)>, db_latest: &DatabaseLatest) -> Vec<ImportItem> {
    let mut latest: HashMap<String, (usize, Instant)> = HashMap::new();
    for (i, (_, item)) in parsed.iter().enumerate() {
        let start = item.episode.missing_at;
        let entry = latest.entry(item.person.person_ref.clone()).or_insert((i, start));
        if start >= entry.1 {
            *entry = (i, start);
        }
    }
    let mut items: Vec<ImportItem> = parsed.into_iter().map(|(_, item)| item).collect();
    for (person_ref, (i, start)) in latest {
        items[i].update_person = db_latest.get(&person_ref).is_none_or(|d| start >= *d);
    }
    items
}
