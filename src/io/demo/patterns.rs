//! The demo's patterns, so a new user sees each finding of the Patterns tab
//! and the child's pattern (DOMAIN.md "Patterns"): four children at one home
//! who go missing together three times (found together, naming each other),
//! two who overlap once by chance and are no group, a child whose episodes
//! lengthen, and a home whose episodes fell after prevention work. All
//! synthetic; references `LCS0nnnnn`, which the main demo never makes.

use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind, MissingFrom, Reason, RiOutcome, Sex};
use crate::domain::patterns::prevention::TargetType;
use crate::domain::period::Quarter;
use crate::domain::record::{Circumstances, Episode, Person, PersonRecord, ReturnInterview, StrategyMeeting};
use crate::domain::time::{Instant, from_uk_local, uk_date};
use crate::store::edit::prevention::NewPrevention;
use crate::store::edit::{EditError, Found};
use crate::store::{ImportItem, Store, StoreError};
use chrono::{Datelike, Days, NaiveDate, TimeDelta};

/// The group's home, the prevention home, and the children's schools.
const GROUP_HOME: &str = "Harbour View";
const PREVENTED_HOME: &str = "Birchwood House";
const GROUP_SCHOOL: &str = "Northfield Academy";
const PREVENTED_SCHOOL: &str = "St Anne's College";

struct Child {
    person_ref: &'static str,
    given: &'static str,
    family: &'static str,
    sex: Sex,
    born: (i32, u32, u32),
    school: &'static str,
}

const GROUP: [Child; 4] = [
    Child {
        person_ref: "LCS050101",
        given: "Kayla",
        family: "Brennan",
        sex: Sex::F,
        born: (2010, 3, 14),
        school: GROUP_SCHOOL,
    },
    Child {
        person_ref: "LCS050102",
        given: "Tyler",
        family: "Okonjo",
        sex: Sex::M,
        born: (2009, 11, 2),
        school: GROUP_SCHOOL,
    },
    Child {
        person_ref: "LCS050103",
        given: "Summer",
        family: "Hale",
        sex: Sex::F,
        born: (2010, 7, 21),
        school: GROUP_SCHOOL,
    },
    Child {
        person_ref: "LCS050104",
        given: "Reece",
        family: "Marsh",
        sex: Sex::M,
        born: (2009, 5, 9),
        school: GROUP_SCHOOL,
    },
];
const CHANCE: [Child; 2] = [
    Child {
        person_ref: "LCS050201",
        given: "Poppy",
        family: "Lindqvist",
        sex: Sex::F,
        born: (2011, 1, 30),
        school: "",
    },
    Child { person_ref: "LCS050202", given: "Kian", family: "Doherty", sex: Sex::M, born: (2008, 9, 17), school: "" },
];
const LENGTHENING: Child = Child {
    person_ref: "LCS050301",
    given: "Niamh",
    family: "Carver",
    sex: Sex::F,
    born: (2010, 12, 5),
    school: GROUP_SCHOOL,
};
const PREVENTED: [Child; 3] = [
    Child {
        person_ref: "LCS050401",
        given: "Jayden",
        family: "Pryor",
        sex: Sex::M,
        born: (2009, 2, 11),
        school: PREVENTED_SCHOOL,
    },
    Child {
        person_ref: "LCS050402",
        given: "Millie",
        family: "Ashworth",
        sex: Sex::F,
        born: (2010, 6, 3),
        school: PREVENTED_SCHOOL,
    },
    Child {
        person_ref: "LCS050403",
        given: "Harvey",
        family: "Quinlan",
        sex: Sex::M,
        born: (2008, 10, 28),
        school: PREVENTED_SCHOOL,
    },
];

/// One episode to make: its child, when (UK time), hours missing, from where,
/// and what the found form records.
struct Planned<'a> {
    child: &'a Child,
    missing_at: Instant,
    hours: i64,
    kind: MissingFrom,
    home: &'a str,
    where_found: Option<&'a str>,
    found_with: Option<String>,
}

/// An evening `days_ago` days before `now`, moved back to the Friday before
/// it, at `hour:minute` UK time.
fn friday_evening(now: Instant, days_ago: u64, hour: u32, minute: u32) -> Instant {
    let mut day = uk_date(now).checked_sub_days(Days::new(days_ago)).unwrap_or(NaiveDate::MIN);
    while day.weekday() != chrono::Weekday::Fri {
        day = day.pred_opt().unwrap_or(day);
    }
    on(day, hour, minute)
}

fn on(day: NaiveDate, hour: u32, minute: u32) -> Instant {
    day.and_hms_opt(hour, minute, 0)
        .and_then(from_uk_local)
        .unwrap_or_else(|| day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
}

fn name(c: &Child) -> String {
    format!("{} {}", c.given, c.family)
}

/// Every episode of the demo's patterns.
fn plan(now: Instant) -> Vec<Planned<'static>> {
    let mut out = Vec::new();
    // The group: three Friday nights, leaving within half an hour of each other.
    for (n, days_ago) in [(0, 110), (1, 66), (2, 24)] {
        let start = friday_evening(now, days_ago, 20, 30);
        for (k, c) in GROUP.iter().enumerate() {
            let found_with = match n {
                // The second time they named each other.
                1 => Some(
                    GROUP
                        .iter()
                        .filter(|o| o.person_ref != c.person_ref)
                        .take(2)
                        .map(name)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                _ => None,
            };
            out.push(Planned {
                child: c,
                missing_at: start + TimeDelta::minutes(k as i64 * 9),
                hours: 6 + k as i64 + n,
                kind: MissingFrom::IndependentHome,
                home: GROUP_HOME,
                where_found: match n {
                    0 => Some("Bus station"),
                    2 => Some("Retail park, Ferry Road"),
                    _ => None,
                },
                found_with,
            });
        }
        // Apart, too, now and then.
        out.push(Planned {
            child: &GROUP[n as usize],
            missing_at: friday_evening(now, days_ago + 20, 16, 0) - TimeDelta::days(2),
            hours: 3,
            kind: MissingFrom::IndependentHome,
            home: GROUP_HOME,
            where_found: Some("Town centre"),
            found_with: None,
        });
    }
    // Two children from different homes, out at the same time once: chance.
    let start = friday_evening(now, 40, 13, 0) + TimeDelta::days(1);
    for (k, (c, home)) in CHANCE.iter().zip(["Willows", "Oakfield"]).enumerate() {
        out.push(Planned {
            child: c,
            missing_at: start + TimeDelta::hours(k as i64 * 2),
            hours: 5,
            kind: MissingFrom::LaHome,
            home,
            where_found: Some(if k == 0 { "Park" } else { "Friend's house" }),
            found_with: None,
        });
    }
    // Episodes that lengthen, a fortnight apart, on Friday nights.
    for (n, hours) in [2, 4, 7, 13, 22, 40].into_iter().enumerate() {
        out.push(Planned {
            child: &LENGTHENING,
            missing_at: friday_evening(now, 90 - 14 * n as u64, 21, 15),
            hours,
            kind: MissingFrom::Foster,
            home: "Foster home 7",
            where_found: Some(if n % 2 == 0 { "Friend's flat, Marsh Road" } else { "friends flat marsh road" }),
            found_with: Some(if n < 2 { "Alone".into() } else { "Older males".into() }),
        });
    }
    // Birchwood House: six episodes in each of the two quarters before the
    // work, one in each of the two after.
    let work = prevention_quarter(now);
    for (offset, n) in [(-2, 6), (-1, 6), (1, 1), (2, 1)] {
        let first = work.plus(offset).bounds().0;
        for i in 0..n {
            out.push(Planned {
                child: &PREVENTED[i % PREVENTED.len()],
                missing_at: first + TimeDelta::days(3 + 13 * i as i64) + TimeDelta::hours(19),
                hours: 4 + i as i64,
                kind: MissingFrom::IndependentHome,
                home: PREVENTED_HOME,
                where_found: Some("Train station"),
                found_with: None,
            });
        }
    }
    out
}

/// The quarter of Birchwood House's prevention work: three before now's, so
/// both quarters after it are over.
fn prevention_quarter(now: Instant) -> Quarter {
    Quarter::containing(now).plus(-3)
}

/// Adds the patterns to a demo database that `fill` made for `authority`.
pub fn add_patterns(store: &mut Store, now: Instant, authority: &str) -> Result<(), StoreError> {
    add(store, now, authority).map_err(|e| match e {
        EditError::Store(e) => e,
        other => StoreError::Corrupt(format!("the demo's patterns: {other}")),
    })
}

fn add(store: &mut Store, now: Instant, authority: &str) -> Result<(), EditError> {
    let mut planned = plan(now);
    planned.retain(|p| p.missing_at + TimeDelta::hours(p.hours) < now);
    planned.sort_by_key(|p| (p.child.person_ref, p.missing_at));
    let items: Vec<ImportItem> = planned
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let last = planned.get(i + 1).is_none_or(|next| next.child.person_ref != p.child.person_ref);
            item(p, i, authority, last, now)
        })
        .collect();
    store.import(&items)?;
    for (p, it) in planned.iter().zip(&items) {
        if p.where_found.is_none() && p.found_with.is_none() {
            continue;
        }
        let Some(id) = store.episode_id_by_ref(&it.episode.episode_ref)? else { continue };
        let rec = store.episode(id)?;
        let found = Found {
            returned_at: it.episode.returned_at.unwrap_or(now),
            where_found: p.where_found.map(str::to_string),
            found_with: p.found_with.clone(),
        };
        store.record_found(id, rec.version, &found, now)?;
    }
    let today = uk_date(now);
    for c in GROUP.iter().chain(PREVENTED.iter()).chain([&LENGTHENING]) {
        let Some(id) = store.person_id_by_ref(c.person_ref)? else { continue };
        let rec = store.person(id)?;
        let mut value: PersonRecord = rec.value.clone();
        value.profile.school = (!c.school.is_empty()).then(|| c.school.to_string());
        store.update_person(id, rec.version, &value, today)?;
    }
    let work_day = prevention_quarter(now).bounds().0 + TimeDelta::days(20);
    store.add_prevention(
        &NewPrevention {
            target_type: TargetType::Placement,
            target: PREVENTED_HOME.into(),
            done_on: uk_date(work_day),
            what: "Missing-from-care training for all staff; a return-home routine agreed with the police".into(),
            by: Some("Runaways service".into()),
        },
        today,
    )?;
    store.add_prevention(
        &NewPrevention {
            target_type: TargetType::Person,
            target: LENGTHENING.person_ref.into(),
            done_on: today.checked_sub_days(Days::new(20)).unwrap_or(today),
            what: "Safety plan and weekly trusted-adult sessions".into(),
            by: Some("CSE team".into()),
        },
        today,
    )?;
    Ok(())
}

fn item(p: &Planned, n: usize, authority: &str, latest: bool, now: Instant) -> ImportItem {
    let c = p.child;
    let at_the_time = Circumstances {
        case_status: CaseStatus::ChildInCare,
        cse_strategy: false,
        cce_risk: p.child.person_ref == GROUP[1].person_ref,
        responsible_la: authority.to_string(),
        placement_la: authority.to_string(),
        cohort: Cohort::Local,
        lead_professional: Some("Priya Shah".into()),
        team: Some("Children in Care North".into()),
    };
    let returned = p.missing_at + TimeDelta::hours(p.hours);
    let (y, m, d) = c.born;
    ImportItem {
        person: Person {
            person_ref: c.person_ref.into(),
            given_name: c.given.into(),
            family_name: c.family.into(),
            date_of_birth: NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN),
            sex: Some(c.sex),
            responsible_la: authority.into(),
            placement_la: authority.into(),
            case_status: CaseStatus::ChildInCare,
            cse_strategy: false,
            cce_risk: at_the_time.cce_risk,
            lead_professional: at_the_time.lead_professional.clone(),
            team: at_the_time.team.clone(),
        },
        episode: Episode {
            episode_ref: format!("DEMO-P{:04}", n + 1),
            missing_at: p.missing_at,
            returned_at: Some(returned),
            kind: EpisodeKind::Missing,
            missing_from: p.kind,
            missing_from_name: Some(p.home.into()),
            police_ref: None,
            risk: None,
            exploitation: Vec::new(),
            at_the_time,
        },
        interview: ReturnInterview {
            required: true,
            worker: Some("Orla Keane".into()),
            attempts: 1,
            // Interviewed a day and a half after the return, unless that is still to come.
            completed_at: Some(returned + TimeDelta::hours(40)).filter(|t| *t < now),
            outcome: Some(RiOutcome::FaceToFace).filter(|_| returned + TimeDelta::hours(40) < now),
            reasons: vec![if p.home == GROUP_HOME { Reason::Friends } else { Reason::Behaviour }],
            offered: None,
            accepted: None,
        },
        meeting: StrategyMeeting::default(),
        update_person: latest,
    }
}
