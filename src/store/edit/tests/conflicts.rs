//! Two people on one row: the second save is refused, told who changed what.

use super::*;

#[test]
fn a_stale_save_is_refused_naming_who_and_what_and_writes_nothing() {
    let mut f = fixture();
    let read = f.store.person(f.alex).expect("read");
    let mut ben = second(&f);
    let mut theirs = read.value.clone();
    theirs.person.team = Some("South CiC".into());
    theirs.profile.school = Some("Southby College".into());
    ben.update_person(f.alex, read.version, &theirs, today()).expect("ben saves first");

    let audit_before = f.store.audit_count().expect("count");
    let mut mine = read.value.clone();
    mine.person.lead_professional = Some("Pat Lead".into());
    let c = conflict(f.store.update_person(f.alex, read.version, &mine, today()));
    assert_eq!((c.table, c.id, c.version_now), ("people", f.alex, Some(read.version + 1)));
    assert_eq!(c.by, ["ben"]);
    assert_eq!(
        c.changes,
        [
            FieldChange { column: "team".into(), was: Some("North CiC".into()), now: Some("South CiC".into()) },
            FieldChange { column: "school".into(), was: None, now: Some("Southby College".into()) },
        ]
    );
    assert_eq!(f.store.audit_count().expect("count"), audit_before, "nothing written");
    assert_eq!(f.store.person(f.alex).expect("read").value, theirs);
    assert!(EditError::Conflict(c).to_string().contains("someone else changed this"));
}

#[test]
fn everyone_since_the_read_is_named_once_and_only_net_changes_are_listed() {
    let mut f = fixture();
    let read = f.store.person(f.alex).expect("read");
    let mut ben = second(&f);
    let mut cara = second(&f);
    cara.set_user("cara").expect("user");
    let mut rec = read.value.clone();
    rec.person.team = Some("South CiC".into());
    ben.update_person(f.alex, read.version, &rec, today()).expect("ben");
    rec.person.cse_strategy = true;
    cara.update_person(f.alex, read.version + 1, &rec, today()).expect("cara");
    rec.person.team = Some("North CiC".into());
    ben.update_person(f.alex, read.version + 2, &rec, today()).expect("ben again, team put back");
    let c = conflict(f.store.update_person(f.alex, read.version, &read.value, today()));
    assert_eq!(c.by, ["ben", "cara"]);
    assert_eq!(
        c.changes,
        [FieldChange { column: "cse_strategy".into(), was: Some("0".into()), now: Some("1".into()) }]
    );
    assert_eq!(c.version_now, Some(read.version + 3));
    // Keeping mine: saving again at the version now succeeds, over theirs.
    f.store.update_person(f.alex, read.version + 3, &read.value, today()).expect("keep mine");
    assert!(!f.store.person(f.alex).expect("read").value.person.cse_strategy);
}

#[test]
fn a_row_deleted_since_it_was_read_has_no_version_now() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-28 09:30", None);
    let read = f.store.episode(id).expect("read");
    let mut ben = second(&f);
    ben.delete_episode(id, read.version).expect("ben deletes");
    let c = conflict(f.store.record_found(id, read.version, &found_at("2026-03-29 10:00"), now()));
    assert_eq!((c.version_now, c.by.clone(), c.changes.len()), (None, vec!["ben".to_string()], 0));
}

#[test]
fn another_connections_commit_moves_data_version_but_ones_own_does_not() {
    let mut f = fixture();
    let ben = second(&f);
    let mine = f.store.data_version().expect("version");
    let bens = ben.data_version().expect("version");
    let read = f.store.person(f.alex).expect("read");
    let mut rec = read.value.clone();
    rec.person.team = Some("South CiC".into());
    f.store.update_person(f.alex, read.version, &rec, today()).expect("save");
    assert_eq!(f.store.data_version().expect("version"), mine);
    assert_ne!(ben.data_version().expect("version"), bens);
}
