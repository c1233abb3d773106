//! The chase list: every required return interview not yet completed, against
//! its 72-hour clock, most overdue first.

use super::codes::{Band, CaseStatus, ChaseFlag, Cohort, Exploitation, MissingFrom, Risk};
use super::holidays::BankHolidays;
use super::record::CaseEpisode;
use super::rules::Rules;
use super::time::{Instant, minutes_between, serialize_local, uk_date};
use chrono::Duration;
use serde::Serialize;

/// One outstanding return interview. Serialises to the `chase` JSON shape;
/// the skipped fields feed the screen's detail pane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChaseRow {
    pub person_ref: String,
    pub name: String,
    pub episode_ref: String,
    #[serde(serialize_with = "serialize_local")]
    pub returned_at: Instant,
    #[serde(serialize_with = "serialize_local")]
    pub due_at: Instant,
    pub minutes_left: i64,
    pub overdue: bool,
    pub band: Band,
    pub worker: Option<String>,
    pub team: Option<String>,
    pub attempts: u32,
    pub cohort: Cohort,
    pub flags: Vec<ChaseFlag>,
    /// For a child placed here by another authority: that (placing)
    /// authority, whose interview it is; `null` for ours.
    pub placing_la: Option<String>,
    #[serde(skip)]
    pub missing_at: Instant,
    #[serde(skip)]
    pub missing_from: MissingFrom,
    #[serde(skip)]
    pub missing_from_name: Option<String>,
    #[serde(skip)]
    pub risk: Option<Risk>,
    #[serde(skip)]
    pub case_status: CaseStatus,
    #[serde(skip)]
    pub lead_professional: Option<String>,
    /// The responsible authority: for a child placed here by another
    /// authority, that authority owns the interview.
    #[serde(skip)]
    pub responsible_la: String,
    #[serde(skip)]
    pub police_ref: Option<String>,
    /// CSE / CCE: the child flagged at the time, or a concern the episode raised.
    #[serde(skip)]
    pub exploitation: Vec<Exploitation>,
    #[serde(skip)]
    pub missing_again_since: Option<Instant>,
}

impl ChaseRow {
    pub fn has(&self, flag: ChaseFlag) -> bool {
        self.flags.contains(&flag)
    }
}

/// Which band a deadline puts an interview in at `now`. Due exactly now is
/// not yet overdue (timely means at or before the deadline); exactly 24 hours
/// left is within 24 hours.
pub fn band_at(due_at: Instant, now: Instant, rules: &Rules) -> Band {
    if now > due_at {
        Band::Overdue
    } else if due_at - now <= Duration::hours(rules.chase_soon_hours) {
        Band::Within24h
    } else {
        Band::Later
    }
}

/// The chase list at `now`, in the order the screen shows it.
pub fn chase_rows(cases: &[CaseEpisode], now: Instant, rules: &Rules, holidays: &BankHolidays) -> Vec<ChaseRow> {
    let mut rows: Vec<ChaseRow> = cases.iter().filter_map(|c| chase_row(c, now, rules, holidays)).collect();
    rows.sort_by(|a, b| {
        (a.due_at, &a.name, &a.person_ref, &a.episode_ref).cmp(&(b.due_at, &b.name, &b.person_ref, &b.episode_ref))
    });
    rows
}

fn chase_row(case: &CaseEpisode, now: Instant, rules: &Rules, holidays: &BankHolidays) -> Option<ChaseRow> {
    let ep = &case.episode;
    let returned_at = ep.returned_by(now)?;
    let ri = &case.interview;
    if !ri.is_required() || ri.completed_by(now).is_some() {
        return None;
    }
    let due_at = rules.ri_due_at(returned_at);
    let missing_again_since = case.child_missing_since.filter(|since| *since >= returned_at && *since <= now);
    let worker = ri.worker.clone().filter(|w| !w.trim().is_empty());
    let mut flags = Vec::new();
    if missing_again_since.is_some() {
        flags.push(ChaseFlag::MissingAgain);
    }
    if holidays.is_non_working_day(uk_date(due_at)) {
        flags.push(ChaseFlag::DueOnNonWorkingDay);
    }
    if worker.is_none() {
        flags.push(ChaseFlag::NoWorker);
    }
    let band = band_at(due_at, now, rules);
    let cohort = ep.at_the_time.cohort;
    Some(ChaseRow {
        person_ref: case.person_ref.clone(),
        name: case.name.clone(),
        episode_ref: ep.episode_ref.clone(),
        returned_at,
        due_at,
        minutes_left: minutes_between(now, due_at),
        overdue: band == Band::Overdue,
        band,
        worker,
        team: ep.at_the_time.team.clone(),
        attempts: ri.attempts,
        cohort,
        flags,
        placing_la: (cohort == Cohort::PlacedIn).then(|| ep.at_the_time.responsible_la.clone()),
        missing_at: ep.missing_at,
        missing_from: ep.missing_from,
        missing_from_name: ep.missing_from_name.clone(),
        risk: ep.risk,
        case_status: ep.at_the_time.case_status,
        lead_professional: ep.at_the_time.lead_professional.clone(),
        responsible_la: ep.at_the_time.responsible_la.clone(),
        police_ref: ep.police_ref.clone(),
        exploitation: ep.exploitation_marks(),
        missing_again_since,
    })
}

/// How many rows are in each band: the header of the Chase screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BandCounts {
    pub overdue: usize,
    pub within_24h: usize,
    pub later: usize,
}

impl BandCounts {
    fn add(&mut self, band: Band) {
        match band {
            Band::Overdue => self.overdue += 1,
            Band::Within24h => self.within_24h += 1,
            Band::Later => self.later += 1,
        }
    }
}

pub fn band_counts<'a>(rows: impl IntoIterator<Item = &'a ChaseRow>) -> BandCounts {
    split_band_counts(rows).all
}

/// The band counts of all rows, and of those that are placing authorities'
/// interviews (children placed here by another authority); ours are the rest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SplitCounts {
    pub all: BandCounts,
    pub placing: BandCounts,
}

pub fn split_band_counts<'a>(rows: impl IntoIterator<Item = &'a ChaseRow>) -> SplitCounts {
    rows.into_iter().fold(SplitCounts::default(), |mut c, r| {
        c.all.add(r.band);
        if r.placing_la.is_some() {
            c.placing.add(r.band);
        }
        c
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::RiOutcome;
    use crate::domain::testkit::{at, case};
    use crate::domain::time::iso_local;

    fn rows_at(cases: &[CaseEpisode], now: &str) -> Vec<ChaseRow> {
        chase_rows(cases, at(now), &Rules::default(), &BankHolidays::bundled())
    }

    #[test]
    fn returned_saturday_before_the_clocks_go_forward_is_due_tuesday_21_00_bst() {
        let rows = rows_at(&[case("2026-03-27 18:00", Some("2026-03-28 20:00"))], "2026-03-29 12:00");
        assert_eq!(rows.len(), 1);
        assert_eq!(iso_local(rows[0].due_at), "2026-03-31T21:00:00+01:00");
        assert_eq!(rows[0].band, Band::Later);
    }

    #[test]
    fn at_exactly_72_hours_the_interview_is_due_not_overdue() {
        let c = [case("2026-06-01 08:00", Some("2026-06-01 09:00"))];
        let at_due = rows_at(&c, "2026-06-04 09:00");
        assert_eq!((at_due[0].band, at_due[0].minutes_left, at_due[0].overdue), (Band::Within24h, 0, false));
        let a_minute_later = rows_at(&c, "2026-06-04 09:01");
        assert_eq!((a_minute_later[0].band, a_minute_later[0].minutes_left), (Band::Overdue, -1));
        assert!(a_minute_later[0].overdue);
    }

    #[test]
    fn exactly_24_hours_left_is_within_24_hours() {
        let c = [case("2026-06-01 08:00", Some("2026-06-01 09:00"))];
        assert_eq!(rows_at(&c, "2026-06-03 09:00")[0].band, Band::Within24h);
        assert_eq!(rows_at(&c, "2026-06-03 08:59")[0].band, Band::Later);
    }

    #[test]
    fn due_on_christmas_day_is_flagged() {
        let rows = rows_at(&[case("2026-12-21 10:00", Some("2026-12-22 10:00"))], "2026-12-23 10:00");
        assert_eq!(iso_local(rows[0].due_at), "2026-12-25T10:00:00+00:00");
        assert!(rows[0].has(ChaseFlag::DueOnNonWorkingDay));
    }

    #[test]
    fn due_on_a_weekday_that_is_not_a_holiday_is_not_flagged() {
        let rows = rows_at(&[case("2026-11-23 10:00", Some("2026-11-23 12:00"))], "2026-11-24 10:00");
        assert_eq!(iso_local(rows[0].due_at), "2026-11-26T12:00:00+00:00");
        assert!(!rows[0].has(ChaseFlag::DueOnNonWorkingDay));
    }

    #[test]
    fn the_due_day_is_the_uk_date_not_the_utc_date() {
        // Due 00:30 BST on Saturday 6 June 2026 = 23:30 UTC on Friday the 5th.
        let rows = rows_at(&[case("2026-06-02 20:00", Some("2026-06-03 00:30"))], "2026-06-04 10:00");
        assert!(rows[0].has(ChaseFlag::DueOnNonWorkingDay));
    }

    #[test]
    fn no_worker_is_flagged_until_one_is_assigned() {
        let mut c = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        assert!(rows_at(std::slice::from_ref(&c), "2026-06-02 09:00")[0].has(ChaseFlag::NoWorker));
        c.interview.worker = Some("  ".into());
        assert!(rows_at(std::slice::from_ref(&c), "2026-06-02 09:00")[0].has(ChaseFlag::NoWorker));
        c.interview.worker = Some("Sam Worker".into());
        assert!(!rows_at(&[c], "2026-06-02 09:00")[0].has(ChaseFlag::NoWorker));
    }

    #[test]
    fn missing_again_is_flagged_only_for_an_episode_after_this_return() {
        let mut c = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        c.child_missing_since = Some(at("2026-06-02 22:00"));
        assert!(rows_at(std::slice::from_ref(&c), "2026-06-03 09:00")[0].has(ChaseFlag::MissingAgain));
        // Not yet missing again as of an earlier "now".
        assert!(!rows_at(std::slice::from_ref(&c), "2026-06-02 21:00")[0].has(ChaseFlag::MissingAgain));
        c.child_missing_since = Some(at("2026-05-30 22:00"));
        assert!(!rows_at(&[c], "2026-06-03 09:00")[0].has(ChaseFlag::MissingAgain));
    }

    #[test]
    fn completed_not_required_absent_and_still_missing_are_left_off() {
        let mut done = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        done.interview.completed_at = Some(at("2026-06-02 09:00"));
        let mut not_required = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        not_required.interview.outcome = Some(RiOutcome::NotRequired);
        let mut absent = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        absent.interview.required = false;
        let still_missing = case("2026-06-01 08:00", None);
        let rows = rows_at(&[done.clone(), not_required, absent, still_missing], "2026-06-03 09:00");
        assert!(rows.is_empty());
        // As of a moment before the completion, the interview was still outstanding.
        assert_eq!(rows_at(&[done], "2026-06-02 08:00").len(), 1);
    }

    #[test]
    fn a_return_after_now_has_not_happened_yet() {
        let c = case("2026-06-01 08:00", Some("2026-06-05 09:00"));
        assert!(rows_at(std::slice::from_ref(&c), "2026-06-04 09:00").is_empty());
        assert_eq!(rows_at(&[c], "2026-06-05 09:00").len(), 1);
    }

    #[test]
    fn a_placed_in_childs_interview_names_the_placing_authority_and_counts_apart() {
        let mut ours = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        ours.episode.episode_ref = "ours".into();
        let mut theirs = ours.clone();
        theirs.episode.episode_ref = "theirs".into();
        theirs.episode.at_the_time.cohort = Cohort::PlacedIn;
        theirs.episode.at_the_time.responsible_la = "Southby".into();
        let mut out_of_area = ours.clone();
        out_of_area.episode.episode_ref = "ooa".into();
        out_of_area.episode.at_the_time.cohort = Cohort::OutOfArea;
        let rows = rows_at(&[ours, theirs, out_of_area], "2026-06-05 10:00");
        let placing: Vec<(&str, Option<&str>)> =
            rows.iter().map(|r| (r.episode_ref.as_str(), r.placing_la.as_deref())).collect();
        assert_eq!(placing, [("ooa", None), ("ours", None), ("theirs", Some("Southby"))]);
        let split = split_band_counts(&rows);
        assert_eq!(split.all, BandCounts { overdue: 3, within_24h: 0, later: 0 });
        assert_eq!(split.placing, BandCounts { overdue: 1, within_24h: 0, later: 0 });
    }

    #[test]
    fn most_overdue_comes_first_and_bands_are_counted() {
        let mut a = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        a.episode.episode_ref = "A".into();
        let mut b = case("2026-05-20 08:00", Some("2026-05-20 09:00"));
        b.episode.episode_ref = "B".into();
        let mut c = case("2026-06-05 08:00", Some("2026-06-05 09:00"));
        c.episode.episode_ref = "C".into();
        let rows = rows_at(&[a, b, c], "2026-06-05 10:00");
        let order: Vec<&str> = rows.iter().map(|r| r.episode_ref.as_str()).collect();
        assert_eq!(order, ["B", "A", "C"]);
        assert_eq!(band_counts(&rows), BandCounts { overdue: 2, within_24h: 0, later: 1 });
    }
}
