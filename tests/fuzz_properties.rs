//! The fuzz targets' properties (fuzz/src/, included here) on proptest's
//! inputs, in the normal stable run: the episode CSV and SSD importers on
//! files near the fixtures and on any bytes, the forgiving date parser on
//! any text, and the forms on any run of key actions. No panic, a clear
//! error, nothing half-written (see fuzz/src/lib.rs). Each test runs a
//! modest number of the same cases each time; for a long hunt,
//! `PROPTEST_CASES=N PROPTEST_RNG_SEED=S` runs N of each drawn from seed S.
//! `cargo +nightly fuzz run NAME` in `fuzz/` is the same with libFuzzer.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use harness::bed::{Bed, EPISODES_CSV, SSD_MISSING, SSD_PERSON};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ri_chase::tui::action::Action;
use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts from a test before (one that failed left its own).
fn zero(counters: &[&AtomicUsize]) {
    for c in counters {
        c.store(0, Ordering::Relaxed);
    }
}

/// Says how many inputs reached each side of a property, and fails if one
/// side was never reached: a property only ever refused proves little.
fn reached(what: &str, taken: &AtomicUsize, refused: &AtomicUsize) {
    let (taken, refused) = (taken.swap(0, Ordering::Relaxed), refused.swap(0, Ordering::Relaxed));
    eprintln!("{what}: {taken} taken, {refused} refused");
    assert!(taken > 0 && refused > 0, "{what}: {taken} taken, {refused} refused; the inputs reach one side only");
}

/// The same cases every run unless asked otherwise (`PROPTEST_RNG_SEED=N`
/// draws others, `PROPTEST_CASES=N` more of them), so the normal run never
/// passes on one day and fails on the next for the same code.
fn runner(default_cases: u32) -> TestRunner {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default_cases);
    let mut config = Config { cases, failure_persistence: None, ..Config::default() };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = proptest::test_runner::RngSeed::Fixed(2026);
    }
    // No regression files: a failure prints its shrunk input to put in a test.
    TestRunner::new(config)
}

/// Cells that reach into the readers' corners: empty, spaces, near-miss and
/// impossible dates and times, huge and negative numbers, codes in the wrong
/// case, quotes and separators, formulas, terminal escapes, bidi overrides.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".into()),
        "[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}( [0-9]{1,2}:[0-9]{1,2}(:[0-9]{2})?)?",
        "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.000)?(Z|[+-][0-9]{2}:[0-9]{2})?",
        "-?[0-9]{1,25}",
        prop::sample::select(vec![
            "yes",
            "no",
            "Y",
            "N",
            "NA",
            "true",
            "missing",
            "absent",
            "la_home",
            "child_in_care",
            "high",
            "very_low",
            "none",
            "cse;cce",
            "cce",
            "held",
            "not_held",
            "completed",
            "2026-02-29 10:00",
            "2026-03-29 01:30",
            "2026-10-25 01:30",
            "31/02/2026",
            "9999-12-31 23:59",
            "1899-12-31",
            "=cmd|' /C calc'!A0",
            "\u{1b}[2J",
            "\u{202e}evil",
            "a\"b",
            "a,b",
            "line\nbreak",
            "M",
            "F",
            "U",
        ])
        .prop_map(String::from),
        "\\PC{0,12}",
    ]
}

/// One CSV field, quoted when it must be (or at random, which is allowed).
fn field(text: &str, quote: bool) -> String {
    if quote || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// An edit to a CSV: the fixture's rows with cells changed, rows dropped,
/// repeated or cut short, columns swapped or renamed, and the file cut at a
/// random byte or given a BOM, CRLF line ends or stray bytes.
#[derive(Debug, Clone)]
enum Change {
    Cell { row: usize, col: usize, value: String, quote: bool },
    DropRow(usize),
    RepeatRow(usize),
    ShortRow(usize),
    RenameColumn(usize, String),
    SwapColumns(usize, usize),
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        6 => (0usize..40, 0usize..40, cell(), any::<bool>()).prop_map(|(row, col, value, quote)| Change::Cell { row, col, value, quote }),
        1 => (0usize..40).prop_map(Change::DropRow),
        1 => (0usize..40).prop_map(Change::RepeatRow),
        1 => (0usize..40).prop_map(Change::ShortRow),
        1 => (0usize..40, "[a-z_]{0,12}").prop_map(|(c, name)| Change::RenameColumn(c, name)),
        1 => (0usize..40, 0usize..40).prop_map(|(a, b)| Change::SwapColumns(a, b)),
    ]
}

#[derive(Debug, Clone)]
struct Damage {
    bom: bool,
    crlf: bool,
    cut_at: Option<usize>,
    stray: Option<(usize, u8)>,
}

fn damage() -> impl Strategy<Value = Damage> {
    (
        any::<bool>(),
        any::<bool>(),
        prop::option::weighted(0.15, 0usize..4000),
        prop::option::weighted(0.15, (0usize..4000, any::<u8>())),
    )
        .prop_map(|(bom, crlf, cut_at, stray)| Damage { bom, crlf, cut_at, stray })
}

/// Applies the changes to `csv` (a header and rows) and writes it out.
fn edited(csv: &str, changes: &[Change], damage: &Damage) -> Vec<u8> {
    let mut rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("a fixture reads").iter().map(String::from).collect())
        .collect();
    let mut quoted: Vec<Vec<bool>> = rows.iter().map(|r| vec![false; r.len()]).collect();
    for c in changes {
        let n = rows.len();
        match c {
            Change::Cell { row, col, value, quote } => {
                let r = 1 + row % (n - 1).max(1);
                if let Some(cells) = rows.get_mut(r) {
                    let k = col % cells.len().max(1);
                    if let Some(cell) = cells.get_mut(k) {
                        *cell = value.clone();
                        quoted[r][k] = *quote;
                    }
                }
            }
            Change::DropRow(r) if n > 1 => {
                let r = 1 + r % (n - 1);
                rows.remove(r);
                quoted.remove(r);
            }
            Change::RepeatRow(r) if n > 1 => {
                let r = 1 + r % (n - 1);
                rows.push(rows[r].clone());
                quoted.push(quoted[r].clone());
            }
            Change::ShortRow(r) if n > 1 => {
                let r = 1 + r % (n - 1);
                rows[r].pop();
            }
            Change::RenameColumn(col, name) => {
                let k = col % rows[0].len();
                rows[0][k] = name.clone();
            }
            Change::SwapColumns(a, b) => {
                let w = rows[0].len();
                for cells in &mut rows {
                    if cells.len() == w {
                        cells.swap(a % w, b % w);
                    }
                }
            }
            _ => {}
        }
    }
    let end = if damage.crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    for (r, cells) in rows.iter().enumerate() {
        let line: Vec<String> =
            cells.iter().enumerate().map(|(k, v)| field(v, quoted[r].get(k).copied().unwrap_or(false))).collect();
        text.push_str(&line.join(","));
        text.push_str(end);
    }
    let mut bytes = Vec::new();
    if damage.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    if let Some((at, b)) = damage.stray {
        let at = at % (bytes.len() + 1);
        bytes.insert(at, b);
    }
    if let Some(at) = damage.cut_at {
        bytes.truncate(at % (bytes.len() + 1));
    }
    bytes
}

fn csv_near_the_fixture() -> impl Strategy<Value = Vec<u8>> {
    (prop::collection::vec(change(), 0..6), damage())
        .prop_map(|(changes, damage)| edited(EPISODES_CSV, &changes, &damage))
}

#[test]
fn episode_csvs_near_the_fixture_are_taken_whole_or_refused_line_by_line() {
    let bed = RefCell::new(Bed::new());
    let _one = IMPORTS.lock().unwrap_or_else(|e| e.into_inner());
    zero(&[&harness::import::TAKEN, &harness::import::REFUSED]);
    runner(48)
        .run(&csv_near_the_fixture(), |bytes| {
            harness::import::episodes_csv(&mut bed.borrow_mut(), &bytes);
            Ok(())
        })
        .expect("property");
    reached("episode CSVs", &harness::import::TAKEN, &harness::import::REFUSED);
}

/// The import tests share the counters: one at a time.
static IMPORTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn any_bytes_as_an_episode_csv_are_refused_clearly() {
    let bed = RefCell::new(Bed::new());
    let header = EPISODES_CSV.lines().next().expect("header").to_string();
    let input = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        // After the real header, so the rows' own checks are reached.
        prop::collection::vec(any::<u8>(), 0..300).prop_map(move |rest| [header.as_bytes(), b"\n", &rest].concat()),
    ];
    let _one = IMPORTS.lock().unwrap_or_else(|e| e.into_inner());
    zero(&[&harness::import::TAKEN, &harness::import::REFUSED]);
    runner(64)
        .run(&input, |bytes| {
            harness::import::episodes_csv(&mut bed.borrow_mut(), &bytes);
            Ok(())
        })
        .expect("property");
    // Random bytes are refused (all but a header alone, or blank lines).
    harness::import::TAKEN.store(0, Ordering::Relaxed);
    assert!(harness::import::REFUSED.swap(0, Ordering::Relaxed) > 0);
}

#[test]
fn ssd_extracts_near_the_fixtures_are_taken_whole_or_refused_line_by_line() {
    let bed = RefCell::new(Bed::new());
    let input = (prop::collection::vec(change(), 0..3), damage(), prop::collection::vec(change(), 0..2), damage())
        .prop_map(|(m, md, p, pd)| [edited(SSD_MISSING, &m, &md), vec![0], edited(SSD_PERSON, &p, &pd)].concat());
    let _one = IMPORTS.lock().unwrap_or_else(|e| e.into_inner());
    zero(&[&harness::import::TAKEN, &harness::import::REFUSED]);
    runner(48)
        .run(&input, |bytes| {
            harness::import::ssd(&mut bed.borrow_mut(), &bytes);
            Ok(())
        })
        .expect("property");
    reached("SSD extracts", &harness::import::TAKEN, &harness::import::REFUSED);
}

#[test]
fn any_text_typed_as_a_time_or_date_is_read_exactly_or_refused_in_words() {
    let words = prop::collection::vec(
        prop_oneof![
            "[0-9]{1,5}",
            "[0-9]{1,3}[/.:-][0-9]{1,3}([/.:-][0-9]{0,5})?",
            "[-+][0-9]{0,12}[dhmDHMx]?([0-9]{0,12}[dhm])?",
            prop::sample::select(vec![
                "now",
                "today",
                "yesterday",
                "GMT",
                "BST",
                "sat",
                "Friday",
                "nov",
                "29/02",
                "0130"
            ])
            .prop_map(String::from),
            "\\PC{0,6}",
        ],
        0..5,
    )
    .prop_map(|w| w.join(" "));
    let input = (prop::collection::vec(any::<u8>(), 8), prop_oneof![words, "\\PC{0,30}"])
        .prop_map(|(now, text)| [now, text.into_bytes()].concat());
    runner(1024)
        .run(&input, |bytes| {
            harness::when::when(&bytes);
            Ok(())
        })
        .expect("property");
}

/// What people type into fields: times, dates, names, numbers, choices by
/// letter, and the hostile and the impossible.
fn typed_value() -> impl Strategy<Value = String> {
    prop_oneof![
        // Nothing: the field keeps what the form filled in.
        3 => Just(String::new()),
        3 => prop::sample::select(vec![
            "now", "-1h", "-30m", "today 09:30", "yesterday 14:00", "28/03 0930", "2026-03-29 01:30", "+14d",
            "today", "29/02/2026", "31/04", "Sam Worker", "Willows", "h", "f", "y", "n", " ", "12", "-5",
            "99999999999999999999", "2010-04-01", "1/1/26", "=cmd|' /C calc'!A0", "\u{1b}[2J", "\u{202e}x",
        ])
        .prop_map(String::from),
        1 => "\\PC{0,12}",
    ]
}

/// Reach a row, open a form on it, fill some fields, save (twice: the
/// second goes past warnings), perhaps answer a question or undo.
fn filled_form() -> impl Strategy<Value = Vec<Action>> {
    let forms = prop::sample::select(harness::forms::FORMS.to_vec());
    let fields = prop::collection::vec((typed_value(), any::<bool>()), 0..8);
    let after = prop::sample::select(vec![Action::Back, Action::Yes, Action::Undo, Action::Save, Action::NextTab]);
    (0usize..5, 0usize..6, forms, fields, after).prop_map(|(tab, down, form, fields, after)| {
        let mut steps = vec![Action::GoTab(tab)];
        steps.extend(std::iter::repeat_n(Action::Down, down));
        steps.push(Action::Open(form));
        for (value, clear) in fields {
            if clear {
                steps.push(Action::Edit(ri_chase::tui::forms::field::Edit::Clear));
            }
            steps.extend(value.chars().map(Action::Type));
            steps.push(Action::NextField);
        }
        steps.extend([Action::Save, Action::Save, after]);
        steps
    })
}

#[test]
fn any_run_of_key_actions_on_the_forms_writes_nothing_it_does_not_save() {
    let bed = RefCell::new(Bed::new());
    let _one = FORMS.lock().unwrap_or_else(|e| e.into_inner());
    zero(&[&harness::forms::SAVED, &harness::forms::REFUSED]);
    runner(16)
        .run(&prop::collection::vec(any::<u8>(), 0..150), |bytes| {
            harness::forms::forms(&mut bed.borrow_mut(), &bytes);
            Ok(())
        })
        .expect("property");
    harness::forms::SAVED.store(0, Ordering::Relaxed);
    harness::forms::REFUSED.store(0, Ordering::Relaxed);
}

#[test]
fn filled_in_forms_save_whole_or_say_why() {
    let bed = RefCell::new(Bed::new());
    let _one = FORMS.lock().unwrap_or_else(|e| e.into_inner());
    zero(&[&harness::forms::SAVED, &harness::forms::REFUSED]);
    runner(32)
        .run(&filled_form(), |steps| {
            harness::forms::run(&mut bed.borrow_mut(), &steps);
            Ok(())
        })
        .expect("property");
    reached("form saves", &harness::forms::SAVED, &harness::forms::REFUSED);
}

/// The form tests share the counters: one at a time.
static FORMS: std::sync::Mutex<()> = std::sync::Mutex::new(());
