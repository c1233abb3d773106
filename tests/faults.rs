//! Faults, with the real binary: killed (SIGKILL) at random moments during
//! a large import and during edits, the file still opens, passes
//! `PRAGMA integrity_check`, holds all of each import or none of it, and
//! its audit trail verifies; eight processes writing to one file at once
//! each land or say they failed, and the trail holds one entry per write.
//!
//! The normal run keeps each test to a few seconds; the `heavy_` versions
//! (ignored here, run by .ci/run) do the same for minutes. The moments are
//! random: the seed is printed, and `RI_CHASE_FAULT_SEED=N` repeats a run.

mod common;
use common::ri;
use rusqlite::Connection;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const AT: &str = "2026-06-01 09:00";

/// A small random source (xorshift64*), seeded from the clock or the environment.
struct Random(u64);

impl Random {
    fn new(test: &str) -> Random {
        let seed = std::env::var("RI_CHASE_FAULT_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(1, |d| d.as_nanos() as u64)
        });
        eprintln!("{test}: fault seed {seed} (RI_CHASE_FAULT_SEED={seed} repeats it)");
        Random(seed.max(1))
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

const HEADER: &str = "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,\
episode_ref,missing_from_type,missing_at,returned_at,police_ref";

/// `rows` synthetic episodes, each of a child of its own, refs `{tag}-N`;
/// `police` is each episode's police reference (what an edit changes).
fn episodes(tag: &str, rows: usize, police: &str) -> String {
    let mut csv = String::from(HEADER);
    for i in 0..rows {
        let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date").and_hms_opt(0, 0, 0).expect("time")
            + chrono::Duration::minutes(i as i64 * 7);
        let back = start + chrono::Duration::hours(5);
        csv.push_str(&format!(
            "\n{tag}-P{i},Synthetic,Child {tag} {i},2011-05-01,Northshire,Northshire,child_in_need,{tag}-{i},home,{},{},{police}",
            start.format("%Y-%m-%d %H:%M"),
            back.format("%Y-%m-%d %H:%M"),
        ));
    }
    csv.push('\n');
    csv
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write csv");
    path
}

fn binary(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ri-chase"));
    cmd.arg("--db").arg(db).env_remove("RI_CHASE_DB").env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd`, killing it with SIGKILL after `after` if it has not ended; whether it was killed.
fn run_and_kill(mut cmd: Command, after: Duration) -> bool {
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return false;
        }
        if started.elapsed() >= after {
            // Child::kill is SIGKILL on Unix: no chance to tidy up.
            let _ = child.kill();
            let _ = child.wait();
            return true;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

fn timed(mut cmd: Command) -> Duration {
    let started = Instant::now();
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    started.elapsed()
}

/// What must hold after any kill: the file opens and is whole, and its trail verifies.
fn whole(db: &Path) {
    let conn = Connection::open(db).expect("the file opens");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("integrity_check");
    assert_eq!(check, "ok");
    drop(conn);
    let out = ri(db).args(["audit", "verify"]).output().expect("runs");
    assert!(
        out.status.success(),
        "the trail verifies after a kill:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn count(db: &Path, sql: &str) -> i64 {
    Connection::open(db).expect("open").query_row(sql, [], |r| r.get(0)).expect("count")
}

struct Budget {
    rows: usize,
    import_kills: usize,
    edit_kills: usize,
    writers_for: Duration,
}

const NORMAL: Budget = Budget { rows: 1_500, import_kills: 5, edit_kills: 8, writers_for: Duration::from_secs(3) };
const HEAVY: Budget = Budget { rows: 10_000, import_kills: 30, edit_kills: 100, writers_for: Duration::from_secs(60) };

fn new_db(dir: &Path) -> PathBuf {
    let db = dir.join("faults.sqlite");
    ri(&db).args(["init", "--authority", "Northshire"]).assert().success();
    db
}

fn kills_during_a_large_import(budget: &Budget) {
    let mut random = Random::new("kills_during_a_large_import");
    let dir = tempfile::tempdir().expect("dir");
    let db = new_db(dir.path());
    // One import left to finish, to know how long one takes.
    let first = write(dir.path(), "r0.csv", &episodes("R0", budget.rows, ""));
    let mut cmd = binary(&db);
    cmd.args(["import", "--at", AT]).arg(&first);
    let takes = timed(cmd);
    let mut landed = 1i64;
    let (mut killed, mut whole_imports) = (0, 0);
    for round in 1..=budget.import_kills {
        let tag = format!("R{round}");
        let file = write(dir.path(), &format!("{tag}.csv"), &episodes(&tag, budget.rows, ""));
        let mut cmd = binary(&db);
        cmd.args(["import", "--at", AT]).arg(&file);
        // Anywhere from the start (opening the file) to a little past the usual end.
        let after = Duration::from_micros(random.below(takes.as_micros() as u64 * 12 / 10));
        killed += usize::from(run_and_kill(cmd, after));
        whole(&db);
        let this = count(&db, &format!("SELECT count(*) FROM episodes WHERE episode_ref LIKE '{tag}-%'"));
        assert!(
            this == 0 || this == budget.rows as i64,
            "round {round}: {this} of {} rows: not all or nothing",
            budget.rows
        );
        if this > 0 {
            landed += 1;
            whole_imports += 1;
        }
        assert_eq!(count(&db, "SELECT count(*) FROM episodes"), landed * budget.rows as i64, "earlier imports intact");
    }
    // A process killed after its commit counts as killed and as landed.
    eprintln!(
        "{} import(s) of {} rows ({} ms each): {killed} killed; {whole_imports} landed whole, {} left nothing",
        budget.import_kills,
        budget.rows,
        takes.as_millis(),
        budget.import_kills - whole_imports
    );
    assert!(killed > 0, "at least one import was killed part way");
}

fn kills_during_edits(budget: &Budget) {
    let mut random = Random::new("kills_during_edits");
    let dir = tempfile::tempdir().expect("dir");
    let db = new_db(dir.path());
    const EDITED: usize = 60;
    let base = write(dir.path(), "base.csv", &episodes("E", EDITED, "v0"));
    let mut cmd = binary(&db);
    cmd.args(["import", "--at", AT]).arg(&base);
    let takes = timed(cmd);
    let mut setting = binary(&db);
    setting.args(["settings", "ri_charge_text", "c0"]);
    let setting_takes = timed(setting);
    let (mut police, mut charge) = ("v0".to_string(), "c0".to_string());
    let mut killed = 0;
    for round in 1..=budget.edit_kills {
        let value = format!("v{round}");
        // An edit of every episode at once (an import that updates them), or a setting.
        let (cmd, takes) = if round % 2 == 0 {
            let file = write(dir.path(), "edit.csv", &episodes("E", EDITED, &value));
            let mut cmd = binary(&db);
            cmd.args(["import", "--at", AT]).arg(file);
            (cmd, takes)
        } else {
            let mut cmd = binary(&db);
            cmd.args(["settings", "ri_charge_text", &format!("c{round}")]);
            (cmd, setting_takes)
        };
        let after = Duration::from_micros(random.below(takes.as_micros() as u64 * 12 / 10));
        killed += usize::from(run_and_kill(cmd, after));
        whole(&db);
        let conn = Connection::open(&db).expect("open");
        let values: Vec<String> = conn
            .prepare("SELECT DISTINCT police_ref FROM episodes")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("read");
        assert_eq!(values.len(), 1, "round {round}: all the episodes changed or none: {values:?}");
        if round % 2 == 0 {
            assert!(values[0] == police || values[0] == value, "round {round}: {values:?}");
            police = values[0].clone();
        } else {
            let now: String = conn
                .query_row("SELECT value FROM settings WHERE key = 'ri_charge_text'", [], |r| r.get(0))
                .expect("read");
            assert!(now == charge || now == format!("c{round}"), "round {round}: {now}");
            charge = now;
        }
    }
    eprintln!("{} edit(s): {killed} killed", budget.edit_kills);
    assert!(killed > 0, "at least one edit was killed part way");
}

/// One process's write and what it said.
struct Write {
    what: Kind,
    landed: bool,
}

enum Kind {
    Setting(String),
    Import(String),
}

fn eight_writers(budget: &Budget) {
    let dir = tempfile::tempdir().expect("dir");
    let db = new_db(dir.path());
    // How many trail entries one small import makes, from one done alone.
    let before = count(&db, "SELECT count(*) FROM audit");
    let one = write(dir.path(), "one.csv", &episodes("ONE", 1, ""));
    ri(&db).args(["import", "--at", AT]).arg(&one).assert().success();
    let per_import = count(&db, "SELECT count(*) FROM audit") - before;
    let start = count(&db, "SELECT max(id) FROM audit");
    let until = Instant::now() + budget.writers_for;
    let writes: Vec<Write> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..8)
            .map(|p| {
                let (db, dir) = (db.clone(), dir.path().to_path_buf());
                scope.spawn(move || {
                    let mut done = Vec::new();
                    let mut k = 0;
                    while Instant::now() < until {
                        k += 1;
                        let (mut cmd, what) = if k % 2 == 0 {
                            let value = format!("w{p}-{k}");
                            let mut cmd = binary(&db);
                            cmd.args(["settings", "ri_charge_text", &value]);
                            (cmd, Kind::Setting(value))
                        } else {
                            let tag = format!("C{p}x{k}");
                            let file = write(&dir, &format!("{tag}.csv"), &episodes(&tag, 1, ""));
                            let mut cmd = binary(&db);
                            cmd.args(["import", "--at", AT]).arg(file);
                            (cmd, Kind::Import(format!("{tag}-0")))
                        };
                        let out = cmd.output().expect("runs");
                        let landed = out.status.success();
                        if !landed {
                            // A failure is reported: a message, and a failing exit status.
                            assert!(!out.stderr.is_empty(), "a failed write says why");
                            let kind = if matches!(what, Kind::Setting(_)) { "setting" } else { "import" };
                            eprintln!("a {kind} failed, as reported: {}", String::from_utf8_lossy(&out.stderr));
                        }
                        done.push(Write { what, landed });
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("writer")).collect()
    });
    whole(&db);
    let conn = Connection::open(&db).expect("open");
    let trail_settings: Vec<String> = conn
        .prepare("SELECT json_extract(after, '$.value') FROM audit WHERE id > ?1 AND table_name = 'settings'")
        .and_then(|mut s| s.query_map([start], |r| r.get(0))?.collect())
        .expect("read");
    let trail_episodes: Vec<String> = conn
        .prepare(
            "SELECT json_extract(after, '$.episode_ref') FROM audit
              WHERE id > ?1 AND table_name = 'episodes' AND action = 'insert'",
        )
        .and_then(|mut s| s.query_map([start], |r| r.get(0))?.collect())
        .expect("read");
    let (settings, episodes): (HashSet<&String>, HashSet<&String>) =
        (trail_settings.iter().collect(), trail_episodes.iter().collect());
    assert_eq!(settings.len(), trail_settings.len(), "each setting written once");
    assert_eq!(episodes.len(), trail_episodes.len(), "each episode written once");
    let (mut landed_settings, mut landed_imports) = (0i64, 0i64);
    for w in &writes {
        match &w.what {
            Kind::Setting(v) => {
                assert_eq!(settings.contains(v), w.landed, "setting {v}: in the trail exactly when it landed");
                landed_settings += i64::from(w.landed);
            }
            Kind::Import(r) => {
                assert_eq!(episodes.contains(r), w.landed, "episode {r}: in the trail exactly when it landed");
                let held: i64 = conn
                    .query_row("SELECT count(*) FROM episodes WHERE episode_ref = ?1", [r], |row| row.get(0))
                    .expect("read");
                assert_eq!(held, i64::from(w.landed), "episode {r} in the file exactly when it landed");
                landed_imports += i64::from(w.landed);
            }
        }
    }
    assert_eq!(trail_settings.len() as i64, landed_settings, "one settings entry per setting written");
    let total: i64 = conn.query_row("SELECT count(*) FROM audit WHERE id > ?1", [start], |r| r.get(0)).expect("n");
    assert_eq!(total, landed_settings + landed_imports * per_import, "nothing in the trail but the writes");
    eprintln!(
        "8 writers for {} s: {} writes, {landed_settings} settings and {landed_imports} imports landed, {} failed (reported)",
        budget.writers_for.as_secs(),
        writes.len(),
        writes.iter().filter(|w| !w.landed).count()
    );
    assert!(landed_settings + landed_imports >= 8, "every writer got writes in");
}

#[test]
fn a_large_import_killed_at_random_moments_leaves_all_of_it_or_none_and_a_trail_that_verifies() {
    kills_during_a_large_import(&NORMAL);
}

#[test]
fn edits_killed_at_random_moments_leave_each_edit_whole_or_absent_and_a_trail_that_verifies() {
    kills_during_edits(&NORMAL);
}

#[test]
fn eight_processes_writing_at_once_each_land_or_say_so_and_the_trail_matches_one_for_one() {
    eight_writers(&NORMAL);
}

#[test]
#[ignore = "minutes: .ci/run runs it (cargo test --test faults -- --ignored)"]
fn heavy_a_large_import_killed_at_random_moments() {
    kills_during_a_large_import(&HEAVY);
}

#[test]
#[ignore = "minutes: .ci/run runs it (cargo test --test faults -- --ignored)"]
fn heavy_edits_killed_at_random_moments() {
    kills_during_edits(&HEAVY);
}

#[test]
#[ignore = "minutes: .ci/run runs it (cargo test --test faults -- --ignored)"]
fn heavy_eight_processes_writing_at_once() {
    eight_writers(&HEAVY);
}
