//! Issue 10's keys on the synthetic fixture at `AT`: `P` records a new police
//! risk grade (the lists show the latest, the child's screen the history),
//! `O` on a child's screen records an interview offered by letter, and `X`
//! filters Chase and MPMG to children at risk of CSE or CCE.

mod common;
use common::entry::*;
use ri_chase::domain::codes::{Exploitation, Risk};
use ri_chase::tui::action::Action;
use ri_chase::tui::app::Overlay;
use ri_chase::tui::filters::PickerChoice;
use ri_chase::tui::forms::form::FormKind;

#[test]
fn a_new_grade_on_the_still_missing_row_is_the_one_listed_and_the_child_screen_shows_the_history() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 2, "E09");
    act(&mut s, &[Action::Open(FormKind::RiskGrade)]);
    fill(&mut s, "graded_at", "30/03/2026 10:15");
    choose(&mut s, "risk", "high");
    insta::assert_snapshot!("risk_grade_filled", screen(&s, 80, 24));
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none(), "saved: {:?}", s.app.form.as_ref().map(|f| f.banner.clone()));
    let row = s.app.visible_missing().into_iter().find(|r| r.episode_ref == "E09").expect("E09 still missing");
    assert_eq!(row.risk, Some(Risk::High));
    let grades: i64 = one(&path, "SELECT count(*) FROM risk_grades");
    assert_eq!(grades, 2, "the grade given at the report, then the new one");
    act(&mut s, &[Action::OpenPerson]);
    let shown = screen(&s, 120, 40);
    assert!(shown.contains("Risk grades: Medium Sat 28/03 06:00 · High Mon 30/03 10:15"), "{shown}");
    // One undo takes the whole regrade back.
    act(&mut s, &[Action::Undo]);
    let grades: i64 = one(&path, "SELECT count(*) FROM risk_grades");
    let risk: String = one(&path, "SELECT risk FROM episodes WHERE episode_ref = 'E09'");
    assert_eq!((grades, risk.as_str()), (0, "medium"));
}

#[test]
fn a_grade_before_the_child_went_missing_is_refused_next_to_its_field() {
    let (_d, _path, mut s) = session();
    select_episode(&mut s, 2, "E09");
    act(&mut s, &[Action::Open(FormKind::RiskGrade)]);
    fill(&mut s, "graded_at", "27/03/2026 10:00");
    act(&mut s, &[Action::Save]);
    let error = error_on(&s, "graded_at").expect("refused");
    assert!(error.contains("before the child went missing"), "{error}");
}

#[test]
fn an_interview_offered_by_letter_is_recorded_on_the_child_screen_and_says_so() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 0, "E02");
    act(&mut s, &[Action::OpenPerson]);
    assert!(screen(&s, 120, 40).contains("Offered no · accepted no"));
    act(&mut s, &[Action::Open(FormKind::Offer)]);
    choose(&mut s, "offered", "yes");
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none(), "saved");
    let offered: Option<bool> = one(
        &path,
        "SELECT ri.offered FROM return_interviews ri JOIN episodes e ON e.id = ri.episode_id WHERE e.episode_ref = 'E02'",
    );
    assert_eq!(offered, Some(true));
    let shown = screen(&s, 120, 40);
    assert!(shown.contains("Offered yes (recorded) · accepted no"), "{shown}");
}

#[test]
fn the_exploitation_filter_keeps_the_chase_rows_of_children_at_risk_of_that_kind() {
    let (_d, path, mut s) = session();
    // E01's child at risk of criminal exploitation; E03's is under a CSE strategy.
    let conn = db(&path);
    // The trail's triggers name the user; a test connection names itself.
    conn.create_scalar_function("app_user", 0, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |_| Ok("test"))
        .expect("user");
    // And they chain each entry with a hash: a stand-in will do here (this
    // file would not pass `audit verify`, which is not what this test is about).
    conn.create_scalar_function("audit_hash", 9, rusqlite::functions::FunctionFlags::SQLITE_UTF8, |_| Ok("test"))
        .expect("hash");
    conn.execute("UPDATE episodes SET cce_risk = 1 WHERE episode_ref = 'E01'", []).expect("cce");
    drop(conn);
    s.reload_now().expect("reload");
    act(&mut s, &[Action::GoTab(0), Action::FilterExploitation]);
    let options = match &s.app.overlay {
        Overlay::Picker(p) => p.options.clone(),
        other => panic!("no picker: {other:?}"),
    };
    assert_eq!(
        options,
        [(PickerChoice::All, 0), (PickerChoice::Value("CSE".into()), 1), (PickerChoice::Value("CCE".into()), 1)]
    );
    act(&mut s, &[Action::Down, Action::Down, Action::Confirm]);
    assert_eq!(s.app.filters.exploitation, Some(Exploitation::Cce));
    let refs: Vec<String> = s.app.visible_chase().iter().map(|r| r.episode_ref.clone()).collect();
    assert_eq!(refs, ["E01"]);
    insta::assert_snapshot!("chase_cce_80x24", screen(&s, 80, 24));
    // The Strategy tab has no such filter: it says so and filters nothing.
    act(&mut s, &[Action::ClearFilters, Action::GoTab(1), Action::FilterExploitation]);
    assert_eq!(s.app.overlay, Overlay::None);
    assert_eq!(s.app.status.as_deref(), Some("The exploitation filter applies to the Chase and MPMG tabs"));
}

#[test]
fn a_cce_flag_set_on_the_person_form_is_dated_today_and_shown_and_cleared_with_the_flag() {
    let (_d, path, mut s) = session();
    select_episode(&mut s, 0, "E01");
    act(&mut s, &[Action::OpenPerson, Action::Open(FormKind::EditPerson)]);
    choose(&mut s, "cce_risk", "yes");
    // An NRM outcome needs the referral's date.
    choose(&mut s, "nrm_outcome", "reasonable_grounds");
    act(&mut s, &[Action::Save]);
    assert!(error_on(&s, "nrm_referred_on").is_some_and(|e| e.contains("give the date")), "refused");
    fill(&mut s, "nrm_referred_on", "20/03/2026");
    act(&mut s, &[Action::Save]);
    assert!(s.app.form.is_none(), "saved");
    let (cce, since, nrm): (bool, Option<String>, Option<String>) = db(&path)
        .query_row(
            "SELECT cce_risk, cce_since, nrm_referred_on || ' ' || nrm_outcome FROM people WHERE person_ref = 'T001'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("row");
    assert_eq!(
        (cce, since.as_deref(), nrm.as_deref()),
        (true, Some("2026-03-30"), Some("2026-03-20 reasonable_grounds"))
    );
    let shown = screen(&s, 120, 40);
    assert!(shown.contains("CCE risk since 30/03/2026"), "{shown}");
    assert!(shown.contains("NRM referral 20/03/2026: positive reasonable grounds"), "{shown}");
    // Cleared, the flag takes its date with it.
    act(&mut s, &[Action::Open(FormKind::EditPerson)]);
    choose(&mut s, "cce_risk", "no");
    act(&mut s, &[Action::Save]);
    let since: Option<String> = one(&path, "SELECT cce_since FROM people WHERE person_ref = 'T001'");
    assert_eq!(since, None);
}
