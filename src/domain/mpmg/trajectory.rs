//! The cohort trajectory: how often a chosen group of children (those the
//! MPMG reviewed in some period) went missing in the months and financial
//! quarters after a chosen month. Is the group going missing less?

use crate::domain::history::monthly_counts;
use crate::domain::period::{Quarter, YearMonth};
use crate::domain::time::Instant;
use serde::Serialize;
use std::collections::HashMap;

/// Episodes per month of each child in the group, and of the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trajectory {
    /// The months counted, oldest first; every `counts` and `totals` lines up with it.
    pub months: Vec<YearMonth>,
    /// One line per child, in the order the group was given.
    pub children: Vec<ChildTrajectory>,
    /// The group's episodes per month.
    pub totals: Vec<u64>,
    /// The group's episodes per financial quarter the months touch, in order.
    pub quarters: Vec<QuarterTotal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChildTrajectory {
    pub person_ref: String,
    pub counts: Vec<u64>,
}

/// A quarter's total. `months` says how many of its months were counted: the
/// first and last quarters may be cut by the window, and a part-quarter
/// should not be read as a whole one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterTotal {
    pub quarter: Quarter,
    pub months: usize,
    pub episodes: u64,
}

/// The trajectory of `children` (person references; repeats are counted once)
/// over the `months` months from `from`, from `starts`: (person reference,
/// when an episode started). Starts of other children, or outside the
/// window, are ignored; the caller leaves out any it should not count (such as
/// those after now, or before a meeting part-way through `from`).
pub fn trajectory<'a>(
    children: &[&str],
    starts: impl IntoIterator<Item = (&'a str, Instant)>,
    from: YearMonth,
    months: usize,
) -> Trajectory {
    let mut group: Vec<&str> = Vec::new();
    for child in children {
        if !group.contains(child) {
            group.push(child);
        }
    }
    let mut by_child: HashMap<&str, Vec<Instant>> = group.iter().map(|c| (*c, Vec::new())).collect();
    for (person_ref, at) in starts {
        if let Some(list) = by_child.get_mut(person_ref) {
            list.push(at);
        }
    }
    let window: Vec<YearMonth> = (0..months).map(|i| from.plus(i as i64)).collect();
    let last = from.plus(months as i64 - 1).as_month();
    let children: Vec<ChildTrajectory> = group
        .iter()
        .map(|c| {
            let starts = by_child.remove(c).unwrap_or_default();
            ChildTrajectory { person_ref: c.to_string(), counts: monthly_counts(starts, last, months) }
        })
        .collect();
    let totals: Vec<u64> = (0..months).map(|i| children.iter().map(|c| c.counts[i]).sum()).collect();
    let mut quarters: Vec<QuarterTotal> = Vec::new();
    for (month, total) in window.iter().zip(&totals) {
        match quarters.last_mut() {
            Some(q) if q.quarter == month.quarter() => {
                q.months += 1;
                q.episodes += total;
            }
            _ => quarters.push(QuarterTotal { quarter: month.quarter(), months: 1, episodes: *total }),
        }
    }
    Trajectory { months: window, children, totals, quarters }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::at;

    fn ym(s: &str) -> YearMonth {
        YearMonth::parse(s).expect("month")
    }

    #[test]
    fn a_group_counted_by_hand_per_month_and_quarter() {
        // February to July 2026: two months of 2025-26 Q4, all of 2026-27 Q1
        // and one month of Q2. The clocks went forward on 29 March, so the
        // month edges at the end of March and July are BST midnights.
        let starts = [
            ("A", at("2026-01-31 23:59")), // before the window
            ("A", at("2026-02-01 00:00")), // February
            ("A", at("2026-03-31 23:59")), // March (22:59 UTC)
            ("A", at("2026-04-01 00:00")), // April (23:00 UTC on 31 March)
            ("B", at("2026-05-10 12:00")),
            ("B", at("2026-05-20 12:00")),
            ("B", at("2026-07-31 23:59")), // July
            ("B", at("2026-08-01 00:00")), // after the window
            ("C", at("2026-04-05 12:00")), // not in the group
        ];
        let t = trajectory(&["A", "B", "A"], starts, ym("2026-02"), 6);
        assert_eq!(
            t.months.iter().map(|m| m.label()).collect::<Vec<_>>(),
            ["2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07"]
        );
        assert_eq!(t.children.len(), 2, "A once, though named twice");
        assert_eq!((t.children[0].person_ref.as_str(), &t.children[0].counts[..]), ("A", &[1, 1, 1, 0, 0, 0][..]));
        assert_eq!((t.children[1].person_ref.as_str(), &t.children[1].counts[..]), ("B", &[0, 0, 0, 2, 0, 1][..]));
        assert_eq!(t.totals, [1, 1, 1, 2, 0, 1]);
        let quarters: Vec<(String, usize, u64)> =
            t.quarters.iter().map(|q| (q.quarter.label(), q.months, q.episodes)).collect();
        assert_eq!(
            quarters,
            [("2025-26 Q4".to_string(), 2, 2), ("2026-27 Q1".to_string(), 3, 3), ("2026-27 Q2".to_string(), 1, 1)]
        );
    }

    #[test]
    fn a_child_who_never_went_missing_again_has_a_line_of_zeros() {
        let t = trajectory(&["Z"], [("Y", at("2026-05-01 12:00"))], ym("2026-04"), 3);
        assert_eq!(t.children[0].counts, [0, 0, 0]);
        assert_eq!(t.totals, [0, 0, 0]);
        assert_eq!(t.quarters.len(), 1);
    }

    #[test]
    fn no_months_means_nothing_counted() {
        let t = trajectory(&["A"], [("A", at("2026-05-01 12:00"))], ym("2026-04"), 0);
        assert!(t.months.is_empty() && t.totals.is_empty() && t.quarters.is_empty());
        assert!(t.children[0].counts.is_empty());
    }
}
