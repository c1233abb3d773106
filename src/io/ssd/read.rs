//! Import: a case system's `ssd_missing` and `ssd_person` extract, read into
//! the episode CSV's columns and judged by its checks ([`read_rows`]), so
//! both imports keep one set of rules. All or nothing; every bad line is
//! named as `FILE line N: column: problem`.
//!
//! The SSD carries no authorities, case status or placement. An episode
//! already held keeps its own; a new episode of a child already held gets
//! the child's current ones (and where they usually are); a new child is
//! ours and lives here, case status `not_open`, missing from `other`, until
//! someone records better on the child's screen. The SSD never changes a
//! known child's current circumstances: only names, date of birth and sex.
//! An empty cell (or an absent optional column) keeps what is held.

use super::values::{parse_datetime, parse_dob, parse_kind, parse_sex, parse_yes_no_na};
use crate::domain::codes::{CaseStatus, EpisodeKind, MissingFrom, YesNoNa};
use crate::domain::record::{Person, ReturnInterview};
use crate::domain::ri_offer::{accepted, offered};
use crate::domain::rules::ri_required_by_default;
use crate::domain::time::{Instant, iso_local};
use crate::io::episodes_csv::{ImportError, LineError, read_rows};
use crate::store::{ImportItem, Store, StoreError};
use std::collections::HashMap;
use std::fmt;
use std::io::Read;

/// One problem in one of the two files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsdLineError {
    pub file: String,
    pub line: u64,
    pub column: String,
    pub problem: String,
}

impl fmt::Display for SsdLineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}: {}: {}", self.file, self.line, self.column, self.problem)
    }
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum SsdImportError {
    #[error("{} problem(s) in the files; nothing was imported", .0.len())]
    Invalid(Vec<SsdLineError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What the extract would write.
#[derive(Debug)]
pub struct SsdImport {
    pub items: Vec<ImportItem>,
    /// Children not held before, given the defaults above.
    pub new_children: usize,
}

/// The older data model's names for two columns, read as today's.
const ALIASES: [(&str, &str); 3] = [
    ("miss_missing_episode_start", "miss_missing_episode_start_date"),
    ("miss_missing_episode_end", "miss_missing_episode_end_date"),
    ("pers_la_person_id", "pers_person_id"),
];

/// A file read whole: where each known column is, and its rows with their lines.
struct Table {
    at: HashMap<&'static str, usize>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    fn cell<'a>(&self, row: &'a [String], column: &str) -> Option<&'a str> {
        self.at.get(column).and_then(|i| row.get(*i)).map(|s| s.trim())
    }
}

/// Reads one file: `known` are the columns used, `required` those it must
/// have; another column is an error in a file whose every column ri-chase
/// knows (`strict`), and ignored in one that carries more than it reads.
fn read_table(
    input: impl Read,
    file: &str,
    known: &[&'static str],
    required: &[&str],
    strict: bool,
    errors: &mut Vec<SsdLineError>,
) -> Option<Table> {
    let fail = |line: u64, column: &str, problem: String| SsdLineError {
        file: file.to_string(),
        line,
        column: column.to_string(),
        problem,
    };
    let mut input = input;
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        errors.push(fail(1, "(file)", format!("cannot be read: {e}")));
        return None;
    }
    let line_at = |pos: Option<&csv::Position>, fallback: u64| pos.map_or(fallback, |p| line_of(&bytes, p.byte()));
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes.as_slice());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            errors.push(fail(1, "(header)", e.to_string()));
            return None;
        }
    };
    let before = errors.len();
    let mut at = HashMap::new();
    for (i, raw) in headers.iter().enumerate() {
        let name = raw.trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
        let name = ALIASES.iter().find(|(old, _)| *old == name).map_or(name.as_str(), |(_, new)| new).to_string();
        match known.iter().find(|k| **k == name) {
            Some(k) if at.insert(*k, i).is_some() => errors.push(fail(1, k, "appears more than once".into())),
            Some(_) => {}
            None if strict && name.is_empty() => errors.push(fail(
                1,
                &format!("column {}", i + 1),
                "has no name; name it, or remove it (a comma too many in the first line?)".into(),
            )),
            None if strict => {
                errors.push(fail(1, &name, format!("unknown column; the columns are {}", known.join(", "))))
            }
            None => {}
        }
    }
    for r in required {
        if !at.contains_key(r) {
            errors.push(fail(1, r, "this required column is missing".into()));
        }
    }
    if errors.len() > before {
        return None;
    }
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        match record {
            Ok(r) => {
                let line = line_at(r.position(), n as u64 + 2);
                if r.len() != headers.len() {
                    errors.push(fail(
                        line,
                        "(row)",
                        format!("has {} fields; the header has {}", r.len(), headers.len()),
                    ));
                    continue;
                }
                rows.push((line, r.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = line_at(e.position(), n as u64 + 2);
                let problem = match e.kind() {
                    csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 (save the file as UTF-8)".to_string(),
                    _ => e.to_string(),
                };
                errors.push(fail(line, "(row)", problem));
            }
        }
    }
    Some(Table { at, rows })
}

/// The line a record starting at byte `at` is on. The CSV reader's own count
/// is one short after a CRLF line end (it counts the `\n` as the next
/// record's), and case systems write CRLF: so count here.
pub(super) fn line_of(bytes: &[u8], at: u64) -> u64 {
    let mut start = usize::try_from(at).unwrap_or(bytes.len()).min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    1 + bytes[..start].iter().filter(|b| **b == b'\n').count() as u64
}

/// A child as the person file gives them.
struct PersonRow {
    forename: String,
    surname: String,
    dob: chrono::NaiveDate,
    sex: Option<crate::domain::codes::Sex>,
}

/// Reads and checks the extract against the database: the items to write, or every problem.
#[allow(clippy::too_many_arguments)]
pub fn read_ssd(
    missing: impl Read,
    missing_file: &str,
    person: impl Read,
    person_file: &str,
    store: &Store,
    authority: &str,
    now: Instant,
) -> Result<SsdImport, SsdImportError> {
    let mut errors = Vec::new();
    let m = read_table(
        missing,
        missing_file,
        &super::MISSING_COLUMNS,
        &["miss_table_id", "miss_person_id", "miss_missing_episode_start_date"],
        true,
        &mut errors,
    );
    let p = read_table(
        person,
        person_file,
        &super::PERSON_COLUMNS,
        &["pers_person_id", "pers_forename", "pers_surname", "pers_dob"],
        false,
        &mut errors,
    );
    let (Some(m), Some(p)) = (m, p) else {
        return Err(SsdImportError::Invalid(errors));
    };
    let mut person_lines: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, (_, row)) in p.rows.iter().enumerate() {
        if let Some(id) = p.cell(row, "pers_person_id").filter(|id| !id.is_empty()) {
            person_lines.entry(id.to_string()).or_default().push(i);
        }
    }
    let mut people: HashMap<String, Option<PersonRow>> = HashMap::new();
    let mut rows = Vec::new();
    let mut known_people = Vec::new();
    let mut new_children = std::collections::HashSet::new();
    for (line, row) in &m.rows {
        let mut fail = |column: &str, problem: String| {
            errors.push(SsdLineError { file: missing_file.into(), line: *line, column: column.into(), problem })
        };
        let episode_ref = m.cell(row, "miss_table_id").unwrap_or_default().to_string();
        let person_ref = m.cell(row, "miss_person_id").unwrap_or_default().to_string();
        if episode_ref.is_empty() {
            fail("miss_table_id", "is required but empty".into());
        }
        if person_ref.is_empty() {
            fail("miss_person_id", "is required but empty".into());
        }
        let start = match m.cell(row, "miss_missing_episode_start_date").filter(|v| !v.is_empty()) {
            None => {
                fail("miss_missing_episode_start_date", "is required but empty".into());
                None
            }
            Some(t) => parse_datetime(t).map_err(|e| fail("miss_missing_episode_start_date", e)).ok(),
        };
        let end = match m.cell(row, "miss_missing_episode_end_date").filter(|v| !v.is_empty()) {
            None => Some(None),
            Some(t) => parse_datetime(t).map(Some).map_err(|e| fail("miss_missing_episode_end_date", e)).ok(),
        };
        let kind = match m.cell(row, "miss_missing_episode_type").filter(|v| !v.is_empty()) {
            None => Some(None),
            Some(t) => parse_kind(t).map(Some).map_err(|e| fail("miss_missing_episode_type", e)).ok(),
        };
        let mut yna = |column: &str| match m.cell(row, column).filter(|v| !v.is_empty()) {
            None => Some(None),
            Some(t) => parse_yes_no_na(t).map(Some).map_err(|e| fail(column, e)).ok(),
        };
        let (off, acc) = (yna("miss_missing_rhi_offered"), yna("miss_missing_rhi_accepted"));
        let mut fail = |column: &str, problem: String| {
            errors.push(SsdLineError { file: missing_file.into(), line: *line, column: column.into(), problem })
        };
        if let (Some(Some(o)), Some(Some(a))) = (off, acc)
            && (o == YesNoNa::Na) != (a == YesNoNa::Na)
        {
            fail(
                "miss_missing_rhi_accepted",
                format!(
                    "is {} but miss_missing_rhi_offered is {}: NA (not required) goes in both or neither",
                    a.code(),
                    o.code()
                ),
            );
        }
        // The child's row in the person file, read once however many episodes name it.
        let child = if person_ref.is_empty() {
            None
        } else {
            if !people.contains_key(&person_ref) {
                let found = person_row(&p, &person_lines, &person_ref, person_file, &mut errors);
                people.insert(person_ref.clone(), found);
            }
            match people.get(&person_ref) {
                Some(Some(c)) => Some(c),
                Some(None) => None,
                None => None,
            }
        };
        if !person_ref.is_empty() && !person_lines.contains_key(&person_ref) {
            errors.push(SsdLineError {
                file: missing_file.into(),
                line: *line,
                column: "miss_person_id".into(),
                problem: format!(
                    "`{person_ref}` is not in {person_file} (pers_person_id): the child's name and date of birth come from there"
                ),
            });
        }
        let (Some(child), Some(start), Some(end), Some(kind), Some(off), Some(acc)) =
            (child, start, end, kind, off, acc)
        else {
            continue;
        };
        if episode_ref.is_empty() {
            continue;
        }
        let known_episode = store.case_by_ref(&episode_ref)?;
        let known_person = store.person_by_ref(&person_ref)?;
        let mut cells: Vec<(&'static str, String)> = vec![
            ("person_ref", person_ref.clone()),
            ("given_name", child.forename.clone()),
            ("family_name", child.surname.clone()),
            ("date_of_birth", child.dob.format("%Y-%m-%d").to_string()),
            ("episode_ref", episode_ref.clone()),
            ("missing_at", iso_local(start)),
        ];
        if let Some(sex) = child.sex {
            cells.push(("sex", sex.code().to_string()));
        }
        // An empty end keeps a return already held: ri-chase often hears of
        // a return before the case system records it.
        if let Some(t) = end {
            cells.push(("returned_at", iso_local(t)));
        }
        if let Some(k) = kind {
            cells.push(("type", k.code().to_string()));
        }
        let kind_now = kind.or(known_episode.as_ref().map(|(_, c)| c.episode.kind)).unwrap_or(EpisodeKind::Missing);
        match (&known_episode, &known_person) {
            (Some((_, c)), _) => {
                let t = &c.episode.at_the_time;
                cells.push(("responsible_la", t.responsible_la.clone()));
                cells.push(("placement_la", t.placement_la.clone()));
                cells.push(("case_status", t.case_status.code().to_string()));
                cells.push(("missing_from_type", c.episode.missing_from.code().to_string()));
            }
            (None, Some((id, held))) => {
                cells.push(("responsible_la", held.responsible_la.clone()));
                cells.push(("placement_la", held.placement_la.clone()));
                cells.push(("case_status", held.case_status.code().to_string()));
                cells.push(("cse_strategy", yes_no(held.cse_strategy)));
                cells.push(("cce_risk", yes_no(held.cce_risk)));
                cells.push(("lead_professional", held.lead_professional.clone().unwrap_or_default()));
                cells.push(("team", held.team.clone().unwrap_or_default()));
                let (from, name) = store.usual_place(*id)?.unwrap_or((MissingFrom::Other, None));
                cells.push(("missing_from_type", from.code().to_string()));
                cells.push(("missing_from_name", name.unwrap_or_default()));
            }
            (None, None) => {
                new_children.insert(person_ref.clone());
                cells.push(("responsible_la", authority.to_string()));
                cells.push(("placement_la", authority.to_string()));
                cells.push(("case_status", CaseStatus::NotOpen.code().to_string()));
                cells.push(("missing_from_type", MissingFrom::Other.code().to_string()));
            }
        }
        let base = match &known_episode {
            Some((_, c)) => c.interview.clone(),
            None => ReturnInterview { required: ri_required_by_default(kind_now), ..ReturnInterview::default() },
        };
        interview_cells(&base, off, acc, &mut cells);
        known_people.push(known_person.map(|(_, p)| p));
        rows.push((*line, cells));
    }
    let checked = read_rows(rows, store, authority, now);
    let mut items = match checked {
        Ok(items) if errors.is_empty() => items,
        Ok(_) => Vec::new(),
        Err(ImportError::Store(e)) => return Err(e.into()),
        Err(ImportError::Invalid(found)) => {
            errors.extend(found.into_iter().map(|e| in_ssd_terms(e, missing_file)));
            Vec::new()
        }
    };
    if !errors.is_empty() {
        // The person file's problems after the missing file's, each in line order.
        errors.sort_by_key(|e| (e.file != missing_file, e.line));
        errors.dedup();
        return Err(SsdImportError::Invalid(errors));
    }
    for (item, held) in items.iter_mut().zip(known_people) {
        if let Some(held) = held {
            keep_circumstances(&mut item.person, held);
        }
    }
    Ok(SsdImport { items, new_children: new_children.len() })
}

/// The person file's row for a child, checked; `None` (with its problems
/// noted) when it is absent or bad.
fn person_row(
    p: &Table,
    lines: &HashMap<String, Vec<usize>>,
    person_ref: &str,
    file: &str,
    errors: &mut Vec<SsdLineError>,
) -> Option<PersonRow> {
    let at = lines.get(person_ref)?;
    let (line, row) = &p.rows[at[0]];
    for other in &at[1..] {
        let (again, _) = &p.rows[*other];
        errors.push(SsdLineError {
            file: file.into(),
            line: *again,
            column: "pers_person_id".into(),
            problem: format!("`{person_ref}` is also on line {line}; each child appears once"),
        });
    }
    let mut fail = |column: &str, problem: String| {
        errors.push(SsdLineError { file: file.into(), line: *line, column: column.into(), problem })
    };
    let forename = p.cell(row, "pers_forename").unwrap_or_default().to_string();
    let surname = p.cell(row, "pers_surname").unwrap_or_default().to_string();
    if forename.is_empty() {
        fail("pers_forename", "is required but empty".into());
    }
    if surname.is_empty() {
        fail("pers_surname", "is required but empty".into());
    }
    let dob = match p.cell(row, "pers_dob").filter(|v| !v.is_empty()) {
        None => {
            fail("pers_dob", "is required but empty".into());
            None
        }
        Some(t) => parse_dob(t).map_err(|e| fail("pers_dob", e)).ok(),
    };
    let sex = match p.cell(row, "pers_sex").filter(|v| !v.is_empty()) {
        None => Some(None),
        Some(t) => parse_sex(t).map(Some).map_err(|e| fail("pers_sex", e)).ok(),
    };
    if forename.is_empty() || surname.is_empty() || at.len() > 1 {
        return None;
    }
    Some(PersonRow { forename, surname, dob: dob?, sex: sex? })
}

/// The interview columns for the file's offered / accepted, laid over what
/// is held (`base`): only a value that differs from what ri-chase already
/// derives is recorded, so a re-import of our own export changes nothing.
/// `NA` means none was required; `Y` or `N` that one was.
fn interview_cells(
    base: &ReturnInterview,
    off: Option<YesNoNa>,
    acc: Option<YesNoNa>,
    cells: &mut Vec<(&'static str, String)>,
) {
    let mut ri = base.clone();
    if off == Some(YesNoNa::Na) || acc == Some(YesNoNa::Na) {
        ri.required = false;
    } else if off.is_some() || acc.is_some() {
        ri.required = true;
    }
    if ri.required != base.required {
        cells.push(("ri_required", yes_no(ri.required)));
    }
    if let Some(o) = off.filter(|o| *o != YesNoNa::Na)
        && offered(&ri) != o
    {
        cells.push(("ri_offered", yes_no(o == YesNoNa::Yes)));
    }
    if let Some(a) = acc.filter(|a| *a != YesNoNa::Na)
        && accepted(&ri) != a
    {
        cells.push(("ri_accepted", yes_no(a == YesNoNa::Yes)));
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// A known child's current circumstances stay as held: the SSD does not carry them.
fn keep_circumstances(person: &mut Person, held: Person) {
    person.responsible_la = held.responsible_la;
    person.placement_la = held.placement_la;
    person.case_status = held.case_status;
    person.cse_strategy = held.cse_strategy;
    person.cce_risk = held.cce_risk;
    person.lead_professional = held.lead_professional;
    person.team = held.team;
}

/// The episode CSV's names for what went wrong, put in the SSD's.
const SSD_NAMES: [(&str, &str); 9] = [
    ("missing_at", "miss_missing_episode_start_date"),
    ("returned_at", "miss_missing_episode_end_date"),
    ("episode_ref", "miss_table_id"),
    ("person_ref", "miss_person_id"),
    ("ri_offered", "miss_missing_rhi_offered"),
    ("ri_accepted", "miss_missing_rhi_accepted"),
    ("type", "miss_missing_episode_type"),
    ("date_of_birth", "pers_dob"),
    ("given_name", "pers_forename"),
];

fn in_ssd_terms(e: LineError, file: &str) -> SsdLineError {
    let rename = |text: &str| {
        // Word by word, so `missing_at` inside another name is never touched.
        let mut out = String::new();
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let w =
                SSD_NAMES.iter().find(|(ours, _)| *ours == word.as_str()).map_or(word.as_str(), |(_, theirs)| theirs);
            out.push_str(w);
            word.clear();
        };
        for ch in text.chars() {
            if ch.is_ascii_alphanumeric() || ch == '_' {
                word.push(ch);
            } else {
                flush(&mut word, &mut out);
                out.push(ch);
            }
        }
        flush(&mut word, &mut out);
        out
    };
    SsdLineError { file: file.to_string(), line: e.line, column: rename(&e.column), problem: rename(&e.problem) }
}
