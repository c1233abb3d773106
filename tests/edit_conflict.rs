//! Two people at two keyboards on one database file: the second save of the
//! same return interview is refused with what the first changed, and keeping
//! one's own values after that loses nothing the first person saved.

mod common;

use common::{AT, fixture_db};
use ri_chase::domain::codes::{AttemptMethod, AttemptOutcome, Reason, RiOutcome};
use ri_chase::domain::time::{Instant, parse_instant};
use ri_chase::store::Store;
use ri_chase::store::edit::{Attempt, Completion, EditError, FieldChange};
use std::path::Path;
use std::sync::{Arc, Barrier};

fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

fn open_as(db: &Path, who: &str) -> Store {
    let mut store = Store::open_existing(db).expect("open");
    store.set_user(who).expect("user");
    store
}

#[test]
fn a_stale_completion_is_told_about_the_other_save_and_keeping_it_loses_nothing() {
    let (_dir, db) = fixture_db();
    let now = at(AT);
    let mut alice = open_as(&db, "alice");
    let mut bob = open_as(&db, "bob");
    // E01: Alex Testcase, returned Sat 28 Mar 20:00, worker Sam Worker, one attempt imported.
    let episode = alice.episode_id_by_ref("E01").expect("lookup").expect("E01 is in the fixture");
    let read_a = alice.interview(episode).expect("alice reads");
    let read_b = bob.interview(episode).expect("bob reads");
    assert_eq!(read_a, read_b);
    let bob_saw = bob.data_version().expect("data version");

    alice.assign_worker(read_a.id, read_a.version, Some("Jo Worker".into())).expect("alice assigns");
    let tried = Attempt {
        at: Some(at("2026-03-29 10:00")),
        method: Some(AttemptMethod::FaceToFace),
        outcome: Some(AttemptOutcome::NotSeen),
    };
    alice.add_attempt(read_a.id, read_a.version + 1, &tried, now).expect("alice adds an attempt");
    assert_ne!(bob.data_version().expect("data version"), bob_saw, "bob's screen can tell something changed");

    let completion = Completion {
        completed_at: at("2026-03-30 11:00"),
        outcome: RiOutcome::FaceToFace,
        reasons: vec![Reason::Friends],
    };
    let conflict = match bob.complete_interview(read_b.id, read_b.version, &completion, now) {
        Err(EditError::Conflict(c)) => c,
        other => panic!("expected a conflict, got {other:?}"),
    };
    assert_eq!(conflict.table, "return_interviews");
    assert_eq!(conflict.by, ["alice"]);
    assert_eq!(conflict.version_now, Some(read_b.version + 2));
    assert_eq!(
        conflict.changes,
        [
            FieldChange { column: "worker".into(), was: Some("Sam Worker".into()), now: Some("Jo Worker".into()) },
            FieldChange { column: "attempts".into(), was: Some("1".into()), now: Some("2".into()) },
        ]
    );
    let unchanged = bob.interview(episode).expect("read");
    assert_eq!(unchanged.value.interview.completed_at, None, "the refused save wrote nothing");

    // Bob keeps his: the same completion, at the version now.
    let version_now = conflict.version_now.expect("still there");
    bob.complete_interview(read_b.id, version_now, &completion, now).expect("bob keeps his");

    let last = alice.interview(episode).expect("alice reads again");
    assert_eq!(last.version, read_a.version + 3);
    let ri = &last.value.interview;
    assert_eq!((ri.completed_at, ri.outcome), (Some(at("2026-03-30 11:00")), Some(RiOutcome::FaceToFace)));
    assert_eq!(ri.reasons, [Reason::Friends]);
    assert_eq!(ri.worker.as_deref(), Some("Jo Worker"), "alice's worker is kept");
    assert_eq!(last.value.attempts.len(), 2);
    assert_eq!(last.value.attempts[1], tried, "alice's attempt is kept");

    let trail = bob.audit_entries(4).expect("audit");
    let who: Vec<(&str, &str, &str)> =
        trail.iter().rev().map(|e| (e.who.as_str(), e.table_name.as_str(), e.action.as_str())).collect();
    assert_eq!(
        who,
        [
            ("alice", "return_interviews", "update"),
            ("alice", "return_interviews", "update"),
            ("alice", "ri_attempts", "insert"),
            ("bob", "return_interviews", "update"),
        ]
    );
}

#[test]
fn two_threads_saving_the_same_read_at_once_one_wins_and_one_is_told() {
    let (_dir, db) = fixture_db();
    let episode = Store::open_existing(&db).expect("open").episode_id_by_ref("E01").expect("lookup").expect("E01");
    let barrier = Arc::new(Barrier::new(2));
    let workers: Vec<_> = ["alice", "bob"]
        .into_iter()
        .map(|who| {
            let (db, barrier) = (db.clone(), barrier.clone());
            std::thread::spawn(move || {
                let mut store = open_as(&db, who);
                let read = store.interview(episode).expect("read");
                barrier.wait();
                store.assign_worker(read.id, read.version, Some(format!("{who}'s worker")))
            })
        })
        .collect();
    let results: Vec<_> = workers.into_iter().map(|w| w.join().expect("thread")).collect();
    let won = results.iter().filter(|r| r.is_ok()).count();
    let told: Vec<&Vec<String>> = results
        .iter()
        .filter_map(|r| match r {
            Err(EditError::Conflict(c)) => Some(&c.by),
            _ => None,
        })
        .collect();
    assert_eq!((won, told.len()), (1, 1), "{results:?}");
    let store = Store::open_existing(&db).expect("open");
    let worker = store.interview(episode).expect("read").value.interview.worker.expect("a worker");
    assert_eq!(told[0], &vec![worker.trim_end_matches("'s worker").to_string()], "the loser is told who won");
}
