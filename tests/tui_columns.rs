//! Every list on every tab, on the demo's synthetic data, at 80x24, 120x40
//! and 200x50: each column gets its natural width first, so no date, time
//! left, status or count is ever cut; only names and free text give way,
//! with an ellipsis. Each screen is snapshotted too.

mod common;
use common::entry::{act, open_session_on, screen};
use common::ri;
use ri_chase::io::cells::{chase_cells, missing_cells, strategy_cells};
use ri_chase::io::mpmg_cells::{cohort_cells, persistent_cells, top_cells};
use ri_chase::tui::action::Action;
use ri_chase::tui::session::Session;

/// The demo's "now": a Wednesday just after midnight, early in December, so
/// the Strategy tab, widened, reaches back into 2024.
const AT: &str = "2026-12-02 00:58";
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn demo_session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("demo.sqlite");
    ri(&path).args(["demo", "--at", AT]).assert().success();
    let s = open_session_on(&path, None, AT);
    (dir, s)
}

/// Checks that on `screen`, the list whose header line starts with
/// `first_header` shows, on row k's line, the whole text of each cell of
/// `rows[k]` that is in a column that must not be cut (by its header, when
/// that header is on the screen).
fn assert_whole(screen: &str, first_header: &str, headers: &[&str], whole: &[usize], rows: &[Vec<String>]) {
    let lines: Vec<&str> = screen.lines().map(|l| l.trim_matches('"')).collect();
    let header_at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(first_header))
        .unwrap_or_else(|| panic!("no header `{first_header}` on\n{screen}"));
    let header = lines[header_at];
    let shown: Vec<usize> = whole.iter().copied().filter(|&i| header.contains(headers[i])).collect();
    assert!(!shown.is_empty(), "no whole column shown on\n{screen}");
    let mut checked = 0;
    for (k, line) in lines[header_at + 1..].iter().take_while(|l| !l.starts_with('─')).enumerate() {
        let Some(cells) = rows.get(k) else { break };
        for &i in &shown {
            assert!(line.contains(cells[i].as_str()), "`{}` ({}) cut on\n{line}\nof\n{screen}", cells[i], headers[i]);
        }
        checked += 1;
    }
    assert!(checked > 0, "no rows checked on\n{screen}");
}

#[test]
fn the_chase_tab_keeps_every_date_and_time_left_whole() {
    let (_d, s) = demo_session();
    let now = s.app.now;
    let rows: Vec<Vec<String>> = s.app.visible_chase().into_iter().map(|r| chase_cells(r, now)).collect();
    let headers = ri_chase::io::cells::CHASE_HEADERS;
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        assert_whole(&text, "Band", &headers, &[0, 2, 3, 4, 5, 8, 9, 10], &rows);
        insta::assert_snapshot!(format!("demo_chase_{w}x{h}"), text);
    }
}

#[test]
fn the_strategy_tab_keeps_every_date_and_status_whole() {
    let (_d, mut s) = demo_session();
    act(&mut s, &[Action::GoTab(1)]);
    let headers = ri_chase::io::cells::STRATEGY_HEADERS;
    for (w, h) in SIZES {
        let now = s.app.now;
        let rows: Vec<Vec<String>> = s.app.visible_strategy().into_iter().map(|r| strategy_cells(r, now)).collect();
        let text = screen(&s, w, h);
        assert_whole(&text, "Child", &headers, &[1, 2, 3, 4, 5, 6, 7, 8], &rows);
        insta::assert_snapshot!(format!("demo_strategy_{w}x{h}"), text);
    }
    // Widened to all of the history, last year's dates carry their year
    // and still nothing is cut.
    while s.app.strategy_in_history().1 > 0 {
        act(&mut s, &[Action::LongerHistory]);
    }
    let now = s.app.now;
    let rows: Vec<Vec<String>> = s.app.visible_strategy().into_iter().map(|r| strategy_cells(r, now)).collect();
    let text = screen(&s, 120, 40);
    assert!(text.contains("Thu 19/12/2024 15:18"), "{text}");
    assert_whole(&text, "Child", &headers, &[1, 2, 3, 4, 5, 6, 7, 8], &rows);
}

#[test]
fn the_still_missing_tab_keeps_times_and_places_whole_where_there_is_room() {
    let (_d, mut s) = demo_session();
    act(&mut s, &[Action::GoTab(2)]);
    let now = s.app.now;
    let rows: Vec<Vec<String>> = s.app.visible_missing().into_iter().map(|r| missing_cells(r, now)).collect();
    let headers = ri_chase::io::cells::MISSING_HEADERS;
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        assert_whole(&text, "Child", &headers, &[1, 2, 3, 4, 6], &rows);
        insta::assert_snapshot!(format!("demo_missing_{w}x{h}"), text);
    }
    // From 120 columns the place is whole too: "(The Gables)" and all.
    let text = screen(&s, 120, 40);
    assert_whole(&text, "Child", &headers, &[5], &rows);
}

#[test]
fn the_mpmg_lists_keep_counts_dates_and_headers_whole() {
    let (_d, mut s) = demo_session();
    act(&mut s, &[Action::GoTab(3)]);
    let now = s.app.now;
    let board = s.app.mpmg_board().expect("loaded").clone();
    let settings = board.month.settings;
    let cohort: Vec<Vec<String>> =
        s.app.visible_cohort().into_iter().map(|c| cohort_cells(c, &settings, now)).collect();
    let top: Vec<Vec<String>> = s.app.visible_top().into_iter().map(|t| top_cells(t, now)).collect();
    let persistent: Vec<Vec<String>> = s.app.visible_persistent().into_iter().map(persistent_cells).collect();
    let cohort_headers = ri_chase::io::mpmg_cells::COHORT_HEADERS;
    let top_headers = ri_chase::io::mpmg_cells::TOP_HEADERS;
    let persistent_headers = ri_chase::io::mpmg_cells::PERSISTENT_HEADERS;
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        assert_whole(&text, "Child", &cohort_headers, &[1, 2, 3, 4, 5, 6, 7, 11], &cohort);
        insta::assert_snapshot!(format!("demo_mpmg_cohort_{w}x{h}"), text);
    }
    act(&mut s, &[Action::CycleView]);
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        assert_whole(&text, "Rank", &top_headers, &[0, 2, 3, 4, 5, 6, 7, 9], &top);
        insta::assert_snapshot!(format!("demo_mpmg_top_{w}x{h}"), text);
    }
    act(&mut s, &[Action::CycleView]);
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        // The header reads "Episodes", never "Episo".
        assert!(text.contains(" Episodes "), "{text}");
        assert_whole(&text, "Child", &persistent_headers, &[1, 2], &persistent);
        insta::assert_snapshot!(format!("demo_mpmg_persistent_{w}x{h}"), text);
    }
}

#[test]
fn detail_panes_wrap_rather_than_cut() {
    let (_d, mut s) = demo_session();
    // The Strategy detail of a child placed here names the placing authority
    // at the end of a long line: at 80 columns it wraps onto the next.
    act(&mut s, &[Action::GoTab(1)]);
    let text = screen(&s, 80, 24);
    let flat: String = text.lines().map(|l| l.trim_matches('"').trim_end()).collect::<Vec<_>>().join(" ");
    assert!(flat.contains("arranged by the placing authority, Kingsbridge (counted separately)"), "{text}");
}
