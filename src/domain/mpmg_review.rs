//! The Missing Persons Monitoring Group (MPMG): a monthly meeting that
//! reviews a month's children and agrees actions for each (what, who, by
//! when, done or not). Its values, and the rules a form's values must meet,
//! as pure functions: "today" is always a parameter.

use super::checks::Problem;
use super::history::Month;
use super::when::{describe_day, month_number};
use chrono::{Datelike, Days, NaiveDate};
use thiserror::Error;

/// How far ahead a meeting may be recorded: far enough to set up next
/// month's meeting (and prepare its cohort), not so far that a mistyped year
/// slips through.
pub const MAX_DAYS_AHEAD: u64 = 42;

/// A due date further ahead than this is probably a mistyped year.
const DUE_WARN_DAYS: u64 = 366;

/// One meeting of the group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MpmgMeeting {
    pub held_on: NaiveDate,
    /// The month whose children it reviewed (usually the one before it met).
    pub month: Month,
    /// Who attended, as typed (agencies and names).
    pub attendees: Option<String>,
    pub notes: Option<String>,
}

/// One action agreed for a child.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub what: String,
    /// Who will do it (a worker, a team, an agency).
    pub who: Option<String>,
    /// By when; `None` when no date was agreed.
    pub due_on: Option<NaiveDate>,
    /// When it was done; `None` while it is open.
    pub done_on: Option<NaiveDate>,
}

impl Action {
    pub fn is_open(&self) -> bool {
        self.done_on.is_none()
    }

    /// Open and due before `today`: an action due today is not yet overdue.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        overdue(self.due_on, self.done_on, today)
    }

    /// Whole days past its due date, for an overdue action.
    pub fn days_overdue(&self, today: NaiveDate) -> Option<i64> {
        self.due_on.filter(|_| self.is_overdue(today)).map(|due| (today - due).num_days())
    }
}

/// The overdue rule on bare columns, for counts that do not read whole actions.
pub fn overdue(due_on: Option<NaiveDate>, done_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    done_on.is_none() && due_on.is_some_and(|due| due < today)
}

/// A month that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("`{0}` is not a month: write it as 2026-03, 03/2026 or Mar 2026")]
pub struct NotAMonth(pub String);

/// Reads a month: `2026-03` (as stored), `03/2026`, `3/2026`, `Mar 2026` or `March 2026`.
pub fn parse_month(text: &str) -> Result<Month, NotAMonth> {
    let t = text.trim();
    let fail = || NotAMonth(t.to_string());
    let numeric = |year: &str, month: &str| -> Option<Month> {
        let (year, month) = (year.trim().parse::<i32>().ok()?, month.trim().parse::<u32>().ok()?);
        ((1000..=9999).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
    };
    if let Some((y, m)) = t.split_once('-') {
        return numeric(y, m).ok_or_else(fail);
    }
    if let Some((m, y)) = t.split_once('/') {
        return numeric(y, m).ok_or_else(fail);
    }
    let (name, year) = t.split_once(char::is_whitespace).ok_or_else(fail)?;
    let month = month_number(name).ok_or_else(fail)?;
    numeric(year, &month.to_string()).ok_or_else(fail)
}

/// A month as stored and typed: `2026-03`.
pub fn month_code((year, month): Month) -> String {
    format!("{year:04}-{month:02}")
}

/// A month as a person reads it: `Mar 2026`.
pub fn month_label(month: Month) -> String {
    first_day(month).map_or_else(|| month_code(month), |d| d.format("%b %Y").to_string())
}

/// The first day of a month (`None` only for a month no calendar has).
pub fn first_day((year, month): Month) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

/// The month before the one `today` falls in: what a meeting usually reviews.
pub fn month_before(today: NaiveDate) -> Month {
    super::history::months_before((today.year(), today.month()), 1)
}

/// Months from `from` to `to` (negative when `to` is earlier).
fn months_between(from: Month, to: Month) -> i64 {
    let index = |(y, m): Month| i64::from(y) * 12 + i64::from(m);
    index(to) - index(from)
}

/// What the meeting rules need beyond the form's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingContext {
    pub today: NaiveDate,
    /// When another meeting reviewing the same month was held, if one is recorded.
    pub month_taken: Option<NaiveDate>,
    /// The earliest due or done date among the actions agreed at this
    /// meeting (none for a new one): the meeting cannot move after it.
    pub earliest_action_date: Option<NaiveDate>,
}

/// Problems with a meeting's values.
pub fn check_meeting(m: &MpmgMeeting, ctx: &MeetingContext) -> Vec<Problem> {
    let mut out = Vec::new();
    let held = describe_day(m.held_on);
    if ctx.today.checked_add_days(Days::new(MAX_DAYS_AHEAD)).is_some_and(|limit| m.held_on > limit) {
        out.push(Problem::blocking(
            "held_on",
            format!("{held} is more than {} weeks ahead; record a meeting nearer the time", MAX_DAYS_AHEAD / 7),
        ));
    }
    if let Some(first) = first_day(m.month) {
        if m.held_on < first {
            out.push(Problem::blocking(
                "month",
                format!("a meeting on {held} cannot review {}: that month had not begun", month_label(m.month)),
            ));
        } else if months_between(m.month, (m.held_on.year(), m.held_on.month())) > 12 {
            out.push(Problem::warning(
                "month",
                format!("{} is over a year before the meeting; check the year", month_label(m.month)),
            ));
        }
    }
    if let Some(other) = ctx.month_taken {
        out.push(Problem::blocking(
            "month",
            format!(
                "{} already has its meeting (held {}); open that one to change it",
                month_label(m.month),
                describe_day(other)
            ),
        ));
    }
    if let Some(earliest) = ctx.earliest_action_date.filter(|d| *d < m.held_on) {
        out.push(Problem::blocking(
            "held_on",
            format!("an action agreed at this meeting is dated {}, before {held}", describe_day(earliest)),
        ));
    }
    out
}

/// Problems with an action's values; `meeting_held_on` is the date of the
/// meeting that agreed it, if it is tied to one.
pub fn check_action(a: &Action, meeting_held_on: Option<NaiveDate>, today: NaiveDate) -> Vec<Problem> {
    let mut out = Vec::new();
    if a.what.trim().is_empty() {
        out.push(Problem::blocking("what", "is required but empty: say what is to be done"));
    }
    if a.who.as_deref().is_none_or(|w| w.trim().is_empty()) {
        out.push(Problem::warning("who", "no one is named to do it"));
    }
    if let Some(due) = a.due_on {
        if let Some(held) = meeting_held_on.filter(|held| due < *held) {
            out.push(Problem::blocking(
                "due_on",
                format!("{} is before the meeting that agreed it ({})", describe_day(due), describe_day(held)),
            ));
        } else if today.checked_add_days(Days::new(DUE_WARN_DAYS)).is_some_and(|limit| due > limit) {
            out.push(Problem::warning("due_on", format!("{} is over a year ahead; check the year", describe_day(due))));
        }
    }
    if let Some(done) = a.done_on {
        out.extend(check_done(done, meeting_held_on, today));
    }
    out
}

/// Problems with marking an action done on `done`.
pub fn check_done(done: NaiveDate, meeting_held_on: Option<NaiveDate>, today: NaiveDate) -> Vec<Problem> {
    let mut out = Vec::new();
    if done > today {
        out.push(Problem::blocking("done_on", format!("{} is in the future", describe_day(done))));
    }
    if let Some(held) = meeting_held_on.filter(|held| done < *held) {
        out.push(Problem::blocking(
            "done_on",
            format!("{} is before the meeting that agreed it ({})", describe_day(done), describe_day(held)),
        ));
    }
    out
}

#[cfg(test)]
mod tests;
