//! Children still missing: every open episode, longest missing first.

use super::codes::{Cohort, EpisodeKind, MissingFrom, Risk};
use super::record::CaseEpisode;
use super::time::{Instant, serialize_local};
use serde::Serialize;

/// One open episode. Serialises to the `missing` JSON shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissingRow {
    pub person_ref: String,
    pub name: String,
    pub episode_ref: String,
    #[serde(serialize_with = "serialize_local")]
    pub missing_at: Instant,
    pub hours_missing: i64,
    pub risk: Option<Risk>,
    pub cohort: Cohort,
    #[serde(skip)]
    pub kind: EpisodeKind,
    #[serde(skip)]
    pub missing_from: MissingFrom,
    #[serde(skip)]
    pub missing_from_name: Option<String>,
    #[serde(skip)]
    pub police_ref: Option<String>,
    #[serde(skip)]
    pub team: Option<String>,
}

/// Every episode open at `now`, longest missing first.
pub fn missing_rows(cases: &[CaseEpisode], now: Instant) -> Vec<MissingRow> {
    let mut rows: Vec<MissingRow> = cases
        .iter()
        .filter(|c| c.episode.is_open_at(now))
        .map(|c| {
            let ep = &c.episode;
            MissingRow {
                person_ref: c.person_ref.clone(),
                name: c.name.clone(),
                episode_ref: ep.episode_ref.clone(),
                missing_at: ep.missing_at,
                hours_missing: ep.minutes_missing(now) / 60,
                risk: ep.risk,
                cohort: ep.at_the_time.cohort,
                kind: ep.kind,
                missing_from: ep.missing_from,
                missing_from_name: ep.missing_from_name.clone(),
                police_ref: ep.police_ref.clone(),
                team: ep.at_the_time.team.clone(),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.missing_at, &a.name, &a.episode_ref).cmp(&(b.missing_at, &b.name, &b.episode_ref)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, case};

    #[test]
    fn open_episodes_are_listed_longest_first_with_whole_hours() {
        let mut a = case("2026-06-02 09:00", None);
        a.episode.episode_ref = "A".into();
        let mut b = case("2026-06-01 09:00", None);
        b.episode.episode_ref = "B".into();
        let closed = case("2026-05-01 09:00", Some("2026-05-02 09:00"));
        let rows = missing_rows(&[a, b, closed], at("2026-06-03 09:59"));
        let got: Vec<(&str, i64)> = rows.iter().map(|r| (r.episode_ref.as_str(), r.hours_missing)).collect();
        assert_eq!(got, [("B", 48), ("A", 24)]);
    }

    #[test]
    fn hours_count_real_hours_across_the_spring_clock_change() {
        // 00:00 GMT to 12:00 BST on 29 March 2026 is 11 real hours.
        let rows = missing_rows(&[case("2026-03-29 00:00", None)], at("2026-03-29 12:00"));
        assert_eq!(rows[0].hours_missing, 11);
    }

    #[test]
    fn an_episode_starting_after_now_or_returned_by_now_is_not_missing() {
        let c = case("2026-06-01 09:00", Some("2026-06-02 09:00"));
        assert!(missing_rows(std::slice::from_ref(&c), at("2026-06-01 08:59")).is_empty());
        assert_eq!(missing_rows(std::slice::from_ref(&c), at("2026-06-02 08:59")).len(), 1);
        assert!(missing_rows(&[c], at("2026-06-02 09:00")).is_empty());
    }
}
