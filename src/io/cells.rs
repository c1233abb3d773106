//! The text of each list's cells, shared by the screens and `--format table`,
//! so a row reads the same wherever it is shown.

use super::output::TextTable;
use crate::domain::chase::ChaseRow;
use crate::domain::codes::{Band, ChaseFlag, Cohort, MissingFrom};
use crate::domain::missing::MissingRow;
use crate::domain::strategy::StrategyRow;
use crate::domain::time::{display_short, format_span};

pub const CHASE_HEADERS: [&str; 11] =
    ["Band", "Child", "Ref", "Returned", "Due", "Left", "Worker", "Team", "Att", "Cohort", "Flags"];

/// The band in a word, so overdue rows stand out without colour.
pub fn band_word(band: Band) -> &'static str {
    match band {
        Band::Overdue => "OVERDUE",
        Band::Within24h => "<24h",
        Band::Later => "later",
    }
}

/// Short flag marks for narrow cells: `MA` missing again, `WE` due on a
/// weekend or bank holiday, `NW` no worker.
pub fn flag_marks(flags: &[ChaseFlag]) -> String {
    flags
        .iter()
        .map(|f| match f {
            ChaseFlag::MissingAgain => "MA",
            ChaseFlag::DueOnNonWorkingDay => "WE",
            ChaseFlag::NoWorker => "NW",
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A cohort in a few letters, for table cells.
pub fn cohort_short(c: Cohort) -> &'static str {
    match c {
        Cohort::Local => "Local",
        Cohort::OutOfArea => "Out of area",
        Cohort::PlacedIn => "Placed in",
    }
}

pub fn chase_cells(r: &ChaseRow) -> Vec<String> {
    vec![
        band_word(r.band).to_string(),
        r.name.clone(),
        r.person_ref.clone(),
        display_short(r.returned_at),
        display_short(r.due_at),
        format_span(r.minutes_left),
        r.worker.clone().unwrap_or_else(|| "-".into()),
        r.team.clone().unwrap_or_else(|| "-".into()),
        r.attempts.to_string(),
        cohort_short(r.cohort).to_string(),
        flag_marks(&r.flags),
    ]
}

pub const STRATEGY_HEADERS: [&str; 9] =
    ["Child", "Ref", "Missing since", "Returned", "Hours", "Deadline", "Status", "Meeting", "Cohort"];

pub fn strategy_cells(r: &StrategyRow) -> Vec<String> {
    let timescale = match r.in_timescale {
        Some(true) => " (in time)",
        Some(false) => " (late)",
        None => "",
    };
    vec![
        r.name.clone(),
        r.person_ref.clone(),
        display_short(r.missing_at),
        r.returned_at.map(display_short).unwrap_or_else(|| "still missing".into()),
        r.hours_missing.to_string(),
        display_short(r.deadline_at),
        format!("{}{timescale}", r.status.label()),
        r.meeting_at.map(display_short).unwrap_or_else(|| "-".into()),
        cohort_short(r.cohort).to_string(),
    ]
}

pub const MISSING_HEADERS: [&str; 7] = ["Child", "Ref", "Missing since", "Hours", "Risk", "From", "Cohort"];

/// Where a child went missing from: `Foster home (Foster home 3)`, or the kind alone.
pub fn place(kind: MissingFrom, name: Option<&str>) -> String {
    match name {
        Some(name) => format!("{} ({name})", kind.label()),
        None => kind.label().to_string(),
    }
}

pub fn missing_cells(r: &MissingRow) -> Vec<String> {
    let from = place(r.missing_from, r.missing_from_name.as_deref());
    vec![
        r.name.clone(),
        r.person_ref.clone(),
        display_short(r.missing_at),
        r.hours_missing.to_string(),
        r.risk.map(|k| k.label().to_string()).unwrap_or_else(|| "not graded".into()),
        from,
        cohort_short(r.cohort).to_string(),
    ]
}

pub fn chase_table(rows: &[ChaseRow]) -> TextTable {
    TextTable { headers: CHASE_HEADERS.to_vec(), rows: rows.iter().map(chase_cells).collect() }
}

pub fn strategy_table(rows: &[StrategyRow]) -> TextTable {
    TextTable { headers: STRATEGY_HEADERS.to_vec(), rows: rows.iter().map(strategy_cells).collect() }
}

pub fn missing_table(rows: &[MissingRow]) -> TextTable {
    TextTable { headers: MISSING_HEADERS.to_vec(), rows: rows.iter().map(missing_cells).collect() }
}
