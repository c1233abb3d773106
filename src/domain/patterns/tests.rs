//! A hand-built dataset where the answers are known: a group of four who go
//! missing together three times, a pair who overlap once by chance (and a
//! pair linked only once), a child whose episodes lengthen, a placement
//! whose episodes fall after prevention work.

use super::child::{TrendKind, child_pattern};
use super::hotspots::hotspots;
use super::prevention::{PreventionWork, TargetType, assess, windows};
use super::together::{Link, groups, links_between, occasions, often_with};
use super::*;
use crate::domain::codes::Reason;
use crate::domain::testkit::at;

fn ep(who: &str, eref: &str, from: &str, to: Option<&str>, placement: Option<&str>) -> PatternEpisode {
    PatternEpisode {
        person_ref: who.into(),
        name: format!("Child {who}"),
        episode_ref: eref.into(),
        missing_at: at(from),
        returned_at: to.map(at),
        missing_from: MissingFrom::LaHome,
        placement: placement.map(str::to_string),
        where_found: None,
        found_with: None,
        reasons: vec![],
        school: None,
    }
}

/// Four children (G1-G4) from The Gables, missing together three times;
/// P1 and P2 overlapping once from different homes (chance); L1 and L2
/// linked once, from the same home.
fn dataset() -> Vec<PatternEpisode> {
    let mut eps = Vec::new();
    for (n, (from, to)) in [
        ("2026-01-09 19:00", "2026-01-10 02:00"),
        ("2026-02-13 20:00", "2026-02-14 01:00"),
        ("2026-03-20 18:30", "2026-03-21 03:00"),
    ]
    .iter()
    .enumerate()
    {
        for (k, kid) in ["G1", "G2", "G3", "G4"].iter().enumerate() {
            // They leave a few minutes apart and come back at different times.
            let start = at(from) + chrono::TimeDelta::minutes(k as i64 * 10);
            let mut e =
                ep(kid, &format!("{kid}-{n}"), from, Some(to), Some(if k == 0 { "The Gables" } else { "gables" }));
            e.missing_at = start;
            eps.push(e);
        }
    }
    eps.push(ep("P1", "P1-0", "2026-02-01 10:00", Some("2026-02-01 18:00"), Some("Willows")));
    eps.push(ep("P2", "P2-0", "2026-02-01 12:00", Some("2026-02-01 20:00"), Some("Oaks")));
    eps.push(ep("L1", "L1-0", "2026-01-20 10:00", Some("2026-01-20 12:00"), Some("Birches")));
    eps.push(ep("L2", "L2-0", "2026-01-20 11:00", Some("2026-01-20 13:00"), Some("Birches")));
    // L1 and L2 again from Birches, but a day apart: no overlap, no link.
    eps.push(ep("L1", "L1-1", "2026-02-20 10:00", Some("2026-02-20 12:00"), Some("Birches")));
    eps.push(ep("L2", "L2-1", "2026-02-21 10:00", Some("2026-02-21 12:00"), Some("Birches")));
    eps
}

#[test]
fn four_who_go_missing_together_three_times_are_a_group_and_chance_is_not() {
    let now = at("2026-04-01 09:00");
    let found = groups(&dataset(), now, 2);
    assert_eq!(found.len(), 1, "{found:#?}");
    let g = &found[0];
    assert_eq!(g.refs(), ["G1", "G2", "G3", "G4"]);
    assert_eq!(g.times_together(), 3);
    assert_eq!(g.first_at(), at("2026-01-09 19:00"));
    assert_eq!(g.last_at(), at("2026-03-20 18:30"));
    assert!(g.occasions.iter().all(|o| o.episodes.len() == 4 && o.links == [Link::SamePlacement]));
    // The pair linked once (L1, L2) is an occasion but not a group; the pair
    // overlapping by chance (P1, P2) is not even an occasion.
    let all = occasions(&dataset(), now);
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(|o| o.episodes.iter().all(|e| !e.person_ref.starts_with('P'))));
    // At a setting of one occasion, L1 and L2 are a group too.
    assert_eq!(groups(&dataset(), now, 1).len(), 2);
    // And at four, nobody is.
    assert!(groups(&dataset(), now, 4).is_empty());
}

#[test]
fn a_member_is_often_missing_with_the_others() {
    let with = often_with("G2", &dataset(), at("2026-04-01 09:00"), 2);
    let refs: Vec<(&str, u32)> = with.iter().map(|(m, n)| (m.person_ref.as_str(), *n)).collect();
    assert_eq!(refs, [("G1", 3), ("G3", 3), ("G4", 3)]);
    assert!(often_with("P1", &dataset(), at("2026-04-01 09:00"), 2).is_empty());
}

#[test]
fn links_need_an_overlap_and_one_of_three_reasons() {
    let now = at("2026-04-01 09:00");
    let a = ep("A", "A1", "2026-01-01 10:00", Some("2026-01-01 20:00"), Some("Willows"));
    let mut b = ep("B", "B1", "2026-01-01 12:00", Some("2026-01-01 21:00"), Some("Oaks"));
    assert!(links_between(&a, &b, now).is_empty());
    // Found at the same place, within three hours of each other.
    let (mut a2, mut b2) = (a.clone(), b.clone());
    a2.where_found = Some("McDonald's, High St".into());
    b2.where_found = Some("mcdonalds high st".into());
    assert_eq!(links_between(&a2, &b2, now), [Link::FoundTogether]);
    b2.returned_at = Some(at("2026-01-01 23:01"));
    assert!(links_between(&a2, &b2, now).is_empty(), "more than 3 hours apart");
    b2.returned_at = Some(at("2026-01-01 23:00"));
    assert_eq!(links_between(&a2, &b2, now), [Link::FoundTogether], "exactly 3 hours is together");
    // Naming each other by reference or by full name, in any case.
    b.found_with = Some("alone; a".into());
    assert_eq!(links_between(&a, &b, now), [Link::NamedEachOther]);
    b.found_with = Some("CHILD A".into());
    assert_eq!(links_between(&b, &a, now), [Link::NamedEachOther]);
    // One returning the minute the other leaves is no overlap.
    let c = ep("C", "C1", "2026-01-01 20:00", Some("2026-01-01 22:00"), Some("Willows"));
    assert!(links_between(&a, &c, now).is_empty());
    // A child still missing overlaps everything since they left.
    let open = ep("D", "D1", "2025-12-25 10:00", None, Some("Willows"));
    assert_eq!(links_between(&a, &open, now), [Link::SamePlacement]);
    // The same child's own episodes never link.
    let again = ep("A", "A2", "2026-01-01 11:00", Some("2026-01-01 12:00"), Some("Willows"));
    assert!(links_between(&a, &again, now).is_empty());
}

fn lengths(hours: &[i64]) -> Vec<PatternEpisode> {
    hours
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let start = at("2026-01-02 21:00") + chrono::TimeDelta::days(i as i64 * 14);
            let mut e = ep("K", &format!("K{i}"), "2026-01-02 21:00", None, Some("Willows"));
            e.missing_at = start;
            e.returned_at = Some(start + chrono::TimeDelta::hours(*h));
            e
        })
        .collect()
}

#[test]
fn a_child_whose_episodes_lengthen_is_told_in_a_sentence_with_numbers() {
    let p = child_pattern("K", "Child K", &lengths(&[2, 3, 1, 4, 9, 26]));
    assert_eq!(p.trend.kind, TrendKind::EachLonger);
    assert_eq!(
        p.trend.sentence,
        "Each of the last 4 episodes lasted longer than the one before: 1h 0m, 4h 0m, 9h 0m, 1d 2h."
    );
    let longer = child_pattern("K", "Child K", &lengths(&[2, 30, 3, 40, 50, 8]));
    assert_eq!(longer.trend.kind, TrendKind::Longer, "{}", longer.trend.sentence);
    assert!(longer.trend.sentence.contains("the latest 3 averaged 1d 8h against 11h 40m for the 3 before"));
    assert_eq!(child_pattern("K", "", &lengths(&[5, 5, 5, 5])).trend.kind, TrendKind::Steady);
    assert_eq!(child_pattern("K", "", &lengths(&[20, 30, 4, 5])).trend.kind, TrendKind::Shorter);
    assert_eq!(child_pattern("K", "", &lengths(&[5, 6])).trend.kind, TrendKind::TooFew);
    // An open episode is listed but not measured.
    let mut open = lengths(&[1, 2, 3]);
    open[2].returned_at = None;
    let p = child_pattern("K", "", &open);
    assert_eq!((p.episodes.len(), p.episodes[2].minutes, p.trend.kind), (3, None, TrendKind::TooFew));
}

#[test]
fn when_where_and_who_with_are_counted_most_frequent_first() {
    let mut eps = lengths(&[2, 3, 4, 5]);
    eps[0].where_found = Some("Bus station".into());
    eps[1].where_found = Some("the bus station".into());
    eps[2].where_found = Some("Park".into());
    eps[0].found_with = Some("Jade; Older males".into());
    eps[1].found_with = Some("jade".into());
    eps[3].found_with = Some("Alone".into());
    eps[1].reasons = vec![Reason::Friends, Reason::Drugs];
    eps[3].reasons = vec![Reason::Friends];
    eps[3].placement = Some("Oaks".into());
    let p = child_pattern("K", "", &eps);
    let pairs = |v: &[places::Counted]| v.iter().map(|c| (c.label.clone(), c.count)).collect::<Vec<_>>();
    assert_eq!(pairs(&p.found_where), [("Bus station".to_string(), 2), ("Park".to_string(), 1)]);
    assert_eq!(pairs(&p.found_with), [("Jade".to_string(), 2), ("Older males".to_string(), 1)]);
    assert_eq!(pairs(&p.reasons)[0], (Reason::Friends.label().to_string(), 2));
    assert_eq!(pairs(&p.missing_from), [("Willows".to_string(), 3), ("Oaks".to_string(), 1)]);
    // Every episode began on a Friday at 21:00 (2 January 2026 is a Friday, fortnightly after).
    assert_eq!(p.heat.cells[4][21], 4);
    assert_eq!(p.heat.max(), 4);
    let said: Vec<String> = p.triggers.iter().map(|t| t.sentence()).collect();
    assert!(said.contains(&"4 of 4 episodes began on a Friday".to_string()), "{said:?}");
    assert!(said.contains(&"4 of 4 episodes began between 18:00 and 24:00".to_string()), "{said:?}");
    assert!(said.contains(&"2 of 4 episodes ended found with Jade".to_string()), "{said:?}");
    // One move is not a pattern of moves.
    assert!(!said.iter().any(|s| s.contains("new placement")), "{said:?}");
}

#[test]
fn hours_are_read_in_uk_time_across_the_clock_change() {
    // 01:30 UTC on the last Sunday of March 2026 (29 March) is 02:30 BST, Sunday.
    let mut e = ep("K", "K1", "2026-03-29T01:30:00Z", Some("2026-03-29T05:00:00Z"), None);
    e.missing_at = at("2026-03-29T01:30:00Z");
    let p = child_pattern("K", "", &[e]);
    assert_eq!(p.heat.cells[6][2], 1);
    // And in winter UTC is UK time.
    let w = ep("K", "K2", "2026-10-25T01:30:00Z", Some("2026-10-25T05:00:00Z"), None);
    assert_eq!(child_pattern("K", "", &[w]).heat.cells[6][1], 1);
}

#[test]
fn gaps_between_episodes_are_from_each_return_to_the_next() {
    let p = child_pattern("K", "", &lengths(&[2, 2, 2]));
    assert_eq!(p.gaps.hours, [334, 334]);
    assert_eq!(p.gaps.sentence, "Gaps between episodes: the latest 13d 22h, the median 13d 22h, the shortest 13d 22h.");
    assert_eq!(child_pattern("K", "", &lengths(&[2])).gaps.sentence, "No gap between episodes yet.");
}

fn placement_history() -> Vec<PatternEpisode> {
    // The Gables: 6 episodes in each of the two quarters before October
    // 2026 (Q3), 2 in each of the two after; one from Willows, not counted.
    let mut eps = Vec::new();
    for (q, (month, n)) in [("2026-04", 6), ("2026-07", 6), ("2027-01", 2), ("2027-04", 2)].iter().enumerate() {
        for i in 0..*n {
            let start = format!("{month}-{:02} 20:00", 2 + i);
            eps.push(ep(&format!("T{}", i % 3), &format!("T{q}-{i}"), &start, Some(&start), Some("The Gables")));
        }
    }
    eps.push(ep("W", "W1", "2027-01-05 10:00", Some("2027-01-05 11:00"), Some("Willows")));
    eps
}

#[test]
fn prevention_counts_the_whole_quarters_either_side() {
    let (before, after) = windows(chrono::NaiveDate::from_ymd_opt(2026, 11, 14).unwrap(), 2);
    let labels = |qs: &[crate::domain::period::Quarter]| qs.iter().map(|q| q.label()).collect::<Vec<_>>();
    assert_eq!(labels(&before), ["2026-27 Q1", "2026-27 Q2"]);
    assert_eq!(labels(&after), ["2026-27 Q4", "2027-28 Q1"]);
    // Work on the last day of a financial year: the quarters after are the next year's.
    let (b, a) = windows(chrono::NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(), 1);
    assert_eq!((labels(&b), labels(&a)), (vec!["2026-27 Q3".to_string()], vec!["2027-28 Q1".to_string()]));
    let work = PreventionWork {
        target_type: TargetType::Placement,
        target: "the gables".into(),
        target_name: "The Gables".into(),
        done_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 14).unwrap(),
        what: "Staff training on missing".into(),
        by: Some("Missing team".into()),
    };
    let r = assess(&work, &placement_history(), 2, at("2027-07-02 09:00"));
    assert_eq!((r.before.episodes, r.before.individuals, r.after.episodes, r.after.individuals), (12, 3, 4, 2));
    assert!(r.after.complete);
    assert_eq!(
        r.sentence,
        "Missing episodes from The Gables fell from 12 in the two quarters before the work to 4 in the two quarters after, and the children missing from 3 to 2."
    );
    // Part way through the quarters after, the sentence says so.
    let early = assess(&work, &placement_history(), 2, at("2027-02-01 09:00"));
    assert!(!early.after.complete);
    assert!(
        early.sentence.contains("to 2 so far in the two quarters after (the last ends 30 June 2027)"),
        "{}",
        early.sentence
    );
    // Before the quarters after have begun.
    let soon = assess(&work, &placement_history(), 2, at("2026-12-01 09:00"));
    assert!(soon.sentence.ends_with("the quarters after it have not begun yet."), "{}", soon.sentence);
}

#[test]
fn hotspots_count_episodes_and_children_against_the_period_before() {
    let eps = dataset();
    let (now, before): (Vec<_>, Vec<_>) = eps.into_iter().partition(|e| e.missing_at >= at("2026-02-01 00:00"));
    let h = hotspots(&now, &before);
    let gables = &h.placements[0];
    assert_eq!(
        (gables.name.as_str(), gables.episodes, gables.individuals, gables.episodes_before, gables.individuals_before),
        ("gables", 8, 4, 4, 4)
    );
    assert_eq!(gables.change(), 4);
    // Birches: 2 now, 2 before; a place seen only before is still listed.
    assert!(h.placements.iter().any(|r| r.name == "Birches" && r.episodes == 2 && r.episodes_before == 2));
    assert!(h.schools.is_empty() && h.found_at.is_empty());
}
