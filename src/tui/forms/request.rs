//! What a saved form asks of the store, and which rows a form was opened on.

use crate::domain::codes::{EpisodeKind, MissingFrom, Risk, Signoff};
use crate::domain::history::Month;
use crate::domain::mpmg_review::{Action, MpmgMeeting};
use crate::domain::record::{Attempt, PersonRecord};
use crate::domain::risk::RiskGrade;
use crate::domain::time::Instant;
use crate::store::edit::{Completion, EpisodeEdit, Found, MeetingEntry};
use chrono::NaiveDate;

/// The rows a form edits, with the versions they were read at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    NewPerson,
    Person {
        id: i64,
        version: i64,
    },
    /// A new episode; the child comes from the form's child field.
    NewEpisode,
    Episode {
        id: i64,
        version: i64,
    },
    Interview {
        id: i64,
        version: i64,
    },
    Meeting {
        episode_id: i64,
        version: Option<i64>,
    },
    NewMpmgMeeting,
    MpmgMeeting {
        id: i64,
        version: i64,
    },
    /// A new MPMG action for this child.
    NewMpmgAction {
        person_id: i64,
    },
    MpmgAction {
        id: i64,
        version: i64,
    },
}

/// A new episode as the form gives it: where from may be left to the child's usual place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingReport {
    pub person_id: i64,
    pub missing_at: Instant,
    pub kind: EpisodeKind,
    /// Where from; `None`: where the child lives (their placement, else where
    /// they last went missing from).
    pub from: Option<(MissingFrom, Option<String>)>,
    pub police_ref: Option<String>,
    pub risk: Option<Risk>,
}

/// One write, ready for the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    AddPerson(PersonRecord),
    UpdatePerson {
        id: i64,
        version: i64,
        record: PersonRecord,
    },
    ReportMissing(MissingReport),
    Found {
        episode_id: i64,
        version: i64,
        found: Found,
    },
    UpdateEpisode {
        episode_id: i64,
        version: i64,
        edit: EpisodeEdit,
    },
    AssignWorker {
        interview_id: i64,
        version: i64,
        worker: Option<String>,
    },
    Attempt {
        interview_id: i64,
        version: i64,
        attempt: Attempt,
    },
    Complete {
        interview_id: i64,
        version: i64,
        completion: Completion,
    },
    NotRequired {
        interview_id: i64,
        version: i64,
        reason: String,
    },
    SignOff {
        interview_id: i64,
        version: i64,
        signoff: Signoff,
    },
    RequireInterview {
        interview_id: i64,
        version: i64,
    },
    Meeting {
        episode_id: i64,
        version: Option<i64>,
        entry: MeetingEntry,
    },
    DeleteEpisode {
        episode_id: i64,
        version: i64,
    },
    AddMpmgMeeting(MpmgMeeting),
    UpdateMpmgMeeting {
        id: i64,
        version: i64,
        meeting: MpmgMeeting,
    },
    /// Whether a meeting reviewed a child (the MPMG tab's toggle).
    SetReviewed {
        meeting_id: i64,
        person_id: i64,
        reviewed: bool,
    },
    /// `meeting`: the month whose meeting agreed it, as typed (the session finds the meeting).
    AddAction {
        person_id: i64,
        meeting: Option<Month>,
        action: Action,
    },
    UpdateAction {
        id: i64,
        version: i64,
        meeting: Option<Month>,
        action: Action,
    },
    /// Done on that day, or (`None`) open again.
    ActionDone {
        id: i64,
        version: i64,
        done_on: Option<NaiveDate>,
    },
    DeleteAction {
        id: i64,
        version: i64,
    },
    RiskGrade {
        episode_id: i64,
        version: i64,
        grade: RiskGrade,
    },
    RecordOffer {
        interview_id: i64,
        version: i64,
        offered: Option<bool>,
        accepted: Option<bool>,
    },
}

impl Request {
    /// The same request made again at a newer version ("keep mine" after a conflict).
    pub fn at_version(&self, now: i64) -> Request {
        let mut r = self.clone();
        match &mut r {
            Request::UpdatePerson { version, .. }
            | Request::Found { version, .. }
            | Request::UpdateEpisode { version, .. }
            | Request::AssignWorker { version, .. }
            | Request::Attempt { version, .. }
            | Request::Complete { version, .. }
            | Request::NotRequired { version, .. }
            | Request::SignOff { version, .. }
            | Request::RequireInterview { version, .. }
            | Request::DeleteEpisode { version, .. }
            | Request::UpdateMpmgMeeting { version, .. }
            | Request::UpdateAction { version, .. }
            | Request::ActionDone { version, .. }
            | Request::DeleteAction { version, .. }
            | Request::RiskGrade { version, .. }
            | Request::RecordOffer { version, .. } => *version = now,
            Request::Meeting { version, .. } => *version = Some(now),
            Request::AddPerson(_)
            | Request::ReportMissing(_)
            | Request::AddMpmgMeeting(_)
            | Request::SetReviewed { .. }
            | Request::AddAction { .. } => {}
        }
        r
    }
}

/// A request with the words that say what it did ("Recorded Alex Smith found").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub request: Request,
    pub summary: String,
}
