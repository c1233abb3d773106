//! The young person's record.

use super::{Problem, when};
use crate::domain::record::Person;
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
