//! The pack on a real file of synthetic children: what it gathers, and both
//! renderers (escaping, an empty month, overdue actions, an open episode).

use super::document::{Block, Table, document};
use super::*;
use crate::domain::codes::{CaseStatus, EpisodeKind, MissingFrom, Reason, RiOutcome, Risk, Sex};
use crate::domain::mpmg_review::Action;
use crate::domain::record::{Circumstances, Episode, Person, Placement, Profile, ReturnInterview, StrategyMeeting};
use crate::domain::time::parse_instant;
use crate::store::ImportItem;

/// The meeting's "now": Tuesday 10 November 2026, noon.
const NOW: &str = "2026-11-10 12:00";

/// A name with everything Markdown and HTML would read as markup.
const GIVEN: &str = "Zoë <b>";
const FAMILY: &str = "O'Neil & \"Co\" | *x*";

fn at(s: &str) -> Instant {
    parse_instant(s).expect("test time")
}

fn day(s: &str) -> NaiveDate {
    crate::domain::time::parse_date(s).expect("test date")
}

fn october() -> YearMonth {
    YearMonth::parse("2026-10").expect("month")
}

fn person(person_ref: &str, given: &str, family: &str, status: CaseStatus) -> Person {
    Person {
        person_ref: person_ref.into(),
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: day("2011-02-01"),
        sex: Some(Sex::F),
        responsible_la: "Northshire".into(),
        placement_la: "Northshire".into(),
        case_status: status,
        cse_strategy: false,
        cce_risk: false,
        lead_professional: Some("Lee Lead".into()),
        team: Some("North CiC".into()),
    }
}

fn item(p: &Person, episode_ref: &str, missing: &str, returned: Option<&str>) -> ImportItem {
    let episode = Episode {
        episode_ref: episode_ref.into(),
        missing_at: at(missing),
        returned_at: returned.map(at),
        kind: EpisodeKind::Missing,
        missing_from: MissingFrom::LaHome,
        missing_from_name: Some("Willows".into()),
        police_ref: None,
        risk: Some(Risk::Medium),
        exploitation: Vec::new(),
        at_the_time: Circumstances {
            case_status: p.case_status,
            cse_strategy: p.cse_strategy,
            cce_risk: false,
            responsible_la: p.responsible_la.clone(),
            placement_la: p.placement_la.clone(),
            cohort: crate::domain::codes::Cohort::Local,
            lead_professional: p.lead_professional.clone(),
            team: p.team.clone(),
        },
    };
    ImportItem {
        person: p.clone(),
        episode,
        interview: ReturnInterview { required: true, ..ReturnInterview::default() },
        meeting: StrategyMeeting::default(),
        update_person: true,
    }
}

/// Three children in October 2026:
/// - Z (the awkward name), in care, three episodes: an interview done in
///   time with reasons, one overdue, and an absence; a profile; a meeting
///   with two open actions (one overdue) and one done;
/// - M, in care, still missing since 30 October;
/// - C, not in care, one episode: in the top 10, not reviewed.
fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_or_create(&dir.path().join("pack.sqlite")).expect("create");
    store.set_authority("Northshire").expect("authority");
    let z = person("Z1", GIVEN, FAMILY, CaseStatus::ChildInCare);
    let mut done = item(&z, "Z-1", "2026-10-02 20:00", Some("2026-10-03 08:00"));
    done.interview = ReturnInterview {
        required: true,
        worker: Some("Sam Worker".into()),
        attempts: 1,
        completed_at: Some(at("2026-10-05 10:00")),
        outcome: Some(RiOutcome::FaceToFace),
        reasons: vec![Reason::Friends, Reason::Drugs],
        ..ReturnInterview::default()
    };
    let overdue = item(&z, "Z-2", "2026-10-12 21:00", Some("2026-10-13 03:00"));
    let mut absent = item(&z, "Z-3", "2026-10-20 22:00", Some("2026-10-21 01:00"));
    absent.episode.kind = EpisodeKind::Absent;
    absent.interview.required = false;
    let m = person("M1", "Max", "Open", CaseStatus::ChildInCare);
    let open = item(&m, "M-1", "2026-10-30 12:00", None);
    let c = person("C1", "Cal", "Notincare", CaseStatus::ChildInNeed);
    let mut other = item(&c, "C-1", "2026-10-05 10:00", Some("2026-10-05 20:00"));
    other.episode.missing_from = MissingFrom::Home;
    other.episode.missing_from_name = None;
    // Earlier episodes of Z's, for the history: one in August, one before the twelve months.
    let august = item(&z, "Z-0", "2026-08-15 10:00", Some("2026-08-15 12:00"));
    let long_ago = item(&z, "Z-00", "2025-10-15 10:00", Some("2025-10-15 12:00"));
    store.import(&[long_ago, august, done, overdue, absent, open, other]).expect("import");

    let today = day("2026-11-10");
    let id = store.person_id_by_ref("Z1").expect("read").expect("Z1");
    let read = store.person(id).expect("person");
    let mut record = read.value.clone();
    record.profile = Profile {
        vulnerability: Some("Exploitation risk <high>".into()),
        placement: Some(Placement { kind: MissingFrom::LaHome, name: "Willows".into() }),
        school: Some("Northshire Academy".into()),
        ..Profile::default()
    };
    store.update_person(id, read.version, &record, today).expect("profile");
    let meeting = crate::domain::mpmg_review::MpmgMeeting {
        held_on: day("2026-11-05"),
        month: (2026, 10),
        attendees: Some("Police & \"YOS\" <chair>".into()),
        notes: None,
    };
    let (meeting_id, _) = store.add_mpmg_meeting(&meeting, today).expect("meeting");
    let action = |what: &str, due: &str, done: Option<&str>| Action {
        what: what.into(),
        who: Some("Lee Lead".into()),
        due_on: Some(day(due)),
        done_on: done.map(day),
    };
    for a in [
        action("Safety plan | <script>alert(1)</script>", "2026-11-07", None),
        action("Return home visit", "2026-11-20", None),
        action("Strategy meeting", "2026-11-06", Some("2026-11-06")),
    ] {
        store.add_action(id, Some(meeting_id), &a, today).expect("action");
    }
    (dir, store)
}

fn pack() -> Pack {
    let (_dir, store) = store();
    Pack::gather(&store, october(), at(NOW)).expect("pack")
}

fn markdown(pack: &Pack) -> String {
    let mut out = Vec::new();
    write_markdown(pack, &mut out).expect("write");
    String::from_utf8(out).expect("utf8")
}

fn html(pack: &Pack) -> String {
    let mut out = Vec::new();
    write_html(pack, &mut out).expect("write");
    String::from_utf8(out).expect("utf8")
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .flat_map(|b| match b {
            Block::Table(t) => vec![t],
            Block::Child { head, body } => tables(head).into_iter().chain(tables(body)).collect(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn the_pack_gathers_the_cohort_with_each_childs_month() {
    let p = pack();
    assert_eq!(p.authority, "Northshire");
    let refs: Vec<&str> = p.children.iter().map(|c| c.row.person_ref.as_str()).collect();
    assert_eq!(refs, ["Z1", "M1"], "the cohort's order; C1 is not in care and went missing once");
    let z = &p.children[0];
    // The month's episodes only, oldest first.
    let episodes: Vec<&str> = z.month_episodes.iter().map(|e| e.case.episode.episode_ref.as_str()).collect();
    assert_eq!(episodes, ["Z-1", "Z-2", "Z-3"]);
    assert_eq!(z.open_actions.len(), 2);
    assert_eq!(z.done_actions, 1);
    assert_eq!(z.open_actions[0].action.due_on, Some(day("2026-11-07")), "the overdue one leads");
    // November 2025 to October 2026: October 2025 is outside, August has one.
    assert_eq!(z.history, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 3]);
    assert_eq!(z.top_rank, Some(1));
    assert_eq!(z.record.profile.school.as_deref(), Some("Northshire Academy"));
    assert_eq!(z.reviews.len(), 1);
    assert!(p.meeting.is_some());
    assert!(p.children[1].missing_now.is_some());
    assert!(z.missing_now.is_none());
}

#[test]
fn the_summary_counts_the_cohort_its_interviews_and_actions() {
    let s = pack().summary();
    assert_eq!(
        s,
        Summary {
            children: 2,
            in_care: 2,
            many_times: 1,
            episodes: 4,
            // Z: 12 + 6 + 3 hours; M: from 30 October 12:00 to the end of October.
            hours: 21 + 36,
            still_missing: 1,
            // Z-2 alone: Z-1 was done in time, Z-3 was an absence, M-1 is still out.
            interviews_overdue: 1,
            top: 3,
            persistent: 1,
            open_actions: 2,
            overdue_actions: 1,
        }
    );
}

#[test]
fn as_of_an_earlier_moment_later_things_have_not_happened() {
    let (_dir, store) = store();
    let p = Pack::gather(&store, october(), at("2026-10-15 12:00")).expect("pack");
    let z = &p.children[0];
    assert_eq!(z.month_episodes.len(), 2, "the 20 October absence is still to come");
    assert!(p.children.iter().all(|c| c.row.person_ref != "M1"), "Max went missing on 30 October");
}

/// Three children in October 2026, for "missing now" and "reviewed this month":
/// - A1, in care, three October episodes all closed, then missing again on
///   8 November (back only on 20 November, after the pack's now): reviewed
///   at September's meeting, not October's;
/// - B1, not in care, three October episodes, all closed: reviewed at October's meeting;
/// - C1, in care, missing from 25 October until 12 November (after now).
fn missing_now_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_or_create(&dir.path().join("now.sqlite")).expect("create");
    store.set_authority("Northshire").expect("authority");
    let a = person("A1", "Ada", "Later", CaseStatus::ChildInCare);
    let b = person("B1", "Bea", "Back", CaseStatus::ChildInNeed);
    let c = person("C1", "Cy", "Inmonth", CaseStatus::ChildInCare);
    let items = vec![
        item(&a, "A-1", "2026-10-02 20:00", Some("2026-10-03 12:00")),
        item(&a, "A-2", "2026-10-09 20:00", Some("2026-10-10 08:00")),
        item(&a, "A-3", "2026-10-16 20:00", Some("2026-10-17 08:00")),
        item(&a, "A-4", "2026-11-08 10:00", Some("2026-11-20 10:00")),
        item(&b, "B-1", "2026-10-04 20:00", Some("2026-10-05 08:00")),
        item(&b, "B-2", "2026-10-11 20:00", Some("2026-10-12 08:00")),
        item(&b, "B-3", "2026-10-18 20:00", Some("2026-10-19 08:00")),
        item(&c, "C-1", "2026-10-25 10:00", Some("2026-11-12 10:00")),
    ];
    // Recorded on 27 November: the returns after the pack's now are in the file.
    store.import(&items).expect("import");
    let today = day("2026-11-27");
    let meeting = |held: &str, month| crate::domain::mpmg_review::MpmgMeeting {
        held_on: day(held),
        month,
        attendees: None,
        notes: None,
    };
    let (september, _) = store.add_mpmg_meeting(&meeting("2026-10-05", (2026, 9)), today).expect("september");
    let (october, _) = store.add_mpmg_meeting(&meeting("2026-11-05", (2026, 10)), today).expect("october");
    let id = |r: &str| store.person_id_by_ref(r).expect("read").expect("child");
    let (a, b) = (id("A1"), id("B1"));
    store.set_reviewed(september, a, true).expect("A at September's");
    store.set_reviewed(october, b, true).expect("B at October's");
    (dir, store)
}

#[test]
fn missing_now_is_from_any_of_the_childs_episodes_as_of_the_packs_now() {
    let (_dir, store) = missing_now_store();
    let p = Pack::gather(&store, october(), at(NOW)).expect("pack");
    let refs: Vec<&str> = p.children.iter().map(|c| c.row.person_ref.as_str()).collect();
    assert_eq!(refs, ["A1", "B1", "C1"]);
    let missing: Vec<Option<&str>> =
        p.children.iter().map(|c| c.missing_now.as_ref().map(|m| m.episode_ref.as_str())).collect();
    // A: from November's episode; B: back from all of them; C: from October's, back only after now.
    assert_eq!(missing, [Some("A-4"), None, Some("C-1")]);
    assert_eq!(p.summary().still_missing, 2);
    let md = markdown(&p);
    assert!(md.contains("- **Missing now:** **2 of the 3 children to review**"), "{md}");
    assert!(md.contains("**MISSING NOW** (since Sun 08/11 10:00, episode A-4)"), "{md}");
    assert!(md.contains("**MISSING NOW** (since Sun 25/10 10:00)"), "{md}");
    assert_eq!(md.matches("**MISSING NOW**").count(), 2, "{md}");
    // As of 21 November, all three are back.
    let later = Pack::gather(&store, october(), at("2026-11-21 12:00")).expect("pack");
    assert!(later.children.iter().all(|c| c.missing_now.is_none()));
    assert_eq!(later.summary().still_missing, 0);
    // As of 8 November 09:00, A's November episode has not begun; C is out.
    let before = Pack::gather(&store, october(), at("2026-11-08 09:00")).expect("pack");
    assert_eq!(before.summary().still_missing, 1);
}

#[test]
fn reviewed_this_month_in_the_persistent_table_is_the_months_meeting_only() {
    let (_dir, store) = missing_now_store();
    let p = Pack::gather(&store, october(), at(NOW)).expect("pack");
    let persistent: Vec<&str> = p.lists.persistent_quarter.iter().map(|r| r.person_ref.as_str()).collect();
    assert_eq!(persistent, ["A1", "B1"]);
    // A is to review in October but was reviewed at September's meeting: not this month's.
    assert!(!p.reviewed("A1") && p.reviewed("B1") && !p.reviewed("C1"));
    let md = markdown(&p);
    assert!(md.contains("| Ada Later | A1 | 4 | no |"), "{md}");
    assert!(md.contains("| Bea Back | B1 | 3 | yes |"), "{md}");
    // November has no meeting: nobody is reviewed at it, whatever October's said.
    let november = Pack::gather(&store, YearMonth::parse("2026-11").expect("month"), at(NOW)).expect("pack");
    assert!(november.lists.persistent_quarter.iter().all(|r| !november.reviewed(&r.person_ref)));
}

#[test]
fn every_table_shares_out_the_whole_width_and_every_row_fills_its_columns() {
    let p = pack();
    let doc = document(&p);
    let all = tables(&doc.blocks);
    assert!(all.len() >= 3 + 3 * p.children.len());
    for t in all {
        let total: u32 = t.columns.iter().map(|c| u32::from(c.width)).sum();
        assert_eq!(total, 100, "{:?}", t.columns);
        for row in &t.rows {
            assert_eq!(row.len(), t.columns.len());
            // No cell is left blank: a cell taken from the screens by a header
            // that no longer exists would be.
            assert!(row.iter().all(|cell| !cell.words().trim().is_empty()), "{row:?}");
        }
    }
}

#[test]
fn markdown_has_the_sections_in_order_and_escapes_every_value() {
    let md = markdown(&pack());
    let order = [
        "# MPMG pack — October 2026",
        "## Summary",
        "## Children to review",
        "## Top 10 — October 2026",
        "## Persistently missing — 2026-27 Q3",
        "## The children, one by one",
        "### 1. Zoë \\<b\\> O'Neil \\& \"Co\" \\| \\*x\\* (Z1)",
        "### 2. Max Open (M1)",
    ];
    let positions: Vec<usize> = order.iter().map(|h| md.find(h).unwrap_or_else(|| panic!("{h} in\n{md}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(md.contains("- **Attendees:** Police \\& \"YOS\" \\<chair\\>"), "{md}");
    assert!(md.contains("Safety plan \\| \\<script\\>alert(1)\\</script\\>"), "{md}");
    assert!(!md.contains("<b>") && !md.contains("<script>") && !md.contains("<chair>"), "{md}");
    // Each table row has exactly its columns' cells: no value's `|` split one.
    let mut in_table = 0;
    for line in md.lines() {
        if !line.starts_with('|') {
            in_table = 0;
            continue;
        }
        let bars = line.char_indices().filter(|(i, c)| *c == '|' && !line[..*i].ends_with('\\')).count();
        if in_table == 0 {
            in_table = bars;
        }
        assert_eq!(bars, in_table, "{line}");
    }
}

#[test]
fn markdown_says_where_each_interview_and_action_stands_in_words() {
    let md = markdown(&pack());
    assert!(md.contains("| completed face to face, in time (Mon 05/10) | Wanting to be with friends; Drugs |"), "{md}");
    assert!(md.contains("**OVERDUE by 25d 10h** (was due Fri 16/10 03:00); no worker assigned, 0 attempts"), "{md}");
    assert!(md.contains("| not required (away without authorisation) |"), "{md}");
    assert!(md.contains("| **OVERDUE by 3 days** | MPMG for Oct 2026 |"), "{md}");
    assert!(md.contains("| Return home visit | Lee Lead | Fri 20 Nov 2026 | open |"), "{md}");
    assert!(md.contains("#### MPMG actions: 2 open, 1 done (not listed)"), "{md}");
    assert!(md.contains("#### MPMG actions: 0 open\n\nNo open actions."), "{md}");
    // Max is still out: no return, a length so far, the interview waits for the return.
    assert!(md.contains("| **STILL MISSING** | 11d 0h so far |"), "{md}");
    assert!(md.contains("due 72h after the child returns"), "{md}");
    assert!(md.contains("**MISSING NOW**"), "{md}");
    assert!(md.contains("- **Return interviews overdue:** **1 of their 4 episodes**"), "{md}");
    assert!(md.contains("- **MPMG actions for them:** 2 open, **1 OVERDUE**"), "{md}");
    // The history with its month labels and counts.
    assert!(md.contains("| Nov 2025 | Dec 2025 |") && md.contains("| 0 | 1 | 0 | 3 | 4 |"), "{md}");
    // The top 10's history: bars and the numbers beneath.
    assert!(md.contains("`·········▃·█`<br>0 0 0 0 0 0 0 0 0 1 0 3"), "{md}");
}

#[test]
fn html_is_one_escaped_self_contained_page() {
    let page = html(&pack());
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    assert!(page.contains("<h3>1. Zoë &lt;b&gt; O&#39;Neil &amp; &quot;Co&quot; | *x* (Z1)</h3>"), "{page}");
    assert!(page.contains("Police &amp; &quot;YOS&quot; &lt;chair&gt;"));
    assert!(page.contains("Safety plan | &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("Exploitation risk &lt;high&gt;"));
    for raw in ["<b>", "<script", "<chair>", "<high>"] {
        assert!(!page.contains(raw), "{raw} unescaped");
    }
    // Nothing is fetched: no links, sources, imports or URLs.
    for outside in ["http:", "https:", "src=", "href=", "@import", "url(", "<link", "<img", "<script"] {
        assert!(!page.contains(outside), "{outside}");
    }
    assert!(page.contains("<style>") && page.contains("@page") && page.contains("size: A4"));
    for tag in ["table", "thead", "tbody", "section", "dl", "strong"] {
        assert_eq!(page.matches(&format!("<{tag}")).count(), page.matches(&format!("</{tag}>")).count(), "{tag}");
    }
    assert_eq!(page.matches("<section class=\"child\">").count(), 2);
    assert!(page.contains("<th scope=\"col\" class=\"num\">Rank</th>"));
    assert!(page.contains("<td><strong>OVERDUE by 3 days</strong></td>"));
    assert!(page.contains("<strong>STILL MISSING</strong>"));
    assert!(page.contains("<span class=\"mono\">·········▃·█</span><br>0 0 0 0 0 0 0 0 0 1 0 3"));
}

#[test]
fn an_empty_month_says_so_in_both_formats() {
    let (_dir, store) = store();
    let june = YearMonth::parse("2026-06").expect("month");
    let p = Pack::gather(&store, june, at(NOW)).expect("pack");
    assert!(p.children.is_empty() && p.meeting.is_none());
    assert_eq!(p.summary(), Summary::default());
    let md = markdown(&p);
    assert!(md.contains("- **Meeting:** none recorded for June 2026 yet"), "{md}");
    assert!(md.contains("- **MPMG actions for them:** 0 open, none overdue"), "{md}");
    assert!(md.contains("No child to review for June 2026."), "{md}");
    assert!(md.contains("No child went missing in June 2026."), "{md}");
    assert!(md.contains("No child is persistently missing in 2026-27 Q1."), "{md}");
    assert!(!md.contains("one by one") && !md.contains("| --- |"), "{md}");
    let page = html(&p);
    assert!(page.contains("<p class=\"empty\">No child to review for June 2026.</p>"));
    assert!(!page.contains("<table") && !page.contains("<section"));
}

#[test]
fn markdown_escaping_leaves_values_on_their_line_and_in_their_cell() {
    use super::markdown::escape;
    assert_eq!(escape("a|b*c_d<e>&f\\g\nh\ti`j[k]#l~m!n"), "a\\|b\\*c\\_d\\<e\\>\\&f\\\\g h i\\`j\\[k\\]\\#l\\~m\\!n");
    assert_eq!(escape("Zoë O'Neil (3)"), "Zoë O'Neil (3)");
}

#[test]
fn html_escaping_covers_text_and_attributes() {
    assert_eq!(
        super::html::escape("<a href=\"x\">Tom & Jerry's</a>"),
        "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
    );
}
