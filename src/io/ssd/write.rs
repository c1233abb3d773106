//! Export: `ssd_missing` (one row per episode) and `ssd_person` (one row per
//! child those rows name), so the pair imports into another system as it is.

use super::values::{datetime_cell, kind_cell, sex_cell};
use super::{MISSING_COLUMNS, PERSON_COLUMNS};
use crate::domain::period::FinancialYear;
use crate::domain::record::{CaseEpisode, Person};
use crate::domain::ri_offer::{accepted, offered};
use crate::store::{Store, StoreError};
use std::collections::BTreeMap;
use std::io::Write;

/// What can stop an export.
#[derive(Debug, thiserror::Error)]
pub enum SsdExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the CSV: {0}")]
    Write(#[from] csv::Error),
}

/// Every episode (those that began in `year`, if given: an episode belongs to
/// the period it started in), oldest first, with its child.
fn cases(store: &Store, year: Option<FinancialYear>) -> Result<Vec<(Person, CaseEpisode)>, StoreError> {
    let mut out = Vec::new();
    store.each_case_in_order(|person, case| {
        if year.is_none_or(|y| y.contains(case.episode.missing_at)) {
            out.push((person, case));
        }
    })?;
    Ok(out)
}

/// The `ssd_missing` row of one episode, in [`MISSING_COLUMNS`] order.
pub fn missing_row(person: &Person, case: &CaseEpisode) -> [String; 7] {
    let e = &case.episode;
    [
        e.episode_ref.clone(),
        person.person_ref.clone(),
        datetime_cell(e.missing_at),
        kind_cell(e.kind).to_string(),
        e.returned_at.map(datetime_cell).unwrap_or_default(),
        offered(&case.interview).code().to_string(),
        accepted(&case.interview).code().to_string(),
    ]
}

/// Writes `ssd_missing`; returns the number of rows.
pub fn write_ssd_missing(store: &Store, year: Option<FinancialYear>, out: impl Write) -> Result<usize, SsdExportError> {
    let cases = cases(store, year)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(MISSING_COLUMNS)?;
    for (person, case) in &cases {
        writer.write_record(missing_row(person, case))?;
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(cases.len())
}

/// Writes `ssd_person` for every child with an episode (one that began in
/// `year`, if given: the children `ssd_missing` names), by `pers_person_id`;
/// returns the number of rows.
pub fn write_ssd_person(store: &Store, year: Option<FinancialYear>, out: impl Write) -> Result<usize, SsdExportError> {
    let people: BTreeMap<String, Person> =
        cases(store, year)?.into_iter().map(|(p, _)| (p.person_ref.clone(), p)).collect();
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(PERSON_COLUMNS)?;
    for p in people.values() {
        writer.write_record([
            p.person_ref.as_str(),
            &p.given_name,
            &p.family_name,
            &p.date_of_birth.format("%Y-%m-%d").to_string(),
            sex_cell(p.sex),
        ])?;
    }
    writer.flush().map_err(csv::Error::from)?;
    Ok(people.len())
}
