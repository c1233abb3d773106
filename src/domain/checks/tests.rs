//! Each rule at its edges: equal times allowed, one minute either side refused.

use super::*;
use crate::domain::codes::{AttemptMethod, AttemptOutcome, CaseStatus, MeetingRecord, RiOutcome, Sex, Signoff};
use crate::domain::record::{Attempt, Person, ReturnInterview};
use crate::domain::sequence::Span;
use crate::domain::testkit::at;
use chrono::NaiveDate;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

fn fields(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().filter(|p| p.blocking).map(|p| p.field).collect()
}

fn child(dob: NaiveDate) -> Person {
    Person {
        person_ref: "T100".into(),
        given_name: "Alex".into(),
        family_name: "Smith".into(),
        date_of_birth: dob,
        sex: Some(Sex::F),
        responsible_la: "Northshire".into(),
        placement_la: "Northshire".into(),
        case_status: CaseStatus::ChildInCare,
        cse_strategy: false,
        cce_risk: false,
        lead_professional: None,
        team: None,
    }
}

fn ctx(today: NaiveDate) -> PersonContext {
    PersonContext { today, authority: "Northshire".into(), ref_taken_by: None, first_episode: None }
}

#[test]
fn a_complete_person_has_no_problems() {
    assert_eq!(person(&child(date(2010, 4, 1)), &ctx(date(2026, 3, 30))), []);
}

#[test]
fn names_and_reference_are_required() {
    let mut p = child(date(2010, 4, 1));
    p.given_name = " ".into();
    p.family_name = String::new();
    p.person_ref = String::new();
    assert_eq!(fields(&person(&p, &ctx(date(2026, 3, 30)))), ["person_ref", "given_name", "family_name"]);
}

#[test]
fn a_reference_another_child_has_is_refused() {
    let mut c = ctx(date(2026, 3, 30));
    c.ref_taken_by = Some("Billie Sample".into());
    let problems = person(&child(date(2010, 4, 1)), &c);
    assert_eq!(fields(&problems), ["person_ref"]);
    assert!(problems[0].message.contains("Billie Sample"), "{}", problems[0].message);
}

#[test]
fn born_today_is_fine_tomorrow_is_the_future() {
    let today = date(2026, 3, 30);
    assert_eq!(person(&child(today), &ctx(today)), []);
    assert_eq!(fields(&person(&child(date(2026, 3, 31)), &ctx(today))), ["date_of_birth"]);
}

#[test]
fn exactly_25_years_ago_is_allowed_a_day_more_is_not() {
    let today = date(2026, 3, 30);
    assert_eq!(person(&child(date(2001, 3, 30)), &ctx(today)), []);
    let problems = person(&child(date(2001, 3, 29)), &ctx(today));
    assert_eq!(fields(&problems), ["date_of_birth"]);
    assert!(problems[0].message.contains("more than 25 years"), "{}", problems[0].message);
}

#[test]
fn a_29_february_birthday_turns_25_on_28_february_in_a_common_year() {
    let dob = date(2004, 2, 29);
    assert_eq!(person(&child(dob), &ctx(date(2029, 2, 28))), []);
    assert_eq!(fields(&person(&child(dob), &ctx(date(2029, 3, 1)))), ["date_of_birth"]);
    // Today 29 February: 25 years back is 28 February (no 29th that year).
    assert_eq!(person(&child(date(2003, 2, 28)), &ctx(date(2028, 2, 29))), []);
    assert_eq!(fields(&person(&child(date(2003, 2, 27)), &ctx(date(2028, 2, 29)))), ["date_of_birth"]);
}

#[test]
fn born_after_their_first_episode_is_refused() {
    let mut c = ctx(date(2026, 3, 30));
    c.first_episode = Some(("E1".into(), at("2020-06-01 23:30")));
    assert_eq!(person(&child(date(2020, 6, 1)), &c), []);
    assert_eq!(fields(&person(&child(date(2020, 6, 2)), &c)), ["date_of_birth"]);
}

#[test]
fn a_child_neither_ours_nor_living_here_is_refused() {
    let mut p = child(date(2010, 4, 1));
    p.responsible_la = "Southby".into();
    p.placement_la = "Eastham".into();
    assert_eq!(fields(&person(&p, &ctx(date(2026, 3, 30)))), ["placement_la"]);
}

fn alex(episodes: &[(&str, &str, Option<&str>)]) -> ChildEpisodes {
    ChildEpisodes {
        name: "Alex Smith".into(),
        date_of_birth: date(2010, 4, 1),
        episodes: episodes.iter().map(|(k, s, e)| Span { key: k.to_string(), start: at(s), end: e.map(at) }).collect(),
    }
}

#[test]
fn an_episode_may_start_now_but_not_a_minute_later() {
    let now = at("2026-03-30 12:00");
    assert_eq!(new_episode(now, &alex(&[]), None, now), []);
    assert_eq!(fields(&new_episode(at("2026-03-30 12:01"), &alex(&[]), None, now)), ["missing_at"]);
}

#[test]
fn a_second_open_episode_is_refused_with_the_open_ones_details() {
    let now = at("2026-11-30 12:00");
    let problems = new_episode(at("2026-11-30 10:00"), &alex(&[("E123", "2026-11-28 09:30", None)]), None, now);
    assert_eq!(fields(&problems), ["missing_at"]);
    assert_eq!(
        problems[0].message,
        "Alex Smith is already missing since Sat 28 Nov 2026 09:30 GMT (E123); record them found first"
    );
}

#[test]
fn a_new_episode_may_start_as_the_last_ended_but_not_a_minute_before() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E1", "2026-03-29 08:00", Some("2026-03-29 20:00"))]);
    assert_eq!(new_episode(at("2026-03-29 20:00"), &child, None, now), []);
    let problems = new_episode(at("2026-03-29 19:59"), &child, None, now);
    assert_eq!(fields(&problems), ["missing_at"]);
    assert!(problems[0].message.contains("during Alex Smith's episode E1"), "{}", problems[0].message);
}

#[test]
fn a_new_open_episode_before_a_later_one_is_refused() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E2", "2026-03-29 08:00", Some("2026-03-29 20:00"))]);
    let problems = new_episode(at("2026-03-28 08:00"), &child, None, now);
    assert_eq!(fields(&problems), ["missing_at"]);
    assert!(problems[0].message.contains("later episode E2"), "{}", problems[0].message);
}

#[test]
fn missing_before_birth_is_refused_on_the_birthday_is_fine() {
    let now = at("2026-03-30 12:00");
    assert_eq!(new_episode(at("2010-04-01 00:00"), &alex(&[]), None, now), []);
    assert_eq!(fields(&new_episode(at("2010-03-31 23:59"), &alex(&[]), None, now)), ["missing_at"]);
}

#[test]
fn a_police_reference_used_before_is_only_a_warning() {
    let now = at("2026-03-30 12:00");
    let used = PoliceRefUse { police_ref: "NP-1".into(), episode_ref: "E9".into(), name: "Billie Sample".into() };
    let problems = new_episode(now, &alex(&[]), Some(&used), now);
    assert_eq!(problems.len(), 1);
    assert!(!problems[0].blocking);
    assert_eq!(problems[0].field, "police_ref");
    assert!(problems[0].message.contains("E9") && problems[0].message.contains("Billie Sample"));
}

#[test]
fn found_at_the_moment_missing_is_fine_a_minute_before_is_not() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E1", "2026-03-29 08:00", None)]);
    assert_eq!(found("E1", at("2026-03-29 08:00"), &child, None, now), []);
    let problems = found("E1", at("2026-03-29 07:59"), &child, None, now);
    assert_eq!(fields(&problems), ["returned_at"]);
    assert!(problems[0].message.contains("before the episode began"));
}

#[test]
fn found_now_is_fine_a_minute_later_is_the_future() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E1", "2026-03-29 08:00", None)]);
    assert_eq!(found("E1", now, &child, None, now), []);
    assert_eq!(fields(&found("E1", at("2026-03-30 12:01"), &child, None, now)), ["returned_at"]);
}

#[test]
fn found_must_be_by_the_time_the_next_episode_began() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E1", "2026-03-28 08:00", None), ("E2", "2026-03-29 08:00", Some("2026-03-29 09:00"))]);
    assert_eq!(found("E1", at("2026-03-29 08:00"), &child, None, now), []);
    let problems = found("E1", at("2026-03-29 08:01"), &child, None, now);
    assert_eq!(fields(&problems), ["returned_at"]);
    assert!(problems[0].message.contains("next episode E2"), "{}", problems[0].message);
}

#[test]
fn found_after_the_interview_began_is_refused() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E1", "2026-03-28 08:00", Some("2026-03-28 10:00"))]);
    assert_eq!(found("E1", at("2026-03-28 11:00"), &child, Some(at("2026-03-28 11:00")), now), []);
    assert_eq!(
        fields(&found("E1", at("2026-03-28 11:01"), &child, Some(at("2026-03-28 11:00")), now)),
        ["returned_at"]
    );
}

#[test]
fn an_edit_is_checked_against_the_other_episodes_only() {
    let now = at("2026-03-30 12:00");
    let child = alex(&[("E1", "2026-03-20 10:00", Some("2026-03-21 10:00")), ("E2", "2026-03-22 10:00", None)]);
    let none = Recorded::default();
    // E1 over its own old times, and E2 (open) moved within its own start.
    let e1 = |from: &str, to: &str| episode_edit("E1", at(from), Some(at(to)), &child, &none, None, now);
    assert_eq!(e1("2026-03-20 11:00", "2026-03-22 10:00"), []);
    assert_eq!(fields(&e1("2026-03-20 11:00", "2026-03-22 10:01")), ["returned_at"]);
    assert_eq!(episode_edit("E2", at("2026-03-21 10:00"), None, &child, &none, None, now), []);
    assert_eq!(fields(&episode_edit("E2", at("2026-03-21 09:59"), None, &child, &none, None, now)), ["missing_at"]);
    assert_eq!(episode_edit("E9", now, None, &child, &none, None, now), [], "no such episode: nothing to say");
}

#[test]
fn an_open_episode_stays_open_whatever_its_interview_records_only_re_opening_is_refused() {
    let now = at("2026-03-30 12:00");
    let begun = Recorded { attempts: 2, ..Recorded::default() };
    let open = alex(&[("E1", "2026-03-28 10:00", None)]);
    assert_eq!(episode_edit("E1", at("2026-03-28 09:00"), None, &open, &begun, None, now), []);
    let closed = alex(&[("E1", "2026-03-28 10:00", Some("2026-03-28 12:00"))]);
    let problems = episode_edit("E1", at("2026-03-28 10:00"), None, &closed, &begun, None, now);
    assert_eq!(fields(&problems), ["returned_at"]);
    assert!(problems[0].message.contains("2 attempts"), "{}", problems[0].message);
}

fn tried(method: Option<AttemptMethod>, outcome: Option<AttemptOutcome>) -> Attempt {
    Attempt { at: Some(at("2026-03-29 10:00")), method, outcome }
}

#[test]
fn an_interview_completed_exactly_at_the_return_is_fine_a_minute_before_is_not() {
    let back = Some(at("2026-03-29 08:00"));
    let now = at("2026-03-30 12:00");
    assert_eq!(completion(back, at("2026-03-29 08:00"), RiOutcome::FaceToFace, &[], now), []);
    let early = completion(back, at("2026-03-29 07:59"), RiOutcome::FaceToFace, &[], now);
    assert_eq!(fields(&early), ["completed_at"]);
    assert_eq!(completion(back, now, RiOutcome::Declined, &[], now), []);
    assert_eq!(fields(&completion(back, at("2026-03-30 12:01"), RiOutcome::Declined, &[], now)), ["completed_at"]);
}

#[test]
fn no_interview_is_completed_while_the_child_is_missing() {
    let now = at("2026-03-30 12:00");
    let problems = completion(None, now, RiOutcome::FaceToFace, &[], now);
    assert_eq!(fields(&problems), ["completed_at"]);
    assert!(problems[0].message.contains("found first"));
}

#[test]
fn from_carers_needs_two_failed_face_to_face_attempts() {
    let back = Some(at("2026-03-29 08:00"));
    let now = at("2026-03-30 12:00");
    let failed = tried(Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::NotSeen));
    let one = [failed.clone()];
    let problems = completion(back, now, RiOutcome::FromCarers, &one, now);
    assert_eq!(fields(&problems), ["outcome"]);
    assert!(problems[0].message.contains("1 recorded"), "{}", problems[0].message);
    let two = [failed.clone(), tried(None, None)];
    assert_eq!(completion(back, now, RiOutcome::FromCarers, &two, now), []);
}

#[test]
fn seen_and_phone_attempts_do_not_count_towards_from_carers() {
    let failed = tried(Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::Declined));
    let seen = tried(Some(AttemptMethod::FaceToFace), Some(AttemptOutcome::Seen));
    let phone = tried(Some(AttemptMethod::Phone), Some(AttemptOutcome::NotSeen));
    assert_eq!(failed_face_to_face(&[failed.clone(), seen, phone]), 1);
    let back = Some(at("2026-03-29 08:00"));
    let now = at("2026-03-30 12:00");
    let seen_too = [failed, tried(None, Some(AttemptOutcome::Seen))];
    assert_eq!(fields(&completion(back, now, RiOutcome::FromCarers, &seen_too, now)), ["outcome"]);
}

#[test]
fn not_required_is_not_a_completion_and_needs_a_reason() {
    let now = at("2026-03-30 12:00");
    let back = Some(at("2026-03-29 08:00"));
    assert_eq!(fields(&completion(back, now, RiOutcome::NotRequired, &[], now)), ["outcome"]);
    assert_eq!(fields(&not_required("  ")), ["not_required_reason"]);
    assert_eq!(not_required("absent: whereabouts known throughout"), []);
}

#[test]
fn an_attempt_needs_its_time_from_the_return_to_now() {
    let back = Some(at("2026-03-29 08:00"));
    let now = at("2026-03-30 12:00");
    let at_time = |t: &str| Attempt { at: Some(at(t)), ..Attempt::default() };
    assert_eq!(attempt(back, &at_time("2026-03-29 08:00"), now), []);
    assert_eq!(attempt(back, &at_time("2026-03-30 12:00"), now), []);
    assert_eq!(fields(&attempt(back, &at_time("2026-03-29 07:59"), now)), ["attempted_at"]);
    assert_eq!(fields(&attempt(back, &at_time("2026-03-30 12:01"), now)), ["attempted_at"]);
    assert_eq!(fields(&attempt(back, &Attempt::default(), now)), ["attempted_at"]);
    assert_eq!(fields(&attempt(None, &at_time("2026-03-30 10:00"), now)), ["attempted_at"]);
}

#[test]
fn only_a_concluded_interview_is_signed_off() {
    let mut ri = ReturnInterview { required: true, ..ReturnInterview::default() };
    assert_eq!(fields(&signoff(&ri, Signoff::Approved)), ["signoff"]);
    assert_eq!(signoff(&ri, Signoff::Pending), []);
    ri.outcome = Some(RiOutcome::NotRequired);
    assert_eq!(signoff(&ri, Signoff::Rework), []);
    ri.outcome = Some(RiOutcome::FaceToFace);
    assert_eq!(fields(&signoff(&ri, Signoff::Approved)), ["signoff"], "an outcome without its time");
    ri.completed_at = Some(at("2026-03-30 10:00"));
    assert_eq!(signoff(&ri, Signoff::Approved), []);
}

#[test]
fn a_held_meeting_needs_a_time_no_later_than_now() {
    let (start, now) = (at("2026-03-26 08:00"), at("2026-03-30 12:00"));
    assert_eq!(fields(&meeting(MeetingRecord::Held, None, None, start, None, now)), ["meeting_at"]);
    assert_eq!(meeting(MeetingRecord::Held, Some(now), None, start, None, now), []);
    assert_eq!(
        fields(&meeting(MeetingRecord::Held, Some(at("2026-03-30 12:01")), None, start, None, now)),
        ["meeting_at"]
    );
    assert_eq!(meeting(MeetingRecord::Held, Some(start), None, start, None, now), []);
    assert_eq!(
        fields(&meeting(MeetingRecord::Held, Some(at("2026-03-26 07:59")), None, start, None, now)),
        ["meeting_at"]
    );
}

#[test]
fn a_planned_meeting_needs_a_time_which_may_be_in_the_future() {
    let (start, now) = (at("2026-03-26 08:00"), at("2026-03-30 12:00"));
    assert_eq!(fields(&meeting(MeetingRecord::Planned, None, None, start, None, now)), ["meeting_at"]);
    assert_eq!(meeting(MeetingRecord::Planned, Some(at("2026-04-02 10:00")), None, start, None, now), []);
}

#[test]
fn not_held_needs_its_reason_and_not_needed_needs_the_child_back() {
    let (start, now) = (at("2026-03-26 08:00"), at("2026-03-30 12:00"));
    assert_eq!(fields(&meeting(MeetingRecord::NotHeld, None, Some(" "), start, None, now)), ["note"]);
    assert_eq!(fields(&meeting(MeetingRecord::NotHeld, None, None, start, None, now)), ["note"]);
    assert_eq!(meeting(MeetingRecord::NotHeld, None, Some("police closed it"), start, None, now), []);
    assert_eq!(fields(&meeting(MeetingRecord::NotNeeded, None, None, start, None, now)), ["status"]);
    assert_eq!(meeting(MeetingRecord::NotNeeded, None, None, start, Some(at("2026-03-27 08:00")), now), []);
}

#[test]
fn times_in_messages_carry_their_zone() {
    assert_eq!(when(at("2026-07-01 12:00")), "Wed 1 Jul 2026 12:00 BST");
    assert_eq!(when(at("2026-12-01 12:00")), "Tue 1 Dec 2026 12:00 GMT");
}
