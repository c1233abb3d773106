//! The demo's MPMG history: a meeting for each of the three months before
//! now, each reviewing the first children of that month's cohort and agreeing
//! an action or two for them; some done, some open, some overdue, so every
//! part of the MPMG tab and the child's screen has something to show.

use crate::domain::mpmg_review::{Action, MpmgMeeting};
use crate::domain::period::YearMonth;
use crate::domain::time::{Instant, uk_date};
use crate::store::edit::EditError;
use crate::store::{Store, StoreError};
use chrono::{Days, NaiveDate};

/// Children each meeting reviews (the top of the month's cohort).
const REVIEWED: usize = 6;

const WHAT: [(&str, &str); 4] = [
    ("Refresh the safety plan with the placement", "Lead professional"),
    ("Share the return interview with the police missing person co-ordinator", "Missing co-ordinator"),
    ("Refer to the CSE service for a risk assessment", "Social worker"),
    ("Arrange a joint visit with the youth offending service", "YOS worker"),
];

pub fn add_meetings(store: &mut Store, now: Instant) -> Result<(), StoreError> {
    add(store, now).map_err(|e| match e {
        EditError::Store(e) => e,
        // The demo's own values break no rule; if one does, say which.
        other => StoreError::Corrupt(format!("the demo's MPMG history: {other}")),
    })
}

fn add(store: &mut Store, now: Instant) -> Result<(), EditError> {
    let today = uk_date(now);
    let this_month = YearMonth::containing(now);
    for back in (1..=3).rev() {
        let month = this_month.plus(-back);
        // The group meets on the 10th of the month after the one it reviews (or today, if sooner).
        let held_on = day(month.plus(1), 10).min(today);
        let meeting = MpmgMeeting {
            held_on,
            month: month.as_month(),
            attendees: Some("Police, YOS, runaways service, CSE team, health, social care".into()),
            notes: None,
        };
        let (meeting_id, _) = store.add_mpmg_meeting(&meeting, today)?;
        let cohort = store.mpmg_month(month, now)?.cohort;
        for (i, row) in cohort.iter().take(REVIEWED).enumerate() {
            let person_id = store
                .person_id_by_ref(&row.person_ref)?
                .ok_or_else(|| StoreError::Corrupt(format!("{} is not in the demo", row.person_ref)))?;
            store.set_reviewed(meeting_id, person_id, true)?;
            let (what, who) = WHAT[(i + back as usize) % WHAT.len()];
            let due_on = held_on.checked_add_days(Days::new(14 + 7 * i as u64)).unwrap_or(held_on);
            // Older meetings' actions are mostly done; the latest's are open, some already overdue.
            let done_on = (back > 1 && i % 3 != 0).then(|| due_on.min(today));
            let action = Action { what: what.into(), who: Some(who.into()), due_on: Some(due_on), done_on };
            store.add_action(person_id, Some(meeting_id), &action, today)?;
        }
    }
    Ok(())
}

fn day(month: YearMonth, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(month.year(), month.month(), day).unwrap_or(NaiveDate::MIN)
}
