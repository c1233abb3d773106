//! The plan: how many episodes each child has and what is happening to them now.

use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind, Exploitation, MissingFrom, Risk, Sex};
use crate::domain::cohort::{cohort_of, same_authority};
use crate::domain::record::{Circumstances, Episode, Person, ReturnInterview};
use crate::domain::time::uk_date;
use crate::store::ImportItem;
use chrono::{Datelike, Days, NaiveDate};

use super::DemoOptions;
use super::episode_parts::*;
use super::rng::*;
use super::vocab::*;

/// What is arranged for a child in the last days before `at`; `usize` is the
/// child's index within the group, which picks a variant so that small runs
/// still cover every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tail {
    /// Nothing recent: every episode over by `at` minus ten days.
    History,
    /// Returned recently; interview outstanding.
    Outstanding(usize),
    /// Returned recently, interview outstanding, and missing again now.
    MissingAgain(usize),
    /// Missing now.
    StillMissing(usize),
    /// Returned recently and interviewed.
    RecentDone,
}

/// (share of children, minimum number of children)
pub(super) const OUTSTANDING: (f64, usize) = (0.05, 15);
pub(super) const MISSING_AGAIN: (f64, usize) = (0.01, 3);
pub(super) const STILL_MISSING: (f64, usize) = (0.015, 5);
pub(super) const RECENT_DONE: (f64, usize) = (0.04, 0);

pub(super) struct Plan {
    seed: u64,
    /// `at` in whole minutes since the epoch (rounded down).
    now: i64,
    authority: String,
    neighbours: Vec<String>,
    /// Episodes of each child; its length is the number of children.
    pub(super) counts: Vec<u32>,
    pub(super) total: usize,
    /// Children's positions, for the recent groups.
    position: Affine,
    /// Ends of the groups in position order: outstanding, again, still missing, recent.
    groups: [usize; 4],
    /// Case-reference numbers: a permutation of 0..10^digits - 10^(digits-1).
    refs: Affine,
    ref_base: u64,
}

impl Plan {
    pub(super) fn new(opts: &DemoOptions) -> Plan {
        let people = opts.people.min(opts.episodes);
        let mut rng = Rng::stream(opts.seed, 0, MIX_PLAN);
        let position = Affine::new(&mut rng, people as u64);
        let mut groups = [0; 4];
        let mut end = 0;
        for (g, (share, min)) in [OUTSTANDING, MISSING_AGAIN, STILL_MISSING, RECENT_DONE].into_iter().enumerate() {
            let n = ((share * people as f64).round() as usize).max(min);
            end = (end + n).min(people);
            groups[g] = end;
        }
        let mut ref_base = 100_000u64;
        while ref_base * 9 < people as u64 {
            ref_base *= 10;
        }
        let refs = Affine::new(&mut rng, ref_base * 9);
        let neighbours: Vec<String> =
            NEIGHBOURS.iter().filter(|n| !same_authority(n, &opts.authority)).take(4).map(|n| n.to_string()).collect();
        let mut plan = Plan {
            seed: opts.seed,
            now: opts.at.timestamp().div_euclid(60),
            authority: opts.authority.trim().to_string(),
            neighbours,
            counts: Vec::new(),
            total: 0,
            position,
            groups,
            refs,
            ref_base,
        };
        plan.counts = plan.allocate(people, opts.episodes);
        plan.total = plan.counts.iter().map(|c| *c as usize).sum();
        plan
    }

    /// Episodes per child: each child's minimum, and the rest shared out by
    /// heavily skewed weights, with exact integer rounding so the sum is `episodes`.
    pub(super) fn allocate(&mut self, people: usize, episodes: usize) -> Vec<u32> {
        let mut mins: Vec<u64> = (0..people).map(|i| self.min_episodes(i)).collect();
        let mut need: u64 = mins.iter().sum();
        if need > episodes as u64 {
            // Too few episodes for every missing-again child to have two:
            // they become simply still missing.
            self.groups[1] = self.groups[0];
            self.groups[2] = self.groups[2].max(self.groups[1]);
            mins = (0..people).map(|i| self.min_episodes(i)).collect();
            need = mins.iter().sum();
        }
        let weights: Vec<u64> = (0..people)
            .map(|i| {
                let mut r = Rng::stream(self.seed, i as u64, MIX_TIER);
                match r.weighted(&[55, 25, 15, 5]) {
                    0 => 0,
                    1 => r.range(500, 1_500) as u64,
                    2 => r.range(2_000, 6_000) as u64,
                    _ => r.range(8_000, 45_000) as u64,
                }
            })
            .collect();
        let total_weight = u128::from(weights.iter().sum::<u64>());
        let rest = u128::from(episodes as u64 - need);
        // Child i gets floor(rest * W_i / W) - floor(rest * W_(i-1) / W) more,
        // W_i being the running total of weights: the extras sum to `rest`.
        let mut cumulative = 0u128;
        let mut given = 0u128;
        let mut counts: Vec<u32> = Vec::with_capacity(people);
        for (min, w) in mins.iter().zip(&weights) {
            cumulative += u128::from(*w);
            let upto = (rest * cumulative).checked_div(total_weight).unwrap_or(0);
            counts.push((*min as u128 + upto - given) as u32);
            given = upto;
        }
        // Only when every weight is zero is anything left over.
        if let Some(last) = counts.last_mut() {
            *last += (rest - given) as u32;
        }
        counts
    }

    pub(super) fn min_episodes(&self, i: usize) -> u64 {
        match self.tail(i) {
            Tail::MissingAgain(_) => 2,
            _ => 1,
        }
    }

    pub(super) fn tail(&self, i: usize) -> Tail {
        let p = self.position.at(i as u64) as usize;
        let g = &self.groups;
        if p < g[0] {
            Tail::Outstanding(p)
        } else if p < g[1] {
            Tail::MissingAgain(p - g[0])
        } else if p < g[2] {
            Tail::StillMissing(p - g[1])
        } else if p < g[3] {
            Tail::RecentDone
        } else {
            Tail::History
        }
    }

    pub(super) fn person_ref(&self, i: usize) -> String {
        format!("LCS{}", self.ref_base + self.refs.at(i as u64))
    }

    /// Everything about child `i`, whose first episode is number `first_episode`.
    pub(super) fn child(&self, i: usize, first_episode: u64) -> Vec<ImportItem> {
        let mut rng = Rng::stream(self.seed, i as u64, MIX_CHILD);
        let n = self.counts[i] as usize;
        let tail = self.tail(i);
        let now = self.now;

        // Who the child is.
        let cohort = match rng.weighted(&[75, 12, 13]) {
            0 => Cohort::Local,
            1 => Cohort::PlacedIn,
            _ => Cohort::OutOfArea,
        };
        let neighbour = if self.neighbours.is_empty() { "Elsewhere" } else { rng.pick(&self.neighbours).as_str() };
        let (responsible_la, placement_la) = match cohort {
            Cohort::Local => (self.authority.as_str(), self.authority.as_str()),
            Cohort::PlacedIn => (neighbour, self.authority.as_str()),
            Cohort::OutOfArea => (self.authority.as_str(), neighbour),
        };
        let cohort = cohort_of(responsible_la, placement_la, &self.authority).unwrap_or(cohort);
        let sex = match rng.weighted(&[52, 47, 1]) {
            0 => Sex::F,
            1 => Sex::M,
            _ => Sex::U,
        };
        let given = match sex {
            Sex::F => rng.pick(GIVEN_F),
            Sex::M => rng.pick(GIVEN_M),
            Sex::U => {
                if rng.chance(0.5) {
                    rng.pick(GIVEN_F)
                } else {
                    rng.pick(GIVEN_M)
                }
            }
        };
        let family = rng.pick(FAMILY);
        let frequent = n >= 8;
        let status = if cohort != Cohort::Local {
            CaseStatus::ChildInCare
        } else if frequent {
            [
                CaseStatus::ChildInCare,
                CaseStatus::ChildProtection,
                CaseStatus::ChildInNeed,
                CaseStatus::EarlyHelp,
                CaseStatus::NotOpen,
            ][rng.weighted(&[50, 15, 20, 8, 7])]
        } else {
            [
                CaseStatus::ChildInCare,
                CaseStatus::ChildProtection,
                CaseStatus::ChildInNeed,
                CaseStatus::EarlyHelp,
                CaseStatus::NotOpen,
            ][rng.weighted(&[22, 10, 25, 15, 28])]
        };
        // Some children in care came into care during their missing history.
        let (earlier_status, came_into_care_at) =
            if cohort == Cohort::Local && status == CaseStatus::ChildInCare && n >= 3 && rng.chance(0.35) {
                let s = if rng.chance(0.6) { CaseStatus::ChildInNeed } else { CaseStatus::ChildProtection };
                (s, rng.range(1, n as i64 - 1) as usize)
            } else {
                (status, 0)
            };
        let cse = rng.chance(if frequent { 0.25 } else { 0.07 });
        let cse_from = if cse && n > 1 { rng.range(0, (n / 2) as i64) as usize } else { 0 };
        // Criminal exploitation: some frequently missing children, for the
        // second half of their history. Chosen without drawing from `rng`, so
        // the rest of the demo (and every test pinned to it) stays as it was.
        let cce = !cse && (i % 20 == 7 || (frequent && i % 3 == 1));
        let cce_from = n / 2;
        let placements = self.placements(&mut rng, cohort, neighbour, 1 + (n / 6).min(3));
        let other_family = if rng.chance(0.25) { 0.5 } else { 0.05 };

        // When: the arranged recent episodes, then the history before them.
        let mut spans = self.recent_spans(&mut rng, tail, n);
        let history = n - spans.len();
        let history_end = match spans.first() {
            Some(s) => s.missing - rng.range(DAY, 45 * DAY),
            None => now - RECENT_DAYS * DAY,
        };
        let mut times = Vec::with_capacity(n);
        self.history_spans(&mut rng, history, history_end, !spans.is_empty(), &mut times);
        times.append(&mut spans);

        // Born so that the child is 10 to 17 at every episode.
        let first = times.first().map_or(now, |s| s.missing);
        let last = times.last().map_or(now, |s| s.returned.unwrap_or(now));
        let first_day = uk_date(minute(first));
        let last_day = uk_date(minute(last));
        let span_days = (last_day - first_day).num_days();
        let youngest = (3_660 + span_days).max(11 * 365);
        let target = ((13.0 + 5.0 * (rng.unit() + rng.unit()) / 2.0) * 365.25) as i64;
        let age_last = target.clamp(youngest, 6_560.max(youngest));
        let date_of_birth = last_day.checked_sub_days(Days::new(age_last as u64)).unwrap_or(NaiveDate::MIN);

        // Who works with the child; care leavers' workers from 16.
        let sixteen_by_now = age_last >= 16 * 365 + 4;
        let era_lead = |rng: &mut Rng, s: CaseStatus| -> (Option<String>, Option<String>) {
            if cohort == Cohort::PlacedIn {
                let lead = rng.chance(0.95).then(|| rng.pick(OTHER_LA_WORKERS).to_string());
                return (lead, Some(format!("{responsible_la} CiC")));
            }
            let side = if rng.chance(0.5) { "North" } else { "South" };
            match s {
                CaseStatus::NotOpen => (rng.chance(0.4).then(|| rng.pick(RI_WORKERS).to_string()), Some("MAT".into())),
                CaseStatus::EarlyHelp => {
                    (rng.chance(0.9).then(|| rng.pick(WORKERS).to_string()), Some("Early Help".into()))
                }
                CaseStatus::ChildInNeed => {
                    (rng.chance(0.95).then(|| rng.pick(WORKERS).to_string()), Some(format!("{side} CiN")))
                }
                CaseStatus::ChildProtection => {
                    (rng.chance(0.97).then(|| rng.pick(WORKERS).to_string()), Some("Child Protection".into()))
                }
                CaseStatus::ChildInCare => {
                    let team = if sixteen_by_now && rng.chance(0.4) {
                        "Leaving Care".to_string()
                    } else {
                        format!("{side} CiC")
                    };
                    (rng.chance(0.97).then(|| rng.pick(WORKERS).to_string()), Some(team))
                }
            }
        };
        let (early_lead, early_team) =
            if came_into_care_at > 0 { era_lead(&mut rng, earlier_status) } else { (None, None) };
        let (lead, team) = era_lead(&mut rng, status);

        let person = Person {
            person_ref: self.person_ref(i),
            given_name: given.to_string(),
            family_name: family.to_string(),
            date_of_birth,
            sex: Some(sex),
            responsible_la: responsible_la.to_string(),
            placement_la: placement_la.to_string(),
            case_status: status,
            cse_strategy: cse,
            cce_risk: cce,
            lead_professional: lead.clone(),
            team: team.clone(),
        };

        let mut items = Vec::with_capacity(n);
        let care_episodes = n - came_into_care_at;
        for (k, span) in times.iter().enumerate() {
            let early = k < came_into_care_at;
            let s = if early { earlier_status } else { status };
            let (lead_k, team_k) = if early { (&early_lead, &early_team) } else { (&lead, &team) };
            let cse_k = cse && k >= cse_from;
            let cce_k = cce && k >= cce_from;
            let (missing_from, missing_from_name) = if s == CaseStatus::ChildInCare {
                let p = &placements[((k - came_into_care_at) * placements.len()) / care_episodes.max(1)];
                (p.0, Some(p.1.clone()))
            } else if rng.chance(other_family) {
                (MissingFrom::OtherFamily, None)
            } else {
                (MissingFrom::Home, None)
            };
            let arranged = span.kind != SpanKind::History;
            let kind = if !arranged && s == CaseStatus::ChildInCare && rng.chance(0.2) {
                EpisodeKind::Absent
            } else {
                EpisodeKind::Missing
            };
            let risk = if kind == EpisodeKind::Absent {
                rng.chance(0.5).then_some(Risk::Low)
            } else if span.returned.is_none() {
                Some(if rng.chance(if cse_k { 0.6 } else { 0.3 }) { Risk::High } else { Risk::Medium })
            } else {
                Some(
                    [Risk::VeryLow, Risk::Low, Risk::Medium, Risk::High]
                        [rng.weighted(if cse_k { &[3, 22, 50, 25] } else { &[8, 35, 47, 10] })],
                )
            };
            let police_ref = (kind == EpisodeKind::Missing || rng.chance(0.4))
                .then(|| format!("NP-{:02}-{:06}", minute(span.missing).year().rem_euclid(100), rng.below(1_000_000)));
            let worker = |rng: &mut Rng| -> Option<String> {
                match cohort {
                    Cohort::PlacedIn => lead_k.clone().or_else(|| Some(rng.pick(OTHER_LA_WORKERS).to_string())),
                    _ if matches!(s, CaseStatus::NotOpen | CaseStatus::EarlyHelp) => {
                        Some(rng.pick(RI_WORKERS).to_string())
                    }
                    _ if rng.chance(0.6) => lead_k.clone().or_else(|| Some(rng.pick(RI_WORKERS).to_string())),
                    _ => Some(rng.pick(RI_WORKERS).to_string()),
                }
            };
            let interview = match span.kind {
                SpanKind::History => history_interview(&mut rng, kind, span, now, cse_k, worker),
                SpanKind::Done => recent_interview(&mut rng, span, now, cse_k, worker),
                SpanKind::Outstanding { no_worker, attempts } => ReturnInterview {
                    required: true,
                    worker: if no_worker { None } else { worker(&mut rng) },
                    attempts,
                    ..ReturnInterview::default()
                },
                SpanKind::Open => ReturnInterview {
                    required: true,
                    worker: if rng.chance(0.5) { worker(&mut rng) } else { None },
                    ..ReturnInterview::default()
                },
            };
            let meeting = meeting_for(&mut rng, span, now);
            items.push(ImportItem {
                person: person.clone(),
                episode: Episode {
                    episode_ref: format!("DEMO-{:07}", first_episode + k as u64),
                    missing_at: minute(span.missing),
                    returned_at: span.returned.map(minute),
                    kind,
                    missing_from,
                    missing_from_name,
                    police_ref,
                    risk,
                    // A concern raised at the high-risk episodes of a child at risk.
                    exploitation: if risk == Some(Risk::High) {
                        [(cse_k, Exploitation::Cse), (cce_k, Exploitation::Cce)]
                            .into_iter()
                            .filter_map(|(on, c)| on.then_some(c))
                            .collect()
                    } else {
                        Vec::new()
                    },
                    at_the_time: Circumstances {
                        case_status: s,
                        cse_strategy: cse_k,
                        cce_risk: cce_k,
                        responsible_la: responsible_la.to_string(),
                        placement_la: placement_la.to_string(),
                        cohort,
                        lead_professional: lead_k.clone(),
                        team: team_k.clone(),
                    },
                },
                interview,
                meeting,
                update_person: k + 1 == times.len(),
            });
        }
        items
    }

    /// The named places a child in care lives in over their history.
    pub(super) fn placements(
        &self,
        rng: &mut Rng,
        cohort: Cohort,
        neighbour: &str,
        n: usize,
    ) -> Vec<(MissingFrom, String)> {
        (0..n)
            .map(|_| match cohort {
                Cohort::OutOfArea => {
                    if rng.chance(0.6) {
                        (MissingFrom::IndependentHome, rng.pick(OOA_HOMES).to_string())
                    } else {
                        (MissingFrom::Foster, format!("{neighbour} foster home {}", 1 + rng.below(20)))
                    }
                }
                _ => {
                    let w: &[u32] = if cohort == Cohort::PlacedIn { &[15, 25, 60] } else { &[35, 35, 30] };
                    match rng.weighted(w) {
                        0 => (MissingFrom::LaHome, rng.pick(COUNCIL_HOMES).to_string()),
                        1 => (MissingFrom::Foster, format!("Foster home {}", 1 + rng.below(FOSTER_HOMES))),
                        _ => (MissingFrom::IndependentHome, rng.pick(INDEPENDENT_HOMES).to_string()),
                    }
                }
            })
            .collect()
    }

    /// The arranged recent episodes of a child, oldest first.
    pub(super) fn recent_spans(&self, rng: &mut Rng, tail: Tail, n: usize) -> Vec<Span> {
        let now = self.now;
        match tail {
            Tail::History => Vec::new(),
            Tail::Outstanding(j) => {
                const BANDS: [u8; 10] = [0, 2, 1, 0, 2, 2, 1, 0, 2, 0]; // 0 overdue, 1 within 24h, 2 later
                let band = BANDS[j % BANDS.len()];
                let returned = if j % 10 == 0 {
                    weekend_due(rng, now) - 72 * HOUR
                } else {
                    now - match band {
                        0 if j % 10 == 3 => 72 * HOUR + rng.range(26 * HOUR, 4 * DAY),
                        0 => 72 * HOUR + 10 + ((rng.exp() * 36.0 * HOUR as f64) as i64).min(7 * DAY),
                        1 => rng.range(48 * HOUR + 10, 72 * HOUR - 10),
                        _ => rng.range(20, 48 * HOUR - 10),
                    }
                };
                let attempts = match band {
                    0 => 1 + (j % 3) as u32,
                    1 => 1 + (j % 2) as u32,
                    _ => u32::from(j % 3 == 1),
                };
                let len = sample_len(rng).min(4 * DAY);
                vec![Span {
                    missing: returned - len,
                    returned: Some(returned),
                    kind: SpanKind::Outstanding { no_worker: j % 4 == 1, attempts },
                }]
            }
            Tail::MissingAgain(j) if n >= 2 => {
                let open_for = if j % 3 == 2 { rng.range(49 * HOUR, 70 * HOUR) } else { rng.range(HOUR, 40 * HOUR) };
                let back_for = rng.range(2 * HOUR, 4 * DAY);
                let returned = now - open_for - back_for;
                let len = sample_len(rng).min(3 * DAY);
                vec![
                    Span {
                        missing: returned - len,
                        returned: Some(returned),
                        kind: SpanKind::Outstanding { no_worker: j % 2 == 1, attempts: 1 },
                    },
                    Span { missing: now - open_for, returned: None, kind: SpanKind::Open },
                ]
            }
            Tail::MissingAgain(j) | Tail::StillMissing(j) => {
                const LENGTHS: [u8; 10] = [0, 1, 2, 0, 2, 0, 1, 0, 2, 0]; // under 48h, 48-72h, over 72h
                let open_for = match LENGTHS[j % LENGTHS.len()] {
                    0 => rng.range(HOUR, 46 * HOUR),
                    1 => rng.range(49 * HOUR, 71 * HOUR),
                    _ => 74 * HOUR + ((rng.exp() * 40.0 * HOUR as f64) as i64).min(7 * DAY),
                };
                vec![Span { missing: now - open_for, returned: None, kind: SpanKind::Open }]
            }
            Tail::RecentDone => {
                let returned = now - rng.range(4 * HOUR, RECENT_DAYS * DAY);
                let len = sample_len(rng).min(4 * DAY);
                vec![Span { missing: returned - len, returned: Some(returned), kind: SpanKind::Done }]
            }
        }
    }

    /// `n` past episodes ending by `end`, clustered, busier towards `at`.
    pub(super) fn history_spans(&self, rng: &mut Rng, n: usize, end: i64, active_now: bool, out: &mut Vec<Span>) {
        if n == 0 {
            return;
        }
        let earliest = self.now - HISTORY_DAYS * DAY;
        let room = (end - earliest).max(0);
        // How long this child's missing history lasts.
        let wanted = if n == 1 {
            rng.range(DAY, 3 * DAY)
        } else {
            let per = rng.range(8, 40) * DAY;
            (per * n as i64).clamp(30 * DAY, HISTORY_DAYS * DAY)
        };
        let length = wanted.min(room).max(MIN_SLOT * n as i64);
        // Where it ends: right before the recent episodes for children active
        // now, otherwise anywhere, more likely later.
        // A history may have begun before the three years: then only its
        // later part is kept, squeezed in after the start of the three years.
        let slack = (room - length).max(0) + length / 2;
        let back = if active_now {
            0
        } else {
            let u = rng.unit();
            let p = if rng.chance(0.3) { u.sqrt() } else { u };
            ((1.0 - p) * slack as f64) as i64
        };
        let stop = end - back;
        let start = (stop - length).max(earliest).min(stop - MIN_SLOT * n as i64);
        let length = stop - start;
        // Slots of random width (clusters and quiet spells), one episode in each.
        let weights: Vec<f64> = (0..n).map(|_| rng.exp()).collect();
        let sum: f64 = weights.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let free = (length - MIN_SLOT * n as i64) as f64;
        let mut slot_start = start;
        for (k, w) in weights.iter().enumerate() {
            let slot_end = if k + 1 == n { stop } else { (slot_start + MIN_SLOT + (free * w / sum) as i64).min(stop) };
            let width = slot_end - slot_start;
            let len = sample_len(rng).min(width - MIN_GAP).max(MIN_LEN.min(width - MIN_GAP));
            let latest = slot_end - MIN_GAP - len;
            let missing = evening_start(rng, slot_start, latest);
            out.push(Span { missing, returned: Some(missing + len), kind: SpanKind::History });
            slot_start = slot_end;
        }
    }
}
