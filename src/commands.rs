//! What each command that reads or writes files does, for the dispatch in
//! [`crate::cli`]: make a database, fill a demo, import, export, and the
//! MPMG month (its lists, or its meeting pack).

use crate::cli::{
    ChaseArgs, ChaseFormat, ExportFormat, Failure, MpmgArgs, MpmgFormat, Outcome, ReportArgs, ReportFormat,
    ignore_closed_pipe, now,
};
use crate::domain::annex_a;
use crate::domain::mpmg::{MpmgMonth, TOP10_COLUMNS};
use crate::domain::period::{FinancialYear, Quarter, YearMonth};
use crate::domain::report::ReportPeriod;
use crate::domain::ssda903;
use crate::domain::time::Instant;
use crate::domain::time::{parse_date, uk_date};
use crate::domain::visible::{printable, visible};
use crate::io::annex_a::write_list8;
use crate::io::cells::chase_table;
use crate::io::chase_email::{email, write_email_html, write_email_markdown};
use crate::io::demo::file::{DemoFile, DemoFileError, remove_database};
use crate::io::demo::{self, DemoOptions};
use crate::io::episodes_csv::{ImportError, read_episodes, write_episodes};
use crate::io::letters::{self, file_name};
use crate::io::mpmg_cells::write_mpmg_tables;
use crate::io::output::{TextTable, write_csv, write_csv_headed, write_json, write_table};
use crate::io::pack::{Pack, write_html, write_markdown};
use crate::io::paths;
use crate::io::report_csv::write_report_csv;
use crate::io::report_doc::{write_report_html, write_report_markdown};
use crate::io::safe_file::{self, SafeFileError};
use crate::io::ssda903::write_missing;
use crate::store::Store;
use crate::store::TEXT_SETTINGS;
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;

mod audit;
pub(crate) mod patterns;
mod ssd;
pub(crate) use audit::{repair_triggers, verify as verify_audit};
pub(crate) use ssd::{SsdTable, export_ssd, import_ssd};

pub(crate) fn init(path: &Path, authority: &str) -> Outcome {
    if authority.trim().is_empty() {
        return Err(Failure::input("--authority: give the authority's name"));
    }
    let mut store = Store::open_or_create(path)?;
    store.set_authority(authority)?;
    eprintln!("{} is ready for {}", path.display(), store.require_authority()?);
    Ok(())
}

pub(crate) fn make_demo(path: &Path, seed: u64, people: usize, episodes: usize, at: Option<&str>) -> Outcome {
    let at = now(at)?;
    if people == 0 || episodes < people {
        return Err(Failure::input("--people must be at least 1 and --episodes at least --people"));
    }
    if path.exists() {
        return Err(Failure::input(format!(
            "{} already exists; demo fills a new database (give another --db)",
            path.display()
        )));
    }
    let options = DemoOptions { seed, people, episodes, at, authority: "Northshire".to_string() };
    let started = std::time::Instant::now();
    let filled = Store::open_or_create(path).and_then(|mut store| demo::make(&mut store, &options));
    match filled {
        Ok(counts) => {
            eprintln!(
                "{}: {} children, {} episodes of synthetic data in {:.1} s",
                path.display(),
                counts.people_added,
                counts.episodes_added,
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Err(e) => {
            remove_database(path);
            Err(e.into())
        }
    }
}

/// Opens the app's demo: a fresh small demo database, made relative to
/// `now`, in a file of this run's own in the data folder, or at `--db PATH`
/// (only if nothing but an old demo is there). The file is held until the
/// returned [`DemoFile`] is dropped, and a file of the run's own is then removed.
pub(crate) fn open_demo(given: Option<&Path>, now: Instant) -> Result<(Store, DemoFile), Failure> {
    let file = match given {
        Some(path) => DemoFile::at(path),
        None => DemoFile::new_in(&paths::data_folder()?),
    }
    .map_err(|e| match e {
        DemoFileError::Io { .. } => Failure::other(e.to_string()),
        _ => Failure::input(e.to_string()),
    })?;
    let options = DemoOptions::small(now);
    let made = Store::open_or_create(file.path()).and_then(|mut store| demo::make(&mut store, &options).map(|_| store));
    match made {
        Ok(store) => Ok((store, file)),
        Err(e) => {
            remove_database(file.path());
            Err(e.into())
        }
    }
}

pub(crate) fn import(path: &Path, file: &Path, dry_run: bool, now: Instant) -> Outcome {
    let reader = std::fs::File::open(file).map_err(|e| Failure::input(format!("{}: {e}", file.display())))?;
    // Only into a database `init` made: one it had to create here could
    // hold no authority, and would be left behind by the refusal.
    let mut store = Store::open_existing(path)?;
    let authority = store.require_authority()?;
    let items = match read_episodes(std::io::BufReader::new(reader), &store, &authority, now) {
        Ok(items) => items,
        Err(ImportError::Invalid(errors)) => {
            let mut err = std::io::stderr().lock();
            for e in &errors {
                // Each line quotes the file's values: shown, so none can hide the lines after it.
                let _ = writeln!(err, "{}", visible(&e.to_string()));
            }
            return Err(Failure::input(format!(
                "{}: {} problem(s); nothing was imported",
                file.display(),
                errors.len()
            )));
        }
        Err(ImportError::Store(e)) => return Err(e.into()),
    };
    if dry_run {
        eprintln!("{}: {} episode(s) checked, no problems; nothing written (dry run)", file.display(), items.len());
        return Ok(());
    }
    let c = store.import(&items)?;
    eprintln!(
        "{}: {} episode(s) added, {} updated, {} unchanged; {} child(ren) added, {} updated",
        file.display(),
        c.episodes_added,
        c.episodes_updated,
        c.episodes_unchanged,
        c.people_added,
        c.people_updated
    );
    Ok(())
}

pub(crate) fn export(path: &Path, format: ExportFormat, year: Option<&str>, output: Option<&Path>) -> Outcome {
    let year = year.map(FinancialYear::parse).transpose().map_err(|e| Failure::input(format!("--year: {e}")))?;
    if format != ExportFormat::EpisodesCsv {
        return Err(Failure::input(format!(
            "--format {}: not available yet in this version; use episodes-csv",
            format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
        )));
    }
    let store = Store::open_to_read(path)?;
    match output {
        None => {
            let result = write_episodes(&store, year, std::io::stdout().lock());
            result.map(drop).map_err(|e| Failure::other(e.to_string()))
        }
        Some(file) => {
            let n = write_via_partial(file, |out| write_episodes(&store, year, out))?;
            eprintln!("{}: {n} episode(s)", file.display());
            Ok(())
        }
    }
}

/// `export --format ssda903-missing`: the DfE's Missing table for `--year`,
/// checked against the DfE's rules first. Each breach goes to stderr as
/// `CHILD episode_ref rule NNNN: what to fix`; with any, nothing is written
/// (exit 2) unless `allow_breaches`.
pub(crate) fn export_ssda903_missing(
    path: &Path,
    year: Option<&str>,
    output: Option<&Path>,
    allow_breaches: bool,
) -> Outcome {
    let year = FinancialYear::parse(year.ok_or_else(|| {
        Failure::input("--format ssda903-missing needs --year, the collection year (e.g. --year 2016-17)")
    })?)
    .map_err(|e| Failure::input(format!("--year: {e}")))?;
    let store = Store::open_to_read(path)?;
    let mut cases = Vec::new();
    store.each_case_in_order(|person, case| cases.push((person, case)))?;
    let lines: Vec<_> = ssda903::missing_rows(cases, year).iter().map(|r| r.line()).collect();
    let breaches = ssda903::check(&lines, year);
    if !breaches.is_empty() {
        let mut err = std::io::stderr().lock();
        for b in &breaches {
            // The child's reference and the episode's are data: shown, never obeyed.
            let _ = writeln!(err, "{}", visible(&b.to_string()));
        }
        if !allow_breaches {
            return Err(Failure::input(format!(
                "{} breach(es) of the DfE's rules in the {} Missing table; nothing was written (fix them, or --allow-breaches to write it as it is)",
                breaches.len(),
                year.label()
            )));
        }
    }
    let write = |out: &mut dyn Write| write_missing(&lines, out);
    to_output(output, write, |file, n| {
        format!("{}: {n} row(s), the {} SSDA903 Missing table", file.display(), year.label())
    })
}

/// `export --format annex-a-list8`: Ofsted's Annex A list 8 at reference
/// time `at` (or now), the columns ri-chase holds filled, the rest blank.
pub(crate) fn export_annex_a(path: &Path, at: Option<&str>, year: Option<&str>, output: Option<&Path>) -> Outcome {
    if year.is_some() {
        return Err(Failure::input(
            "--year is not for --format annex-a-list8: it covers the 12 months up to its reference date, --at",
        ));
    }
    let at = now(at)?;
    let store = Store::open_to_read(path)?;
    let authority = store.require_authority()?;
    let people = store.all_people()?;
    let mut cases = Vec::new();
    store.each_case_in_order(|_, case| cases.push(case))?;
    let rows = annex_a::list8_rows(&people, &cases, &authority, at);
    let write = |out: &mut dyn Write| write_list8(&rows, out);
    to_output(output, write, |file, n| {
        format!("{}: {n} child(ren), Annex A list 8 at {}", file.display(), uk_date(at).format("%d/%m/%Y"))
    })
}

/// Writes to standard output (a closed pipe is no error), or to `output`
/// through the one safe writer, then says on stderr what was written there
/// (from what `write` returned: a count of rows, or nothing).
pub(super) fn to_output<T, E: Into<std::io::Error> + std::fmt::Display>(
    output: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
    said: impl FnOnce(&Path, T) -> String,
) -> Outcome {
    match output {
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            let result = write(&mut out).map(drop).map_err(Into::into);
            ignore_closed_pipe(result.and_then(|()| out.flush()))
        }
        Some(file) => {
            let written = write_via_partial(file, write)?;
            eprintln!("{}", said(file, written));
            Ok(())
        }
    }
}

/// Writes `file` through [`safe_file::write_file`]: a file that cannot be
/// made there is bad input (2), a failure while writing is not (1).
fn write_via_partial<T, E: std::fmt::Display>(
    file: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
) -> Result<T, Failure> {
    safe_file::write_file(file, write).map_err(|e| match e {
        SafeFileError::Place { .. } => Failure::input(e.to_string()),
        _ => Failure::other(e.to_string()),
    })
}

/// `ri-chase mpmg`: the month's three lists as a table or JSON, the top 10
/// alone as CSV (what goes to senior managers each month), or the meeting
/// pack as Markdown or HTML; to standard output, or to `-o FILE`.
pub(crate) fn mpmg(path: &Path, args: &MpmgArgs) -> Outcome {
    let now = now(args.at.as_deref())?;
    let month = match args.month.as_deref() {
        Some(text) => YearMonth::parse(text).map_err(|e| Failure::input(format!("--month: {e}")))?,
        // The meeting reviews the month just gone.
        None => YearMonth::containing(now).plus(-1),
    };
    let store = Store::open_to_read(path)?;
    // Everything is read before anything is written, so a failed read leaves no output.
    let read = match args.format {
        MpmgFormat::Md | MpmgFormat::Html => Read::Pack(Box::new(Pack::gather(&store, month, now)?)),
        MpmgFormat::Table | MpmgFormat::Csv | MpmgFormat::Json => Read::Lists(store.mpmg_month(month, now)?),
    };
    let write = |out: &mut dyn Write| match (&read, args.format) {
        (Read::Pack(pack), MpmgFormat::Html) => write_html(pack, out),
        (Read::Pack(pack), _) => write_markdown(pack, out),
        (Read::Lists(m), MpmgFormat::Json) => write_json(m, out),
        (Read::Lists(m), MpmgFormat::Csv) => write_csv_headed(&m.top10, &TOP10_COLUMNS, out),
        (Read::Lists(m), _) => write_mpmg_tables(m, now, out),
    };
    to_output(args.output.as_deref(), write, |file, ()| {
        format!("{}: MPMG {} for {}", file.display(), what(args.format), month.long_name())
    })
}

/// `ri-chase chase`: the chase list as a table, CSV or JSON, or the weekly
/// chase email (Markdown or HTML) made from the same rows; to standard
/// output, or to `-o FILE`.
pub(crate) fn chase(path: &Path, args: &ChaseArgs) -> Outcome {
    let at = now(args.at.as_deref())?;
    let store = Store::open_to_read(path)?;
    let rows = store.chase_list(at, &paths::bank_holidays()?)?;
    let authority = store.authority()?.unwrap_or_default();
    let write = |out: &mut dyn Write| match args.format {
        ChaseFormat::Table => write_table(&chase_table(&rows, at), out),
        ChaseFormat::Csv => write_csv(&rows, out),
        ChaseFormat::Json => write_json(&rows, out),
        ChaseFormat::Md => write_email_markdown(&email(&rows, &authority, at), out),
        ChaseFormat::Html => write_email_html(&email(&rows, &authority, at), out),
    };
    to_output(args.output.as_deref(), write, |file, ()| {
        format!("{}: {} return interview(s) outstanding", file.display(), rows.len())
    })
}

/// `ri-chase letters`: a letter to each placing authority whose child's
/// interview is overdue, from the template (the user's copy in the
/// configuration folder, else the bundled one), to standard output or one
/// file per authority in `-o DIR`. The template is checked, and every letter
/// drafted, before anything is written.
pub(crate) fn letters(path: &Path, at: Option<&str>, output: Option<&Path>) -> Outcome {
    let now = now(at)?;
    let store = Store::open_to_read(path)?;
    let text = paths::letter_template()?;
    let template = letters::template(&text.text, &text.source).map_err(|e| Failure::input(e.to_string()))?;
    let gathered = letters::gather(&store, now, &paths::bank_holidays()?, None)?;
    if gathered.letters.is_empty() {
        eprintln!("no child placed here by another authority has a return interview past its deadline: no letters");
        return Ok(());
    }
    let drafts: Vec<(&str, String)> = gathered
        .letters
        .iter()
        .map(|l| (l.placing_authority.as_str(), letters::draft(&gathered, l, &template)))
        .collect();
    let Some(dir) = output else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        let total = drafts.len();
        let written = drafts.iter().enumerate().try_for_each(|(i, (to, text))| {
            let about = letters::children_words(gathered.letters[i].children.len());
            writeln!(out, "===== Letter {} of {total}: to {}, about {about} =====\n", i + 1, printable(to))?;
            writeln!(out, "{}", text.trim_end())?;
            writeln!(out)
        });
        return ignore_closed_pipe(written.and_then(|()| out.flush()));
    };
    if !dir.exists() {
        paths::create_private_dir(dir)
            .map_err(|e| Failure::input(format!("{}: cannot make the folder: {e}", dir.display())))?;
    }
    if !dir.is_dir() {
        return Err(Failure::input(format!("{}: not a folder; -o names the folder the letters go in", dir.display())));
    }
    let names = file_name::letter_file_names(drafts.iter().map(|(to, _)| *to));
    for ((to, text), name) in drafts.iter().zip(names) {
        let file = dir.join(name);
        write_via_partial(&file, |out| out.write_all(text.as_bytes()))?;
        eprintln!("{}: letter to {}", file.display(), visible(to));
    }
    Ok(())
}

/// What `mpmg` read for the format asked for.
enum Read {
    Lists(MpmgMonth),
    Pack(Box<Pack>),
}

/// What `mpmg` wrote, for the message after writing a file.
fn what(format: MpmgFormat) -> &'static str {
    match format {
        MpmgFormat::Md | MpmgFormat::Html => "pack",
        MpmgFormat::Csv => "top 10",
        MpmgFormat::Table | MpmgFormat::Json => "lists",
    }
}

/// `ri-chase report`: the board report for the period asked for, as JSON,
/// CSV, or the board paper (Markdown or HTML); to standard output, or to `-o FILE`.
pub(crate) fn report(path: &Path, args: &ReportArgs) -> Outcome {
    let now = now(args.at.as_deref())?;
    let period = report_period(args)?;
    let store = Store::open_to_read(path)?;
    // Read whole before anything is written, so a failed read leaves no output.
    let report = store.report(period, now, &paths::bank_holidays()?)?;
    let write = |out: &mut dyn Write| match args.format {
        ReportFormat::Csv => write_report_csv(&report, out),
        ReportFormat::Md => write_report_markdown(&report, out),
        ReportFormat::Html => write_report_html(&report, out),
        ReportFormat::Json => write_json(&report, out),
    };
    to_output(args.output.as_deref(), write, |file, ()| format!("{}: report for {}", file.display(), period.label()))
}

/// The period from `--year`, `--quarter`, `--month` or `--from` and `--to`
/// (clap lets exactly one through).
fn report_period(args: &ReportArgs) -> Result<ReportPeriod, Failure> {
    let bad = |flag: &str, e: &dyn std::fmt::Display| Failure::input(format!("{flag}: {e}"));
    if let Some(y) = &args.year {
        return FinancialYear::parse(y).map(ReportPeriod::Year).map_err(|e| bad("--year", &e));
    }
    if let Some(q) = &args.quarter {
        return Quarter::parse(q).map(ReportPeriod::Quarter).map_err(|e| bad("--quarter", &e));
    }
    if let Some(m) = &args.month {
        return YearMonth::parse(m).map(ReportPeriod::Month).map_err(|e| bad("--month", &e));
    }
    match (&args.from, &args.to) {
        (Some(from), Some(to)) => {
            let first = parse_date(from).map_err(|e| bad("--from", &e))?;
            let last = parse_date(to).map_err(|e| bad("--to", &e))?;
            ReportPeriod::days(first, last).map_err(|e| bad("--from/--to", &e))
        }
        _ => Err(Failure::input("give one of --year, --quarter, --month, or --from with --to")),
    }
}

/// The thresholds in force, with their defaults and what each means.
pub(crate) fn print_settings(path: &Path) -> Outcome {
    let store = Store::open_to_read(path)?;
    let settings = store.number_settings()?;
    let mut rows: Vec<Vec<String>> = settings
        .iter()
        .map(|s| vec![s.key.to_string(), s.value.to_string(), s.default.to_string(), s.meaning.to_string()])
        .collect();
    for s in TEXT_SETTINGS {
        let value = store.text_setting(s.key)?;
        let value = if value.is_empty() { "(none)".to_string() } else { value };
        rows.push(vec![s.key.to_string(), value, "(none)".to_string(), s.meaning.to_string()]);
    }
    let table = TextTable { headers: vec!["Setting", "Value", "Default", "Meaning"], rows };
    ignore_closed_pipe(write_table(&table, std::io::stdout().lock()))
}
