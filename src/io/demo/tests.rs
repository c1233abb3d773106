//! Tests of the demo generator.

use super::*;
use crate::domain::chase::chase_rows;
use crate::domain::codes::{Band, ChaseFlag, StrategyStatus};
use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind, MeetingRecord, MissingFrom, RiOutcome};
use crate::domain::cohort::cohort_of;
use crate::domain::holidays::BankHolidays;
use crate::domain::missing::missing_rows;
use crate::domain::record::{CaseEpisode, full_name};
use crate::domain::rules::Rules;
use crate::domain::strategy::strategy_rows;
use crate::domain::time::parse_instant;
use crate::domain::time::uk_date;
use crate::store::{ImportItem, Store};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};

fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

fn opts(seed: u64, people: usize, episodes: usize, now: &str) -> DemoOptions {
    DemoOptions { seed, people, episodes, at: at(now), authority: "Northshire".into() }
}

/// The episodes as the lists see them at `now`.
fn cases(items: &[ImportItem], now: Instant) -> Vec<CaseEpisode> {
    let mut open: BTreeMap<&str, Instant> = BTreeMap::new();
    for it in items {
        if it.episode.is_open_at(now) {
            open.insert(&it.person.person_ref, it.episode.missing_at);
        }
    }
    items
        .iter()
        .map(|it| CaseEpisode {
            person_ref: it.person.person_ref.clone(),
            name: full_name(&it.person.given_name, &it.person.family_name),
            episode: it.episode.clone(),
            interview: it.interview.clone(),
            meeting: it.meeting.clone(),
            child_missing_since: open.get(it.person.person_ref.as_str()).copied(),
        })
        .collect()
}

fn age_on(dob: NaiveDate, day: NaiveDate) -> i32 {
    let mut years = day.year() - dob.year();
    if (day.month(), day.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    years
}

#[test]
fn the_same_options_give_the_same_items_and_another_seed_others() {
    let o = opts(11, 400, 1_600, "2026-06-10 09:30");
    let a: Vec<ImportItem> = demo_items(&o).collect();
    let b: Vec<ImportItem> = demo_items(&o).collect();
    assert_eq!(a, b);
    let c: Vec<ImportItem> = demo_items(&DemoOptions { seed: 12, ..o.clone() }).collect();
    assert_ne!(a, c);
    assert_eq!(c.len(), 1_600);
}

#[test]
fn exactly_the_episodes_asked_for_with_unique_refs() {
    for (people, episodes) in [(300, 1_200), (100, 100), (50, 20), (10, 1_000), (1, 7), (5, 0)] {
        let items: Vec<ImportItem> = demo_items(&opts(3, people, episodes, "2026-01-05 12:00")).collect();
        assert_eq!(items.len(), episodes, "{people} people, {episodes} episodes");
        let refs: HashSet<&str> = items.iter().map(|i| i.episode.episode_ref.as_str()).collect();
        assert_eq!(refs.len(), episodes);
        let children: HashSet<&str> = items.iter().map(|i| i.person.person_ref.as_str()).collect();
        assert_eq!(children.len(), people.min(episodes));
    }
}

#[test]
fn every_invariant_the_import_enforces_holds() {
    let o = opts(5, 2_000, 8_000, "2026-03-29 10:17");
    let now = o.at;
    let items: Vec<ImportItem> = demo_items(&o).collect();
    assert_eq!(items.len(), 8_000);
    let mut by_child: BTreeMap<&str, Vec<&ImportItem>> = BTreeMap::new();
    let mut episode_refs = HashSet::new();
    for it in &items {
        assert!(episode_refs.insert(it.episode.episode_ref.as_str()), "duplicate {}", it.episode.episode_ref);
        by_child.entry(&it.person.person_ref).or_default().push(it);
    }
    assert_eq!(by_child.len(), 2_000);
    for (child, eps) in &by_child {
        let person = &eps[0].person;
        assert!(eps.iter().all(|e| e.person == *person), "{child}: one person record");
        assert_eq!(eps.iter().filter(|e| e.update_person).count(), 1, "{child}");
        assert!(eps.last().expect("an episode").update_person, "{child}: latest updates the person");
        let latest = &eps.last().expect("an episode").episode.at_the_time;
        assert_eq!(
            (latest.case_status, latest.cse_strategy, &latest.lead_professional, &latest.team),
            (person.case_status, person.cse_strategy, &person.lead_professional, &person.team),
            "{child}: the person carries the latest values"
        );
        for w in eps.windows(2) {
            let (a, b) = (&w[0].episode, &w[1].episode);
            let back = a.returned_at.expect("only the latest episode may be open");
            assert!(back < b.missing_at, "{child}: {} overlaps {}", a.episode_ref, b.episode_ref);
        }
        let first_day = uk_date(eps[0].episode.missing_at);
        assert!(person.date_of_birth < first_day, "{child}: born before the first episode");
        for it in eps {
            let (e, ri, m) = (&it.episode, &it.interview, &it.meeting);
            let c = &e.at_the_time;
            assert_eq!(Some(c.cohort), cohort_of(&c.responsible_la, &c.placement_la, "Northshire"));
            assert_eq!((&c.responsible_la, &c.placement_la), (&person.responsible_la, &person.placement_la));
            assert!(e.missing_at <= now, "{}", e.episode_ref);
            if let Some(r) = e.returned_at {
                assert!(r >= e.missing_at && r <= now, "{}", e.episode_ref);
            }
            let end = e.returned_at.unwrap_or(now);
            for day in [uk_date(e.missing_at), uk_date(end)] {
                let age = age_on(person.date_of_birth, day);
                assert!((10..=17).contains(&age), "{child} aged {age} on {day}");
            }
            if let Some(done) = ri.completed_at {
                let back = e.returned_at.expect("completed only after a return");
                assert!(done >= back && done <= now, "{}", e.episode_ref);
            }
            if ri.outcome == Some(RiOutcome::FromCarers) {
                assert!(ri.attempts >= 2, "{}", e.episode_ref);
            }
            if e.kind == EpisodeKind::Absent {
                assert!(!ri.required, "{}", e.episode_ref);
            }
            let in_care = c.case_status == CaseStatus::ChildInCare;
            let care_place =
                matches!(e.missing_from, MissingFrom::LaHome | MissingFrom::Foster | MissingFrom::IndependentHome);
            assert_eq!(in_care, care_place, "{}", e.episode_ref);
            assert_eq!(care_place, e.missing_from_name.is_some(), "{}", e.episode_ref);
            match m.record {
                Some(MeetingRecord::Planned) => assert!(m.meeting_at.is_some()),
                Some(MeetingRecord::Held) => assert!(m.meeting_at.expect("held at") <= now),
                _ => assert!(m.meeting_at.is_none()),
            }
            let lasted = (end - e.missing_at).num_minutes();
            if e.returned_at.is_some() && lasted >= 72 * 60 {
                assert!(m.record.is_some(), "{}: a 72-hour episode has its meeting recorded", e.episode_ref);
            }
        }
    }
}

#[test]
fn the_caseload_has_a_realistic_shape() {
    let o = opts(9, 2_000, 8_000, "2026-11-02 08:00");
    let items: Vec<ImportItem> = demo_items(&o).collect();
    let mut per_child: BTreeMap<&str, usize> = BTreeMap::new();
    for it in &items {
        *per_child.entry(&it.person.person_ref).or_default() += 1;
    }
    let once = per_child.values().filter(|n| **n == 1).count() as f64 / 2_000.0;
    assert!((0.45..0.65).contains(&once), "one-off share {once}");
    let mut counts: Vec<usize> = per_child.values().copied().collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let top5: usize = counts[..100].iter().sum();
    assert!(top5 as f64 / 8_000.0 > 0.3, "top 5% have {top5} episodes");

    let mut lengths: Vec<i64> = items
        .iter()
        .filter_map(|it| it.episode.returned_at.map(|r| (r - it.episode.missing_at).num_minutes()))
        .collect();
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    assert!((5 * 60..12 * 60).contains(&median), "median {median} minutes");
    let over = |h: i64| lengths.iter().filter(|m| **m >= h * 60).count() as f64 / lengths.len() as f64;
    assert!((0.05..0.25).contains(&over(24)), "over 24h {}", over(24));
    assert!((0.003..0.05).contains(&over(72)), "over 72h {}", over(72));

    let absent = items.iter().filter(|i| i.episode.kind == EpisodeKind::Absent).count() as f64 / 8_000.0;
    assert!((0.05..0.16).contains(&absent), "absent share {absent}");
    let cohort = |c: Cohort| {
        items.iter().filter(|i| i.update_person && i.episode.at_the_time.cohort == c).count() as f64 / 2_000.0
    };
    assert!((0.70..0.80).contains(&cohort(Cohort::Local)));
    assert!((0.08..0.16).contains(&cohort(Cohort::PlacedIn)));
    assert!((0.09..0.17).contains(&cohort(Cohort::OutOfArea)));
    let cse = items.iter().filter(|i| i.update_person && i.person.cse_strategy).count() as f64 / 2_000.0;
    assert!((0.05..0.16).contains(&cse), "cse share {cse}");

    let rules = Rules::default();
    let concluded: Vec<&ImportItem> =
        items.iter().filter(|i| i.interview.is_required() && i.interview.completed_at.is_some()).collect();
    let in_time = concluded
        .iter()
        .filter(|i| rules.ri_in_time(i.episode.returned_at.expect("returned"), i.interview.completed_at.expect("done")))
        .count() as f64
        / concluded.len() as f64;
    assert!((0.75..0.9).contains(&in_time), "in time {in_time}");

    // More activity in the latest year than the first.
    let year = |back: i64| {
        items
            .iter()
            .filter(|i| {
                let age = (o.at - i.episode.missing_at).num_days();
                age >= back * 365 && age < (back + 1) * 365
            })
            .count()
    };
    assert!(year(0) > year(2), "latest year {} vs first {}", year(0), year(2));
}

#[test]
fn the_small_demo_fills_every_screen_whenever_it_is_opened() {
    let holidays = BankHolidays::bundled();
    let rules = Rules::default();
    let named = ["2026-06-10 09:30", "2026-03-29 02:30", "2025-12-25 23:59", "2026-10-24 18:00"].map(at);
    // And moments all through a year, at every hour and day of the week.
    let spread = (0..40).map(|k| at("2025-01-01 00:00") + chrono::Duration::minutes(k * (9 * 1440 + 7 * 60 + 13)));
    for now in named.into_iter().chain(spread) {
        let items: Vec<ImportItem> = demo_items(&DemoOptions::small(now)).collect();
        assert_eq!(items.len(), 1_200);
        let cases = cases(&items, now);

        let chase = chase_rows(&cases, now, &rules, &holidays);
        assert!(chase.len() >= 15 && chase.len() <= 40, "{} chase rows at {now}", chase.len());
        for band in [Band::Overdue, Band::Within24h, Band::Later] {
            assert!(chase.iter().any(|r| r.band == band), "{band:?} at {now}");
        }
        for flag in [ChaseFlag::MissingAgain, ChaseFlag::NoWorker, ChaseFlag::DueOnNonWorkingDay] {
            assert!(chase.iter().any(|r| r.has(flag)), "{flag:?} at {now}");
        }
        assert!(chase.iter().any(|r| r.attempts >= 1) && chase.iter().any(|r| r.attempts == 0));
        assert!(chase.iter().any(|r| r.minutes_left < -24 * 60), "overdue by days at {now}");

        let missing = missing_rows(&cases, now);
        let hours: Vec<i64> = missing.iter().map(|r| r.hours_missing).collect();
        assert!(hours.iter().any(|h| *h < 48), "{hours:?}");
        assert!(hours.iter().any(|h| (48..72).contains(h)), "{hours:?}");
        assert!(hours.iter().any(|h| *h >= 72), "{hours:?}");
        assert!(missing.len() <= 20, "{} missing", missing.len());

        let strategy = strategy_rows(&cases, now, &rules);
        let has = |s: StrategyStatus| strategy.iter().any(|r| r.status == s);
        assert!(has(StrategyStatus::DueSoon) || has(StrategyStatus::Planned));
        assert!(has(StrategyStatus::Held));
        assert!(strategy.iter().any(|r| r.returned_at.is_none() && r.hours_missing >= 72));
    }
}

#[test]
fn fill_writes_every_episode_to_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_or_create(&dir.path().join("demo.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let o = DemoOptions::small(at("2026-06-10 09:30"));
    let counts = fill(&mut store, &o).expect("fill");
    assert_eq!(counts.episodes_added, 1_200);
    assert_eq!(counts.people_added, 300);
    assert_eq!(counts.episodes_updated + counts.episodes_unchanged, 0);
    let chase = store.chase_cases(o.at).expect("chase cases");
    let expected = cases(&demo_items(&o).collect::<Vec<_>>(), o.at);
    let rules = Rules::default();
    let holidays = BankHolidays::bundled();
    assert_eq!(chase_rows(&chase, o.at, &rules, &holidays).len(), chase_rows(&expected, o.at, &rules, &holidays).len());
    // Filling again changes nothing.
    let again = fill(&mut store, &o).expect("fill again");
    assert_eq!((again.episodes_added, again.episodes_unchanged), (0, 1_200));
}

#[test]
#[ignore = "slow: run in release with --ignored demo_million"]
fn demo_million() {
    // DEMO_SCALE=10 runs a tenth of the size.
    let scale: usize = std::env::var("DEMO_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
    let dir = tempfile::tempdir().expect("temp dir");
    let o = opts(7, 100_000 / scale, 1_000_000 / scale, "2026-06-10 09:30");
    let t = std::time::Instant::now();
    let n = demo_items(&o).count();
    eprintln!("generated {n} items in {:.2?}", t.elapsed());
    let path = dir.path().join("demo.sqlite");
    let mut store = Store::open_or_create(&path).expect("store");
    store.set_authority("Northshire").expect("authority");
    let t = std::time::Instant::now();
    let counts = fill(&mut store, &o).expect("fill");
    eprintln!("filled {counts:?} in {:.2?}", t.elapsed());
    let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len() / 1_000_000).unwrap_or(0);
    eprintln!("database {} MB, WAL {} MB", size(&path), size(&dir.path().join("demo.sqlite-wal")));
    assert_eq!(counts.episodes_added, o.episodes);
}
