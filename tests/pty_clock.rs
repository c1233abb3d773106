//! Issue 8.19: the real binary on the live clock turns an interview OVERDUE
//! as its deadline passes, and its header clock turns over on the minute,
//! rather than up to a minute later (a timer started at launch).
#![cfg(unix)]

mod common;
use chrono::{Duration, Timelike, Utc};
use common::pty::Running;
use ri_chase::domain::time::{Instant, to_uk};
use ri_chase::tui::next_minute;

fn uk(t: Instant) -> String {
    to_uk(t).format("%Y-%m-%d %H:%M").to_string()
}

#[test]
fn an_interview_turns_overdue_on_the_minute_of_its_deadline() {
    // Start well inside a minute, so a timer counted from the launch could
    // not happen to fire at the minute's turn.
    let second = Utc::now().second();
    if !(5..=50).contains(&second) {
        std::thread::sleep(std::time::Duration::from_secs(u64::from((65 - second) % 60)));
    }
    // Due at the next whole minute: returned 72 hours before it.
    let deadline = next_minute(Utc::now());
    let returned = deadline - Duration::hours(72);
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("clock.sqlite");
    common::ri(&db).args(["init", "--authority", "Northshire"]).assert().success();
    let csv = dir.path().join("one.csv");
    std::fs::write(
        &csv,
        format!(
            "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at,returned_at,ri_worker\n\
             C1,Clock,Watcher,2011-01-01,Northshire,Northshire,child_in_care,C1E,home,{},{},Sam Worker\n",
            uk(returned - Duration::hours(2)),
            uk(returned)
        ),
    )
    .expect("csv");
    common::ri(&db).arg("import").arg(&csv).assert().success();

    let mut app = Running::start_live(dir, &db);
    app.screen.wait_for("the interview, still due", |s| {
        s.contents().lines().any(|l| l.contains("Clock Watcher") && l.contains("<24h"))
    });
    let wait = (deadline - Utc::now()).to_std().unwrap_or_default();
    std::thread::sleep(wait);
    let turned = std::time::Instant::now();
    let clock = to_uk(deadline).format("%H:%M").to_string();
    app.screen.wait_for("OVERDUE and the new minute on the header", |s| {
        let text = s.contents();
        text.lines().any(|l| l.contains("Clock Watcher") && l.contains("OVERDUE"))
            && text.lines().next().is_some_and(|h| h.contains(&clock))
    });
    assert!(turned.elapsed() < std::time::Duration::from_secs(3), "took {:?} after the minute", turned.elapsed());
    app.press("q");
    assert!(app.wait_for_exit().success());
}
