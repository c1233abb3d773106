//! One row: each cell parsed, laid over what the database holds, and checked
//! against the others.

use super::header::ColumnIndex;
use super::read::LineError;
use crate::domain::codes::{
    CaseStatus, Cohort, EpisodeKind, Exploitation, MeetingRecord, MissingFrom, Reason, RiOutcome, Risk, Sex,
};
use crate::domain::cohort::cohort_of;
use crate::domain::record::{CaseEpisode, Circumstances, Episode, Person, ReturnInterview, StrategyMeeting};
use crate::domain::rules::ri_required_by_default;
use crate::domain::time::{Instant, display_local, parse_date, parse_instant, uk_date};
use crate::store::{ImportItem, Store, StoreError};
use chrono::NaiveDate;
use csv::StringRecord;
use std::fmt;

/// Reads one row's fields, noting every problem against its line and column.
pub(super) struct RowReader<'a> {
    pub(super) record: &'a StringRecord,
    pub(super) index: &'a ColumnIndex,
    pub(super) line: u64,
    pub(super) errors: &'a mut Vec<LineError>,
}

impl RowReader<'_> {
    fn fail(&mut self, column: &str, problem: impl Into<String>) {
        self.errors.push(LineError { line: self.line, column: column.into(), problem: problem.into() });
    }

    /// `None` when the file has no such column: an update then keeps what the database has.
    fn cell(&self, column: &str) -> Option<&str> {
        self.index.at.get(column).and_then(|i| self.record.get(*i)).map(str::trim)
    }

    fn present(&self, column: &str) -> bool {
        self.index.at.contains_key(column)
    }

    fn text(&self, column: &str) -> Option<String> {
        self.cell(column).filter(|v| !v.is_empty()).map(str::to_string)
    }

    fn required(&mut self, column: &str) -> Option<String> {
        let value = self.text(column);
        if value.is_none() {
            self.fail(column, "is required but empty");
        }
        value
    }

    fn parse<T, E: fmt::Display>(&mut self, column: &str, parse: impl Fn(&str) -> Result<T, E>) -> Option<T> {
        let raw = self.text(column)?;
        match parse(&raw) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(column, e.to_string());
                None
            }
        }
    }

    /// Applies a column to `target` if the file has it; an empty cell clears.
    fn patch<T, E: fmt::Display>(
        &mut self,
        target: &mut Option<T>,
        column: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) {
        if self.present(column) {
            *target = self.parse(column, parse);
        }
    }

    /// The row as an item to write, or `None` with its problems recorded.
    pub(super) fn item(
        &mut self,
        store: &Store,
        authority: &str,
        now: Instant,
    ) -> Result<Option<ImportItem>, StoreError> {
        let before = self.errors.len();
        let mut v = self.required_values();
        let existing = match &v.episode_ref {
            Some(r) => store.case_by_ref(r)?,
            None => None,
        };
        if let (Some((p, _)), Some(pr)) = (&existing, &v.person_ref)
            && p.person_ref != *pr
        {
            self.fail("episode_ref", format!("belongs to another child ({}) in the database", p.person_ref));
        }
        self.lay_over(&mut v, existing.as_ref());
        v.cohort = match (&v.responsible_la, &v.placement_la) {
            (Some(r), Some(p)) => {
                let c = cohort_of(r, p, authority);
                if c.is_none() {
                    self.fail(
                        "placement_la",
                        format!("neither responsible_la `{r}` nor placement_la `{p}` is {authority}, this database's authority"),
                    );
                }
                c
            }
            _ => None,
        };
        self.check(&v, now);
        if self.errors.len() > before {
            return Ok(None);
        }
        Ok(v.into_item())
    }

    fn required_values(&mut self) -> Values {
        Values {
            person_ref: self.required("person_ref"),
            given_name: self.required("given_name"),
            family_name: self.required("family_name"),
            date_of_birth: self.required("date_of_birth").and_then(|_| self.parse("date_of_birth", parse_date)),
            responsible_la: self.required("responsible_la"),
            placement_la: self.required("placement_la"),
            case_status: self.required("case_status").and_then(|_| self.parse("case_status", CaseStatus::parse)),
            episode_ref: self.required("episode_ref"),
            missing_from: self
                .required("missing_from_type")
                .and_then(|_| self.parse("missing_from_type", MissingFrom::parse)),
            missing_at: self.required("missing_at").and_then(|_| self.parse("missing_at", parse_instant)),
            ..Values::default()
        }
    }

    /// The optional columns, laid over what the database holds for this
    /// episode: a column the file lacks keeps the stored value.
    fn lay_over(&mut self, v: &mut Values, existing: Option<&(Person, CaseEpisode)>) {
        let (person, prior) = existing.map(|(p, c)| (p, c)).unzip();
        v.sex = person.and_then(|p| p.sex);
        self.patch(&mut v.sex, "sex", Sex::parse);
        v.cse = prior.map(|c| c.episode.at_the_time.cse_strategy);
        self.patch(&mut v.cse, "cse_strategy", yes_no);
        v.cce = prior.map(|c| c.episode.at_the_time.cce_risk);
        self.patch(&mut v.cce, "cce_risk", yes_no);
        v.lead = prior.and_then(|c| c.episode.at_the_time.lead_professional.clone());
        self.patch(&mut v.lead, "lead_professional", ok_text);
        v.team = prior.and_then(|c| c.episode.at_the_time.team.clone());
        self.patch(&mut v.team, "team", ok_text);
        v.place_name = prior.and_then(|c| c.episode.missing_from_name.clone());
        self.patch(&mut v.place_name, "missing_from_name", ok_text);
        v.kind = prior.map(|c| c.episode.kind);
        self.patch(&mut v.kind, "type", EpisodeKind::parse);
        v.returned_at = prior.and_then(|c| c.episode.returned_at);
        self.patch(&mut v.returned_at, "returned_at", parse_instant);
        v.police_ref = prior.and_then(|c| c.episode.police_ref.clone());
        self.patch(&mut v.police_ref, "police_ref", ok_text);
        v.risk = prior.and_then(|c| c.episode.risk);
        self.patch(&mut v.risk, "risk", Risk::parse);
        v.exploitation = prior.map(|c| c.episode.exploitation.clone());
        self.patch(&mut v.exploitation, "exploitation", Exploitation::parse_list);
        v.ri_required = prior.map(|c| c.interview.required);
        self.patch(&mut v.ri_required, "ri_required", yes_no);
        v.worker = prior.and_then(|c| c.interview.worker.clone());
        self.patch(&mut v.worker, "ri_worker", ok_text);
        v.attempts = prior.map(|c| c.interview.attempts);
        self.patch(&mut v.attempts, "ri_attempts", |s| {
            s.parse::<u32>().map_err(|_| format!("`{s}` is not a whole number of attempts"))
        });
        v.attempts_empty = self.present("ri_attempts") && self.text("ri_attempts").is_none();
        v.completed_at = prior.and_then(|c| c.interview.completed_at);
        self.patch(&mut v.completed_at, "ri_completed_at", parse_instant);
        v.outcome = prior.and_then(|c| c.interview.outcome);
        self.patch(&mut v.outcome, "ri_outcome", RiOutcome::parse);
        v.offered = prior.and_then(|c| c.interview.offered);
        self.patch(&mut v.offered, "ri_offered", yes_no);
        v.accepted = prior.and_then(|c| c.interview.accepted);
        self.patch(&mut v.accepted, "ri_accepted", yes_no);
        v.reasons = prior.map(|c| c.interview.reasons.clone());
        self.patch(&mut v.reasons, "ri_reasons", reason_list);
        v.meeting_record = prior.and_then(|c| c.meeting.record);
        self.patch(&mut v.meeting_record, "strategy_status", MeetingRecord::parse);
        v.meeting_at = prior.and_then(|c| c.meeting.meeting_at);
        self.patch(&mut v.meeting_at, "strategy_at", parse_instant);
    }

    /// Checks between fields, on the values that would be stored.
    fn check(&mut self, v: &Values, now: Instant) {
        if let Some(m) = v.missing_at {
            self.not_future("missing_at", m, now);
            if let Some(dob) = v.date_of_birth
                && dob > uk_date(m)
            {
                self.fail("date_of_birth", format!("{dob} is after the episode began ({})", display_local(m)));
            }
            if let Some(r) = v.returned_at {
                self.not_future("returned_at", r, now);
                if r < m {
                    self.fail(
                        "returned_at",
                        format!("{} is before missing_at ({})", display_local(r), display_local(m)),
                    );
                }
            }
        }
        if let Some(dob) = v.date_of_birth
            && dob > uk_date(now)
        {
            self.fail("date_of_birth", format!("{dob} is in the future"));
        }
        if let Some(c) = v.completed_at {
            self.not_future("ri_completed_at", c, now);
            match v.returned_at {
                None => self.fail("ri_completed_at", "the child has not returned (returned_at is empty)"),
                Some(r) if c < r => self.fail(
                    "ri_completed_at",
                    format!("{} is before the return ({})", display_local(c), display_local(r)),
                ),
                Some(_) => {}
            }
        }
        // On the count that would be stored: an empty or absent ri_attempts
        // stores 0, which the export writes and a re-import would refuse.
        let attempts = v.attempts.unwrap_or(0);
        if v.outcome == Some(RiOutcome::FromCarers) && attempts < 2 {
            let said = if v.attempts_empty { "empty (0)".into() } else { attempts.to_string() };
            self.fail(
                "ri_outcome",
                format!("from_carers needs at least 2 failed face-to-face attempts; ri_attempts is {said}"),
            );
        }
        if v.offered == Some(false) && v.accepted == Some(true) {
            self.fail("ri_accepted", "is yes but ri_offered is no: an interview not offered cannot be accepted");
        }
        match (v.meeting_record, v.meeting_at) {
            (None, Some(_)) => self.fail("strategy_at", "is given but strategy_status is empty"),
            (Some(MeetingRecord::Held), None) => self.fail("strategy_at", "a held meeting needs its time"),
            (Some(MeetingRecord::Held), Some(t)) => self.not_future("strategy_at", t, now),
            _ => {}
        }
    }

    fn not_future(&mut self, column: &str, t: Instant, now: Instant) {
        if t > now {
            self.fail(column, format!("{} is in the future", display_local(t)));
        }
    }
}

/// Every value of one row, as read (and laid over the database's).
#[derive(Default)]
struct Values {
    person_ref: Option<String>,
    given_name: Option<String>,
    family_name: Option<String>,
    date_of_birth: Option<NaiveDate>,
    responsible_la: Option<String>,
    placement_la: Option<String>,
    case_status: Option<CaseStatus>,
    episode_ref: Option<String>,
    missing_from: Option<MissingFrom>,
    missing_at: Option<Instant>,
    cohort: Option<Cohort>,
    sex: Option<Sex>,
    cse: Option<bool>,
    cce: Option<bool>,
    exploitation: Option<Vec<Exploitation>>,
    offered: Option<bool>,
    accepted: Option<bool>,
    lead: Option<String>,
    team: Option<String>,
    place_name: Option<String>,
    kind: Option<EpisodeKind>,
    returned_at: Option<Instant>,
    police_ref: Option<String>,
    risk: Option<Risk>,
    ri_required: Option<bool>,
    worker: Option<String>,
    attempts: Option<u32>,
    /// The file has the column and this row leaves it empty (stored as 0).
    attempts_empty: bool,
    completed_at: Option<Instant>,
    outcome: Option<RiOutcome>,
    reasons: Option<Vec<Reason>>,
    meeting_record: Option<MeetingRecord>,
    meeting_at: Option<Instant>,
}

impl Values {
    /// The item, if every required value is there (when one is not, its
    /// problem has been recorded already).
    fn into_item(self) -> Option<ImportItem> {
        let kind = self.kind.unwrap_or(EpisodeKind::Missing);
        let at_the_time = Circumstances {
            case_status: self.case_status?,
            cse_strategy: self.cse.unwrap_or(false),
            cce_risk: self.cce.unwrap_or(false),
            responsible_la: self.responsible_la.clone()?,
            placement_la: self.placement_la.clone()?,
            cohort: self.cohort?,
            lead_professional: self.lead.clone(),
            team: self.team.clone(),
        };
        Some(ImportItem {
            person: Person {
                person_ref: self.person_ref?,
                given_name: self.given_name?,
                family_name: self.family_name?,
                date_of_birth: self.date_of_birth?,
                sex: self.sex,
                responsible_la: at_the_time.responsible_la.clone(),
                placement_la: at_the_time.placement_la.clone(),
                case_status: at_the_time.case_status,
                cse_strategy: at_the_time.cse_strategy,
                cce_risk: at_the_time.cce_risk,
                lead_professional: self.lead,
                team: self.team,
            },
            episode: Episode {
                episode_ref: self.episode_ref?,
                missing_at: self.missing_at?,
                returned_at: self.returned_at,
                kind,
                missing_from: self.missing_from?,
                missing_from_name: self.place_name,
                police_ref: self.police_ref,
                risk: self.risk,
                exploitation: self.exploitation.unwrap_or_default(),
                at_the_time,
            },
            interview: ReturnInterview {
                required: self.ri_required.unwrap_or_else(|| ri_required_by_default(kind)),
                worker: self.worker,
                attempts: self.attempts.unwrap_or(0),
                completed_at: self.completed_at,
                outcome: self.outcome,
                reasons: self.reasons.unwrap_or_default(),
                offered: self.offered,
                accepted: self.accepted,
            },
            meeting: StrategyMeeting { record: self.meeting_record, meeting_at: self.meeting_at },
            update_person: false,
        })
    }
}

pub(super) fn ok_text(s: &str) -> Result<String, std::convert::Infallible> {
    Ok(s.to_string())
}

pub(super) fn yes_no(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "yes" | "y" => Ok(true),
        "no" | "n" => Ok(false),
        _ => Err(format!("`{s}` is not yes or no")),
    }
}

pub(super) fn reason_list(s: &str) -> Result<Vec<Reason>, String> {
    let mut reasons = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let r = Reason::parse(part).map_err(|e| e.to_string())?;
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    Ok(reasons)
}
