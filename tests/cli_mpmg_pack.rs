//! `ri-chase mpmg --format md|html`: the meeting pack, on the MPMG fixture
//! (tests/fixtures/mpmg.csv, synthetic children in October 2026; see
//! tests/cli_mpmg.rs for what each child is there to test).

mod common;
use common::{fixture, new_db, ri, stdout_of};
use predicates::str::contains;
use std::path::PathBuf;

/// The meeting's "now": Tuesday 10 November 2026.
const AT: &str = "2026-11-10 12:00";

/// The children to review in October, in the cohort's order (tests/cli_mpmg.rs).
const COHORT: [&str; 6] = [
    "1. Ash Fourtimes (M001)",
    "2. Bo Threetimes (M002)",
    "3. Eli Changed (M005)",
    "4. Max Open (M012)",
    "5. Nia Clocks (M013)",
    "6. Dee Once (M004)",
];

fn mpmg_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ri(&db).arg("import").arg(fixture("mpmg.csv")).args(["--at", "2026-11-27 12:00"]).assert().success();
    (dir, db)
}

fn pack(db: &std::path::Path, format: &str, month: &str) -> String {
    stdout_of(ri(db).args(["mpmg", "--month", month, "--at", AT, "--format", format]))
}

/// Where each of `needles` first appears, failing on any not found.
fn positions(text: &str, needles: &[&str]) -> Vec<usize> {
    needles.iter().map(|n| text.find(n).unwrap_or_else(|| panic!("`{n}` not in:\n{text}"))).collect()
}

fn in_order(positions: &[usize]) -> bool {
    positions.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn markdown_has_every_section_and_the_children_in_the_cohorts_order() {
    let (_dir, db) = mpmg_db();
    let md = pack(&db, "md", "2026-10");
    let sections = [
        "# MPMG pack — October 2026",
        "- **Authority:** Northshire",
        "- **Made:** Tue 10 Nov 2026 12:00 GMT",
        "- **Meeting:** none recorded for October 2026 yet",
        "## Summary",
        "## Children to review",
        "## Top 10 — October 2026",
        "## Persistently missing — 2026-27 Q3",
        "## The children, one by one",
    ];
    assert!(in_order(&positions(&md, &sections)), "{md}");
    let headings: Vec<String> = COHORT.iter().map(|c| format!("### {c}")).collect();
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    assert!(in_order(&positions(&md, &headings)), "{md}");
    assert_eq!(md.matches("\n### ").count(), 6, "one section per child to review, no more");
    assert!(!md.contains("Lou Pair"), "11th, and not reviewed");
    // The summary's figures.
    assert!(md.contains("- **Children to review:** 6: 5 missing while in care, 2 missing 3 or more times"), "{md}");
    assert!(md.contains("- **Their episodes in October 2026:** 12 episodes, 117 hours missing"), "{md}");
    assert!(md.contains("- **Missing now:** **1 of the 6 children to review**"), "{md}");
    assert!(md.contains("- **Persistently missing in 2026-27 Q3:** 3 children with 3 or more episodes"), "{md}");
    // The top 10 in rank order, Cal's history with its September episode.
    let top = md.find("## Top 10").expect("top 10");
    let ranks: Vec<String> = (1..=10).map(|r| format!("\n| {r} | ")).collect();
    let ranks: Vec<&str> = ranks.iter().map(String::as_str).collect();
    assert!(in_order(&positions(&md[top..], &ranks)), "{md}");
    let cal = "| 5 | Cal Twotimes | M003 | 2 | 18 | Thu 22/10 19:00 | Child in need | Home | Local \
               | `··········▄█`<br>0 0 0 0 0 0 0 0 0 0 1 2 |";
    assert!(md.contains(cal), "{md}");
    assert!(md.contains("| Cal Twotimes | M003 | 3 | no |"), "persistent, not reviewed: {md}");
    // Max is still missing; Nia's episode ran across the clocks going back.
    assert!(
        md.contains(
            "| Fri 30/10 12:00<br>MM1 | **STILL MISSING** | 11d 0h so far | Independent children's home (The Gables) |"
        ),
        "{md}"
    );
    assert!(md.contains("| Sun 25/10 00:00<br>MN1 | Sun 25/10 12:00 | 13h 0m |"), "{md}");
    assert!(md.contains("- **Cohort:** Out of area; responsible LA Northshire, placement LA Southby"), "{md}");
}

#[test]
fn html_is_one_self_contained_file_written_whole() {
    let (dir, db) = mpmg_db();
    let file = dir.path().join("pack.html");
    ri(&db)
        .args(["mpmg", "--month", "2026-10", "--at", AT, "--format", "html", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("")
        .stderr(contains("pack.html: MPMG pack for October 2026"));
    let html = std::fs::read_to_string(&file).expect("written");
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").map(|e| e.expect("entry").file_name()).collect();
    assert!(left.iter().all(|n| !n.to_string_lossy().contains("partial")), "the temporary file was renamed: {left:?}");
    assert_eq!(html, pack(&db, "html", "2026-10"), "the file is what standard output gets");
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<html").count(), 1);
    for outside in ["http", "src=", "href=", "@import", "url(", "<link", "<script", "<img", "<iframe"] {
        assert!(!html.contains(outside), "`{outside}` would reach outside the file");
    }
    assert!(html.contains("<style>") && html.contains("size: A4"));
    let headings: Vec<String> = COHORT.iter().map(|c| format!("<h3>{c}</h3>")).collect();
    let headings: Vec<&str> = headings.iter().map(String::as_str).collect();
    assert!(in_order(&positions(&html, &headings)), "{html}");
    assert_eq!(html.matches("<section class=\"child\">").count(), 6);
    assert_eq!(html.matches("<thead>").count(), html.matches("<table").count(), "every table has its header row");
    assert!(html.contains("Council children&#39;s home (Willows)"));
}

#[test]
fn an_empty_month_is_a_short_pack_that_says_so() {
    let (_dir, db) = mpmg_db();
    let md = pack(&db, "md", "2026-06");
    assert!(md.contains("# MPMG pack — June 2026"));
    assert!(md.contains("No child to review for June 2026."));
    assert!(md.contains("No child went missing in June 2026."));
    assert!(!md.contains("###"), "{md}");
    let html = pack(&db, "html", "2026-06");
    assert!(!html.contains("<table") && html.contains("No child to review for June 2026."));
}

#[test]
fn a_file_that_cannot_be_written_is_an_error_and_leaves_nothing() {
    let (dir, db) = mpmg_db();
    let file = dir.path().join("no-such-folder").join("pack.md");
    ri(&db)
        .args(["mpmg", "--month", "2026-10", "--at", AT, "--format", "md", "-o"])
        .arg(&file)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(file.display().to_string()));
    assert!(!file.exists() && !dir.path().join("no-such-folder").exists());
}

#[test]
fn the_other_formats_can_go_to_a_file_too() {
    let (dir, db) = mpmg_db();
    let file = dir.path().join("top10.csv");
    ri(&db)
        .args(["mpmg", "--month", "2026-10", "--at", AT, "--format", "csv", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stderr(contains("top10.csv: MPMG top 10 for October 2026"));
    let csv = std::fs::read_to_string(&file).expect("written");
    assert!(csv.starts_with("rank,person_ref,name,episodes,hours_missing,last_missing_at\n1,M001,Ash Fourtimes,"));
}
