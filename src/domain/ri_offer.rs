//! Was the child offered a return interview, and did they accept it? The
//! national datasets (SSDA903's successors, Ofsted Annex A, the SSD's
//! `miss_missing_rhi_offered` / `_accepted`) ask both as Y / N / NA. One rule
//! here, so every export and screen gives the same answer (DOMAIN.md, "Return
//! interview offered and accepted").
//!
//! - Not required (not needed at all, or concluded "not required") = `NA`,
//!   whatever else is recorded.
//! - A value the user recorded (`ReturnInterview::offered` / `accepted`, e.g.
//!   an interview offered by letter with no attempt) wins over the derived one.
//! - Derived *offered*: completed (face to face or from carers, or a
//!   completion time with no outcome), declined, or at least one attempt
//!   made (any method, any outcome).
//! - Derived *accepted*: completed face to face.
//! - An episode still open, or with nothing done yet, is `N` on both: nothing
//!   has been offered so far.
//!
//! The answer is as recorded, not "as of" a time: a caller that reports at a
//! reference date passes the interview as it stood (or accepts the record).

use super::codes::{RiOutcome, YesNoNa};
use super::record::ReturnInterview;

/// Whether a return interview was offered to the child: `Yes`, `No`, or `Na`
/// when none was required.
pub fn offered(ri: &ReturnInterview) -> YesNoNa {
    if !ri.is_required() {
        return YesNoNa::Na;
    }
    yes_no(ri.offered.unwrap_or_else(|| derived_offered(ri)))
}

/// Whether the child accepted the interview (took part face to face): `Yes`,
/// `No`, or `Na` when none was required.
pub fn accepted(ri: &ReturnInterview) -> YesNoNa {
    if !ri.is_required() {
        return YesNoNa::Na;
    }
    yes_no(ri.accepted.unwrap_or_else(|| derived_accepted(ri)))
}

/// What the record shows without the user's own answer.
pub fn derived_offered(ri: &ReturnInterview) -> bool {
    // A completion recorded without its outcome (an older import) was still an interview held.
    ri.attempts > 0
        || ri.completed_at.is_some()
        || matches!(ri.outcome, Some(RiOutcome::FaceToFace | RiOutcome::FromCarers | RiOutcome::Declined))
}

/// What the record shows without the user's own answer.
pub fn derived_accepted(ri: &ReturnInterview) -> bool {
    ri.outcome == Some(RiOutcome::FaceToFace)
}

fn yes_no(b: bool) -> YesNoNa {
    if b { YesNoNa::Yes } else { YesNoNa::No }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn required() -> ReturnInterview {
        ReturnInterview { required: true, ..ReturnInterview::default() }
    }

    fn with_outcome(outcome: RiOutcome) -> ReturnInterview {
        ReturnInterview { outcome: Some(outcome), ..required() }
    }

    #[test]
    fn each_outcome_gives_its_offered_and_accepted() {
        use YesNoNa::*;
        let cases = [
            (RiOutcome::FaceToFace, Yes, Yes),
            (RiOutcome::FromCarers, Yes, No),
            (RiOutcome::Declined, Yes, No),
            (RiOutcome::NotRequired, Na, Na),
        ];
        for (outcome, off, acc) in cases {
            let ri = with_outcome(outcome);
            assert_eq!((offered(&ri), accepted(&ri)), (off, acc), "{outcome}");
        }
    }

    #[test]
    fn nothing_done_yet_is_no_and_one_attempt_is_offered() {
        let none = required();
        assert_eq!((offered(&none), accepted(&none)), (YesNoNa::No, YesNoNa::No));
        let tried = ReturnInterview { attempts: 1, ..required() };
        assert_eq!((offered(&tried), accepted(&tried)), (YesNoNa::Yes, YesNoNa::No));
    }

    #[test]
    fn an_absence_with_no_interview_required_is_na_even_if_recorded() {
        // Absences are recorded with required = false (DOMAIN.md: not required
        // unless the child asks for one).
        let absent = ReturnInterview { offered: Some(true), accepted: Some(true), attempts: 2, ..Default::default() };
        assert_eq!((offered(&absent), accepted(&absent)), (YesNoNa::Na, YesNoNa::Na));
        // The child asked: the interview is required and counts like any other.
        let asked = ReturnInterview { outcome: Some(RiOutcome::FaceToFace), ..required() };
        assert_eq!((offered(&asked), accepted(&asked)), (YesNoNa::Yes, YesNoNa::Yes));
    }

    #[test]
    fn a_recorded_answer_wins_over_the_derived_one() {
        let by_letter = ReturnInterview { offered: Some(true), ..required() };
        assert_eq!((offered(&by_letter), accepted(&by_letter)), (YesNoNa::Yes, YesNoNa::No));
        let said_no = ReturnInterview { accepted: Some(false), ..with_outcome(RiOutcome::FaceToFace) };
        assert_eq!(accepted(&said_no), YesNoNa::No);
        assert_eq!(offered(&said_no), YesNoNa::Yes);
    }

    #[test]
    fn a_completion_recorded_without_its_outcome_was_offered_but_not_known_accepted() {
        let t = crate::domain::time::parse_instant("2026-05-01 10:00").expect("time");
        let ri = ReturnInterview { completed_at: Some(t), ..required() };
        assert_eq!((offered(&ri), accepted(&ri)), (YesNoNa::Yes, YesNoNa::No));
    }

    #[test]
    fn codes_are_the_national_y_n_na() {
        let codes: Vec<&str> = YesNoNa::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(codes, ["Y", "N", "NA"]);
    }
}
