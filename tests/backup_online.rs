//! `ri-chase backup` while others write: two connections in this process
//! and a run of `ri-chase import` processes keep adding children, each with
//! five episodes in one transaction, while the real binary backs the file
//! up again and again. Each backup must pass SQLite's integrity check and
//! hold a state that existed: whole transactions only (every writer's child
//! with all five episodes, each with its interview and its audit rows), no
//! fewer than were committed before it began nor more than after it ended.

mod common;
use common::{AT, fixture_db, ri};
use ri_chase::domain::time::parse_instant;
use ri_chase::io::episodes_csv::read_episodes;
use ri_chase::store::Store;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const EPISODES_EACH: usize = 5;
const BACKUPS: usize = 6;
/// However long the backups take, no writer goes on past this many children.
const MOST_CHILDREN: usize = 400;

/// One new child `{writer}-{n}` with five returned episodes, as a CSV.
fn child_csv(writer: &str, n: usize) -> String {
    let mut csv = String::from(
        "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at,returned_at\n",
    );
    for e in 0..EPISODES_EACH {
        csv.push_str(&format!(
            "W{writer}-{n},Synthetic,Writer {writer},2011-02-03,Northshire,Northshire,child_in_care,W{writer}-{n}-E{e},la_home,2026-01-{:02} 10:00,2026-01-{:02} 11:00\n",
            e + 1,
            e + 1
        ));
    }
    csv
}

/// What a committed state of the file says: how many writers' children, and
/// whether each of them is whole.
#[derive(Debug)]
struct State {
    children: i64,
    torn: Vec<String>,
}

fn state(conn: &Connection) -> State {
    let one = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect(sql);
    let children = one("SELECT count(*) FROM people WHERE person_ref LIKE 'W%'");
    let mut torn = Vec::new();
    let episodes =
        one("SELECT count(*) FROM episodes e JOIN people p ON p.id = e.person_id WHERE p.person_ref LIKE 'W%'");
    if episodes != children * EPISODES_EACH as i64 {
        torn.push(format!("{episodes} episodes for {children} children"));
    }
    let interviews = one("SELECT count(*) FROM return_interviews");
    let all_episodes = one("SELECT count(*) FROM episodes");
    if interviews != all_episodes {
        torn.push(format!("{interviews} interviews for {all_episodes} episodes"));
    }
    let audited = one("SELECT count(*) FROM audit WHERE table_name = 'episodes' AND action = 'insert'");
    if audited != all_episodes {
        torn.push(format!("{audited} audited inserts for {all_episodes} episodes"));
    }
    State { children, torn }
}

fn committed(db: &Path) -> i64 {
    let conn = Connection::open(db).expect("open");
    conn.busy_timeout(std::time::Duration::from_secs(10)).expect("busy");
    state(&conn).children
}

/// A writer in this process, on its own connection, until told to stop.
fn library_writer(db: PathBuf, name: &'static str, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut store = Store::open_existing(&db).expect("open");
        let now = parse_instant(AT).expect("at");
        let mut n = 0;
        while !stop.load(Ordering::Relaxed) && n < MOST_CHILDREN {
            let csv = child_csv(name, n);
            let items = read_episodes(csv.as_bytes(), &store, "Northshire", now).expect("valid rows");
            store.import(&items).expect("each write lands");
            n += 1;
        }
        n
    })
}

/// A writer that is a run of `ri-chase import` processes, one child each.
fn process_writer(db: PathBuf, dir: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut n = 0;
        while !stop.load(Ordering::Relaxed) && n < MOST_CHILDREN / 4 {
            let file = dir.join(format!("p-{n}.csv"));
            std::fs::write(&file, child_csv("p", n)).expect("csv");
            ri(&db).arg("import").arg(&file).args(["--at", AT]).assert().success();
            n += 1;
        }
        n
    })
}

#[test]
fn backups_made_while_others_write_are_whole_and_hold_a_state_that_existed() {
    let (dir, db) = fixture_db();
    let stop = Arc::new(AtomicBool::new(false));
    let writers = vec![
        library_writer(db.clone(), "a", stop.clone()),
        library_writer(db.clone(), "b", stop.clone()),
        process_writer(db.clone(), dir.path().to_path_buf(), stop.clone()),
    ];
    // Let the writers get going before the first backup.
    while committed(&db) < 3 {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut seen = Vec::new();
    for i in 0..BACKUPS {
        let before = committed(&db);
        let copy = dir.path().join(format!("backup-{i}.sqlite"));
        ri(&db).arg("backup").arg(&copy).assert().success();
        let after = committed(&db);
        let conn = Connection::open(&copy).expect("open backup");
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(check, "ok", "backup {i}");
        let s = state(&conn);
        assert!(s.torn.is_empty(), "backup {i} holds part of a transaction: {:?}", s.torn);
        assert!(
            (before..=after).contains(&s.children),
            "backup {i} holds {} children; {before} were committed before it began and {after} after it ended",
            s.children
        );
        seen.push((before, s.children, after));
    }
    stop.store(true, Ordering::Relaxed);
    let written: usize = writers.into_iter().map(|w| w.join().expect("writer")).sum();
    // The backups saw the file grow under them: they were made while others wrote.
    let grew = seen.iter().filter(|(before, _, after)| after > before).count();
    assert!(grew > 0, "no backup overlapped a write: {seen:?}");
    eprintln!("backups (committed before, in the copy, committed after): {seen:?}; {written} children written");
}
