//! The SSD's cells as case systems write them: codes or labels, SQL Server
//! DATETIMEs with milliseconds, UK dates.

use crate::domain::codes::{EpisodeKind, Sex, YesNoNa};
use crate::domain::time::{Instant, from_uk_local, to_uk};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A time as the SSD writes it: UK local `YYYY-MM-DD HH:MM:SS`.
pub(super) fn datetime_cell(t: Instant) -> String {
    to_uk(t).format("%Y-%m-%d %H:%M:%S").to_string()
}

const TIME_FORMATS: [&str; 6] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
];

/// Reads a DATETIME: `2024-12-10 14:30:00`, `2024-12-10 00:00:00.000`
/// (SQL Server's milliseconds dropped), `2024-12-10 14:30`, `10/12/2024
/// 14:30`, or a date alone (`2024-12-10`, `10/12/2024`: midnight, which is
/// what a system holding only the date writes). UK local time; RFC 3339
/// with an offset is taken as it says.
pub(super) fn parse_datetime(text: &str) -> Result<Instant, String> {
    let text = text.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&chrono::Utc));
    }
    let bare = strip_fraction(text);
    let naive = TIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(bare, f).ok())
        .or_else(|| parse_day(bare).map(|d| d.and_time(NaiveTime::MIN)))
        .filter(|_| four_digit_year(bare))
        .ok_or_else(|| {
            format!("`{text}` is not a date and time: use YYYY-MM-DD HH:MM:SS (UK time), YYYY-MM-DD or DD/MM/YYYY")
        })?;
    from_uk_local(naive)
        .ok_or_else(|| format!("`{text}` does not exist in UK time: the clocks went forward that night"))
}

/// Reads a date of birth: `2010-02-03`, `03/02/2010`, or a DATETIME at
/// midnight (`2010-02-03 00:00:00.000`), as SQL Server exports a DATETIME column.
pub(super) fn parse_dob(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let bare = strip_fraction(text);
    let day = bare.split([' ', 'T']).next().unwrap_or_default();
    let time_ok = bare.len() == day.len() || {
        let rest = bare[day.len() + 1..].trim();
        matches!(rest, "00:00:00" | "00:00")
    };
    parse_day(day)
        .filter(|_| time_ok && four_digit_year(day))
        .ok_or_else(|| format!("`{text}` is not a date of birth: use YYYY-MM-DD or DD/MM/YYYY"))
}

fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y")).ok()
}

/// `2024-12-10 00:00:00.000` less its `.000`.
fn strip_fraction(text: &str) -> &str {
    match text.rsplit_once('.') {
        Some((head, digits))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && head.contains(':') =>
        {
            head
        }
        _ => text,
    }
}

/// A file's year is read exactly, never guessed from two digits.
fn four_digit_year(text: &str) -> bool {
    let day = text.split([' ', 'T']).next().unwrap_or_default();
    let year = if day.contains('/') { day.rsplit('/').next() } else { day.split('-').next() };
    year.is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
}

/// `M` / `A`, or the labels case systems use: Missing; Away, Absent, "Away
/// from placement without authorisation" (the DfE's `A`).
pub(super) fn parse_kind(text: &str) -> Result<EpisodeKind, String> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "m" | "missing" => Ok(EpisodeKind::Missing),
        "a" | "away" | "absent" | "away from placement without authorisation" | "absent from placement" => {
            Ok(EpisodeKind::Absent)
        }
        _ => Err(format!(
            "`{}` is not M (missing) or A (away without authorisation; Away and Absent are read as A)",
            text.trim()
        )),
    }
}

/// `Y` / `N` / `NA`, or Yes, No, N/A, Not applicable.
pub(super) fn parse_yes_no_na(text: &str) -> Result<YesNoNa, String> {
    let t = text.trim();
    match t.to_ascii_lowercase().as_str() {
        "y" | "yes" => Ok(YesNoNa::Yes),
        "n" | "no" => Ok(YesNoNa::No),
        "na" | "n/a" | "not applicable" => Ok(YesNoNa::Na),
        _ => Err(format!("`{t}` is not Y, N or NA (Yes and No are read too)")),
    }
}

/// `M` / `F` / `U`, or Male, Female, Unknown, Not known, Not stated,
/// Indeterminate (recorded as `U`: ri-chase holds no other code).
pub(super) fn parse_sex(text: &str) -> Result<Sex, String> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "m" | "male" => Ok(Sex::M),
        "f" | "female" => Ok(Sex::F),
        "u" | "unknown" | "not known" | "not stated" | "i" | "indeterminate" => Ok(Sex::U),
        _ => Err(format!("`{}` is not M, F or U (Male, Female, Unknown are read too)", text.trim())),
    }
}

pub(super) fn sex_cell(sex: Option<Sex>) -> &'static str {
    match sex {
        Some(Sex::M) => "M",
        Some(Sex::F) => "F",
        Some(Sex::U) | None => "U",
    }
}

pub(super) fn kind_cell(kind: EpisodeKind) -> &'static str {
    match kind {
        EpisodeKind::Missing => "M",
        EpisodeKind::Absent => "A",
    }
}
