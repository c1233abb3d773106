//! Builders for synthetic episodes in the domain's unit tests.

use super::codes::{CaseStatus, Cohort, EpisodeKind, MissingFrom};
use super::record::{CaseEpisode, Circumstances, Episode, ReturnInterview, StrategyMeeting};
use super::time::{Instant, parse_instant};

pub fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

/// A missing episode of synthetic child `C1` ("Test Child"), started at
/// `missing`, returned at `returned`, with a required, unassigned interview.
pub fn case(missing: &str, returned: Option<&str>) -> CaseEpisode {
    CaseEpisode {
        person_ref: "C1".into(),
        name: "Test Child".into(),
        episode: Episode {
            episode_ref: "E1".into(),
            missing_at: at(missing),
            returned_at: returned.map(at),
            kind: EpisodeKind::Missing,
            missing_from: MissingFrom::Home,
            missing_from_name: None,
            police_ref: None,
            risk: None,
            exploitation: Vec::new(),
            at_the_time: Circumstances {
                case_status: CaseStatus::ChildInNeed,
                cse_strategy: false,
                cce_risk: false,
                responsible_la: "Northshire".into(),
                placement_la: "Northshire".into(),
                cohort: Cohort::Local,
                lead_professional: None,
                team: None,
            },
        },
        interview: ReturnInterview { required: true, ..ReturnInterview::default() },
        meeting: StrategyMeeting::default(),
        child_missing_since: None,
    }
}
