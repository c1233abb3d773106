//! A whole cycle typed into the forms: a new child, missing, found, two
//! failed attempts, and the interview completed from carers with two
//! reasons; then the rows and the audit trail are checked.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;

#[test]
fn new_child_missing_found_two_attempts_and_completed_from_carers() {
    let (_d, path, mut s) = session();
    let imported: i64 = one(&path, "SELECT max(id) FROM audit");
    act(&mut s, &[Action::Open(FormKind::NewPerson)]);
    fill(&mut s, "person_ref", "T900");
    fill(&mut s, "given_name", "Morgan");
    fill(&mut s, "family_name", "Newchild");
    fill(&mut s, "date_of_birth", "14/02/2012");
    choose(&mut s, "case_status", "child_in_care");
    choose(&mut s, "placement_type", "la_home");
    fill(&mut s, "placement_name", "Willows");
    save(&mut s);

    act(&mut s, &[Action::Open(FormKind::Missing)]);
    type_text(&mut s, "morgan");
    fill(&mut s, "missing_at", "-5h");
    fill(&mut s, "police_ref", "NP-26-009900");
    save(&mut s);

    select_child(&mut s, 2, "T900");
    act(&mut s, &[Action::Open(FormKind::Found)]);
    fill(&mut s, "returned_at", "-1h");
    fill(&mut s, "where_found", "A friend's flat");
    fill(&mut s, "found_with", "Two friends");
    save(&mut s);

    select_child(&mut s, 0, "T900");
    for when in ["-30m", "now"] {
        act(&mut s, &[Action::Open(FormKind::Attempt)]);
        fill(&mut s, "attempted_at", when);
        choose(&mut s, "outcome", "not_seen");
        save(&mut s);
    }
    act(&mut s, &[Action::Open(FormKind::Complete)]);
    choose(&mut s, "outcome", "from_carers");
    tick(&mut s, "reasons", &["friends", "cse"]);
    save(&mut s);

    // The rows.
    let person: (String, String, String, String) = db(&path)
        .query_row(
            "SELECT p.given_name, p.date_of_birth, p.case_status, pl.name FROM people p
               JOIN placements pl ON pl.id = p.placement_id WHERE person_ref = 'T900'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .expect("the child");
    assert_eq!(person, ("Morgan".into(), "2012-02-14".into(), "child_in_care".into(), "Willows".into()));
    let episode: (String, String, String, String, String, String) = db(&path)
        .query_row(
            "SELECT missing_at, returned_at, missing_from, where_found, found_with, cohort FROM episodes
              WHERE person_id = (SELECT id FROM people WHERE person_ref = 'T900')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .expect("one episode");
    assert_eq!(
        episode,
        (
            "2026-03-30T06:00:00Z".into(),
            "2026-03-30T10:00:00Z".into(),
            "la_home".into(),
            "A friend's flat".into(),
            "Two friends".into(),
            "local".into()
        )
    );
    let attempts: Vec<(String, String, String)> = db(&path)
        .prepare(
            "SELECT a.attempted_at, a.method, a.outcome FROM ri_attempts a
               JOIN return_interviews r ON r.id = a.interview_id JOIN episodes e ON e.id = r.episode_id
              WHERE e.person_id = (SELECT id FROM people WHERE person_ref = 'T900') ORDER BY a.attempted_at",
        )
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        attempts,
        [
            ("2026-03-30T10:30:00Z".into(), "face_to_face".into(), "not_seen".into()),
            ("2026-03-30T11:00:00Z".into(), "face_to_face".into(), "not_seen".into())
        ]
    );
    let interview: (String, String, String) = db(&path)
        .query_row(
            "SELECT completed_at, outcome, reasons FROM return_interviews r JOIN episodes e ON e.id = r.episode_id
              WHERE e.person_id = (SELECT id FROM people WHERE person_ref = 'T900')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("the interview");
    assert_eq!(interview, ("2026-03-30T11:00:00Z".into(), "from_carers".into(), "friends;cse".into()));
    // Done, so off the chase list.
    assert!(!s.app.lists.chase.iter().any(|r| r.person_ref == "T900"));

    // The trail: every step, by this user, with the row after.
    let trail: Vec<(String, String)> = db(&path)
        .prepare("SELECT table_name, action FROM audit WHERE id > ?1 ORDER BY id")
        .expect("sql")
        .query_map([imported], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    let count = |t: &str, a: &str| trail.iter().filter(|(tt, aa)| tt == t && aa == a).count();
    assert_eq!(count("people", "insert"), 1);
    assert_eq!(count("episodes", "insert"), 1);
    assert_eq!(count("episodes", "update"), 1, "found");
    assert_eq!(count("return_interviews", "insert"), 1);
    assert_eq!(count("ri_attempts", "insert"), 2);
    assert!(count("return_interviews", "update") >= 3, "two attempts and the completion: {trail:?}");
    let who: String = one(&path, "SELECT group_concat(DISTINCT who) FROM audit WHERE table_name = 'ri_attempts'");
    assert!(!who.is_empty());
}
