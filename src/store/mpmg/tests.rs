//! The MPMG month read from a real file: the range queries find exactly the
//! UK month's episodes, by index, and the thresholds come from the settings.

use super::super::cases::case_sql;
use super::super::tests::{at, item, temp_db};
use super::*;
use crate::domain::codes::CaseStatus;
use crate::domain::mpmg::MpmgSettings;

fn ym(s: &str) -> YearMonth {
    YearMonth::parse(s).expect("month")
}

fn store_with(items: &[crate::store::ImportItem]) -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db();
    let mut store = Store::open_or_create(&path).expect("create");
    store.set_authority("Northshire").expect("authority");
    store.import(items).expect("import");
    (dir, store)
}

fn not_in_care(mut it: crate::store::ImportItem) -> crate::store::ImportItem {
    it.episode.at_the_time.case_status = CaseStatus::ChildInNeed;
    it
}

#[test]
fn the_month_is_read_by_uk_midnights_not_utc_ones() {
    let (_dir, store) = store_with(&[
        // 00:00 BST on 1 October is stored as 23:00 UTC on 30 September.
        not_in_care(item("A", "A1", "2026-10-01 00:00", Some("2026-10-01 01:00"))),
        not_in_care(item("A", "A2", "2026-10-10 10:00", Some("2026-10-10 11:00"))),
        not_in_care(item("A", "A3", "2026-10-31 23:59", Some("2026-11-01 00:59"))),
        not_in_care(item("B", "B1", "2026-09-30 23:59", Some("2026-10-01 00:30"))),
        not_in_care(item("B", "B2", "2026-10-10 10:00", Some("2026-10-10 11:00"))),
        not_in_care(item("B", "B3", "2026-11-01 00:00", Some("2026-11-01 01:00"))),
    ]);
    let m = store.mpmg_month(ym("2026-10"), at("2026-11-10 12:00")).expect("month");
    let cohort: Vec<(&str, u64, i64)> =
        m.cohort.iter().map(|r| (r.person_ref.as_str(), r.episodes, r.hours_missing)).collect();
    assert_eq!(cohort, [("A", 3, 3)]);
    let top: Vec<(&str, u64)> = m.top10.iter().map(|r| (r.person_ref.as_str(), r.episodes)).collect();
    assert_eq!(top, [("A", 3), ("B", 1)]);
    // B's September start shows in the sparkline's September, its November one nowhere.
    assert_eq!(m.top10[1].sparkline[10..], [1, 1]);
    // The quarter (October to December) holds B's November episode too.
    let persistent: Vec<(&str, u64)> =
        m.persistent_quarter.iter().map(|r| (r.person_ref.as_str(), r.episodes)).collect();
    assert_eq!(persistent, [("A", 3)]);
    let later = store.mpmg_month(ym("2026-10"), at("2026-10-31 23:58")).expect("month");
    assert!(later.cohort.is_empty(), "A's third episode had not started yet");
}

#[test]
fn an_empty_month_has_empty_lists() {
    let (_dir, store) = store_with(&[item("A", "A1", "2026-06-01 10:00", Some("2026-06-01 11:00"))]);
    let m = store.mpmg_month(ym("2026-10"), at("2026-11-10 12:00")).expect("month");
    assert!(m.cohort.is_empty() && m.top10.is_empty() && m.persistent_quarter.is_empty());
    assert_eq!(m.month, ym("2026-10"));
}

#[test]
fn the_thresholds_are_settings_with_defaults() {
    let (_dir, mut store) = store_with(&[]);
    assert_eq!(store.mpmg_settings().expect("settings"), MpmgSettings::default());
    store.put_setting("mpmg_month_threshold", "4").expect("set");
    store.put_setting("persistent_quarter_threshold", " 5 ").expect("set");
    store.put_setting("top_n", "20").expect("set");
    let settings = store.mpmg_settings().expect("settings");
    assert_eq!(settings, MpmgSettings { month_threshold: 4, quarter_threshold: 5, top_n: 20 });
    store.put_setting("top_n", "ten").expect("set");
    let err = store.mpmg_settings().expect_err("not a number").to_string();
    assert!(err.contains("setting top_n = `ten` is not a whole number"), "{err}");
}

#[test]
fn the_top_n_setting_is_used() {
    let items: Vec<_> = (1..=4)
        .map(|i| item(&format!("P{i}"), &format!("E{i}"), &format!("2026-10-0{i} 10:00"), Some("2026-10-05 10:00")))
        .collect();
    let (_dir, mut store) = store_with(&items);
    store.put_setting("top_n", "2").expect("set");
    let m = store.mpmg_month(ym("2026-10"), at("2026-11-10 12:00")).expect("month");
    assert_eq!(m.top10.iter().map(|r| r.rank).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(m.cohort.len(), 4, "the cohort is not cut by the top n");
}

fn plan(store: &Store, sql: &str) -> String {
    let mut stmt = store.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).expect("explain");
    // Unbound parameters are NULL: the plan does not depend on their values.
    let mut rows = stmt.raw_query();
    let mut lines = Vec::new();
    while let Some(row) = rows.next().expect("plan row") {
        lines.push(row.get::<_, String>(3).expect("detail"));
    }
    lines.join("\n")
}

#[test]
fn the_reads_are_index_ranges_not_scans() {
    let (_dir, store) = store_with(&[item("A", "A1", "2026-06-01 10:00", Some("2026-06-01 11:00"))]);
    let month = plan(&store, &case_sql(STARTED_BETWEEN, "NULL"));
    assert!(month.contains("SEARCH e USING INDEX episodes_by_start (missing_at>? AND missing_at<?)"), "{month}");
    let starts = plan(&store, &format!("{STARTS_SQL}{STARTED_BETWEEN}"));
    assert!(starts.contains("SEARCH e USING INDEX episodes_by_start"), "{starts}");
    let person = plan(&store, PERSON_STARTS_SQL);
    assert!(person.contains("episodes_by_person (person_id=? AND missing_at>? AND missing_at<?)"), "{person}");
    for p in [month, starts, person] {
        assert!(!p.contains("SCAN e") && !p.contains("SCAN episodes"), "{p}");
    }
}
