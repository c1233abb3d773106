//! Where a child usually is: what a missing report means when it does not say where from.

use super::{Result, Store};
use crate::domain::codes::MissingFrom;
use rusqlite::OptionalExtension;

impl Store {
    /// The child's current placement if one is recorded, else the place their
    /// latest episode began from. `None` if neither is known.
    pub fn usual_place(&self, person_id: i64) -> Result<Option<(MissingFrom, Option<String>)>> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT type, name FROM (
                     SELECT 0 AS rank, pl.type AS type, pl.name AS name
                       FROM people p JOIN placements pl ON pl.id = p.placement_id WHERE p.id = ?1
                     UNION ALL
                     SELECT 1, e.missing_from, pl.name
                       FROM (SELECT missing_from, placement_id FROM episodes
                              WHERE person_id = ?1 ORDER BY missing_at DESC LIMIT 1) e
                       LEFT JOIN placements pl ON pl.id = e.placement_id)
                 ORDER BY rank LIMIT 1",
                [person_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        row.map(|(kind, name)| {
            MissingFrom::parse(&kind).map(|k| (k, name)).map_err(|e| super::StoreError::Corrupt(e.to_string()))
        })
        .transpose()
    }
}
