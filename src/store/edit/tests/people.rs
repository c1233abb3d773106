//! The young person form's reads, checks and writes.

use super::*;

#[test]
fn a_new_child_is_written_with_their_placement_and_audited_as_the_user() {
    let mut f = fixture();
    let mut rec = record("T200", " Billie ", "Sample");
    rec.profile.vulnerability = Some("CSE risk".into());
    rec.profile.school = Some("  ".into());
    let (id, change) = f.store.add_person(&rec, today()).expect("add");
    let read = f.store.person(id).expect("read");
    assert_eq!(read.version, 1);
    assert_eq!(read.value.person.given_name, "Billie", "names are trimmed");
    assert_eq!(read.value.profile.vulnerability.as_deref(), Some("CSE risk"));
    assert_eq!(read.value.profile.school, None, "blank text is no text");
    assert_eq!(read.value.profile.placement, Some(Placement { kind: MissingFrom::LaHome, name: "Willows".into() }));
    // Willows was added with Alex; Billie's record only adds Billie.
    assert_eq!(shape(&f.store, &change), ["people insert"]);
    let entry = &entries(&f.store, &change)[0];
    assert_eq!((entry.who.as_str(), entry.row_id, entry.before.as_deref()), ("ana", Some(id), None));
    assert!(entry.after.as_deref().expect("after").contains(r#""person_ref":"T200""#));
    assert_eq!(f.store.person_id_by_ref(" T200 ").expect("lookup"), Some(id));
    assert_eq!(f.store.person_id_by_ref("T999").expect("lookup"), None);
}

#[test]
fn a_new_placement_joins_the_picker_in_name_order() {
    let mut f = fixture();
    let mut rec = record("T200", "Billie", "Sample");
    rec.profile.placement = Some(Placement { kind: MissingFrom::IndependentHome, name: "The Gables".into() });
    let (_, change) = f.store.add_person(&rec, today()).expect("add");
    assert_eq!(shape(&f.store, &change), ["placements insert", "people insert"]);
    let names: Vec<String> = f.store.placements().expect("placements").into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["The Gables", "Willows"]);
}

#[test]
fn a_reference_already_in_use_is_refused_and_nothing_is_written() {
    let mut f = fixture();
    let before = f.store.audit_count().expect("count");
    let problems = invalid(f.store.add_person(&record(" T100 ", "Other", "Child"), today()));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].field, "person_ref");
    assert!(problems[0].message.contains("Alex Smith"), "{}", problems[0].message);
    assert_eq!(f.store.audit_count().expect("count"), before);
    // A child keeps their own reference when saved again.
    let alex = f.store.person(f.alex).expect("read");
    assert_eq!(f.store.check_person(Some(f.alex), &alex.value, today()).expect("check"), []);
}

#[test]
fn a_date_of_birth_out_of_range_is_refused() {
    let mut f = fixture();
    let mut rec = record("T200", "Billie", "Sample");
    rec.person.date_of_birth = NaiveDate::from_ymd_opt(2001, 3, 29).expect("date");
    let problems = invalid(f.store.add_person(&rec, today()));
    assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), ["date_of_birth"]);
    rec.person.date_of_birth = NaiveDate::from_ymd_opt(2001, 3, 30).expect("date");
    f.store.add_person(&rec, today()).expect("exactly 25 years ago is allowed");
}

#[test]
fn saving_a_child_bumps_the_version_and_audits_before_and_after() {
    let mut f = fixture();
    let read = f.store.person(f.alex).expect("read");
    let mut rec = read.value.clone();
    rec.person.case_status = CaseStatus::ChildProtection;
    rec.profile.school = Some("Northshire Academy".into());
    let change = f.store.update_person(f.alex, read.version, &rec, today()).expect("update");
    let now = f.store.person(f.alex).expect("read again");
    assert_eq!(now.version, read.version + 1);
    assert_eq!(now.value, rec);
    let e = &entries(&f.store, &change)[0];
    assert_eq!((e.table_name.as_str(), e.action.as_str(), e.who.as_str()), ("people", "update", "ana"));
    assert!(e.before.as_deref().expect("before").contains(r#""case_status":"child_in_care""#));
    assert!(e.after.as_deref().expect("after").contains(r#""case_status":"child_protection""#));
}

#[test]
fn a_date_of_birth_after_the_childs_first_episode_is_refused() {
    let mut f = fixture();
    episode(&mut f, "2026-03-20 10:00", Some("2026-03-21 10:00"));
    let read = f.store.person(f.alex).expect("read");
    let mut rec = read.value.clone();
    rec.person.date_of_birth = NaiveDate::from_ymd_opt(2026, 3, 21).expect("date");
    let problems = invalid(f.store.update_person(f.alex, read.version, &rec, today()));
    assert!(problems[0].message.contains("RC-000001"), "{}", problems[0].message);
}

#[test]
fn a_missing_child_is_a_sentence_not_a_crash() {
    let f = fixture();
    let err = f.store.person(999).expect_err("no such child");
    assert!(matches!(err, StoreError::NotFound { what: "young person", id: 999 }), "{err}");
    assert!(err.to_string().contains("reload the list"), "{err}");
}
