//! The rules of the missing-children process, as pure functions over plain
//! data. No SQL, no terminal, no clock: "now" is always a parameter.

pub mod annex_a;
pub mod chase;
pub mod chase_groups;
pub mod checks;
pub mod codes;
pub mod cohort;
pub mod history;
pub mod holidays;
pub mod missing;
pub mod mpmg;
pub mod mpmg_review;
pub mod patterns;
pub mod period;
pub mod record;
pub mod report;
pub mod ri_offer;
pub mod risk;
pub mod rules;
pub mod sequence;
pub mod ssda903;
pub mod strategy;
pub mod time;
pub mod visible;
pub mod when;

#[cfg(test)]
pub(crate) mod testkit;
