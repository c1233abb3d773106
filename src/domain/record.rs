//! The records the rules work on: a young person, a missing episode with the
//! values that applied at the time, its return interview and strategy meeting.

use super::codes::{
    AttemptMethod, AttemptOutcome, CaseStatus, Cohort, EpisodeKind, Exploitation, MeetingRecord, MissingFrom,
    NrmOutcome, Reason, RiOutcome, Risk, Sex, Signoff,
};
use super::time::Instant;
use chrono::NaiveDate;

/// A child as the case management system knows them now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// The local case ID (LCS, Mosaic...): identifies the child across episodes.
    pub person_ref: String,
    pub given_name: String,
    pub family_name: String,
    pub date_of_birth: NaiveDate,
    pub sex: Option<Sex>,
    pub responsible_la: String,
    pub placement_la: String,
    pub case_status: CaseStatus,
    pub cse_strategy: bool,
    /// At risk of child criminal exploitation (county lines included).
    pub cce_risk: bool,
    pub lead_professional: Option<String>,
    pub team: Option<String>,
}

/// What is known about a child beyond what the episode files carry: entered
/// on the young person form, never by import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub vulnerability: Option<String>,
    /// Where the child lives now.
    pub placement: Option<Placement>,
    /// School, college or employment (EET).
    pub school: Option<String>,
    /// When the CSE strategy flag was set (while it is set).
    pub cse_since: Option<NaiveDate>,
    /// When the CCE flag was set (while it is set).
    pub cce_since: Option<NaiveDate>,
    /// A National Referral Mechanism referral, if one was made.
    pub nrm: Option<NrmReferral>,
}

/// A referral to the National Referral Mechanism (modern slavery and
/// trafficking, which includes county lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NrmReferral {
    pub referred_on: NaiveDate,
    pub outcome: NrmOutcome,
}

/// A named place a child lives (or went missing from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub kind: MissingFrom,
    pub name: String,
}

/// A child with everything the young person form edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub person: Person,
    pub profile: Profile,
}

/// How every list writes a child's name.
pub fn full_name(given: &str, family: &str) -> String {
    format!("{given} {family}").trim().to_string()
}

/// What applied to the child when an episode began: reports count a child
/// under the status, placement and cohort of the time, not of today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circumstances {
    pub case_status: CaseStatus,
    pub cse_strategy: bool,
    pub cce_risk: bool,
    pub responsible_la: String,
    pub placement_la: String,
    pub cohort: Cohort,
    pub lead_professional: Option<String>,
    pub team: Option<String>,
}

/// One period a child was missing (or away without authorisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Episode {
    pub episode_ref: String,
    /// When the child left or was last seen, whichever is later.
    pub missing_at: Instant,
    /// When found or returned; `None` while still missing.
    pub returned_at: Option<Instant>,
    pub kind: EpisodeKind,
    pub missing_from: MissingFrom,
    pub missing_from_name: Option<String>,
    pub police_ref: Option<String>,
    /// The police's latest risk grade (earlier grades are the episode's
    /// grade history, see `store::risk_grades`).
    pub risk: Option<Risk>,
    /// Exploitation concerns this episode raised, in code order.
    pub exploitation: Vec<Exploitation>,
    pub at_the_time: Circumstances,
}

impl Episode {
    /// The return, if it had happened by `now`. Lists are computed "as of"
    /// now, so a return recorded later than a chosen `--at` has not happened yet.
    pub fn returned_by(&self, now: Instant) -> Option<Instant> {
        self.returned_at.filter(|r| *r <= now)
    }

    /// The kinds of exploitation this episode is marked with: the child
    /// flagged at the time (CSE strategy, CCE risk) or a concern it raised.
    /// What the exploitation filters and the CSE / CCE columns go by.
    pub fn exploitation_marks(&self) -> Vec<Exploitation> {
        let c = &self.at_the_time;
        [(c.cse_strategy, Exploitation::Cse), (c.cce_risk, Exploitation::Cce)]
            .into_iter()
            .filter(|(flag, kind)| *flag || self.exploitation.contains(kind))
            .map(|(_, kind)| kind)
            .collect()
    }

    /// Missing at `now`: started by then and not yet back.
    pub fn is_open_at(&self, now: Instant) -> bool {
        self.missing_at <= now && self.returned_by(now).is_none()
    }

    /// Whole minutes missing: to the return, or to `now` while still missing.
    pub fn minutes_missing(&self, now: Instant) -> i64 {
        let end = self.returned_by(now).unwrap_or(now);
        (end - self.missing_at).num_minutes().max(0)
    }

    /// Whole minutes missing as a period's figures count them: returned minus
    /// started, and an episode still open at `now` measured to the end of the
    /// period, or to `now` if that is earlier (DOMAIN.md, counting rules).
    pub fn minutes_in_period(&self, period_end: Instant, now: Instant) -> i64 {
        minutes_in_period(self.missing_at, self.returned_by(now), period_end, now)
    }
}

/// [`Episode::minutes_in_period`] for an episode known only by its start and
/// its return as of `now` (the report keeps no more of each episode).
pub fn minutes_in_period(
    missing_at: Instant,
    returned_by_now: Option<Instant>,
    period_end: Instant,
    now: Instant,
) -> i64 {
    let end = returned_by_now.unwrap_or(period_end.min(now));
    (end - missing_at).num_minutes().max(0)
}

/// The return interview offered after an episode.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReturnInterview {
    pub required: bool,
    pub worker: Option<String>,
    /// Face-to-face attempts so far.
    pub attempts: u32,
    pub completed_at: Option<Instant>,
    pub outcome: Option<RiOutcome>,
    pub reasons: Vec<Reason>,
    /// "Offered" as the user recorded it (e.g. offered by letter, with no
    /// attempt); `None` = derived (see `domain::ri_offer`).
    pub offered: Option<bool>,
    /// "Accepted" as the user recorded it; `None` = derived.
    pub accepted: Option<bool>,
}

impl ReturnInterview {
    /// Whether this episode needs an interview at all.
    pub fn is_required(&self) -> bool {
        self.required && self.outcome != Some(RiOutcome::NotRequired)
    }

    /// The completion, if it had happened by `now`.
    pub fn completed_by(&self, now: Instant) -> Option<Instant> {
        self.completed_at.filter(|c| *c <= now)
    }
}

/// One attempt at a return interview. Attempts counted by an imported file
/// carry no details.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attempt {
    pub at: Option<Instant>,
    pub method: Option<AttemptMethod>,
    pub outcome: Option<AttemptOutcome>,
}

/// A return interview with everything its forms edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterviewRecord {
    pub interview: ReturnInterview,
    pub attempts: Vec<Attempt>,
    pub not_required_reason: Option<String>,
    pub signoff: Signoff,
}

/// What has been recorded about an episode's strategy meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StrategyMeeting {
    pub record: Option<MeetingRecord>,
    /// The meeting's time, planned or held.
    pub meeting_at: Option<Instant>,
}

/// One episode with everything the lists need about it and its child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEpisode {
    pub person_ref: String,
    pub name: String,
    pub episode: Episode,
    pub interview: ReturnInterview,
    pub meeting: StrategyMeeting,
    /// When the child's episode that is open at "now" began, if the child is
    /// missing at that moment (used for the missing-again flag).
    pub child_missing_since: Option<Instant>,
}
