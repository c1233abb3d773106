//! `export --format ssda903-missing`: the DfE's Missing table, exactly, and
//! the refusal of a table that breaks the DfE's rules (issue 10.1).

mod common;
use common::{fixture, new_db, ri, stdout_of};
use std::path::{Path, PathBuf};

/// After every time in the fixtures.
const AT: &str = "2025-06-01 12:00";

fn db_with(files: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    for f in files {
        ri(&db).arg("import").arg(fixture(f)).args(["--at", AT]).assert().success();
    }
    (dir, db)
}

fn export(db: &Path, year: &str) -> assert_cmd::Command {
    let mut cmd = ri(db);
    cmd.args(["export", "--format", "ssda903-missing", "--year", year]);
    cmd
}

#[test]
fn the_table_holds_our_children_in_care_in_the_year_in_child_order_with_uk_dates() {
    let (_dir, db) = db_with(&["ssda903.csv"]);
    // NS-001 (placed out of area): E-BST began 00:30 BST on 1 July (30 June in
    // UTC); E-OPEN ended after the year, so is blank; E-NEXT is next year's.
    // NS-002: E-BEFORE began in March and was open on 1 April; E-OLD ended
    // before the year; E-A1 was away without authorisation.
    // NS-004: E-4B was not while in care. PI-1 (placed here by Southby) and
    // NS-003 (child in need) are not in it at all.
    assert_eq!(
        stdout_of(&mut export(&db, "2024-25")),
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n\
         NS-001,30/11/2009,M,01/07/2024,01/07/2024\n\
         NS-001,30/11/2009,M,30/03/2025,\n\
         NS-002,03/02/2010,M,28/03/2024,02/04/2024\n\
         NS-002,03/02/2010,A,10/06/2024,11/06/2024\n\
         NS-004,25/12/2008,M,01/08/2024,01/08/2024\n"
    );
    // The next year begins with the episode still open on 1 April.
    assert_eq!(
        stdout_of(&mut export(&db, "2025-26")),
        "CHILD,DOB,MISSING,MIS_START,MIS_END\n\
         NS-001,30/11/2009,M,30/03/2025,02/04/2025\n\
         NS-001,30/11/2009,M,05/04/2025,\n"
    );
    // A year with nothing in it is the header alone.
    assert_eq!(stdout_of(&mut export(&db, "2020-21")), "CHILD,DOB,MISSING,MIS_START,MIS_END\n");
}

#[test]
fn the_year_is_required_and_checked() {
    let (_dir, db) = db_with(&["ssda903.csv"]);
    let out = ri(&db).args(["export", "--format", "ssda903-missing"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ri-chase: --format ssda903-missing needs --year, the collection year (e.g. --year 2016-17)\n"
    );
    let out = export(&db, "2024-26").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--year: `2024-26` is not a financial year"));
    assert!(out.stdout.is_empty());
    let out = ri(&db).args(["export", "--format", "episodes-csv", "--allow-breaches"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "ri-chase: --allow-breaches is for --format ssda903-missing, whose rules it lets a table break\n"
    );
}

const BREACHES: &str = "\
NS-010 E-BIRTHDAY rule 586: began 01/05/2024 on or before the child's date of birth 01/05/2024: correct the date of birth or the start
nb-9 E-LOWER rule 574: began 01/06/2024 and overlaps episode E-UPPER (03/06/2024 to 04/06/2024): correct the times so one child's episodes do not overlap
nb-9 E-LOWER rule INT13: date of birth 03/03/2010 differs from 04/04/2011 given for NB-9 (the DfE reads CHILD in capitals, so these are one child): give each child one reference and one date of birth
";

#[test]
fn a_table_breaking_the_rules_is_refused_naming_each_breach_and_nothing_is_written() {
    let (dir, db) = db_with(&["ssda903.csv", "ssda903-breaches.csv"]);
    let file = dir.path().join("missing.csv");
    let out = export(&db, "2024-25").arg("-o").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "{BREACHES}ri-chase: 3 breach(es) of the DfE's rules in the 2024-25 Missing table; nothing was written (fix them, or --allow-breaches to write it as it is)\n"
        )
    );
    assert!(!file.exists(), "nothing is written");
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.contains("missing.csv"))
        .collect();
    assert!(left.is_empty(), "no temporary file left: {left:?}");
    // To standard output, likewise nothing.
    let out = export(&db, "2024-25").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());

    // --allow-breaches writes it, still naming each breach.
    let out = export(&db, "2024-25").arg("--allow-breaches").arg("-o").arg(&file).output().expect("runs");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("{BREACHES}{}: 8 row(s), the 2024-25 SSDA903 Missing table\n", file.display())
    );
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.starts_with("CHILD,DOB,MISSING,MIS_START,MIS_END\nNB-9,04/04/2011,A,03/06/2024,04/06/2024\n"));
    assert!(written.ends_with("NS-010,01/05/2024,M,01/05/2024,01/05/2024\nnb-9,03/03/2010,M,01/06/2024,05/06/2024\n"));
}
