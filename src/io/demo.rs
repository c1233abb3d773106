//! Synthetic demo data: a plausible caseload for one authority, relative to a
//! chosen "now", so that every screen has something on it.
//!
//! Everything here is made up: names are drawn from lists of common given and
//! family names, case references are `LCS` + number, police references
//! `NP-yy-nnnnnn`, episode references `DEMO-` + number. Generation is
//! deterministic: the same seed, sizes and `at` give exactly the same items,
//! from a small PRNG in this file (no dependency).
//!
//! Shape of the data (shares of children unless said otherwise):
//! - cohorts: 75% local, 12% placed in by a neighbouring authority, 13% placed
//!   out of area; children placed in or out are in care;
//! - episodes per child heavily skewed: about 55% once, 25% a few times, 15%
//!   several times and 5% persistently (a third to a half of all episodes);
//! - three years of history before `at`, busier towards `at`; lengths
//!   log-normal around a median of 8 hours (about 13% over 24 h, 1-2% over 72 h);
//! - history is concluded: interviews completed (about 80% in time), declined,
//!   or not required (absences, some very short episodes); strategy meetings
//!   recorded for every episode that reached 72 hours;
//! - the last ten days, for about 11% of children: 5% have an outstanding
//!   interview (overdue, due within 24 h, later; some with no worker, some
//!   with attempts, one in ten due on a weekend), 1% went missing again after
//!   a return whose interview is outstanding, 1.5% are still missing (under
//!   48 h, 48-72 h, over 72 h with meetings due, planned or held), 4% came
//!   back and were interviewed. The small demo has at least 15, 3 and 5
//!   children in the first three groups.

use crate::domain::codes::{CaseStatus, Cohort, EpisodeKind, MeetingRecord, MissingFrom, Reason, RiOutcome, Risk, Sex};
use crate::domain::cohort::{cohort_of, same_authority};
use crate::domain::record::{Circumstances, Episode, Person, ReturnInterview, StrategyMeeting};
use crate::domain::time::{Instant, uk_date};
use crate::store::{ImportCounts, ImportItem, Store};
use chrono::{DateTime, Datelike, Days, NaiveDate, Weekday};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    pub seed: u64,
    /// Children with at least one episode (fewer if `episodes` is smaller).
    pub people: usize,
    /// Episodes in all, exactly.
    pub episodes: usize,
    /// "Now": nothing happens after it but planned meetings.
    pub at: Instant,
    /// The authority running the software ("us").
    pub authority: String,
}

impl DemoOptions {
    /// What `ri-chase --demo` opens: a mid-sized authority's three years.
    pub fn small(at: Instant) -> Self {
        DemoOptions { seed: 7, people: 300, episodes: 1200, at, authority: "Northshire".to_string() }
    }
}

/// Items are written to the store in transactions of this many.
const BATCH: usize = 50_000;

/// Writes the demo through [`Store::import`] in batches, summing what each did.
/// The caller records the authority (`Store::set_authority`) first.
pub fn fill(store: &mut Store, opts: &DemoOptions) -> crate::store::Result<ImportCounts> {
    let mut total = ImportCounts::default();
    let mut batch = Vec::with_capacity(BATCH.min(opts.episodes.max(1)));
    let mut items = demo_items(opts);
    loop {
        batch.clear();
        batch.extend(items.by_ref().take(BATCH));
        if batch.is_empty() {
            break;
        }
        let c = store.import(&batch)?;
        total.people_added += c.people_added;
        total.people_updated += c.people_updated;
        total.episodes_added += c.episodes_added;
        total.episodes_updated += c.episodes_updated;
        total.episodes_unchanged += c.episodes_unchanged;
    }
    Ok(total)
}

/// The demo's items, child by child, each child's episodes oldest first with
/// `update_person` set on the latest. Generated lazily; the options are copied.
pub fn demo_items(opts: &DemoOptions) -> impl Iterator<Item = ImportItem> + use<> {
    DemoItems { plan: Plan::new(opts), next_child: 0, next_episode: 1, pending: Vec::new().into_iter() }
}

struct DemoItems {
    plan: Plan,
    next_child: usize,
    next_episode: u64,
    pending: std::vec::IntoIter<ImportItem>,
}

impl Iterator for DemoItems {
    type Item = ImportItem;

    fn next(&mut self) -> Option<ImportItem> {
        loop {
            if let Some(item) = self.pending.next() {
                return Some(item);
            }
            if self.next_child >= self.plan.counts.len() {
                return None;
            }
            let items = self.plan.child(self.next_child, self.next_episode);
            self.next_child += 1;
            self.next_episode += items.len() as u64;
            self.pending = items.into_iter();
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.plan.total.saturating_sub(self.next_episode as usize - 1) + self.pending.len();
        (left, Some(left))
    }
}

// ---------------------------------------------------------------------------
// The PRNG: splitmix64, one independent stream per child and purpose.

#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn stream(seed: u64, index: u64, purpose: u64) -> Rng {
        let mut r = Rng(seed ^ purpose.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo { lo } else { lo + self.below((hi - lo + 1) as u64) as i64 }
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u32 = weights.iter().sum();
        let mut x = self.below(u64::from(total)) as u32;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    fn exp(&mut self) -> f64 {
        -(1.0 - self.unit()).ln()
    }

    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit();
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

const MIX_TIER: u64 = 1;
const MIX_CHILD: u64 = 2;
const MIX_PLAN: u64 = 3;

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `i -> (a * i + b) mod m`, a permutation of 0..m.
#[derive(Debug, Clone, Copy)]
struct Affine {
    a: u64,
    b: u64,
    m: u64,
}

impl Affine {
    fn new(rng: &mut Rng, m: u64) -> Affine {
        let m = m.max(1);
        let mut a = 1 + rng.below(m);
        while gcd(a, m) != 1 {
            a = a % m + 1;
        }
        Affine { a, b: rng.below(m), m }
    }

    fn at(&self, i: u64) -> u64 {
        ((u128::from(self.a) * u128::from(i) + u128::from(self.b)) % u128::from(self.m)) as u64
    }
}

// ---------------------------------------------------------------------------
// Vocabulary of the synthetic authority.

#[rustfmt::skip]
const GIVEN_F: &[&str] = &[
    "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Sophia", "Grace", "Freya", "Ella", "Emily",
    "Poppy", "Evie", "Chloe", "Jessica", "Ruby", "Holly", "Megan", "Lauren", "Shannon", "Courtney", "Jade", "Leah",
    "Amber", "Paige", "Niamh", "Aisha", "Zara", "Maya", "Layla", "Hannah", "Ellie", "Millie", "Katie", "Summer",
    "Daisy", "Phoebe", "Kayla",
];
#[rustfmt::skip]
const GIVEN_M: &[&str] = &[
    "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Charlie", "Jacob", "Alfie", "Freddie", "Oscar", "Thomas",
    "Archie", "Joshua", "James", "Kai", "Tyler", "Callum", "Connor", "Kyle", "Liam", "Jordan", "Reece", "Bradley",
    "Ryan", "Mason", "Harvey", "Ethan", "Lewis", "Jayden", "Mohammed", "Ibrahim", "Adam", "Kian", "Logan", "Riley",
    "Dylan", "Jake", "Ben", "Luke",
];
#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
    "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris",
    "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark",
    "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
    "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins",
    "Bell", "Shaw", "Murphy", "Khan", "Ali", "Hussain", "Begum", "Kaur", "Singh", "Nowak", "Kowalski", "Mensah",
    "Okafor",
];
/// Social workers and lead professionals of our authority.
#[rustfmt::skip]
const WORKERS: &[&str] = &[
    "Sam Patel", "Jo Hughes", "Alex Morgan", "Chris Bennett", "Priya Shah", "Hannah Reid", "Tom Fletcher",
    "Aisha Rahman", "Dan Whitaker", "Kerry Dawson", "Lisa Marsh", "Mark Osborne", "Nadia Hussain", "Paul Greaves",
    "Rachel Stone", "Simone Clarke", "Wendy Platt", "Gary Lister", "Helen Brook", "Imran Aziz", "Jenny Holt",
    "Kate Farrow", "Leon Hart", "Mandy Pike",
];
/// Multi-Agency Team and return-interview service workers.
#[rustfmt::skip]
const RI_WORKERS: &[&str] = &[
    "Nick Rowe", "Orla Keane", "Pete Hanley", "Ruth Sadler", "Steve Quinn", "Tara Booth", "Yasmin Noor", "Zoe Marsh",
];
/// Social workers of neighbouring authorities, for children placed here.
#[rustfmt::skip]
const OTHER_LA_WORKERS: &[&str] = &[
    "Dee Grant", "Ian Foley", "Gemma Lowe", "Raj Mistry", "Claire Dunn", "Bev Morton", "Owen Pryce", "Fay Hollis",
];
/// Authorities next to ours; one that shares our name is left out.
const NEIGHBOURS: &[&str] = &["Southby", "Eastham", "Westmoor", "Kingsbridge", "Northshire"];
const COUNCIL_HOMES: &[&str] = &["Willows", "Oakfield", "Beech House", "Cedar Lodge", "Maple Court"];
const INDEPENDENT_HOMES: &[&str] = &["The Gables", "Hillside Lodge", "Riverside", "Fernbank", "Harbour View"];
/// Independent homes in neighbouring areas, for children we placed out.
const OOA_HOMES: &[&str] = &["Meadow View", "Ashgrove House", "Brookside Lodge", "Larch House", "Stonecroft"];
const FOSTER_HOMES: u64 = 40;

/// Reasons with how often interviews give them.
const REASONS: &[(Reason, u32)] = &[
    (Reason::Friends, 25),
    (Reason::ReturnToFamily, 18),
    (Reason::Behaviour, 15),
    (Reason::Independence, 10),
    (Reason::Miscommunication, 8),
    (Reason::CriminalActivity, 8),
    (Reason::Drugs, 7),
    (Reason::Cse, 4),
    (Reason::Housing, 3),
];

/// Relative likelihood of going missing in each hour of the day (UTC, close enough).
const HOUR_WEIGHTS: [u32; 24] = [4, 3, 2, 1, 1, 1, 1, 2, 3, 3, 3, 4, 5, 5, 6, 9, 11, 12, 13, 13, 12, 10, 8, 6];

const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;
/// Span of history before `at`.
const HISTORY_DAYS: i64 = 3 * 365;
/// The recent window whose state is arranged on purpose.
const RECENT_DAYS: i64 = 10;
/// Every episode's slot is at least this long, so episodes never touch.
const MIN_SLOT: i64 = 100;
const MIN_GAP: i64 = 60;
const MIN_LEN: i64 = 20;

// ---------------------------------------------------------------------------
// The plan: how many episodes each child has and what is happening to them now.

/// What is arranged for a child in the last days before `at`; `usize` is the
/// child's index within the group, which picks a variant so that small runs
/// still cover every case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
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
const OUTSTANDING: (f64, usize) = (0.05, 15);
const MISSING_AGAIN: (f64, usize) = (0.01, 3);
const STILL_MISSING: (f64, usize) = (0.015, 5);
const RECENT_DONE: (f64, usize) = (0.04, 0);

struct Plan {
    seed: u64,
    /// `at` in whole minutes since the epoch (rounded down).
    now: i64,
    authority: String,
    neighbours: Vec<String>,
    /// Episodes of each child; its length is the number of children.
    counts: Vec<u32>,
    total: usize,
    /// Children's positions, for the recent groups.
    position: Affine,
    /// Ends of the groups in position order: outstanding, again, still missing, recent.
    groups: [usize; 4],
    /// Case-reference numbers: a permutation of 0..10^digits - 10^(digits-1).
    refs: Affine,
    ref_base: u64,
}

impl Plan {
    fn new(opts: &DemoOptions) -> Plan {
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
    fn allocate(&mut self, people: usize, episodes: usize) -> Vec<u32> {
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

    fn min_episodes(&self, i: usize) -> u64 {
        match self.tail(i) {
            Tail::MissingAgain(_) => 2,
            _ => 1,
        }
    }

    fn tail(&self, i: usize) -> Tail {
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

    fn person_ref(&self, i: usize) -> String {
        format!("LCS{}", self.ref_base + self.refs.at(i as u64))
    }

    /// Everything about child `i`, whose first episode is number `first_episode`.
    fn child(&self, i: usize, first_episode: u64) -> Vec<ImportItem> {
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
                    [Risk::None, Risk::Low, Risk::Medium, Risk::High]
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
                    at_the_time: Circumstances {
                        case_status: s,
                        cse_strategy: cse_k,
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
    fn placements(&self, rng: &mut Rng, cohort: Cohort, neighbour: &str, n: usize) -> Vec<(MissingFrom, String)> {
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
    fn recent_spans(&self, rng: &mut Rng, tail: Tail, n: usize) -> Vec<Span> {
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
    fn history_spans(&self, rng: &mut Rng, n: usize, end: i64, active_now: bool, out: &mut Vec<Span>) {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SpanKind {
    History,
    Done,
    Outstanding { no_worker: bool, attempts: u32 },
    Open,
}

/// When an episode ran, in minutes since the epoch.
#[derive(Debug, Clone, Copy)]
struct Span {
    missing: i64,
    returned: Option<i64>,
    kind: SpanKind,
}

fn minute(m: i64) -> Instant {
    DateTime::from_timestamp(m * 60, 0).unwrap_or_default()
}

/// A length in minutes: log-normal, median 8 hours.
fn sample_len(rng: &mut Rng) -> i64 {
    let hours = 8.0 * (1.05 * rng.normal()).exp();
    ((hours * 60.0) as i64).clamp(MIN_LEN, 21 * DAY)
}

/// A start between `lo` and `hi`, at a likely hour of the day where there is room.
fn evening_start(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo {
        return lo;
    }
    if hi - lo >= DAY {
        let day = lo.div_euclid(DAY) + rng.range(0, (hi - lo) / DAY);
        let t = day * DAY + rng.weighted(&HOUR_WEIGHTS) as i64 * HOUR + rng.range(0, 59);
        if (lo..=hi).contains(&t) {
            return t;
        }
    }
    rng.range(lo, hi)
}

/// A deadline on a Saturday or Sunday (UK date) in the six days before `now`,
/// which always contain one.
fn weekend_due(rng: &mut Rng, now: i64) -> i64 {
    let mut t = now - rng.range(HOUR, 12 * HOUR);
    for _ in 0..(7 * 48) {
        if matches!(uk_date(minute(t)).weekday(), Weekday::Sat | Weekday::Sun) {
            return t;
        }
        t -= 30;
    }
    t
}

fn reasons(rng: &mut Rng, cse: bool) -> Vec<Reason> {
    let weights: Vec<u32> = REASONS.iter().map(|(r, w)| if cse && *r == Reason::Cse { w * 6 } else { *w }).collect();
    let first = REASONS[rng.weighted(&weights)].0;
    let mut out = vec![first];
    if rng.chance(0.35) {
        let second = REASONS[rng.weighted(&weights)].0;
        if second != first {
            out.push(second);
        }
    }
    out
}

/// A past episode's interview, concluded one way or another.
fn history_interview(
    rng: &mut Rng,
    kind: EpisodeKind,
    span: &Span,
    now: i64,
    cse: bool,
    worker: impl Fn(&mut Rng) -> Option<String>,
) -> ReturnInterview {
    let (missing, returned) = (span.missing, span.returned.unwrap_or(now));
    if kind == EpisodeKind::Absent {
        return ReturnInterview { required: false, ..ReturnInterview::default() };
    }
    if returned - missing < 2 * HOUR && rng.chance(0.15) {
        // Police recorded missing; the authority treats it as an absence.
        return ReturnInterview {
            required: false,
            outcome: Some(RiOutcome::NotRequired),
            worker: worker(rng),
            ..ReturnInterview::default()
        };
    }
    let outcome = [RiOutcome::FaceToFace, RiOutcome::FromCarers, RiOutcome::Declined][rng.weighted(&[80, 8, 12])];
    let delay = if rng.chance(0.82) {
        rng.range(3 * HOUR, 72 * HOUR)
    } else {
        72 * HOUR + 1 + ((rng.exp() * 4.0 * DAY as f64) as i64).min(30 * DAY)
    };
    let attempts = match outcome {
        RiOutcome::FromCarers => rng.range(2, 4) as u32,
        RiOutcome::Declined => rng.range(1, 2) as u32,
        _ => 1 + rng.weighted(&[70, 20, 10]) as u32,
    };
    let reasons = if outcome == RiOutcome::Declined { Vec::new() } else { reasons(rng, cse) };
    ReturnInterview {
        required: true,
        worker: if rng.chance(0.97) { worker(rng) } else { None },
        attempts,
        completed_at: Some(minute((returned + delay).min(now).max(returned))),
        outcome: Some(outcome),
        reasons,
    }
}

/// A recent episode's interview, completed in time before `now`.
fn recent_interview(
    rng: &mut Rng,
    span: &Span,
    now: i64,
    cse: bool,
    worker: impl Fn(&mut Rng) -> Option<String>,
) -> ReturnInterview {
    let returned = span.returned.unwrap_or(now);
    let latest = (now - returned).min(72 * HOUR);
    let done = returned + rng.range((2 * HOUR).min(latest), latest);
    ReturnInterview {
        required: true,
        worker: worker(rng),
        attempts: 1 + rng.weighted(&[80, 20]) as u32,
        completed_at: Some(minute(done)),
        outcome: Some(RiOutcome::FaceToFace),
        reasons: reasons(rng, cse),
    }
}

/// The strategy meeting recorded for an episode, if any.
fn meeting_for(rng: &mut Rng, span: &Span, now: i64) -> StrategyMeeting {
    let none = StrategyMeeting::default();
    let deadline = span.missing + 72 * HOUR;
    let at = |m: i64| Some(minute(m));
    match span.returned {
        Some(back) => {
            let lasted = back - span.missing;
            if lasted >= 72 * HOUR {
                match rng.weighted(&[70, 12, 18]) {
                    0 => {
                        let held = if rng.chance(0.85) {
                            span.missing + rng.range(18 * HOUR, 72 * HOUR)
                        } else {
                            deadline + rng.range(HOUR, 72 * HOUR)
                        };
                        StrategyMeeting { record: Some(MeetingRecord::Held), meeting_at: at(held.min(now)) }
                    }
                    1 => StrategyMeeting { record: Some(MeetingRecord::NotNeeded), meeting_at: None },
                    _ => StrategyMeeting { record: Some(MeetingRecord::NotHeld), meeting_at: None },
                }
            } else if lasted >= 48 * HOUR && rng.chance(0.3) {
                StrategyMeeting { record: Some(MeetingRecord::NotNeeded), meeting_at: None }
            } else {
                none
            }
        }
        None => {
            let lasted = now - span.missing;
            if lasted >= 72 * HOUR {
                match rng.weighted(&[40, 40, 20]) {
                    0 => StrategyMeeting {
                        record: Some(MeetingRecord::Planned),
                        meeting_at: at(now + rng.range(2 * HOUR, 30 * HOUR)),
                    },
                    1 => StrategyMeeting {
                        record: Some(MeetingRecord::Held),
                        meeting_at: at(span.missing + rng.range(24 * HOUR, lasted.min(72 * HOUR))),
                    },
                    _ => none,
                }
            } else if lasted >= 48 * HOUR && rng.chance(0.5) {
                StrategyMeeting {
                    record: Some(MeetingRecord::Planned),
                    meeting_at: at(now + rng.range(HOUR, (deadline - now).max(HOUR))),
                }
            } else {
                none
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::chase::chase_rows;
    use crate::domain::codes::{Band, ChaseFlag, StrategyStatus};
    use crate::domain::holidays::BankHolidays;
    use crate::domain::missing::missing_rows;
    use crate::domain::record::{CaseEpisode, full_name};
    use crate::domain::rules::Rules;
    use crate::domain::strategy::strategy_rows;
    use crate::domain::time::parse_instant;
    use std::collections::{BTreeMap, HashSet};

    fn at(s: &str) -> Instant {
        parse_instant(s).expect("test time")
    }

    fn opts(seed: u64, people: usize, episodes: usize, now: &str) -> DemoOptions {
        DemoOptions { seed, people, episodes, at: at(now), authority: "Northshire".into() }
    }

    /// The episodes as the lists see them at `now`.
    fn cases(items: &[ImportItem], now: Instant) -> Vec<CaseEpisode> {
        let mut open: BTreeMap<&str, Instant> = BTreeMap::new();
        for it in items {
            if it.episode.is_open_at(now) {
                open.insert(&it.person.person_ref, it.episode.missing_at);
            }
        }
        items
            .iter()
            .map(|it| CaseEpisode {
                person_ref: it.person.person_ref.clone(),
                name: full_name(&it.person.given_name, &it.person.family_name),
                episode: it.episode.clone(),
                interview: it.interview.clone(),
                meeting: it.meeting.clone(),
                child_missing_since: open.get(it.person.person_ref.as_str()).copied(),
            })
            .collect()
    }

    fn age_on(dob: NaiveDate, day: NaiveDate) -> i32 {
        let mut years = day.year() - dob.year();
        if (day.month(), day.day()) < (dob.month(), dob.day()) {
            years -= 1;
        }
        years
    }

    #[test]
    fn the_same_options_give_the_same_items_and_another_seed_others() {
        let o = opts(11, 400, 1_600, "2026-06-10 09:30");
        let a: Vec<ImportItem> = demo_items(&o).collect();
        let b: Vec<ImportItem> = demo_items(&o).collect();
        assert_eq!(a, b);
        let c: Vec<ImportItem> = demo_items(&DemoOptions { seed: 12, ..o.clone() }).collect();
        assert_ne!(a, c);
        assert_eq!(c.len(), 1_600);
    }

    #[test]
    fn exactly_the_episodes_asked_for_with_unique_refs() {
        for (people, episodes) in [(300, 1_200), (100, 100), (50, 20), (10, 1_000), (1, 7), (5, 0)] {
            let items: Vec<ImportItem> = demo_items(&opts(3, people, episodes, "2026-01-05 12:00")).collect();
            assert_eq!(items.len(), episodes, "{people} people, {episodes} episodes");
            let refs: HashSet<&str> = items.iter().map(|i| i.episode.episode_ref.as_str()).collect();
            assert_eq!(refs.len(), episodes);
            let children: HashSet<&str> = items.iter().map(|i| i.person.person_ref.as_str()).collect();
            assert_eq!(children.len(), people.min(episodes));
        }
    }

    #[test]
    fn every_invariant_the_import_enforces_holds() {
        let o = opts(5, 2_000, 8_000, "2026-03-29 10:17");
        let now = o.at;
        let items: Vec<ImportItem> = demo_items(&o).collect();
        assert_eq!(items.len(), 8_000);
        let mut by_child: BTreeMap<&str, Vec<&ImportItem>> = BTreeMap::new();
        let mut episode_refs = HashSet::new();
        for it in &items {
            assert!(episode_refs.insert(it.episode.episode_ref.as_str()), "duplicate {}", it.episode.episode_ref);
            by_child.entry(&it.person.person_ref).or_default().push(it);
        }
        assert_eq!(by_child.len(), 2_000);
        for (child, eps) in &by_child {
            let person = &eps[0].person;
            assert!(eps.iter().all(|e| e.person == *person), "{child}: one person record");
            assert_eq!(eps.iter().filter(|e| e.update_person).count(), 1, "{child}");
            assert!(eps.last().expect("an episode").update_person, "{child}: latest updates the person");
            let latest = &eps.last().expect("an episode").episode.at_the_time;
            assert_eq!(
                (latest.case_status, latest.cse_strategy, &latest.lead_professional, &latest.team),
                (person.case_status, person.cse_strategy, &person.lead_professional, &person.team),
                "{child}: the person carries the latest values"
            );
            for w in eps.windows(2) {
                let (a, b) = (&w[0].episode, &w[1].episode);
                let back = a.returned_at.expect("only the latest episode may be open");
                assert!(back < b.missing_at, "{child}: {} overlaps {}", a.episode_ref, b.episode_ref);
            }
            let first_day = uk_date(eps[0].episode.missing_at);
            assert!(person.date_of_birth < first_day, "{child}: born before the first episode");
            for it in eps {
                let (e, ri, m) = (&it.episode, &it.interview, &it.meeting);
                let c = &e.at_the_time;
                assert_eq!(Some(c.cohort), cohort_of(&c.responsible_la, &c.placement_la, "Northshire"));
                assert_eq!((&c.responsible_la, &c.placement_la), (&person.responsible_la, &person.placement_la));
                assert!(e.missing_at <= now, "{}", e.episode_ref);
                if let Some(r) = e.returned_at {
                    assert!(r >= e.missing_at && r <= now, "{}", e.episode_ref);
                }
                let end = e.returned_at.unwrap_or(now);
                for day in [uk_date(e.missing_at), uk_date(end)] {
                    let age = age_on(person.date_of_birth, day);
                    assert!((10..=17).contains(&age), "{child} aged {age} on {day}");
                }
                if let Some(done) = ri.completed_at {
                    let back = e.returned_at.expect("completed only after a return");
                    assert!(done >= back && done <= now, "{}", e.episode_ref);
                }
                if ri.outcome == Some(RiOutcome::FromCarers) {
                    assert!(ri.attempts >= 2, "{}", e.episode_ref);
                }
                if e.kind == EpisodeKind::Absent {
                    assert!(!ri.required, "{}", e.episode_ref);
                }
                let in_care = c.case_status == CaseStatus::ChildInCare;
                let care_place =
                    matches!(e.missing_from, MissingFrom::LaHome | MissingFrom::Foster | MissingFrom::IndependentHome);
                assert_eq!(in_care, care_place, "{}", e.episode_ref);
                assert_eq!(care_place, e.missing_from_name.is_some(), "{}", e.episode_ref);
                match m.record {
                    Some(MeetingRecord::Planned) => assert!(m.meeting_at.is_some()),
                    Some(MeetingRecord::Held) => assert!(m.meeting_at.expect("held at") <= now),
                    _ => assert!(m.meeting_at.is_none()),
                }
                let lasted = (end - e.missing_at).num_minutes();
                if e.returned_at.is_some() && lasted >= 72 * 60 {
                    assert!(m.record.is_some(), "{}: a 72-hour episode has its meeting recorded", e.episode_ref);
                }
            }
        }
    }

    #[test]
    fn the_caseload_has_a_realistic_shape() {
        let o = opts(9, 2_000, 8_000, "2026-11-02 08:00");
        let items: Vec<ImportItem> = demo_items(&o).collect();
        let mut per_child: BTreeMap<&str, usize> = BTreeMap::new();
        for it in &items {
            *per_child.entry(&it.person.person_ref).or_default() += 1;
        }
        let once = per_child.values().filter(|n| **n == 1).count() as f64 / 2_000.0;
        assert!((0.45..0.65).contains(&once), "one-off share {once}");
        let mut counts: Vec<usize> = per_child.values().copied().collect();
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let top5: usize = counts[..100].iter().sum();
        assert!(top5 as f64 / 8_000.0 > 0.3, "top 5% have {top5} episodes");

        let mut lengths: Vec<i64> = items
            .iter()
            .filter_map(|it| it.episode.returned_at.map(|r| (r - it.episode.missing_at).num_minutes()))
            .collect();
        lengths.sort_unstable();
        let median = lengths[lengths.len() / 2];
        assert!((5 * 60..12 * 60).contains(&median), "median {median} minutes");
        let over = |h: i64| lengths.iter().filter(|m| **m >= h * 60).count() as f64 / lengths.len() as f64;
        assert!((0.05..0.25).contains(&over(24)), "over 24h {}", over(24));
        assert!((0.003..0.05).contains(&over(72)), "over 72h {}", over(72));

        let absent = items.iter().filter(|i| i.episode.kind == EpisodeKind::Absent).count() as f64 / 8_000.0;
        assert!((0.05..0.16).contains(&absent), "absent share {absent}");
        let cohort = |c: Cohort| {
            items.iter().filter(|i| i.update_person && i.episode.at_the_time.cohort == c).count() as f64 / 2_000.0
        };
        assert!((0.70..0.80).contains(&cohort(Cohort::Local)));
        assert!((0.08..0.16).contains(&cohort(Cohort::PlacedIn)));
        assert!((0.09..0.17).contains(&cohort(Cohort::OutOfArea)));
        let cse = items.iter().filter(|i| i.update_person && i.person.cse_strategy).count() as f64 / 2_000.0;
        assert!((0.05..0.16).contains(&cse), "cse share {cse}");

        let rules = Rules::default();
        let concluded: Vec<&ImportItem> =
            items.iter().filter(|i| i.interview.is_required() && i.interview.completed_at.is_some()).collect();
        let in_time = concluded
            .iter()
            .filter(|i| {
                rules.ri_in_time(i.episode.returned_at.expect("returned"), i.interview.completed_at.expect("done"))
            })
            .count() as f64
            / concluded.len() as f64;
        assert!((0.75..0.9).contains(&in_time), "in time {in_time}");

        // More activity in the latest year than the first.
        let year = |back: i64| {
            items
                .iter()
                .filter(|i| {
                    let age = (o.at - i.episode.missing_at).num_days();
                    age >= back * 365 && age < (back + 1) * 365
                })
                .count()
        };
        assert!(year(0) > year(2), "latest year {} vs first {}", year(0), year(2));
    }

    #[test]
    fn the_small_demo_fills_every_screen_whenever_it_is_opened() {
        let holidays = BankHolidays::bundled();
        let rules = Rules::default();
        let named = ["2026-06-10 09:30", "2026-03-29 02:30", "2025-12-25 23:59", "2026-10-24 18:00"].map(at);
        // And moments all through a year, at every hour and day of the week.
        let spread = (0..40).map(|k| at("2025-01-01 00:00") + chrono::Duration::minutes(k * (9 * 1440 + 7 * 60 + 13)));
        for now in named.into_iter().chain(spread) {
            let items: Vec<ImportItem> = demo_items(&DemoOptions::small(now)).collect();
            assert_eq!(items.len(), 1_200);
            let cases = cases(&items, now);

            let chase = chase_rows(&cases, now, &rules, &holidays);
            assert!(chase.len() >= 15 && chase.len() <= 40, "{} chase rows at {now}", chase.len());
            for band in [Band::Overdue, Band::Within24h, Band::Later] {
                assert!(chase.iter().any(|r| r.band == band), "{band:?} at {now}");
            }
            for flag in [ChaseFlag::MissingAgain, ChaseFlag::NoWorker, ChaseFlag::DueOnNonWorkingDay] {
                assert!(chase.iter().any(|r| r.has(flag)), "{flag:?} at {now}");
            }
            assert!(chase.iter().any(|r| r.attempts >= 1) && chase.iter().any(|r| r.attempts == 0));
            assert!(chase.iter().any(|r| r.minutes_left < -24 * 60), "overdue by days at {now}");

            let missing = missing_rows(&cases, now);
            let hours: Vec<i64> = missing.iter().map(|r| r.hours_missing).collect();
            assert!(hours.iter().any(|h| *h < 48), "{hours:?}");
            assert!(hours.iter().any(|h| (48..72).contains(h)), "{hours:?}");
            assert!(hours.iter().any(|h| *h >= 72), "{hours:?}");
            assert!(missing.len() <= 20, "{} missing", missing.len());

            let strategy = strategy_rows(&cases, now, &rules);
            let has = |s: StrategyStatus| strategy.iter().any(|r| r.status == s);
            assert!(has(StrategyStatus::DueSoon) || has(StrategyStatus::Planned));
            assert!(has(StrategyStatus::Held));
            assert!(strategy.iter().any(|r| r.returned_at.is_none() && r.hours_missing >= 72));
        }
    }

    #[test]
    fn fill_writes_every_episode_to_the_store() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open_or_create(&dir.path().join("demo.sqlite")).expect("store");
        store.set_authority("Northshire").expect("authority");
        let o = DemoOptions::small(at("2026-06-10 09:30"));
        let counts = fill(&mut store, &o).expect("fill");
        assert_eq!(counts.episodes_added, 1_200);
        assert_eq!(counts.people_added, 300);
        assert_eq!(counts.episodes_updated + counts.episodes_unchanged, 0);
        let chase = store.chase_cases(o.at).expect("chase cases");
        let expected = cases(&demo_items(&o).collect::<Vec<_>>(), o.at);
        let rules = Rules::default();
        let holidays = BankHolidays::bundled();
        assert_eq!(
            chase_rows(&chase, o.at, &rules, &holidays).len(),
            chase_rows(&expected, o.at, &rules, &holidays).len()
        );
        // Filling again changes nothing.
        let again = fill(&mut store, &o).expect("fill again");
        assert_eq!((again.episodes_added, again.episodes_unchanged), (0, 1_200));
    }

    #[test]
    #[ignore = "slow: run in release with --ignored demo_million"]
    fn demo_million() {
        // DEMO_SCALE=10 runs a tenth of the size.
        let scale: usize = std::env::var("DEMO_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
        let dir = tempfile::tempdir().expect("temp dir");
        let o = opts(7, 100_000 / scale, 1_000_000 / scale, "2026-06-10 09:30");
        let t = std::time::Instant::now();
        let n = demo_items(&o).count();
        eprintln!("generated {n} items in {:.2?}", t.elapsed());
        let path = dir.path().join("demo.sqlite");
        let mut store = Store::open_or_create(&path).expect("store");
        store.set_authority("Northshire").expect("authority");
        let t = std::time::Instant::now();
        let counts = fill(&mut store, &o).expect("fill");
        eprintln!("filled {counts:?} in {:.2?}", t.elapsed());
        let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len() / 1_000_000).unwrap_or(0);
        eprintln!("database {} MB, WAL {} MB", size(&path), size(&dir.path().join("demo.sqlite-wal")));
        assert_eq!(counts.episodes_added, o.episodes);
    }
}
