//! Prevention work (DOMAIN.md): what was done for a child, a placement or a
//! school, and that target's episodes and individuals in the N whole
//! financial quarters before the quarter it was done in and the N after.

use super::PatternEpisode;
use super::places::place_key;
use super::words::number_word;
pub use crate::domain::codes::TargetType;
use crate::domain::codes::UnknownCode;
use crate::domain::period::Quarter;
use crate::domain::time::Instant;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

/// Quarters counted each side of the work (a setting).
pub const DEFAULT_QUARTERS: u32 = 2;

/// A piece of prevention work as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreventionWork {
    pub target_type: TargetType,
    /// The child's reference, or the placement's or school's name.
    pub target: String,
    /// For a child, their name (for the sentence); else the target.
    pub target_name: String,
    pub done_on: NaiveDate,
    pub what: String,
    pub by: Option<String>,
}

/// The quarters each side of work done on `done_on`.
pub fn windows(done_on: NaiveDate, n: u32) -> (Vec<Quarter>, Vec<Quarter>) {
    let q = Quarter::of_date(done_on);
    let n = i64::from(n.max(1));
    ((-n..0).map(|i| q.plus(i)).collect(), (1..=n).map(|i| q.plus(i)).collect())
}

/// Episodes and individuals in some quarters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    pub quarters: u32,
    /// The quarters' labels, earliest first.
    pub quarter_labels: Vec<String>,
    pub episodes: u32,
    pub individuals: u32,
    /// Whether the last of the quarters had ended by "now".
    pub complete: bool,
}

/// A piece of work with its before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreventionResult {
    pub work: PreventionWork,
    pub before: Side,
    pub after: Side,
    pub sentence: String,
}

impl TargetType {
    /// Whether an episode belongs to the work's target.
    pub fn covers(self, target: &str, e: &PatternEpisode) -> bool {
        let wanted = place_key(target);
        match self {
            TargetType::Person => e.person_ref.trim().eq_ignore_ascii_case(target.trim()),
            TargetType::Placement => wanted.is_some() && e.placement.as_deref().and_then(place_key) == wanted,
            TargetType::School => wanted.is_some() && e.school.as_deref().and_then(place_key) == wanted,
        }
    }
}

/// Reads a target type as typed.
pub fn parse_target_type(text: &str) -> Result<TargetType, UnknownCode> {
    TargetType::parse(text)
}

fn side(quarters: &[Quarter], episodes: &[&PatternEpisode], now: Instant) -> Side {
    let (start, end) = (quarters[0].bounds().0, quarters[quarters.len() - 1].bounds().1);
    // As of `now`: an episode recorded as starting later has not happened yet.
    let inside: Vec<&&PatternEpisode> =
        episodes.iter().filter(|e| start <= e.missing_at && e.missing_at < end && e.missing_at <= now).collect();
    let people: BTreeSet<&str> = inside.iter().map(|e| e.person_ref.as_str()).collect();
    Side {
        quarters: quarters.len() as u32,
        quarter_labels: quarters.iter().map(|q| q.label()).collect(),
        episodes: inside.len() as u32,
        individuals: people.len() as u32,
        complete: end <= now,
    }
}

/// The before and after of `work` among `episodes` (any episodes: those
/// of the target are picked out), with `n` quarters each side.
pub fn assess(work: &PreventionWork, episodes: &[PatternEpisode], n: u32, now: Instant) -> PreventionResult {
    let (before_q, after_q) = windows(work.done_on, n);
    let mine: Vec<&PatternEpisode> = episodes.iter().filter(|e| work.target_type.covers(&work.target, e)).collect();
    let before = side(&before_q, &mine, now);
    let after = side(&after_q, &mine, now);
    let sentence = sentence(work, &before, &after, after_q[0].bounds().0 <= now, after_q[after_q.len() - 1]);
    PreventionResult { work: work.clone(), before, after, sentence }
}

/// The sentence a board paper would use.
fn sentence(work: &PreventionWork, before: &Side, after: &Side, after_begun: bool, last: Quarter) -> String {
    let subject = match work.target_type {
        TargetType::Person => format!("Missing episodes of {}", work.target_name),
        TargetType::Placement => format!("Missing episodes from {}", work.target_name),
        TargetType::School => format!("Missing episodes of children at {}", work.target_name),
    };
    let quarters =
        |n: u32| if n == 1 { "quarter".to_string() } else { format!("{} quarters", number_word(n as usize)) };
    let before_words = format!("in the {} before the work", quarters(before.quarters));
    if !after_begun {
        return format!("{subject}: {} {before_words}; the quarters after it have not begun yet.", before.episodes);
    }
    let verb = match after.episodes.cmp(&before.episodes) {
        std::cmp::Ordering::Less => "fell",
        std::cmp::Ordering::Greater => "rose",
        std::cmp::Ordering::Equal => "stayed",
    };
    let after_words = if after.complete {
        format!("in the {} after", quarters(after.quarters))
    } else {
        format!(
            "so far in the {} after (the last ends {})",
            quarters(after.quarters),
            last.last_day().format("%-d %B %Y")
        )
    };
    let children = if work.target_type == TargetType::Person {
        String::new()
    } else {
        format!(", and the children missing from {} to {}", before.individuals, after.individuals)
    };
    if verb == "stayed" {
        format!("{subject} stayed at {} {before_words} and {after_words}{children}.", before.episodes)
    } else {
        format!(
            "{subject} {verb} from {} {before_words} to {} {after_words}{children}.",
            before.episodes, after.episodes
        )
    }
}
