//! The MPMG meeting pack: what the chair prepares each month's meeting from,
//! as GitHub-flavoured Markdown or one self-contained HTML page for A4.
//!
//! [`Pack::gather`] reads everything from the store in one place (the
//! month's lists, the meeting, and each reviewed child's page);
//! [`document`] turns it into headings, facts and tables in words; the two
//! renderers only lay those out, so both formats say exactly the same things.

mod child;
mod css;
pub mod document;
mod front;
mod html;
mod markdown;
mod words;

pub use html::{escape as html_escape, write_html, write_page as write_html_page};
pub use markdown::{escape as markdown_escape, write_blocks as write_markdown_blocks, write_markdown};

use crate::domain::codes::{Band, Cohort, ReviewReason};
use crate::domain::history::{RiState, ri_state};
use crate::domain::missing::MissingNow;
use crate::domain::mpmg::{CohortRow, MpmgMonth, sparkline};
use crate::domain::mpmg_review::MpmgMeeting;
use crate::domain::period::YearMonth;
use crate::domain::record::PersonRecord;
use crate::domain::rules::Rules;
use crate::domain::time::{Instant, uk_date};
use crate::store::{AgreedAction, EpisodeLine, MeetingRef, Result, Store, StoreError};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Everything the pack shows for one month, as of one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pack {
    pub authority: String,
    /// "Now": the pack is true as of this moment (interview clocks, overdue actions).
    pub now: Instant,
    /// The month's three lists, exactly as `--format table|csv|json` give them.
    pub lists: MpmgMonth,
    /// The meeting recorded for the month, if any.
    pub meeting: Option<MpmgMeeting>,
    /// The children that meeting reviewed, by reference (the MPMG tab's `Rev`).
    pub reviewed: HashSet<String>,
    /// The thresholds in force, so interview clocks match the chase list's.
    pub rules: Rules,
    /// One per child to review, in the cohort's order.
    pub children: Vec<ChildPack>,
}

/// One reviewed child: their row in the cohort and what their page holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildPack {
    pub row: CohortRow,
    /// The child as recorded now.
    pub record: PersonRecord,
    /// The child's cohort now (`None` when neither ours nor living here).
    pub cohort: Option<Cohort>,
    /// The episodes that started in the month by now, oldest first.
    pub month_episodes: Vec<EpisodeLine>,
    /// The episode the child is missing from now, if any: of any month, not
    /// only of the pack's ([`Store::missing_now`]).
    pub missing_now: Option<MissingNow>,
    /// Actions still open, soonest due first (so the overdue lead).
    pub open_actions: Vec<AgreedAction>,
    /// How many of the child's actions are done.
    pub done_actions: usize,
    /// The meetings that reviewed the child, the latest first.
    pub reviews: Vec<MeetingRef>,
    /// Episodes per month for the twelve months ending with the pack's month, oldest first.
    pub history: Vec<u64>,
    /// The child's place in the month's top 10, if there.
    pub top_rank: Option<usize>,
}

/// The figures at the head of the pack.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub children: usize,
    /// Reviewed for going missing while in care (some for both reasons).
    pub in_care: usize,
    /// Reviewed for going missing the threshold number of times or more.
    pub many_times: usize,
    /// The reviewed children's episodes in the month, and their whole hours missing.
    pub episodes: u64,
    pub hours: i64,
    /// Reviewed children missing at the moment the pack was made.
    pub still_missing: usize,
    /// Return interviews for those episodes that are past their deadline and not done.
    pub interviews_overdue: usize,
    pub top: usize,
    pub persistent: usize,
    /// The reviewed children's open MPMG actions, and how many of those are overdue.
    pub open_actions: usize,
    pub overdue_actions: usize,
}

impl Pack {
    /// Reads the pack for `month` as of `now`, in one read transaction so
    /// the lists and the children's pages agree while others write.
    pub fn gather(store: &Store, month: YearMonth, now: Instant) -> Result<Pack> {
        store.read_consistently(|store| {
            let lists = store.mpmg_month(month, now)?;
            let (meeting, reviewed) = store.reviewed_at_month(month.as_month())?;
            let missing_now = store.missing_now(now)?;
            let children =
                lists.cohort.iter().map(|row| child(store, &lists, row, &missing_now, now)).collect::<Result<_>>()?;
            Ok(Pack {
                authority: store.require_authority()?,
                now,
                meeting: meeting.map(|m| m.value),
                reviewed,
                rules: store.rules()?,
                children,
                lists,
            })
        })
    }

    pub fn month(&self) -> YearMonth {
        self.lists.month
    }

    /// The UK date the pack was made on: actions due before it are overdue.
    pub fn today(&self) -> NaiveDate {
        uk_date(self.now)
    }

    pub fn summary(&self) -> Summary {
        let today = self.today();
        let reason = |r: ReviewReason| self.children.iter().filter(|c| c.row.review_reasons.contains(&r)).count();
        let actions = || self.children.iter().flat_map(|c| &c.open_actions);
        Summary {
            children: self.children.len(),
            in_care: reason(ReviewReason::InCare),
            many_times: reason(ReviewReason::ThreeOrMore),
            episodes: self.children.iter().map(|c| c.row.episodes).sum(),
            hours: self.children.iter().map(|c| c.row.hours_missing).sum(),
            still_missing: self.children.iter().filter(|c| c.missing_now.is_some()).count(),
            interviews_overdue: self
                .children
                .iter()
                .flat_map(|c| &c.month_episodes)
                .filter(|e| {
                    matches!(ri_state(&e.case, self.now, &self.rules), RiState::Outstanding { band: Band::Overdue, .. })
                })
                .count(),
            top: self.lists.top10.len(),
            persistent: self.lists.persistent_quarter.len(),
            open_actions: actions().count(),
            overdue_actions: actions().filter(|a| a.action.is_overdue(today)).count(),
        }
    }

    /// Whether the month's meeting reviewed the child (what the tab's `Rev` shows).
    pub fn reviewed(&self, person_ref: &str) -> bool {
        self.reviewed.contains(person_ref)
    }
}

/// One child's section from their page.
fn child(
    store: &Store,
    lists: &MpmgMonth,
    row: &CohortRow,
    missing_now: &HashMap<String, MissingNow>,
    now: Instant,
) -> Result<ChildPack> {
    let page = store.person_page(&row.person_ref)?.ok_or_else(|| {
        // The cohort was read from the same snapshot, so the child cannot be missing from it.
        StoreError::Corrupt(format!("child {} is in the month's cohort but has no record", row.person_ref))
    })?;
    let month = lists.month;
    let history = sparkline(page.episodes.iter().map(|e| e.case.episode.missing_at), month, now);
    // The bounds once, not per episode: each is a time-zone conversion.
    let (start, end) = month.bounds();
    let mut month_episodes: Vec<EpisodeLine> = page
        .episodes
        .into_iter()
        .filter(|e| (start..end).contains(&e.case.episode.missing_at) && e.case.episode.missing_at <= now)
        .collect();
    // The page lists the newest first; the pack reads as a story, oldest first.
    month_episodes.reverse();
    let (open, done): (Vec<_>, Vec<_>) = page.actions.into_iter().map(|a| a.value).partition(|a| a.action.is_open());
    Ok(ChildPack {
        row: row.clone(),
        record: page.record,
        cohort: page.cohort,
        month_episodes,
        missing_now: missing_now.get(&row.person_ref).cloned(),
        open_actions: open,
        done_actions: done.len(),
        reviews: page.reviews,
        history,
        top_rank: lists.top10.iter().find(|t| t.person_ref == row.person_ref).map(|t| t.rank),
    })
}

#[cfg(test)]
mod tests;
