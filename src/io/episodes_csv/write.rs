//! Export in the import format, so that a file exported and imported again
//! changes nothing.

use super::COLUMNS;
use crate::domain::codes::Exploitation;
use crate::domain::period::FinancialYear;
use crate::domain::record::{CaseEpisode, Person};
use crate::domain::time::{Instant, csv_local};
use crate::store::Store;
use std::io::Write;

/// What can stop an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("writing the CSV: {0}")]
    Write(#[from] csv::Error),
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn time(t: Option<Instant>) -> String {
    t.map(csv_local).unwrap_or_default()
}

/// The row for one episode, in [`COLUMNS`] order.
pub fn episode_row(person: &Person, case: &CaseEpisode) -> Vec<String> {
    let e = &case.episode;
    let c = &e.at_the_time;
    let ri = &case.interview;
    let reasons: Vec<&str> = ri.reasons.iter().map(|r| r.code()).collect();
    vec![
        person.person_ref.clone(),
        person.given_name.clone(),
        person.family_name.clone(),
        person.date_of_birth.format("%Y-%m-%d").to_string(),
        person.sex.map(|s| s.code().to_string()).unwrap_or_default(),
        c.responsible_la.clone(),
        c.placement_la.clone(),
        c.case_status.code().to_string(),
        yes_no(c.cse_strategy).to_string(),
        yes_no(c.cce_risk).to_string(),
        c.lead_professional.clone().unwrap_or_default(),
        c.team.clone().unwrap_or_default(),
        e.episode_ref.clone(),
        e.missing_from.code().to_string(),
        e.missing_from_name.clone().unwrap_or_default(),
        e.kind.code().to_string(),
        csv_local(e.missing_at),
        time(e.returned_at),
        e.police_ref.clone().unwrap_or_default(),
        e.risk.map(|r| r.code().to_string()).unwrap_or_default(),
        Exploitation::join(&e.exploitation),
        yes_no(ri.required).to_string(),
        ri.worker.clone().unwrap_or_default(),
        ri.attempts.to_string(),
        time(ri.completed_at),
        ri.outcome.map(|o| o.code().to_string()).unwrap_or_default(),
        // The user's own answer only: empty means derived, so a re-import keeps deriving.
        ri.offered.map(yes_no).unwrap_or_default().to_string(),
        ri.accepted.map(yes_no).unwrap_or_default().to_string(),
        reasons.join(";"),
        case.meeting.record.map(|m| m.code().to_string()).unwrap_or_default(),
        time(case.meeting.meeting_at),
    ]
}

/// Writes every episode (those starting in `year`, if given), oldest first.
pub fn write_episodes(store: &Store, year: Option<FinancialYear>, out: impl Write) -> Result<usize, ExportError> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    let mut written = 0;
    let mut failure = None;
    store.each_case_in_order(|person, case| {
        if failure.is_some() || year.is_some_and(|y| !y.contains(case.episode.missing_at)) {
            return;
        }
        match writer.write_record(episode_row(&person, &case)) {
            Ok(()) => written += 1,
            Err(e) => failure = Some(e),
        }
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(written)
}
