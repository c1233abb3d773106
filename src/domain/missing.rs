//! Children still missing: every open episode, longest missing first.

use super::codes::{Cohort, EpisodeKind, MissingFrom, Risk};
use super::record::CaseEpisode;
use super::time::{Instant, serialize_local};
use serde::Serialize;
use std::collections::HashMap;

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

/// A child missing at a moment, and the episode that is open then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingNow {
    pub episode_ref: String,
    pub since: Instant,
}

/// The children missing at `at`, by reference. A child is missing while any
/// of their episodes is open, whenever it began: not only one that began in
/// the period a list covers (a child back from October's episodes but gone
/// again in November is missing now). `cases` must hold every episode open
/// at `at`; others are ignored. A child has at most one open episode; should
/// the data hold two, the later start is the one shown.
pub fn missing_now(cases: &[CaseEpisode], at: Instant) -> HashMap<String, MissingNow> {
    let mut out: HashMap<String, MissingNow> = HashMap::new();
    for c in cases.iter().filter(|c| c.episode.is_open_at(at)) {
        let ep = &c.episode;
        let later = out.get(&c.person_ref).is_none_or(|m| (ep.missing_at, &ep.episode_ref) > (m.since, &m.episode_ref));
        if later {
            out.insert(c.person_ref.clone(), MissingNow { episode_ref: ep.episode_ref.clone(), since: ep.missing_at });
        }
    }
    out
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

    #[test]
    fn a_child_is_missing_now_from_any_open_episode_and_not_once_back() {
        let mut back = case("2026-06-01 09:00", Some("2026-06-02 09:00"));
        back.person_ref = "P1".into();
        let mut again = case("2026-06-05 09:00", None);
        again.person_ref = "P1".into();
        again.episode.episode_ref = "P1-2".into();
        let mut returned = case("2026-06-01 10:00", Some("2026-06-01 20:00"));
        returned.person_ref = "P2".into();
        let cases = [back, again, returned];
        let now = missing_now(&cases, at("2026-06-06 09:00"));
        assert_eq!(now.len(), 1, "{now:?}");
        assert_eq!(now["P1"], MissingNow { episode_ref: "P1-2".into(), since: at("2026-06-05 09:00") });
        // As of a moment: before the second episode began, and during the first.
        assert!(missing_now(&cases, at("2026-06-04 09:00")).is_empty());
        let during = missing_now(&cases, at("2026-06-01 12:00"));
        assert_eq!(during.keys().map(String::as_str).collect::<std::collections::BTreeSet<_>>(), ["P1", "P2"].into());
    }
}
