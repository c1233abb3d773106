//! The episode CSV of INTERFACES.md: one row per missing episode, the child's
//! fields repeated on each row with the values of the time.

mod across;
mod header;
mod read;
mod row;
mod write;

pub use read::{ImportError, LineError, read_episodes, read_rows};
pub use write::write_episodes;

/// Every column, in the order export writes them.
pub const COLUMNS: &[&str] = &[
    "person_ref",
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "responsible_la",
    "placement_la",
    "case_status",
    "cse_strategy",
    "cce_risk",
    "lead_professional",
    "team",
    "episode_ref",
    "missing_from_type",
    "missing_from_name",
    "type",
    "missing_at",
    "returned_at",
    "police_ref",
    "risk",
    "exploitation",
    "ri_required",
    "ri_worker",
    "ri_attempts",
    "ri_completed_at",
    "ri_outcome",
    "ri_offered",
    "ri_accepted",
    "ri_reasons",
    "strategy_status",
    "strategy_at",
];

/// The columns a file must have.
pub const REQUIRED: &[&str] = &[
    "person_ref",
    "given_name",
    "family_name",
    "date_of_birth",
    "responsible_la",
    "placement_la",
    "case_status",
    "episode_ref",
    "missing_from_type",
    "missing_at",
];

#[cfg(test)]
mod tests;
