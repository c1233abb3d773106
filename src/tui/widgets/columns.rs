//! Column widths for every table on every tab, from one rule: each column
//! first gets its natural width (its widest cell or its header), so dates,
//! times, statuses and counts are never cut; only when the room runs out do
//! the columns that can give way (names, free text) shrink, widest first,
//! with an ellipsis; and before any name or text is cut, the columns that may
//! go (a reference, the cohort: the detail pane says them) are left out.
//! Spare room goes to the last column.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a column gives way when the room runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Dates, times, statuses, counts and codes: always shown whole.
    Whole,
    /// Names and free text: cut with an ellipsis, never below its header.
    Shrink,
    /// Shown whole, or left out (lowest number first) rather than cut a
    /// name or text: something the detail pane also says.
    Optional(u8),
}

/// The width of each column, for `headers` over `rows` in `room` cells with
/// `spacing` between columns; 0 for a column left out. Widths add up (with
/// the spacing between the columns shown) to no more than `room`. Only when
/// even the shrinkable columns at their headers' width leave too little room
/// are the last columns cut.
pub fn fit_widths(headers: &[&str], fits: &[Fit], rows: &[Vec<String>], room: u16, spacing: u16) -> Vec<u16> {
    let mut widest = vec![0; headers.len()];
    for row in rows {
        widen(&mut widest, row);
    }
    fit_measured(headers, fits, &widest, room, spacing)
}

/// Widens `widest` (a width per column) to hold `cells`.
pub fn widen(widest: &mut [usize], cells: &[String]) {
    for (w, cell) in widest.iter_mut().zip(cells) {
        *w = (*w).max(cell.width());
    }
}

/// [`fit_widths`] from each column's widest cell, measured beforehand
/// (`widest`), so a long list need not be read again at every frame.
pub fn fit_measured(headers: &[&str], fits: &[Fit], widest: &[usize], room: u16, spacing: u16) -> Vec<u16> {
    let natural: Vec<usize> =
        headers.iter().enumerate().map(|(i, h)| h.width().max(widest.get(i).copied().unwrap_or(0))).collect();
    let fit = |i: usize| fits.get(i).copied().unwrap_or(Fit::Whole);
    let mut shown: Vec<bool> = vec![true; headers.len()];
    loop {
        let widths = fit_shown(headers, &natural, fits, &shown, room as usize, spacing as usize);
        let squeezed = (0..headers.len()).any(|i| shown[i] && fit(i) == Fit::Shrink && widths[i] < natural[i]);
        let next = (0..headers.len())
            .filter_map(|i| match fit(i) {
                Fit::Optional(rank) if shown[i] => Some((rank, i)),
                _ => None,
            })
            .min();
        match next {
            Some((_, i)) if squeezed => shown[i] = false,
            _ => return widths.into_iter().map(|w| w as u16).collect(),
        }
    }
}

/// [`fit_widths`] for the columns `shown`.
fn fit_shown(
    headers: &[&str],
    natural: &[usize],
    fits: &[Fit],
    shown: &[bool],
    room: usize,
    spacing: usize,
) -> Vec<usize> {
    let mut widths: Vec<usize> = natural.iter().zip(shown).map(|(w, on)| if *on { *w } else { 0 }).collect();
    let count = shown.iter().filter(|on| **on).count();
    if count == 0 {
        return widths;
    }
    let room = room.saturating_sub(spacing * (count - 1));
    let total: usize = widths.iter().sum();
    if total <= room {
        if let Some(last) = (0..widths.len()).rev().find(|&i| shown[i]) {
            widths[last] += room - total;
        }
        return widths;
    }
    // Shrink the widest shrinkable column a cell at a time, so names give way
    // evenly; none goes below its header.
    let floor: Vec<usize> = headers.iter().map(|h| h.width().max(2)).collect();
    let mut over = total - room;
    while over > 0 {
        let widest = (0..widths.len())
            .filter(|&i| shown[i] && fits.get(i) == Some(&Fit::Shrink) && widths[i] > floor[i])
            .max_by_key(|&i| (widths[i], i));
        let Some(i) = widest else { break };
        widths[i] -= 1;
        over -= 1;
    }
    // Still too wide (a very narrow area): the last columns give way.
    for w in widths.iter_mut().rev() {
        if over == 0 {
            break;
        }
        let cut = over.min(*w);
        *w -= cut;
        over -= cut;
    }
    widths
}

/// `text` cut to `width` cells with an ellipsis, or whole if it fits.
pub fn clip(text: &str, width: u16) -> String {
    let width = width as usize;
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Fit::{Optional, Shrink, Whole};

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn every_column_gets_its_natural_width_and_the_spare_goes_last() {
        let r = rows(&[&["Alex Testcase", "Tue 31/03 21:00", "Held (in time)"]]);
        let w = fit_widths(&["Child", "Due", "Status"], &[Shrink, Whole, Whole], &r, 60, 1);
        assert_eq!(w, [13, 15, 60 - 2 - 13 - 15]);
    }

    #[test]
    fn names_shrink_before_any_date_is_cut() {
        let r = rows(&[&["Charlie Richardson-Smythe", "Sun 29/11 12:00", "still missing"]]);
        // 25 + 15 + 13 + 2 spaces = 55; in 45 the name loses 10.
        let w = fit_widths(&["Child", "Missing since", "Returned"], &[Shrink, Whole, Whole], &r, 45, 1);
        assert_eq!(w, [15, 15, 13]);
    }

    #[test]
    fn the_widest_shrinkable_column_gives_way_first_and_none_below_its_header() {
        let r = rows(&[&["A very long child name", "Short", "x"]]);
        let w = fit_widths(&["Child", "Worker", "F"], &[Shrink, Shrink, Whole], &r, 20, 1);
        assert_eq!(w, [11, 6, 1], "the name shrinks alone while it is the widest");
        let w = fit_widths(&["Child", "Worker", "F"], &[Shrink, Shrink, Whole], &r, 14, 1);
        assert_eq!(w, [5, 6, 1], "each stops at its header");
    }

    #[test]
    fn headers_are_never_cut_while_there_is_room_for_them() {
        let r = rows(&[&["Jo", "3"]]);
        let w = fit_widths(&["Child", "Episodes"], &[Shrink, Whole], &r, 14, 1);
        assert_eq!(w, [5, 8]);
    }

    #[test]
    fn with_no_room_left_the_last_columns_give_way_and_the_sum_fits() {
        let r = rows(&[&["Alex", "Tue 31/03 21:00", "Held (in time)"]]);
        let w = fit_widths(&["Child", "Due", "Status"], &[Shrink, Whole, Whole], &r, 25, 1);
        assert_eq!(w.iter().map(|w| *w as usize).sum::<usize>() + 2, 25);
        assert_eq!(w[..2], [5, 15]);
        assert!(fit_widths(&[], &[], &[], 10, 1).is_empty());
    }

    #[test]
    fn optional_columns_go_before_a_name_is_cut() {
        let r = rows(&[&["Charlie Richardson", "LCS448057", "Thu 19/12/2024 15:18", "Placed in"]]);
        let h = ["Child", "Ref", "Missing since", "Cohort"];
        let f = [Shrink, Optional(2), Whole, Optional(1)];
        // All fit at their natural widths: 18 + 9 + 20 + 9 + 3 = 59.
        assert_eq!(fit_widths(&h, &f, &r, 59, 1), [18, 9, 20, 9]);
        // A cell short: the cohort (first to go) is left out, then the reference.
        assert_eq!(fit_widths(&h, &f, &r, 58, 1), [18, 9, 29, 0], "the spare goes to the last one shown");
        assert_eq!(fit_widths(&h, &f, &r, 49, 1), [18, 9, 20, 0]);
        assert_eq!(fit_widths(&h, &f, &r, 48, 1), [18, 0, 29, 0]);
        // Then the name gives way.
        assert_eq!(fit_widths(&h, &f, &r, 36, 1), [15, 0, 20, 0]);
        // With nothing left to leave out, the name shrinks to its header.
        assert_eq!(fit_widths(&h, &f, &r, 26, 1), [5, 0, 20, 0]);
    }

    #[test]
    fn clipping_adds_an_ellipsis_and_counts_wide_characters() {
        assert_eq!(clip("Charlie Richardson", 10), "Charlie R…");
        assert_eq!(clip("Charlie", 7), "Charlie");
        assert_eq!(clip("日本語の名前", 7), "日本語…");
        assert_eq!(clip("abc", 0), "");
        assert_eq!(clip("abc", 1), "…");
    }
}
