//! New young person, and editing one.

use super::Known;
use super::field::{Field, FieldKind};
use super::form::{Form, FormKind};
use super::request::{Request, Submission, Target};
use super::{choices, parse_code, place_of, yes_no};
use crate::domain::codes::{CaseStatus, MissingFrom, NrmOutcome, Sex};
use crate::domain::record::{NrmReferral, Person, PersonRecord, Placement, Profile, full_name};
use crate::store::edit::Stamped;
use chrono::NaiveDate;

pub fn open(existing: Option<&Stamped<PersonRecord>>, known: &Known) -> Form {
    let p = existing.map(|s| &s.value.person);
    let profile = existing.map(|s| &s.value.profile);
    let text = |v: Option<&str>| v.unwrap_or("").to_string();
    let place = profile.and_then(|pr| pr.placement.as_ref());
    let nrm = profile.and_then(|pr| pr.nrm.as_ref());
    let day = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
    let fields =
        vec![
            Field::new("person_ref", "Local case ID", FieldKind::Text)
                .required()
                .with_text(text(p.map(|p| p.person_ref.as_str()))),
            Field::new("given_name", "Given name", FieldKind::Text)
                .required()
                .with_text(text(p.map(|p| p.given_name.as_str()))),
            Field::new("family_name", "Family name", FieldKind::Text)
                .required()
                .with_text(text(p.map(|p| p.family_name.as_str()))),
            Field::new("date_of_birth", "Date of birth", FieldKind::Day { birth: true })
                .required()
                .with_text(p.map(|p| p.date_of_birth.format("%d/%m/%Y").to_string()).unwrap_or_default()),
            Field::new("sex", "Sex", choices!(Sex, optional)).with_choice(p.and_then(|p| p.sex).map(|s| s.code())),
            Field::new("case_status", "Case status", choices!(CaseStatus))
                .required()
                .with_choice(Some(p.map_or(CaseStatus::NotOpen, |p| p.case_status).code())),
            Field::new("cse_strategy", "CSE strategy", yes_no())
                .with_choice(Some(if p.is_some_and(|p| p.cse_strategy) { "yes" } else { "no" })),
            Field::new("responsible_la", "Responsible LA", FieldKind::Text)
                .required()
                .with_text(p.map_or(known.authority.clone(), |p| p.responsible_la.clone())),
            Field::new("placement_la", "Placement LA", FieldKind::Text)
                .required()
                .with_text(p.map_or(known.authority.clone(), |p| p.placement_la.clone())),
            Field::new("lead_professional", "Lead professional", FieldKind::Suggest(known.workers.clone()))
                .with_text(text(p.and_then(|p| p.lead_professional.as_deref()))),
            Field::new("team", "Team", FieldKind::Suggest(known.teams.clone()))
                .with_text(text(p.and_then(|p| p.team.as_deref()))),
            Field::new("placement_type", "Placement type", choices!(MissingFrom, optional))
                .with_choice(place.map(|pl| pl.kind.code())),
            Field::new(
                "placement_name",
                "Placement",
                FieldKind::Suggest(known.placements.iter().map(|pl| pl.name.clone()).collect()),
            )
            .with_text(text(place.map(|pl| pl.name.as_str()))),
            Field::new("school", "School / EET", FieldKind::Text)
                .with_text(text(profile.and_then(|pr| pr.school.as_deref()))),
            Field::new("vulnerability", "Vulnerabilities", FieldKind::Text)
                .with_text(text(profile.and_then(|pr| pr.vulnerability.as_deref()))),
            // Exploitation, after the fields every child needs, so those keep their places.
            Field::new("cse_since", "CSE since", FieldKind::Day { birth: false })
                .hint("empty: today, if CSE strategy is yes")
                .with_text(day(profile.and_then(|pr| pr.cse_since))),
            Field::new("cce_risk", "CCE risk", yes_no())
                .hint("criminal exploitation, county lines included")
                .with_choice(Some(if p.is_some_and(|p| p.cce_risk) { "yes" } else { "no" })),
            Field::new("cce_since", "CCE since", FieldKind::Day { birth: false })
                .hint("empty: today, if CCE risk is yes")
                .with_text(day(profile.and_then(|pr| pr.cce_since))),
            Field::new("nrm_referred_on", "NRM referral", FieldKind::Day { birth: false })
                .hint("the date of a National Referral Mechanism referral")
                .with_text(day(nrm.map(|n| n.referred_on))),
            Field::new("nrm_outcome", "NRM outcome", choices!(NrmOutcome, optional))
                .with_choice(nrm.map(|n| n.outcome.code())),
        ];
    let mut form = match existing {
        Some(s) => Form::new(
            FormKind::EditPerson,
            "Edit young person",
            format!(
                "{} · {}",
                full_name(&s.value.person.given_name, &s.value.person.family_name),
                s.value.person.person_ref
            ),
            Target::Person { id: s.id, version: s.version },
            fields,
        ),
        None => Form::new(FormKind::NewPerson, "New young person", String::new(), Target::NewPerson, fields),
    };
    form.places = known.placements.clone();
    form
}

pub fn submit(form: &mut Form, today: NaiveDate) -> Option<Submission> {
    let text = |form: &Form, key: &str| form.field(key).and_then(|f| f.text());
    let date_of_birth = super::day(form, "date_of_birth", today);
    let flag = |form: &Form, key: &str| form.field(key).and_then(|f| f.choice()) == Some("yes");
    // A flag's date is when it was set: today unless given; none once cleared.
    let since = |form: &mut Form, flag_key: &str, key: &str| {
        let d = super::day(form, key, today);
        flag(form, flag_key).then(|| d.unwrap_or(today))
    };
    let cse_since = since(form, "cse_strategy", "cse_since");
    let cce_since = since(form, "cce_risk", "cce_since");
    let nrm_on = super::day(form, "nrm_referred_on", today);
    let nrm_outcome = form.field("nrm_outcome").and_then(|f| f.choice()).and_then(|c| NrmOutcome::parse(c).ok());
    if nrm_on.is_none() && nrm_outcome.is_some() {
        form.fail("nrm_referred_on", "give the date of the NRM referral, or clear its outcome");
    }
    let nrm =
        nrm_on.map(|referred_on| NrmReferral { referred_on, outcome: nrm_outcome.unwrap_or(NrmOutcome::Pending) });
    // A placement is recorded by its name; a child living at home has none.
    let placement = match place_of(form, "placement_type", "placement_name") {
        Ok(Some((kind, Some(name)))) => Some(Placement { kind, name }),
        Ok(Some((_, None))) => {
            form.fail("placement_name", "give the placement's name; for a child living at home, leave both empty");
            None
        }
        Ok(None) | Err(()) => None,
    };
    form.require_filled();
    if form.has_errors() {
        return None;
    }
    let person = Person {
        person_ref: text(form, "person_ref")?,
        given_name: text(form, "given_name")?,
        family_name: text(form, "family_name")?,
        date_of_birth: date_of_birth?,
        sex: form.field("sex").and_then(|f| f.choice()).and_then(|c| Sex::parse(c).ok()),
        responsible_la: text(form, "responsible_la")?,
        placement_la: text(form, "placement_la")?,
        case_status: parse_code(form.field("case_status")?.choice()?, CaseStatus::parse)?,
        cse_strategy: flag(form, "cse_strategy"),
        cce_risk: flag(form, "cce_risk"),
        lead_professional: text(form, "lead_professional"),
        team: text(form, "team"),
    };
    let profile = Profile {
        vulnerability: text(form, "vulnerability"),
        placement,
        school: text(form, "school"),
        cse_since,
        cce_since,
        nrm,
    };
    let name = full_name(&person.given_name, &person.family_name);
    let record = PersonRecord { person, profile };
    match form.target {
        Target::Person { id, version } => Some(Submission {
            request: Request::UpdatePerson { id, version, record },
            summary: format!("Saved {name}'s details"),
        }),
        _ => Some(Submission { request: Request::AddPerson(record), summary: format!("Added {name}") }),
    }
}
