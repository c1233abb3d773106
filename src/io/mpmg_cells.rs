//! The MPMG month as text: each list's cells (shared with the screens, so a
//! row reads the same wherever it is shown) and the three lists under
//! headings for `ri-chase mpmg --format table`.

use super::cells::{cohort_short, place};
use super::output::{TextTable, write_table};
use crate::domain::codes::ReviewReason;
use crate::domain::mpmg::{CohortRow, MpmgMonth, MpmgSettings, PersistentRow, TopRow};
use crate::domain::time::{Instant, display_local, display_short};
use std::io::Write;

pub const COHORT_HEADERS: [&str; 12] =
    ["Child", "Ref", "Ep", "Hours", "Status", "Why", "CSE/CCE", "Cohort", "From", "Lead", "Team", "Last missing"];

/// Why a child is reviewed, in a few words: `in care; 3+ episodes`.
pub fn reasons_text(reasons: &[ReviewReason], settings: &MpmgSettings) -> String {
    let words: Vec<String> = reasons
        .iter()
        .map(|r| match r {
            ReviewReason::InCare => "in care".to_string(),
            ReviewReason::ThreeOrMore => format!("{}+ episodes", settings.month_threshold),
        })
        .collect();
    words.join("; ")
}

fn dash(text: Option<&str>) -> String {
    text.filter(|t| !t.trim().is_empty()).unwrap_or("-").to_string()
}

/// CSE beside CCE: which of the two the child is flagged with (at the latest episode).
fn exploitation(cse: bool, cce: bool) -> String {
    match (cse, cce) {
        (true, true) => "CSE CCE",
        (true, false) => "CSE",
        (false, true) => "CCE",
        (false, false) => "-",
    }
    .to_string()
}

pub fn cohort_cells(r: &CohortRow, settings: &MpmgSettings, now: Instant) -> Vec<String> {
    vec![
        r.name.clone(),
        r.person_ref.clone(),
        r.episodes.to_string(),
        r.hours_missing.to_string(),
        r.case_status.label().to_string(),
        reasons_text(&r.review_reasons, settings),
        exploitation(r.cse_strategy, r.cce_risk),
        cohort_short(r.cohort).to_string(),
        place(r.missing_from, r.missing_from_name.as_deref()),
        dash(r.lead_professional.as_deref()),
        dash(r.team.as_deref()),
        display_short(r.last_missing_at, now),
    ]
}

pub const TOP_HEADERS: [&str; 10] =
    ["Rank", "Child", "Ref", "Ep", "Hours", "Last missing", "Status", "CSE/CCE", "From", "12 months"];

/// Episodes per month as a line of bars, scaled to the busiest month; a dot
/// is a month with none, so an empty month never reads as a small one.
pub fn sparkline_text(counts: &[u64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&n| match n {
            0 => '·',
            n => BARS[((n * 8).div_ceil(max.max(1)) as usize).clamp(1, 8) - 1],
        })
        .collect()
}

pub fn top_cells(r: &TopRow, now: Instant) -> Vec<String> {
    vec![
        r.rank.to_string(),
        r.name.clone(),
        r.person_ref.clone(),
        r.episodes.to_string(),
        r.hours_missing.to_string(),
        display_short(r.last_missing_at, now),
        r.case_status.label().to_string(),
        exploitation(r.cse_strategy, r.cce_risk),
        place(r.missing_from, r.missing_from_name.as_deref()),
        sparkline_text(&r.sparkline),
    ]
}

pub const PERSISTENT_HEADERS: [&str; 3] = ["Child", "Ref", "Episodes"];

pub fn persistent_cells(r: &PersistentRow) -> Vec<String> {
    vec![r.name.clone(), r.person_ref.clone(), r.episodes.to_string()]
}

/// The three lists under headings that say what each one counts.
pub fn write_mpmg_tables(m: &MpmgMonth, now: Instant, mut out: impl Write) -> std::io::Result<()> {
    let s = &m.settings;
    let month = m.month.long_name();
    writeln!(out, "MPMG {month} ({}), as of {}", m.month, display_local(now))?;
    writeln!(out)?;
    writeln!(
        out,
        "Children to review: missing while in care, or {} or more times in {month} ({})",
        s.month_threshold,
        m.cohort.len()
    )?;
    let cohort = TextTable {
        headers: COHORT_HEADERS.to_vec(),
        rows: m.cohort.iter().map(|r| cohort_cells(r, s, now)).collect(),
    };
    write_table(&cohort, &mut out)?;
    writeln!(out)?;
    writeln!(out, "Top {}: most episodes in {month}, then most hours, then the most recent", s.top_n)?;
    let top = TextTable { headers: TOP_HEADERS.to_vec(), rows: m.top10.iter().map(|r| top_cells(r, now)).collect() };
    write_table(&top, &mut out)?;
    writeln!(out)?;
    writeln!(
        out,
        "Persistently missing in {}: {} or more episodes in the quarter ({})",
        m.quarter,
        s.quarter_threshold,
        m.persistent_quarter.len()
    )?;
    let persistent = TextTable {
        headers: PERSISTENT_HEADERS.to_vec(),
        rows: m.persistent_quarter.iter().map(persistent_cells).collect(),
    };
    write_table(&persistent, &mut out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparklines_scale_to_the_busiest_month_and_dot_the_empty_ones() {
        assert_eq!(sparkline_text(&[0, 1, 2, 4, 8]), "·▁▂▄█");
        assert_eq!(sparkline_text(&[0, 0]), "··");
        assert_eq!(sparkline_text(&[1, 3]), "▃█");
        assert_eq!(sparkline_text(&[]), "");
    }

    #[test]
    fn reasons_read_with_the_threshold_in_force() {
        let s = MpmgSettings { month_threshold: 4, ..MpmgSettings::default() };
        assert_eq!(reasons_text(&[ReviewReason::InCare, ReviewReason::ThreeOrMore], &s), "in care; 4+ episodes");
        assert_eq!(reasons_text(&[], &s), "");
    }
}
