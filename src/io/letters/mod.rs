//! Letters to placing authorities: for every child placed here by another
//! authority whose return interview is past its deadline, the authority gets
//! a letter (one per authority, covering each such child) saying what
//! happened, what we have done, what we ask, and our offer to complete the
//! interview for them. The words are a plain-text template the user can edit
//! ([`template`]); every value from the data goes in through
//! [`printable`], so a name cannot carry terminal controls or reorder text.

pub mod file_name;
pub mod template;

use crate::domain::chase::ChaseRow;
use crate::domain::chase_groups::chase_groups;
use crate::domain::codes::Band;
use crate::domain::holidays::BankHolidays;
use crate::domain::record::Attempt;
use crate::domain::time::{Instant, display_local, format_span, to_uk, uk_date};
use crate::domain::visible::printable;
use crate::store::{RI_CHARGE_TEXT, Result, Store};
use chrono::NaiveDate;
use std::collections::HashMap;
use template::{Template, TemplateError};

/// The fields a letter template may name.
pub const FIELDS: &[&str] =
    &["our_authority", "placing_authority", "date", "children", "child_count", "offer", "charge"];

/// One child in a letter: the chase row, with what the letter adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterChild {
    pub row: ChaseRow,
    pub date_of_birth: Option<NaiveDate>,
    /// The attempts made by "now", undated ones (counted by an import) first.
    pub attempts: Vec<Attempt>,
}

/// One placing authority's letter, before it is put in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub placing_authority: String,
    pub children: Vec<LetterChild>,
}

/// Everything the letters need, read at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letters {
    pub our_authority: String,
    pub charge: String,
    pub now: Instant,
    pub letters: Vec<Letter>,
}

/// The letters due at `now`: one per placing authority with a child whose
/// interview is overdue on the chase list (the same rows as the Chase
/// screen), in the list's order; `episode` narrows them to that episode's.
pub fn gather(store: &Store, now: Instant, holidays: &BankHolidays, episode: Option<&str>) -> Result<Letters> {
    let rows: Vec<ChaseRow> = store
        .chase_list(now, holidays)?
        .into_iter()
        .filter(|r| r.placing_la.is_some() && r.band == Band::Overdue)
        .filter(|r| episode.is_none_or(|e| r.episode_ref == e))
        .collect();
    let mut letters = Vec::new();
    for group in chase_groups(&rows).placed_in {
        let mut children = Vec::new();
        for row in group.rows {
            let page = store.person_page(&row.person_ref)?;
            let line =
                page.as_ref().and_then(|p| p.episodes.iter().find(|e| e.case.episode.episode_ref == row.episode_ref));
            let attempts = line
                .map(|l| l.attempts.iter().filter(|a| a.at.is_none_or(|t| t <= now)).cloned().collect())
                .unwrap_or_default();
            children.push(LetterChild {
                row: row.clone(),
                date_of_birth: page.map(|p| p.record.person.date_of_birth),
                attempts,
            });
        }
        letters.push(Letter { placing_authority: group.name.unwrap_or_default().to_string(), children });
    }
    Ok(Letters {
        our_authority: store.authority()?.unwrap_or_default(),
        charge: store.text_setting(RI_CHARGE_TEXT)?,
        now,
        letters,
    })
}

/// Reads a template's text, checked against [`FIELDS`].
pub fn template(text: &str, source: &str) -> std::result::Result<Template, TemplateError> {
    Template::parse(text, source, FIELDS)
}

/// One letter in words.
pub fn draft(letters: &Letters, letter: &Letter, template: &Template) -> String {
    let clean = |s: &str| printable(s).trim().to_string();
    let charge = clean(&letters.charge);
    let offer = if charge.is_empty() {
        "If it would help, we can complete the return interview for you: tell us and we will arrange it.".to_string()
    } else {
        format!("If it would help, we can complete the return interview for you, at our charge of {charge}.")
    };
    let children: Vec<String> = letter.children.iter().map(|c| child_block(c, letters.now)).collect();
    let values = HashMap::from([
        ("our_authority", clean(&letters.our_authority)),
        ("placing_authority", clean(&letter.placing_authority)),
        ("date", to_uk(letters.now).format("%-d %B %Y").to_string()),
        ("children", children.join("\n\n")),
        ("child_count", letter.children.len().to_string()),
        ("offer", offer),
        ("charge", charge),
    ]);
    template.fill(&values)
}

/// A child's paragraph: who, the episode, the deadline, what we have done.
fn child_block(child: &LetterChild, now: Instant) -> String {
    let r = &child.row;
    let clean = |s: &str| printable(s).trim().to_string();
    let born = child.date_of_birth.map(|d| format!(", born {}", d.format("%d/%m/%Y"))).unwrap_or_default();
    let hours = (r.due_at - r.returned_at).num_hours();
    let mut lines = vec![
        format!("- {} (our reference {}){born}", clean(&r.name), clean(&r.person_ref)),
        format!(
            "  Went missing from {} at {}; returned {} (our episode {}).",
            where_from(r),
            display_local(r.missing_at),
            display_local(r.returned_at),
            clean(&r.episode_ref)
        ),
        format!(
            "  The return interview was due by {}, {hours} hours after the return; it is {} overdue.",
            display_local(r.due_at),
            format_span(-r.minutes_left)
        ),
        format!("  What we have done: {}", done(child)),
    ];
    if let Some(since) = r.missing_again_since.filter(|t| *t <= now) {
        lines.push(format!(
            "  The child has been missing again since {}; the interview can be held once they are back.",
            display_local(since)
        ));
    }
    lines.join("\n")
}

/// `The Gables (independent children's home)`, or the kind alone.
fn where_from(r: &ChaseRow) -> String {
    let kind = r.missing_from.label().to_lowercase();
    match r.missing_from_name.as_deref().map(|n| printable(n).trim().to_string()).filter(|n| !n.is_empty()) {
        Some(name) => format!("{name} ({kind})"),
        None => kind,
    }
}

/// `1 child`, `2 children`.
pub fn children_words(n: usize) -> String {
    if n == 1 { "1 child".to_string() } else { format!("{n} children") }
}

/// `2 attempts (Mon 30 Mar 2026 10:00, face to face, not seen; one not dated). Our worker: Sam Worker.`
fn done(child: &LetterChild) -> String {
    let n = child.attempts.len().max(child.row.attempts as usize);
    let attempts = match n {
        0 => "no attempt at the interview is recorded yet".to_string(),
        _ => {
            let dated: Vec<String> = child
                .attempts
                .iter()
                .filter_map(|a| {
                    let at = a.at?;
                    let mut words = vec![display_local(at)];
                    words.extend(a.method.map(|m| m.label().to_lowercase()));
                    words.extend(a.outcome.map(|o| o.label().to_lowercase()));
                    Some(words.join(", "))
                })
                .collect();
            let undated = n - dated.len();
            let mut said = dated;
            match undated {
                0 => {}
                1 if said.is_empty() => said.push("recorded without a date".to_string()),
                _ if said.is_empty() => said.push("recorded without dates".to_string()),
                1 => said.push("one more recorded without a date".to_string()),
                k => said.push(format!("{k} more recorded without dates")),
            }
            let attempts = if n == 1 { "1 attempt".to_string() } else { format!("{n} attempts") };
            format!("{attempts} at the interview ({})", said.join("; "))
        }
    };
    let worker = match r_worker(child) {
        Some(w) => format!("Our worker: {w}."),
        None => "No worker of ours is assigned.".to_string(),
    };
    format!("{attempts}. {worker}")
}

fn r_worker(child: &LetterChild) -> Option<String> {
    child.row.worker.as_deref().map(|w| printable(w).trim().to_string()).filter(|w| !w.is_empty())
}

/// The UK date a set of letters is dated (for file names and messages).
pub fn dated(letters: &Letters) -> NaiveDate {
    uk_date(letters.now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chase::chase_rows;
    use crate::domain::codes::{AttemptMethod, AttemptOutcome, Cohort};
    use crate::domain::rules::Rules;
    use crate::domain::testkit::{at, case};

    #[test]
    fn a_child_s_paragraph_says_each_dated_attempt_the_worker_and_missing_again() {
        let mut c = case("2026-06-01 08:00", Some("2026-06-01 09:00"));
        c.episode.at_the_time.cohort = Cohort::PlacedIn;
        c.episode.at_the_time.responsible_la = "Southby".into();
        c.interview.worker = Some("Sam\u{1B}[2J Worker".into());
        c.interview.attempts = 3;
        c.child_missing_since = Some(at("2026-06-05 07:00"));
        let now = at("2026-06-05 10:00");
        let row = chase_rows(&[c], now, &Rules::default(), &BankHolidays::bundled()).remove(0);
        let seen = Attempt {
            at: Some(at("2026-06-02 10:00")),
            method: Some(AttemptMethod::FaceToFace),
            outcome: Some(AttemptOutcome::NotSeen),
        };
        let child = LetterChild {
            row,
            date_of_birth: NaiveDate::from_ymd_opt(2010, 4, 1),
            attempts: vec![Attempt::default(), seen.clone(), seen],
        };
        let letters = Letters { our_authority: "Northshire".into(), charge: String::new(), now, letters: vec![] };
        let letter = Letter { placing_authority: "Southby".into(), children: vec![child] };
        let t = template("{children}", "t").expect("template");
        assert_eq!(
            draft(&letters, &letter, &t),
            "- Test Child (our reference C1), born 01/04/2010\n\
             \x20 Went missing from home at Mon 1 Jun 2026 08:00; returned Mon 1 Jun 2026 09:00 (our episode E1).\n\
             \x20 The return interview was due by Thu 4 Jun 2026 09:00, 72 hours after the return; it is 1d 1h overdue.\n\
             \x20 What we have done: 3 attempts at the interview (Tue 2 Jun 2026 10:00, face to face, not seen; \
             Tue 2 Jun 2026 10:00, face to face, not seen; one more recorded without a date). Our worker: Sam[2J Worker.\n\
             \x20 The child has been missing again since Fri 5 Jun 2026 07:00; the interview can be held once they are back."
        );
    }
}
