//! The text of each list's cells, shared by the screens and `--format table`,
//! so a row reads the same wherever it is shown.

use super::output::TextTable;
use crate::domain::chase::ChaseRow;
use crate::domain::codes::{Band, ChaseFlag, Cohort, MissingFrom, StrategyStatus};
use crate::domain::missing::MissingRow;
use crate::domain::strategy::StrategyRow;
use crate::domain::time::{Instant, display_short, format_span};

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

/// Time left on the clock, said after MISSING AGAIN when the child is
/// missing again (chasing the worker waits for the child's return).
pub fn time_left(r: &ChaseRow) -> String {
    if r.has(ChaseFlag::MissingAgain) {
        format!("MISSING AGAIN {}", format_span(r.minutes_left))
    } else {
        format_span(r.minutes_left)
    }
}

/// Who to chase: the worker, or for a child placed here by another
/// authority, that authority (the interview is theirs).
pub fn chase_owner(r: &ChaseRow) -> String {
    match (&r.placing_la, &r.worker) {
        (Some(la), _) => format!("placing LA: {la}"),
        (None, Some(worker)) => worker.clone(),
        (None, None) => "-".into(),
    }
}

/// A chase row's cells, its dates as read at `now`.
pub fn chase_cells(r: &ChaseRow, now: Instant) -> Vec<String> {
    vec![
        band_word(r.band).to_string(),
        r.name.clone(),
        r.person_ref.clone(),
        display_short(r.returned_at, now),
        display_short(r.due_at, now),
        time_left(r),
        chase_owner(r),
        r.team.clone().unwrap_or_else(|| "-".into()),
        r.attempts.to_string(),
        cohort_short(r.cohort).to_string(),
        flag_marks(&r.flags),
    ]
}

pub const STRATEGY_HEADERS: [&str; 9] =
    ["Child", "Ref", "Missing since", "Returned", "Hours", "Deadline", "Status", "Meeting", "Cohort"];

/// A strategy row's cells, its dates as read at `now`.
pub fn strategy_cells(r: &StrategyRow, now: Instant) -> Vec<String> {
    let timescale = match r.in_timescale {
        Some(true) => " (in time)",
        Some(false) => " (late)",
        None => "",
    };
    // A meeting due and past its deadline reads as an overdue interview does on Chase.
    let status = match (r.status, r.in_timescale) {
        (StrategyStatus::Due, Some(false)) => "OVERDUE".to_string(),
        (status, _) => format!("{}{timescale}", status.label()),
    };
    vec![
        r.name.clone(),
        r.person_ref.clone(),
        display_short(r.missing_at, now),
        r.returned_at.map(|t| display_short(t, now)).unwrap_or_else(|| "still missing".into()),
        r.hours_missing.to_string(),
        display_short(r.deadline_at, now),
        status,
        r.meeting_at.map(|t| display_short(t, now)).unwrap_or_else(|| "-".into()),
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

/// A still-missing row's cells, its dates as read at `now`.
/// The place's name where it has one (`The Gables`), else its kind: for
/// narrow screens, where the kind would crowd the name out.
pub fn place_name(kind: MissingFrom, name: Option<&str>) -> String {
    name.filter(|n| !n.trim().is_empty()).map_or_else(|| kind.label().to_string(), str::to_string)
}

pub fn missing_cells(r: &MissingRow, now: Instant) -> Vec<String> {
    let from = place(r.missing_from, r.missing_from_name.as_deref());
    vec![
        r.name.clone(),
        r.person_ref.clone(),
        display_short(r.missing_at, now),
        r.hours_missing.to_string(),
        r.risk.map(|k| k.label().to_string()).unwrap_or_else(|| "not graded".into()),
        from,
        cohort_short(r.cohort).to_string(),
    ]
}

pub fn chase_table(rows: &[ChaseRow], now: Instant) -> TextTable {
    TextTable { headers: CHASE_HEADERS.to_vec(), rows: rows.iter().map(|r| chase_cells(r, now)).collect() }
}

pub fn strategy_table(rows: &[StrategyRow], now: Instant) -> TextTable {
    TextTable { headers: STRATEGY_HEADERS.to_vec(), rows: rows.iter().map(|r| strategy_cells(r, now)).collect() }
}

pub fn missing_table(rows: &[MissingRow], now: Instant) -> TextTable {
    TextTable { headers: MISSING_HEADERS.to_vec(), rows: rows.iter().map(|r| missing_cells(r, now)).collect() }
}
