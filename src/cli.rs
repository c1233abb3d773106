//! The command line: argument parsing (clap) and dispatch to the library.

use crate::domain::period::FinancialYear;
use crate::domain::time::{Instant, parse_instant};
use crate::io::cells::{chase_table, missing_table, strategy_table};
use crate::io::demo::{self, DemoOptions};
use crate::io::episodes_csv::{ImportError, read_episodes, write_episodes};
use crate::io::output::{ListFormat, TextTable, write_csv, write_json, write_table};
use crate::io::paths;
use crate::store::{Store, StoreError};
use crate::tui::{Clock, TuiError};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "ri-chase",
    version,
    about = "Return interviews, strategy meetings and missing children: the chase list"
)]
pub struct Cli {
    /// The database file (default: $RI_CHASE_DB, else ri-chase.sqlite in the data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Open the app on a fresh demo database of synthetic children (never your own file).
    #[arg(long)]
    pub demo: bool,
    /// Fix the app's "now" (YYYY-MM-DD HH:MM UK time, or RFC 3339): the clock stops there.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a database and record which authority "we" are.
    Init {
        #[arg(long, value_name = "NAME")]
        authority: String,
    },
    /// Fill a new database with synthetic, realistic data (same seed, same data).
    Demo {
        #[arg(long, default_value_t = 7)]
        seed: u64,
        #[arg(long, default_value_t = 300)]
        people: usize,
        #[arg(long, default_value_t = 1200)]
        episodes: usize,
        /// "Now" for the generated data: YYYY-MM-DD HH:MM (UK) or RFC 3339.
        #[arg(long, value_name = "T")]
        at: Option<String>,
    },
    /// Import episodes from a CSV file (all or nothing).
    Import {
        file: PathBuf,
        /// Check the file and report, without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// "Now" for the check that nothing is in the future (default: the clock).
        #[arg(long, value_name = "T")]
        at: Option<String>,
    },
    /// Export episodes.
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Only episodes starting in this financial year, e.g. 2016-17.
        #[arg(long, value_name = "YYYY-YY")]
        year: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Outstanding return interviews, most overdue first.
    Chase(ListArgs),
    /// Strategy meetings due, coming up and recorded.
    Strategy(ListArgs),
    /// Children still missing.
    Missing(ListArgs),
    /// A consistent copy of the live database.
    Backup { dest: PathBuf },
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    EpisodesCsv,
    Ssda903Missing,
    AnnexAList8,
    SsdMissing,
}

/// A failure and the exit status it earns: 2 for bad usage or input, 1 otherwise.
#[derive(Debug)]
pub struct Failure {
    pub status: u8,
    pub message: String,
}

impl Failure {
    fn input(message: impl Into<String>) -> Self {
        Failure { status: 2, message: message.into() }
    }
    fn other(message: impl Into<String>) -> Self {
        Failure { status: 1, message: message.into() }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NoDatabase(_)
            | StoreError::NoAuthority(_)
            | StoreError::OtherAuthority { .. }
            | StoreError::Create { .. } => Failure::input(e.to_string()),
            _ => Failure::other(e.to_string()),
        }
    }
}

impl From<paths::PathError> for Failure {
    fn from(e: paths::PathError) -> Self {
        Failure::input(e.to_string())
    }
}

impl From<TuiError> for Failure {
    fn from(e: TuiError) -> Self {
        match e {
            TuiError::Store(s) => s.into(),
            other => Failure::other(other.to_string()),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::other(e.to_string())
    }
}

type Outcome = Result<(), Failure>;

/// Parses the arguments, runs the command and turns the outcome into an exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("ri-chase: {}", f.message);
            ExitCode::from(f.status)
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let db = cli.db.as_deref();
    match cli.command {
        None => {
            let clock = match cli.at.as_deref() {
                Some(at) => Clock::Fixed(now(Some(at))?),
                None => Clock::Live,
            };
            let store =
                if cli.demo { open_demo(clock.now())? } else { Store::open_existing(&paths::database_path(db)?)? };
            Ok(crate::tui::run(store, paths::bank_holidays()?, clock)?)
        }
        Some(command) => {
            if cli.demo || cli.at.is_some() {
                return Err(Failure::input(
                    "--demo and --at before a command are for the app; put --at after the command",
                ));
            }
            let path = paths::database_path(db)?;
            dispatch(command, &path)
        }
    }
}

fn dispatch(command: Command, path: &Path) -> Outcome {
    match command {
        Command::Init { authority } => init(path, &authority),
        Command::Demo { seed, people, episodes, at } => make_demo(path, seed, people, episodes, at.as_deref()),
        Command::Import { file, dry_run, at } => import(path, &file, dry_run, now(at.as_deref())?),
        Command::Export { format, year, output } => export(path, format, year.as_deref(), output.as_deref()),
        Command::Chase(args) => {
            let store = Store::open_existing(path)?;
            let rows = store.chase_list(now(args.at.as_deref())?, &paths::bank_holidays()?)?;
            print_list(&rows, chase_table(&rows), args.format)
        }
        Command::Strategy(args) => {
            let store = Store::open_existing(path)?;
            let rows = store.strategy_list(now(args.at.as_deref())?)?;
            print_list(&rows, strategy_table(&rows), args.format)
        }
        Command::Missing(args) => {
            let store = Store::open_existing(path)?;
            let rows = store.missing_list(now(args.at.as_deref())?)?;
            print_list(&rows, missing_table(&rows), args.format)
        }
        Command::Backup { dest } => {
            Store::open_existing(path)?.backup_to(&dest)?;
            eprintln!("backed up {} to {}", path.display(), dest.display());
            Ok(())
        }
    }
}

/// `--at`, or the clock.
fn now(at: Option<&str>) -> Result<Instant, Failure> {
    match at {
        Some(text) => parse_instant(text).map_err(|e| Failure::input(format!("--at: {e}"))),
        None => Ok(chrono::Utc::now()),
    }
}

fn print_list<T: Serialize>(rows: &[T], table: TextTable, format: ListFormat) -> Outcome {
    let out = std::io::stdout().lock();
    let result = match format {
        ListFormat::Json => write_json(&rows, out),
        ListFormat::Csv => write_csv(rows, out),
        ListFormat::Table => write_table(&table, out),
    };
    ignore_closed_pipe(result)
}

/// `ri-chase chase | head` closing the pipe early is not a failure.
fn ignore_closed_pipe(result: std::io::Result<()>) -> Outcome {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

fn init(path: &Path, authority: &str) -> Outcome {
    if authority.trim().is_empty() {
        return Err(Failure::input("--authority: give the authority's name"));
    }
    let mut store = Store::open_or_create(path)?;
    store.set_authority(authority)?;
    eprintln!("{} is ready for {}", path.display(), store.require_authority()?);
    Ok(())
}

fn make_demo(path: &Path, seed: u64, people: usize, episodes: usize, at: Option<&str>) -> Outcome {
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
    let filled = Store::open_or_create(path).and_then(|mut store| {
        store.set_authority(&options.authority)?;
        demo::fill(&mut store, &options)
    });
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

/// Removes a database file and its WAL companions (a failed demo leaves nothing).
fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// A fresh small demo database, made relative to `now` in the data folder.
fn open_demo(now: Instant) -> Result<Store, Failure> {
    let path = paths::demo_database_path()?;
    remove_database(&path);
    let options = DemoOptions::small(now);
    let mut store = Store::open_or_create(&path)?;
    store.set_authority(&options.authority)?;
    demo::fill(&mut store, &options)?;
    Ok(store)
}

fn import(path: &Path, file: &Path, dry_run: bool, now: Instant) -> Outcome {
    let reader = std::fs::File::open(file).map_err(|e| Failure::input(format!("{}: {e}", file.display())))?;
    let mut store = Store::open_or_create(path)?;
    let authority = store.require_authority()?;
    let items = match read_episodes(std::io::BufReader::new(reader), &store, &authority, now) {
        Ok(items) => items,
        Err(ImportError::Invalid(errors)) => {
            let mut err = std::io::stderr().lock();
            for e in &errors {
                let _ = writeln!(err, "{e}");
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

fn export(path: &Path, format: ExportFormat, year: Option<&str>, output: Option<&Path>) -> Outcome {
    let year = year.map(FinancialYear::parse).transpose().map_err(|e| Failure::input(format!("--year: {e}")))?;
    if format != ExportFormat::EpisodesCsv {
        return Err(Failure::input(format!(
            "--format {}: not available yet in this version; use episodes-csv",
            format.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
        )));
    }
    let store = Store::open_existing(path)?;
    match output {
        None => {
            let result = write_episodes(&store, year, std::io::stdout().lock());
            result.map(drop).map_err(|e| Failure::other(e.to_string()))
        }
        Some(file) => {
            // Write beside the target and rename, so a failed export never leaves half a file.
            let tmp = file.with_extension("partial");
            let written = paths::create_private(&tmp)
                .map_err(|e| Failure::input(format!("{}: {e}", tmp.display())))
                .and_then(|f| {
                    write_episodes(&store, year, std::io::BufWriter::new(f)).map_err(|e| Failure::other(e.to_string()))
                });
            match written {
                Ok(n) => {
                    std::fs::rename(&tmp, file)?;
                    eprintln!("{}: {n} episode(s)", file.display());
                    Ok(())
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    Err(e)
                }
            }
        }
    }
}
