//! The app while the audit trail's triggers are not in place: it says so
//! when it opens, and refuses each save (naming the repair) instead of
//! writing a change that no trail would record.

mod common;
use common::entry::*;
use ri_chase::tui::action::Action;

#[test]
fn the_app_opened_without_its_triggers_says_so_and_saves_nothing_until_they_are_repaired() {
    let (_d, path, s) = session();
    drop(s);
    db(&path).execute_batch("DROP TRIGGER audit_episodes_update").expect("drop as sqlite3 would");
    let mut s = open_session(&path, false);
    let status = s.app.status.clone().unwrap_or_default();
    assert!(
        status.contains("Changes cannot be saved") && status.contains("ri-chase audit repair-triggers"),
        "{status}"
    );
    assert!(status.contains("audit_episodes_update"), "{status}");

    let audit_rows: i64 = one(&path, "SELECT count(*) FROM audit");
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::FoundNow]);
    let status = s.app.status.clone().unwrap_or_default();
    assert!(status.starts_with("Not saved: the audit trail's triggers are not as ri-chase makes them"), "{status}");
    assert!(status.contains("ri-chase audit repair-triggers"), "{status}");
    let returned: Option<String> = one(&path, "SELECT returned_at FROM episodes WHERE episode_ref = 'E08'");
    assert_eq!(returned, None, "not written");
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM audit"), audit_rows);

    // Repaired (by the command, from outside), the same save lands and is audited.
    s.store.repair_triggers().expect("repair").expect("repaired");
    act(&mut s, &[Action::FoundNow]);
    let returned: Option<String> = one(&path, "SELECT returned_at FROM episodes WHERE episode_ref = 'E08'");
    assert!(returned.is_some(), "saved: {:?}", s.app.status);
}

#[test]
fn triggers_dropped_while_the_app_is_open_stop_its_next_save() {
    let (_d, path, mut s) = session();
    db(&path).execute_batch("DROP TRIGGER audit_no_delete").expect("drop as sqlite3 would");
    select_episode(&mut s, 2, "E08");
    act(&mut s, &[Action::FoundNow]);
    let status = s.app.status.clone().unwrap_or_default();
    assert!(status.contains("missing: audit_no_delete"), "{status}");
    let returned: Option<String> = one(&path, "SELECT returned_at FROM episodes WHERE episode_ref = 'E08'");
    assert_eq!(returned, None);
}
