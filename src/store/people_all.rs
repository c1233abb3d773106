//! Every child's record, for the exports that list children rather than episodes.

use super::edit::people::{PERSON_COLUMNS, read_person};
use super::{Result, Store};
use crate::domain::record::PersonRecord;

impl Store {
    /// Every child's record as it stands, with the placement on their form, by `person_ref`.
    pub fn all_people(&self) -> Result<Vec<PersonRecord>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("{PERSON_COLUMNS} ORDER BY p.person_ref")).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], read_person)
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows.into_iter().map(|stamped| stamped.value).collect())
    }
}
