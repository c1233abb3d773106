//! The DfE's rules on the Missing table alone, as the DfE validator
//! (`csc-validator-be-903` 0.1.14, `lac_validator/rules/lac2022_23/`, the
//! same in every later year) applies them: to the file's text, CHILD in
//! capitals (it capitalises every cell as it reads them, so `ab1` and `AB1`
//! are one child to the DfE), dates read as `dd/mm/yyyy`, a blank cell empty.

use super::table::MissingLine;
use crate::domain::period::FinancialYear;
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::fmt;

/// The rules checked, in the order breaches of one row are listed.
pub const RULES: [&str; 12] = ["1004", "1005", "1006", "564", "565", "566", "567", "570", "571", "574", "586", "INT13"];

/// A row that breaks a rule, and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub child: String,
    pub episode_ref: String,
    pub rule: &'static str,
    pub what: String,
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} rule {}: {}", self.child, self.episode_ref, self.rule, self.what)
    }
}

/// A cell read as the validator reads it: `None` when blank.
fn cell(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// A date as the validator reads one (`dd/mm/yyyy`); `None` when blank or not a date.
fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%d/%m/%Y").ok()
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// One row as the rules see it.
struct Read<'a> {
    line: &'a MissingLine,
    child: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    dob: Option<NaiveDate>,
}

/// Every breach of [`RULES`] in `lines` (the table in file order) for
/// collection `year`, row by row.
pub fn check(lines: &[MissingLine], year: FinancialYear) -> Vec<Breach> {
    let (year_start, year_end) = collection(year);
    let rows: Vec<Read> = lines
        .iter()
        .map(|line| Read {
            line,
            child: line.child.to_uppercase(),
            start: date(&line.mis_start),
            end: date(&line.mis_end),
            dob: date(&line.dob),
        })
        .collect();
    let mut found: Vec<(usize, Breach)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let mut add = |rule: &'static str, what: String| {
            found.push((i, Breach { child: r.line.child.clone(), episode_ref: r.line.episode_ref.clone(), rule, what }))
        };
        let l = r.line;
        let kind = cell(&l.missing).map(str::to_uppercase);
        if r.start.is_none() {
            add(
                "1004",
                format!("MIS_START `{}` is not a date (dd/mm/yyyy): record when the episode began", l.mis_start),
            );
        }
        if cell(&l.mis_end).is_some() && r.end.is_none() {
            add("1005", format!("MIS_END `{}` is not a date (dd/mm/yyyy): record when the child returned", l.mis_end));
        }
        if kind.as_deref().is_some_and(|k| k != "M" && k != "A") {
            add("1006", format!("MISSING `{}` is not M (missing) or A (away without authorisation)", l.missing));
        }
        if kind.as_deref().is_some_and(|k| k == "M" || k == "A") && cell(&l.mis_start).is_none() {
            add("564", "the child was missing or away but MIS_START is blank: record when the episode began".into());
        }
        if cell(&l.mis_start).is_some() && kind.is_none() {
            add("565", "MIS_START is given but MISSING is blank: say whether missing (M) or away (A)".into());
        }
        if cell(&l.mis_end).is_some() && kind.is_none() {
            add("566", "MIS_END is given but MISSING is blank: say whether missing (M) or away (A)".into());
        }
        if let (Some(s), Some(e)) = (r.start, r.end)
            && e < s
        {
            add("567", format!("ended {} before it began {}: correct the return or the start", dmy(e), dmy(s)));
        }
        if let Some(s) = r.start
            && s > year_end
        {
            add("570", format!("began {}, after the collection year ended ({})", dmy(s), dmy(year_end)));
        }
        if let Some(e) = r.end
            && (e < year_start || e > year_end)
        {
            add(
                "571",
                format!("ended {}, outside the collection year ({} to {})", dmy(e), dmy(year_start), dmy(year_end)),
            );
        }
        if let (Some(s), Some(dob)) = (r.start, r.dob)
            && s <= dob
        {
            add(
                "586",
                format!(
                    "began {} on or before the child's date of birth {}: correct the date of birth or the start",
                    dmy(s),
                    dmy(dob)
                ),
            );
        }
    }
    overlaps(&rows, &mut found);
    one_date_of_birth(&rows, &mut found);
    let order = |rule: &str| RULES.iter().position(|r| *r == rule);
    found.sort_by(|(i, a), (j, b)| (i, order(a.rule)).cmp(&(j, order(b.rule))));
    found.into_iter().map(|(_, b)| b).collect()
}

/// 1 April and 31 March of the collection year.
fn collection(year: FinancialYear) -> (NaiveDate, NaiveDate) {
    let first = |y| NaiveDate::from_ymd_opt(y, 4, 1).unwrap_or(NaiveDate::MIN);
    (first(year.0), first(year.0 + 1).pred_opt().unwrap_or(NaiveDate::MIN))
}

/// Rule 574: a child's episodes, ordered by end (an open one by its start)
/// then start, file order breaking ties (the validator's stable sort); an
/// episode after an open one, or beginning before the one before it ended,
/// breaks it.
fn overlaps(rows: &[Read], found: &mut Vec<(usize, Breach)>) {
    // The validator sorts blank (NaT) dates last.
    let last_if_blank = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    };
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (&rows[i], &rows[j]);
        a.child
            .cmp(&b.child)
            .then_with(|| last_if_blank(a.end.or(a.start), b.end.or(b.start)))
            .then_with(|| last_if_blank(a.start, b.start))
            .then(Ordering::Equal)
    });
    for pair in order.windows(2) {
        let (prev, next) = (&rows[pair[0]], &rows[pair[1]]);
        if prev.child != next.child {
            continue;
        }
        let p = prev.line;
        let what = match (prev.end, next.start) {
            (None, _) => format!(
                "began while episode {} (begun {}) was still open: record when the child returned from it",
                p.episode_ref, p.mis_start
            ),
            (Some(end), Some(start)) if start < end => format!(
                "began {} and overlaps episode {} ({} to {}): correct the times so one child's episodes do not overlap",
                dmy(start),
                p.episode_ref,
                p.mis_start,
                dmy(end)
            ),
            _ => continue,
        };
        let l = next.line;
        found.push((pair[1], Breach { child: l.child.clone(), episode_ref: l.episode_ref.clone(), rule: "574", what }));
    }
}

/// INT13: one date of birth per child. The DfE compares each row with the
/// child's header; ours is the child's first row (as the validator's driver
/// builds the header).
fn one_date_of_birth(rows: &[Read], found: &mut Vec<(usize, Breach)>) {
    let mut firsts: HashMap<&str, &Read> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let first = *firsts.entry(r.child.as_str()).or_insert(r);
        if let (Some(theirs), Some(this)) = (first.dob, r.dob)
            && theirs != this
        {
            let l = r.line;
            found.push((
                i,
                Breach {
                    child: l.child.clone(),
                    episode_ref: l.episode_ref.clone(),
                    rule: "INT13",
                    what: format!(
                        "date of birth {} differs from {} given for {} (the DfE reads CHILD in capitals, so these are one child): give each child one reference and one date of birth",
                        dmy(this),
                        dmy(theirs),
                        first.line.child
                    ),
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests;
