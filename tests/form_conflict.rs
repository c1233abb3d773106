//! Two people on one file edit the same return interview: the second save is
//! refused with what the first changed, and nothing is lost either way.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;
use ri_chase::tui::session::Session;

/// Two sessions on one file, alice's and bob's, each with episode E01
/// selected. On one machine they are two OS users; here, two names.
fn alice_and_bob_on_e01() -> (tempfile::TempDir, std::path::PathBuf, Session, Session) {
    let (d, path, mut a) = session();
    let mut b = open_session(&path, false);
    a.store.set_user("alice").expect("user");
    b.store.set_user("bob").expect("user");
    select_episode(&mut a, 0, "E01");
    select_episode(&mut b, 0, "E01");
    (d, path, a, b)
}

#[test]
fn a_stale_save_shows_the_conflict_and_keep_mine_loses_nothing() {
    let (_d, path, mut a, mut b) = alice_and_bob_on_e01();
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

#[test]
fn a_row_deleted_by_another_user_says_who_and_when_and_offers_only_to_close() {
    let (_d, path, mut a, mut b) = alice_and_bob_on_e01();
    act(&mut a, &[Action::Open(FormKind::AssignWorker)]);
    act(&mut b, &[Action::DeleteEpisode, Action::Yes]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM episodes WHERE episode_ref = 'E01'"), 0);

    fill(&mut a, "worker", "Ash Allocated");
    act(&mut a, &[Action::Save]);
    let view = a.app.conflict.as_ref().expect("A is told");
    let deletion = view.conflict.deleted.as_ref().expect("who deleted it, from the trail");
    assert_eq!(deletion.by, "bob");
    assert_eq!(a.app.context(), ri_chase::tui::keymap::Context::Gone);
    let shown = screen(&a, 100, 30);
    assert!(shown.contains("bob deleted this at "), "{shown}");
    assert!(!shown.contains("k keep mine") && !shown.contains("take theirs"), "{shown}");
    // The time is the trail's own (the wall clock), so it is masked in the snapshot.
    let masked: String = shown
        .lines()
        .map(|l| match (l.find("deleted this at "), l.find(" since you")) {
            (Some(i), Some(j)) => {
                let from = i + "deleted this at ".len();
                format!("{}{:<width$}{}", &l[..from], "<when>", &l[j..], width = l[from..j].chars().count())
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("conflict_deleted", masked);
    // k and t mean nothing here; nothing is written.
    let before: i64 = one(&path, "SELECT count(*) FROM audit");
    for key in ['k', 't'] {
        let action = ri_chase::tui::keymap::action_for(
            a.app.context(),
            ratatui::crossterm::event::KeyEvent::new(
                ratatui::crossterm::event::KeyCode::Char(key),
                ratatui::crossterm::event::KeyModifiers::NONE,
            ),
        );
        assert_eq!(action, None, "{key}");
    }
    act(&mut a, &[Action::KeepMine, Action::TakeTheirs]);
    assert!(a.app.conflict.is_some(), "still the dialog");
    act(&mut a, &[Action::Back]);
    assert!(a.app.conflict.is_none() && a.app.form.is_none());
    assert_eq!(
        a.app.status.as_deref(),
        Some("Not saved: bob deleted it · Assigned Ash Allocated to Alex Testcase's return interview")
    );
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM audit"), before);
    assert!(!a.app.lists.chase.iter().any(|r| r.episode_ref == "E01"), "the lists follow");
}
