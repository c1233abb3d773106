//! The young person screen drawn into a TestBackend for synthetic children,
//! at a fixed "now" (Tuesday 10 November 2026, 14:00 GMT).

use super::*;
use crate::domain::codes::{
    AttemptMethod, AttemptOutcome, CaseStatus, Cohort, MeetingRecord, MissingFrom, Reason, Sex,
};
use crate::domain::record::{
    Attempt, CaseEpisode, Circumstances, Episode, Person, PersonRecord, Placement, Profile, ReturnInterview,
    StrategyMeeting,
};
use crate::domain::time::parse_instant;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;

const NOW: &str = "2026-11-10 14:00";

fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

fn person(person_ref: &str, given: &str, family: &str) -> Person {
    Person {
        person_ref: person_ref.into(),
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: NaiveDate::from_ymd_opt(2010, 5, 1).expect("date"),
        sex: Some(Sex::F),
        responsible_la: "Northshire".into(),
        placement_la: "Northshire".into(),
        case_status: CaseStatus::ChildInCare,
        cse_strategy: true,
        cce_risk: false,
        lead_professional: Some("Lee Lead".into()),
        team: Some("North CiC".into()),
    }
}

/// An episode of the synthetic child from a council home, with a required,
/// unassigned interview and nothing else recorded.
fn line(id: i64, episode_ref: &str, missing: &str, returned: Option<&str>) -> EpisodeLine {
    EpisodeLine {
        episode_id: id,
        case: CaseEpisode {
            person_ref: "T0012".into(),
            name: "Alex Smith".into(),
            episode: Episode {
                episode_ref: episode_ref.into(),
                missing_at: at(missing),
                returned_at: returned.map(at),
                kind: EpisodeKind::Missing,
                missing_from: MissingFrom::LaHome,
                missing_from_name: Some("Willows".into()),
                police_ref: Some(format!("NP-{episode_ref}")),
                risk: Some(Risk::Medium),
                exploitation: Vec::new(),
                at_the_time: Circumstances {
                    case_status: CaseStatus::ChildInCare,
                    cse_strategy: true,
                    cce_risk: false,
                    responsible_la: "Northshire".into(),
                    placement_la: "Northshire".into(),
                    cohort: Cohort::Local,
                    lead_professional: Some("Lee Lead".into()),
                    team: Some("North CiC".into()),
                },
            },
            interview: ReturnInterview { required: true, ..ReturnInterview::default() },
            meeting: StrategyMeeting::default(),
            child_missing_since: None,
        },
        where_found: None,
        found_with: None,
        attempts: Vec::new(),
        not_required_reason: None,
        signoff: Signoff::Pending,
        signed_off: None,
        meeting_note: None,
        risk_grades: Vec::new(),
    }
}

/// Alex Smith (synthetic): missing now; an earlier return with its interview
/// overdue; one interview completed from carers after two attempts, with a
/// strategy meeting held; an absence needing no interview; and an episode
/// from before the sparkline's year.
fn alex() -> PersonPage {
    let mut open = line(5, "E5", "2026-11-09 21:30", None);
    open.case.episode.risk = Some(Risk::High);

    let mut overdue = line(4, "E4", "2026-11-01 19:00", Some("2026-11-02 09:00"));
    overdue.case.interview.worker = Some("Sam Worker".into());
    overdue.case.interview.attempts = 1;
    overdue.attempts = vec![Attempt::default()];
    overdue.where_found = Some("A friend's flat".into());
    overdue.found_with = Some("Two older males".into());

    let mut done = line(3, "E3", "2026-09-10 18:00", Some("2026-09-14 12:00"));
    done.case.interview = ReturnInterview {
        required: true,
        worker: Some("Pat Runaways".into()),
        attempts: 2,
        completed_at: Some(at("2026-09-17 11:00")),
        outcome: Some(RiOutcome::FromCarers),
        reasons: vec![Reason::Friends, Reason::Cse],
        ..ReturnInterview::default()
    };
    done.attempts = vec![
        Attempt {
            at: Some(at("2026-09-15 16:00")),
            method: Some(AttemptMethod::FaceToFace),
            outcome: Some(AttemptOutcome::NotSeen),
        },
        Attempt {
            at: Some(at("2026-09-16 10:00")),
            method: Some(AttemptMethod::FaceToFace),
            outcome: Some(AttemptOutcome::Declined),
        },
    ];
    done.signoff = Signoff::Approved;
    done.where_found = Some("Bus station".into());
    done.found_with = Some("Alone".into());
    done.case.meeting = StrategyMeeting { record: Some(MeetingRecord::Held), meeting_at: Some(at("2026-09-12 10:00")) };
    done.meeting_note = Some("Police, CSE team and carers attended".into());

    let mut absent = line(2, "E2", "2026-06-20 22:00", Some("2026-06-21 01:00"));
    absent.case.episode.kind = EpisodeKind::Absent;
    absent.case.episode.risk = None;
    absent.case.interview.required = false;
    absent.not_required_reason = Some("Away without authorisation; no interview asked for".into());

    let mut old = line(1, "E1", "2025-03-02 20:00", Some("2025-03-03 08:00"));
    old.case.interview.completed_at = Some(at("2025-03-04 10:00"));
    old.case.interview.outcome = Some(RiOutcome::FaceToFace);

    PersonPage {
        id: 1,
        version: 3,
        record: PersonRecord {
            person: person("T0012", "Alex", "Smith"),
            profile: Profile {
                vulnerability: Some("Exploitation concerns; county lines".into()),
                placement: Some(Placement { kind: MissingFrom::LaHome, name: "Willows".into() }),
                school: Some("Northshire Academy, Year 11".into()),
                ..Profile::default()
            },
        },
        cohort: Some(Cohort::Local),
        episodes: vec![open, overdue, done, absent, old],
        rules: Rules::default(),
        actions: Vec::new(),
        reviews: Vec::new(),
    }
}

/// Jo Example (synthetic): known to the service, never missing.
fn jo() -> PersonPage {
    let mut p = person("T0099", "Jo", "Example");
    p.sex = None;
    p.cse_strategy = false;
    p.case_status = CaseStatus::EarlyHelp;
    p.lead_professional = None;
    p.team = None;
    PersonPage {
        id: 2,
        version: 1,
        record: PersonRecord { person: p, profile: Profile::default() },
        cohort: None,
        episodes: Vec::new(),
        rules: Rules::default(),
        actions: Vec::new(),
        reviews: Vec::new(),
    }
}

fn draw(page: &PersonPage, selected: usize, width: u16, height: u16, theme: Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(page, at(NOW), selected, None, &theme, f, f.area())).expect("draw");
    terminal
}

fn text(page: &PersonPage, selected: usize, width: u16, height: u16) -> String {
    draw(page, selected, width, height, Theme::plain()).backend().to_string()
}

#[test]
fn a_child_with_every_kind_of_episode_80x24() {
    insta::assert_snapshot!(draw(&alex(), 2, 80, 24, Theme::plain()).backend());
}

#[test]
fn a_child_with_every_kind_of_episode_120x40() {
    insta::assert_snapshot!(draw(&alex(), 2, 120, 40, Theme::plain()).backend());
}

#[test]
fn the_open_episode_selected_80x24() {
    insta::assert_snapshot!(draw(&alex(), 0, 80, 24, Theme::plain()).backend());
}

#[test]
fn the_overdue_interview_selected_120x40() {
    insta::assert_snapshot!(draw(&alex(), 1, 120, 40, Theme::plain()).backend());
}

#[test]
fn a_child_with_no_episodes_80x24() {
    insta::assert_snapshot!(draw(&jo(), 0, 80, 24, Theme::plain()).backend());
}

#[test]
fn the_counts_are_written_out_not_only_drawn() {
    let screen = text(&alex(), 0, 80, 24);
    assert!(screen.contains("Episodes, Dec 2025 – Nov 2026: 4"), "{screen}");
    assert!(screen.contains("5 recorded in all"), "{screen}");
    assert!(screen.contains("D  J  F  M  A  M  J  J  A  S  O  N"), "{screen}");
    assert!(screen.contains("0  0  0  0  0  0  1  0  0  1  0  2"), "{screen}");
}

#[test]
fn the_selection_is_reversed_and_pointed_at_without_colour() {
    let terminal = draw(&alex(), 1, 80, 24, Theme::plain());
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height).find(|&y| buffer[(0, y)].symbol() == "▶").expect("a row is pointed at");
    let cells: String = (0..buffer.area.width).map(|x| buffer[(x, row)].symbol()).collect();
    assert!(cells.contains("01/11 19:00") && cells.contains("OVERDUE 5d 5h"), "{cells}");
    assert!(buffer[(2, row)].modifier.contains(Modifier::REVERSED));
    // Overdue and still missing rows are bold, not only red.
    assert!(buffer[(2, row)].modifier.contains(Modifier::BOLD));
}

#[test]
fn with_colour_off_nothing_is_coloured() {
    let terminal = draw(&alex(), 2, 120, 40, Theme::plain());
    let buffer = terminal.backend().buffer();
    assert!(buffer.content().iter().all(|c| c.fg == ratatui::style::Color::Reset), "no foreground colour");
    let coloured = draw(&alex(), 2, 120, 40, Theme { color: true });
    assert!(coloured.backend().buffer().content().iter().any(|c| c.fg != ratatui::style::Color::Reset));
}

#[test]
fn the_app_body_at_80x21_still_shows_the_selection_and_its_interview() {
    // The app gives a screen its terminal less three bars.
    for selected in 0..5 {
        let screen = text(&alex(), selected, 80, 21);
        assert!(screen.contains("▶"), "selection {selected} in view:\n{screen}");
        assert!(screen.contains("Return interview"), "{screen}");
    }
}

#[test]
fn a_selection_past_the_end_shows_the_last_episode_and_tiny_areas_do_not_panic() {
    let screen = text(&alex(), 99, 80, 24);
    assert!(screen.contains(" Episode E1 ─"), "{screen}");
    for (w, h) in [(1, 1), (20, 5), (80, 8), (200, 3)] {
        text(&alex(), 0, w, h);
        text(&jo(), 0, w, h);
    }
    let mut terminal = Terminal::new(TestBackend::new(10, 10)).expect("terminal");
    terminal
        .draw(|f| render(&alex(), at(NOW), 0, None, &Theme::plain(), f, Rect::new(2, 2, 0, 0)))
        .expect("empty area");
}

#[test]
fn cells_say_where_each_interview_stands() {
    let page = alex();
    let now = at(NOW);
    let state = |i: usize| ri_text(&ri_state(&page.episodes[i].case, now, &page.rules), &page.rules);
    assert_eq!(state(0), "due 72h after return");
    assert_eq!(state(1), "OVERDUE 5d 5h");
    assert_eq!(state(2), "done 17/09 (from carers)");
    assert_eq!(state(3), "not required");
    let mut late = page.episodes[2].case.clone();
    late.interview.completed_at = Some(at("2026-09-17 12:01"));
    assert_eq!(ri_text(&ri_state(&late, now, &page.rules), &page.rules), "done late 17/09 (from carers)");
    let mut soon = page.episodes[1].case.clone();
    soon.episode.returned_at = Some(at("2026-11-10 08:48"));
    assert_eq!(ri_text(&ri_state(&soon, now, &page.rules), &page.rules), "due in 2d 18h");
}

#[test]
fn the_meeting_column_is_the_strategy_lists_status_cell() {
    assert_eq!(crate::io::cells::STRATEGY_HEADERS[STRATEGY_STATUS_CELL], "Status");
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

/// Alex (synthetic) after two MPMG meetings: an action overdue, one due
/// today, one open with no meeting and no one named, and one done; in the
/// order the store reads them.
fn alex_with_actions() -> PersonPage {
    use crate::domain::mpmg_review::Action;
    use crate::store::edit::Stamped;
    use crate::store::{AgreedAction, MeetingRef};
    let september = MeetingRef { id: 1, held_on: day(2026, 10, 8), month: (2026, 9) };
    let october = MeetingRef { id: 2, held_on: day(2026, 11, 5), month: (2026, 10) };
    let action = |id, meeting, what: &str, who: Option<&str>, due, done| Stamped {
        id,
        version: 1,
        value: AgreedAction {
            person_id: 1,
            meeting,
            action: Action { what: what.into(), who: who.map(str::to_string), due_on: due, done_on: done },
        },
    };
    let mut page = alex();
    page.actions = vec![
        action(
            11,
            Some(september),
            "Share the safety plan with carers and the school",
            Some("Sam Worker"),
            Some(day(2026, 11, 3)),
            None,
        ),
        action(
            12,
            Some(october),
            "Return home visit with Alex and carers",
            Some("Pat Runaways"),
            Some(day(2026, 11, 10)),
            None,
        ),
        action(
            13,
            None,
            "Referral to the CSE team for a strategy discussion about the older males Alex was found with",
            None,
            Some(day(2026, 11, 30)),
            None,
        ),
        action(
            14,
            Some(september),
            "Police to share what they know of the addresses",
            Some("PC Example"),
            Some(day(2026, 10, 20)),
            Some(day(2026, 10, 18)),
        ),
    ];
    page.reviews = vec![october, september];
    page
}

fn draw_actions(page: &PersonPage, action: Option<usize>, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|f| render(page, at(NOW), 2, action, &Theme::plain(), f, f.area())).expect("draw");
    terminal
}

#[test]
fn a_child_with_mpmg_actions_80x24() {
    insta::assert_snapshot!(draw_actions(&alex_with_actions(), None, 80, 24).backend());
}

#[test]
fn the_overdue_action_selected_80x24() {
    insta::assert_snapshot!(draw_actions(&alex_with_actions(), Some(0), 80, 24).backend());
}

#[test]
fn the_done_action_selected_120x40() {
    insta::assert_snapshot!(draw_actions(&alex_with_actions(), Some(3), 120, 40).backend());
}

#[test]
fn an_overdue_action_says_so_in_words_and_in_bold_without_colour() {
    let terminal = draw_actions(&alex_with_actions(), None, 80, 24);
    let buffer = terminal.backend().buffer();
    let row = (0..buffer.area.height)
        .find(|&y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().contains("OVERDUE 7d"))
        .expect("the overdue action is shown with the word");
    assert!(buffer[(2, row)].modifier.contains(Modifier::BOLD));
    assert_eq!(buffer[(2, row)].fg, ratatui::style::Color::Reset);
    let screen = terminal.backend().to_string();
    assert!(screen.contains("MPMG actions: 3 open (1 OVERDUE), 1 done · reviewed Oct 2026, Sep 2026"), "{screen}");
}

#[test]
fn only_the_list_with_the_selection_points_at_a_row() {
    let pointers =
        |action| draw_actions(&alex_with_actions(), action, 80, 24).backend().to_string().matches('▶').count();
    assert_eq!(pointers(None), 1);
    assert_eq!(pointers(Some(1)), 1);
    let screen = draw_actions(&alex_with_actions(), Some(1), 80, 24).backend().to_string();
    assert!(screen.contains("▶ due today"), "{screen}");
    assert!(screen.contains(" MPMG action ─"), "the detail is the action's: {screen}");
}

#[test]
fn the_actions_list_scrolls_to_the_selected_one_and_a_review_alone_is_one_line() {
    let screen = draw_actions(&alex_with_actions(), Some(3), 80, 24).backend().to_string();
    assert!(screen.contains("▶ done 18/10"), "{screen}");
    let mut reviewed = jo();
    reviewed.reviews = alex_with_actions().reviews;
    let screen = text(&reviewed, 0, 80, 24);
    assert!(screen.contains("MPMG actions: no actions (+ adds one) · reviewed Oct 2026, Sep 2026"), "{screen}");
    for (w, h) in [(1, 1), (20, 5), (80, 8), (200, 3)] {
        for focus in [None, Some(0), Some(99)] {
            draw_actions(&alex_with_actions(), focus, w, h);
        }
    }
}

/// Issue 8.27: Started and Returned read alike, the year on both when it is
/// not this one (the returned time had no year).
#[test]
fn started_and_returned_both_show_a_year_that_is_not_this_one() {
    let screen = text(&alex(), 0, 120, 40);
    assert!(screen.contains("02/03/2025 20:00 03/03/2025 08:00"), "{screen}");
    assert!(screen.contains("01/11 19:00      02/11 09:00"), "this year's have none\n{screen}");
}
