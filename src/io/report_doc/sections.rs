//! The board report's sections, in DOMAIN.md's order: each a heading, one
//! sentence on what changed since the period before (from
//! [`crate::domain::report::change`]), its table with the period before
//! beside it, and for the HTML page a chart over the table where one helps.

use super::charts::{self, Bars, Series};
use crate::domain::codes::{CaseStatus, LengthBand, Location, Reason};
use crate::domain::report::change::{self, Count, Share, counted, largest_change, share_sentence};
use crate::domain::report::{CaseStatusRow, Figures, MeetingCount, Report, RiCount};
use crate::io::pack::document::{Block, Chart, Column, Density, Table, Text};
use std::collections::HashMap;

/// How many named placements the document lists (the JSON and CSV hold them all).
pub const TOP_PLACEMENTS: usize = 10;

/// Whether the charts are drawn (the HTML page) or left out (Markdown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charts {
    Drawn,
    Left,
}

/// Every section, in order.
pub fn sections(report: &Report, charts: Charts) -> Result<Vec<Block>, String> {
    let mut s = Sections { report, now: &report.figures, before: &report.prior.figures, charts, blocks: Vec::new() };
    s.totals();
    s.months()?;
    s.locations();
    s.placements()?;
    s.case_status()?;
    s.length_bands()?;
    s.first_time();
    s.shares();
    s.interviews()?;
    s.meetings();
    s.reasons();
    s.out_of_area();
    s.placed_in();
    Ok(s.blocks)
}

struct Sections<'a> {
    report: &'a Report,
    now: &'a Figures,
    before: &'a Figures,
    charts: Charts,
    blocks: Vec<Block>,
}

pub(super) fn n(v: u64) -> Text {
    Text::plain(v.to_string())
}

/// A share, or a dash with nothing to take a share of.
pub(super) fn pct(p: Option<f64>) -> Text {
    Text::plain(p.map_or("–".to_string(), change::percent))
}

pub(super) fn table(columns: Vec<Column>, rows: Vec<Vec<Text>>, empty: &str) -> Block {
    let density = if columns.len() > 7 { Density::Wide } else { Density::Normal };
    Block::Table(Table { columns, rows, density, empty: empty.to_string() })
}

/// The cohorts' names in the board paper, in [`crate::domain::report::CohortSplit::in_order`]'s order.
pub(super) const COHORTS: [&str; 4] = ["Living here, ours", "Placed out of area by us", "Placed here by others", "All"];

impl Sections<'_> {
    fn this(&self) -> &str {
        &self.report.period
    }

    fn prior(&self) -> &str {
        &self.report.prior.period
    }

    fn head(&mut self, title: &str, sentence: String) {
        self.blocks.push(Block::heading(2, title));
        self.blocks.push(Block::para(sentence));
    }

    fn chart(&mut self, title: String, bars: Bars) -> Result<(), String> {
        if self.charts == Charts::Drawn {
            self.blocks.push(Block::Chart(Chart { title, svg: charts::svg(&bars)? }));
        }
        Ok(())
    }

    fn totals(&mut self) {
        let (now, before, year) = (self.now.totals, self.before.totals, self.now.totals_prior_year);
        self.head(
            "Totals",
            change::counts_sentence(&[
                Count { name: "episodes", now: now.episodes, before: before.episodes },
                Count { name: "individuals", now: now.individuals, before: before.individuals },
            ]),
        );
        // For a year, the period before is the year earlier: one column says it.
        let year_column = self.report.kind != "year";
        let mut columns = vec![
            Column::text("", 34),
            Column::number(self.this(), 22),
            Column::number(format!("{} (before)", self.prior()), 22),
        ];
        if year_column {
            columns.push(Column::number("A year earlier", 22));
        }
        let row = |what: &str, now: u64, before: u64, year: u64| {
            let mut cells = vec![Text::plain(what), n(now), n(before)];
            if year_column {
                cells.push(n(year));
            }
            cells
        };
        let rows = vec![
            row("Episodes", now.episodes, before.episodes, year.episodes),
            row("Individuals", now.individuals, before.individuals, year.individuals),
        ];
        self.blocks.push(table(columns, rows, ""));
    }

    fn months(&mut self) -> Result<(), String> {
        let months = &self.now.by_month;
        let pairs: Vec<(u64, u64)> = months.iter().map(|m| (m.episodes, m.episodes_prior_year)).collect();
        self.head("Each month against the year before", change::months_sentence(&pairs));
        let names: Vec<String> = months.iter().map(|m| short_month(&m.month.long_name())).collect();
        let pick = |f: fn(&crate::domain::report::MonthRow) -> u64| months.iter().map(|m| f(m) as f64).collect();
        for (what, now, before) in [
            ("Episodes", pick(|m| m.episodes), pick(|m| m.episodes_prior_year)),
            ("Individuals", pick(|m| m.individuals), pick(|m| m.individuals_prior_year)),
        ] {
            let bars = Bars {
                categories: names.clone(),
                series: vec![
                    Series { name: "This period (filled)".into(), tag: String::new(), values: now },
                    Series { name: "A year before (outline)".into(), tag: String::new(), values: before },
                ],
                y_name: what.to_string(),
                target: None,
                y_floor: 0.0,
                percent: false,
            };
            self.chart(format!("{what} per month, against the same month a year before"), bars)?;
        }
        let columns = vec![
            Column::text("Month", 24),
            Column::number("Episodes", 19),
            Column::number("A year before", 19),
            Column::number("Individuals", 19),
            Column::number("A year before", 19),
        ];
        let rows = months
            .iter()
            .map(|m| {
                vec![
                    Text::plain(m.month.long_name()),
                    n(m.episodes),
                    n(m.episodes_prior_year),
                    n(m.individuals),
                    n(m.individuals_prior_year),
                ]
            })
            .collect();
        self.blocks.push(table(columns, rows, "No months in the period."));
        Ok(())
    }

    fn locations(&mut self) {
        let before: HashMap<Location, (u64, u64)> =
            self.before.by_location.iter().map(|r| (r.location, (r.individuals, r.episodes))).collect();
        let names: Vec<String> = self
            .now
            .by_location
            .iter()
            .map(|r| format!("episodes from {}", r.location.label().to_lowercase()))
            .collect();
        let counts: Vec<Count> = self
            .now
            .by_location
            .iter()
            .zip(&names)
            .map(|(r, name)| Count { name, now: r.episodes, before: before.get(&r.location).map_or(0, |b| b.1) })
            .collect();
        self.head("By type of location", largest_change(&counts));
        let columns = vec![
            Column::text("Missing from", 32),
            Column::number("Individuals", 17),
            Column::number("Episodes", 17),
            Column::number(format!("Individuals {}", self.prior()), 17),
            Column::number(format!("Episodes {}", self.prior()), 17),
        ];
        let rows = self
            .now
            .by_location
            .iter()
            .map(|r| {
                let (bi, be) = before.get(&r.location).copied().unwrap_or_default();
                vec![Text::plain(r.location.label()), n(r.individuals), n(r.episodes), n(bi), n(be)]
            })
            .collect();
        self.blocks.push(table(columns, rows, "No episodes."));
    }

    fn placements(&mut self) -> Result<(), String> {
        let before: HashMap<(&str, &str), u64> =
            self.before.by_placement.iter().map(|r| ((r.name.as_str(), r.kind.code()), r.episodes)).collect();
        let mut top: Vec<_> = self.now.by_placement.iter().collect();
        // Most episodes first; equal ones by name, so the order is stable.
        top.sort_by(|a, b| b.episodes.cmp(&a.episodes).then_with(|| a.name.cmp(&b.name)));
        let more = top.len().saturating_sub(TOP_PLACEMENTS);
        top.truncate(TOP_PLACEMENTS);
        let sentence = match top.first() {
            None => format!(
                "No episode was from a named placement ({} the period before).",
                counted(self.before.by_placement.len() as u64, "placement", "placements")
            ),
            Some(first) => {
                let was = before.get(&(first.name.as_str(), first.kind.code())).copied().unwrap_or(0);
                format!(
                    "The placement with the most episodes had {} ({} the period before); {} had any.",
                    counted(first.episodes, "episode", "episodes"),
                    was,
                    counted(self.now.by_placement.len() as u64, "placement", "placements")
                )
            }
        };
        self.head("By named placement", sentence);
        let bars = Bars {
            categories: (1..=top.len()).map(|i| i.to_string()).collect(),
            series: vec![
                Series {
                    name: "This period (filled)".into(),
                    tag: String::new(),
                    values: top.iter().map(|r| r.episodes as f64).collect(),
                },
                Series {
                    name: "Period before (outline)".into(),
                    tag: String::new(),
                    values: top
                        .iter()
                        .map(|r| before.get(&(r.name.as_str(), r.kind.code())).copied().unwrap_or(0) as f64)
                        .collect(),
                },
            ],
            y_name: "Episodes".into(),
            target: None,
            y_floor: 0.0,
            percent: false,
        };
        if !top.is_empty() {
            self.chart(format!("Episodes at the top {} placements, by rank in the table", top.len()), bars)?;
        }
        let columns = vec![
            Column::number("Rank", 8),
            Column::text("Placement", 38),
            Column::text("Type", 20),
            Column::number("Individuals", 11),
            Column::number("Episodes", 11),
            Column::number(format!("Episodes {}", self.prior()), 12),
        ];
        let rows = top
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let was = before.get(&(r.name.as_str(), r.kind.code())).copied().unwrap_or(0);
                vec![
                    n(i as u64 + 1),
                    Text::plain(r.name.as_str()),
                    Text::plain(r.kind.label()),
                    n(r.individuals),
                    n(r.episodes),
                    n(was),
                ]
            })
            .collect();
        self.blocks.push(table(columns, rows, "No named placements."));
        if more > 0 {
            self.blocks.push(Block::para(format!(
                "And {} (all are in the CSV and JSON).",
                counted(more as u64, "more placement", "more placements")
            )));
        }
        Ok(())
    }

    fn case_status(&mut self) -> Result<(), String> {
        let sum =
            |f: &Figures, of: &dyn Fn(&CaseStatusRow) -> u64| -> u64 { f.case_status_by_quarter.iter().map(of).sum() };
        let status = |i: usize| move |q: &CaseStatusRow| q.by_status.get(i).copied().unwrap_or(0);
        let names: Vec<String> = CaseStatus::ALL
            .iter()
            .map(|s| format!("{} (the quarters' counts added up)", s.label().to_lowercase()))
            .collect();
        let mut counts: Vec<Count> = names
            .iter()
            .enumerate()
            .map(|(i, name)| Count { name, now: sum(self.now, &status(i)), before: sum(self.before, &status(i)) })
            .collect();
        counts.push(Count {
            name: "children under a CSE strategy (added up)",
            now: sum(self.now, &|q| q.cse),
            before: sum(self.before, &|q| q.cse),
        });
        counts.push(Count {
            name: "children at risk of criminal exploitation (added up)",
            now: sum(self.now, &|q| q.cce),
            before: sum(self.before, &|q| q.cce),
        });
        self.head("Case status each quarter, with CSE and CCE", largest_change(&counts));
        let quarters = &self.now.case_status_by_quarter;
        let tags = ["NO", "EH", "CIN", "CP", "CIC", "CSE"];
        let mut series: Vec<Series> = CaseStatus::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| Series {
                name: s.label().to_string(),
                tag: tags[i].to_string(),
                values: quarters.iter().map(|q| q.by_status.get(i).copied().unwrap_or(0) as f64).collect(),
            })
            .collect();
        series.push(Series {
            name: "CSE".into(),
            tag: "CSE".into(),
            values: quarters.iter().map(|q| q.cse as f64).collect(),
        });
        series.push(Series {
            name: "CCE".into(),
            tag: "CCE".into(),
            values: quarters.iter().map(|q| q.cce as f64).collect(),
        });
        let bars = Bars {
            categories: quarters.iter().map(|q| q.quarter.label()).collect(),
            series,
            y_name: "Individuals".into(),
            target: None,
            y_floor: 0.0,
            percent: false,
        };
        self.chart(
            "Individuals under each case status per quarter, under a CSE strategy and at risk of CCE".into(),
            bars,
        )?;
        let mut columns = vec![Column::text("Quarter", 16), Column::number("Individuals", 12)];
        columns.extend(CaseStatus::ALL.iter().map(|s| Column::number(s.label(), 12)));
        columns.push(Column::number("CSE", 12));
        columns.push(Column::number("CCE", 12));
        let rows = quarters
            .iter()
            .map(|q| {
                let mut row = vec![Text::plain(q.quarter.label()), n(q.individuals)];
                row.extend(q.by_status.iter().map(|v| n(*v)));
                row.push(n(q.cse));
                row.push(n(q.cce));
                row
            })
            .collect();
        self.blocks.push(table(columns, rows, "No quarters in the period."));
        Ok(())
    }

    fn length_bands(&mut self) -> Result<(), String> {
        let before: HashMap<LengthBand, u64> = self.before.length_bands.iter().map(|b| (b.band, b.episodes)).collect();
        let names: Vec<String> =
            self.now.length_bands.iter().map(|b| format!("episodes of {}", b.band.label().to_lowercase())).collect();
        let counts: Vec<Count> = self
            .now
            .length_bands
            .iter()
            .zip(&names)
            .map(|(b, name)| Count { name, now: b.episodes, before: before.get(&b.band).copied().unwrap_or(0) })
            .collect();
        self.head("How long children were missing", largest_change(&counts));
        let bars = Bars {
            categories: self.now.length_bands.iter().map(|b| b.band.code().to_string()).collect(),
            series: vec![
                Series {
                    name: "This period (filled)".into(),
                    tag: String::new(),
                    values: counts.iter().map(|c| c.now as f64).collect(),
                },
                Series {
                    name: "Period before (outline)".into(),
                    tag: String::new(),
                    values: counts.iter().map(|c| c.before as f64).collect(),
                },
            ],
            y_name: "Episodes".into(),
            target: None,
            y_floor: 0.0,
            percent: false,
        };
        self.chart("Episodes by how long they lasted, against the period before".into(), bars)?;
        let columns = vec![
            Column::text("Length", 40),
            Column::number("Episodes", 30),
            Column::number(format!("Episodes {}", self.prior()), 30),
        ];
        let rows = counts
            .iter()
            .zip(&self.now.length_bands)
            .map(|(c, b)| vec![Text::plain(b.band.label()), n(c.now), n(c.before)])
            .collect();
        self.blocks.push(table(columns, rows, "No episodes."));
        Ok(())
    }

    fn first_time(&mut self) {
        let total = |f: &Figures| f.first_time_by_location.iter().map(|r| r.individuals).sum::<u64>();
        self.head(
            "Missing for the first time",
            change::counts_sentence(&[Count {
                name: "children missing for the first time",
                now: total(self.now),
                before: total(self.before),
            }]),
        );
        let before: HashMap<Location, u64> =
            self.before.first_time_by_location.iter().map(|r| (r.location, r.individuals)).collect();
        let columns = vec![
            Column::text("Missing from", 40),
            Column::number("Individuals", 30),
            Column::number(format!("Individuals {}", self.prior()), 30),
        ];
        let rows = self
            .now
            .first_time_by_location
            .iter()
            .map(|r| {
                vec![
                    Text::plain(r.location.label()),
                    n(r.individuals),
                    n(before.get(&r.location).copied().unwrap_or(0)),
                ]
            })
            .collect();
        self.blocks.push(table(columns, rows, "No one was missing for the first time."));
    }

    fn shares(&mut self) {
        let (now, before) = (self.now, self.before);
        self.head(
            "Missing once, and missing persistently",
            share_sentence(&[
                Share {
                    name: "the share of children missing once",
                    now: now.one_off_percent,
                    before: before.one_off_percent,
                },
                Share {
                    name: "the share missing persistently",
                    now: now.persistent_percent,
                    before: before.persistent_percent,
                },
            ]),
        );
        let columns = vec![
            Column::text("", 32),
            Column::number("Individuals", 17),
            Column::number("Share", 17),
            Column::number(format!("Individuals {}", self.prior()), 17),
            Column::number(format!("Share {}", self.prior()), 17),
        ];
        let rows = vec![
            vec![
                Text::plain("Missing once"),
                n(now.one_off_individuals),
                pct(now.one_off_percent),
                n(before.one_off_individuals),
                pct(before.one_off_percent),
            ],
            vec![
                Text::plain("Missing persistently"),
                n(now.persistent_individuals),
                pct(now.persistent_percent),
                n(before.persistent_individuals),
                pct(before.persistent_percent),
            ],
        ];
        self.blocks.push(table(columns, rows, ""));
    }

    fn interviews(&mut self) -> Result<(), String> {
        let target = self.report.target_percent;
        let (now, before) = (&self.now.return_interviews, &self.before.return_interviews);
        let quarters: Vec<Option<f64>> = now.by_quarter.iter().map(|q| q.by_cohort.all.percent).collect();
        let sentence = format!(
            "{} {}",
            share_sentence(&[Share {
                name: "the share of return interviews held within 72 hours",
                now: now.by_cohort.all.percent,
                before: before.by_cohort.all.percent
            }]),
            change::target_sentence(target, &quarters)
        );
        self.head("Return interviews within 72 hours", sentence);
        let bars = Bars {
            categories: now.by_quarter.iter().map(|q| q.quarter.label()).collect(),
            series: vec![Series {
                name: "Held within 72 hours, all children (%)".into(),
                tag: String::new(),
                values: quarters.iter().map(|p| p.unwrap_or(0.0)).collect(),
            }],
            y_name: "% in 72 hours".into(),
            target: Some((target as f64, format!("Target {target}%"))),
            y_floor: 100.0,
            percent: true,
        };
        self.chart(
            format!("Return interviews held within 72 hours per quarter, against the target of {target}%"),
            bars,
        )?;
        let columns = vec![
            Column::text("Children", 28),
            Column::number("Due", 12),
            Column::number("In 72 hours", 12),
            Column::number("Share", 12),
            Column::number(format!("Due {}", self.prior()), 12),
            Column::number(format!("Share {}", self.prior()), 12),
            Column::number("Target", 12),
        ];
        let rows = COHORTS
            .iter()
            .zip(now.by_cohort.in_order().iter().zip(before.by_cohort.in_order()))
            .map(|(name, (c, b)): (&&str, (&RiCount, RiCount))| {
                vec![
                    Text::plain(*name),
                    n(c.required),
                    n(c.in_time),
                    pct(c.percent),
                    n(b.required),
                    pct(b.percent),
                    Text::plain(format!("{target}%")),
                ]
            })
            .collect();
        self.blocks.push(table(columns, rows, ""));
        let mut columns = vec![Column::text("Quarter", 20)];
        columns.extend(COHORTS.iter().map(|c| Column::number(*c, 20)));
        let rows = now
            .by_quarter
            .iter()
            .map(|q| {
                let mut row = vec![Text::plain(q.quarter.label())];
                row.extend(q.by_cohort.in_order().iter().map(|c| {
                    Text::plain(format!(
                        "{} of {}{}",
                        c.in_time,
                        c.required,
                        c.percent.map_or(String::new(), |p| format!(" ({})", change::percent(p)))
                    ))
                }));
                row
            })
            .collect();
        self.blocks.push(table(columns, rows, "No quarters in the period."));
        Ok(())
    }

    fn meetings(&mut self) {
        let (now, before) = (&self.now.strategy_meetings.by_cohort, &self.before.strategy_meetings.by_cohort);
        self.head(
            "Strategy meetings",
            change::counts_sentence(&[
                Count { name: "strategy meetings due", now: now.all.due, before: before.all.due },
                Count { name: "held in time", now: now.all.held_in_time, before: before.all.held_in_time },
            ]),
        );
        let columns = vec![
            Column::text("Children", 25),
            Column::number("Due", 10),
            Column::number("Held in time", 13),
            Column::number("Held late", 13),
            Column::number("Found before", 13),
            Column::number("Not held", 13),
            Column::number(format!("Due {}", self.prior()), 13),
        ];
        let rows = COHORTS
            .iter()
            .zip(now.in_order().iter().zip(before.in_order()))
            .map(|(name, (m, b)): (&&str, (&MeetingCount, MeetingCount))| {
                vec![
                    Text::plain(*name),
                    n(m.due),
                    n(m.held_in_time),
                    n(m.held_late),
                    n(m.found_before),
                    n(m.not_held),
                    n(b.due),
                ]
            })
            .collect();
        self.blocks.push(table(columns, rows, ""));
    }

    fn reasons(&mut self) {
        let sum = |f: &Figures, i: usize| {
            f.reasons_by_quarter.iter().map(|q| q.counts.get(i).copied().unwrap_or(0)).sum::<u64>()
        };
        let names: Vec<String> = Reason::ALL.iter().map(|r| format!("“{}” given", r.label().to_lowercase())).collect();
        let counts: Vec<Count> = names
            .iter()
            .enumerate()
            .map(|(i, name)| Count { name, now: sum(self.now, i), before: sum(self.before, i) })
            .collect();
        self.head("Reasons given at return interviews", largest_change(&counts));
        // A reason a row and a quarter a column, so the long reason names
        // have room and the quarters read across.
        let quarters = &self.now.reasons_by_quarter;
        let share = (70 / (quarters.len() + 2)) as u8;
        let mut columns = vec![Column::text("Reason", 100 - share * (quarters.len() as u8 + 2))];
        columns.extend(quarters.iter().map(|q| Column::number(q.quarter.label(), share)));
        columns.push(Column::number(format!("{} in all", self.this()), share));
        columns.push(Column::number(format!("{} in all", self.prior()), share));
        let rows = Reason::ALL
            .iter()
            .enumerate()
            .zip(&counts)
            .map(|((i, reason), count)| {
                let mut row = vec![Text::plain(reason.label())];
                row.extend(quarters.iter().map(|q| n(q.counts.get(i).copied().unwrap_or(0))));
                row.push(n(count.now));
                row.push(n(count.before));
                row
            })
            .collect();
        self.blocks.push(table(columns, rows, ""));
    }

    fn out_of_area(&mut self) {
        let (now, before) = (&self.now.out_of_area, &self.before.out_of_area);
        self.head(
            "Children we placed out of area",
            change::counts_sentence(&[
                Count { name: "their episodes", now: now.episodes, before: before.episodes },
                Count { name: "individuals", now: now.individuals, before: before.individuals },
            ]),
        );
        let columns = vec![Column::text("", 40), Column::number(self.this(), 30), Column::number(self.prior(), 30)];
        let rows = vec![
            vec![Text::plain("Episodes"), n(now.episodes), n(before.episodes)],
            vec![Text::plain("Individuals"), n(now.individuals), n(before.individuals)],
            vec![
                Text::plain("Return interviews due"),
                n(now.return_interviews.required),
                n(before.return_interviews.required),
            ],
            vec![
                Text::plain("Held within 72 hours"),
                pct(now.return_interviews.percent),
                pct(before.return_interviews.percent),
            ],
            vec![Text::plain("Strategy meetings due"), n(now.strategy_meetings.due), n(before.strategy_meetings.due)],
            vec![
                Text::plain("Held in time"),
                n(now.strategy_meetings.held_in_time),
                n(before.strategy_meetings.held_in_time),
            ],
        ];
        self.blocks.push(table(columns, rows, ""));
    }

    fn placed_in(&mut self) {
        let (now, before) = (&self.now.placed_in, &self.before.placed_in);
        self.head(
            "Children placed here by other authorities",
            format!(
                "{} {}",
                change::counts_sentence(&[
                    Count { name: "their episodes", now: now.episodes, before: before.episodes },
                    Count { name: "individuals", now: now.individuals, before: before.individuals },
                ]),
                share_sentence(&[Share {
                    name: "the share of their interviews held within 72 hours",
                    now: now.return_interviews.percent,
                    before: before.return_interviews.percent
                }])
            ),
        );
        let columns = vec![
            Column::text("Child", 20),
            Column::text("Ref", 10),
            Column::text("Placing authority", 20),
            Column::number("Episodes", 10),
            Column::number("Due", 8),
            Column::number("In time", 8),
            Column::number("Late", 8),
            Column::number("Overdue", 8),
            Column::number("Not yet due", 8),
        ];
        let rows = now
            .children
            .iter()
            .map(|c| {
                let i = &c.interviews;
                vec![
                    Text::plain(c.name.as_str()),
                    Text::plain(c.person_ref.as_str()),
                    Text::plain(c.responsible_la.as_str()),
                    n(c.episodes),
                    n(i.required),
                    n(i.in_time),
                    n(i.late),
                    n(i.overdue),
                    n(i.not_yet_due),
                ]
            })
            .collect();
        self.blocks.push(table(columns, rows, "No child placed here by another authority went missing."));
    }
}

/// `Apr 2025` from `April 2025`, for the chart's narrow columns.
fn short_month(long: &str) -> String {
    let mut words = long.split(' ');
    let month: String = words.next().unwrap_or_default().chars().take(3).collect();
    let year = words.next().unwrap_or_default();
    format!("{month} {}", year.get(2..).unwrap_or(year))
}
