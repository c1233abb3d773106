//! The fixed vocabularies of the domain, each with the code used in files and
//! JSON and the label people read. One macro so every code list parses,
//! prints and reports its allowed values the same way.

use serde::{Serialize, Serializer};
use std::fmt;
use thiserror::Error;

/// A value that is not one of a vocabulary's codes.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("`{value}` is not one of: {allowed}")]
pub struct UnknownCode {
    pub value: String,
    pub allowed: String,
}

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal / $label:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order screens and reports list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code used in files, JSON and the database.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The words a person reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Reads a code (or an older code it replaced); surrounding
            /// spaces and letter case are forgiven.
            pub fn parse(text: &str) -> Result<Self, UnknownCode> {
                let t = text.trim();
                $(if t.eq_ignore_ascii_case($code) $(|| t.eq_ignore_ascii_case($alias))* { return Ok($name::$variant); })+
                Err(UnknownCode {
                    value: t.to_string(),
                    allowed: [$($code),+].join(", "),
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}

codes!(
    /// The child's status with children's services at the time.
    CaseStatus {
        NotOpen = "not_open" / "Not open",
        EarlyHelp = "early_help" / "Early help",
        ChildInNeed = "child_in_need" / "Child in need",
        ChildProtection = "child_protection" / "Child protection",
        ChildInCare = "child_in_care" / "Child in care",
    }
);

codes!(
    /// What prevention work was for (DOMAIN.md "Patterns").
    TargetType {
        Person = "person" / "Child",
        Placement = "placement" / "Placement",
        School = "school" / "School / EET",
    }
);

codes!(
    /// The kind of place a child went missing from.
    MissingFrom {
        Home = "home" / "Home",
        OtherFamily = "other_family" / "Other family",
        LaHome = "la_home" / "Council children's home",
        Foster = "foster" / "Foster home",
        IndependentHome = "independent_home" / "Independent children's home",
        Other = "other" / "Other",
    }
);

codes!(
    /// Missing (whereabouts unknown) or away without authorisation (known).
    EpisodeKind {
        Missing = "missing" / "Missing",
        Absent = "absent" / "Away without authorisation",
    }
);

codes!(
    /// The police risk grade, as the College of Policing grades it now: a
    /// continuum from very low to high. "Absent" (abolished in 2017) became
    /// "no apparent risk", since renamed "very low"; older data with any of
    /// those names (or this program's old `none`) reads as very low.
    Risk {
        VeryLow = "very_low" / "Very low" | "none" | "no_apparent_risk" | "absent",
        Low = "low" / "Low",
        Medium = "medium" / "Medium",
        High = "high" / "High",
    }
);

codes!(
    /// A yes / no the national datasets ask for, or "not applicable" (the
    /// SSD's and Annex A's `Y` / `N` / `NA`).
    YesNoNa {
        Yes = "Y" / "Yes",
        No = "N" / "No",
        Na = "NA" / "Not applicable",
    }
);

codes!(
    /// A kind of exploitation a child is at risk of, or an episode raised a
    /// concern about: sexual, or criminal (county lines included).
    Exploitation {
        Cse = "cse" / "CSE",
        Cce = "cce" / "CCE",
    }
);

codes!(
    /// Where a National Referral Mechanism referral stands.
    NrmOutcome {
        Pending = "pending" / "Awaiting decision",
        ReasonableGrounds = "reasonable_grounds" / "Positive reasonable grounds",
        ConclusiveGrounds = "conclusive_grounds" / "Positive conclusive grounds",
        Negative = "negative" / "Negative decision",
        Withdrawn = "withdrawn" / "Withdrawn",
    }
);

codes!(
    Sex {
        F = "F" / "Female",
        M = "M" / "Male",
        U = "U" / "Unknown",
    }
);

codes!(
    /// How a return interview was concluded.
    RiOutcome {
        FaceToFace = "face_to_face" / "Completed face to face",
        FromCarers = "from_carers" / "Completed from carers and agencies",
        Declined = "declined" / "Declined by the child",
        NotRequired = "not_required" / "Not required",
    }
);

codes!(
    /// Reasons for going missing, as judged from the return interview.
    Reason {
        CriminalActivity = "criminal_activity" / "Criminal activity",
        ReturnToFamily = "return_to_family" / "Wanting to return to family",
        Behaviour = "behaviour" / "Behaviour problems",
        Friends = "friends" / "Wanting to be with friends",
        Independence = "independence" / "Wanting independence",
        Drugs = "drugs" / "Drugs",
        Miscommunication = "miscommunication" / "Miscommunication",
        Cse = "cse" / "CSE",
        Housing = "housing" / "Housing problems",
    }
);

codes!(
    /// What has been recorded about an episode's strategy meeting.
    MeetingRecord {
        Planned = "planned" / "Planned",
        Held = "held" / "Held",
        NotNeeded = "not_needed" / "Not needed (found first)",
        NotHeld = "not_held" / "Not held",
    }
);

codes!(
    /// How an attempt at a return interview was made.
    AttemptMethod {
        FaceToFace = "face_to_face" / "Face to face",
        Phone = "phone" / "Phone",
        Message = "message" / "Text or message",
        Letter = "letter" / "Letter",
    }
);

codes!(
    /// What came of one attempt at a return interview.
    AttemptOutcome {
        Seen = "seen" / "Seen",
        NotSeen = "not_seen" / "Not seen",
        MissingAgain = "missing_again" / "Child missing again",
        Declined = "declined" / "Declined",
    }
);

codes!(
    /// A manager's quality sign-off of a return interview.
    Signoff {
        Pending = "pending" / "Pending",
        Approved = "approved" / "Approved",
        Rework = "rework" / "Returned for rework",
    }
);

codes!(
    /// Whose child, living where, as seen from the authority running the software.
    Cohort {
        Local = "local" / "Local",
        OutOfArea = "out_of_area" / "Placed out of area",
        PlacedIn = "placed_in" / "Placed in by another LA",
    }
);

codes!(
    /// Where a return interview stands against its 72-hour clock.
    Band {
        Overdue = "overdue" / "Overdue",
        Within24h = "within_24h" / "Due within 24 hours",
        Later = "later" / "Later",
    }
);

codes!(
    /// What a chase row warns about.
    ChaseFlag {
        MissingAgain = "missing_again" / "Missing again",
        DueOnNonWorkingDay = "due_on_weekend_or_bank_holiday" / "Due on a weekend or bank holiday",
        NoWorker = "no_worker" / "No worker assigned",
    }
);

codes!(
    /// Why a child is on the month's MPMG list. The code names the default
    /// threshold; the number in force is a setting.
    ReviewReason {
        InCare = "in_care" / "Missing while in care",
        ThreeOrMore = "three_or_more" / "Repeatedly missing this month",
    }
);

codes!(
    /// Where a strategy meeting stands, as the Strategy list shows it.
    StrategyStatus {
        Due = "due" / "Due",
        DueSoon = "due_soon" / "Due soon",
        Planned = "planned" / "Planned",
        Held = "held" / "Held",
        NotNeeded = "not_needed" / "Not needed",
        NotHeld = "not_held" / "Not held",
    }
);

codes!(
    /// Where a child went missing from, as the report groups it: the family
    /// home and other family together (DOMAIN.md, the report's locations).
    Location {
        Home = "home" / "Home (incl. other family)",
        LaHome = "la_home" / "Council children's home",
        Foster = "foster" / "Foster home",
        IndependentHome = "independent_home" / "Independent children's home",
        Other = "other" / "Other",
    }
);

impl From<MissingFrom> for Location {
    fn from(m: MissingFrom) -> Self {
        match m {
            MissingFrom::Home | MissingFrom::OtherFamily => Location::Home,
            MissingFrom::LaHome => Location::LaHome,
            MissingFrom::Foster => Location::Foster,
            MissingFrom::IndependentHome => Location::IndependentHome,
            MissingFrom::Other => Location::Other,
        }
    }
}

codes!(
    /// How long an episode lasted, in the report's bands (edges in `report::length_band`).
    LengthBand {
        UpTo12h = "0-12h" / "Under 12 hours",
        UpTo24h = "12-24h" / "12 to 24 hours",
        UpTo48h = "24-48h" / "24 to 48 hours",
        UpTo72h = "48-72h" / "48 to 72 hours",
        From72h = "72h+" / "72 hours and over",
    }
);

impl Exploitation {
    /// Concerns as files and the database hold them: codes joined by `;`.
    pub fn join(concerns: &[Exploitation]) -> String {
        concerns.iter().map(|c| c.code()).collect::<Vec<_>>().join(";")
    }

    /// Concerns as people read them: `CSE and CCE`.
    pub fn join_labels(concerns: &[Exploitation]) -> String {
        concerns.iter().map(|c| c.label()).collect::<Vec<_>>().join(" and ")
    }

    /// Reads `cse;cce` (any order; repeats and blanks forgiven) into code order.
    pub fn parse_list(text: &str) -> Result<Vec<Exploitation>, UnknownCode> {
        let mut out = Vec::new();
        for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let c = Exploitation::parse(part)?;
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out.sort();
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_forgive_case_and_spaces() {
        for s in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(s.code()), Ok(*s));
        }
        assert_eq!(Risk::parse(" HIGH "), Ok(Risk::High));
        assert_eq!(Sex::parse("f"), Ok(Sex::F));
    }

    #[test]
    fn older_risk_grades_read_as_very_low_and_write_as_very_low() {
        for old in ["none", "no_apparent_risk", "absent", " Very_Low "] {
            assert_eq!(Risk::parse(old), Ok(Risk::VeryLow), "{old}");
        }
        assert_eq!(Risk::VeryLow.code(), "very_low");
        let e = Risk::parse("minimal").expect_err("not a grade");
        assert_eq!(e.to_string(), "`minimal` is not one of: very_low, low, medium, high");
    }

    #[test]
    fn an_unknown_code_names_the_allowed_ones() {
        let e = EpisodeKind::parse("runaway").expect_err("not a code");
        assert_eq!(e.to_string(), "`runaway` is not one of: missing, absent");
    }
}
