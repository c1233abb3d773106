//! What the store reads for a report, and which spans it must read: the
//! episodes of the period and the period before in full, and only who
//! started when for the year before each (the months' comparison).

use super::span::ReportPeriod;
use crate::domain::codes::Cohort;
use crate::domain::record::CaseEpisode;
use crate::domain::time::Instant;
use std::collections::{HashMap, HashSet};

/// An episode's start, whose and in which cohort: all the year-before
/// comparison needs, so the store reads it cheaply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStart {
    pub person_ref: String,
    pub cohort: Cohort,
    pub missing_at: Instant,
}

/// The spans to read, each `[start, end)` of episode starts (and by now).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadSpans {
    /// Every episode, in full: the period before and the period.
    pub cases: (Instant, Instant),
    /// Starts alone: the year before each of them, where not already in `cases`.
    pub starts: Option<(Instant, Instant)>,
}

/// What a report for `period` needs read.
pub fn read_spans(period: ReportPeriod) -> ReadSpans {
    let before = period.before();
    let cases = (before.bounds().0, period.bounds().1);
    let start = before.year_earlier().bounds().0.min(period.year_earlier().bounds().0);
    let end = period.year_earlier().bounds().1.max(before.year_earlier().bounds().1).min(cases.0);
    ReadSpans { cases, starts: (start < end).then_some((start, end)) }
}

/// What the store read for [`read_spans`].
#[derive(Debug, Clone, Default)]
pub struct ReportInput {
    /// Episodes started in `cases`' span by now, of every cohort.
    pub cases: Vec<CaseEpisode>,
    /// Starts in `starts`' span by now.
    pub starts: Vec<ReportStart>,
    /// The children in `cases` who had an episode before its span began.
    pub had_earlier: HashSet<String>,
}

impl ReportInput {
    /// The episodes started in `[from, to)` by `now`, every cohort.
    pub fn started_in(&self, (from, to): (Instant, Instant), now: Instant) -> Vec<&CaseEpisode> {
        self.cases.iter().filter(|c| starts_within(c.episode.missing_at, (from, to), now)).collect()
    }

    /// Who started an episode when in `[from, to)` by `now`, and their
    /// cohort, from both the full episodes and the starts.
    pub fn starts_in(&self, span: (Instant, Instant), now: Instant) -> impl Iterator<Item = (&str, Cohort)> {
        let full =
            self.cases.iter().map(|c| (c.person_ref.as_str(), c.episode.at_the_time.cohort, c.episode.missing_at));
        let slim = self.starts.iter().map(|s| (s.person_ref.as_str(), s.cohort, s.missing_at));
        full.chain(slim).filter(move |(_, _, t)| starts_within(*t, span, now)).map(|(p, c, _)| (p, c))
    }

    /// When each child's first episode ever began, for the children whose
    /// first one is among `cases` (DOMAIN.md: first-time missing).
    pub fn first_starts(&self) -> HashMap<&str, Instant> {
        let mut first: HashMap<&str, Instant> = HashMap::new();
        for c in self.cases.iter().filter(|c| !self.had_earlier.contains(&c.person_ref)) {
            let t = first.entry(&c.person_ref).or_insert(c.episode.missing_at);
            *t = (*t).min(c.episode.missing_at);
        }
        first
    }
}

fn starts_within(t: Instant, (from, to): (Instant, Instant), now: Instant) -> bool {
    from <= t && t < to && t <= now
}
