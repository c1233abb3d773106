//! `export --format annex-a-list8`: Ofsted's Annex A list 8, exactly, from a
//! small fixture imported through the real import (issue 10.2).

mod common;
use common::{fixture, new_db, ri, stdout_of};
use std::path::{Path, PathBuf};

/// The reference time: A001's 16th birthday, 12 months to the minute after E101 began.
const AT: &str = "2026-12-02 10:00";

fn db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    ri(&db).arg("import").arg(fixture("annex-a.csv")).args(["--at", AT]).assert().success();
    (dir, db)
}

fn export(db: &Path, at: &str) -> String {
    stdout_of(ri(db).args(["export", "--format", "annex-a-list8", "--at", at]))
}

const HEADER: &str = "Child Unique ID,Gender,Ethnicity,Date of Birth,Age of Child (Years),Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N),Does the Child have a Disability,Date Started to be Looked After,Child's Category of Need,Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N),Start date of current legal status,Child's Legal Status,Date of Latest Statutory Review,Date of Last Social Work Visit,What is the permanence plan for this child?,Date of Last IRO Visit / Contact to the Child,Date of Last Health Assessment,Date of Last Dental Check,Number of Placements in the Last 12 months,Date Ceased to be Looked After,Reason Ceased to be Looked After,Start Date of Most Recent Placement,Placement Type,Placement Provider,Placement postcode,URN of Placement,Placement Location,LA of Placement,Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months,Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months,Was the child offered a Return Interview after their last missing episode (Y/N)?,Did the child accept a Return Interview after their last missing episode (Y/N)?,Allocated Team,Allocated Worker";

#[test]
fn the_list_holds_our_children_in_care_with_the_columns_we_hold() {
    let (_dir, db) = db();
    // A001: in care now; E101 began exactly 12 months before (out), E102 the
    // next day (in), E103 an absence; the last missing episode E104 had an
    // attempt (offered, not accepted). 16 on her birthday. Her worker is a
    // formula and her team carries escapes: neutralised and shown.
    // A002: left care (a child in need now), seen face to face after E201
    // while in care; E202, since leaving care, is not counted.
    // A003: the last missing episode needed no interview: N, N; 15 the day
    // before his birthday. A004 was placed here by Southby, A006 is not
    // looked after: neither is listed. A005: in care, no episode in the 12
    // months: 0, 0 and no answer. A007: placed out of area, one absence.
    let lead = ",,,,,,,,,,,,,,,,,,";
    let expected = format!(
        "{HEADER}\n\
         A001,Female,,02/12/2010,16{lead}Council children's home,Willows,,,,Northshire,2,1,Y,N,North\\e]0;pwned\\e\\ CiC,'=cmd|' /C calc'!A0\n\
         A002,Male,,04/03/2011,15{lead}Home,,,,,Northshire,1,0,Y,Y,Leaving Care,Robin Worker\n\
         A003,Male,,03/12/2010,15{lead}Independent children's home,The Gables,,,,Northshire,2,0,N,N,South CiC,Jo Worker\n\
         A005,Not stated/recorded,,30/06/2009,17{lead}Foster home,Foster home 9,,,,Northshire,0,0,,,South CiC,Jo Worker\n\
         A007,Not stated/recorded,,02/12/2012,14{lead}Foster home,Southby foster,,,,Southby,0,1,,,North CiC,Sam Worker\n"
    );
    let out = export(&db, AT);
    assert_eq!(out, expected);
    assert!(!out.contains('\u{1b}'), "no raw escape reaches the file or terminal");
    for line in out.lines() {
        assert_eq!(csv_cells(line).len(), 34, "{line}");
    }
}

fn csv_cells(line: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(line.as_bytes());
    reader.records().next().expect("a row").expect("csv").iter().map(str::to_string).collect()
}

/// A child's number of missing episodes at reference time `at`.
fn missing_of(db: &Path, child: &str, at: &str) -> String {
    let out = export(db, at);
    let line = out.lines().find(|l| l.starts_with(child)).expect("the child's row");
    csv_cells(line)[28].clone()
}

#[test]
fn an_episode_on_the_date_12_months_before_is_out_and_the_day_after_is_in() {
    let (_dir, db) = db();
    // E101 began 02/12/2025 10:00, E102 03/12/2025 00:00, E104 01/11/2026.
    assert_eq!(missing_of(&db, "A001", "2026-12-01 23:59"), "3", "E101 is 12 months less a day before");
    assert_eq!(missing_of(&db, "A001", "2026-12-02 00:00"), "2", "E101 is on the date 12 months before");
    assert_eq!(missing_of(&db, "A001", "2026-12-03 23:59"), "1", "E102 too");
}

#[test]
fn o_writes_the_same_list_to_a_file_and_year_is_refused() {
    let (dir, db) = db();
    let file = dir.path().join("list8.csv");
    ri(&db)
        .args(["export", "--format", "annex-a-list8", "--at", AT, "-o"])
        .arg(&file)
        .assert()
        .success()
        .stderr(predicates::str::contains("5 child(ren), Annex A list 8 at 02/12/2026"));
    assert_eq!(std::fs::read_to_string(&file).expect("written"), export(&db, AT));
    ri(&db)
        .args(["export", "--format", "annex-a-list8", "--year", "2026-27"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--year is not for --format annex-a-list8"));
    ri(&db).args(["export", "--format", "annex-a-list8", "--at", "yesterday"]).assert().code(2);
    // --at would be silently ignored by the formats that have no reference date.
    ri(&db)
        .args(["export", "--format", "episodes-csv", "--at", AT])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--at is for --format annex-a-list8"));
}
