//! The chase list as the weekly chase email groups it: our interviews by
//! team, then worker; children placed here by other authorities by their
//! placing authority (the interview is theirs). The rows are the chase
//! list's own, in its order, so the email matches the Chase screen; each
//! group comes where its most overdue row is, and says what to do.

use super::chase::ChaseRow;
use super::codes::{Band, ChaseFlag};
use super::cohort::name_key;
use super::time::{Instant, uk_date};

/// One worker's (or one placing authority's) interviews, most overdue first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<'a> {
    /// The worker, team or authority as first spelled in the list; `None`
    /// for no worker (or no team) recorded.
    pub name: Option<&'a str>,
    pub rows: Vec<&'a ChaseRow>,
}

/// A team's workers, the worker with the most overdue interview first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamGroup<'a> {
    pub team: Option<&'a str>,
    pub workers: Vec<Group<'a>>,
}

/// The whole email's grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChaseGroups<'a> {
    /// Our interviews (local and out of area), by team then worker.
    pub teams: Vec<TeamGroup<'a>>,
    /// Placing authorities' interviews, by placing authority.
    pub placed_in: Vec<Group<'a>>,
}

/// Groups `rows` (in the chase list's order) in that order of first appearance.
pub fn chase_groups(rows: &[ChaseRow]) -> ChaseGroups<'_> {
    let mut teams: Vec<TeamGroup> = Vec::new();
    let mut placed_in: Vec<Group> = Vec::new();
    for row in rows {
        if let Some(la) = row.placing_la.as_deref() {
            push(&mut placed_in, Some(la), row);
            continue;
        }
        let team = named(row.team.as_deref());
        let at = match teams.iter().position(|t| same(t.team, team)) {
            Some(i) => i,
            None => {
                teams.push(TeamGroup { team, workers: Vec::new() });
                teams.len() - 1
            }
        };
        push(&mut teams[at].workers, named(row.worker.as_deref()), row);
    }
    ChaseGroups { teams, placed_in }
}

/// A name that is blank is no name.
fn named(name: Option<&str>) -> Option<&str> {
    name.filter(|n| !n.trim().is_empty())
}

fn same(a: Option<&str>, b: Option<&str>) -> bool {
    a.map(name_key) == b.map(name_key)
}

fn push<'a>(groups: &mut Vec<Group<'a>>, name: Option<&'a str>, row: &'a ChaseRow) {
    match groups.iter_mut().find(|g| same(g.name, name)) {
        Some(group) => group.rows.push(row),
        None => groups.push(Group { name, rows: vec![row] }),
    }
}

/// What a list of interviews asks for, by when: overdue, due today, due
/// tomorrow (UK calendar days of `now`), later; and how many of those
/// children are missing again (chasing waits for their return).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ToDo {
    pub overdue: usize,
    pub today: usize,
    pub tomorrow: usize,
    pub later: usize,
    pub missing_again: usize,
}

impl ToDo {
    pub fn of<'a>(rows: impl IntoIterator<Item = &'a ChaseRow>, now: Instant) -> ToDo {
        let today = uk_date(now);
        let mut todo = ToDo::default();
        for row in rows {
            let due = uk_date(row.due_at);
            match row.band {
                Band::Overdue => todo.overdue += 1,
                _ if due == today => todo.today += 1,
                _ if today.succ_opt() == Some(due) => todo.tomorrow += 1,
                _ => todo.later += 1,
            }
            if row.has(ChaseFlag::MissingAgain) {
                todo.missing_again += 1;
            }
        }
        todo
    }

    /// `2 overdue, 1 due tomorrow`; `1 overdue; 1 missing again`.
    pub fn words(&self) -> String {
        let parts: Vec<String> = [
            (self.overdue, "overdue"),
            (self.today, "due today"),
            (self.tomorrow, "due tomorrow"),
            (self.later, "due later"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let mut words = if parts.is_empty() { "nothing outstanding".to_string() } else { parts.join(", ") };
        if self.missing_again > 0 {
            words.push_str(&format!("; {} missing again", self.missing_again));
        }
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chase::chase_rows;
    use crate::domain::codes::Cohort;
    use crate::domain::holidays::BankHolidays;
    use crate::domain::record::CaseEpisode;
    use crate::domain::rules::Rules;
    use crate::domain::testkit::{at, case};

    fn ep(r: &str, returned: &str, team: Option<&str>, worker: Option<&str>) -> CaseEpisode {
        let mut c = case("2026-06-01 00:00", Some(returned));
        c.episode.episode_ref = r.into();
        c.episode.at_the_time.team = team.map(str::to_string);
        c.interview.worker = worker.map(str::to_string);
        c
    }

    fn rows(cases: &[CaseEpisode]) -> Vec<ChaseRow> {
        chase_rows(cases, at("2026-06-05 10:00"), &Rules::default(), &BankHolidays::bundled())
    }

    #[test]
    fn teams_and_workers_come_where_their_most_overdue_row_is_and_keep_the_lists_order() {
        let rows = rows(&[
            ep("A1", "2026-06-02 09:00", Some("North"), Some("Sam")),
            ep("B1", "2026-06-01 09:00", Some("South"), Some("Jo")),
            ep("A2", "2026-06-01 10:00", Some("north "), Some("sam")),
            ep("A3", "2026-06-04 09:00", Some("North"), None),
            ep("C1", "2026-06-03 09:00", None, Some("  ")),
        ]);
        let g = chase_groups(&rows);
        type Workers<'a> = Vec<(Option<&'a str>, Vec<&'a str>)>;
        let shape: Vec<(Option<&str>, Workers)> = g
            .teams
            .iter()
            .map(|t| {
                let w = t
                    .workers
                    .iter()
                    .map(|w| (w.name, w.rows.iter().map(|r| r.episode_ref.as_str()).collect()))
                    .collect();
                (t.team, w)
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (Some("South"), vec![(Some("Jo"), vec!["B1"])]),
                (Some("north "), vec![(Some("sam"), vec!["A2", "A1"]), (None, vec!["A3"])]),
                (None, vec![(None, vec!["C1"])]),
            ]
        );
        assert!(g.placed_in.is_empty());
    }

    #[test]
    fn placed_in_children_are_grouped_by_placing_authority_apart_from_ours() {
        let mut theirs = ep("P1", "2026-06-01 09:00", Some("North"), Some("Sam"));
        theirs.episode.at_the_time.cohort = Cohort::PlacedIn;
        theirs.episode.at_the_time.responsible_la = "Southby".into();
        let rows = rows(&[theirs, ep("A1", "2026-06-02 09:00", Some("North"), Some("Sam"))]);
        let g = chase_groups(&rows);
        assert_eq!(g.placed_in.len(), 1);
        assert_eq!(g.placed_in[0].name, Some("Southby"));
        assert_eq!(g.teams.len(), 1);
        assert_eq!(g.teams[0].workers[0].rows.len(), 1);
    }

    #[test]
    fn what_to_do_counts_by_the_uk_calendar_day() {
        let rows = rows(&[
            ep("O", "2026-06-01 09:00", None, None),
            ep("T", "2026-06-02 20:00", None, None),
            ep("M", "2026-06-03 09:00", None, None),
            ep("M2", "2026-06-04 00:30", None, None),
            ep("L", "2026-06-04 09:00", None, None),
        ]);
        let todo = ToDo::of(&rows, at("2026-06-05 10:00"));
        assert_eq!(todo, ToDo { overdue: 1, today: 1, tomorrow: 1, later: 2, missing_again: 0 });
        assert_eq!(todo.words(), "1 overdue, 1 due today, 1 due tomorrow, 2 due later");
        assert_eq!(ToDo::default().words(), "nothing outstanding");
        assert_eq!(ToDo { overdue: 2, missing_again: 1, ..ToDo::default() }.words(), "2 overdue; 1 missing again");
    }
}
