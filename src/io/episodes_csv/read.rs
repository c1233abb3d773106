//! Import: read, check every row, and only then hand the store a complete,
//! consistent set of items. Every problem is reported, not only the first.

use super::{COLUMNS, REQUIRED};
use crate::domain::codes::{CaseStatus, EpisodeKind, MeetingRecord, MissingFrom, Reason, RiOutcome, Risk, Sex};
use crate::domain::cohort::cohort_of;
use crate::domain::record::{Circumstances, Episode, Person, ReturnInterview, StrategyMeeting};
use crate::domain::rules::ri_required_by_default;
use crate::domain::sequence::{Clash, Span, clashes};
use crate::domain::time::{Instant, display_local, parse_date, parse_instant, uk_date};
use crate::store::{ImportItem, Store, StoreError};
use csv::StringRecord;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;

/// One problem in a file: `line N: column: problem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line in the file; the header is line 1.
    pub line: u64,
    pub column: String,
    pub problem: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.column, self.problem)
    }
}

/// Why nothing was imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{} problem(s) in the file; nothing was imported", .0.len())]
    Invalid(Vec<LineError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads and checks a whole episode CSV against the database. Returns the
/// items to write, or every problem found.
pub fn read_episodes(
    input: impl Read,
    store: &Store,
    authority: &str,
    now: Instant,
) -> Result<Vec<ImportItem>, ImportError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let index = read_header(&mut reader).map_err(ImportError::Invalid)?;
    let mut errors = Vec::new();
    let mut parsed: Vec<(u64, ImportItem)> = Vec::new();
    let mut record = StringRecord::new();
    let mut last_line = 1;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(last_line + 1, |p| p.line());
                last_line = line;
                if record.len() != index.width {
                    errors.push(LineError {
                        line,
                        column: "(row)".into(),
                        problem: format!("has {} fields; the header has {}", record.len(), index.width),
                    });
                    continue;
                }
                let mut row = RowReader { record: &record, index: &index, line, errors: &mut errors };
                if let Some(item) = row.item(store, authority, now)? {
                    parsed.push((line, item));
                }
            }
            Err(e) => {
                let line = e.position().map_or(last_line + 1, |p| p.line());
                last_line = line;
                errors.push(LineError { line, column: "(row)".into(), problem: read_problem(&e) });
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    check_across_rows(&parsed, store, &mut errors)?;
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(ImportError::Invalid(errors));
    }
    Ok(latest_sets_person(parsed, store)?)
}

fn read_problem(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not valid UTF-8 (save the file as UTF-8)".into(),
        csv::ErrorKind::Io(io) => format!("cannot be read: {io}"),
        _ => e.to_string(),
    }
}

/// Where each known column is in the file.
struct ColumnIndex {
    at: HashMap<&'static str, usize>,
    width: usize,
}

fn read_header<R: Read>(reader: &mut csv::Reader<R>) -> Result<ColumnIndex, Vec<LineError>> {
    let header = |column: &str, problem: String| LineError { line: 1, column: column.to_string(), problem };
    let headers = reader.headers().map_err(|e| vec![header("(header)", read_problem(&e))])?.clone();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(vec![header("(header)", "the file is empty; the first line must name the columns".into())]);
    }
    let mut errors = Vec::new();
    let mut at = HashMap::new();
    for (i, name) in headers.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().find(|c| **c == name) {
            Some(known) => {
                if at.insert(*known, i).is_some() {
                    errors.push(header(name, "appears more than once".into()));
                }
            }
            None => {
                let hint = closest_column(name).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default();
                errors.push(header(name, format!("unknown column{hint}")));
            }
        }
    }
    for required in REQUIRED {
        if !at.contains_key(required) {
            errors.push(header(required, "this required column is missing".into()));
        }
    }
    if errors.is_empty() { Ok(ColumnIndex { at, width: headers.len() }) } else { Err(errors) }
}

/// The known column nearest to a typo, if one is near enough.
fn closest_column(name: &str) -> Option<&'static str> {
    COLUMNS.iter().map(|c| (edit_distance(&name.to_lowercase(), c), *c)).filter(|(d, _)| *d <= 3).min().map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Reads one row's fields, noting every problem against its line and column.
struct RowReader<'a> {
    record: &'a StringRecord,
    index: &'a ColumnIndex,
    line: u64,
    errors: &'a mut Vec<LineError>,
}

impl RowReader<'_> {
    fn fail(&mut self, column: &str, problem: impl Into<String>) {
        self.errors.push(LineError { line: self.line, column: column.into(), problem: problem.into() });
    }

    /// `None` when the file has no such column: an update then keeps what the database has.
    fn cell(&self, column: &str) -> Option<&str> {
        self.index.at.get(column).and_then(|i| self.record.get(*i)).map(str::trim)
    }

    fn present(&self, column: &str) -> bool {
        self.index.at.contains_key(column)
    }

    fn text(&self, column: &str) -> Option<String> {
        self.cell(column).filter(|v| !v.is_empty()).map(str::to_string)
    }

    fn required(&mut self, column: &str) -> Option<String> {
        let value = self.text(column);
        if value.is_none() {
            self.fail(column, "is required but empty");
        }
        value
    }

    fn parse<T, E: fmt::Display>(&mut self, column: &str, parse: impl Fn(&str) -> Result<T, E>) -> Option<T> {
        let raw = self.text(column)?;
        match parse(&raw) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(column, e.to_string());
                None
            }
        }
    }

    /// Applies a column to `target` if the file has it; an empty cell clears.
    fn patch<T, E: fmt::Display>(
        &mut self,
        target: &mut Option<T>,
        column: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) {
        if self.present(column) {
            *target = self.parse(column, parse);
        }
    }

    fn item(&mut self, store: &Store, authority: &str, now: Instant) -> Result<Option<ImportItem>, StoreError> {
        let before = self.errors.len();
        let person_ref = self.required("person_ref");
        let given_name = self.required("given_name");
        let family_name = self.required("family_name");
        let date_of_birth = self.required("date_of_birth").and_then(|_| self.parse("date_of_birth", parse_date));
        let responsible_la = self.required("responsible_la");
        let placement_la = self.required("placement_la");
        let case_status = self.required("case_status").and_then(|_| self.parse("case_status", CaseStatus::parse));
        let episode_ref = self.required("episode_ref");
        let missing_from =
            self.required("missing_from_type").and_then(|_| self.parse("missing_from_type", MissingFrom::parse));
        let missing_at = self.required("missing_at").and_then(|_| self.parse("missing_at", parse_instant));

        let existing = match &episode_ref {
            Some(r) => store.case_by_ref(r)?,
            None => None,
        };
        if let (Some((p, _)), Some(pr)) = (&existing, &person_ref)
            && p.person_ref != *pr
        {
            self.fail("episode_ref", format!("belongs to another child ({}) in the database", p.person_ref));
        }
        let (old_person, old_case) = existing.unzip();

        let mut sex = old_person.as_ref().and_then(|p| p.sex);
        self.patch(&mut sex, "sex", Sex::parse);
        let prior = old_case.as_ref();
        let mut cse = prior.map(|c| c.episode.at_the_time.cse_strategy);
        self.patch(&mut cse, "cse_strategy", yes_no);
        let mut lead = prior.and_then(|c| c.episode.at_the_time.lead_professional.clone());
        self.patch(&mut lead, "lead_professional", ok_text);
        let mut team = prior.and_then(|c| c.episode.at_the_time.team.clone());
        self.patch(&mut team, "team", ok_text);
        let mut place_name = prior.and_then(|c| c.episode.missing_from_name.clone());
        self.patch(&mut place_name, "missing_from_name", ok_text);
        let mut kind = prior.map(|c| c.episode.kind);
        self.patch(&mut kind, "type", EpisodeKind::parse);
        let kind = kind.unwrap_or(EpisodeKind::Missing);
        let mut returned_at = prior.and_then(|c| c.episode.returned_at);
        self.patch(&mut returned_at, "returned_at", parse_instant);
        let mut police_ref = prior.and_then(|c| c.episode.police_ref.clone());
        self.patch(&mut police_ref, "police_ref", ok_text);
        let mut risk = prior.and_then(|c| c.episode.risk);
        self.patch(&mut risk, "risk", Risk::parse);
        let mut required = prior.map(|c| c.interview.required);
        self.patch(&mut required, "ri_required", yes_no);
        let required = required.unwrap_or_else(|| ri_required_by_default(kind));
        let mut worker = prior.and_then(|c| c.interview.worker.clone());
        self.patch(&mut worker, "ri_worker", ok_text);
        let mut attempts = prior.map(|c| c.interview.attempts);
        self.patch(&mut attempts, "ri_attempts", |s| {
            s.parse::<u32>().map_err(|_| format!("`{s}` is not a whole number of attempts"))
        });
        let attempts_given = self.text("ri_attempts").is_some();
        let attempts = attempts.unwrap_or(0);
        let mut completed_at = prior.and_then(|c| c.interview.completed_at);
        self.patch(&mut completed_at, "ri_completed_at", parse_instant);
        let mut outcome = prior.and_then(|c| c.interview.outcome);
        self.patch(&mut outcome, "ri_outcome", RiOutcome::parse);
        let mut reasons = prior.map(|c| c.interview.reasons.clone());
        self.patch(&mut reasons, "ri_reasons", reason_list);
        let mut meeting_record = prior.and_then(|c| c.meeting.record);
        self.patch(&mut meeting_record, "strategy_status", MeetingRecord::parse);
        let mut meeting_at = prior.and_then(|c| c.meeting.meeting_at);
        self.patch(&mut meeting_at, "strategy_at", parse_instant);

        let cohort = match (&responsible_la, &placement_la) {
            (Some(r), Some(p)) => {
                let c = cohort_of(r, p, authority);
                if c.is_none() {
                    self.fail(
                        "placement_la",
                        format!("neither responsible_la `{r}` nor placement_la `{p}` is {authority}, this database's authority"),
                    );
                }
                c
            }
            _ => None,
        };

        // Checks between fields, on the values that would be stored.
        if let Some(m) = missing_at {
            self.not_future("missing_at", m, now);
            if let Some(dob) = date_of_birth
                && dob > uk_date(m)
            {
                self.fail("date_of_birth", format!("{dob} is after the episode began ({})", display_local(m)));
            }
            if let Some(r) = returned_at {
                self.not_future("returned_at", r, now);
                if r < m {
                    self.fail(
                        "returned_at",
                        format!("{} is before missing_at ({})", display_local(r), display_local(m)),
                    );
                }
            }
        }
        if let Some(dob) = date_of_birth
            && dob > uk_date(now)
        {
            self.fail("date_of_birth", format!("{dob} is in the future"));
        }
        if let Some(c) = completed_at {
            self.not_future("ri_completed_at", c, now);
            match returned_at {
                None => self.fail("ri_completed_at", "the child has not returned (returned_at is empty)"),
                Some(r) if c < r => self.fail(
                    "ri_completed_at",
                    format!("{} is before the return ({})", display_local(c), display_local(r)),
                ),
                Some(_) => {}
            }
        }
        if outcome == Some(RiOutcome::FromCarers) && attempts_given && attempts < 2 {
            self.fail(
                "ri_outcome",
                format!("from_carers needs at least 2 failed face-to-face attempts; ri_attempts is {attempts}"),
            );
        }
        match (meeting_record, meeting_at) {
            (None, Some(_)) => self.fail("strategy_at", "is given but strategy_status is empty"),
            (Some(MeetingRecord::Held), None) => self.fail("strategy_at", "a held meeting needs its time"),
            (Some(MeetingRecord::Held), Some(t)) => self.not_future("strategy_at", t, now),
            _ => {}
        }

        if self.errors.len() > before {
            return Ok(None);
        }
        // Every value below was checked above; a missing one means an error was recorded.
        let (
            Some(person_ref),
            Some(given_name),
            Some(family_name),
            Some(date_of_birth),
            Some(responsible_la),
            Some(placement_la),
            Some(case_status),
            Some(episode_ref),
            Some(missing_from),
            Some(missing_at),
            Some(cohort),
        ) = (
            person_ref,
            given_name,
            family_name,
            date_of_birth,
            responsible_la,
            placement_la,
            case_status,
            episode_ref,
            missing_from,
            missing_at,
            cohort,
        )
        else {
            return Ok(None);
        };
        let at_the_time = Circumstances {
            case_status,
            cse_strategy: cse.unwrap_or(false),
            responsible_la: responsible_la.clone(),
            placement_la: placement_la.clone(),
            cohort,
            lead_professional: lead.clone(),
            team: team.clone(),
        };
        Ok(Some(ImportItem {
            person: Person {
                person_ref,
                given_name,
                family_name,
                date_of_birth,
                sex,
                responsible_la,
                placement_la,
                case_status,
                cse_strategy: at_the_time.cse_strategy,
                lead_professional: lead,
                team,
            },
            episode: Episode {
                episode_ref,
                missing_at,
                returned_at,
                kind,
                missing_from,
                missing_from_name: place_name,
                police_ref,
                risk,
                at_the_time,
            },
            interview: ReturnInterview {
                required,
                worker,
                attempts,
                completed_at,
                outcome,
                reasons: reasons.unwrap_or_default(),
            },
            meeting: StrategyMeeting { record: meeting_record, meeting_at },
            update_person: false,
        }))
    }

    fn not_future(&mut self, column: &str, t: Instant, now: Instant) {
        if t > now {
            self.fail(column, format!("{} is in the future", display_local(t)));
        }
    }
}

fn ok_text(s: &str) -> Result<String, std::convert::Infallible> {
    Ok(s.to_string())
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "yes" | "y" => Ok(true),
        "no" | "n" => Ok(false),
        _ => Err(format!("`{s}` is not yes or no")),
    }
}

fn reason_list(s: &str) -> Result<Vec<Reason>, String> {
    let mut reasons = Vec::new();
    for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let r = Reason::parse(part).map_err(|e| e.to_string())?;
        if !reasons.contains(&r) {
            reasons.push(r);
        }
    }
    Ok(reasons)
}

/// Where an episode in a clash comes from: the database, or a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Origin {
    Database(String),
    Line(u64, String),
}

fn check_across_rows(
    parsed: &[(u64, ImportItem)],
    store: &Store,
    errors: &mut Vec<LineError>,
) -> Result<(), StoreError> {
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    let mut by_person: HashMap<&str, Vec<Span<Origin>>> = HashMap::new();
    for (line, item) in parsed {
        let e = &item.episode;
        if let Some(first) = first_line.insert(&e.episode_ref, *line) {
            errors.push(LineError {
                line: *line,
                column: "episode_ref".into(),
                problem: format!("`{}` is also on line {first}; each episode appears once", e.episode_ref),
            });
            first_line.insert(&e.episode_ref, first);
            continue;
        }
        by_person.entry(&item.person.person_ref).or_default().push(Span {
            key: Origin::Line(*line, e.episode_ref.clone()),
            start: e.missing_at,
            end: e.returned_at,
        });
    }
    for (person_ref, spans) in &mut by_person {
        for (episode_ref, start, end) in store.episode_spans(person_ref)? {
            if !first_line.contains_key(episode_ref.as_str()) {
                spans.push(Span { key: Origin::Database(episode_ref), start, end });
            }
        }
        for clash in clashes(spans) {
            errors.push(clash_error(clash));
        }
    }
    Ok(())
}

fn clash_error(clash: Clash<Origin>) -> LineError {
    let describe = |o: &Origin| match o {
        Origin::Database(r) => format!("episode {r} already in the database"),
        Origin::Line(l, r) => format!("episode {r} on line {l}"),
    };
    let (earlier, later, what) = match &clash {
        Clash::Overlap { earlier, later } => (earlier, later, "overlaps"),
        Clash::OpenBefore { earlier, later } => (earlier, later, "starts while the child is still missing in"),
    };
    // Report against the file's line: the later episode's if it is in the file.
    match (later, earlier) {
        (Origin::Line(line, _), other) => {
            LineError { line: *line, column: "missing_at".into(), problem: format!("{what} {}", describe(other)) }
        }
        (other, Origin::Line(line, _)) => LineError {
            line: *line,
            column: "returned_at".into(),
            problem: match clash {
                Clash::Overlap { .. } => format!("runs past the start of {}", describe(other)),
                Clash::OpenBefore { .. } => format!("is empty (still missing) but {} starts later", describe(other)),
            },
        },
        // Two database episodes cannot clash: the database was checked when they came in.
        (a, b) => LineError {
            line: 1,
            column: "(database)".into(),
            problem: format!("{} {what} {}", describe(a), describe(b)),
        },
    }
}

/// Marks, for each child, the item that becomes the child's current record:
/// the latest episode, unless the database already holds a later one.
fn latest_sets_person(parsed: Vec<(u64, ImportItem)>, store: &Store) -> Result<Vec<ImportItem>, StoreError> {
    let mut latest: HashMap<String, (usize, Instant)> = HashMap::new();
    for (i, (_, item)) in parsed.iter().enumerate() {
        let start = item.episode.missing_at;
        let entry = latest.entry(item.person.person_ref.clone()).or_insert((i, start));
        if start >= entry.1 {
            *entry = (i, start);
        }
    }
    let mut items: Vec<ImportItem> = parsed.into_iter().map(|(_, item)| item).collect();
    let in_file: std::collections::HashSet<String> = items.iter().map(|it| it.episode.episode_ref.clone()).collect();
    for (person_ref, (i, start)) in latest {
        let db_latest = store
            .episode_spans(&person_ref)?
            .into_iter()
            .filter(|(r, _, _)| !in_file.contains(r))
            .map(|(_, s, _)| s)
            .max();
        items[i].update_person = db_latest.is_none_or(|d| start >= d);
    }
    Ok(items)
}
