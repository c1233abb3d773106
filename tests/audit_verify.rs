//! `ri-chase audit verify` and `audit repair-triggers` against each kind of
//! tampering, done as someone with the sqlite3 shell would: through a plain
//! SQLite connection that lacks ri-chase's functions.

mod common;
use common::{fixture_db, ri, stdout_of};
use predicates::str::contains;
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A file with the fixture, a setting changed and an episode edited through
/// ri-chase: a trail of every kind of entry.
fn good_db() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = fixture_db();
    ri(&db).args(["settings", "top_n", "7"]).assert().success();
    ri(&db).args(["settings", "ri_charge_text", "a charge"]).assert().success();
    (dir, db)
}

fn shell(db: &Path) -> Connection {
    Connection::open(db).expect("open as sqlite3 would")
}

/// Runs `audit verify`, expecting tampering: exit 1, each problem on
/// stdout, the first on stderr. Returns stdout.
fn tampered(db: &Path) -> String {
    let out = ri(db).args(["audit", "verify"]).output().expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("utf8");
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    assert_eq!(out.status.code(), Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("does not verify"), "{stderr}");
    let first = stdout.lines().next().expect("a problem on stdout");
    assert!(stderr.contains(first), "stderr names the first problem: {stderr}");
    stdout
}

/// A trigger's SQL, kept to put it back as someone covering their tracks would.
fn trigger_sql(conn: &Connection, name: &str) -> String {
    conn.query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [name], |r| r.get(0)).expect("trigger")
}

fn last_audit_id(conn: &Connection) -> i64 {
    conn.query_row("SELECT max(id) FROM audit", [], |r| r.get(0)).expect("max")
}

#[test]
fn a_trail_written_only_by_ri_chase_verifies_with_its_head() {
    let (_d, db) = good_db();
    let out = stdout_of(ri(&db).args(["audit", "verify"]));
    assert!(out.starts_with("the audit trail verifies: "), "{out}");
    assert!(out.contains("all as ri-chase makes them") && out.contains("episodes 13"), "{out}");
    let head = out.lines().find_map(|l| l.strip_prefix("head: row ")).expect("a head line");
    let (row, hash) = head.split_once(", hash ").expect("row and hash");
    let arg = format!("{row}:{hash}");
    ri(&db).args(["audit", "verify", "--head", &arg]).assert().success();
    // Later writes leave the head where it was.
    ri(&db).args(["settings", "top_n", "8"]).assert().success();
    ri(&db).args(["audit", "verify", "--head", &arg]).assert().success();
}

#[test]
fn a_bad_head_is_bad_usage() {
    let (_d, db) = good_db();
    for head in ["12", "x:abc", "0:00", &format!("3:{}", "g".repeat(64))] {
        ri(&db).args(["audit", "verify", "--head", head]).assert().code(2).stderr(contains("is not ROW:HASH"));
    }
    ri(&db.with_extension("none")).args(["audit", "verify"]).assert().code(2).stderr(contains("no database"));
}

#[test]
fn a_dropped_trigger_is_named_writes_are_refused_until_it_is_repaired_and_the_repair_is_recorded() {
    let (_d, db) = good_db();
    shell(&db).execute_batch("DROP TRIGGER audit_episodes_update").expect("drop");
    let out = tampered(&db);
    assert!(out.contains("trigger audit_episodes_update: missing"), "{out}");
    let count = last_audit_id(&shell(&db));
    for args in
        [vec!["settings", "top_n", "5"], vec!["import", common::fixture("episodes.csv").to_str().expect("path")]]
    {
        ri(&db)
            .args(&args)
            .assert()
            .code(1)
            .stderr(contains("missing: audit_episodes_update"))
            .stderr(contains("ri-chase audit repair-triggers"));
    }
    assert_eq!(last_audit_id(&shell(&db)), count, "nothing written");
    ri(&db)
        .args(["audit", "repair-triggers"])
        .assert()
        .success()
        .stderr(contains("put back the audit trail's triggers (missing: audit_episodes_update)"));
    let (action, after): (String, String) = shell(&db)
        .query_row("SELECT action, after FROM audit WHERE id = (SELECT max(id) FROM audit)", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("the repair's own entry");
    assert_eq!(action, "triggers_restored");
    assert!(after.contains("audit_episodes_update"), "{after}");
    // Nothing changed while it was gone: the trail holds.
    ri(&db).args(["audit", "verify"]).assert().success();
    ri(&db).args(["settings", "top_n", "5"]).assert().success();
    ri(&db).args(["audit", "repair-triggers"]).assert().success().stderr(contains("nothing to repair"));
}

#[test]
fn an_episode_changed_while_the_triggers_were_off_is_caught_however_they_came_back() {
    for put_back in ["by repair-triggers", "by hand, with the same SQL"] {
        let (_d, db) = good_db();
        let conn = shell(&db);
        let sql = trigger_sql(&conn, "audit_episodes_update");
        conn.execute_batch(
            "DROP TRIGGER audit_episodes_update;
             UPDATE episodes SET risk = 'very_low', police_ref = 'NP-CHANGED' WHERE episode_ref = 'E03';",
        )
        .expect("tamper");
        if put_back == "by repair-triggers" {
            ri(&db).args(["audit", "repair-triggers"]).assert().success();
        } else {
            conn.execute_batch(&sql).expect("put back");
            ri(&db).args(["audit", "repair-triggers"]).assert().success().stderr(contains("nothing to repair"));
        }
        let out = tampered(&db);
        let line =
            out.lines().find(|l| l.starts_with("episodes row 3 (E03)")).unwrap_or_else(|| panic!("{put_back}: {out}"));
        assert!(line.contains(r#"risk is "very_low" in the file, "high" in the trail"#), "{line}");
        assert!(line.contains("police_ref is \"NP-CHANGED\""), "{line}");
    }
}

#[test]
fn rows_added_or_deleted_behind_the_trail_are_named() {
    let (_d, db) = good_db();
    let conn = shell(&db);
    conn.execute_batch(
        "DROP TRIGGER audit_placements_insert; DROP TRIGGER audit_ri_attempts_delete;
         INSERT INTO placements (id, name, type) VALUES (99, 'Hidden House', 'la_home');
         DELETE FROM ri_attempts WHERE id = (SELECT max(id) FROM ri_attempts);",
    )
    .expect("tamper");
    ri(&db).args(["audit", "repair-triggers"]).assert().success();
    let out = tampered(&db);
    assert!(out.contains("placements row 99: is not in the audit trail"), "{out}");
    assert!(out.lines().any(|l| l.starts_with("ri_attempts row ") && l.contains("is missing from the file")), "{out}");
}

#[test]
fn a_forged_audit_row_is_named_by_id() {
    for hash in ["NULL", "'0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'"] {
        let (_d, db) = good_db();
        let conn = shell(&db);
        let forged = last_audit_id(&conn) + 1;
        conn.execute_batch(&format!(
            "INSERT INTO audit (id, at, who, table_name, row_id, action, before, after, hash)
             VALUES ({forged}, '2026-01-01T00:00:00.000Z', 'someone', 'settings', NULL, 'update', NULL, NULL, {hash})"
        ))
        .expect("forge");
        let out = tampered(&db);
        let first = out.lines().next().expect("line");
        assert!(first.starts_with(&format!("audit row {forged} (settings, update): ")), "{out}");
        let says = if hash == "NULL" { "has no hash" } else { "does not match its hash" };
        assert!(first.contains(says), "{first}");
    }
}

#[test]
fn an_edited_audit_row_is_named_by_id() {
    let (_d, db) = good_db();
    let conn = shell(&db);
    let sql = trigger_sql(&conn, "audit_no_update");
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_update; UPDATE audit SET who = 'someone else' WHERE id = 5; {sql};"
    ))
    .expect("tamper");
    let out = tampered(&db);
    let first = out.lines().next().expect("line");
    assert!(first.starts_with("audit row 5 (") && first.contains("does not match its hash"), "{out}");
    assert_eq!(out.lines().count(), 1, "only that row: the next one still follows from its stored hash\n{out}");
}

#[test]
fn a_deleted_audit_row_is_named_in_the_middle_and_seen_at_the_end() {
    let (_d, db) = good_db();
    let conn = shell(&db);
    let sql = trigger_sql(&conn, "audit_no_delete");
    conn.execute_batch(&format!("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 10; {sql};"))
        .expect("tamper");
    let out = tampered(&db);
    assert!(
        out.lines()
            .next()
            .is_some_and(|l| l.starts_with("audit row 11 (") && l.contains("rows before it, 10 to 10, are missing")),
        "{out}"
    );

    // The newest row gone leaves the chain whole; the setting it recorded no longer matches.
    let (_d, db) = good_db();
    let conn = shell(&db);
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = (SELECT max(id) FROM audit); {sql};"
    ))
    .expect("tamper");
    let out = tampered(&db);
    assert!(
        out.lines().next().is_some_and(|l| l.starts_with("setting ri_charge_text: is not in the audit trail")),
        "{out}"
    );
}

#[test]
fn a_dropped_trail_is_said_and_cannot_be_repaired_in_place() {
    let (_d, db) = good_db();
    shell(&db).execute_batch("DROP TABLE audit").expect("drop");
    let out = tampered(&db);
    assert!(out.starts_with("the audit table: missing"), "{out}");
    ri(&db).args(["settings", "top_n", "5"]).assert().code(1).stderr(contains("repair-triggers"));
    ri(&db)
        .args(["audit", "repair-triggers"])
        .assert()
        .code(1)
        .stderr(contains("the audit table is missing"))
        .stderr(contains("restore a backup"));
}

#[test]
fn values_quoted_from_the_data_reach_the_terminal_escaped() {
    let (_d, db) = good_db();
    // JSON escapes C0 controls itself; a bidi override and a C1 CSI it leaves as they are.
    shell(&db)
        .execute_batch(
            "DROP TRIGGER audit_episodes_update;
             UPDATE episodes SET police_ref = char(27) || char(0x202E) || 'evil' || char(0x9B) || '2J' WHERE id = 1;",
        )
        .expect("tamper");
    let out = ri(&db).args(["audit", "verify"]).output().expect("runs");
    for stream in [&out.stdout, &out.stderr] {
        let text = String::from_utf8_lossy(stream);
        assert!(!text.contains(['\u{1b}', '\u{202E}', '\u{9B}']), "raw: {text:?}");
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(r#"police_ref is "\u001b\u{202E}evil\u{9B}2J" in the file"#), "{stdout}");
}

/// The README's algorithm, done here from its words alone.
fn published_hash(prev: Option<&str>, fields: &[Option<String>]) -> String {
    let mut h = Sha256::new();
    let mut feed = |v: Option<&str>| match v {
        None => h.update([0u8]),
        Some(t) => {
            h.update([1u8]);
            h.update((t.len() as u64).to_be_bytes());
            h.update(t.as_bytes());
        }
    };
    feed(Some(prev.unwrap_or(&"0".repeat(64))));
    for f in fields {
        feed(f.as_deref());
    }
    format!("{:x}", h.finalize())
}

fn rows(conn: &Connection) -> Vec<(i64, Vec<Option<String>>, Option<String>)> {
    let mut stmt = conn
        .prepare(
            "SELECT id, CAST(id AS TEXT), at, who, table_name, CAST(row_id AS TEXT), action, before, after, hash
               FROM audit ORDER BY id",
        )
        .expect("prepare");
    stmt.query_map([], |r| Ok((r.get(0)?, (1..9).map(|i| r.get(i)).collect::<Result<Vec<_>, _>>()?, r.get(9)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

/// What the chain cannot prove: someone who can write the file can rewrite
/// the whole chain consistently, and only a head kept elsewhere shows it.
#[test]
fn the_published_algorithm_gives_the_stored_hashes_so_a_full_rewrite_passes_but_not_a_kept_head() {
    let (_d, db) = good_db();
    let conn = shell(&db);
    let mut prev: Option<String> = None;
    for (id, fields, hash) in rows(&conn) {
        assert_eq!(hash.as_deref(), Some(published_hash(prev.as_deref(), &fields).as_str()), "row {id}");
        prev = hash;
    }
    let out = stdout_of(ri(&db).args(["audit", "verify"]));
    let head = out.lines().find_map(|l| l.strip_prefix("head: row ")).expect("head").replace(", hash ", ":");

    // Change an episode and its trail together, then rechain everything.
    conn.execute_batch(
        "DROP TRIGGER audit_no_update; DROP TRIGGER audit_episodes_update;
         UPDATE episodes SET risk = 'low' WHERE id = 3;
         UPDATE audit SET after = json_set(after, '$.risk', 'low')
          WHERE id = (SELECT max(id) FROM audit WHERE table_name = 'episodes' AND row_id = 3);",
    )
    .expect("tamper");
    let mut prev: Option<String> = None;
    for (id, fields, _) in rows(&conn) {
        let hash = published_hash(prev.as_deref(), &fields);
        conn.execute("UPDATE audit SET hash = ?1 WHERE id = ?2", rusqlite::params![hash, id]).expect("rehash");
        prev = Some(hash);
    }
    ri(&db).args(["audit", "repair-triggers"]).assert().success();
    // The repair is in the trail, but the chain and the rows all agree.
    ri(&db).args(["audit", "verify"]).assert().success();
    ri(&db)
        .args(["audit", "verify", "--head", &head])
        .assert()
        .code(1)
        .stdout(contains("the trail up to it was rewritten"));
}
