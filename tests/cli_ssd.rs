//! The Standard Safeguarding Dataset (issue 10.3): `export --format
//! ssd-missing` and `ssd-person` on exact output, and `import --format ssd`
//! of a case system's extract (labels, odd dates, `.000` milliseconds, a
//! BOM, CRLF line ends), all or nothing, every bad line named.

mod common;
use common::{AT, fixture, fixture_db, new_db, ri, stdout_of};
use std::path::Path;

/// After every time in the SSD fixtures.
const LATER: &str = "2025-06-01 12:00";

fn import_ssd(db: &Path, missing: &Path, person: &Path) -> assert_cmd::Command {
    let mut cmd = ri(db);
    cmd.args(["import", "--format", "ssd"]).arg(missing).arg("--person").arg(person).args(["--at", LATER]);
    cmd
}

fn export(db: &Path, format: &str) -> String {
    stdout_of(ri(db).args(["export", "--format", format]))
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const MISSING_TABLE: &str = "\
miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date,miss_missing_rhi_offered,miss_missing_rhi_accepted
MIS-1001,P-501,2024-12-10 00:00:00,M,2024-12-11 00:00:00,Y,N
MIS-1002,P-501,2024-12-20 14:30:00,A,2024-12-20 18:00:00,NA,NA
MIS-1003,P-502,2025-01-10 00:00:00,M,2025-01-12 09:15:00,Y,Y
MIS-1004,P-502,2025-02-01 22:00:00,A,,NA,NA
MIS-1005,P-503,2025-03-05 08:00:00,A,2025-03-05 20:45:00,N,N
";

const PERSON_TABLE: &str = "\
pers_person_id,pers_forename,pers_surname,pers_dob,pers_sex
P-501,Ava,Testchild,2010-02-03,F
P-502,Noah,Samplekid,2009-07-15,M
P-503,\"O'Neill, Jay\",Fixture,2011-11-30,U
";

#[test]
fn a_case_systems_extract_imports_with_labels_and_odd_dates_and_exports_exactly() {
    let (_dir, db) = new_db();
    let out = import_ssd(&db, &fixture("ssd-missing.csv"), &fixture("ssd-person.csv")).output().expect("runs");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stderr_of(&out),
        format!(
            "{}: 5 episode(s) added, 0 updated, 0 unchanged; 3 child(ren) added, 0 updated; 3 new child(ren) recorded as ours, living here, case status not_open, missing from `other`: correct them on the child's screen\n",
            fixture("ssd-missing.csv").display()
        )
    );
    // Missing/Away/Absent read as M/A; Yes/No as Y/N; `.000`, dates alone
    // (midnight) and `DD/MM/YYYY HH:MM` as UK local times; the person file's
    // BOM, labels (Female) and a DATETIME date of birth; P-999, named by no
    // episode, is not read (its bad date of birth is no problem).
    assert_eq!(export(&db, "ssd-missing"), MISSING_TABLE);
    assert_eq!(export(&db, "ssd-person"), PERSON_TABLE);
    // The episodes got the documented defaults.
    let csv = export(&db, "episodes-csv");
    assert!(csv.contains("P-501,Ava,Testchild,2010-02-03,F,Northshire,Northshire,not_open,"), "{csv}");
    assert!(csv.contains("MIS-1001,other,,missing,2024-12-10 00:00,2024-12-11 00:00,"), "{csv}");
}

#[test]
fn the_year_keeps_episodes_begun_in_it_and_their_children() {
    let (_dir, db) = new_db();
    import_ssd(&db, &fixture("ssd-missing.csv"), &fixture("ssd-person.csv")).assert().success();
    // 2023-24 is empty; 2024-25 holds all five (1 April 2024 to 31 March 2025).
    let header_only = stdout_of(ri(&db).args(["export", "--format", "ssd-missing", "--year", "2023-24"]));
    assert_eq!(header_only, MISSING_TABLE.lines().next().map(|h| format!("{h}\n")).unwrap_or_default());
    let people = stdout_of(ri(&db).args(["export", "--format", "ssd-person", "--year", "2023-24"]));
    assert_eq!(people, "pers_person_id,pers_forename,pers_surname,pers_dob,pers_sex\n");
    assert_eq!(stdout_of(ri(&db).args(["export", "--format", "ssd-missing", "--year", "2024-25"])), MISSING_TABLE);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("person.csv");
    let out = ri(&db).args(["export", "--format", "ssd-person", "-o"]).arg(&file).output().expect("runs");
    assert_eq!(stderr_of(&out), format!("{}: 3 child(ren), ssd_person\n", file.display()));
    assert_eq!(std::fs::read_to_string(&file).expect("written"), PERSON_TABLE);
}

#[test]
fn a_bad_row_on_the_last_line_imports_nothing_and_every_bad_line_is_named() {
    let (_dir, db) = new_db();
    let bad = fixture("ssd-missing-bad.csv");
    let out = import_ssd(&db, &bad, &fixture("ssd-person.csv")).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let f = bad.display();
    assert_eq!(
        stderr_of(&out),
        format!(
            "{f} line 3: miss_missing_episode_end_date: Thu 19 Dec 2024 18:00 is before miss_missing_episode_start_date (Fri 20 Dec 2024 14:30)\n\
             {f} line 5: miss_missing_episode_type: `Runaway` is not M (missing) or A (away without authorisation; Away and Absent are read as A)\n\
             {f} line 7: miss_missing_episode_end_date: `2025-13-01 10:00:00.000` is not a date and time: use YYYY-MM-DD HH:MM:SS (UK time), YYYY-MM-DD or DD/MM/YYYY\n\
             ri-chase: {f}, {}: 3 problem(s); nothing was imported\n",
            fixture("ssd-person.csv").display()
        )
    );
    // Nothing at all was written: the good rows 2, 4 and 6 neither.
    assert_eq!(export(&db, "ssd-missing"), MISSING_TABLE.lines().next().map(|h| format!("{h}\n")).unwrap_or_default());
}

#[test]
fn a_child_missing_from_the_person_file_is_named() {
    let (dir, db) = new_db();
    let person = dir.path().join("PERSON.csv");
    std::fs::write(&person, "pers_person_id,pers_forename,pers_surname,pers_dob,pers_sex\nP-501,Ava,Testchild,2010-02-03,F\nP-503,Jay,Fixture,bad,Q\n")
        .expect("write");
    let missing = fixture("ssd-missing.csv");
    let out = import_ssd(&db, &missing, &person).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let (m, p) = (missing.display(), person.display());
    assert_eq!(
        stderr_of(&out),
        format!(
            "{m} line 4: miss_person_id: `P-502` is not in {p} (pers_person_id): the child's name and date of birth come from there\n\
             {m} line 5: miss_person_id: `P-502` is not in {p} (pers_person_id): the child's name and date of birth come from there\n\
             {p} line 3: pers_dob: `bad` is not a date of birth: use YYYY-MM-DD or DD/MM/YYYY\n\
             {p} line 3: pers_sex: `Q` is not M, F or U (Male, Female, Unknown are read too)\n\
             ri-chase: {m}, {p}: 4 problem(s); nothing was imported\n"
        )
    );
    // Without --person at all: a clear usage error.
    let out = ri(&db).args(["import", "--format", "ssd"]).arg(&missing).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr_of(&out),
        "ri-chase: --format ssd needs --person PERSON.csv, the ssd_person table naming each child\n"
    );
}

#[test]
fn a_re_import_updates_by_miss_table_id_and_never_duplicates() {
    let (dir, db) = new_db();
    let (missing, person) = (fixture("ssd-missing.csv"), fixture("ssd-person.csv"));
    import_ssd(&db, &missing, &person).assert().success();
    // The same extract again changes nothing.
    let out = import_ssd(&db, &missing, &person).output().expect("runs");
    assert_eq!(
        stderr_of(&out),
        format!("{}: 0 episode(s) added, 0 updated, 5 unchanged; 0 child(ren) added, 0 updated\n", missing.display())
    );
    // The case system has since recorded MIS-1004's return and a new surname.
    let text = std::fs::read_to_string(&missing).expect("fixture");
    let newer = dir.path().join("MISSING.csv");
    // It also lost MIS-1003's end: the return ri-chase holds stays.
    let text = text.replace("10/01/2025,M,12/01/2025 09:15,Y,Y", "10/01/2025,M,,Y,Y");
    std::fs::write(
        &newer,
        text.replace("2025-02-01 22:00:00.000,Absent,,,", "2025-02-01 22:00:00.000,Absent,2025-02-02 07:00:00.000,,"),
    )
    .expect("write");
    let people = dir.path().join("PERSON.csv");
    let ptext = std::fs::read_to_string(&person).expect("fixture");
    std::fs::write(&people, ptext.replace("Noah,Samplekid", "Noah,Samplekid-Jones")).expect("write");
    let out = import_ssd(&db, &newer, &people).output().expect("runs");
    assert_eq!(
        stderr_of(&out),
        format!("{}: 0 episode(s) added, 1 updated, 4 unchanged; 0 child(ren) added, 1 updated\n", newer.display())
    );
    let table = export(&db, "ssd-missing");
    assert_eq!(table.lines().count(), 6, "{table}");
    assert!(table.contains("MIS-1004,P-502,2025-02-01 22:00:00,A,2025-02-02 07:00:00,NA,NA\n"), "{table}");
    assert!(table.contains("MIS-1003,P-502,2025-01-10 00:00:00,M,2025-01-12 09:15:00,Y,Y\n"), "{table}");
    assert!(export(&db, "ssd-person").contains("P-502,Noah,Samplekid-Jones,2009-07-15,M\n"));
}

#[test]
fn a_dry_run_checks_and_writes_nothing() {
    let (_dir, db) = new_db();
    let missing = fixture("ssd-missing.csv");
    let out = import_ssd(&db, &missing, &fixture("ssd-person.csv")).arg("--dry-run").output().expect("runs");
    assert!(out.status.success());
    assert!(
        stderr_of(&out).starts_with(&format!(
            "{}: 5 episode(s) checked, no problems; nothing written (dry run)",
            missing.display()
        ))
    );
    assert_eq!(export(&db, "ssd-missing").lines().count(), 1);
}

#[test]
fn the_ssd_export_imports_into_a_fresh_file_as_the_same_episodes() {
    let (dir, db) = fixture_db();
    let (missing, person) = (dir.path().join("ssd_missing.csv"), dir.path().join("ssd_person.csv"));
    ri(&db).args(["export", "--format", "ssd-missing", "-o"]).arg(&missing).assert().success();
    ri(&db).args(["export", "--format", "ssd-person", "-o"]).arg(&person).assert().success();
    let fresh = dir.path().join("fresh.sqlite");
    ri(&fresh).args(["init", "--authority", "Northshire"]).assert().success();
    let mut cmd = ri(&fresh);
    cmd.args(["import", "--format", "ssd"]).arg(&missing).arg("--person").arg(&person).args(["--at", AT]);
    let out = cmd.output().expect("runs");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let before = export(&db, "ssd-missing");
    assert!(before.lines().count() > 5, "the fixture has episodes: {before}");
    assert_eq!(export(&fresh, "ssd-missing"), before);
    assert_eq!(export(&fresh, "ssd-person"), export(&db, "ssd-person"));
    // And into the file it came from: every episode is unchanged.
    let mut again = ri(&db);
    again.args(["import", "--format", "ssd"]).arg(&missing).arg("--person").arg(&person).args(["--at", AT]);
    let out = again.output().expect("runs");
    let n = before.lines().count() - 1;
    assert!(stderr_of(&out).contains(&format!("0 episode(s) added, 0 updated, {n} unchanged")), "{}", stderr_of(&out));
}

const PERSON_T001: &str =
    "pers_person_id,pers_forename,pers_surname,pers_dob,pers_sex\nT001,Alex,Testcase,2010-04-01,F\n";
const MISSING_HEADER: &str = "miss_table_id,miss_person_id,miss_missing_episode_start_date,miss_missing_episode_type,miss_missing_episode_end_date,miss_missing_rhi_offered,miss_missing_rhi_accepted\n";

#[test]
fn a_known_child_keeps_their_circumstances_and_a_known_episode_its_interview() {
    let (dir, db) = fixture_db();
    let (missing, person) = (dir.path().join("MISSING.csv"), dir.path().join("PERSON.csv"));
    std::fs::write(&person, PERSON_T001).expect("write");
    // E01 as the case system has it (offered Y: one attempt made, as held), and a new episode.
    std::fs::write(
        &missing,
        format!("{MISSING_HEADER}E01,T001,2026-03-27 18:00:00,M,2026-03-28 20:00:00,Y,N\nSSD-1,T001,2026-03-29 10:00:00,M,2026-03-29 12:00:00,,\n"),
    )
    .expect("write");
    let mut cmd = ri(&db);
    cmd.args(["import", "--format", "ssd"]).arg(&missing).arg("--person").arg(&person).args(["--at", AT]);
    let out = cmd.output().expect("runs");
    assert_eq!(
        stderr_of(&out),
        format!("{}: 1 episode(s) added, 0 updated, 1 unchanged; 0 child(ren) added, 0 updated\n", missing.display())
    );
    let csv = export(&db, "episodes-csv");
    // The new episode: the child's authorities, status, lead and team, from where they usually are.
    assert!(
        csv.contains("T001,Alex,Testcase,2010-04-01,F,Northshire,Northshire,child_in_care,no,no,Lee Lead,North CiC,SSD-1,la_home,Willows,missing,2026-03-29 10:00,2026-03-29 12:00,"),
        "{csv}"
    );
    // E01 keeps its police reference, worker and attempt.
    assert!(
        csv.contains(
            ",E01,la_home,Willows,missing,2026-03-27 18:00,2026-03-28 20:00,NP-26-000001,medium,,yes,Sam Worker,1,"
        ),
        "{csv}"
    );
}

#[test]
fn overlaps_with_the_database_and_future_times_are_named_in_the_ssds_terms() {
    let (dir, db) = fixture_db();
    let (missing, person) = (dir.path().join("MISSING.csv"), dir.path().join("PERSON.csv"));
    std::fs::write(&person, PERSON_T001).expect("write");
    std::fs::write(
        &missing,
        format!("{MISSING_HEADER}SSD-2,T001,2026-03-28 10:00:00,M,2026-03-28 11:00:00,,\nSSD-3,T001,2026-03-30 13:00:00.000,M,,,\n"),
    )
    .expect("write");
    let mut cmd = ri(&db);
    cmd.args(["import", "--format", "ssd"]).arg(&missing).arg("--person").arg(&person).args(["--at", AT]);
    let out = cmd.output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let m = missing.display();
    assert_eq!(
        stderr_of(&out),
        format!(
            "{m} line 2: miss_missing_episode_start_date: overlaps episode E01 already in the database\n\
             {m} line 3: miss_missing_episode_start_date: Mon 30 Mar 2026 13:00 is in the future\n\
             ri-chase: {m}, {}: 2 problem(s); nothing was imported\n",
            person.display()
        )
    );
}

#[test]
fn the_flags_of_one_format_are_refused_with_another() {
    let (_dir, db) = new_db();
    let out = ri(&db)
        .arg("import")
        .arg(fixture("ssd-missing.csv"))
        .arg("--person")
        .arg(fixture("ssd-person.csv"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr_of(&out), "ri-chase: --person is for --format ssd\n");
    let out = ri(&db).args(["export", "--format", "ssd-missing", "--allow-breaches"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn a_typo_in_the_missing_files_header_and_a_missing_column_are_named() {
    let (dir, db) = new_db();
    let (missing, person) = (dir.path().join("MISSING.csv"), dir.path().join("PERSON.csv"));
    // The older data model's `miss_missing_episode_start` is read as `_start_date`.
    std::fs::write(
        &missing,
        "miss_table_id,miss_person_id,miss_missing_episode_start,miss_missing_episod_type\nA,P-501,2024-01-01,M\n",
    )
    .expect("write");
    // The person file's other SSD columns are ignored; a required one missing is not.
    std::fs::write(&person, "pers_person_id,pers_forename,pers_surname,pers_ethnicity\nP-501,Ava,Testchild,WBRI\n")
        .expect("write");
    let out = import_ssd(&db, &missing, &person).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let (m, p) = (missing.display(), person.display());
    assert_eq!(
        stderr_of(&out),
        format!(
            "{m} line 1: miss_missing_episod_type: unknown column; the columns are miss_table_id, miss_person_id, miss_missing_episode_start_date, miss_missing_episode_type, miss_missing_episode_end_date, miss_missing_rhi_offered, miss_missing_rhi_accepted\n\
             {p} line 1: pers_dob: this required column is missing\n\
             ri-chase: {m}, {p}: 2 problem(s); nothing was imported\n"
        )
    );
}

#[test]
fn a_column_with_no_name_in_the_missing_file_is_named_by_its_place() {
    let (dir, db) = new_db();
    let (missing, person) = (dir.path().join("MISSING.csv"), dir.path().join("PERSON.csv"));
    std::fs::write(&missing, "miss_table_id,miss_person_id,,miss_missing_episode_start_date\nA,P-501,,2024-01-01\n")
        .expect("write");
    std::fs::write(&person, "pers_person_id,pers_forename,pers_surname,pers_dob\nP-501,Ava,Testchild,2010-01-01\n")
        .expect("write");
    let out = import_ssd(&db, &missing, &person).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).starts_with(&format!(
            "{} line 1: column 3: has no name; name it, or remove it (a comma too many in the first line?)\n",
            missing.display()
        )),
        "{}",
        stderr_of(&out)
    );
}
