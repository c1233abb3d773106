//! Issue 10's data model: police risk grades over an episode, the schema-6
//! migration of old grades, the interview's recorded offer.

use super::*;
use crate::domain::codes::Risk;
use crate::domain::risk::RiskGrade;

fn graded(f: &mut Fixture, risk: Risk) -> i64 {
    let new = NewEpisode { risk: Some(risk), ..missing_at("2026-03-28 20:00") };
    f.store.report_missing(f.alex, &new, now()).expect("report missing").0
}

fn version(f: &Fixture, id: i64) -> i64 {
    f.store.episode(id).expect("episode").version
}

#[test]
fn a_new_grade_mid_episode_is_kept_with_its_time_and_the_latest_is_shown() {
    let mut f = fixture();
    let id = graded(&mut f, Risk::Low);
    let high = RiskGrade { at: at("2026-03-29 09:00"), risk: Risk::High };
    let change = f.store.record_risk_grade(id, version(&f, id), high, now()).expect("grade");
    assert_eq!(shape(&f.store, &change), ["risk_grades insert", "risk_grades insert", "episodes update"]);
    // A grade entered later but given earlier does not replace the latest.
    let medium = RiskGrade { at: at("2026-03-29 00:30"), risk: Risk::Medium };
    f.store.record_risk_grade(id, version(&f, id), medium, now()).expect("grade");
    let grades: Vec<(String, Risk)> = f
        .store
        .risk_grades(id)
        .expect("grades")
        .iter()
        .map(|g| (crate::domain::time::csv_local(g.at), g.risk))
        .collect();
    assert_eq!(
        grades,
        [
            ("2026-03-28 20:00".to_string(), Risk::Low),
            ("2026-03-29 00:30".to_string(), Risk::Medium),
            ("2026-03-29 09:00".to_string(), Risk::High),
        ]
    );
    let missing = f.store.missing_cases(now()).expect("missing");
    assert_eq!(missing.iter().map(|c| c.episode.risk).collect::<Vec<_>>(), [Some(Risk::High)]);
}

#[test]
fn a_grade_change_undoes_whole_and_a_stale_or_impossible_one_is_refused() {
    let mut f = fixture();
    let id = graded(&mut f, Risk::Medium);
    let v = version(&f, id);
    let change = f
        .store
        .record_risk_grade(id, v, RiskGrade { at: at("2026-03-29 09:00"), risk: Risk::High }, now())
        .expect("ok");
    // The form was read before that grade: a conflict, nothing written.
    let stale = f.store.record_risk_grade(id, v, RiskGrade { at: at("2026-03-29 10:00"), risk: Risk::Low }, now());
    assert!(matches!(stale, Err(EditError::Conflict(_))), "{stale:?}");
    let before = RiskGrade { at: at("2026-03-28 19:00"), risk: Risk::Low };
    match f.store.record_risk_grade(id, version(&f, id), before, now()) {
        Err(EditError::Invalid(p)) => assert_eq!(p[0].field, "graded_at"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    f.store.undo(&change).expect("undo");
    assert_eq!(f.store.risk_grades(id).expect("grades"), []);
    assert_eq!(f.store.episode(id).expect("episode").value.episode.risk, Some(Risk::Medium));
}

#[test]
fn correcting_the_risk_on_the_episode_corrects_its_latest_grade() {
    let mut f = fixture();
    let id = graded(&mut f, Risk::Low);
    let high = RiskGrade { at: at("2026-03-29 09:00"), risk: Risk::High };
    f.store.record_risk_grade(id, version(&f, id), high, now()).expect("grade");
    let e = f.store.episode(id).expect("episode").value.episode;
    let edit = EpisodeEdit {
        missing_at: e.missing_at,
        returned_at: None,
        kind: e.kind,
        missing_from: e.missing_from,
        missing_from_name: e.missing_from_name.clone(),
        police_ref: None,
        risk: Some(Risk::Medium),
        exploitation: Vec::new(),
    };
    f.store.update_episode(id, version(&f, id), &edit, now()).expect("edit");
    let risks: Vec<Risk> = f.store.risk_grades(id).expect("grades").iter().map(|g| g.risk).collect();
    assert_eq!(risks, [Risk::Low, Risk::Medium]);
}

#[test]
fn a_schema_5_file_with_old_none_grades_reads_them_as_very_low() {
    let mut f = fixture();
    let other = episode(&mut f, "2026-03-01 10:00", Some("2026-03-02 10:00"));
    let id = graded(&mut f, Risk::Low);
    crate::store::schema::back_to_5(&f.store.conn).expect("back to schema 5");
    f.store
        .conn
        .execute_batch(&format!(
            "UPDATE episodes SET risk = 'none' WHERE id = {id}; UPDATE episodes SET risk = 'Absent' WHERE id = {other};"
        ))
        .expect("old grades");
    let path = f.path.clone();
    drop(f.store);
    let mut store = crate::store::Store::open_existing(&path).expect("migrates");
    store.set_user("ana").expect("user");
    for e in [id, other] {
        let stored: Option<String> =
            store.conn.query_row("SELECT risk FROM episodes WHERE id = ?1", [e], |r| r.get(0)).expect("row");
        assert_eq!(stored.as_deref(), Some("very_low"));
    }
    // The conversion is in the trail like any change, and moved the versions.
    let (n, version): (i64, i64) = store
        .conn
        .query_row(
            "SELECT (SELECT count(*) FROM audit WHERE table_name = 'episodes' AND action = 'update'
                      AND after LIKE '%\"risk\":\"very_low\"%'),
                    (SELECT version FROM episodes WHERE id = ?1)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("trail");
    assert_eq!((n, version), (2, 2));
    // And the new columns and table are there, audited too.
    let v = store.episode(id).expect("episode").version;
    let change = store
        .record_risk_grade(id, v, RiskGrade { at: at("2026-03-29 09:00"), risk: Risk::High }, now())
        .expect("grade after migration");
    assert_eq!(shape(&store, &change), ["risk_grades insert", "risk_grades insert", "episodes update"]);
}

#[test]
fn an_offer_recorded_by_hand_is_stored_cleared_and_refused_when_contradictory() {
    let mut f = fixture();
    let id = episode(&mut f, "2026-03-27 10:00", Some("2026-03-28 10:00"));
    let ri = f.store.interview(id).expect("interview");
    let change = f.store.record_offer(ri.id, ri.version, Some(true), None).expect("offered by letter");
    assert_eq!(shape(&f.store, &change), ["return_interviews update"]);
    let read = f.store.interview(id).expect("interview");
    assert_eq!((read.value.interview.offered, read.value.interview.accepted), (Some(true), None));
    assert_eq!(crate::domain::ri_offer::offered(&read.value.interview), crate::domain::codes::YesNoNa::Yes);
    let refused = f.store.record_offer(ri.id, read.version, Some(false), Some(true));
    assert!(matches!(refused, Err(EditError::Invalid(_))), "{refused:?}");
    f.store.undo(&change).expect("undo");
    assert_eq!(f.store.interview(id).expect("interview").value.interview.offered, None);
}

#[test]
fn a_regraded_episode_deletes_with_its_grades_and_undo_brings_them_back() {
    let mut f = fixture();
    let id = graded(&mut f, Risk::Low);
    let high = RiskGrade { at: at("2026-03-29 09:00"), risk: Risk::High };
    f.store.record_risk_grade(id, version(&f, id), high, now()).expect("grade");
    let change = f.store.delete_episode(id, version(&f, id)).expect("delete");
    let left: i64 = f.store.conn.query_row("SELECT count(*) FROM risk_grades", [], |r| r.get(0)).expect("count");
    assert_eq!(left, 0);
    f.store.undo(&change).expect("undo");
    assert_eq!(f.store.risk_grades(id).expect("grades").len(), 2);
    assert_eq!(f.store.episode(id).expect("episode").value.episode.risk, Some(Risk::High));
}
