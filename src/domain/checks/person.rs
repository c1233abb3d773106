//! The young person's record.

use super::{Problem, when};
use crate::domain::record::{Person, Profile};
use crate::domain::time::{Instant, uk_date};
use chrono::{Months, NaiveDate};

/// Children's services work with young people up to 25 (care leavers).
pub(super) const MAX_AGE_MONTHS: u32 = 25 * 12;

/// What the young person rules need beyond the form's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonContext {
    pub today: NaiveDate,
    /// The authority running the software (for the cohort).
    pub authority: String,
    /// The name of another child who already has this `person_ref`.
    pub ref_taken_by: Option<String>,
    /// The child's earliest episode (reference, start): born before it.
    pub first_episode: Option<(String, Instant)>,
}

/// Problems with a young person's record.
pub fn person(p: &Person, ctx: &PersonContext) -> Vec<Problem> {
    let mut out = Vec::new();
    for (field, value) in [
        ("person_ref", &p.person_ref),
        ("given_name", &p.given_name),
        ("family_name", &p.family_name),
        ("responsible_la", &p.responsible_la),
        ("placement_la", &p.placement_la),
    ] {
        if value.trim().is_empty() {
            out.push(Problem::blocking(field, "is required but empty"));
        }
    }
    if let Some(other) = &ctx.ref_taken_by {
        out.push(Problem::blocking(
            "person_ref",
            format!("`{}` is already the reference of {other}; each child has their own", p.person_ref.trim()),
        ));
    }
    let dob = p.date_of_birth;
    if dob > ctx.today {
        out.push(Problem::blocking("date_of_birth", format!("{dob} is in the future")));
    }
    // Counted in calendar months so that a birthday on 29 February is
    // measured the way chrono clamps it (to 28 February in other years).
    if let Some(limit) = ctx.today.checked_sub_months(Months::new(MAX_AGE_MONTHS))
        && dob < limit
    {
        out.push(Problem::blocking(
            "date_of_birth",
            format!("{dob} is more than 25 years ago; check the year (the service is for young people up to 25)"),
        ));
    }
    if let Some((episode_ref, start)) = &ctx.first_episode
        && dob > uk_date(*start)
    {
        out.push(Problem::blocking(
            "date_of_birth",
            format!("{dob} is after the child's episode {episode_ref} began ({})", when(*start)),
        ));
    }
    let (r, l) = (p.responsible_la.trim(), p.placement_la.trim());
    if !r.is_empty() && !l.is_empty() && crate::domain::cohort::cohort_of(r, l, &ctx.authority).is_none() {
        out.push(Problem::blocking(
            "placement_la",
            format!(
                "neither responsible_la `{r}` nor placement_la `{l}` is {}, this database's authority",
                ctx.authority
            ),
        ));
    }
    out
}

/// Problems with the dates the exploitation fields carry: a flag set, or an
/// NRM referral made, neither in the future nor before the child was born.
pub fn profile_dates(p: &Person, profile: &Profile, today: NaiveDate) -> Vec<Problem> {
    let mut out = Vec::new();
    let dob = p.date_of_birth;
    let nrm = profile.nrm.as_ref().map(|n| n.referred_on);
    for (field, date) in [("cse_since", profile.cse_since), ("cce_since", profile.cce_since), ("nrm_referred_on", nrm)]
    {
        match date {
            Some(d) if d > today => out.push(Problem::blocking(field, format!("{d} is in the future"))),
            Some(d) if d < dob => {
                out.push(Problem::blocking(field, format!("{d} is before the child was born ({dob})")))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod profile_tests {
    use super::*;
    use crate::domain::codes::{CaseStatus, NrmOutcome};
    use crate::domain::record::NrmReferral;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn flag_and_referral_dates_lie_between_birth_and_today() {
        let p = Person {
            person_ref: "T1".into(),
            given_name: "Syn".into(),
            family_name: "Thetic".into(),
            date_of_birth: day(2010, 4, 1),
            sex: None,
            responsible_la: "Northshire".into(),
            placement_la: "Northshire".into(),
            case_status: CaseStatus::ChildInCare,
            cse_strategy: true,
            cce_risk: true,
            lead_professional: None,
            team: None,
        };
        let today = day(2026, 3, 30);
        let ok = Profile { cse_since: Some(day(2010, 4, 1)), cce_since: Some(today), ..Profile::default() };
        assert_eq!(profile_dates(&p, &ok, today), []);
        let bad = Profile {
            cse_since: Some(day(2026, 3, 31)),
            cce_since: Some(day(2010, 3, 31)),
            nrm: Some(NrmReferral { referred_on: day(2027, 1, 1), outcome: NrmOutcome::Pending }),
            ..Profile::default()
        };
        let fields: Vec<&str> = profile_dates(&p, &bad, today).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["cse_since", "cce_since", "nrm_referred_on"]);
    }
}
