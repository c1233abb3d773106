//! The young person page and the child index, on a temporary database of
//! synthetic children.

use super::*;
use crate::domain::codes::{CaseStatus, EpisodeKind, MeetingRecord, MissingFrom, Reason, RiOutcome, Sex};
use crate::domain::record::{Circumstances, Episode, Person, Placement, Profile, ReturnInterview, StrategyMeeting};
use crate::domain::time::parse_instant;
use crate::store::ImportItem;

fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_or_create(&dir.path().join("test.sqlite")).expect("create");
    (dir, store)
}

fn item(person_ref: &str, given: &str, episode_ref: &str, missing: &str, returned: Option<&str>) -> ImportItem {
    let person = Person {
        person_ref: person_ref.into(),
        given_name: given.into(),
        family_name: "Testchild".into(),
        date_of_birth: NaiveDate::from_ymd_opt(2010, 5, 1).expect("date"),
        sex: Some(Sex::F),
        responsible_la: "Northshire".into(),
        placement_la: "Northshire".into(),
        case_status: CaseStatus::ChildInCare,
        cse_strategy: true,
        cce_risk: false,
        lead_professional: Some("Lee Lead".into()),
        team: Some("North CiC".into()),
    };
    let episode = Episode {
        episode_ref: episode_ref.into(),
        missing_at: at(missing),
        returned_at: returned.map(at),
        kind: EpisodeKind::Missing,
        missing_from: MissingFrom::LaHome,
        missing_from_name: Some("Willows".into()),
        police_ref: Some(format!("NP-{episode_ref}")),
        risk: None,
        exploitation: Vec::new(),
        at_the_time: Circumstances {
            case_status: CaseStatus::ChildInNeed,
            cse_strategy: false,
            cce_risk: false,
            responsible_la: "Northshire".into(),
            placement_la: "Northshire".into(),
            cohort: Cohort::Local,
            lead_professional: Some("Lee Lead".into()),
            team: Some("North CiC".into()),
        },
    };
    ImportItem {
        person,
        episode,
        interview: ReturnInterview { required: true, ..ReturnInterview::default() },
        meeting: StrategyMeeting::default(),
        update_person: true,
    }
}

/// Child P1 with three episodes (the latest still open), P2 with one, and
/// two children with none.
fn seeded() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = store();
    let mut done = item("P1", "Alex", "E1", "2026-05-01 20:00", Some("2026-05-02 08:00"));
    done.interview = ReturnInterview {
        required: true,
        worker: Some("Sam Worker".into()),
        attempts: 1,
        completed_at: Some(at("2026-05-04 10:00")),
        outcome: Some(RiOutcome::FromCarers),
        reasons: vec![Reason::Friends, Reason::Drugs],
        ..ReturnInterview::default()
    };
    done.meeting = StrategyMeeting { record: Some(MeetingRecord::Held), meeting_at: Some(at("2026-05-02 10:00")) };
    let outstanding = item("P1", "Alex", "E2", "2026-06-01 09:00", Some("2026-06-01 12:00"));
    let open = item("P1", "Alex", "E3", "2026-06-04 22:00", None);
    let other = item("P2", "Bea", "E4", "2026-03-01 09:00", Some("2026-03-01 19:00"));
    store.import(&[done, outstanding, open, other]).expect("import");
    store
        .conn
        .execute_batch(
            "INSERT INTO people (person_ref, given_name, family_name, date_of_birth, responsible_la, placement_la, case_status)
               VALUES ('P9', 'Zed', 'Testchild', '2011-01-01', 'Southby', 'Northshire', 'not_open'),
                      ('P8', 'Amy', 'Testchild', '2012-01-01', 'Northshire', 'Northshire', 'early_help');
             INSERT INTO placements (name, type) VALUES ('Oak Foster Home', 'foster');
             UPDATE people SET vulnerability = 'Exploitation concerns', school = 'Northshire Academy',
                    placement_id = (SELECT id FROM placements WHERE name = 'Oak Foster Home') WHERE person_ref = 'P1';
             UPDATE episodes SET where_found = 'Town centre', found_with = 'Older peers' WHERE episode_ref = 'E1';
             UPDATE return_interviews SET signoff = 'approved'
               WHERE episode_id = (SELECT id FROM episodes WHERE episode_ref = 'E1');
             UPDATE return_interviews SET required = 0, not_required_reason = 'Short absence'
               WHERE episode_id = (SELECT id FROM episodes WHERE episode_ref = 'E4');
             UPDATE strategy_meetings SET note = 'Police and CSE team attended'
               WHERE episode_id = (SELECT id FROM episodes WHERE episode_ref = 'E1');
             INSERT INTO ri_attempts (interview_id, attempted_at, method, outcome)
               SELECT id, '2026-05-03T09:00:00Z', 'phone', 'not_seen' FROM return_interviews
                WHERE episode_id = (SELECT id FROM episodes WHERE episode_ref = 'E1');
             INSERT INTO ri_attempts (interview_id, attempted_at, method, outcome)
               SELECT id, '2026-05-02T15:00:00Z', 'face_to_face', 'declined' FROM return_interviews
                WHERE episode_id = (SELECT id FROM episodes WHERE episode_ref = 'E1');",
        )
        .expect("profile and details");
    (dir, store)
}

#[test]
fn the_page_has_the_child_now_and_every_episode_newest_first() {
    let (_dir, mut store) = seeded();
    store.set_authority("Northshire").expect("authority");
    let page = store.person_page("P1").expect("query").expect("found");
    let p = &page.record.person;
    assert_eq!(
        (p.given_name.as_str(), p.sex, p.case_status, p.cse_strategy),
        ("Alex", Some(Sex::F), CaseStatus::ChildInCare, true)
    );
    assert_eq!(
        page.record.profile,
        Profile {
            vulnerability: Some("Exploitation concerns".into()),
            placement: Some(Placement { kind: MissingFrom::Foster, name: "Oak Foster Home".into() }),
            school: Some("Northshire Academy".into()),
            ..Profile::default()
        }
    );
    assert_eq!(page.cohort, Some(Cohort::Local));
    assert_eq!(page.version, 1);
    assert_eq!(page.rules, Rules::default());
    let refs: Vec<&str> = page.episodes.iter().map(|e| e.case.episode.episode_ref.as_str()).collect();
    assert_eq!(refs, ["E3", "E2", "E1"]);
    // Episodes keep the circumstances of their time.
    assert_eq!(page.episodes[0].case.episode.at_the_time.case_status, CaseStatus::ChildInNeed);
}

#[test]
fn an_episode_carries_where_found_attempts_sign_off_and_the_meeting_note() {
    let (_dir, store) = seeded();
    let page = store.person_page("P1").expect("query").expect("found");
    let e1 = &page.episodes[2];
    assert_eq!((e1.where_found.as_deref(), e1.found_with.as_deref()), (Some("Town centre"), Some("Older peers")));
    assert_eq!(e1.signoff, Signoff::Approved);
    assert_eq!(e1.meeting_note.as_deref(), Some("Police and CSE team attended"));
    assert_eq!(e1.case.meeting.record, Some(MeetingRecord::Held));
    // The undated attempt the import counted comes first, then the rest in time order.
    assert_eq!(
        e1.attempts,
        [
            Attempt::default(),
            Attempt {
                at: Some(at("2026-05-02 16:00")),
                method: Some(AttemptMethod::FaceToFace),
                outcome: Some(AttemptOutcome::Declined)
            },
            Attempt {
                at: Some(at("2026-05-03 10:00")),
                method: Some(AttemptMethod::Phone),
                outcome: Some(AttemptOutcome::NotSeen)
            },
        ]
    );
    assert_eq!(e1.case.interview.attempts, 3);
    let record = e1.interview_record();
    assert_eq!((record.interview.outcome, record.attempts.len()), (Some(RiOutcome::FromCarers), 3));
    assert_eq!(record.interview.reasons, [Reason::Friends, Reason::Drugs]);
    let e2 = &page.episodes[1];
    assert_eq!((e2.attempts.len(), e2.signoff, e2.meeting_note.as_deref()), (0, Signoff::Pending, None));
    let ids: std::collections::HashSet<i64> = page.episodes.iter().map(|e| e.episode_id).collect();
    assert_eq!(ids.len(), 3, "each episode has its own id");

    let bea = store.person_page("P2").expect("query").expect("found");
    assert_eq!(bea.episodes[0].not_required_reason.as_deref(), Some("Short absence"));
    assert!(!bea.episodes[0].case.interview.is_required());
}

#[test]
fn a_child_with_no_episodes_has_an_empty_page_and_an_unknown_ref_none() {
    let (_dir, mut store) = seeded();
    let zed = store.person_page("P9").expect("query").expect("found");
    assert!(zed.episodes.is_empty());
    assert_eq!(zed.record.profile, Profile::default());
    assert_eq!(zed.cohort, None, "no authority recorded yet");
    store.set_authority("Northshire").expect("authority");
    let zed = store.person_page("P9").expect("query").expect("found");
    assert_eq!(zed.cohort, Some(Cohort::PlacedIn));
    assert!(store.person_page("P404").expect("query").is_none());
}

#[test]
fn the_index_lists_the_most_recently_missing_first_then_by_name() {
    let (_dir, store) = seeded();
    let index = store.people_index().expect("index");
    let refs: Vec<&str> = index.iter().map(|h| h.person_ref.as_str()).collect();
    assert_eq!(refs, ["P1", "P2", "P8", "P9"]);
    assert_eq!(index[0].name, "Alex Testchild");
    assert_eq!(index[0].open_episode.as_deref(), Some("E3"));
    assert_eq!(index[0].last_missing_at, Some(at("2026-06-04 22:00")));
    assert_eq!(index[1].open_episode, None);
    assert_eq!(
        (index[3].last_missing_at, index[3].date_of_birth),
        (None, NaiveDate::from_ymd_opt(2011, 1, 1).expect("date"))
    );
}

#[test]
fn a_damaged_value_is_reported_as_such() {
    let (_dir, store) = seeded();
    store.conn.execute_batch("UPDATE people SET case_status = 'lost' WHERE person_ref = 'P8'").expect("damage");
    let err = store.person_page("P8").expect_err("corrupt");
    assert!(err.to_string().contains("cannot read") && err.to_string().contains("lost"), "{err}");
}
