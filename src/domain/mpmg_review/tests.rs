//! The MPMG rules at their edges: the allowed day passes, the next is refused.

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

/// Monday 30 March 2026.
fn today() -> NaiveDate {
    date(2026, 3, 30)
}

fn blocking(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().filter(|p| p.blocking).map(|p| p.field).collect()
}

fn warnings(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().filter(|p| !p.blocking).map(|p| p.field).collect()
}

fn action(due: Option<NaiveDate>, done: Option<NaiveDate>) -> Action {
    Action {
        what: "Share the safety plan with carers".into(),
        who: Some("Sam Worker".into()),
        due_on: due,
        done_on: done,
    }
}

fn meeting(held_on: NaiveDate, month: Month) -> MpmgMeeting {
    MpmgMeeting { held_on, month, attendees: Some("Police, YOS, CSE".into()), notes: None }
}

fn ctx() -> MeetingContext {
    MeetingContext { today: today(), month_taken: None, earliest_action_date: None }
}

#[test]
fn an_action_due_today_is_open_but_not_overdue_and_due_yesterday_is() {
    let a = action(Some(today()), None);
    assert!(a.is_open());
    assert!(!a.is_overdue(today()));
    assert_eq!(a.days_overdue(today()), None);
    let a = action(today().pred_opt(), None);
    assert!(a.is_overdue(today()));
    assert_eq!(a.days_overdue(today()), Some(1));
}

#[test]
fn a_done_action_or_one_with_no_date_is_never_overdue() {
    let done = action(Some(date(2026, 1, 1)), Some(date(2026, 3, 1)));
    assert!(!done.is_open());
    assert!(!done.is_overdue(today()));
    assert!(!action(None, None).is_overdue(today()));
    assert!(!overdue(None, None, today()));
    assert!(overdue(Some(date(2026, 3, 29)), None, today()));
}

#[test]
fn months_read_in_several_forms_and_write_one_way() {
    for text in ["2026-03", " 2026-3 ", "03/2026", "3/2026", "Mar 2026", "march 2026", "MARCH 2026"] {
        assert_eq!(parse_month(text), Ok((2026, 3)), "{text}");
    }
    for text in ["", "2026", "2026-13", "2026-00", "13/2026", "Ma 2026", "Mars 2026", "26-03", "March"] {
        let err = parse_month(text).expect_err(text);
        assert!(err.to_string().contains("is not a month"), "{err}");
    }
    assert_eq!(month_code((2026, 3)), "2026-03");
    assert_eq!(month_label((2026, 3)), "Mar 2026");
    assert_eq!(month_label((2026, 0)), "2026-00", "a month no calendar has does not panic");
    assert_eq!(month_before(date(2026, 1, 15)), (2025, 12));
    assert_eq!(first_day((2026, 2)), Some(date(2026, 2, 1)));
}

#[test]
fn a_complete_action_and_meeting_have_no_problems() {
    assert_eq!(check_action(&action(Some(date(2026, 4, 30)), None), Some(date(2026, 3, 10)), today()), []);
    assert_eq!(check_meeting(&meeting(date(2026, 3, 10), (2026, 2)), &ctx()), []);
}

#[test]
fn what_is_required_and_no_one_named_is_a_warning() {
    let mut a = action(None, None);
    a.what = "  ".into();
    a.who = Some(" ".into());
    let problems = check_action(&a, None, today());
    assert_eq!(blocking(&problems), ["what"]);
    assert_eq!(warnings(&problems), ["who"]);
}

#[test]
fn due_on_the_meeting_day_is_fine_the_day_before_is_refused() {
    let held = date(2026, 3, 10);
    assert_eq!(check_action(&action(Some(held), None), Some(held), today()), []);
    let problems = check_action(&action(held.pred_opt(), None), Some(held), today());
    assert_eq!(blocking(&problems), ["due_on"]);
    assert!(problems[0].message.contains("Mon 9 Mar 2026 is before the meeting"), "{}", problems[0].message);
    // Not tied to a meeting: any past due date is allowed (it is simply overdue).
    assert_eq!(check_action(&action(Some(date(2025, 1, 1)), None), None, today()), []);
}

#[test]
fn a_due_date_over_a_year_ahead_is_a_warning() {
    let limit = date(2027, 3, 31);
    assert_eq!(check_action(&action(Some(limit), None), None, today()), []);
    let problems = check_action(&action(limit.succ_opt(), None), None, today());
    assert_eq!((blocking(&problems), warnings(&problems)), (vec![], vec!["due_on"]));
}

#[test]
fn done_today_is_fine_tomorrow_is_the_future() {
    assert_eq!(check_action(&action(None, Some(today())), None, today()), []);
    let problems = check_action(&action(None, today().succ_opt()), None, today());
    assert_eq!(blocking(&problems), ["done_on"]);
    assert!(problems[0].message.contains("in the future"));
    assert_eq!(check_done(today(), None, today()), []);
}

#[test]
fn done_on_the_meeting_day_is_fine_the_day_before_is_refused() {
    let held = date(2026, 3, 10);
    assert_eq!(check_done(held, Some(held), today()), []);
    assert_eq!(blocking(&check_done(date(2026, 3, 9), Some(held), today())), ["done_on"]);
}

#[test]
fn a_meeting_may_be_recorded_six_weeks_ahead_not_a_day_more() {
    let limit = today().checked_add_days(Days::new(MAX_DAYS_AHEAD)).expect("date");
    assert_eq!(limit, date(2026, 5, 11));
    assert_eq!(check_meeting(&meeting(limit, (2026, 4)), &ctx()), []);
    let problems = check_meeting(&meeting(date(2026, 5, 12), (2026, 4)), &ctx());
    assert_eq!(blocking(&problems), ["held_on"]);
    assert!(problems[0].message.contains("more than 6 weeks ahead"), "{}", problems[0].message);
}

#[test]
fn a_meeting_can_review_its_own_month_but_not_a_later_one() {
    assert_eq!(check_meeting(&meeting(date(2026, 3, 1), (2026, 3)), &ctx()), []);
    let problems = check_meeting(&meeting(date(2026, 2, 28), (2026, 3)), &ctx());
    assert_eq!(blocking(&problems), ["month"]);
    assert!(problems[0].message.contains("cannot review Mar 2026"), "{}", problems[0].message);
}

#[test]
fn a_month_twelve_months_back_is_fine_thirteen_is_a_warning() {
    assert_eq!(check_meeting(&meeting(date(2026, 3, 10), (2025, 3)), &ctx()), []);
    let problems = check_meeting(&meeting(date(2026, 3, 10), (2025, 2)), &ctx());
    assert_eq!((blocking(&problems), warnings(&problems)), (vec![], vec!["month"]));
}

#[test]
fn each_month_has_one_meeting() {
    let c = MeetingContext { month_taken: Some(date(2026, 3, 12)), ..ctx() };
    let problems = check_meeting(&meeting(date(2026, 3, 10), (2026, 2)), &c);
    assert_eq!(blocking(&problems), ["month"]);
    assert!(problems[0].message.contains("Feb 2026 already has its meeting (held Thu 12 Mar 2026)"));
}

#[test]
fn a_meeting_cannot_move_after_the_actions_it_agreed() {
    let c = MeetingContext { earliest_action_date: Some(date(2026, 3, 10)), ..ctx() };
    assert_eq!(check_meeting(&meeting(date(2026, 3, 10), (2026, 2)), &c), []);
    assert_eq!(blocking(&check_meeting(&meeting(date(2026, 3, 11), (2026, 2)), &c)), ["held_on"]);
}
