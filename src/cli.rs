//! The command line: argument parsing (clap) and dispatch to the library.

use crate::commands;
use crate::domain::strategy::{History, StrategyRow, within_history};
use crate::domain::time::{Instant, parse_instant, uk_date};
use crate::domain::visible::visible;
use crate::io::cells::{missing_table, strategy_table};
use crate::io::output::{ListFormat, TextTable, write_csv, write_json, write_table};
use crate::io::paths;
use crate::store::{Store, StoreError};
use crate::tui::{Clock, TuiError};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;
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
    /// Open the app on a fresh demo database of synthetic children, in a file of its own in the data
    /// folder, removed on quitting (with --db, at PATH, which must be new or an old demo).
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
    /// Import episodes from a CSV file, or an SSD extract (all or nothing).
    Import {
        /// The episode CSV, or with --format ssd the ssd_missing table.
        file: PathBuf,
        /// episodes-csv (the default), or ssd: a case system's ssd_missing extract (with --person).
        #[arg(long, value_enum, default_value_t = ImportFormat::EpisodesCsv)]
        format: ImportFormat,
        /// --format ssd: the ssd_person table naming each child.
        #[arg(long, value_name = "PERSON.csv")]
        person: Option<PathBuf>,
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
        /// Only episodes starting in this financial year, e.g. 2016-17 (ssda903-missing: the
        /// collection year, required; episodes open when it began are in it too).
        #[arg(long, value_name = "YYYY-YY")]
        year: Option<String>,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE", value_parser = output_file)]
        output: Option<PathBuf>,
        /// ssda903-missing: write the table even when it breaks the DfE's rules (each breach is still listed).
        #[arg(long)]
        allow_breaches: bool,
        /// annex-a-list8: the reference date (and time), YYYY-MM-DD HH:MM (UK local) or RFC 3339
        /// (default: now); the list covers the 12 months up to it.
        #[arg(long, value_name = "T")]
        at: Option<String>,
    },
    /// Outstanding return interviews, most overdue first; md and html: the weekly chase email.
    Chase(ChaseArgs),
    /// Strategy meetings due, coming up and recorded.
    Strategy(StrategyArgs),
    /// Children still missing.
    Missing(ListArgs),
    /// The month's MPMG lists: the children to review, the top 10 and the persistently missing.
    Mpmg(MpmgArgs),
    /// The board report for a financial year, quarter, month or run of days, with the period before.
    Report(ReportArgs),
    /// Draft a letter to each placing authority whose child's return interview is past its deadline.
    Letters {
        /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
        #[arg(long, value_name = "T")]
        at: Option<String>,
        /// Write one file per authority into DIR (made, for its owner only, if missing)
        /// instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// A child's pattern, groups of children who go missing together, or hotspots.
    Patterns(crate::commands::patterns::PatternsArgs),
    /// Prevention work with the episodes before and after it; `prevention add` records a piece.
    Prevention(crate::commands::patterns::PreventionArgs),
    /// A consistent copy of the live database.
    Backup { dest: PathBuf },
    /// Bring a backup back as a new database file, checked first (SQLite's integrity_check); never over a file.
    Restore {
        /// The backup (made by `ri-chase backup`, or the copy kept before an upgrade).
        backup: PathBuf,
        /// The new file to make; it must not exist, and its folder must.
        #[arg(long, value_name = "NEW")]
        to: PathBuf,
    },
    /// The audit trail: check it for tampering, or put its triggers back.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// The thresholds in force; with KEY VALUE, set one.
    Settings {
        /// The setting to change (see the list with no arguments).
        #[arg(requires = "value")]
        key: Option<String>,
        /// Its new value: a whole number (ri_charge_text: words, or "" for none).
        value: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// Check the trail: its hash chain from the first row, the triggers, and that every row of
    /// every table is as its last entry left it. Exit 0 when it holds, 1 when it shows tampering
    /// (each problem named, the first on stderr).
    Verify {
        /// A head printed by an earlier verify (ROW:HASH): that row must still have that hash.
        #[arg(long, value_name = "ROW:HASH")]
        head: Option<String>,
    },
    /// Put back the triggers that write the trail (writes are refused while any is missing or
    /// changed); recorded in the trail itself.
    RepairTriggers,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct ChaseArgs {
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    /// table, csv, json: the list; md, html: the weekly chase email (by team, then worker).
    #[arg(long, value_enum, default_value_t = ChaseFormat::Table)]
    pub format: ChaseFormat,
    /// Write to FILE instead of standard output (through a private temporary file beside it, renamed when complete).
    #[arg(short = 'o', long = "output", value_name = "FILE", value_parser = output_file)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChaseFormat {
    Table,
    Csv,
    Json,
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct StrategyArgs {
    #[command(flatten)]
    pub list: ListArgs,
    /// Meetings already concluded (held, not needed, not held) for episodes
    /// that began in the last N months, or `all`; outstanding ones always.
    /// The Strategy tab opens on the same default.
    #[arg(long, value_name = "N|all", default_value = "3", value_parser = parse_history)]
    pub months: History,
}

/// `--months`: a whole number of months, 1 or more, or `all`.
fn parse_history(text: &str) -> Result<History, String> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("all") {
        return Ok(History::All);
    }
    match text.parse::<u32>() {
        Ok(n) if (1..=1200).contains(&n) => Ok(History::Months(n)),
        _ => Err(format!("`{text}` is not a number of months: give 1 to 1200, or `all`")),
    }
}

#[derive(Debug, clap::Args)]
pub struct MpmgArgs {
    /// The month, YYYY-MM (default: the month before the one containing now).
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    /// table: the three lists; csv: the top 10 alone (what goes to senior managers); json: all three;
    /// md, html: the meeting pack (summary, lists, and a section per child to review).
    #[arg(long, value_enum, default_value_t = MpmgFormat::Table)]
    pub format: MpmgFormat,
    /// Write to FILE instead of standard output (through a private temporary file beside it, renamed when complete).
    #[arg(short = 'o', long = "output", value_name = "FILE", value_parser = output_file)]
    pub output: Option<PathBuf>,
}

/// `-o FILE` names a file to write: a folder (or a name ending in a
/// separator) is bad usage, refused before anything is read or written.
fn output_file(text: &str) -> Result<PathBuf, String> {
    let path = PathBuf::from(text);
    if text.is_empty() {
        return Err("give a file name".into());
    }
    if path.is_dir() || text.ends_with(std::path::is_separator) {
        return Err(format!("{text} is a folder; give the name of a file to write"));
    }
    Ok(path)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MpmgFormat {
    Table,
    Csv,
    Json,
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("period").required(true).args(["year", "quarter", "month", "from"])))]
pub struct ReportArgs {
    /// A financial year, e.g. 2016-17 (1 April 2016 to 31 March 2017).
    #[arg(long, value_name = "YYYY-YY")]
    pub year: Option<String>,
    /// A financial quarter, e.g. "2016-17 Q4" (Q1 April-June ... Q4 January-March).
    #[arg(long, value_name = "\"YYYY-YY Qn\"")]
    pub quarter: Option<String>,
    /// A calendar month, YYYY-MM.
    #[arg(long, value_name = "YYYY-MM")]
    pub month: Option<String>,
    /// The first day of a run of days (with --to), YYYY-MM-DD or DD/MM/YYYY.
    #[arg(long, value_name = "D", requires = "to")]
    pub from: Option<String>,
    /// The last day, included (with --from).
    #[arg(long, value_name = "D", requires = "from")]
    pub to: Option<String>,
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    /// json: every figure (INTERFACES.md); csv: one table per section; md, html: the board paper (html with charts, for A4).
    #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
    pub format: ReportFormat,
    /// Write to FILE instead of standard output (nothing is left half-written).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
    Csv,
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    EpisodesCsv,
    Ssda903Missing,
    AnnexAList8,
    SsdMissing,
    SsdPerson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    EpisodesCsv,
    Ssd,
}

/// A failure and the exit status it earns: 2 for bad usage or input, 1 otherwise.
#[derive(Debug)]
pub struct Failure {
    pub status: u8,
    pub message: String,
}

impl Failure {
    pub(crate) fn input(message: impl Into<String>) -> Self {
        Failure { status: 2, message: message.into() }
    }
    pub(crate) fn other(message: impl Into<String>) -> Self {
        Failure { status: 1, message: message.into() }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NoDatabase(_)
            | StoreError::NoAuthority(_)
            | StoreError::OtherAuthority { .. }
            | StoreError::NotADatabase(_)
            | StoreError::Create { .. }
            | StoreError::TooNew { .. }
            | StoreError::CannotRead { .. }
            | StoreError::Backup { .. }
            | StoreError::Restore { .. }
            | StoreError::BadSetting(_) => Failure::input(e.to_string()),
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
            TuiError::NoTerminal => Failure::input(e.to_string()),
            other => Failure::other(other.to_string()),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::other(e.to_string())
    }
}

pub(crate) type Outcome = Result<(), Failure>;

/// Parses the arguments, runs the command and turns the outcome into an exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            // A message may quote the data (a name, a cell): shown, never obeyed.
            // One that names the program already needs no prefix.
            let message = visible(&f.message);
            if message.starts_with("ri-chase ") {
                eprintln!("{message}");
            } else {
                eprintln!("ri-chase: {message}");
            }
            ExitCode::from(f.status)
        }
    }
}

pub fn run(cli: Cli) -> Outcome {
    let db = cli.db.as_deref();
    match cli.command {
        None => {
            // Before a demo is made or a file opened.
            crate::tui::require_terminal()?;
            let clock = match cli.at.as_deref() {
                Some(at) => Clock::Fixed(now(Some(at))?),
                None => Clock::Live,
            };
            let holidays = paths::bank_holidays()?;
            let (store, demo_file) = if cli.demo {
                let (store, file) = commands::open_demo(db, clock.now())?;
                (store, Some(file))
            } else {
                (Store::open_existing(&paths::database_path(db)?)?, None)
            };
            let ran = crate::tui::run(store, holidays, clock);
            // The demo's own file goes now the app is done with it.
            drop(demo_file);
            Ok(ran?)
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
        Command::Init { authority } => commands::init(path, &authority),
        Command::Demo { seed, people, episodes, at } => {
            commands::make_demo(path, seed, people, episodes, at.as_deref())
        }
        Command::Import { file, format: ImportFormat::Ssd, person, dry_run, at } => {
            commands::import_ssd(path, &file, person.as_deref(), dry_run, now(at.as_deref())?)
        }
        Command::Import { person: Some(_), .. } => Err(Failure::input("--person is for --format ssd")),
        Command::Import { file, dry_run, at, .. } => commands::import(path, &file, dry_run, now(at.as_deref())?),
        Command::Export { format: ExportFormat::AnnexAList8, year, output, at, .. } => {
            commands::export_annex_a(path, at.as_deref(), year.as_deref(), output.as_deref())
        }
        Command::Export { at: Some(_), .. } => {
            Err(Failure::input("--at is for --format annex-a-list8, whose reference date it sets"))
        }
        Command::Export { format: ExportFormat::Ssda903Missing, year, output, allow_breaches, .. } => {
            commands::export_ssda903_missing(path, year.as_deref(), output.as_deref(), allow_breaches)
        }
        Command::Export { allow_breaches: true, .. } => {
            Err(Failure::input("--allow-breaches is for --format ssda903-missing, whose rules it lets a table break"))
        }
        Command::Export {
            format: format @ (ExportFormat::SsdMissing | ExportFormat::SsdPerson), year, output, ..
        } => {
            let table = if format == ExportFormat::SsdMissing {
                commands::SsdTable::Missing
            } else {
                commands::SsdTable::Person
            };
            commands::export_ssd(path, table, year.as_deref(), output.as_deref())
        }
        Command::Export { format, year, output, .. } => {
            commands::export(path, format, year.as_deref(), output.as_deref())
        }
        Command::Chase(args) => commands::chase(path, &args),
        Command::Strategy(StrategyArgs { list: args, months }) => {
            let store = Store::open_to_read(path)?;
            let at = now(args.at.as_deref())?;
            let all = store.strategy_list(at)?;
            // The rows the Strategy tab shows with the same window.
            let (rows, hidden) = within_history(&all, at, months);
            let rows: Vec<StrategyRow> = rows.into_iter().cloned().collect();
            if let (n @ 1.., Some(since)) = (hidden, months.since(at)) {
                eprintln!(
                    "ri-chase: {n} concluded meeting(s) of episodes that began before {} not listed; --months N or --months all lists them",
                    uk_date(since).format("%d/%m/%Y")
                );
            }
            print_list(&rows, |r| strategy_table(r, at), args.format)
        }
        Command::Missing(args) => {
            let store = Store::open_to_read(path)?;
            let at = now(args.at.as_deref())?;
            let rows = store.missing_list(at)?;
            print_list(&rows, |r| missing_table(r, at), args.format)
        }
        Command::Mpmg(args) => commands::mpmg(path, &args),
        Command::Report(args) => commands::report(path, &args),
        Command::Patterns(args) => commands::patterns::patterns(path, &args),
        Command::Prevention(args) => commands::patterns::prevention(path, &args),
        Command::Letters { at, output } => commands::letters(path, at.as_deref(), output.as_deref()),
        Command::Settings { key: Some(key), value: Some(value) } => {
            let mut store = Store::open_existing(path)?;
            store.set_setting(&key, &value)?;
            eprintln!("{key} is now {}", visible(value.trim()));
            Ok(())
        }
        Command::Settings { .. } => commands::print_settings(path),
        Command::Restore { backup, to } => {
            let r = crate::store::restore(&backup, &to)?;
            eprintln!(
                "restored {} to {}: schema {}, {} child(ren), {} episode(s); SQLite's integrity check passed. \
                 Use it with --db {}, or, with no ri-chase running, move it to where the database belongs",
                backup.display(),
                to.display(),
                r.schema,
                r.people,
                r.episodes,
                to.display()
            );
            Ok(())
        }
        Command::Audit { action: AuditAction::Verify { head } } => commands::verify_audit(path, head.as_deref()),
        Command::Audit { action: AuditAction::RepairTriggers } => commands::repair_triggers(path),
        Command::Backup { dest } => {
            Store::open_to_read(path)?.backup_to(&dest)?;
            eprintln!("backed up {} to {}", path.display(), dest.display());
            Ok(())
        }
    }
}

/// `--at`, or the clock.
pub(crate) fn now(at: Option<&str>) -> Result<Instant, Failure> {
    match at {
        Some(text) => parse_instant(text).map_err(|e| Failure::input(format!("--at: {e}"))),
        None => Ok(chrono::Utc::now()),
    }
}

/// Prints a list; the table's cells are only made when a table is asked for.
fn print_list<T: Serialize>(rows: &[T], table: impl FnOnce(&[T]) -> TextTable, format: ListFormat) -> Outcome {
    let out = std::io::stdout().lock();
    let result = match format {
        ListFormat::Json => write_json(&rows, out),
        ListFormat::Csv => write_csv(rows, out),
        ListFormat::Table => write_table(&table(rows), out),
    };
    ignore_closed_pipe(result)
}

/// `ri-chase chase | head` closing the pipe early is not a failure.
pub(crate) fn ignore_closed_pipe(result: std::io::Result<()>) -> Outcome {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
