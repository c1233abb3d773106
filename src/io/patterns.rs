//! The patterns as documents (the pack's blocks, so Markdown and HTML hold
//! the same words) and as JSON and CSV rows (INTERFACES.md): a child's
//! pattern, the groups who go missing together, hotspots, prevention work.

use crate::domain::patterns::PatternEpisode;
use crate::domain::patterns::child::{ChildPattern, DAYS};
use crate::domain::patterns::hotspots::{HotspotKind, HotspotRow, Hotspots};
use crate::domain::patterns::places::Counted;
use crate::domain::patterns::prevention::{PreventionResult, Side};
use crate::domain::patterns::together::{Group, Member};
use crate::domain::time::{Instant, display_local, format_span, serialize_local, serialize_local_opt};
use crate::io::pack::document::{Block, Column, Density, Table, Text};
use serde::Serialize;

/// "Bus station (3), Park (1)", or `none` when nothing was recorded.
fn counted(rows: &[Counted], none: &str) -> String {
    if rows.is_empty() {
        return none.to_string();
    }
    rows.iter().map(|c| format!("{} ({})", c.label, c.count)).collect::<Vec<_>>().join(", ")
}

/// A child's pattern as blocks under a heading of `level`.
pub fn child_blocks(p: &ChildPattern, often: &[(Member, u32)], level: u8) -> Vec<Block> {
    let mut blocks = vec![
        Block::heading(level, format!("Pattern: {} ({})", p.name, p.person_ref)),
        Block::para(format!("{} episode(s). {} {}", p.episodes.len(), p.trend.sentence, p.gaps.sentence)),
    ];
    let with = if often.is_empty() {
        "nobody".to_string()
    } else {
        often.iter().map(|(m, n)| format!("{} ({}) {n} times", m.name, m.person_ref)).collect::<Vec<_>>().join(", ")
    };
    blocks.push(Block::Facts(vec![
        ("Missing from".into(), Text::plain(counted(&p.missing_from, "not recorded"))),
        ("Found at".into(), Text::plain(counted(&p.found_where, "not recorded"))),
        ("Found with".into(), Text::plain(counted(&p.found_with, "nobody named"))),
        ("Often missing with".into(), Text::plain(with)),
        ("Reasons given".into(), Text::plain(counted(&p.reasons, "none recorded"))),
    ]));
    blocks.push(Block::heading(level + 1, "When they go (UK time)"));
    blocks.push(Block::Table(Table {
        columns: vec![
            Column::text("Day", 12),
            Column::text("00:00 to 23:00, by hour", 70),
            Column::number("Episodes", 18),
        ],
        rows: (0..7)
            .map(|d| {
                vec![Text::plain(DAYS[d]), Text::mono(p.heat.glyphs(d)), Text::plain(p.heat.day_total(d).to_string())]
            })
            .collect(),
        density: Density::Normal,
        empty: String::new(),
    }));
    blocks.push(Block::heading(level + 1, "What came before episodes (counts, not causes)"));
    if p.triggers.is_empty() {
        blocks.push(Block::para("Nothing recurs often enough to count."));
    } else {
        blocks.push(Block::Facts(
            p.triggers.iter().enumerate().map(|(i, t)| (format!("{}", i + 1), Text::plain(t.sentence()))).collect(),
        ));
    }
    blocks.push(Block::heading(level + 1, "Episodes, oldest first"));
    blocks.push(Block::Table(Table {
        columns: vec![Column::text("Episode", 30), Column::text("Began", 40), Column::number("Length", 30)],
        rows: p
            .episodes
            .iter()
            .map(|e| {
                vec![
                    Text::plain(e.episode_ref.clone()),
                    Text::plain(display_local(e.missing_at)),
                    Text::plain(e.minutes.map(format_span).unwrap_or_else(|| "still missing".into())),
                ]
            })
            .collect(),
        density: Density::Normal,
        empty: "No episodes recorded.".into(),
    }));
    blocks
}

/// One row per counted value of a child's pattern, for CSV.
#[derive(Debug, Serialize)]
pub struct ChildCsvRow {
    pub person_ref: String,
    pub section: &'static str,
    pub label: String,
    pub count: u32,
}

pub fn child_csv(p: &ChildPattern) -> Vec<ChildCsvRow> {
    let mut rows = Vec::new();
    let mut push = |section: &'static str, label: String, count: u32| {
        rows.push(ChildCsvRow { person_ref: p.person_ref.clone(), section, label, count })
    };
    for (section, list) in [
        ("missing_from", &p.missing_from),
        ("found_where", &p.found_where),
        ("found_with", &p.found_with),
        ("reasons", &p.reasons),
    ] {
        for c in list.iter() {
            push(section, c.label.clone(), c.count);
        }
    }
    for (d, day) in DAYS.iter().enumerate() {
        for (h, n) in p.heat.cells[d].iter().enumerate().filter(|(_, n)| **n > 0) {
            push("day_hour", format!("{day} {h:02}:00"), *n);
        }
    }
    for t in &p.triggers {
        push("trigger", t.what.clone(), t.count);
    }
    for e in &p.episodes {
        push("episode_minutes", e.episode_ref.clone(), e.minutes.unwrap_or(0).max(0) as u32);
    }
    rows
}

/// A child's pattern as JSON: the pattern and who they are often missing with.
#[derive(Debug, Serialize)]
pub struct ChildJson<'a> {
    #[serde(flatten)]
    pub pattern: &'a ChildPattern,
    pub often_missing_with: Vec<OftenWith>,
}

#[derive(Debug, Serialize)]
pub struct OftenWith {
    pub person_ref: String,
    pub name: String,
    pub times: u32,
}

pub fn often_json(often: &[(Member, u32)]) -> Vec<OftenWith> {
    often.iter().map(|(m, n)| OftenWith { person_ref: m.person_ref.clone(), name: m.name.clone(), times: *n }).collect()
}

/// A group as INTERFACES.md's JSON gives it, with its occasions after.
#[derive(Debug, Serialize)]
pub struct GroupJson {
    pub members: Vec<String>,
    pub times_together: usize,
    #[serde(serialize_with = "serialize_local")]
    pub first_at: Instant,
    #[serde(serialize_with = "serialize_local")]
    pub last_at: Instant,
    pub names: Vec<String>,
    pub occasions: Vec<OccasionJson>,
}

#[derive(Debug, Serialize)]
pub struct OccasionJson {
    pub links: Vec<&'static str>,
    pub episodes: Vec<EpisodeJson>,
}

#[derive(Debug, Serialize)]
pub struct EpisodeJson {
    pub person_ref: String,
    pub episode_ref: String,
    #[serde(serialize_with = "serialize_local")]
    pub missing_at: Instant,
    #[serde(serialize_with = "serialize_local_opt")]
    pub returned_at: Option<Instant>,
    pub placement: Option<String>,
    pub where_found: Option<String>,
    pub found_with: Option<String>,
}

fn episode_json(e: &PatternEpisode) -> EpisodeJson {
    EpisodeJson {
        person_ref: e.person_ref.clone(),
        episode_ref: e.episode_ref.clone(),
        missing_at: e.missing_at,
        returned_at: e.returned_at,
        placement: e.placement.clone(),
        where_found: e.where_found.clone(),
        found_with: e.found_with.clone(),
    }
}

pub fn groups_json(groups: &[Group]) -> Vec<GroupJson> {
    groups
        .iter()
        .map(|g| GroupJson {
            members: g.members.iter().map(|m| m.person_ref.clone()).collect(),
            times_together: g.times_together(),
            first_at: g.first_at(),
            last_at: g.last_at(),
            names: g.members.iter().map(|m| m.name.clone()).collect(),
            occasions: g
                .occasions
                .iter()
                .map(|o| OccasionJson {
                    links: o.links.iter().map(|l| l.label()).collect(),
                    episodes: o.episodes.iter().map(episode_json).collect(),
                })
                .collect(),
        })
        .collect()
}

/// A group in one CSV row.
#[derive(Debug, Serialize)]
pub struct GroupCsvRow {
    pub members: String,
    pub names: String,
    pub times_together: usize,
    pub first_at: String,
    pub last_at: String,
}

pub fn groups_csv(groups: &[Group]) -> Vec<GroupCsvRow> {
    groups_json(groups)
        .into_iter()
        .map(|g| GroupCsvRow {
            members: g.members.join(";"),
            names: g.names.join(";"),
            times_together: g.times_together,
            first_at: crate::domain::time::iso_local(g.first_at),
            last_at: crate::domain::time::iso_local(g.last_at),
        })
        .collect()
}

/// The groups as blocks: a table of groups, then each group's occasions
/// with the members' episodes side by side.
pub fn groups_blocks(groups: &[Group], period: &str, min_times: u32) -> Vec<Block> {
    let mut blocks = vec![
        Block::heading(1, format!("Missing together: {period}")),
        Block::para(format!(
            "Children whose episodes overlapped in time and who went missing from the same placement, were found \
             together, or named each other; a group is linked on at least {min_times} occasions. {} group(s).",
            groups.len()
        )),
        Block::Table(Table {
            columns: vec![
                Column::text("Children", 52),
                Column::number("Times together", 16),
                Column::text("First", 16),
                Column::text("Latest", 16),
            ],
            rows: groups
                .iter()
                .map(|g| {
                    vec![
                        Text::plain(
                            g.members
                                .iter()
                                .map(|m| format!("{} ({})", m.name, m.person_ref))
                                .collect::<Vec<_>>()
                                .join(", "),
                        ),
                        Text::plain(g.times_together().to_string()),
                        Text::plain(display_local(g.first_at())),
                        Text::plain(display_local(g.last_at())),
                    ]
                })
                .collect(),
            density: Density::Normal,
            empty: "No children went missing together that often in this period.".into(),
        }),
    ];
    for (n, g) in groups.iter().enumerate() {
        blocks.push(Block::heading(
            2,
            format!("Group {}: {}", n + 1, g.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ")),
        ));
        let mut columns = vec![Column::text("Occasion", 20)];
        let share = (80 / g.members.len().max(1)).clamp(8, 40) as u8;
        columns.extend(g.members.iter().map(|m| Column::text(m.name.clone(), share)));
        let rows = g
            .occasions
            .iter()
            .map(|o| {
                let mut row = vec![
                    Text::plain(display_local(o.first_at()))
                        .line()
                        .then(Text::plain(o.links.iter().map(|l| l.label()).collect::<Vec<_>>().join(", "))),
                ];
                for m in &g.members {
                    let mine: Vec<&PatternEpisode> =
                        o.episodes.iter().filter(|e| e.person_ref == m.person_ref).collect();
                    row.push(if mine.is_empty() {
                        Text::plain("—")
                    } else {
                        let mut t = Text::default();
                        for (i, e) in mine.iter().enumerate() {
                            if i > 0 {
                                t = t.line();
                            }
                            t = t.then(Text::plain(episode_cell(e)));
                        }
                        t
                    });
                }
                row
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows, density: Density::Wide, empty: String::new() }));
    }
    blocks
}

/// One episode in a group's table: when, how long, from where, found where.
pub fn episode_cell(e: &PatternEpisode) -> String {
    let length = e.minutes().map(format_span).unwrap_or_else(|| "still missing".into());
    let mut cell = format!("{} {} ({length})", e.episode_ref, display_local(e.missing_at));
    if let Some(p) = &e.placement {
        cell.push_str(&format!(", from {p}"));
    }
    if let Some(w) = &e.where_found {
        cell.push_str(&format!(", found at {w}"));
    }
    cell
}

/// Hotspots as JSON.
#[derive(Debug, Serialize)]
pub struct HotspotsJson<'a> {
    pub from: String,
    pub to: String,
    pub before_from: String,
    pub before_to: String,
    #[serde(flatten)]
    pub hotspots: &'a Hotspots,
}

/// One hotspot in a CSV row.
#[derive(Debug, Serialize)]
pub struct HotspotCsvRow {
    pub by: &'static str,
    pub name: String,
    pub episodes: u32,
    pub individuals: u32,
    pub episodes_before: u32,
    pub individuals_before: u32,
    pub change: i64,
}

pub fn hotspots_csv(h: &Hotspots) -> Vec<HotspotCsvRow> {
    HotspotKind::ALL
        .iter()
        .flat_map(|&kind| {
            h.rows(kind).iter().map(move |r| HotspotCsvRow {
                by: match kind {
                    HotspotKind::Placement => "placement",
                    HotspotKind::School => "school",
                    HotspotKind::FoundAt => "found_at",
                },
                name: r.name.clone(),
                episodes: r.episodes,
                individuals: r.individuals,
                episodes_before: r.episodes_before,
                individuals_before: r.individuals_before,
                change: r.change(),
            })
        })
        .collect()
}

/// "+4", "-2", "0".
pub fn signed(n: i64) -> String {
    if n > 0 { format!("+{n}") } else { n.to_string() }
}

/// The top `limit` rows of each hotspot list as tables, under headings of `level`.
pub fn hotspots_blocks(h: &Hotspots, period: &str, before: &str, level: u8, limit: usize) -> Vec<Block> {
    let mut blocks = vec![
        Block::heading(level, format!("Hotspots: {period}")),
        Block::para(format!(
            "Episodes that began in the period ({period}) and the children who had them, by placement, by school or EET (as \
             recorded on the child now) and by where the child was found, against the period before ({before})."
        )),
    ];
    for kind in HotspotKind::ALL {
        let rows = h.rows(kind);
        blocks.push(Block::heading(level + 1, kind.label()));
        blocks.push(Block::Table(hotspot_table(kind, &rows[..rows.len().min(limit)])));
        if rows.len() > limit {
            blocks.push(Block::para(format!("… and {} more.", rows.len() - limit)));
        }
    }
    blocks
}

fn hotspot_table(kind: HotspotKind, rows: &[HotspotRow]) -> Table {
    Table {
        columns: vec![
            Column::text(kind.label(), 40),
            Column::number("Episodes", 12),
            Column::number("Children", 12),
            Column::number("Episodes before", 12),
            Column::number("Children before", 12),
            Column::number("Change", 12),
        ],
        rows: rows
            .iter()
            .map(|r| {
                vec![
                    Text::plain(r.name.clone()),
                    Text::plain(r.episodes.to_string()),
                    Text::plain(r.individuals.to_string()),
                    Text::plain(r.episodes_before.to_string()),
                    Text::plain(r.individuals_before.to_string()),
                    Text::plain(signed(r.change())),
                ]
            })
            .collect(),
        density: Density::Normal,
        empty: "None recorded.".into(),
    }
}

/// Prevention work as INTERFACES.md's JSON gives it.
#[derive(Debug, Serialize)]
pub struct PreventionJson {
    pub target_type: &'static str,
    pub target: String,
    pub done_on: String,
    pub what: String,
    pub by: Option<String>,
    pub before: Side,
    pub after: Side,
    pub sentence: String,
}

pub fn prevention_json(rows: &[PreventionResult]) -> Vec<PreventionJson> {
    rows.iter()
        .map(|r| PreventionJson {
            target_type: r.work.target_type.code(),
            target: r.work.target.clone(),
            done_on: r.work.done_on.to_string(),
            what: r.work.what.clone(),
            by: r.work.by.clone(),
            before: r.before.clone(),
            after: r.after.clone(),
            sentence: r.sentence.clone(),
        })
        .collect()
}

/// Prevention work in CSV rows.
#[derive(Debug, Serialize)]
pub struct PreventionCsvRow {
    pub target_type: &'static str,
    pub target: String,
    pub done_on: String,
    pub what: String,
    pub by: String,
    pub quarters: u32,
    pub episodes_before: u32,
    pub individuals_before: u32,
    pub episodes_after: u32,
    pub individuals_after: u32,
    pub after_complete: bool,
    pub sentence: String,
}

pub fn prevention_csv(rows: &[PreventionResult]) -> Vec<PreventionCsvRow> {
    prevention_json(rows)
        .into_iter()
        .map(|r| PreventionCsvRow {
            target_type: r.target_type,
            target: r.target,
            done_on: r.done_on,
            what: r.what,
            by: r.by.unwrap_or_default(),
            quarters: r.before.quarters,
            episodes_before: r.before.episodes,
            individuals_before: r.before.individuals,
            episodes_after: r.after.episodes,
            individuals_after: r.after.individuals,
            after_complete: r.after.complete,
            sentence: r.sentence,
        })
        .collect()
}

pub fn prevention_blocks(rows: &[PreventionResult], quarters: u32) -> Vec<Block> {
    let mut blocks = vec![
        Block::heading(1, "Prevention work"),
        Block::para(format!(
            "Each piece of work with its child's, placement's or school's episodes in the {quarters} whole financial \
             quarter(s) before the quarter it was done in and the {quarters} after it."
        )),
    ];
    if rows.is_empty() {
        blocks.push(Block::para("No prevention work is recorded: `ri-chase prevention add` records it."));
    }
    for r in rows {
        blocks.push(Block::heading(2, format!("{} — {}", r.work.target_name, r.work.done_on.format("%-d %B %Y"))));
        blocks.push(Block::Facts(vec![
            ("For".into(), Text::plain(format!("{} {}", r.work.target_type.label(), r.work.target_name))),
            ("What".into(), Text::plain(r.work.what.clone())),
            ("By".into(), Text::plain(r.work.by.clone().unwrap_or_else(|| "not recorded".into()))),
            ("Before".into(), Text::plain(side_words(&r.before))),
            ("After".into(), Text::plain(side_words(&r.after))),
        ]));
        blocks.push(Block::para(r.sentence.clone()));
    }
    blocks
}

fn side_words(s: &Side) -> String {
    format!(
        "{} episode(s), {} child(ren) in {}{}",
        s.episodes,
        s.individuals,
        s.quarter_labels.join(", "),
        if s.complete { "" } else { " (not over yet)" }
    )
}
