//! The board paper's "what changed since the period before" sentences,
//! worked out from two figures, never written by hand: `Episodes rose by 57
//! to 646; individuals by 7 to 203.` One set of rules for every table, so
//! each sentence says a rise, a fall, no change, a start from none or a
//! share in points the same way.

/// One count, now and in the period before: `episodes`, 646, 589.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count<'a> {
    /// What is counted, in the plural and in lower case (`episodes`).
    pub name: &'a str,
    pub now: u64,
    pub before: u64,
}

/// A share (percent, one decimal), now and in the period before; `None`
/// when there was nothing to take a share of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Share<'a> {
    /// What the share is of (`return interviews in 72 hours`).
    pub name: &'a str,
    pub now: Option<f64>,
    pub before: Option<f64>,
}

/// `Episodes rose by 57 to 646; individuals by 7 to 203.`: one clause per
/// count, the verb left out when it repeats the one before. Empty when
/// there are no counts.
pub fn counts_sentence(counts: &[Count]) -> String {
    let mut clauses = Vec::with_capacity(counts.len());
    let mut last_verb = None;
    for count in counts {
        let (verb, rest) = count_clause(count.now, count.before);
        // Only a second "by" repeats cleanly: `rose by 57 …; individuals by 7 …`.
        let by = rest.starts_with("by ");
        let clause = if by && last_verb == Some((verb, true)) {
            format!("{} {rest}", count.name)
        } else {
            format!("{} {} {rest}", count.name, verb.words())
        };
        last_verb = Some((verb, by));
        clauses.push(clause);
    }
    sentence(clauses)
}

/// `Return interviews in 72 hours rose by 2.5 points to 91.0%.`, or what
/// can be said when either period had nothing to measure; several shares
/// joined by semicolons.
pub fn share_sentence(shares: &[Share]) -> String {
    sentence(shares.iter().map(share_clause).collect())
}

/// For a table of rows: the row that changed most (the first of equals),
/// `The largest change: episodes from home rose by 3 to 40.`; or `Nothing
/// changed since the period before.` when no row did.
pub fn largest_change(counts: &[Count]) -> String {
    let moved = |c: &&Count| c.now.abs_diff(c.before);
    let mut largest: Option<&Count> = None;
    for count in counts.iter().filter(|c| moved(c) > 0) {
        if largest.is_none_or(|l| moved(&count) > moved(&l)) {
            largest = Some(count);
        }
    }
    match largest {
        None => "Nothing changed since the period before.".to_string(),
        Some(c) => {
            let (verb, rest) = count_clause(c.now, c.before);
            format!("The largest change: {} {} {rest}.", c.name, verb.words())
        }
    }
}

/// `Against the same month a year before, episodes were higher in 7
/// months, lower in 4 and the same in 1.` (months with episodes in neither
/// year count as the same).
pub fn months_sentence(pairs: &[(u64, u64)]) -> String {
    let higher = pairs.iter().filter(|(now, before)| now > before).count() as u64;
    let lower = pairs.iter().filter(|(now, before)| now < before).count() as u64;
    let same = pairs.len() as u64 - higher - lower;
    format!(
        "Against the same month a year before, episodes were higher in {}, lower in {} and the same in {}.",
        counted(higher, "month", "months"),
        counted(lower, "month", "months"),
        counted(same, "month", "months")
    )
}

/// `The target of 90% was met in 2 of 4 quarters.` (`None`: a quarter with
/// no interviews due, which neither meets nor misses it).
pub fn target_sentence(target: i64, quarters: &[Option<f64>]) -> String {
    let measured: Vec<f64> = quarters.iter().flatten().copied().collect();
    let met = measured.iter().filter(|p| **p >= target as f64).count() as u64;
    let unmeasured = quarters.len() - measured.len();
    let rest = match unmeasured {
        0 => String::new(),
        n => format!(" ({} with no interviews due)", counted(n as u64, "quarter", "quarters")),
    };
    format!(
        "The target of {target}% was met in {met} of {}{rest}.",
        counted(quarters.len() as u64, "quarter", "quarters")
    )
}

/// A share's clause, without the capital and the full stop.
pub fn share_clause(share: &Share) -> String {
    let name = share.name;
    match (share.now, share.before) {
        (Some(now), Some(before)) => {
            // In tenths, so 0.1 + 0.2 never reads as 0.30000000000000004.
            let diff = (now * 10.0).round() as i64 - (before * 10.0).round() as i64;
            match diff {
                0 => format!("{name} stayed at {}", percent(now)),
                d if d > 0 => format!("{name} rose by {} to {}", points(d), percent(now)),
                d => format!("{name} fell by {} to {}", points(-d), percent(now)),
            }
        }
        (Some(now), None) => format!("{name} was {} (nothing to measure the period before)", percent(now)),
        (None, Some(before)) => format!("{name} had nothing to measure ({} the period before)", percent(before)),
        (None, None) => format!("{name} had nothing to measure in either period"),
    }
}

/// `1 episode`, `2 episodes`, `no episodes`.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// `91.0%`.
pub fn percent(p: f64) -> String {
    format!("{p:.1}%")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Rose,
    Fell,
    Stayed,
}

impl Verb {
    fn words(self) -> &'static str {
        match self {
            Verb::Rose => "rose",
            Verb::Fell => "fell",
            Verb::Stayed => "stayed",
        }
    }
}

/// The verb and what follows it: `by 57 to 646`, `from none to 3`,
/// `from 5 to none`, `at 12`, `at none`.
fn count_clause(now: u64, before: u64) -> (Verb, String) {
    match (now, before) {
        (n, b) if n == b && n == 0 => (Verb::Stayed, "at none".to_string()),
        (n, b) if n == b => (Verb::Stayed, format!("at {n}")),
        (n, 0) => (Verb::Rose, format!("from none to {n}")),
        (0, b) => (Verb::Fell, format!("from {b} to none")),
        (n, b) if n > b => (Verb::Rose, format!("by {} to {n}", n - b)),
        (n, b) => (Verb::Fell, format!("by {} to {n}", b - n)),
    }
}

/// `1 point`, `2.5 points`, `0.1 points` from tenths of a point.
fn points(tenths: i64) -> String {
    if tenths == 10 {
        return "1 point".to_string();
    }
    if tenths % 10 == 0 {
        return format!("{} points", tenths / 10);
    }
    format!("{}.{} points", tenths / 10, tenths % 10)
}

/// Clauses joined by semicolons, the first letter a capital, a full stop.
fn sentence(clauses: Vec<String>) -> String {
    let joined = clauses.join("; ");
    let mut chars = joined.chars();
    match chars.next() {
        None => String::new(),
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, now: u64, before: u64) -> Count<'_> {
        Count { name, now, before }
    }

    #[test]
    fn a_rise_then_a_rise_leaves_the_second_verb_out() {
        assert_eq!(
            counts_sentence(&[c("episodes", 646, 589), c("individuals", 203, 196)]),
            "Episodes rose by 57 to 646; individuals by 7 to 203."
        );
    }

    #[test]
    fn a_fall_and_a_rise_each_say_their_verb() {
        assert_eq!(
            counts_sentence(&[c("episodes", 10, 12), c("individuals", 5, 4)]),
            "Episodes fell by 2 to 10; individuals rose by 1 to 5."
        );
        assert_eq!(
            counts_sentence(&[c("episodes", 10, 12), c("individuals", 3, 4)]),
            "Episodes fell by 2 to 10; individuals by 1 to 3."
        );
    }

    #[test]
    fn no_change_says_stayed_at_each_time() {
        assert_eq!(
            counts_sentence(&[c("episodes", 7, 7), c("individuals", 3, 3)]),
            "Episodes stayed at 7; individuals stayed at 3."
        );
        assert_eq!(counts_sentence(&[c("episodes", 0, 0)]), "Episodes stayed at none.");
    }

    #[test]
    fn from_and_to_zero_say_none() {
        assert_eq!(counts_sentence(&[c("episodes", 3, 0)]), "Episodes rose from none to 3.");
        assert_eq!(counts_sentence(&[c("episodes", 0, 5)]), "Episodes fell from 5 to none.");
        // A start from none is not "by 3", so the next clause keeps its verb.
        assert_eq!(
            counts_sentence(&[c("episodes", 3, 0), c("individuals", 2, 1)]),
            "Episodes rose from none to 3; individuals rose by 1 to 2."
        );
        assert_eq!(counts_sentence(&[]), "");
    }

    #[test]
    fn one_is_singular_and_none_is_no() {
        assert_eq!(counted(0, "episode", "episodes"), "no episodes");
        assert_eq!(counted(1, "episode", "episodes"), "1 episode");
        assert_eq!(counted(2, "child", "children"), "2 children");
    }

    fn s(now: Option<f64>, before: Option<f64>) -> String {
        share_sentence(&[Share { name: "interviews in 72 hours", now, before }])
    }

    #[test]
    fn the_largest_change_is_the_first_of_the_biggest_moves() {
        assert_eq!(
            largest_change(&[c("episodes from home", 40, 37), c("episodes from foster care", 9, 14), c("x", 1, 6)]),
            "The largest change: episodes from foster care fell by 5 to 9."
        );
        assert_eq!(largest_change(&[c("a", 0, 2), c("b", 3, 3)]), "The largest change: a fell from 2 to none.");
        assert_eq!(largest_change(&[c("a", 2, 2), c("b", 0, 0)]), "Nothing changed since the period before.");
        assert_eq!(largest_change(&[]), "Nothing changed since the period before.");
    }

    #[test]
    fn months_against_a_year_before_count_each_way_singular_at_one() {
        assert_eq!(
            months_sentence(&[(3, 1), (2, 2), (0, 0), (1, 4)]),
            "Against the same month a year before, episodes were higher in 1 month, lower in 1 month and the same in 2 months."
        );
        assert_eq!(
            months_sentence(&[(3, 1)]),
            "Against the same month a year before, episodes were higher in 1 month, lower in no months and the same in no months."
        );
    }

    #[test]
    fn the_target_is_met_at_exactly_the_target() {
        assert_eq!(
            target_sentence(90, &[Some(90.0), Some(89.9), None, Some(100.0)]),
            "The target of 90% was met in 2 of 4 quarters (1 quarter with no interviews due)."
        );
        assert_eq!(target_sentence(90, &[Some(50.0)]), "The target of 90% was met in 0 of 1 quarter.");
    }

    #[test]
    fn shares_join_like_counts() {
        let a = Share { name: "one-off", now: Some(60.0), before: Some(50.0) };
        let b = Share { name: "persistent", now: Some(5.0), before: Some(5.0) };
        assert_eq!(share_sentence(&[a, b]), "One-off rose by 10 points to 60.0%; persistent stayed at 5.0%.");
    }

    #[test]
    fn shares_change_in_points_one_point_singular() {
        assert_eq!(s(Some(91.0), Some(88.5)), "Interviews in 72 hours rose by 2.5 points to 91.0%.");
        assert_eq!(s(Some(80.0), Some(81.0)), "Interviews in 72 hours fell by 1 point to 80.0%.");
        assert_eq!(s(Some(80.0), Some(82.0)), "Interviews in 72 hours fell by 2 points to 80.0%.");
        assert_eq!(s(Some(0.3), Some(0.2)), "Interviews in 72 hours rose by 0.1 points to 0.3%.");
        assert_eq!(s(Some(50.0), Some(50.0)), "Interviews in 72 hours stayed at 50.0%.");
        assert_eq!(s(Some(100.0), Some(0.0)), "Interviews in 72 hours rose by 100 points to 100.0%.");
    }

    #[test]
    fn a_share_with_nothing_to_measure_says_so() {
        assert_eq!(s(Some(75.0), None), "Interviews in 72 hours was 75.0% (nothing to measure the period before).");
        assert_eq!(s(None, Some(60.0)), "Interviews in 72 hours had nothing to measure (60.0% the period before).");
        assert_eq!(s(None, None), "Interviews in 72 hours had nothing to measure in either period.");
    }
}
