//! Everything the MPMG tab shows for one month, read together: the month's
//! lists, its meeting and who it reviewed, open actions per child, and the
//! trajectory of the children reviewed in the month's quarter.

use super::edit::Stamped;
use super::mpmg_review::{OpenActions, ReviewedChild};
use super::{Result, Store};
use crate::domain::missing::MissingNow;
use crate::domain::mpmg::{MpmgMonth, Trajectory, trajectory};
use crate::domain::mpmg_review::MpmgMeeting;
use crate::domain::period::{Quarter, YearMonth};
use crate::domain::time::{Instant, uk_date};
use std::collections::{HashMap, HashSet};

/// The longest trajectory shown, in months from the start of the quarter.
const TRAJECTORY_MONTHS_MAX: i64 = 24;

/// The MPMG tab's data for one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MpmgBoard {
    pub month: MpmgMonth,
    /// The meeting that reviewed this month, if recorded.
    pub meeting: Option<Stamped<MpmgMeeting>>,
    /// References of the children that meeting reviewed ([`Store::reviewed_at_month`]).
    pub reviewed: HashSet<String>,
    /// Every child missing at the board's moment, from any episode ([`Store::missing_now`]).
    pub missing_now: HashMap<String, MissingNow>,
    /// Open (and overdue) actions, by child reference; children with none are absent.
    pub open_actions: HashMap<String, OpenActions>,
    pub trajectory: GroupTrajectory,
}

/// The children reviewed at the meetings for a quarter's months, and how
/// often they went missing from the start of that quarter on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupTrajectory {
    pub quarter: Quarter,
    pub group: Vec<ReviewedChild>,
    pub trajectory: Trajectory,
}

impl Store {
    pub fn mpmg_board(&self, month: YearMonth, now: Instant) -> Result<MpmgBoard> {
        let lists = self.mpmg_month(month, now)?;
        let (meeting, reviewed) = self.reviewed_at_month(month.as_month())?;
        let missing_now = self.missing_now(now)?;
        let open_actions = self
            .open_actions_by_person(uk_date(now))?
            .into_iter()
            .map(|(id, open)| Ok((self.person_ref_of(id)?, open)))
            .collect::<Result<_>>()?;
        let trajectory = self.group_trajectory(month.quarter(), now)?;
        Ok(MpmgBoard { month: lists, meeting, reviewed, missing_now, open_actions, trajectory })
    }

    /// The trajectory of the children reviewed for `quarter`'s months, from
    /// the quarter's first month to now's: months still to come are not
    /// shown as months with no episodes.
    pub fn group_trajectory(&self, quarter: Quarter, now: Instant) -> Result<GroupTrajectory> {
        let [first, _, last] = quarter.months();
        let group = self.children_reviewed_between(first.as_month(), last.as_month())?;
        let to_now = months_between(first, YearMonth::containing(now)) + 1;
        let months = to_now.clamp(1, TRAJECTORY_MONTHS_MAX) as usize;
        let (from, to) = (first.start(), first.plus(months as i64).start());
        let mut starts = Vec::new();
        for child in &group {
            for at in self.person_starts(&child.person_ref, from, to, now)? {
                starts.push((child.person_ref.as_str(), at));
            }
        }
        let refs: Vec<&str> = group.iter().map(|c| c.person_ref.as_str()).collect();
        let trajectory = trajectory(&refs, starts, first, months);
        Ok(GroupTrajectory { quarter, group, trajectory })
    }

    fn person_ref_of(&self, id: i64) -> Result<String> {
        self.conn
            .prepare_cached("SELECT person_ref FROM people WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }
}

/// Whole months from `a` to `b` (negative if `b` is earlier).
fn months_between(a: YearMonth, b: YearMonth) -> i64 {
    (b.year() as i64 - a.year() as i64) * 12 + b.month() as i64 - a.month() as i64
}
