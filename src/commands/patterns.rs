//! `ri-chase patterns` and `ri-chase prevention`: the Patterns tab's
//! findings headlessly, from the same store and domain functions.

use super::to_output;
use crate::cli::{Failure, Outcome, now};
use crate::domain::patterns::last_twelve_months;
use crate::domain::patterns::prevention::TargetType;
use crate::domain::report::ReportPeriod;
use crate::domain::time::{parse_date, uk_date};
use crate::domain::visible::visible;
use crate::io::output::{write_csv, write_json};
use crate::io::pack::document::Block;
use crate::io::pack::{write_html_page, write_markdown_blocks};
use crate::io::patterns::{
    ChildJson, HotspotsJson, child_blocks, child_csv, groups_blocks, groups_csv, groups_json, hotspots_blocks,
    hotspots_csv, often_json, prevention_blocks, prevention_csv, prevention_json,
};
use crate::store::Store;
use crate::store::edit::prevention::NewPrevention;
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PatternFormat {
    Json,
    Csv,
    Md,
    Html,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["person", "groups", "hotspots"])))]
pub struct PatternsArgs {
    /// One child's pattern, by reference.
    #[arg(long, value_name = "REF")]
    pub person: Option<String>,
    /// Groups of children who go missing together.
    #[arg(long)]
    pub groups: bool,
    /// Episodes and children by placement, school / EET and where found, against the period before.
    #[arg(long)]
    pub hotspots: bool,
    /// The first day, YYYY-MM-DD or DD/MM/YYYY (with --to; default: the 12 months to today;
    /// for --person, all their episodes).
    #[arg(long, value_name = "D", requires = "to")]
    pub from: Option<String>,
    /// The last day, included (with --from).
    #[arg(long, value_name = "D", requires = "from")]
    pub to: Option<String>,
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = PatternFormat::Md)]
    pub format: PatternFormat,
    /// Write to FILE instead of standard output (nothing is left half-written).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PreventionArgs {
    #[command(subcommand)]
    pub action: Option<PreventionAction>,
    /// "Now": YYYY-MM-DD HH:MM (UK local) or RFC 3339 with offset.
    #[arg(long, value_name = "T")]
    pub at: Option<String>,
    #[arg(long, value_enum, default_value_t = PatternFormat::Md)]
    pub format: PatternFormat,
    /// Write to FILE instead of standard output (nothing is left half-written).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Subcommand)]
pub enum PreventionAction {
    /// Record a piece of prevention work for a child, a placement or a school.
    #[command(group(clap::ArgGroup::new("target").required(true).args(["person", "placement", "school"])))]
    Add {
        /// The child's reference.
        #[arg(long, value_name = "REF")]
        person: Option<String>,
        /// A placement's name, as the file knows it (any letter case).
        #[arg(long, value_name = "NAME")]
        placement: Option<String>,
        /// A school, college or employer, as recorded on a child (any letter case).
        #[arg(long, value_name = "NAME")]
        school: Option<String>,
        /// When it was done: YYYY-MM-DD or DD/MM/YYYY.
        #[arg(long, value_name = "DATE")]
        on: String,
        /// What was done.
        #[arg(long, value_name = "TEXT")]
        what: String,
        /// Who delivered it.
        #[arg(long, value_name = "WHO")]
        by: Option<String>,
        /// "Now", for the check that the work is not in the future.
        #[arg(long, value_name = "T")]
        at: Option<String>,
    },
}

/// `--from`/`--to`, or the 12 months to today.
fn period(from: Option<&str>, to: Option<&str>) -> Result<Option<ReportPeriod>, Failure> {
    let bad = |flag: &str, e: &dyn std::fmt::Display| Failure::input(format!("{flag}: {e}"));
    match (from, to) {
        (Some(from), Some(to)) => {
            let first = parse_date(from).map_err(|e| bad("--from", &e))?;
            let last = parse_date(to).map_err(|e| bad("--to", &e))?;
            ReportPeriod::days(first, last).map(Some).map_err(|e| bad("--from/--to", &e))
        }
        _ => Ok(None),
    }
}

fn document(format: PatternFormat, title: &str, blocks: &[Block], out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        PatternFormat::Html => write_html_page(title, blocks, out),
        _ => {
            let mut out = out;
            write_markdown_blocks(blocks, &mut out)
        }
    }
}

pub(crate) fn patterns(path: &Path, args: &PatternsArgs) -> Outcome {
    let now = now(args.at.as_deref())?;
    let chosen = period(args.from.as_deref(), args.to.as_deref())?;
    let store = Store::open_to_read(path)?;
    let format = args.format;
    if let Some(person) = &args.person {
        let Some(pattern) = store.child_pattern(person, chosen, now)? else {
            return Err(Failure::input(format!("--person: no child has the reference `{}`", visible(person.trim()))));
        };
        let often = store.often_with(&pattern.person_ref, now)?;
        let write = |out: &mut dyn Write| match format {
            PatternFormat::Json => {
                write_json(&ChildJson { pattern: &pattern, often_missing_with: often_json(&often) }, out)
            }
            PatternFormat::Csv => write_csv(&child_csv(&pattern), out),
            _ => document(format, &format!("Pattern: {}", pattern.name), &child_blocks(&pattern, &often, 1), out),
        };
        return to_output(args.output.as_deref(), write, |f, ()| {
            format!("{}: the pattern of {}", f.display(), pattern.person_ref)
        });
    }
    let period = chosen.unwrap_or_else(|| last_twelve_months(now));
    if args.groups {
        let groups = store.groups(period, now)?;
        let min_times = store.pattern_settings()?.min_times;
        let write = |out: &mut dyn Write| match format {
            PatternFormat::Json => write_json(&groups_json(&groups), out),
            PatternFormat::Csv => write_csv(&groups_csv(&groups), out),
            _ => document(format, "Missing together", &groups_blocks(&groups, &period.label(), min_times), out),
        };
        return to_output(args.output.as_deref(), write, |f, ()| format!("{}: {} group(s)", f.display(), groups.len()));
    }
    let hotspots = store.hotspots(period, now)?;
    let before = period.before();
    let write = |out: &mut dyn Write| match format {
        PatternFormat::Json => write_json(
            &HotspotsJson {
                from: period.first_day().to_string(),
                to: period.last_day().to_string(),
                before_from: before.first_day().to_string(),
                before_to: before.last_day().to_string(),
                hotspots: &hotspots,
            },
            out,
        ),
        PatternFormat::Csv => write_csv(&hotspots_csv(&hotspots), out),
        _ => document(
            format,
            "Hotspots",
            &hotspots_blocks(&hotspots, &period.label(), &before.label(), 1, usize::MAX),
            out,
        ),
    };
    to_output(args.output.as_deref(), write, |f, ()| format!("{}: hotspots for {}", f.display(), period.label()))
}

pub(crate) fn prevention(path: &Path, args: &PreventionArgs) -> Outcome {
    if let Some(PreventionAction::Add { person, placement, school, on, what, by, at }) = &args.action {
        let now = now(at.as_deref())?;
        let (target_type, target) = match (person, placement, school) {
            (Some(p), _, _) => (TargetType::Person, p),
            (_, Some(p), _) => (TargetType::Placement, p),
            (_, _, Some(s)) => (TargetType::School, s),
            _ => return Err(Failure::input("say who or where the work was for: --person, --placement or --school")),
        };
        let done_on = parse_date(on).map_err(|e| Failure::input(format!("--on: {e}")))?;
        let mut store = Store::open_existing(path)?;
        let work = NewPrevention { target_type, target: target.clone(), done_on, what: what.clone(), by: by.clone() };
        let (_, stored, _) = store.add_prevention(&work, uk_date(now)).map_err(|e| match e {
            crate::store::edit::EditError::Store(s) => Failure::from(s),
            other => Failure::input(visible(&other.to_string()).into_owned()),
        })?;
        eprintln!(
            "recorded prevention work for {} {} on {done_on}",
            target_type.label().to_lowercase(),
            visible(&stored)
        );
        return Ok(());
    }
    let now = now(args.at.as_deref())?;
    let store = Store::open_to_read(path)?;
    let rows = store.prevention_list(now)?;
    let quarters = store.pattern_settings()?.quarters;
    let format = args.format;
    let write = |out: &mut dyn Write| match format {
        PatternFormat::Json => write_json(&prevention_json(&rows), out),
        PatternFormat::Csv => write_csv(&prevention_csv(&rows), out),
        _ => document(format, "Prevention work", &prevention_blocks(&rows, quarters), out),
    };
    to_output(args.output.as_deref(), write, |f, ()| {
        format!("{}: {} piece(s) of prevention work", f.display(), rows.len())
    })
}
