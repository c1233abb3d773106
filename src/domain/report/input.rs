//! What the store reads for a report, and which spans it must read: the
//! episodes of the period and the period before in full, and only who
//! started when for the year before each (the months' comparison).
//!
//! A year of a large authority is hundreds of thousands of episodes, so each
//! is kept as a small [`Counted`] record: the rules every screen uses (the
//! interview's state, the strategy row) are applied as the store hands each
//! episode over, and names are kept once per child.

use super::interviews::RiVerdict;
use super::meetings::MeetingClass;
use super::span::ReportPeriod;
use crate::domain::codes::{CaseStatus, Cohort, MissingFrom, Reason};
use crate::domain::record::{CaseEpisode, minutes_in_period};
use crate::domain::rules::Rules;
use crate::domain::time::Instant;
use std::collections::HashMap;

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

/// A child, once: the index [`Counted::person`] points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub person_ref: String,
    pub name: String,
    /// Had an episode before the spans read began.
    pub had_earlier: bool,
}

/// One episode as the report counts it, the rules already applied at now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    pub person: u32,
    pub missing_at: Instant,
    /// The return, if it had happened by now.
    pub returned_at: Option<Instant>,
    pub missing_from: MissingFrom,
    /// An index into [`ReportInput::places`].
    pub place: Option<u32>,
    pub case_status: CaseStatus,
    pub cse_strategy: bool,
    /// At risk of criminal exploitation (county lines included) at the episode.
    pub cce_risk: bool,
    pub cohort: Cohort,
    /// An index into [`ReportInput::authorities`]: who is responsible.
    pub responsible_la: u32,
    pub interview: RiVerdict,
    /// `None` when the episode needed no strategy meeting.
    pub meeting: Option<MeetingClass>,
    /// The reasons given at an interview completed by now, one bit each in
    /// [`Reason::ALL`]'s order.
    pub reasons: u16,
}

/// An episode read only for the year-before comparison: whose, which cohort, when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Start {
    pub person: u32,
    pub cohort: Cohort,
    pub missing_at: Instant,
}

impl Counted {
    /// Whole minutes as the period's figures count them (DOMAIN.md: an open
    /// episode to the period's end, or now if earlier).
    pub fn minutes_in_period(&self, period_end: Instant, now: Instant) -> i64 {
        minutes_in_period(self.missing_at, self.returned_at, period_end, now)
    }

    pub fn has_reason(&self, reason: Reason) -> bool {
        Reason::ALL.iter().position(|r| *r == reason).is_some_and(|i| self.reasons & (1 << i) != 0)
    }
}

/// What the store read for [`read_spans`], as of `now`.
#[derive(Debug, Clone)]
pub struct ReportInput {
    now: Instant,
    rules: Rules,
    pub children: Vec<Child>,
    pub places: Vec<String>,
    pub authorities: Vec<String>,
    /// Every episode of `cases`' span, in no particular order.
    pub episodes: Vec<Counted>,
    /// Every start of `starts`' span.
    pub starts: Vec<Start>,
    child_index: HashMap<String, u32>,
    place_index: HashMap<String, u32>,
    authority_index: HashMap<String, u32>,
}

fn intern(index: &mut HashMap<String, u32>, list: &mut Vec<String>, text: &str) -> u32 {
    if let Some(&i) = index.get(text) {
        return i;
    }
    let i = list.len() as u32;
    list.push(text.to_string());
    index.insert(text.to_string(), i);
    i
}

impl ReportInput {
    /// An empty input whose episodes will be judged at `now` by `rules`.
    pub fn new(now: Instant, rules: Rules) -> Self {
        ReportInput {
            now,
            rules,
            children: Vec::new(),
            places: Vec::new(),
            authorities: Vec::new(),
            episodes: Vec::new(),
            starts: Vec::new(),
            child_index: HashMap::new(),
            place_index: HashMap::new(),
            authority_index: HashMap::new(),
        }
    }

    pub fn now(&self) -> Instant {
        self.now
    }

    /// The child's index; a name given later fills one not known before
    /// (a start carries none).
    fn child(&mut self, person_ref: &str, name: &str) -> u32 {
        if let Some(&i) = self.child_index.get(person_ref) {
            let known = &mut self.children[i as usize].name;
            if known.is_empty() {
                *known = name.to_string();
            }
            return i;
        }
        let i = self.children.len() as u32;
        self.children.push(Child { person_ref: person_ref.to_string(), name: name.to_string(), had_earlier: false });
        self.child_index.insert(person_ref.to_string(), i);
        i
    }

    /// An episode of `cases`' span (started by now).
    pub fn add_case(&mut self, case: &CaseEpisode) {
        let (now, rules) = (self.now, self.rules);
        let ep = &case.episode;
        let person = self.child(&case.person_ref, &case.name);
        let place = ep
            .missing_from_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| intern(&mut self.place_index, &mut self.places, n));
        let responsible_la = intern(&mut self.authority_index, &mut self.authorities, &ep.at_the_time.responsible_la);
        let mut reasons = 0u16;
        if case.interview.completed_by(now).is_some() {
            for (i, r) in Reason::ALL.iter().enumerate() {
                if case.interview.reasons.contains(r) {
                    reasons |= 1 << i;
                }
            }
        }
        self.episodes.push(Counted {
            person,
            missing_at: ep.missing_at,
            returned_at: ep.returned_by(now),
            missing_from: ep.missing_from,
            place,
            case_status: ep.at_the_time.case_status,
            cse_strategy: ep.at_the_time.cse_strategy,
            cce_risk: ep.at_the_time.cce_risk,
            cohort: ep.at_the_time.cohort,
            responsible_la,
            interview: RiVerdict::of(case, now, &rules),
            meeting: MeetingClass::of(case, now, &rules),
            reasons,
        });
    }

    /// A start of `starts`' span: only counted in the months' year before.
    pub fn add_start(&mut self, person_ref: &str, cohort: Cohort, missing_at: Instant) {
        let person = self.child(person_ref, "");
        self.starts.push(Start { person, cohort, missing_at });
    }

    /// A child in `cases` who had an episode before its span began.
    pub fn mark_had_earlier(&mut self, person_ref: &str) {
        if let Some(&i) = self.child_index.get(person_ref) {
            self.children[i as usize].had_earlier = true;
        }
    }

    /// The full episodes started in `[from, to)` by now, every cohort.
    pub fn started_in(&self, span: (Instant, Instant)) -> Vec<&Counted> {
        self.episodes.iter().filter(|c| starts_within(c.missing_at, span, self.now)).collect()
    }

    /// Who started an episode in `[from, to)` by now, in which cohort: from
    /// the full episodes and the starts alike.
    pub fn starts_in(&self, span: (Instant, Instant)) -> impl Iterator<Item = Start> {
        let full = self.episodes.iter().map(|c| Start { person: c.person, cohort: c.cohort, missing_at: c.missing_at });
        full.chain(self.starts.iter().copied()).filter(move |s| starts_within(s.missing_at, span, self.now))
    }

    /// When each child's first episode ever began, for the children whose
    /// first one is among the full episodes (DOMAIN.md: first-time missing).
    pub fn first_starts(&self) -> HashMap<u32, Instant> {
        let mut first: HashMap<u32, Instant> = HashMap::new();
        for c in self.episodes.iter().filter(|c| !self.children[c.person as usize].had_earlier) {
            let t = first.entry(c.person).or_insert(c.missing_at);
            *t = (*t).min(c.missing_at);
        }
        first
    }
}

fn starts_within(t: Instant, (from, to): (Instant, Instant), now: Instant) -> bool {
    from <= t && t < to && t <= now
}
