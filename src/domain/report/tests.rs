//! The report's rules at their edges, on synthetic episodes.

use super::*;
use crate::domain::codes::{CaseStatus, Cohort, LengthBand, MeetingRecord, RiOutcome};
use crate::domain::period::{FinancialYear, Quarter, YearMonth};
use crate::domain::record::{CaseEpisode, StrategyMeeting};
use crate::domain::testkit::{at, case};
use crate::domain::time::Instant;

fn child(person: &str, episode: &str, missing: &str, returned: Option<&str>) -> CaseEpisode {
    let mut c = case(missing, returned);
    c.person_ref = person.into();
    c.name = format!("Child {person}");
    c.episode.episode_ref = episode.into();
    c
}

fn quarter(text: &str) -> ReportPeriod {
    ReportPeriod::Quarter(Quarter::parse(text).expect("quarter"))
}

/// Episodes, year-before starts and children with earlier episodes, as the
/// store would hand them over, read as of a moment.
#[derive(Default)]
struct Data {
    cases: Vec<CaseEpisode>,
    starts: Vec<(&'static str, Cohort, &'static str)>,
    had_earlier: Vec<&'static str>,
}

impl Data {
    fn at(&self, now: Instant) -> ReportInput {
        let mut input = ReportInput::new(now, ReportSettings::default().rules);
        self.cases.iter().for_each(|c| input.add_case(c));
        self.starts.iter().for_each(|(p, cohort, t)| input.add_start(p, *cohort, at(t)));
        self.had_earlier.iter().for_each(|p| input.mark_had_earlier(p));
        input
    }
}

fn input(cases: Vec<CaseEpisode>) -> Data {
    Data { cases, ..Data::default() }
}

#[test]
fn bands_have_exact_edges() {
    assert_eq!(length_band(0), LengthBand::UpTo12h);
    assert_eq!(length_band(12 * 60 - 1), LengthBand::UpTo12h);
    assert_eq!(length_band(12 * 60), LengthBand::UpTo24h);
    assert_eq!(length_band(24 * 60), LengthBand::UpTo48h);
    assert_eq!(length_band(48 * 60), LengthBand::UpTo72h);
    assert_eq!(length_band(72 * 60 - 1), LengthBand::UpTo72h);
    assert_eq!(length_band(72 * 60), LengthBand::From72h);
}

#[test]
fn percentages_have_one_decimal_and_none_of_nothing() {
    assert_eq!(percent(2, 3), Some(66.7));
    assert_eq!(percent(1, 3), Some(33.3));
    assert_eq!(percent(1, 8), Some(12.5));
    assert_eq!(percent(1, 16), Some(6.3), "6.25 rounds half up");
    assert_eq!(percent(0, 5), Some(0.0));
    assert_eq!(percent(0, 0), None);
}

#[test]
fn an_episode_belongs_to_the_quarter_it_started_in() {
    // Started 23:30 on 31 December, back in January: Q3's, not Q4's.
    let data = input(vec![child("A", "A1", "2016-12-31 23:30", Some("2017-01-01 02:00"))]);
    let now = at("2017-06-01 09:00");
    let q3 = figures(&data.at(now), quarter("2016-17 Q3"), &ReportSettings::default());
    let q4 = figures(&data.at(now), quarter("2016-17 Q4"), &ReportSettings::default());
    assert_eq!((q3.totals.episodes, q4.totals.episodes), (1, 0));
}

#[test]
fn an_open_episode_is_measured_to_the_period_end_or_now_if_earlier() {
    let data = input(vec![child("A", "A1", "2017-03-30 12:00", None)]);
    let settings = ReportSettings::default();
    let band = |now: &str| {
        let f = figures(&data.at(at(now)), quarter("2016-17 Q4"), &settings);
        f.length_bands.iter().find(|b| b.episodes == 1).map(|b| b.band)
    };
    // To the quarter's end (midnight on 1 April BST): 35 hours.
    assert_eq!(band("2017-06-01 09:00"), Some(LengthBand::UpTo48h));
    // As of 23:59 on 30 March, under 12 hours.
    assert_eq!(band("2017-03-30 23:59"), Some(LengthBand::UpTo12h));
}

#[test]
fn a_child_whose_status_changed_counts_under_each() {
    let mut first = child("A", "A1", "2016-04-05 10:00", Some("2016-04-05 12:00"));
    first.episode.at_the_time.case_status = CaseStatus::ChildInNeed;
    let mut second = child("A", "A2", "2016-05-05 10:00", Some("2016-05-05 12:00"));
    second.episode.at_the_time.case_status = CaseStatus::ChildInCare;
    second.episode.at_the_time.cse_strategy = true;
    first.episode.at_the_time.cce_risk = true;
    let f = figures(
        &input(vec![first, second]).at(at("2017-01-01 00:00")),
        quarter("2016-17 Q1"),
        &ReportSettings::default(),
    );
    let row = &f.case_status_by_quarter[0];
    let of = |s: CaseStatus| row.by_status[CaseStatus::ALL.iter().position(|x| *x == s).expect("status")];
    assert_eq!(
        (row.individuals, of(CaseStatus::ChildInNeed), of(CaseStatus::ChildInCare), row.cse, row.cce),
        (1, 1, 1, 1, 1)
    );
    assert_eq!(of(CaseStatus::NotOpen), 0);
}

#[test]
fn out_of_area_children_are_not_in_the_main_counts_but_are_in_the_splits() {
    let mut ooa = child("O", "O1", "2016-04-05 10:00", Some("2016-04-05 12:00"));
    ooa.episode.at_the_time.cohort = Cohort::OutOfArea;
    let mut placed = child("P", "P1", "2016-04-06 10:00", Some("2016-04-06 12:00"));
    placed.episode.at_the_time.cohort = Cohort::PlacedIn;
    placed.episode.at_the_time.responsible_la = "Southby".into();
    let now = at("2016-05-01 00:00");
    let f = figures(&input(vec![ooa, placed]).at(now), quarter("2016-17 Q1"), &ReportSettings::default());
    assert_eq!((f.totals.individuals, f.totals.episodes), (1, 1), "the placed-in child only");
    assert_eq!((f.out_of_area.individuals, f.out_of_area.episodes), (1, 1));
    // Both interviews went unheld past their deadline: required, not in time.
    let ri = &f.return_interviews.by_cohort;
    assert_eq!((ri.local.required, ri.out_of_area.required, ri.placed_in.required, ri.all.required), (0, 1, 1, 2));
    assert_eq!(ri.all.percent, Some(0.0));
    assert_eq!(ri.local.percent, None);
    assert_eq!(f.placed_in.children[0].responsible_la, "Southby");
    assert_eq!(f.placed_in.children[0].interviews.overdue, 1);
}

#[test]
fn an_interview_at_exactly_72_hours_is_in_time_a_minute_later_is_late_and_one_not_due_is_not_counted() {
    let back = "2016-06-01 09:00";
    let mut on_time = child("A", "A1", "2016-06-01 08:00", Some(back));
    on_time.interview.completed_at = Some(at("2016-06-04 09:00"));
    on_time.interview.outcome = Some(RiOutcome::FaceToFace);
    let mut late = child("B", "B1", "2016-06-01 08:00", Some(back));
    late.interview.completed_at = Some(at("2016-06-04 09:01"));
    late.interview.outcome = Some(RiOutcome::FaceToFace);
    let waiting = child("C", "C1", "2016-06-01 08:00", Some(back));
    let settings = ReportSettings::default();
    let data = input(vec![on_time, late, waiting]);
    // At the deadline itself: A's is done in time; B's (done a minute later)
    // and C's are not yet past their deadline, so not counted.
    let f = figures(&data.at(at("2016-06-04 09:00")), quarter("2016-17 Q1"), &settings);
    let all = f.return_interviews.by_cohort.all;
    assert_eq!((all.required, all.in_time, all.percent), (1, 1, Some(100.0)));
    // A minute later, B's is late and C's overdue: both required, not in time.
    let f = figures(&data.at(at("2016-06-04 09:01")), quarter("2016-17 Q1"), &settings);
    let all = f.return_interviews.by_quarter[0].by_cohort.all;
    assert_eq!((all.required, all.in_time, all.percent), (3, 1, Some(33.3)));
}

#[test]
fn strategy_meetings_are_due_from_72_hours_and_classified_by_the_lists_rules() {
    let mut held = child("A", "A1", "2016-06-01 08:00", Some("2016-06-05 08:00"));
    held.meeting = StrategyMeeting { record: Some(MeetingRecord::Held), meeting_at: Some(at("2016-06-04 08:00")) };
    let mut late = child("B", "B1", "2016-06-01 08:00", Some("2016-06-05 08:00"));
    late.meeting = StrategyMeeting { record: Some(MeetingRecord::Held), meeting_at: Some(at("2016-06-04 08:01")) };
    let mut found = child("C", "C1", "2016-06-01 08:00", Some("2016-06-04 08:00"));
    found.meeting.record = Some(MeetingRecord::NotNeeded);
    let short = child("D", "D1", "2016-06-01 08:00", Some("2016-06-04 07:59"));
    let open = child("E", "E1", "2016-06-10 08:00", None);
    let data = input(vec![held, late, found, short, open]);
    let f = figures(&data.at(at("2016-06-13 08:00")), quarter("2016-17 Q1"), &ReportSettings::default());
    let m = f.strategy_meetings.by_cohort.all;
    // D was found a minute short of 72 hours; E reached 72 hours just now.
    assert_eq!((m.due, m.held_in_time, m.held_late, m.found_before, m.not_held), (4, 1, 1, 1, 1));
}

#[test]
fn one_off_and_persistent_shares() {
    let mut cases = vec![child("A", "A1", "2016-04-02 10:00", Some("2016-04-02 11:00"))];
    for (i, day) in ["2016-04-03", "2016-05-03", "2016-06-03"].iter().enumerate() {
        cases.push(child("B", &format!("B{i}"), &format!("{day} 10:00"), Some(&format!("{day} 11:00"))));
    }
    // C: three in the year, but one per quarter: not persistent.
    for (i, day) in ["2016-06-20", "2016-07-20", "2016-10-20"].iter().enumerate() {
        cases.push(child("C", &format!("C{i}"), &format!("{day} 10:00"), Some(&format!("{day} 11:00"))));
    }
    let data = input(cases);
    let year = ReportPeriod::Year(FinancialYear(2016));
    let f = figures(&data.at(at("2017-06-01 00:00")), year, &ReportSettings::default());
    assert_eq!((f.one_off_individuals, f.one_off_percent), (1, Some(33.3)));
    assert_eq!((f.persistent_individuals, f.persistent_percent), (1, Some(33.3)));
}

#[test]
fn first_time_missing_is_the_childs_first_episode_ever() {
    let old = child("A", "A0", "2016-03-01 10:00", Some("2016-03-01 11:00"));
    let again = child("A", "A1", "2016-05-01 10:00", Some("2016-05-01 11:00"));
    let new = child("B", "B1", "2016-05-02 10:00", Some("2016-05-02 11:00"));
    let mut earlier_child = child("C", "C1", "2016-05-03 10:00", Some("2016-05-03 11:00"));
    earlier_child.episode.missing_from = crate::domain::codes::MissingFrom::Foster;
    let mut data = input(vec![old, again, new, earlier_child]);
    // C had an episode before anything the store read.
    data.had_earlier.push("C");
    let f = figures(&data.at(at("2017-01-01 00:00")), quarter("2016-17 Q1"), &ReportSettings::default());
    let n: Vec<u64> = f.first_time_by_location.iter().map(|r| r.individuals).collect();
    assert_eq!(n, [1, 0, 0, 0, 0], "B alone, from home");
}

#[test]
fn months_compare_with_the_same_month_a_year_before() {
    let now = at("2026-11-01 00:00");
    let mut data = input(vec![child("A", "A1", "2026-10-31 23:59", Some("2026-11-01 00:30"))]);
    data.starts.push(("B", Cohort::Local, "2025-10-01 00:00"));
    data.starts.push(("C", Cohort::OutOfArea, "2025-10-02 00:00"));
    let month = ReportPeriod::Month(YearMonth::parse("2026-10").expect("month"));
    let f = figures(&data.at(now), month, &ReportSettings::default());
    let row = &f.by_month[0];
    assert_eq!((row.episodes, row.episodes_prior_year, row.individuals_prior_year), (1, 1, 1));
}

#[test]
fn the_spans_read_cover_both_periods_and_the_years_before_without_overlap() {
    let year = ReportPeriod::Year(FinancialYear(2016));
    let spans = read_spans(year);
    assert_eq!(spans.cases, (at("2015-04-01 00:00"), at("2017-04-01 00:00")));
    assert_eq!(spans.starts, Some((at("2014-04-01 00:00"), at("2015-04-01 00:00"))));
    let month = ReportPeriod::Month(YearMonth::parse("2026-10").expect("month"));
    let spans = read_spans(month);
    assert_eq!(spans.cases, (at("2026-09-01 00:00"), at("2026-11-01 00:00")));
    assert_eq!(spans.starts, Some((at("2025-09-01 00:00"), at("2025-11-01 00:00"))));
}

#[test]
fn a_childs_name_comes_from_their_episodes_whichever_is_read_first() {
    let mut placed = child("P", "P1", "2016-04-06 10:00", Some("2016-04-06 12:00"));
    placed.episode.at_the_time.cohort = Cohort::PlacedIn;
    let mut input = ReportInput::new(at("2016-05-01 00:00"), ReportSettings::default().rules);
    input.add_start("P", Cohort::PlacedIn, at("2015-04-06 10:00"));
    input.add_case(&placed);
    let f = figures(&input, quarter("2016-17 Q1"), &ReportSettings::default());
    assert_eq!(f.placed_in.children[0].name, "Child P");
    assert_eq!(f.by_month[0].episodes_prior_year, 1);
}

/// The monthly performance list for October 2026, every figure known: the
/// month's first and last minutes, an interview held at exactly 72 hours,
/// one late, one overdue, one not yet due, one child still missing, one not
/// required; an episode of 1 November belongs to November.
#[test]
fn the_monthly_performance_list_counts_every_figure_by_cohort() {
    use super::monthly::{OutstandingCount, performance};
    use crate::domain::chase::chase_rows;
    use crate::domain::holidays::BankHolidays;

    let cohort = |mut c: CaseEpisode, cohort: Cohort| {
        c.episode.at_the_time.cohort = cohort;
        c
    };
    let held = |mut c: CaseEpisode, when: &str| {
        c.interview.completed_at = Some(at(when));
        c.interview.outcome = Some(RiOutcome::FaceToFace);
        c
    };
    let mut not_required = child("F", "F1", "2026-10-20 12:00", Some("2026-10-20 15:00"));
    not_required.interview.required = false;
    let mut data = input(vec![
        // Back at 10:00 on the 1st; held at 10:00 on the 4th, exactly 72 hours: in time.
        held(child("A", "A1", "2026-10-01 00:00", Some("2026-10-01 10:00")), "2026-10-04 10:00"),
        // Across the clocks going back (25 October 2026), held days late.
        held(child("A", "A2", "2026-10-24 20:00", Some("2026-10-25 00:30")), "2026-11-02 09:00"),
        // The month's last minute, placed out of area, never held: overdue.
        cohort(child("B", "B1", "2026-10-31 23:59", Some("2026-11-01 02:00")), Cohort::OutOfArea),
        // November's first minute: not October's; outstanding from another month.
        cohort(child("C", "C1", "2026-11-01 00:00", Some("2026-11-01 05:00")), Cohort::PlacedIn),
        // Still missing: its interview is not yet due.
        child("D", "D1", "2026-10-15 08:00", None),
        // Back two days before now: outstanding, not yet overdue.
        child("E", "E1", "2026-10-30 09:00", Some("2026-11-08 12:00")),
        not_required,
        // The month before.
        child("G", "G1", "2026-09-30 23:00", Some("2026-10-01 01:00")),
    ]);
    data.starts.push(("H", Cohort::Local, "2025-10-10 10:00"));
    data.starts.push(("H", Cohort::Local, "2025-10-11 10:00"));
    data.starts.push(("I", Cohort::PlacedIn, "2025-10-31 23:30"));
    let now = at("2026-11-10 09:00");
    let rules = ReportSettings::default().rules;
    let chase = chase_rows(&data.cases, now, &rules, &BankHolidays::bundled());
    let month = YearMonth::parse("2026-10").expect("month");
    let p = performance(&data.at(now), month, 90, &chase, Vec::new());

    let a = p.activity;
    let pairs = |x: super::monthly::Activity| {
        (
            x.episodes,
            x.individuals,
            x.month_before.episodes,
            x.month_before.individuals,
            x.year_before.episodes,
            x.year_before.individuals,
        )
    };
    assert_eq!(pairs(a.local), (5, 4, 1, 1, 2, 1), "A twice, D, E, F; G in September; H twice a year before");
    assert_eq!(pairs(a.out_of_area), (1, 1, 0, 0, 0, 0));
    assert_eq!(pairs(a.placed_in), (0, 0, 0, 0, 1, 1), "C is November's; I was October 2025's");
    assert_eq!(pairs(a.all), (6, 5, 1, 1, 3, 2));

    let i = p.interviews;
    let counts = |t: super::monthly::Timeliness| {
        let c = t.counts;
        (c.required, c.in_time, c.late, c.overdue, c.not_yet_due, c.not_required, t.percent)
    };
    assert_eq!(counts(i.local), (2, 1, 1, 0, 2, 1, Some(50.0)));
    assert_eq!(counts(i.out_of_area), (1, 0, 0, 1, 0, 0, Some(0.0)));
    assert_eq!(counts(i.placed_in), (0, 0, 0, 0, 0, 0, None));
    assert_eq!(counts(i.all), (3, 1, 1, 1, 2, 1, Some(33.3)));

    let o = &p.outstanding;
    let count = |outstanding, overdue| OutstandingCount { outstanding, overdue };
    assert_eq!((o.month.local, o.month.out_of_area, o.month.placed_in), (count(1, 0), count(1, 1), count(0, 0)));
    assert_eq!(o.month.all, count(2, 1));
    // C (November) and G (September) were never held either.
    assert_eq!((o.other_months.local, o.other_months.placed_in), (count(1, 1), count(1, 1)));
    assert_eq!(o.other_months.all, count(2, 2));
    let refs: Vec<&str> = o.rows.iter().map(|r| r.episode_ref.as_str()).collect();
    assert_eq!(refs, ["B1", "E1"], "the month's, most overdue first; D is not back, C is November's");
    assert_eq!(p.target_percent, 90);
}
