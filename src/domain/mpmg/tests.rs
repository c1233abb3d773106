//! The month's rules at their edges, on synthetic children.

use super::*;
use crate::domain::codes::{CaseStatus, Cohort, ReviewReason};
use crate::domain::testkit::{at, case};
use std::convert::Infallible;

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).expect("month")
}

/// An episode of child `person` ("Child {person}"), not looked after.
fn ep(person: &str, episode: &str, missing: &str, returned: Option<&str>) -> CaseEpisode {
    let mut c = case(missing, returned);
    c.person_ref = person.into();
    c.name = format!("Child {person}");
    c.episode.episode_ref = episode.into();
    c
}

fn in_care(mut c: CaseEpisode) -> CaseEpisode {
    c.episode.at_the_time.case_status = CaseStatus::ChildInCare;
    c
}

fn named(mut c: CaseEpisode, name: &str) -> CaseEpisode {
    c.name = name.into();
    c
}

/// `n` one-hour episodes of `person`, a day apart from `first_day` of October 2026.
fn episodes(person: &str, n: u32, first_day: u32) -> Vec<CaseEpisode> {
    (0..n)
        .map(|i| {
            let day = first_day + i;
            let start = format!("2026-10-{day:02} 10:00");
            let end = format!("2026-10-{day:02} 11:00");
            ep(person, &format!("{person}-{i}"), &start, Some(end.as_str()))
        })
        .collect()
}

fn month_with(cases: &[CaseEpisode], month: &str, now: &str, settings: &MpmgSettings) -> MpmgMonth {
    let starts: Vec<EpisodeStart> = cases.iter().map(EpisodeStart::from).collect();
    let history = |person: &str| {
        Ok::<_, Infallible>(cases.iter().filter(|c| c.person_ref == person).map(|c| c.episode.missing_at).collect())
    };
    match mpmg_month(cases, &starts, ym(month), at(now), settings, history) {
        Ok(m) => m,
        Err(never) => match never {},
    }
}

fn month(cases: &[CaseEpisode], month: &str, now: &str) -> MpmgMonth {
    month_with(cases, month, now, &MpmgSettings::default())
}

fn refs<'a>(rows: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    rows.into_iter().collect()
}

#[test]
fn exactly_three_episodes_put_a_child_in_two_do_not() {
    let cases = [episodes("A", 3, 1), episodes("B", 2, 1)].concat();
    let m = month(&cases, "2026-10", "2026-11-10 12:00");
    assert_eq!(refs(m.cohort.iter().map(|r| r.person_ref.as_str())), ["A"]);
    assert_eq!(m.cohort[0].review_reasons, [ReviewReason::ThreeOrMore]);
    assert_eq!((m.cohort[0].episodes, m.cohort[0].hours_missing), (3, 3));
    assert_eq!(refs(m.top10.iter().map(|r| r.person_ref.as_str())), ["A", "B"]);
}

#[test]
fn the_month_threshold_is_a_setting() {
    let cases = [episodes("A", 3, 1), episodes("B", 4, 1)].concat();
    let settings = MpmgSettings { month_threshold: 4, ..MpmgSettings::default() };
    let m = month_with(&cases, "2026-10", "2026-11-10 12:00", &settings);
    assert_eq!(refs(m.cohort.iter().map(|r| r.person_ref.as_str())), ["B"]);
}

#[test]
fn an_episode_belongs_to_the_uk_month_it_started_in() {
    // 23:59 on 31 October is October (GMT by then: the clocks went back on
    // the 25th); 00:00 on 1 November is November.
    let mut late = episodes("A", 2, 1);
    late.push(ep("A", "A-late", "2026-10-31 23:59", Some("2026-11-01 01:00")));
    let mut early = episodes("B", 2, 1);
    early.push(ep("B", "B-nov", "2026-11-01 00:00", Some("2026-11-01 01:00")));
    let cases = [late, early].concat();
    let october = month(&cases, "2026-10", "2026-11-10 12:00");
    assert_eq!(refs(october.cohort.iter().map(|r| r.person_ref.as_str())), ["A"]);
    assert_eq!(october.top10[0].last_missing_at, at("2026-10-31 23:59"));
    assert_eq!(october.top10[1].episodes, 2);
    let november = month(&cases, "2026-11", "2026-11-10 12:00");
    assert_eq!(refs(november.top10.iter().map(|r| r.person_ref.as_str())), ["B"]);
}

#[test]
fn midnight_bst_on_the_1st_is_the_new_month_though_utc_is_still_the_old_one() {
    // 00:00 BST on 1 October is 23:00 UTC on 30 September.
    let mut a = episodes("A", 2, 10);
    a.push(ep("A", "A-first", "2026-10-01 00:00", Some("2026-10-01 02:00")));
    let mut b = episodes("B", 2, 10);
    b.push(ep("B", "B-sept", "2026-09-30 23:59", Some("2026-10-01 02:00")));
    let m = month(&[a, b].concat(), "2026-10", "2026-11-10 12:00");
    assert_eq!(refs(m.cohort.iter().map(|r| r.person_ref.as_str())), ["A"]);
    assert_eq!(m.cohort[0].hours_missing, 4);
}

#[test]
fn a_child_taken_into_care_mid_month_is_reviewed_for_the_episode_in_care() {
    let before = ep("A", "A1", "2026-10-05 20:00", Some("2026-10-06 02:00"));
    let after = in_care(ep("A", "A2", "2026-10-20 20:00", Some("2026-10-21 02:00")));
    let cases = [before.clone(), after];
    // As of the 15th only the episode before care had happened: not reviewed.
    assert!(month(&cases, "2026-10", "2026-10-15 12:00").cohort.is_empty());
    let m = month(&cases, "2026-10", "2026-11-10 12:00");
    assert_eq!(m.cohort.len(), 1);
    let row = &m.cohort[0];
    assert_eq!((row.episodes, row.hours_missing, row.case_status), (2, 12, CaseStatus::ChildInCare));
    assert_eq!(row.review_reasons, [ReviewReason::InCare]);
    // Leaving care later in the month: still reviewed, shown with the latest status.
    let left = ep("A", "A3", "2026-10-28 20:00", Some("2026-10-28 21:00"));
    let m = month(
        &[before, in_care(ep("A", "A2", "2026-10-20 20:00", Some("2026-10-21 02:00"))), left],
        "2026-10",
        "2026-11-10 12:00",
    );
    assert_eq!((m.cohort[0].case_status, m.cohort[0].episodes), (CaseStatus::ChildInNeed, 3));
    assert_eq!(m.cohort[0].review_reasons, [ReviewReason::InCare, ReviewReason::ThreeOrMore]);
}

#[test]
fn one_episode_in_care_is_enough_and_every_cohort_is_reviewed() {
    let mut placed_in = in_care(ep("P", "P1", "2026-10-14 22:00", Some("2026-10-15 09:00")));
    placed_in.episode.at_the_time.cohort = Cohort::PlacedIn;
    let mut away = in_care(ep("O", "O1", "2026-10-16 22:00", Some("2026-10-17 01:00")));
    away.episode.at_the_time.cohort = Cohort::OutOfArea;
    let m = month(&[placed_in, away], "2026-10", "2026-11-10 12:00");
    let got: Vec<(&str, Cohort, i64)> =
        m.cohort.iter().map(|r| (r.person_ref.as_str(), r.cohort, r.hours_missing)).collect();
    assert_eq!(got, [("P", Cohort::PlacedIn, 11), ("O", Cohort::OutOfArea, 3)]);
    assert!(m.cohort.iter().all(|r| r.review_reasons == [ReviewReason::InCare]));
}

#[test]
fn ties_go_to_more_episodes_then_more_hours_then_the_most_recent_then_the_name() {
    let two = |person: &str, first: (&str, &str), second: (&str, &str)| {
        vec![
            ep(person, &format!("{person}1"), first.0, Some(first.1)),
            ep(person, &format!("{person}2"), second.0, Some(second.1)),
        ]
    };
    let cases = [
        // Three short episodes beat two long ones.
        episodes("P", 3, 1),
        // 11 hours, the oldest last episode: more hours beats more recent.
        two("Q", ("2026-10-02 10:00", "2026-10-02 16:00"), ("2026-10-05 10:00", "2026-10-05 15:00")),
        // 10h 01m and 10h 59m are both 10 whole hours: the more recent goes first.
        two("R", ("2026-10-03 10:00", "2026-10-03 15:00"), ("2026-10-30 10:00", "2026-10-30 15:01")),
        two("S", ("2026-10-03 10:00", "2026-10-03 15:29"), ("2026-10-20 12:00", "2026-10-20 17:30")),
        // Same episodes, hours and last start as S: by name, Ann before Cal.
        two("T", ("2026-10-04 10:00", "2026-10-04 15:00"), ("2026-10-20 12:00", "2026-10-20 17:30")),
    ]
    .concat();
    let cases: Vec<CaseEpisode> = cases
        .into_iter()
        .map(|c| match c.person_ref.as_str() {
            "S" => named(c, "Cal Tie"),
            "T" => named(c, "ann Tie"),
            _ => c,
        })
        .collect();
    let m = month(&cases, "2026-10", "2026-11-10 12:00");
    let got: Vec<(usize, &str, u64, i64)> =
        m.top10.iter().map(|r| (r.rank, r.person_ref.as_str(), r.episodes, r.hours_missing)).collect();
    assert_eq!(got, [(1, "P", 3, 3), (2, "Q", 2, 11), (3, "R", 2, 10), (4, "T", 2, 10), (5, "S", 2, 10)]);
    assert_eq!(m.top10[3].last_missing_at, m.top10[4].last_missing_at);
}

#[test]
fn the_top_n_is_a_setting_and_cuts_after_the_ties_are_broken() {
    let cases: Vec<CaseEpisode> = (1..=12).flat_map(|i| episodes(&format!("K{i:02}"), 1, i)).collect();
    let m = month(&cases, "2026-10", "2026-11-10 12:00");
    assert_eq!(m.top10.len(), 10);
    assert_eq!(m.top10.iter().map(|r| r.rank).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    // All one hour long: the most recent first, so the two earliest fall off.
    assert_eq!((m.top10[0].person_ref.as_str(), m.top10[9].person_ref.as_str()), ("K12", "K03"));
    let three = month_with(&cases, "2026-10", "2026-11-10 12:00", &MpmgSettings { top_n: 3, ..Default::default() });
    assert_eq!(refs(three.top10.iter().map(|r| r.person_ref.as_str())), ["K12", "K11", "K10"]);
    let none = month_with(&cases, "2026-10", "2026-11-10 12:00", &MpmgSettings { top_n: 0, ..Default::default() });
    assert!(none.top10.is_empty());
}

#[test]
fn an_open_episode_counts_to_the_end_of_the_month_or_now_if_earlier() {
    let open = [in_care(ep("A", "A1", "2026-10-30 12:00", None))];
    // To midnight on 1 November (GMT): 36 hours.
    assert_eq!(month(&open, "2026-10", "2026-11-10 12:00").cohort[0].hours_missing, 36);
    // As of midnight on the 31st, 12 hours so far.
    assert_eq!(month(&open, "2026-10", "2026-10-31 00:00").cohort[0].hours_missing, 12);
    let back_later = [in_care(ep("A", "A1", "2026-10-30 12:00", Some("2026-11-05 12:00")))];
    // Not back by 2 November: still open then, so measured to the month's end.
    assert_eq!(month(&back_later, "2026-10", "2026-11-02 12:00").cohort[0].hours_missing, 36);
    // Once back, the whole episode counts: returned minus started.
    assert_eq!(month(&back_later, "2026-10", "2026-11-10 12:00").cohort[0].hours_missing, 144);
}

#[test]
fn hours_are_real_hours_across_the_autumn_clock_change() {
    // 00:00 BST to 12:00 GMT on 25 October 2026 is 13 hours.
    let m =
        month(&[in_care(ep("A", "A1", "2026-10-25 00:00", Some("2026-10-25 12:00")))], "2026-10", "2026-11-10 12:00");
    assert_eq!(m.cohort[0].hours_missing, 13);
}

#[test]
fn hours_are_summed_before_taking_whole_hours() {
    // Two episodes of 1h 30m: 3 hours, not 1 + 1.
    let cases = [
        ep("A", "A1", "2026-10-02 10:00", Some("2026-10-02 11:30")),
        ep("A", "A2", "2026-10-03 10:00", Some("2026-10-03 11:30")),
    ];
    assert_eq!(month(&cases, "2026-10", "2026-11-10 12:00").top10[0].hours_missing, 3);
}

#[test]
fn an_episode_after_now_has_not_happened_yet() {
    let cases = episodes("A", 3, 1);
    let m = month(&cases, "2026-10", "2026-10-03 09:59");
    assert!(m.cohort.is_empty());
    assert_eq!((m.top10[0].episodes, m.top10[0].last_missing_at), (2, at("2026-10-02 10:00")));
}

#[test]
fn the_sparkline_is_the_twelve_months_to_the_list_month() {
    let mut cases = episodes("A", 2, 1);
    cases.push(ep("A", "A-sep", "2026-09-30 23:59", Some("2026-10-01 00:30")));
    cases.push(ep("A", "A-year", "2025-11-01 00:00", Some("2025-11-01 01:00")));
    cases.push(ep("A", "A-old", "2025-10-31 23:59", Some("2025-11-01 00:30")));
    cases.push(ep("A", "A-nov", "2026-11-02 10:00", Some("2026-11-02 11:00")));
    let m = month(&cases, "2026-10", "2026-11-10 12:00");
    assert_eq!(m.top10[0].sparkline, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
    assert_eq!(m.top10[0].sparkline.len(), SPARKLINE_MONTHS);
}

#[test]
fn persistently_missing_is_three_in_the_financial_quarter_of_the_month() {
    // 2025-26 Q4 ends at midnight on 1 April 2026 (BST by then).
    let a = [
        ep("A", "A1", "2026-01-10 10:00", Some("2026-01-10 11:00")),
        ep("A", "A2", "2026-02-10 10:00", Some("2026-02-10 11:00")),
        ep("A", "A3", "2026-03-31 23:59", Some("2026-04-01 01:00")),
    ];
    let b = [
        ep("B", "B1", "2026-01-10 10:00", Some("2026-01-10 11:00")),
        ep("B", "B2", "2026-02-10 10:00", Some("2026-02-10 11:00")),
        ep("B", "B3", "2026-04-01 00:00", Some("2026-04-01 01:00")),
    ];
    let cases = [&a[..], &b[..]].concat();
    let march = month(&cases, "2026-03", "2026-05-01 12:00");
    assert_eq!(march.quarter.label(), "2025-26 Q4");
    let got: Vec<(&str, u64)> = march.persistent_quarter.iter().map(|r| (r.person_ref.as_str(), r.episodes)).collect();
    assert_eq!(got, [("A", 3)]);
    // January is in the same quarter, and the list covers the whole quarter as of now.
    assert_eq!(month(&cases, "2026-01", "2026-05-01 12:00").persistent_quarter, march.persistent_quarter);
    assert!(month(&cases, "2026-04", "2026-05-01 12:00").persistent_quarter.is_empty());
    // As of before A's third episode, A was not yet persistently missing.
    assert!(month(&cases, "2026-03", "2026-03-31 12:00").persistent_quarter.is_empty());
}

#[test]
fn persistent_rows_go_by_episodes_then_name_and_the_threshold_is_a_setting() {
    let cases = [
        episodes("A", 3, 1).into_iter().map(|c| named(c, "Zed Three")).collect::<Vec<_>>(),
        episodes("B", 4, 10).into_iter().map(|c| named(c, "Yan Four")).collect(),
        episodes("C", 3, 20).into_iter().map(|c| named(c, "Abe Three")).collect(),
        episodes("D", 2, 1),
    ]
    .concat();
    let m = month(&cases, "2026-10", "2026-11-10 12:00");
    let got: Vec<(&str, u64)> = m.persistent_quarter.iter().map(|r| (r.name.as_str(), r.episodes)).collect();
    assert_eq!(got, [("Yan Four", 4), ("Abe Three", 3), ("Zed Three", 3)]);
    let four = MpmgSettings { quarter_threshold: 4, ..Default::default() };
    assert_eq!(month_with(&cases, "2026-10", "2026-11-10 12:00", &four).persistent_quarter.len(), 1);
}

#[test]
fn the_month_serialises_to_the_interface_shape_in_order() {
    let mut c = in_care(ep("A", "A1", "2026-10-14 22:00", Some("2026-10-15 09:00")));
    c.name = "Dee Once".into();
    let m = month(&[c], "2026-10", "2026-11-10 12:00");
    let json = serde_json::to_string(&m).expect("json");
    assert_eq!(
        json,
        concat!(
            r#"{"month":"2026-10","cohort":[{"person_ref":"A","name":"Dee Once","episodes":1,"hours_missing":11,"#,
            r#""case_status":"child_in_care","review_reasons":["in_care"]}],"top10":[{"rank":1,"person_ref":"A","#,
            r#""name":"Dee Once","episodes":1,"hours_missing":11,"last_missing_at":"2026-10-14T22:00:00+01:00"}],"#,
            r#""persistent_quarter":[]}"#
        )
    );
    let top = serde_json::to_value(&m.top10[0]).expect("json");
    let keys: Vec<&str> = top.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, TOP10_COLUMNS);
}
