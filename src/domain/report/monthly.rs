//! The monthly performance list for senior managers (DOMAIN.md, "Who uses
//! it"): one page for one month, split by where the child lives. The
//! month's episodes and individuals beside the month before and the same
//! month a year earlier; how the month's return interviews stand (in 72
//! hours, late, overdue, not yet due); the interviews still outstanding as
//! of now, the month's listed and the rest counted; and the month's top 10.
//!
//! Every figure comes from the rules the board report and the screens use:
//! the episodes counted are the board report's for the month
//! ([`ReportInput`]), the outstanding interviews are the chase list's rows,
//! and the top 10 is the MPMG's.

use super::input::{ReportInput, Start};
use super::interviews::{RiOutcomeCount, split};
use super::percent;
use super::shape::{CohortSplit, Totals};
use crate::domain::chase::ChaseRow;
use crate::domain::codes::{Band, Cohort};
use crate::domain::mpmg::TopRow;
use crate::domain::period::YearMonth;
use serde::Serialize;
use std::collections::HashSet;

/// The month's performance list. Serialised as `performance` in `report
/// --month`'s JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Performance {
    pub month: YearMonth,
    /// The share of return interviews in 72 hours aimed at.
    pub target_percent: i64,
    /// Episodes and individuals started in the month, by cohort.
    pub activity: CohortSplit<Activity>,
    /// How the interviews of the month's episodes stand at now, by cohort.
    pub interviews: CohortSplit<Timeliness>,
    pub outstanding: Outstanding,
    /// The month's top 10 (the MPMG's own list).
    pub top10: Vec<TopRow>,
}

/// One cohort's episodes and individuals for the month, the month before
/// and the same month a year earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Activity {
    pub episodes: u64,
    pub individuals: u64,
    pub month_before: Totals,
    pub year_before: Totals,
}

/// One cohort's interviews: every way they stand, and in time as a share
/// of those required (DOMAIN.md: required = completed or past its deadline).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Timeliness {
    #[serde(flatten)]
    pub counts: RiOutcomeCount,
    pub percent: Option<f64>,
}

/// Interviews required and not completed at now, as the chase list has them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outstanding {
    /// For the month's episodes.
    pub month: CohortSplit<OutstandingCount>,
    /// For episodes that started in any other month.
    pub other_months: CohortSplit<OutstandingCount>,
    /// The month's, most overdue first (the `chase` JSON shape).
    pub rows: Vec<ChaseRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct OutstandingCount {
    pub outstanding: u64,
    /// Of those, past the 72-hour deadline.
    pub overdue: u64,
}

/// The list for `month`. `input` is what the store read for the board
/// report of that month, `chase` the chase list at the input's now, `top10`
/// the MPMG's top 10 for the month.
pub fn performance(
    input: &ReportInput,
    month: YearMonth,
    target_percent: i64,
    chase: &[ChaseRow],
    top10: Vec<TopRow>,
) -> Performance {
    let (from, to) = month.bounds();
    let in_month = |row: &&ChaseRow| from <= row.missing_at && row.missing_at < to;
    let (rows, others): (Vec<&ChaseRow>, Vec<&ChaseRow>) = chase.iter().partition(in_month);
    Performance {
        month,
        target_percent,
        activity: activity(input, month),
        interviews: split(&input.started_in(month.bounds()), |part| {
            let mut counts = RiOutcomeCount::default();
            part.iter().for_each(|c| counts.add(c.interview));
            Timeliness { counts, percent: percent(counts.in_time, counts.required) }
        }),
        outstanding: Outstanding {
            month: outstanding_counts(&rows),
            other_months: outstanding_counts(&others),
            rows: rows.into_iter().cloned().collect(),
        },
        top10,
    }
}

fn activity(input: &ReportInput, month: YearMonth) -> CohortSplit<Activity> {
    let starts = |m: YearMonth| input.starts_in(m.bounds()).collect::<Vec<Start>>();
    let (now, before, year) = (starts(month), starts(month.plus(-1)), starts(month.plus(-12)));
    let of = |keep: &dyn Fn(Cohort) -> bool| {
        let totals = |list: &[Start]| {
            let mine: Vec<&Start> = list.iter().filter(|s| keep(s.cohort)).collect();
            let individuals = mine.iter().map(|s| s.person).collect::<HashSet<_>>().len() as u64;
            Totals { individuals, episodes: mine.len() as u64 }
        };
        let this = totals(&now);
        Activity {
            episodes: this.episodes,
            individuals: this.individuals,
            month_before: totals(&before),
            year_before: totals(&year),
        }
    };
    CohortSplit::each(of)
}

fn outstanding_counts(rows: &[&ChaseRow]) -> CohortSplit<OutstandingCount> {
    let of = |keep: &dyn Fn(Cohort) -> bool| {
        let mine = rows.iter().filter(|r| keep(r.cohort));
        let (mut outstanding, mut overdue) = (0, 0);
        for row in mine {
            outstanding += 1;
            overdue += u64::from(row.band == Band::Overdue);
        }
        OutstandingCount { outstanding, overdue }
    };
    CohortSplit::each(of)
}
