//! Two people on one file edit the same return interview: the second save is
//! refused with what the first changed, and nothing is lost either way.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;

#[test]
fn a_stale_save_shows_the_conflict_and_keep_mine_loses_nothing() {
    let (_d, path, mut a) = session();
    let mut b = open_session(&path, false);
    // Two people: on one machine they are two OS users; here, two names.
    a.store.set_user("alice").expect("user");
    b.store.set_user("bob").expect("user");
    select_episode(&mut a, 0, "E01");
    select_episode(&mut b, 0, "E01");
    act(&mut a, &[Action::Open(FormKind::AssignWorker)]);
    act(&mut b, &[Action::Open(FormKind::Attempt)]);

    fill(&mut a, "worker", "Ash Allocated");
    save(&mut a);
    assert!(b.others_changed(), "B's screens notice A's save");

    choose(&mut b, "outcome", "declined");
    act(&mut b, &[Action::Save]);
    let view = b.app.conflict.as_ref().expect("B sees a conflict");
    let worker = view.conflict.changes.iter().find(|c| c.column == "worker").expect("the worker changed");
    assert_eq!((worker.was.as_deref(), worker.now.as_deref()), (Some("Sam Worker"), Some("Ash Allocated")));
    assert_eq!(view.conflict.by, ["alice"]);
    insta::assert_snapshot!("conflict", screen(&b, 100, 30));
    let attempts = || {
        one::<i64>(
            &path,
            "SELECT count(*) FROM ri_attempts a JOIN return_interviews r ON r.id = a.interview_id JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E01'",
        )
    };
    assert_eq!(attempts(), 1, "nothing written yet");

    act(&mut b, &[Action::KeepMine]);
    assert!(b.app.conflict.is_none() && b.app.form.is_none(), "saved");
    assert_eq!(attempts(), 2);
    let worker: String = one(
        &path,
        "SELECT worker FROM return_interviews r JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E01'",
    );
    assert_eq!(worker, "Ash Allocated", "A's change survives B's save");
    let who: String = one(
        &path,
        "SELECT group_concat(who, ',') FROM (SELECT DISTINCT who FROM audit WHERE table_name IN ('return_interviews', 'ri_attempts') AND who IN ('alice', 'bob') ORDER BY who)",
    );
    assert_eq!(who, "alice,bob", "both users' changes are in the trail");
}

#[test]
fn take_theirs_reopens_the_form_on_the_saved_values() {
    let (_d, path, mut a) = session();
    let mut b = open_session(&path, false);
    select_episode(&mut a, 0, "E01");
    select_episode(&mut b, 0, "E01");
    act(&mut a, &[Action::Open(FormKind::AssignWorker)]);
    act(&mut b, &[Action::Open(FormKind::AssignWorker)]);
    fill(&mut a, "worker", "Ash Allocated");
    save(&mut a);
    fill(&mut b, "worker", "Bo Beta");
    act(&mut b, &[Action::Save]);
    assert!(b.app.conflict.is_some());
    act(&mut b, &[Action::TakeTheirs]);
    let form = b.app.form.as_ref().expect("reopened");
    assert_eq!(form.field("worker").and_then(|f| f.text()).as_deref(), Some("Ash Allocated"));
    act(&mut b, &[Action::Back]);
    let worker: String = one(
        &path,
        "SELECT worker FROM return_interviews r JOIN episodes e ON e.id = r.episode_id WHERE e.episode_ref = 'E01'",
    );
    assert_eq!(worker, "Ash Allocated");
}

#[test]
fn cancel_after_a_conflict_writes_nothing() {
    let (_d, path, mut a) = session();
    let mut b = open_session(&path, false);
    select_episode(&mut a, 0, "E01");
    select_episode(&mut b, 0, "E01");
    act(&mut a, &[Action::Open(FormKind::AssignWorker)]);
    act(&mut b, &[Action::Open(FormKind::AssignWorker)]);
    fill(&mut a, "worker", "Ash Allocated");
    save(&mut a);
    let before: i64 = one(&path, "SELECT count(*) FROM audit");
    fill(&mut b, "worker", "Bo Beta");
    act(&mut b, &[Action::Save, Action::Back]);
    assert!(b.app.conflict.is_none() && b.app.form.is_none());
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM audit"), before);
}
