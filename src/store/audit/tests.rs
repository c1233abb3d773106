//! The chain, the triggers' guard and their repair, on files of the store's
//! own; the binary's `audit verify` against each kind of tampering is in
//! tests/audit_verify.rs.

use super::chain::row_hash;
use super::expected::expected;
use crate::store::edit::EditError;
use crate::store::schema;
use crate::store::tests::{item, temp_db};
use crate::store::{GENESIS, Store, StoreError};
use rusqlite::types::ValueRef;

fn text(s: &str) -> ValueRef<'_> {
    ValueRef::Text(s.as_bytes())
}

/// The README's algorithm, pinned: these hashes were worked out with
/// Python's hashlib from the README's description alone.
#[test]
fn a_rows_hash_is_the_published_sha_256_of_its_fields_and_the_hash_before() {
    let first = row_hash(
        ValueRef::Null,
        &[
            ValueRef::Integer(1),
            text("2026-01-01T00:00:00.000Z"),
            text("ana"),
            text("settings"),
            ValueRef::Null,
            text("insert"),
            ValueRef::Null,
            text(r#"{"key":"authority","value":"Northshire"}"#),
        ],
    );
    assert_eq!(first, "c28c335885f82f99a9ececbc3ecb913ee0e80b3d1706606ce7ff6ce7e7cdb5b2");
    assert_eq!(
        row_hash(text(GENESIS), &[ValueRef::Integer(1)]),
        row_hash(ValueRef::Null, &[ValueRef::Integer(1)]),
        "no row before is the genesis hash"
    );
    let second = row_hash(
        text(&first),
        &[
            ValueRef::Integer(2),
            text("2026-01-01T00:00:01.000Z"),
            text("ana"),
            text("people"),
            ValueRef::Integer(7),
            text("delete"),
            text(r#"{"id":7}"#),
            ValueRef::Null,
        ],
    );
    assert_eq!(second, "46b7c032c79f8a9b66f0bd5c16b3a616b566bc463e692636238621639aafb102");
}

#[test]
fn fields_cannot_run_into_each_other_and_null_is_not_empty() {
    let h = |fields: &[ValueRef]| row_hash(ValueRef::Null, fields);
    assert_ne!(h(&[text("ab"), text("c")]), h(&[text("a"), text("bc")]));
    assert_ne!(h(&[ValueRef::Null]), h(&[text("")]));
    assert_ne!(h(&[text("1")]), h(&[text("1"), ValueRef::Null]));
}

fn filled() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let (dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.set_authority("Northshire").expect("authority");
    store
        .import(&[
            item("P1", "E1", "2026-06-01 09:00", Some("2026-06-01 20:00")),
            item("P2", "E2", "2026-06-02 09:00", None),
        ])
        .expect("import");
    (dir, path, store)
}

#[test]
fn the_triggers_chain_every_row_they_write_and_the_file_verifies() {
    let (_d, _p, store) = filled();
    assert!(store.triggers().expect("read").intact());
    let v = store.verify_audit(None).expect("verify");
    assert!(v.intact(), "{:?}", v.findings);
    assert_eq!(v.rows, store.audit_count().expect("count"));
    assert!(v.rows > 5);
    assert_eq!(v.triggers, expected().expect("schema").triggers.len());
    let hashes: i64 = store.conn.query_row("SELECT count(DISTINCT hash) FROM audit", [], |r| r.get(0)).expect("n");
    assert_eq!(hashes, v.rows, "every row has its own hash");
    let (id, head) = v.head.expect("a head");
    assert!(store.verify_audit(Some((id, &head))).expect("verify").intact());
}

#[test]
fn the_file_gets_exactly_the_triggers_ri_chase_expects() {
    let (_d, _p, store) = filled();
    let made = super::triggers_for(&store.conn).expect("triggers");
    assert_eq!(made, expected().expect("schema").triggers);
    let stored: Vec<(String, String)> = store
        .conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .expect("read");
    let mut want: Vec<(String, String)> = made.into_iter().map(|t| (t.name, t.sql)).collect();
    want.sort();
    assert_eq!(stored, want, "SQLite keeps each trigger's SQL as ri-chase wrote it");
}

#[test]
fn an_older_file_has_its_rows_chained_at_migration_and_says_so() {
    let (_d, path, store) = filled();
    let before = store.audit_count().expect("count");
    schema::back_to_5(&store.conn).expect("back to 5");
    drop(store);
    let store = Store::open_existing(&path).expect("migrates");
    let v = store.verify_audit(None).expect("verify");
    assert!(v.intact(), "{:?}", v.findings);
    let chained = v.chained_at.expect("a note of the chaining");
    assert_eq!((chained.first_id, chained.last_id), (1, before));
    // The note comes straight after the rows it vouches for.
    assert_eq!(chained.note_id, before + 1);
    let (action, who): (String, String) = store
        .conn
        .query_row("SELECT action, who FROM audit WHERE id = ?1", [chained.note_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("note");
    assert_eq!((action.as_str(), who), ("chained", crate::store::os_user()));
}

#[test]
fn triggers_missing_when_an_older_file_is_migrated_are_made_again_and_recorded() {
    let (_d, path, store) = filled();
    schema::back_to_5(&store.conn).expect("back to 5");
    store.conn.execute_batch("DROP TRIGGER audit_episodes_update").expect("drop");
    drop(store);
    let store = Store::open_existing(&path).expect("migrates");
    assert!(store.triggers().expect("read").intact());
    let note: String = store
        .conn
        .query_row("SELECT after FROM audit WHERE action = 'triggers_restored'", [], |r| r.get(0))
        .expect("recorded");
    assert!(note.contains("audit_episodes_update") && note.contains("schema 5 to"), "{note}");
    assert!(store.verify_audit(None).expect("verify").intact());
}

#[test]
fn every_write_is_refused_while_a_trigger_is_missing_and_nothing_is_written() {
    let (_d, _p, mut store) = filled();
    store.conn.execute_batch("DROP TRIGGER audit_people_update").expect("drop");
    let count = store.audit_count().expect("count");
    let unguarded = |e: &StoreError| matches!(e, StoreError::Unguarded(names) if names.contains("audit_people_update"));
    let err = store.import(&[item("P3", "E3", "2026-06-03 09:00", None)]).expect_err("import refused");
    assert!(unguarded(&err), "{err}");
    assert!(err.to_string().contains("ri-chase audit repair-triggers"), "{err}");
    let err = store.set_setting("top_n", "5").expect_err("setting refused");
    assert!(unguarded(&err), "{err}");
    let id = store.episode_id_by_ref("E1").expect("read").expect("E1");
    let episode = store.episode(id).expect("episode");
    match store.delete_episode(id, episode.version) {
        Err(EditError::Store(e)) => assert!(unguarded(&e), "{e}"),
        other => panic!("an edit should be refused: {other:?}"),
    }
    assert_eq!(store.audit_count().expect("count"), count);
    let episodes: i64 = store.conn.query_row("SELECT count(*) FROM episodes", [], |r| r.get(0)).expect("n");
    assert_eq!(episodes, 2, "nothing imported, nothing deleted");
}

#[test]
fn a_changed_or_foreign_trigger_is_refused_too_and_repair_puts_back_ri_chases_own() {
    let (_d, _p, mut store) = filled();
    store
        .conn
        .execute_batch(
            "DROP TRIGGER audit_episodes_update;
             CREATE TRIGGER audit_episodes_update AFTER UPDATE ON episodes BEGIN SELECT 1; END;
             CREATE TRIGGER hide_the_trail BEFORE INSERT ON audit BEGIN SELECT RAISE(IGNORE); END;",
        )
        .expect("tamper");
    let state = store.triggers().expect("read");
    assert_eq!(
        (state.changed.as_slice(), state.foreign.as_slice()),
        (&["audit_episodes_update".to_string()][..], &["hide_the_trail".to_string()][..])
    );
    assert!(matches!(store.set_setting("top_n", "5"), Err(StoreError::Unguarded(_))));
    let repaired = store.repair_triggers().expect("repair").expect("something repaired");
    assert_eq!(repaired, state);
    assert!(store.triggers().expect("read").intact());
    let note: String = store
        .conn
        .query_row("SELECT after FROM audit WHERE id = (SELECT max(id) FROM audit)", [], |r| r.get(0))
        .expect("recorded");
    assert!(note.contains("hide_the_trail") && note.contains("audit_episodes_update"), "{note}");
    store.set_setting("top_n", "5").expect("writes again");
    assert!(store.verify_audit(None).expect("verify").intact());
    assert_eq!(store.repair_triggers().expect("again"), None, "nothing left to repair, nothing recorded");
}

#[test]
fn a_file_without_its_trail_cannot_be_repaired_in_place() {
    let (_d, _p, mut store) = filled();
    store.conn.execute_batch("DROP TABLE audit").expect("drop");
    assert!(matches!(store.set_setting("top_n", "5"), Err(StoreError::Unguarded(_))));
    let err = store.repair_triggers().expect_err("refused");
    assert!(matches!(&err, StoreError::Unrepairable(w) if w.contains("audit table is missing")), "{err}");
    assert!(err.to_string().contains("restore a backup"), "{err}");
    let v = store.verify_audit(None).expect("verify");
    assert_eq!(v.findings[0].place, "the audit table");
}

#[test]
fn a_table_added_behind_ri_chases_back_stops_writes_until_repaired_and_verify_names_it() {
    let (_d, _p, mut store) = filled();
    store.conn.execute_batch("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)").expect("add");
    let refused = store.set_setting("top_n", "5");
    assert!(matches!(&refused, Err(StoreError::Unguarded(w)) if w.contains("audit_notes_insert")), "{refused:?}");
    // Repaired, its changes are recorded like any table's; it is still not ri-chase's.
    store.repair_triggers().expect("repair").expect("repaired");
    store.set_setting("top_n", "5").expect("writes again");
    let v = store.verify_audit(None).expect("verify");
    let places: Vec<&str> = v.findings.iter().map(|f| f.place.as_str()).collect();
    assert_eq!(places, ["table notes"], "{:?}", v.findings);
}
