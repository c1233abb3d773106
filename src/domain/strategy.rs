//! The strategy-meeting list: every episode that has reached 72 hours missing,
//! and open episodes approaching it, with the meeting's status and deadline.

use super::codes::{Cohort, MeetingRecord, Risk, StrategyStatus};
use super::record::CaseEpisode;
use super::rules::Rules;
use super::time::{Instant, serialize_local, serialize_local_opt};
use serde::Serialize;

/// One episode needing (or having had) a strategy meeting. Serialises to the
/// `strategy` JSON shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrategyRow {
    pub person_ref: String,
    pub name: String,
    pub episode_ref: String,
    #[serde(serialize_with = "serialize_local")]
    pub missing_at: Instant,
    #[serde(serialize_with = "serialize_local_opt")]
    pub returned_at: Option<Instant>,
    /// Whole hours missing: to the return, or to now while still missing.
    pub hours_missing: i64,
    #[serde(serialize_with = "serialize_local")]
    pub deadline_at: Instant,
    pub status: StrategyStatus,
    #[serde(serialize_with = "serialize_local_opt")]
    pub meeting_at: Option<Instant>,
    /// Held by the deadline: `true`/`false` once known, `null` while it can still be met.
    pub in_timescale: Option<bool>,
    pub cohort: Cohort,
    #[serde(skip)]
    pub risk: Option<Risk>,
    #[serde(skip)]
    pub team: Option<String>,
    /// For a child placed here by another authority, that authority arranges the meeting.
    #[serde(skip)]
    pub responsible_la: String,
}

/// The strategy list at `now`: due first, then due soon, then planned (each by
/// deadline), then those concluded, most recent first.
pub fn strategy_rows(cases: &[CaseEpisode], now: Instant, rules: &Rules) -> Vec<StrategyRow> {
    let mut rows: Vec<StrategyRow> = cases.iter().filter_map(|c| strategy_row(c, now, rules)).collect();
    rows.sort_by(|a, b| {
        let (ra, rb) = (rank(a.status), rank(b.status));
        ra.cmp(&rb)
            .then_with(|| if ra < 3 { a.deadline_at.cmp(&b.deadline_at) } else { b.missing_at.cmp(&a.missing_at) })
            .then_with(|| (&a.name, &a.episode_ref).cmp(&(&b.name, &b.episode_ref)))
    });
    rows
}

fn rank(status: StrategyStatus) -> u8 {
    match status {
        StrategyStatus::Due => 0,
        StrategyStatus::DueSoon => 1,
        StrategyStatus::Planned => 2,
        StrategyStatus::Held | StrategyStatus::NotNeeded | StrategyStatus::NotHeld => 3,
    }
}

/// One episode's strategy-meeting row at `now`, if the list shows it (the
/// board report classifies its meetings by the same row).
pub fn strategy_row(case: &CaseEpisode, now: Instant, rules: &Rules) -> Option<StrategyRow> {
    let ep = &case.episode;
    if ep.missing_at > now {
        return None;
    }
    let returned_at = ep.returned_by(now);
    let minutes = ep.minutes_missing(now);
    let reached = rules.strategy_reached(minutes);
    let approaching = returned_at.is_none() && minutes >= rules.strategy_soon_hours * 60;
    let recorded = case.meeting.record;
    // A meeting already arranged for an episode still short of 72 hours is listed too.
    if !reached && !approaching && recorded.is_none() {
        return None;
    }
    if !reached && returned_at.is_some() && recorded != Some(MeetingRecord::Held) {
        // Found before 72 hours: no meeting needed, nothing to list.
        return None;
    }
    let deadline_at = rules.strategy_deadline(ep.missing_at);
    let meeting_at = case.meeting.meeting_at;
    let status = match recorded {
        Some(MeetingRecord::Planned) => StrategyStatus::Planned,
        Some(MeetingRecord::Held) => StrategyStatus::Held,
        Some(MeetingRecord::NotNeeded) => StrategyStatus::NotNeeded,
        Some(MeetingRecord::NotHeld) => StrategyStatus::NotHeld,
        None if reached => StrategyStatus::Due,
        None => StrategyStatus::DueSoon,
    };
    let in_timescale = match status {
        StrategyStatus::Held => meeting_at.map(|m| m <= deadline_at),
        StrategyStatus::NotNeeded => None,
        _ if now > deadline_at => Some(false),
        _ => None,
    };
    Some(StrategyRow {
        person_ref: case.person_ref.clone(),
        name: case.name.clone(),
        episode_ref: ep.episode_ref.clone(),
        missing_at: ep.missing_at,
        returned_at,
        hours_missing: minutes / 60,
        deadline_at,
        status,
        meeting_at,
        in_timescale,
        cohort: ep.at_the_time.cohort,
        risk: ep.risk,
        team: ep.at_the_time.team.clone(),
        responsible_la: ep.at_the_time.responsible_la.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::{at, case};
    use crate::domain::time::iso_local;

    fn rows_at(cases: &[CaseEpisode], now: &str) -> Vec<StrategyRow> {
        strategy_rows(cases, at(now), &Rules::default())
    }

    #[test]
    fn an_open_episode_is_not_listed_before_48_hours_then_due_soon_then_due_at_72() {
        let c = [case("2026-06-01 09:00", None)];
        assert!(rows_at(&c, "2026-06-03 08:59").is_empty());
        let soon = rows_at(&c, "2026-06-03 09:00");
        assert_eq!((soon[0].status, soon[0].hours_missing, soon[0].in_timescale), (StrategyStatus::DueSoon, 48, None));
        let due = rows_at(&c, "2026-06-04 09:00");
        assert_eq!((due[0].status, due[0].hours_missing, due[0].in_timescale), (StrategyStatus::Due, 72, None));
        assert_eq!(rows_at(&c, "2026-06-04 09:01")[0].in_timescale, Some(false));
    }

    #[test]
    fn the_deadline_is_72_real_hours_across_the_autumn_clock_change() {
        let rows = rows_at(&[case("2026-10-23 12:00", None)], "2026-10-26 12:00");
        assert_eq!(iso_local(rows[0].deadline_at), "2026-10-26T11:00:00+00:00");
        assert_eq!(rows[0].hours_missing, 73);
        assert_eq!(rows[0].status, StrategyStatus::Due);
    }

    #[test]
    fn found_before_72_hours_drops_off_the_list() {
        assert!(rows_at(&[case("2026-06-01 09:00", Some("2026-06-04 08:59"))], "2026-06-05 09:00").is_empty());
        let exactly = rows_at(&[case("2026-06-01 09:00", Some("2026-06-04 09:00"))], "2026-06-05 09:00");
        assert_eq!(exactly[0].status, StrategyStatus::Due, "returned at exactly 72 hours still needed one");
    }

    #[test]
    fn held_at_the_deadline_is_in_timescale_a_minute_later_is_not() {
        let mut c = case("2026-06-01 09:00", Some("2026-06-06 09:00"));
        c.meeting.record = Some(MeetingRecord::Held);
        c.meeting.meeting_at = Some(at("2026-06-04 09:00"));
        assert_eq!(rows_at(std::slice::from_ref(&c), "2026-06-07 09:00")[0].in_timescale, Some(true));
        c.meeting.meeting_at = Some(at("2026-06-04 09:01"));
        assert_eq!(rows_at(&[c], "2026-06-07 09:00")[0].in_timescale, Some(false));
    }

    #[test]
    fn a_planned_meeting_shows_as_planned_even_before_48_hours() {
        let mut c = case("2026-06-01 09:00", None);
        c.meeting.record = Some(MeetingRecord::Planned);
        c.meeting.meeting_at = Some(at("2026-06-03 14:00"));
        let rows = rows_at(&[c], "2026-06-02 09:00");
        assert_eq!(rows[0].status, StrategyStatus::Planned);
    }

    #[test]
    fn due_rows_come_first_then_due_soon_then_planned_then_concluded() {
        let mut held = case("2026-05-01 09:00", Some("2026-05-05 09:00"));
        held.episode.episode_ref = "held".into();
        held.meeting.record = Some(MeetingRecord::Held);
        held.meeting.meeting_at = Some(at("2026-05-03 09:00"));
        let mut soon = case("2026-06-03 00:00", None);
        soon.episode.episode_ref = "soon".into();
        let mut due = case("2026-06-01 09:00", None);
        due.episode.episode_ref = "due".into();
        let rows = rows_at(&[held, soon, due], "2026-06-05 01:00");
        let order: Vec<&str> = rows.iter().map(|r| r.episode_ref.as_str()).collect();
        assert_eq!(order, ["due", "soon", "held"]);
    }
}
