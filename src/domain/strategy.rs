//! The strategy-meeting list: every episode that has reached 72 hours missing,
//! and open episodes approaching it, with the meeting's status and deadline.

use super::codes::{Cohort, MeetingRecord, Risk, StrategyStatus};
use super::record::CaseEpisode;
use super::rules::Rules;
use super::time::{Instant, from_uk_local, serialize_local, serialize_local_opt, uk_date};
use chrono::{Months, NaiveTime};
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
    /// For the search (police notifications name the episode by it).
    #[serde(skip)]
    pub police_ref: Option<String>,
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

/// How far back the Strategy list reaches for meetings already concluded
/// (held, not needed, not held). Outstanding ones are always listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// Episodes that began in the last N calendar months (UK dates).
    Months(u32),
    All,
}

impl History {
    /// The last three months: enough for this quarter's follow-up without
    /// every meeting since the file began.
    pub const DEFAULT: History = History::Months(3);

    /// One month more, or all of it past a hundred years.
    pub fn longer(self) -> History {
        match self {
            History::Months(n) if n < 1200 => History::Months(n + 1),
            _ => History::All,
        }
    }

    /// One month less, never below one; from all, back to a year.
    pub fn shorter(self) -> History {
        match self {
            History::Months(n) => History::Months(n.saturating_sub(1).max(1)),
            History::All => History::Months(12),
        }
    }

    /// The earliest start still listed at `now`: midnight (UK) on the same
    /// date N months ago (the month's last day when it has no such date).
    pub fn since(self, now: Instant) -> Option<Instant> {
        let History::Months(n) = self else { return None };
        let day = uk_date(now).checked_sub_months(Months::new(n))?;
        from_uk_local(day.and_time(NaiveTime::MIN))
    }

    /// `the last 3 months`, `all`.
    pub fn label(self) -> String {
        match self {
            History::Months(1) => "the last month".to_string(),
            History::Months(n) => format!("the last {n} months"),
            History::All => "all".to_string(),
        }
    }
}

/// Whether a row is still to be acted on: due, due soon or planned.
pub fn is_outstanding(row: &StrategyRow) -> bool {
    rank(row.status) < 3
}

/// Whether `history` lists this row at `now`: every outstanding row, and
/// concluded ones whose episode began since [`History::since`].
pub fn in_history(row: &StrategyRow, now: Instant, history: History) -> bool {
    is_outstanding(row) || history.since(now).is_none_or(|since| row.missing_at >= since)
}

/// The rows `history` lists, in order, and how many it leaves out: what the
/// Strategy screen and the `strategy` command both show.
pub fn within_history<'a>(
    rows: impl IntoIterator<Item = &'a StrategyRow>,
    now: Instant,
    history: History,
) -> (Vec<&'a StrategyRow>, usize) {
    let mut hidden = 0;
    // Worked out once, not per row: a list can hold tens of thousands.
    let since = history.since(now);
    let kept = rows
        .into_iter()
        .filter(|r| {
            let keep = is_outstanding(r) || since.is_none_or(|since| r.missing_at >= since);
            hidden += usize::from(!keep);
            keep
        })
        .collect();
    (kept, hidden)
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
        police_ref: ep.police_ref.clone(),
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

    fn held(start: &str, reference: &str) -> CaseEpisode {
        let mut c = case(start, Some("2026-01-01 00:00"));
        c.episode.returned_at = c.episode.missing_at.checked_add_signed(chrono::Duration::hours(80));
        c.episode.episode_ref = reference.into();
        c.meeting.record = Some(MeetingRecord::Held);
        c.meeting.meeting_at = Some(c.episode.missing_at + chrono::Duration::hours(24));
        c
    }

    #[test]
    fn the_history_shows_concluded_meetings_of_the_last_months_and_every_outstanding_one() {
        let now = at("2026-12-02 00:58");
        let mut old_due = case("2024-12-19 15:00", None);
        old_due.episode.episode_ref = "old due".into();
        let cases = [
            held("2026-09-02 00:00", "on the edge"),
            held("2026-09-01 23:59", "a minute before"),
            held("2024-12-19 15:00", "2024"),
            old_due,
        ];
        let rows = strategy_rows(&cases, now, &Rules::default());
        let (kept, hidden) = within_history(&rows, now, History::DEFAULT);
        let kept: Vec<&str> = kept.iter().map(|r| r.episode_ref.as_str()).collect();
        assert_eq!(kept, ["old due", "on the edge"], "outstanding first, however old");
        assert_eq!(hidden, 2);
        let (all, hidden) = within_history(&rows, now, History::All);
        assert_eq!((all.len(), hidden), (4, 0));
        let (longer, _) = within_history(&rows, now, History::DEFAULT.longer());
        assert_eq!(longer.len(), 3, "four months reach 2 August");
    }

    #[test]
    fn the_history_widens_and_narrows_a_month_at_a_time() {
        assert_eq!(History::DEFAULT.longer(), History::Months(4));
        assert_eq!(History::Months(1).shorter(), History::Months(1), "never below one month");
        assert_eq!(History::All.shorter(), History::Months(12));
        assert_eq!(History::Months(1200).longer(), History::All);
        assert_eq!(History::All.longer(), History::All);
        // 31 May less three months is the last day of February.
        assert_eq!(History::Months(3).since(at("2026-05-31 12:00")), Some(at("2026-02-28 00:00")));
        // Midnight UK time in summer is 23:00 UTC the day before.
        assert_eq!(History::Months(1).since(at("2026-07-15 12:00")), Some(at("2026-06-15 00:00")));
        assert_eq!(History::All.since(at("2026-07-15 12:00")), None);
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
