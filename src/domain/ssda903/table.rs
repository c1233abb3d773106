//! Which episodes the Missing table holds, and their cells.

use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind};
use crate::domain::period::FinancialYear;
use crate::domain::record::{CaseEpisode, Person};
use crate::domain::time::uk_date;
use chrono::NaiveDate;

/// The table's header, exactly as the DfE defines it.
pub const HEADER: [&str; 5] = ["CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"];

/// One row: an episode of one of our children, looked after at the time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingRow {
    /// The local case ID (our `person_ref`).
    pub child: String,
    /// Not in the table; names the episode in a breach.
    pub episode_ref: String,
    pub dob: NaiveDate,
    pub kind: EpisodeKind,
    /// UK local dates.
    pub start: NaiveDate,
    /// `None` (blank) when the child was still missing at the year's end.
    pub end: Option<NaiveDate>,
}

/// A row as the file carries it: the text of each cell, which is what the
/// DfE's rules read. Checking the text, not our typed values, keeps the rules
/// the DfE's own (a blank or malformed cell is what they are about).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingLine {
    pub episode_ref: String,
    pub child: String,
    pub dob: String,
    pub missing: String,
    pub mis_start: String,
    pub mis_end: String,
}

impl MissingLine {
    /// The cells in [`HEADER`] order.
    pub fn cells(&self) -> [&str; 5] {
        [&self.child, &self.dob, &self.missing, &self.mis_start, &self.mis_end]
    }
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

impl MissingRow {
    pub fn line(&self) -> MissingLine {
        MissingLine {
            episode_ref: self.episode_ref.clone(),
            child: self.child.clone(),
            dob: dmy(self.dob),
            missing: match self.kind {
                EpisodeKind::Missing => "M",
                EpisodeKind::Absent => "A",
            }
            .to_string(),
            mis_start: dmy(self.start),
            mis_end: self.end.map(dmy).unwrap_or_default(),
        }
    }
}

/// The rows for collection `year` from every episode recorded: episodes of
/// our children (responsible authority us at the time: living here or placed
/// out of area; never a child another authority placed here) who were looked
/// after at that episode, in progress at any time in the year (started in it,
/// or started before and not back before it began). An end after the
/// year's end is blank: the child was still missing when the year closed.
/// Ordered by child, then by when each episode began (so a child's rows are
/// in the order they happened, which the DfE's overlap rule relies on for
/// episodes that begin and end on one day).
pub fn missing_rows(cases: impl IntoIterator<Item = (Person, CaseEpisode)>, year: FinancialYear) -> Vec<MissingRow> {
    let (from, to) = year.bounds();
    let mut picked: Vec<_> = cases
        .into_iter()
        .filter(|(_, c)| {
            let e = &c.episode;
            let ours = matches!(e.at_the_time.cohort, Cohort::Local | Cohort::OutOfArea);
            let looked_after = e.at_the_time.case_status == CaseStatus::ChildInCare;
            // Back exactly at midnight on 1 April is back on a day of this
            // year, so the episode is this year's too (and last year's
            // return left its end blank).
            let open_at_start = e.returned_at.is_none_or(|r| r >= from);
            let in_year = year.contains(e.missing_at) || (e.missing_at < from && open_at_start);
            ours && looked_after && in_year
        })
        .collect();
    picked.sort_by(|(p, a), (q, b)| {
        (&p.person_ref, a.episode.missing_at, &a.episode.episode_ref).cmp(&(
            &q.person_ref,
            b.episode.missing_at,
            &b.episode.episode_ref,
        ))
    });
    picked
        .into_iter()
        .map(|(person, case)| {
            let e = case.episode;
            MissingRow {
                child: person.person_ref,
                episode_ref: e.episode_ref,
                dob: person.date_of_birth,
                kind: e.kind,
                start: uk_date(e.missing_at),
                end: e.returned_at.filter(|r| *r < to).map(uk_date),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::case;

    fn person(r: &str) -> Person {
        Person {
            person_ref: r.into(),
            given_name: "Test".into(),
            family_name: "Child".into(),
            date_of_birth: NaiveDate::from_ymd_opt(2009, 5, 4).expect("date"),
            sex: None,
            responsible_la: "Northshire".into(),
            placement_la: "Northshire".into(),
            case_status: CaseStatus::ChildInCare,
            cse_strategy: false,
            cce_risk: false,
            lead_professional: None,
            team: None,
        }
    }

    fn in_care(child: &str, r: &str, missing: &str, returned: Option<&str>) -> (Person, CaseEpisode) {
        let mut c = case(missing, returned);
        c.episode.episode_ref = r.into();
        c.episode.at_the_time.case_status = CaseStatus::ChildInCare;
        (person(child), c)
    }

    const YEAR: FinancialYear = FinancialYear(2016);

    fn refs(rows: &[MissingRow]) -> Vec<&str> {
        rows.iter().map(|r| r.episode_ref.as_str()).collect()
    }

    #[test]
    fn the_year_holds_episodes_begun_in_it_and_those_still_open_when_it_began() {
        let rows = missing_rows(
            [
                in_care("C1", "before-closed", "2016-03-30 10:00", Some("2016-03-31 23:59")),
                // Back at the very instant the year began: on its first day.
                in_care("C1", "returned-at-midnight", "2016-03-31 22:00", Some("2016-04-01 00:00")),
                in_care("C2", "before-open", "2016-03-20 10:00", Some("2016-04-02 09:00")),
                in_care("C3", "before-never-back", "2015-12-01 10:00", None),
                in_care("C4", "first-minute", "2016-04-01 00:00", Some("2016-04-01 03:00")),
                in_care("C4", "last-minute", "2017-03-31 23:59", None),
                in_care("C4", "next-year", "2017-04-01 00:00", None),
            ],
            YEAR,
        );
        assert_eq!(
            refs(&rows),
            ["returned-at-midnight", "before-open", "before-never-back", "first-minute", "last-minute"]
        );
        assert_eq!(rows[0].line().mis_end, "01/04/2016");
        // Last year's return left that end blank: it was after 31 March.
        let last =
            missing_rows([in_care("C1", "m", "2016-03-31 22:00", Some("2016-04-01 00:00"))], FinancialYear(2015));
        assert_eq!(last[0].line().mis_end, "");
    }

    #[test]
    fn an_end_after_the_year_is_blank_and_dates_are_uk_local() {
        let rows = missing_rows(
            [
                // 23:30 BST on 31 March is 22:30 UTC: still 31 March in the UK.
                in_care("C1", "a", "2017-03-31 20:00", Some("2017-03-31 23:30")),
                in_care("C2", "b", "2017-03-31 20:00", Some("2017-04-01 00:00")),
            ],
            YEAR,
        );
        let lines: Vec<_> = rows.iter().map(|r| r.line().cells().map(str::to_string)).collect();
        assert_eq!(lines[0], ["C1", "04/05/2009", "M", "31/03/2017", "31/03/2017"]);
        assert_eq!(lines[1], ["C2", "04/05/2009", "M", "31/03/2017", ""]);
    }

    #[test]
    fn only_our_children_looked_after_at_the_time_in_child_then_start_order() {
        let mut placed_in = in_care("B0", "placed-in", "2016-05-01 10:00", None);
        placed_in.1.episode.at_the_time.cohort = Cohort::PlacedIn;
        let mut out_of_area = in_care("B1", "out-of-area", "2016-06-01 10:00", None);
        out_of_area.1.episode.at_the_time.cohort = Cohort::OutOfArea;
        out_of_area.1.episode.kind = EpisodeKind::Absent;
        let mut not_in_care = in_care("A0", "in-need", "2016-05-01 10:00", None);
        not_in_care.1.episode.at_the_time.case_status = CaseStatus::ChildInNeed;
        let rows = missing_rows(
            [
                in_care("C9", "later", "2016-05-02 10:00", Some("2016-05-02 12:00")),
                in_care("C9", "earlier", "2016-05-01 10:00", Some("2016-05-01 12:00")),
                placed_in,
                out_of_area,
                not_in_care,
            ],
            YEAR,
        );
        assert_eq!(refs(&rows), ["out-of-area", "earlier", "later"]);
        assert_eq!(rows[0].line().missing, "A");
    }
}
