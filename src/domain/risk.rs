//! The police's risk grade over an episode: the police review it as the
//! case goes on, so each grade is kept with when it was given, and the
//! latest is the one the lists show (DOMAIN.md, police risk grades).

use super::checks::Problem;
use super::codes::Risk;
use super::time::{Instant, display_local};

/// One grade the police gave, and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskGrade {
    pub at: Instant,
    pub risk: Risk,
}

/// The grade in force: the one given last (of two at the same time, the one
/// recorded last, i.e. later in `grades`).
pub fn latest(grades: &[RiskGrade]) -> Option<Risk> {
    grades.iter().enumerate().max_by_key(|(i, g)| (g.at, *i)).map(|(_, g)| g.risk)
}

/// What stops a new grade at `at` being recorded for an episode that began
/// at `missing_at` (and ended at `returned_at`, if it has).
pub fn check_new_grade(at: Instant, missing_at: Instant, returned_at: Option<Instant>, now: Instant) -> Vec<Problem> {
    let mut out = Vec::new();
    if at > now {
        out.push(Problem::blocking("graded_at", format!("{} is in the future", display_local(at))));
    }
    if at < missing_at {
        out.push(Problem::blocking(
            "graded_at",
            format!("{} is before the child went missing ({})", display_local(at), display_local(missing_at)),
        ));
    }
    if let Some(r) = returned_at
        && at > r
    {
        out.push(Problem::blocking(
            "graded_at",
            format!(
                "{} is after the child returned ({}); a grade is given while missing",
                display_local(at),
                display_local(r)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::parse_instant;

    fn at(s: &str) -> Instant {
        parse_instant(s).expect("time")
    }

    #[test]
    fn the_latest_grade_is_the_one_given_last_not_the_one_entered_last() {
        let grades = [
            RiskGrade { at: at("2026-05-01 10:00"), risk: Risk::Low },
            RiskGrade { at: at("2026-05-02 09:00"), risk: Risk::High },
            // Entered afterwards, but given between the two.
            RiskGrade { at: at("2026-05-01 20:00"), risk: Risk::Medium },
        ];
        assert_eq!(latest(&grades), Some(Risk::High));
        assert_eq!(latest(&[]), None);
        let same_time = [grades[0], RiskGrade { at: grades[0].at, risk: Risk::Medium }];
        assert_eq!(latest(&same_time), Some(Risk::Medium));
    }

    #[test]
    fn a_grade_is_given_while_the_child_is_missing() {
        let (m, r, now) = (at("2026-05-01 10:00"), at("2026-05-02 10:00"), at("2026-05-03 10:00"));
        assert_eq!(check_new_grade(m, m, Some(r), now), []);
        assert_eq!(check_new_grade(r, m, Some(r), now), []);
        let fields = |t| check_new_grade(t, m, Some(r), now).iter().map(|p| p.field).collect::<Vec<_>>();
        assert_eq!(fields(at("2026-05-01 09:59")), ["graded_at"]);
        assert_eq!(fields(at("2026-05-02 10:01")), ["graded_at"]);
        assert_eq!(check_new_grade(at("2026-05-03 10:01"), m, None, now).len(), 1);
    }
}
