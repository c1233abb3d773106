//! Which cohort a child is in, from who is responsible and where the child lives.

use super::codes::Cohort;

/// Authority names are compared as people type them: case and spacing forgiven.
pub fn same_authority(a: &str, b: &str) -> bool {
    name_key(a) == name_key(b)
}

/// A name as compared (authorities, teams, workers): lower case, spaces
/// collapsed, so `Southby ` and `southby` are one authority.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// The cohort of a child, as seen by authority `us`; `None` when the child is
/// neither ours nor living in our area (not ours to record).
pub fn cohort_of(responsible_la: &str, placement_la: &str, us: &str) -> Option<Cohort> {
    match (same_authority(responsible_la, us), same_authority(placement_la, us)) {
        (true, true) => Some(Cohort::Local),
        (true, false) => Some(Cohort::OutOfArea),
        (false, true) => Some(Cohort::PlacedIn),
        (false, false) => None,
    }
}

/// Whether a child of this cohort lives in our area (local or placed in):
/// the report's main figures count these; children we placed out of area are
/// counted in their own section and in the cohort splits.
pub fn lives_here(cohort: Cohort) -> bool {
    cohort != Cohort::OutOfArea
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cohorts_follow_responsibility_and_placement() {
        let us = "Northshire";
        assert_eq!(cohort_of("Northshire", "Northshire", us), Some(Cohort::Local));
        assert_eq!(cohort_of("Northshire", "Southby", us), Some(Cohort::OutOfArea));
        assert_eq!(cohort_of("Southby", "Northshire", us), Some(Cohort::PlacedIn));
        assert_eq!(cohort_of("Southby", "Eastham", us), None);
    }

    #[test]
    fn authority_names_forgive_case_and_spaces() {
        assert!(same_authority(" north  shire ", "North Shire"));
        assert!(!same_authority("Northshire", "North Shire"));
    }
}
