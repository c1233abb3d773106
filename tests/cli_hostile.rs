//! Names written to attack whoever looks at them (issue 8.10, 8.11): terminal
//! controls, bidi overrides, a newline, and spreadsheet formulas, imported
//! from a file and then shown by every command. Terminals see escapes, never
//! the controls; documents drop them; spreadsheets see text, never formulas.

mod common;
use common::{AT, fixture, new_db, ri, stdout_of};
use predicates::str::contains;
use std::path::{Path, PathBuf};

/// A given name per child of tests/fixtures/episodes.csv (T001..T011), and
/// the escapes a terminal must show instead.
pub const HOSTILE: [(&str, &str, &str); 11] = [
    ("T001", "Evil\u{1B}]0;pwned\u{07}", "Evil\\e]0;pwned\\x07"),
    ("T002", "\u{1B}[2JClear", "\\e[2JClear"),
    ("T003", "Nul\0Byte", "Nul\\0Byte"),
    ("T004", "Rev\u{202E}olleh", "Rev\\u{202E}olleh"),
    ("T005", "Iso\u{2066}la\u{2067}te\u{2068}d\u{2069}", "Iso\\u{2066}la\\u{2067}te\\u{2068}d\\u{2069}"),
    ("T006", "New\nLine", "New\\nLine"),
    ("T007", "C1\u{9B}31m", "C1\\u{9B}31m"),
    ("T008", "Del\u{7F}ete", "Del\\x7Fete"),
    ("T009", "=HYPERLINK(\"http://example.invalid\",\"x\")", "=HYPERLINK(\"http://example.invalid\",\"x\")"),
    ("T010", "+cmd|' /C calc'!A0", "+cmd|' /C calc'!A0"),
    ("T011", "@SUM(A1)", "@SUM(A1)"),
];

/// `source` (a fixture) with each child's given name replaced as `names` says.
fn rename(source: &str, names: &[(&str, &str)], dest: &Path) {
    let mut reader = csv::Reader::from_path(fixture(source)).expect("fixture");
    let headers = reader.headers().expect("headers").clone();
    let given = headers.iter().position(|h| h == "given_name").expect("given_name");
    let mut writer = csv::Writer::from_path(dest).expect("write");
    writer.write_record(&headers).expect("header");
    for record in reader.records() {
        let record = record.expect("record");
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        if let Some((_, name)) = names.iter().find(|(r, _)| *r == cells[0]) {
            cells[given] = name.to_string();
        }
        writer.write_record(&cells).expect("row");
    }
    writer.flush().expect("flush");
}

fn hostile_db() -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = new_db();
    let file = dir.path().join("hostile.csv");
    let names: Vec<(&str, &str)> = HOSTILE.iter().map(|(r, n, _)| (*r, *n)).collect();
    rename("episodes.csv", &names, &file);
    ri(&db).arg("import").arg(&file).assert().success();
    (dir, db)
}

/// Any character a terminal would act on, or reorder text by.
fn hidden(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n')
        .filter(|&c| c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect()
}

#[test]
fn the_table_commands_show_controls_as_escapes_and_keep_each_row_on_its_line() {
    let (_dir, db) = hostile_db();
    let mut seen = String::new();
    for command in ["chase", "strategy", "missing"] {
        let out = stdout_of(ri(&db).args([command, "--at", AT, "--format", "table"]));
        assert_eq!(hidden(&out), Vec::<char>::new(), "{command}:\n{out}");
        let rows = stdout_of(ri(&db).args([command, "--at", AT, "--format", "json"]));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&rows).expect("json");
        assert_eq!(out.lines().count(), rows.len() + 1, "one line per row under the header:\n{out}");
        seen.push_str(&out);
    }
    for (person, _, shown) in HOSTILE.iter().take(8) {
        if seen.contains(person) {
            assert!(seen.contains(shown), "{person} should read {shown}:\n{seen}");
        }
    }
    // Everyone renamed is on one list or another.
    let on_lists = HOSTILE.iter().filter(|(p, _, _)| seen.contains(p)).count();
    assert!(on_lists >= 8, "{seen}");
}

#[test]
fn the_mpmg_table_shows_controls_as_escapes() {
    let (dir, db) = new_db();
    let file = dir.path().join("hostile-mpmg.csv");
    rename(
        "mpmg.csv",
        &[("M001", "Evil\u{1B}]0;pwned\u{07}"), ("M002", "Rev\u{202E}olleh"), ("M004", "New\nLine")],
        &file,
    );
    ri(&db).arg("import").arg(&file).args(["--at", "2026-11-27 12:00"]).assert().success();
    let out = stdout_of(ri(&db).args(["mpmg", "--month", "2026-10", "--at", "2026-11-10 12:00", "--format", "table"]));
    assert_eq!(hidden(&out), Vec::<char>::new(), "{out}");
    for shown in ["Evil\\e]0;pwned\\x07 Fourtimes", "Rev\\u{202E}olleh Threetimes", "New\\nLine Once"] {
        assert!(out.contains(shown), "{shown}:\n{out}");
    }
}

#[test]
fn import_errors_show_the_values_they_quote_as_escapes() {
    let (dir, db) = new_db();
    let file = dir.path().join("bad.csv");
    // A value that would move the cursor up and erase the line before it.
    let text = std::fs::read_to_string(fixture("episodes.csv")).expect("fixture");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1] = lines[1].replace(",medium,", ",\u{1B}[1A\u{1B}[2K\u{202E}fine,");
    lines[2] = lines[2].replace(",low,", ",\u{9B}2J,");
    std::fs::write(&file, lines.join("\n") + "\n").expect("write");
    let out = ri(&db).arg("import").arg(&file).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).expect("utf8");
    assert_eq!(hidden(&stderr), Vec::<char>::new(), "{stderr}");
    assert!(stderr.contains("line 2") && stderr.contains("\\e[1A\\e[2K\\u{202E}fine"), "{stderr}");
    assert!(stderr.contains("line 3") && stderr.contains("\\u{9B}2J"), "{stderr}");
}

#[test]
fn packs_drop_controls_and_bidi_overrides() {
    let (dir, db) = new_db();
    let file = dir.path().join("hostile-mpmg.csv");
    rename(
        "mpmg.csv",
        &[
            ("M001", "Evil\u{1B}]0;pwned\u{07}"),
            ("M002", "Rev\u{202E}olleh\0"),
            ("M004", "New\nLine\u{2066}"),
            ("M005", "C1\u{9B}x"),
        ],
        &file,
    );
    ri(&db).arg("import").arg(&file).args(["--at", "2026-11-27 12:00"]).assert().success();
    for format in ["md", "html"] {
        let pack =
            stdout_of(ri(&db).args(["mpmg", "--month", "2026-10", "--at", "2026-11-10 12:00", "--format", format]));
        assert_eq!(hidden(&pack), Vec::<char>::new(), "{format}");
        let evil = if format == "md" { "Evil\\]0;pwned Fourtimes" } else { "Evil]0;pwned Fourtimes" };
        for kept in [evil, "Revolleh Threetimes", "New Line Once", "C1x Changed"] {
            assert!(pack.contains(kept), "{format}: {kept}");
        }
    }
}

/// The cells of a CSV, parsed as a spreadsheet would split them.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    reader.records().map(|r| r.expect("record").iter().map(str::to_string).collect()).collect()
}

/// A cell a spreadsheet would take for a formula: text (not a number)
/// beginning with = + - @, a tab or a carriage return.
fn live(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

#[test]
fn csv_for_spreadsheets_carries_no_live_formula_and_negative_numbers_stay_numbers() {
    let (_dir, db) = hostile_db();
    for command in ["chase", "strategy", "missing"] {
        let out = stdout_of(ri(&db).args([command, "--at", AT, "--format", "csv"]));
        let cells = csv_cells(&out);
        let live_cells: Vec<&String> = cells.iter().flatten().filter(|c| live(c)).collect();
        assert!(live_cells.is_empty(), "{command}: {live_cells:?}");
        if command == "chase" {
            assert!(out.contains("'=HYPERLINK(") && out.contains("'+cmd|") && out.contains("'@SUM(A1)"), "{out}");
            let col = cells[0].iter().position(|h| h == "minutes_left").expect("minutes_left");
            let overdue: Vec<&str> =
                cells[1..].iter().map(|r| r[col].as_str()).filter(|m| m.starts_with('-')).collect();
            assert!(!overdue.is_empty() && overdue.iter().all(|m| m.parse::<i64>().is_ok()), "{overdue:?}");
        }
    }
    let (dir, db) = new_db();
    let file = dir.path().join("hostile-mpmg.csv");
    rename("mpmg.csv", &[("M001", "=HYPERLINK(\"http://example.invalid\")"), ("M002", "-1+1")], &file);
    ri(&db).arg("import").arg(&file).args(["--at", "2026-11-27 12:00"]).assert().success();
    let out = stdout_of(ri(&db).args(["mpmg", "--month", "2026-10", "--at", "2026-11-10 12:00", "--format", "csv"]));
    let live_cells: Vec<String> = csv_cells(&out).into_iter().flatten().filter(|c| live(c)).collect();
    assert!(live_cells.is_empty(), "mpmg: {live_cells:?}");
    assert!(out.contains("'=HYPERLINK(") && out.contains("'-1+1"), "{out}");
}

#[test]
fn episodes_csv_is_the_interchange_format_written_raw_and_round_trips_a_formula_looking_name() {
    let (dir, db) = hostile_db();
    let exported = dir.path().join("export.csv");
    ri(&db).args(["export", "--format", "episodes-csv", "-o"]).arg(&exported).assert().success();
    let text = std::fs::read_to_string(&exported).expect("read");
    // Raw, as documented in the README: the names come back exactly.
    assert!(
        text.contains("\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\"") && text.contains("+cmd|"),
        "{text}"
    );
    ri(&db).arg("import").arg(&exported).assert().success().stderr(contains("0 updated, 13 unchanged"));
    let other = dir.path().join("other.sqlite");
    ri(&other).args(["init", "--authority", "Northshire"]).assert().success();
    ri(&other).arg("import").arg(&exported).assert().success();
    assert_eq!(stdout_of(ri(&other).args(["export", "--format", "episodes-csv"])), text);
}
