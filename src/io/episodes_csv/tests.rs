//! Unit tests of the CSV reader's pieces; whole files are tested through the binary in `tests/`.

use super::read::{ImportError, read_episodes};
use crate::domain::time::parse_instant;
use crate::store::Store;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = Store::open_or_create(&dir.path().join("t.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    (dir, store)
}

fn problems(csv: &str) -> Vec<String> {
    let (_dir, store) = store();
    let now = parse_instant("2026-06-01 12:00").expect("now");
    match read_episodes(csv.as_bytes(), &store, "Northshire", now) {
        Ok(items) => panic!("expected problems, got {} items", items.len()),
        Err(ImportError::Invalid(errors)) => errors.iter().map(ToString::to_string).collect(),
        Err(ImportError::Store(e)) => panic!("store: {e}"),
    }
}

const HEADER: &str = "person_ref,given_name,family_name,date_of_birth,responsible_la,placement_la,case_status,episode_ref,missing_from_type,missing_at";

#[test]
fn an_empty_file_asks_for_a_header() {
    assert_eq!(problems(""), ["line 1: (header): the file is empty; the first line must name the columns"]);
}

#[test]
fn a_byte_order_mark_and_spaces_around_names_are_forgiven() {
    let (_dir, store) = store();
    let now = parse_instant("2026-06-01 12:00").expect("now");
    let header = HEADER.replace(",given_name,", ", given_name ,");
    let csv = format!(
        "\u{feff}{header}\nP1,Syn,Thetic,2010-01-01,Northshire,Northshire,child_in_care,E1,home,2026-05-01 10:00\n"
    );
    let items = read_episodes(csv.as_bytes(), &store, "Northshire", now).expect("valid");
    assert_eq!(items.len(), 1);
    assert!(items[0].update_person, "the child's only episode sets the child's record");
    assert!(items[0].interview.required, "missing episodes need an interview by default");
}

#[test]
fn every_problem_on_a_line_is_reported_not_only_the_first() {
    let got = problems(&format!("{HEADER}\n,Syn,,1 May,Northshire,Northshire,looked_after,E1,garden,soon\n"));
    assert_eq!(
        got,
        [
            "line 2: person_ref: is required but empty",
            "line 2: family_name: is required but empty",
            "line 2: date_of_birth: `1 May` is not a date: use YYYY-MM-DD or DD/MM/YYYY",
            "line 2: case_status: `looked_after` is not one of: not_open, early_help, child_in_need, child_protection, child_in_care",
            "line 2: missing_from_type: `garden` is not one of: home, other_family, la_home, foster, independent_home, other",
            "line 2: missing_at: `soon` is not a time: use YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM or RFC 3339",
        ]
    );
}

#[test]
fn yes_no_reasons_attempts_and_meetings_are_checked() {
    let header =
        format!("{HEADER},cse_strategy,ri_attempts,ri_outcome,ri_reasons,returned_at,strategy_status,strategy_at");
    let row = "P1,Syn,Thetic,2010-01-01,Northshire,Northshire,child_in_care,E1,home,2026-05-01 10:00";
    let row2 = row.replace(",E1,", ",E2,").replace("2026-05-01 10:00", "2026-05-03 10:00");
    let got = problems(&format!(
        "{header}\n{row},maybe,two,,cse;sleep,,held,\n{row2},no,1,from_carers,,2026-05-03 12:00,,2026-05-04 10:00\n"
    ));
    assert_eq!(
        got,
        [
            "line 2: cse_strategy: `maybe` is not yes or no",
            "line 2: ri_attempts: `two` is not a whole number of attempts",
            "line 2: ri_reasons: `sleep` is not one of: criminal_activity, return_to_family, behaviour, friends, independence, drugs, miscommunication, cse, housing",
            "line 2: strategy_at: a held meeting needs its time",
            "line 3: ri_outcome: from_carers needs at least 2 failed face-to-face attempts; ri_attempts is 1",
            "line 3: strategy_at: is given but strategy_status is empty",
        ]
    );
}

#[test]
fn the_same_episode_twice_in_a_file_is_refused() {
    let row = "P1,Syn,Thetic,2010-01-01,Northshire,Northshire,child_in_care,E1,home,2026-05-01 10:00";
    assert_eq!(
        problems(&format!("{HEADER}\n{row}\n{row}\n")),
        ["line 3: episode_ref: `E1` is also on line 2; each episode appears once"]
    );
}

#[test]
fn a_two_digit_year_in_a_file_is_refused_not_read_as_the_year_26() {
    let got = problems(&format!(
        "{HEADER}\nP1,Syn,Thetic,14/12/10,Northshire,Northshire,child_in_care,E1,home,01/05/26 10:00\n"
    ));
    assert_eq!(
        got,
        [
            "line 2: date_of_birth: `14/12/10` is not a date: use YYYY-MM-DD or DD/MM/YYYY",
            "line 2: missing_at: `01/05/26 10:00` is not a time: use YYYY-MM-DD HH:MM, DD/MM/YYYY HH:MM or RFC 3339",
        ]
    );
}

#[test]
fn a_column_with_no_name_is_named_by_its_place() {
    // A comma left at the end of the header, as spreadsheets leave one.
    let csv =
        format!("{HEADER},\nP1,Syn,Thetic,2010-01-01,Northshire,Northshire,child_in_care,E1,home,2026-05-01 10:00,\n");
    assert_eq!(
        problems(&csv),
        ["line 1: column 11: has no name; name it, or remove it (a comma too many in the first line?)"]
    );
}

#[test]
fn from_carers_with_an_empty_attempts_count_is_refused_as_the_zero_it_would_store() {
    // Once taken, 0 attempts were stored; the export then wrote 0, which a
    // re-import refused (found by tests/fuzz_properties.rs).
    let header = format!("{HEADER},returned_at,ri_attempts,ri_completed_at,ri_outcome");
    let row = "P1,Syn,Thetic,2010-01-01,Northshire,Northshire,child_in_care,E1,home,2026-05-01 10:00,2026-05-02 10:00";
    assert_eq!(
        problems(&format!("{header}\n{row},,2026-05-03 12:00,from_carers\n")),
        ["line 2: ri_outcome: from_carers needs at least 2 failed face-to-face attempts; ri_attempts is empty (0)"]
    );
}
