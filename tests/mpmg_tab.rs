//! The MPMG tab, driven through the app's actions on the MPMG fixture: the
//! same children in the same order as `ri-chase mpmg --format json`, months
//! stepped, children marked reviewed, and the trajectory of a demo cohort
//! checked against a count by hand.

mod common;
use common::entry::*;
use common::{json_of, ri};
use ri_chase::domain::period::YearMonth;
use ri_chase::domain::time::parse_instant;
use ri_chase::tui::action::Action;
use ri_chase::tui::app::Tab;
use ri_chase::tui::forms::form::FormKind;
use ri_chase::tui::mpmg::MpmgView;
use ri_chase::tui::session::Session;

const AT: &str = "2026-11-10 12:00";

fn mpmg_session() -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.sqlite");
    let mut s = open_session_on(&path, Some(("mpmg.csv", "2026-11-27 12:00")), AT);
    act(&mut s, &[Action::GoTab(3)]);
    (dir, path, s)
}

fn refs_of(list: &serde_json::Value) -> Vec<String> {
    list.as_array().expect("a list").iter().map(|r| r["person_ref"].as_str().expect("ref").to_string()).collect()
}

fn shown(s: &Session) -> Vec<String> {
    s.app.visible_mpmg_refs().into_iter().map(str::to_string).collect()
}

#[test]
fn the_tab_lists_the_same_children_in_the_same_order_as_the_json() {
    let (_d, path, mut s) = mpmg_session();
    assert_eq!(s.app.tab, Tab::Mpmg);
    assert_eq!(s.app.mpmg_month, YearMonth::parse("2026-10").expect("month"), "the month just gone");
    let json = json_of(ri(&path).args(["mpmg", "--month", "2026-10", "--at", AT, "--format", "json"]));
    assert_eq!(shown(&s), refs_of(&json["cohort"]));
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.mpmg_view, MpmgView::Top10);
    assert_eq!(shown(&s), refs_of(&json["top10"]));
    act(&mut s, &[Action::CycleView]);
    assert_eq!(shown(&s), refs_of(&json["persistent_quarter"]));
    assert!(!shown(&s).is_empty() && shown(&s).len() < refs_of(&json["top10"]).len());
}

#[test]
fn the_tab_at_80x24_and_160x48() {
    let (_d, _p, mut s) = mpmg_session();
    insta::assert_snapshot!("mpmg_cohort_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("mpmg_cohort_160x48", screen(&s, 160, 48));
    act(&mut s, &[Action::CycleView]);
    insta::assert_snapshot!("mpmg_top10_120x40", screen(&s, 120, 40));
    act(&mut s, &[Action::CycleView]);
    insta::assert_snapshot!("mpmg_persistent_80x24", screen(&s, 80, 24));
}

#[test]
fn months_step_with_the_keys_and_the_lists_follow() {
    let (_d, _p, mut s) = mpmg_session();
    act(&mut s, &[Action::MonthBack]);
    assert_eq!(s.app.mpmg_month, YearMonth::parse("2026-09").expect("month"));
    let cohort: Vec<String> =
        s.app.mpmg_board().expect("loaded").month.cohort.iter().map(|r| r.person_ref.clone()).collect();
    assert!(!cohort.contains(&"M001".to_string()), "Ash's episodes are all in October");
    act(&mut s, &[Action::MonthOn, Action::MonthOn]);
    assert_eq!(s.app.mpmg_month, YearMonth::parse("2026-11").expect("month"));
    act(&mut s, &[Action::MonthBack]);
    assert_eq!(shown(&s)[0], "M001");
}

#[test]
fn a_meeting_is_recorded_children_marked_reviewed_and_an_action_added_from_the_tab() {
    let (_d, path, mut s) = mpmg_session();
    act(&mut s, &[Action::ToggleReviewed]);
    assert!(s.app.status.as_deref().is_some_and(|m| m.contains("No meeting is recorded for October 2026")));

    act(&mut s, &[Action::Open(FormKind::MpmgMeeting)]);
    assert_eq!(s.app.form.as_ref().and_then(|f| f.field("month")).and_then(|f| f.text()).as_deref(), Some("2026-10"));
    fill(&mut s, "held_on", "05/11/2026");
    fill(&mut s, "attendees", "Police; YOS; CSE team; health");
    save(&mut s);

    act(&mut s, &[Action::ToggleReviewed, Action::Down, Action::ToggleReviewed]);
    let reviewed: i64 = one(&path, "SELECT count(*) FROM mpmg_reviews");
    assert_eq!(reviewed, 2);
    let board = s.app.mpmg_board().expect("loaded");
    assert!(board.reviewed.contains("M001") && board.reviewed.contains("M002"));
    act(&mut s, &[Action::ToggleReviewed]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM mpmg_reviews"), 1, "Space again unmarks");
    act(&mut s, &[Action::Undo]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM mpmg_reviews"), 2);

    act(&mut s, &[Action::Top, Action::Open(FormKind::MpmgAction)]);
    fill(&mut s, "what", "Return home interview follow-up");
    fill(&mut s, "who", "Lee Lead");
    fill(&mut s, "due_on", "07/11/2026");
    save(&mut s);
    let open = s.app.mpmg_board().expect("loaded").open_actions.get("M001").copied().expect("Ash's action");
    assert_eq!((open.open, open.overdue), (1, 1));
    insta::assert_snapshot!("mpmg_reviewed_with_action_120x30", screen(&s, 120, 30));

    act(&mut s, &[Action::CycleView, Action::CycleView, Action::CycleView]);
    assert_eq!(s.app.mpmg_view, MpmgView::Trajectory);
    assert_eq!(shown(&s), ["M001", "M002"]);
    insta::assert_snapshot!("mpmg_trajectory_120x40", screen(&s, 120, 40));
}

/// A demo cohort: the children the demo's October meeting reviewed, and
/// their episodes per month from the quarter's start, counted here by hand
/// from each child's own episode list.
#[test]
fn the_trajectory_of_a_demo_cohort_matches_a_count_by_hand() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.sqlite");
    ri(&path).args(["demo", "--people", "300", "--episodes", "2000", "--at", "2026-11-28 09:30"]).assert().success();
    let mut s = open_session_on(&path, None, "2026-11-28 09:30");
    act(&mut s, &[Action::GoTab(3)]);
    assert_eq!(s.app.mpmg_month, YearMonth::parse("2026-10").expect("month"));
    // The group: whoever the meetings for October to December reviewed.
    let reviewed: Vec<String> = {
        let conn = rusqlite::Connection::open(&path).expect("db");
        let mut stmt = conn
            .prepare(
                "SELECT DISTINCT p.person_ref FROM mpmg_reviews r JOIN mpmg_meetings m ON m.id = r.meeting_id
                   JOIN people p ON p.id = r.person_id WHERE m.month BETWEEN '2026-10' AND '2026-12' ORDER BY 1",
            )
            .expect("sql");
        stmt.query_map([], |r| r.get(0)).expect("rows").collect::<Result<_, _>>().expect("rows")
    };
    assert_eq!(reviewed.len(), 6, "the demo's October meeting reviewed six children");
    let board = s.app.mpmg_board().expect("loaded");
    let mut group: Vec<String> = board.trajectory.group.iter().map(|c| c.person_ref.clone()).collect();
    group.sort();
    assert_eq!(group, reviewed);
    let t = &board.trajectory.trajectory;
    // October to November 2026: the quarter's months up to now.
    let months: Vec<String> = t.months.iter().map(|m| m.label()).collect();
    assert_eq!(months, ["2026-10", "2026-11"]);
    let now = parse_instant("2026-11-28 09:30").expect("now");
    let mut by_hand = vec![0u64; months.len()];
    for person_ref in &group {
        let page = s.store.person_page(person_ref).expect("read").expect("the child");
        let mut mine = vec![0u64; months.len()];
        for line in &page.episodes {
            let start = line.case.episode.missing_at;
            if start > now {
                continue;
            }
            if let Some(i) = months.iter().position(|m| *m == YearMonth::containing(start).label()) {
                mine[i] += 1;
                by_hand[i] += 1;
            }
        }
        let row = t.children.iter().find(|c| &c.person_ref == person_ref).expect("in the trajectory");
        assert_eq!(row.counts, mine, "{person_ref}");
    }
    assert_eq!(t.totals, by_hand);
    assert!(by_hand[0] >= 6, "each reviewed child went missing in October: {by_hand:?}");
    let quarter_total: u64 = t.quarters.iter().map(|q| q.episodes).sum();
    assert_eq!(quarter_total, by_hand.iter().sum::<u64>());
    act(&mut s, &[Action::CycleView, Action::CycleView, Action::CycleView]);
    insta::assert_snapshot!("mpmg_demo_trajectory_120x40", screen(&s, 120, 40));
}

/// Selects a child in the list shown on the MPMG tab.
fn select_in_mpmg(s: &mut Session, person_ref: &str) {
    act(s, &[Action::Top]);
    for _ in 0..50 {
        if s.app.selected_person().as_deref() == Some(person_ref) {
            return;
        }
        act(s, &[Action::Down]);
    }
    panic!("{person_ref} is not in the MPMG list shown");
}

/// The detail pane's lines, as drawn at `width` x 24.
fn detail(s: &Session, width: u16) -> String {
    let text = screen(s, width, 24);
    let from = text.find(" Detail ").unwrap_or_else(|| panic!("no detail pane:\n{text}"));
    text[from..].to_string()
}

/// tests/fixtures/mpmg_now.csv, as of 10 November 2026 (returns recorded later are in the file):
/// Ana (N001) back from October's episode, missing again from 8 November; Ben
/// (N002) back from October's; Cleo (N003) missing since 28 October.
fn missing_now_session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let mut s = open_session_on(&dir.path().join("n.sqlite"), Some(("mpmg_now.csv", "2026-11-27 12:00")), AT);
    act(&mut s, &[Action::GoTab(3)]);
    (dir, s)
}

#[test]
fn the_detail_pane_and_summary_say_who_is_missing_now_from_any_episode() {
    let (_d, mut s) = missing_now_session();
    assert_eq!(shown(&s), ["N003", "N002", "N001"], "October's children to review");
    let summary = screen(&s, 80, 24);
    assert!(summary.contains("Missing now 2"), "Ana and Cleo:\n{summary}");
    select_in_mpmg(&mut s, "N001");
    let ana = detail(&s, 120);
    assert!(ana.contains("MISSING NOW since Sun 08/11 10:00 (NA2)"), "from November's episode:\n{ana}");
    insta::assert_snapshot!("mpmg_missing_now_from_a_later_episode_80x24", screen(&s, 80, 24));
    select_in_mpmg(&mut s, "N002");
    assert!(!detail(&s, 120).contains("MISSING NOW"), "Ben is back");
    select_in_mpmg(&mut s, "N003");
    assert!(detail(&s, 120).contains("MISSING NOW since Wed 28/10 10:00 (NC3)"));

    // November: Cleo is persistently missing in the quarter, and missing now
    // from an episode that began before the month.
    act(&mut s, &[Action::MonthOn, Action::CycleView, Action::CycleView]);
    assert_eq!(s.app.mpmg_view, MpmgView::Persistent);
    select_in_mpmg(&mut s, "N003");
    assert!(detail(&s, 120).contains("MISSING NOW since Wed 28/10 10:00 (NC3)"), "{}", detail(&s, 120));
}

#[test]
fn missing_now_is_as_of_the_sessions_now() {
    // 21 November: Ana came back on the 20th; Cleo is still out.
    let dir = tempfile::tempdir().expect("dir");
    let mut s =
        open_session_on(&dir.path().join("n.sqlite"), Some(("mpmg_now.csv", "2026-11-27 12:00")), "2026-11-21 12:00");
    act(&mut s, &[Action::GoTab(3)]);
    assert_eq!(s.app.mpmg_month, YearMonth::parse("2026-10").expect("month"));
    assert!(screen(&s, 80, 24).contains("Missing now 1"));
    select_in_mpmg(&mut s, "N001");
    assert!(!detail(&s, 120).contains("MISSING NOW"), "{}", detail(&s, 120));
}

#[test]
fn an_action_added_with_plus_is_agreed_at_the_months_meeting_and_records_the_review() {
    let (_d, path, mut s) = mpmg_session();
    select_in_mpmg(&mut s, "M002");
    // No October meeting yet: no form, and the way to record one.
    act(&mut s, &[Action::Open(FormKind::MpmgAction)]);
    assert!(s.app.form.is_none());
    let status = s.app.status.clone().unwrap_or_default();
    assert!(status.contains("No meeting is recorded for October 2026: M records it"), "{status}");

    // Bo was reviewed at September's meeting; October's is recorded with M.
    let today = ri_chase::domain::time::parse_date("2026-11-10").expect("day");
    let september = ri_chase::domain::mpmg_review::MpmgMeeting {
        held_on: ri_chase::domain::time::parse_date("2026-10-06").expect("day"),
        month: (2026, 9),
        attendees: None,
        notes: None,
    };
    let (september_id, _) = s.store.add_mpmg_meeting(&september, today).expect("september");
    let bo = s.store.person_id_by_ref("M002").expect("read").expect("Bo");
    s.store.set_reviewed(september_id, bo, true).expect("reviewed in September");
    act(&mut s, &[Action::Open(FormKind::MpmgMeeting)]);
    fill(&mut s, "held_on", "05/11/2026");
    save(&mut s);
    let october: i64 = one(&path, "SELECT id FROM mpmg_meetings WHERE month = '2026-10'");
    assert!(!s.app.mpmg_board().expect("loaded").reviewed.contains("M002"), "not marked at October's");

    select_in_mpmg(&mut s, "M002");
    act(&mut s, &[Action::Open(FormKind::MpmgAction)]);
    let field = s.app.form.as_ref().and_then(|f| f.field("meeting_id")).and_then(|f| f.text());
    assert_eq!(field.as_deref(), Some("2026-10"), "the tab's month, not the latest review (September)");
    fill(&mut s, "what", "Safety plan with carers");
    fill(&mut s, "who", "Lee Lead");
    save(&mut s);
    let tied: i64 = one(&path, "SELECT meeting_id FROM mpmg_actions");
    assert_eq!(tied, october);
    let reviews = |path: &std::path::Path| {
        one::<i64>(
            path,
            &format!("SELECT count(*) FROM mpmg_reviews WHERE meeting_id = {october} AND person_id = {bo}"),
        )
    };
    assert_eq!(reviews(&path), 1, "the action records Bo reviewed at October's meeting");
    let board = s.app.mpmg_board().expect("loaded");
    assert!(board.reviewed.contains("M002"));
    let audited: i64 = one(&path, "SELECT count(*) FROM audit WHERE table_name IN ('mpmg_actions', 'mpmg_reviews')");
    assert!(audited >= 2, "both writes are in the audit trail: {audited}");

    // One undo takes back the action and the review it recorded.
    act(&mut s, &[Action::Undo]);
    assert_eq!(one::<i64>(&path, "SELECT count(*) FROM mpmg_actions"), 0);
    assert_eq!(reviews(&path), 0);
    assert_eq!(
        one::<i64>(
            &path,
            "SELECT count(*) FROM mpmg_reviews WHERE meeting_id = {september_id}"
                .replace("{september_id}", &september_id.to_string())
                .as_str()
        ),
        1,
        "September's review stays"
    );
}

#[test]
fn the_tab_count_stays_the_cohort_d_hides_the_detail_and_loading_clears() {
    let (_d, _p, mut s) = mpmg_session();
    let title = |s: &Session| screen(s, 80, 24).lines().next().unwrap_or_default().to_string();
    assert!(title(&s).contains("4 MPMG (6)"), "{}", title(&s));
    act(&mut s, &[Action::CycleView]);
    assert_eq!(s.app.mpmg_view, MpmgView::Top10);
    assert!(title(&s).contains("4 MPMG (6)"), "the cohort, not the top 10's ten: {}", title(&s));
    act(&mut s, &[Action::CycleView]);
    assert!(title(&s).contains("4 MPMG (6)"), "nor the persistent three: {}", title(&s));
    act(&mut s, &[Action::CycleView]);

    // d, as pressed on the MPMG tab.
    let d = ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('d'),
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    let toggle = ri_chase::tui::keymap::action_for(s.app.context(), d).expect("d is bound on the MPMG tab");
    act(&mut s, &[Action::CycleView, toggle]);
    assert_eq!(s.app.mpmg_view, MpmgView::Cohort);
    assert!(!screen(&s, 80, 24).contains(" Detail "), "{}", screen(&s, 80, 24));
    insta::assert_snapshot!("mpmg_cohort_no_detail_80x24", screen(&s, 80, 24));
    act(&mut s, &[toggle]);
    assert!(screen(&s, 80, 24).contains(" Detail "));

    // A month stepped to: loading, then the lists, and the status line says so.
    let effect = s.app.update(Action::MonthOn);
    assert_eq!(s.app.status.as_deref(), Some("Loading November 2026…"));
    assert!(matches!(effect, ri_chase::tui::app::Effect::Reload));
    s.reload_now().expect("reload");
    let status = screen(&s, 80, 24).lines().nth(22).unwrap_or_default().to_string();
    assert!(status.starts_with("\"Lists as at 12:00"), "{status}");
}
