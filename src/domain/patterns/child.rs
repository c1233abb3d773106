//! One child's pattern: how long each episode lasted and whether that is
//! growing, when they go, where from, where found and who with, the reasons
//! they gave, the gaps between episodes, and what tends to come before one.

use super::PatternEpisode;
use super::places::{Counted, Tally, companions, place_key};
use super::words::count_of;
use crate::domain::time::{Instant, format_span, to_uk};
use chrono::{Datelike, Timelike};
use serde::Serialize;
use std::collections::BTreeMap;

/// The length of each episode, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EpisodeLength {
    pub episode_ref: String,
    #[serde(serialize_with = "crate::domain::time::serialize_local")]
    pub missing_at: Instant,
    /// `None` while the child is still missing.
    pub minutes: Option<i64>,
}

/// Whether episodes are getting longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendKind {
    /// Fewer than three finished episodes: nothing to say.
    TooFew,
    /// Each of the latest (three or more) was longer than the one before.
    EachLonger,
    /// The later half lasted half as long again as the earlier, on average.
    Longer,
    Shorter,
    Steady,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trend {
    pub kind: TrendKind,
    /// The plain sentence, with the numbers.
    pub sentence: String,
}

/// Episodes by the day of the week (Monday first) and hour of the day they
/// began, UK time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heat {
    pub cells: [[u32; 24]; 7],
}

/// The days of the heat grid's rows.
pub const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

impl Heat {
    pub fn max(&self) -> u32 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }

    /// One day's 24 hours as characters, shaded against the busiest hour
    /// of the week: `·` none, then `░ ▒ ▓ █` (█ the busiest).
    pub fn glyphs(&self, day: usize) -> String {
        let max = self.max().max(1);
        self.cells[day]
            .iter()
            .map(|&n| match n {
                0 => '·',
                n if n * 4 <= max => '░',
                n if n * 2 <= max => '▒',
                n if n < max => '▓',
                _ => '█',
            })
            .collect()
    }

    /// Episodes that began on a day of the week.
    pub fn day_total(&self, day: usize) -> u32 {
        self.cells[day].iter().sum()
    }
}

/// Something that came before episodes, as a count: never a cause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trigger {
    pub what: String,
    pub count: u32,
    pub of: u32,
}

impl Trigger {
    pub fn sentence(&self) -> String {
        format!("{} of {} {}", self.count, self.of, self.what)
    }
}

/// The gaps between one return and the next episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gaps {
    /// Whole hours from each return to the next episode, oldest first.
    pub hours: Vec<i64>,
    pub sentence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChildPattern {
    pub person_ref: String,
    pub name: String,
    pub episodes: Vec<EpisodeLength>,
    pub trend: Trend,
    pub heat: Heat,
    pub missing_from: Vec<Counted>,
    pub found_where: Vec<Counted>,
    pub found_with: Vec<Counted>,
    pub reasons: Vec<Counted>,
    pub gaps: Gaps,
    pub triggers: Vec<Trigger>,
}

/// The pattern of one child's `episodes` (any order).
pub fn child_pattern(person_ref: &str, name: &str, episodes: &[PatternEpisode]) -> ChildPattern {
    let mut eps: Vec<&PatternEpisode> = episodes.iter().collect();
    eps.sort_by(|a, b| a.missing_at.cmp(&b.missing_at).then_with(|| a.episode_ref.cmp(&b.episode_ref)));
    let lengths: Vec<EpisodeLength> = eps
        .iter()
        .map(|e| EpisodeLength { episode_ref: e.episode_ref.clone(), missing_at: e.missing_at, minutes: e.minutes() })
        .collect();
    let mut heat = Heat { cells: [[0; 24]; 7] };
    for e in &eps {
        let local = to_uk(e.missing_at);
        heat.cells[local.weekday().num_days_from_monday() as usize][local.hour() as usize] += 1;
    }
    let (mut from, mut found, mut with, mut reasons) =
        (Tally::default(), Tally::default(), Tally::default(), Tally::default());
    for e in &eps {
        match &e.placement {
            Some(p) if place_key(p).is_some() => from.add(p),
            _ => from.add(e.missing_from.label()),
        }
        if let Some(w) = &e.where_found {
            found.add(w);
        }
        for (key, spelling) in e.found_with.as_deref().map(companions).unwrap_or_default() {
            with.add_keyed(key, spelling);
        }
        for r in &e.reasons {
            reasons.add_keyed(r.code().to_string(), r.label().to_string());
        }
    }
    let found_with = with.ranked();
    ChildPattern {
        person_ref: person_ref.to_string(),
        name: name.to_string(),
        trend: trend(&lengths),
        heat,
        missing_from: from.ranked(),
        found_where: found.ranked(),
        reasons: reasons.ranked(),
        gaps: gaps(&eps),
        triggers: triggers(&eps, &found_with),
        found_with,
        episodes: lengths,
    }
}

fn span(minutes: i64) -> String {
    format_span(minutes)
}

/// The trend of the finished episodes' lengths, as a sentence with numbers.
fn trend(lengths: &[EpisodeLength]) -> Trend {
    let done: Vec<i64> = lengths.iter().filter_map(|l| l.minutes).collect();
    if done.len() < 3 {
        return Trend {
            kind: TrendKind::TooFew,
            sentence: format!(
                "Too few finished episodes to see a trend in their length ({}).",
                count_of(done.len(), "episode", "episodes")
            ),
        };
    }
    // The run of episodes, ending at the latest, each longer than the last.
    let run = 1 + done.windows(2).rev().take_while(|w| w[1] > w[0]).count();
    if run >= 3 {
        let shown: Vec<String> = done[done.len() - run..].iter().map(|m| span(*m)).collect();
        return Trend {
            kind: TrendKind::EachLonger,
            sentence: format!(
                "Each of the last {run} episodes lasted longer than the one before: {}.",
                shown.join(", ")
            ),
        };
    }
    let half = done.len() / 2;
    let (earlier, later) = done.split_at(done.len() - half);
    let mean = |xs: &[i64]| xs.iter().sum::<i64>() / xs.len() as i64;
    let (before, after) = (mean(earlier), mean(later));
    let numbers = format!(
        "the latest {} averaged {} against {} for the {} before",
        later.len(),
        span(after),
        span(before),
        earlier.len()
    );
    let (kind, sentence) = if after * 2 >= before * 3 && after > before {
        (TrendKind::Longer, format!("Episodes are getting longer: {numbers}."))
    } else if after * 3 <= before * 2 {
        (TrendKind::Shorter, format!("Episodes are getting shorter: {numbers}."))
    } else {
        (TrendKind::Steady, format!("Episodes are about as long as before: {numbers}."))
    };
    Trend { kind, sentence }
}

/// The gaps from each return to the next episode.
fn gaps(eps: &[&PatternEpisode]) -> Gaps {
    let hours: Vec<i64> = eps
        .windows(2)
        .filter_map(|w| w[0].returned_at.map(|back| (w[1].missing_at - back).num_hours().max(0)))
        .collect();
    let days = |h: i64| if h < 48 { count_of(h as usize, "hour", "hours") } else { span(h * 60) };
    let sentence = match hours.as_slice() {
        [] => "No gap between episodes yet.".to_string(),
        [only] => format!("One gap between episodes: {}.", days(*only)),
        all => {
            let mut sorted = all.to_vec();
            sorted.sort_unstable();
            let median = sorted[sorted.len() / 2];
            let latest = all[all.len() - 1];
            let run = 1 + all.windows(2).rev().take_while(|w| w[1] < w[0]).count();
            let shrinking = if run >= 3 {
                format!("; each of the last {run} gaps was shorter than the one before")
            } else {
                String::new()
            };
            format!(
                "Gaps between episodes: the latest {}, the median {}, the shortest {}{shrinking}.",
                days(latest),
                days(median),
                days(sorted[0])
            )
        }
    };
    Gaps { hours, sentence }
}

/// What came before episodes, as counts: a new placement, a day of the
/// week, a part of the day, a named companion. Only what happened at least
/// twice and more than anything like it.
fn triggers(eps: &[&PatternEpisode], companions: &[Counted]) -> Vec<Trigger> {
    let of = eps.len() as u32;
    let mut found = Vec::new();
    // A placement move: the first episode from a placement other than the
    // one the episode before was from.
    let keyed: Vec<Option<String>> = eps.iter().map(|e| e.placement.as_deref().and_then(place_key)).collect();
    let moves = keyed.windows(2).filter(|w| w[1].is_some() && w[0] != w[1]).count() as u32;
    if moves >= 2 {
        found.push(Trigger {
            what: "episodes after the first were the first from a new placement".into(),
            count: moves,
            of: of - 1,
        });
    }
    let mut days: BTreeMap<u32, u32> = BTreeMap::new();
    let mut parts: BTreeMap<u32, u32> = BTreeMap::new();
    for e in eps {
        let local = to_uk(e.missing_at);
        *days.entry(local.weekday().num_days_from_monday()).or_default() += 1;
        *parts.entry(local.hour() / 6).or_default() += 1;
    }
    if let Some((day, n)) = single_most(&days) {
        found.push(Trigger { what: format!("episodes began on a {}", weekday_name(day)), count: n, of });
    }
    if let Some((part, n)) = single_most(&parts) {
        let (from, to) = (part * 6, part * 6 + 6);
        found.push(Trigger { what: format!("episodes began between {from:02}:00 and {to:02}:00"), count: n, of });
    }
    if let Some(top) =
        companions.first().filter(|c| c.count >= 2 && companions.get(1).is_none_or(|n| n.count < c.count))
    {
        found.push(Trigger { what: format!("episodes ended found with {}", top.label), count: top.count, of });
    }
    found
}

/// The one key seen most, if seen at least twice and more than any other.
fn single_most(counts: &BTreeMap<u32, u32>) -> Option<(u32, u32)> {
    let mut ranked: Vec<(u32, u32)> = counts.iter().map(|(k, n)| (*k, *n)).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    match ranked.as_slice() {
        [(k, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| r.1 < *n) => Some((*k, *n)),
        _ => None,
    }
}

fn weekday_name(from_monday: u32) -> &'static str {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    NAMES[from_monday as usize % 7]
}
