//! The Standard Safeguarding Dataset (data-to-insight's `ssd-data-model`),
//! tables `ssd_missing` and `ssd_person` (DOMAIN.md, "National data
//! formats"): how case management systems (LCS, Mosaic, Eclipse) exchange a
//! child's missing episodes. [`write`] exports both tables; [`read`] imports a
//! case system's extract through the episode CSV's own checks.
//!
//! Cells as we write them:
//! - times: UK local `YYYY-MM-DD HH:MM:SS` (the SSD's DATETIME); in the
//!   repeated autumn hour the wall clock cannot say which reading, and an
//!   import takes the first, as everywhere else;
//! - `pers_dob`: the date alone, `YYYY-MM-DD`;
//! - `pers_sex`: `M`, `F`, or `U` (also for a sex not recorded), the codes the
//!   SSD's own returns map it to;
//! - `miss_missing_episode_type`: `M` missing, `A` away without authorisation;
//! - offered / accepted: `Y`, `N` or `NA` as [`crate::domain::ri_offer`] derives them.

pub mod read;
mod values;
pub mod write;

pub use read::{SsdImportError, read_ssd};
pub use write::{write_ssd_missing, write_ssd_person};

/// The `ssd_missing` columns, in the data model's order.
pub const MISSING_COLUMNS: [&str; 7] = [
    "miss_table_id",
    "miss_person_id",
    "miss_missing_episode_start_date",
    "miss_missing_episode_type",
    "miss_missing_episode_end_date",
    "miss_missing_rhi_offered",
    "miss_missing_rhi_accepted",
];

/// The `ssd_person` columns ri-chase writes and reads.
pub const PERSON_COLUMNS: [&str; 5] = ["pers_person_id", "pers_forename", "pers_surname", "pers_dob", "pers_sex"];

#[cfg(test)]
mod tests;
