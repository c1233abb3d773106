//! The monthly performance list as a document for senior managers: one
//! page (A4) for one month, split by where the child lives. Its figures are
//! [`crate::domain::report::monthly`]'s; the sentences say what the figures
//! say, worked out from them.

use super::sections::{COHORTS, n, pct, table};
use crate::domain::codes::Cohort;
use crate::domain::mpmg::TopRow;
use crate::domain::period::YearMonth;
use crate::domain::report::change::{self, Count, counted};
use crate::domain::report::monthly::{Activity, Performance};
use crate::domain::report::{CohortSplit, Report};
use crate::domain::time::{Instant, display_local, display_short};
use crate::io::cells::cohort_short;
use crate::io::chase_email::left;
use crate::io::mpmg_cells::{TOP_HEADERS, top_cells};
use crate::io::pack::document::{Block, Column, Text};

/// How many of the month's outstanding interviews the page lists (most
/// overdue first); the JSON, the CSV and `ri-chase chase` hold every one.
pub const LISTED_OUTSTANDING: usize = 4;

/// The page's title: `Missing children: monthly performance, October 2026`.
pub fn title(month: YearMonth) -> String {
    format!("Missing children: monthly performance, {}", month.long_name())
}

/// The page, from the heading down.
pub fn blocks(report: &Report, p: &Performance) -> Vec<Block> {
    let (month, before, year) = (p.month.long_name(), p.month.plus(-1).long_name(), p.month.plus(-12).long_name());
    let short = |m: YearMonth| format!("{} {}", &m.long_name()[..3], m.year());
    let mut blocks = vec![
        Block::heading(1, title(p.month)),
        Block::Facts(vec![
            ("Authority".to_string(), Text::plain(report.authority.as_str())),
            (
                "Month".to_string(),
                Text::plain(format!(
                    "{month} ({} to {}): the episodes that started in it, as of {}",
                    report.from,
                    report.to,
                    display_local(report.at)
                )),
            ),
        ]),
    ];
    blocks.extend(activity(
        &p.activity,
        [&before, &year],
        [short(p.month), short(p.month.plus(-1)), short(p.month.plus(-12))],
    ));
    blocks.extend(interviews(p, &month));
    blocks.extend(outstanding(p, report.at, &month));
    let top: u64 = p.top10.iter().map(|t| t.episodes).sum();
    blocks.push(Block::heading(2, format!("Top 10, {month}")));
    blocks.push(Block::para(match p.top10.len() {
        0 => format!("No child went missing in {month}."),
        k => format!(
            "The {} most often missing in {month} (the MPMG's top 10) had {} between them.",
            counted(k as u64, "child", "children"),
            counted(top, "episode", "episodes")
        ),
    }));
    blocks.push(top10(&p.top10, report.at, &month));
    blocks
}

/// `names`: the month before and a year before, in full; `short`: the
/// month, the month before and a year before as the column heads name them.
fn activity(a: &CohortSplit<Activity>, [before, year]: [&str; 2], short: [String; 3]) -> Vec<Block> {
    let all = a.all;
    let since = change::counts_sentence(&[
        Count { name: "episodes", now: all.episodes, before: all.month_before.episodes },
        Count { name: "individuals", now: all.individuals, before: all.month_before.individuals },
    ]);
    let sentence = format!(
        "Against {before}: {}{} {year} had {} and {}.",
        since[..1].to_lowercase(),
        &since[1..],
        counted(all.year_before.episodes, "episode", "episodes"),
        counted(all.year_before.individuals, "individual", "individuals"),
    );
    let columns = vec![
        Column::text("Children", 22),
        Column::number(format!("Episodes {}", short[0]), 13),
        Column::number("Individuals", 13),
        Column::number(format!("Episodes {}", short[1]), 13),
        Column::number("Individuals", 13),
        Column::number(format!("Episodes {}", short[2]), 13),
        Column::number("Individuals", 13),
    ];
    let rows = COHORTS
        .iter()
        .zip(a.in_order())
        .map(|(name, c)| {
            vec![
                Text::plain(*name),
                n(c.episodes),
                n(c.individuals),
                n(c.month_before.episodes),
                n(c.month_before.individuals),
                n(c.year_before.episodes),
                n(c.year_before.individuals),
            ]
        })
        .collect();
    vec![Block::heading(2, "Episodes and individuals"), Block::para(sentence), table(columns, rows, "")]
}

fn interviews(p: &Performance, month: &str) -> Vec<Block> {
    let (i, target) = (&p.interviews, p.target_percent);
    let all = i.all;
    let sentence = match all.percent {
        None => format!("No return interview for {month}'s episodes is due yet."),
        Some(p) => format!(
            "Of {} due for {month}'s episodes, {} ({}) were held within 72 hours: {} the target of {target}%.",
            counted(all.counts.required, "interview", "interviews"),
            all.counts.in_time,
            change::percent(p),
            if p >= target as f64 { "meeting" } else { "short of" },
        ),
    };
    let columns = vec![
        Column::text("Children", 20),
        Column::number("Due", 8),
        Column::number("In 72 hours", 10),
        Column::number("Share", 9),
        Column::number("Late", 8),
        Column::number("Overdue", 10),
        Column::number("Not yet due", 11),
        Column::number("Not required", 11),
        Column::number("Outstanding", 13),
    ];
    let rows = COHORTS
        .iter()
        .zip(i.in_order().iter().zip(p.outstanding.month.in_order()))
        .map(|(name, (t, o))| {
            let c = t.counts;
            vec![
                Text::plain(*name),
                n(c.required),
                n(c.in_time),
                pct(t.percent),
                n(c.late),
                n(c.overdue),
                n(c.not_yet_due),
                n(c.not_required),
                n(o.outstanding),
            ]
        })
        .collect();
    vec![
        Block::heading(2, "Return interviews within 72 hours"),
        Block::para(format!("{sentence} Due: held, or past its 72 hours. Outstanding: not held, as of now.")),
        table(columns, rows, ""),
    ]
}

fn outstanding(p: &Performance, now: Instant, month: &str) -> Vec<Block> {
    let (mine, others) = (p.outstanding.month.all, p.outstanding.other_months.all);
    let are = |k: u64| if k == 1 { "is" } else { "are" };
    let overdue = |o: u64| if o == 0 { "none overdue".to_string() } else { format!("{o} of them overdue") };
    let month_part = match mine.outstanding {
        0 => format!("no interview for {month}'s episodes is outstanding"),
        k => format!(
            "{} for {month}'s episodes {} outstanding, {}",
            counted(k, "interview", "interviews"),
            are(k),
            overdue(mine.overdue)
        ),
    };
    let other_part = match others.outstanding {
        0 => "none from other months".to_string(),
        k => format!("{k} from other months {} outstanding, {}", are(k), overdue(others.overdue)),
    };
    let sentence = format!("As of {}, {month_part}; {other_part}.", display_local(now));
    let mut blocks = vec![Block::heading(2, "Interviews still outstanding"), Block::para(sentence)];
    let rows = &p.outstanding.rows;
    let listed: Vec<Vec<Text>> = rows
        .iter()
        .take(LISTED_OUTSTANDING)
        .map(|r| {
            vec![
                Text::plain(r.name.as_str()),
                Text::plain(r.person_ref.as_str()),
                Text::plain(display_short(r.returned_at, now)),
                left(r),
                Text::plain(r.worker.as_deref().unwrap_or("none named")),
                Text::plain(if r.cohort == Cohort::PlacedIn {
                    format!("{} ({})", cohort_short(r.cohort), r.placing_la.as_deref().unwrap_or(""))
                } else {
                    cohort_short(r.cohort).to_string()
                }),
            ]
        })
        .collect();
    let columns = vec![
        Column::text("Child", 19),
        Column::text("Ref", 12),
        Column::text("Returned", 15),
        Column::text("Left", 19),
        Column::text("Worker", 16),
        Column::text("Cohort", 19),
    ];
    blocks.push(table(columns, listed, &format!("None outstanding for {month}'s episodes.")));
    if rows.len() > LISTED_OUTSTANDING {
        let more = format!(
            "The {LISTED_OUTSTANDING} most overdue are listed; {} more are in ",
            rows.len() - LISTED_OUTSTANDING
        );
        blocks.push(Block::para(
            Text::plain(more).then(Text::mono("ri-chase chase")).then(Text::plain(" and this list's CSV and JSON.")),
        ));
    }
    blocks
}

/// The top 10 in one line a child: the screens' cells (as the MPMG pack
/// has them), without the pack's twelve months of bars, which a page for one
/// month has no room for.
fn top10(top10: &[TopRow], now: Instant, month: &str) -> Block {
    let picked = ["Rank", "Child", "Ref", "Ep", "Hours", "Last missing", "Status"];
    let columns = vec![
        Column::number("Rank", 7),
        Column::text("Child", 22),
        Column::text("Ref", 13),
        Column::number("Episodes", 11),
        Column::number("Hours", 9),
        Column::text("Last missing", 16),
        Column::text("Case status", 22),
    ];
    let rows = top10
        .iter()
        .map(|r| {
            let cells = top_cells(r, now);
            picked
                .iter()
                .map(|h| Text::plain(TOP_HEADERS.iter().position(|t| t == h).map_or("", |i| cells[i].as_str())))
                .collect()
        })
        .collect();
    table(columns, rows, &format!("No child went missing in {month}."))
}
