//! Ofsted's Annex A, list 8 (children in care), as far as ri-chase holds it
//! (DOMAIN.md, "National data formats"): which children are in it and what
//! goes in the columns we can fill. The other columns stay blank for the
//! authority to merge with its case system's extract.
//!
//! The choices the list leaves open, made once here:
//! - **The 12 months** up to the reference date are whole UK days: from the
//!   day after the same date a year earlier, to the reference time. An
//!   episode that began on the very date 12 months before is out (counting it
//!   would make the window 12 months and a day); the next day is in.
//! - **Counted episodes** began in those 12 months, by the reference time,
//!   while the child was looked after by us (case status `child_in_care` and
//!   responsible authority us, at that episode). Missing and away without
//!   authorisation (absent) are counted apart, by the kind recorded.
//! - **Rows**: our children (responsible authority us, living here or placed
//!   out of area; never a child placed here by another authority) looked
//!   after now, by the child's record; and any child with a counted episode.
//! - **The child's columns** (gender, birth date, placement, team, worker)
//!   are the child's record as it stands: ri-chase keeps no history of it
//!   apart from what each episode recorded. The placement is the one recorded
//!   on the child's form, else the place the latest episode (by the
//!   reference time) began from.
//! - **Offered / accepted** are about the child's last *missing* episode
//!   among the counted ones (an absence is not a missing episode), as
//!   [`crate::domain::ri_offer`] derives them. When that episode's interview
//!   was not required, both are `N`: the columns ask whether an interview was
//!   offered and accepted, and none was; `Y` would claim an interview that
//!   never happened, and a blank would read as a gap to fill from elsewhere.
//!   With no missing episode counted, both are blank: there is no "last
//!   missing episode" to ask about, and `N` would report an interview not
//!   offered after an episode that did not happen.
//! - The interview is taken as recorded (work recorded after a reference
//!   date in the past still counts), as `ri_offer` does.

use super::codes::{CaseStatus, Cohort, EpisodeKind, MissingFrom, Sex, YesNoNa};
use super::cohort::cohort_of;
use super::record::{CaseEpisode, PersonRecord};
use super::ri_offer;
use super::time::{Instant, uk_date};
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// The list's 34 headers, verbatim and in order (`assets/annex-a-list8-headers.csv`).
pub const HEADERS: [&str; 34] = [
    "Child Unique ID",
    "Gender",
    "Ethnicity",
    "Date of Birth",
    "Age of Child (Years)",
    "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
    "Does the Child have a Disability",
    "Date Started to be Looked After",
    "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
    "Start date of current legal status",
    "Child's Legal Status",
    "Date of Latest Statutory Review",
    "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child",
    "Date of Last Health Assessment",
    "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After",
    "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement",
    "Placement Type",
    "Placement Provider",
    "Placement postcode",
    "URN of Placement",
    "Placement Location",
    "LA of Placement",
    "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
    "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    "Allocated Team",
    "Allocated Worker",
];

/// One child's row: the columns ri-chase fills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List8Row {
    pub child: String,
    pub sex: Option<Sex>,
    pub dob: NaiveDate,
    /// Whole years at the reference date (`None` if born after it).
    pub age: Option<u32>,
    pub placement: Option<(MissingFrom, Option<String>)>,
    pub placement_la: String,
    pub missing: usize,
    pub absent: usize,
    /// About the last missing episode counted; `None` when there is none.
    pub offered: Option<bool>,
    pub accepted: Option<bool>,
    pub team: Option<String>,
    pub worker: Option<String>,
}

/// A cell: text from the data, or a value ri-chase made (a number, a code, a date).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Blank,
    /// Text as recorded (a spreadsheet could take it for a formula).
    Text(String),
    /// Made by ri-chase: a date, a count, a code.
    Value(String),
}

impl List8Row {
    /// The row's 34 cells, in [`HEADERS`] order.
    pub fn cells(&self) -> Vec<Cell> {
        let text = |t: &Option<String>| {
            t.as_deref().filter(|t| !t.trim().is_empty()).map_or(Cell::Blank, |t| Cell::Text(t.to_string()))
        };
        let yes_no = |b: Option<bool>| b.map_or(Cell::Blank, |b| Cell::Value(if b { "Y" } else { "N" }.into()));
        let mut cells = vec![Cell::Blank; HEADERS.len()];
        let mut put = |header: &str, cell: Cell| {
            if let Some(i) = HEADERS.iter().position(|h| *h == header) {
                cells[i] = cell;
            }
        };
        put("Child Unique ID", Cell::Text(self.child.clone()));
        put("Gender", Cell::Value(gender(self.sex).into()));
        put("Date of Birth", Cell::Value(self.dob.format("%d/%m/%Y").to_string()));
        put("Age of Child (Years)", self.age.map_or(Cell::Blank, |a| Cell::Value(a.to_string())));
        if let Some((kind, name)) = &self.placement {
            put("Placement Type", Cell::Value(kind.label().into()));
            put("Placement Provider", text(name));
        }
        put("LA of Placement", text(&Some(self.placement_la.clone())));
        put(HEADERS[28], Cell::Value(self.missing.to_string()));
        put(HEADERS[29], Cell::Value(self.absent.to_string()));
        put(HEADERS[30], yes_no(self.offered));
        put(HEADERS[31], yes_no(self.accepted));
        put("Allocated Team", text(&self.team));
        put("Allocated Worker", text(&self.worker));
        cells
    }
}

/// The words for a child's recorded sex: `U` (unknown) and no record alike
/// are "Not stated/recorded", the list's own words for it.
fn gender(sex: Option<Sex>) -> &'static str {
    match sex {
        Some(Sex::F) => "Female",
        Some(Sex::M) => "Male",
        Some(Sex::U) | None => "Not stated/recorded",
    }
}

/// The first instant of the 12 months up to `at`: UK midnight starting the
/// day after the same date a year before.
pub fn window_start(at: Instant) -> Option<NaiveDate> {
    uk_date(at).checked_sub_months(Months::new(12))?.succ_opt()
}

/// Whether an episode is one the list counts: begun in the 12 months up to
/// `at` (by `at`), while looked after by us.
fn counted(c: &CaseEpisode, first_day: NaiveDate, at: Instant) -> bool {
    let e = &c.episode;
    let ours = matches!(e.at_the_time.cohort, Cohort::Local | Cohort::OutOfArea);
    ours && e.at_the_time.case_status == CaseStatus::ChildInCare
        && e.missing_at <= at
        && uk_date(e.missing_at) >= first_day
}

/// The list's rows at reference time `at` for authority `us`, from every
/// child's record and every episode, in Child Unique ID order.
pub fn list8_rows(people: &[PersonRecord], cases: &[CaseEpisode], us: &str, at: Instant) -> Vec<List8Row> {
    let Some(first_day) = window_start(at) else { return Vec::new() };
    // Each child's episodes, found once (a large database has many of both).
    let mut by_child: HashMap<&str, Vec<&CaseEpisode>> = HashMap::new();
    for c in cases {
        by_child.entry(c.person_ref.as_str()).or_default().push(c);
    }
    let mut rows: Vec<List8Row> = people
        .iter()
        .filter_map(|rec| {
            let p = &rec.person;
            let mine = by_child.get(p.person_ref.as_str()).map_or(&[][..], Vec::as_slice);
            let counted: Vec<&&CaseEpisode> = mine.iter().filter(|c| counted(c, first_day, at)).collect();
            let ours_now =
                matches!(cohort_of(&p.responsible_la, &p.placement_la, us), Some(Cohort::Local | Cohort::OutOfArea));
            let looked_after_now = ours_now && p.case_status == CaseStatus::ChildInCare;
            if !looked_after_now && counted.is_empty() {
                return None;
            }
            let of_kind = |k: EpisodeKind| counted.iter().filter(|c| c.episode.kind == k).count();
            let last_missing = counted
                .iter()
                .filter(|c| c.episode.kind == EpisodeKind::Missing)
                .max_by_key(|c| (c.episode.missing_at, c.episode.episode_ref.as_str()));
            let answer = |v: YesNoNa| v == YesNoNa::Yes;
            let latest_place = mine
                .iter()
                .filter(|c| c.episode.missing_at <= at)
                .max_by_key(|c| (c.episode.missing_at, c.episode.episode_ref.as_str()))
                .map(|c| (c.episode.missing_from, c.episode.missing_from_name.clone()));
            let placement = rec.profile.placement.as_ref().map(|pl| (pl.kind, Some(pl.name.clone()))).or(latest_place);
            Some(List8Row {
                child: p.person_ref.clone(),
                sex: p.sex,
                dob: p.date_of_birth,
                age: uk_date(at).years_since(p.date_of_birth),
                placement,
                placement_la: p.placement_la.clone(),
                missing: of_kind(EpisodeKind::Missing),
                absent: of_kind(EpisodeKind::Absent),
                offered: last_missing.map(|c| answer(ri_offer::offered(&c.interview))),
                accepted: last_missing.map(|c| answer(ri_offer::accepted(&c.interview))),
                team: p.team.clone(),
                worker: p.lead_professional.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| a.child.cmp(&b.child));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::RiOutcome;
    use crate::domain::record::{Person, Profile};
    use crate::domain::testkit::{at, case};

    #[test]
    fn the_headers_are_the_shipped_list_verbatim_and_shareds_when_present() {
        let shipped = include_str!("../../assets/annex-a-list8-headers.csv");
        let parse = |text: &str| -> Vec<String> {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
            reader.records().next().expect("a header line").expect("csv").iter().map(str::to_string).collect()
        };
        assert_eq!(parse(shipped), HEADERS);
        let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/annex-a-list8-headers.csv");
        if let Ok(text) = std::fs::read_to_string(&shared) {
            assert_eq!(text, shipped, "{} differs from the shipped copy", shared.display());
        }
    }

    fn child(r: &str, status: CaseStatus) -> PersonRecord {
        PersonRecord {
            person: Person {
                person_ref: r.into(),
                given_name: "Test".into(),
                family_name: "Child".into(),
                date_of_birth: NaiveDate::from_ymd_opt(2010, 12, 2).expect("date"),
                sex: Some(Sex::F),
                responsible_la: "Northshire".into(),
                placement_la: "Northshire".into(),
                case_status: status,
                cse_strategy: false,
                cce_risk: false,
                lead_professional: None,
                team: None,
            },
            profile: Profile::default(),
        }
    }

    fn episode(child: &str, r: &str, start: &str, kind: EpisodeKind) -> CaseEpisode {
        let mut c = case(start, None);
        c.person_ref = child.into();
        c.episode.episode_ref = r.into();
        c.episode.kind = kind;
        c.episode.at_the_time.case_status = CaseStatus::ChildInCare;
        c
    }

    const AT: &str = "2026-12-02 10:00";

    #[test]
    fn the_window_is_whole_days_from_the_day_after_a_year_before() {
        assert_eq!(window_start(at(AT)), NaiveDate::from_ymd_opt(2025, 12, 3));
        // The UK date of --at: 00:30 BST on 1 July is 30 June in UTC.
        assert_eq!(window_start(at("2026-07-01 00:30")), NaiveDate::from_ymd_opt(2025, 7, 2));
        let people = [child("C1", CaseStatus::ChildInCare)];
        let cases = [
            episode("C1", "out", "2025-12-02 23:59", EpisodeKind::Missing),
            episode("C1", "in", "2025-12-03 00:00", EpisodeKind::Missing),
            episode("C1", "later", "2026-12-02 10:01", EpisodeKind::Missing),
        ];
        let rows = list8_rows(&people, &cases, "Northshire", at(AT));
        assert_eq!(rows[0].missing, 1);
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let people = [child("C1", CaseStatus::ChildInCare)];
        assert_eq!(list8_rows(&people, &[], "Northshire", at("2026-12-02 00:00"))[0].age, Some(16));
        assert_eq!(list8_rows(&people, &[], "Northshire", at("2026-12-01 23:59"))[0].age, Some(15));
    }

    #[test]
    fn not_required_is_no_and_no_missing_episode_is_blank() {
        let people = [child("C1", CaseStatus::ChildInCare), child("C2", CaseStatus::ChildInCare)];
        let mut first = episode("C1", "a", "2026-10-01 10:00", EpisodeKind::Missing);
        first.interview.outcome = Some(RiOutcome::FaceToFace);
        let mut last = episode("C1", "b", "2026-11-01 10:00", EpisodeKind::Missing);
        last.interview.outcome = Some(RiOutcome::NotRequired);
        let mut absence = episode("C2", "c", "2026-11-01 10:00", EpisodeKind::Absent);
        absence.interview.required = false;
        let rows = list8_rows(&people, &[first, last, absence], "Northshire", at(AT));
        assert_eq!((rows[0].offered, rows[0].accepted), (Some(false), Some(false)));
        assert_eq!((rows[1].missing, rows[1].absent, rows[1].offered), (0, 1, None));
        let cells = rows[1].cells();
        assert_eq!((&cells[30], &cells[31]), (&Cell::Blank, &Cell::Blank));
    }
}
