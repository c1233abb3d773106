//! Missing together (DOMAIN.md): two children whose episodes overlap in
//! time and who went missing from the same placement, were found together,
//! or named each other as "who with". Linked episodes make one occasion;
//! children linked on at least `min_times` occasions are a pair, and pairs
//! that share a child make a group.

use super::PatternEpisode;
use super::places::{companions, place_key};
use crate::domain::time::Instant;
use chrono::TimeDelta;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The fewest occasions that make children a group (a setting).
pub const DEFAULT_MIN_TIMES: u32 = 2;

/// Returns this close together at one place count as "found together".
pub const FOUND_TOGETHER_HOURS: i64 = 3;

/// Why two overlapping episodes are linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Link {
    SamePlacement,
    FoundTogether,
    NamedEachOther,
}

impl Link {
    pub fn label(self) -> &'static str {
        match self {
            Link::SamePlacement => "same placement",
            Link::FoundTogether => "found together",
            Link::NamedEachOther => "named each other",
        }
    }
}

/// One occasion children went missing together: their linked episodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occasion {
    /// The episodes, earliest first.
    pub episodes: Vec<PatternEpisode>,
    pub links: Vec<Link>,
}

impl Occasion {
    pub fn first_at(&self) -> Instant {
        self.episodes.iter().map(|e| e.missing_at).min().expect("an occasion has episodes")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub person_ref: String,
    pub name: String,
}

/// Children who go missing together, with the occasions that link them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Sorted by reference.
    pub members: Vec<Member>,
    /// Occasions at least two members were linked on, earliest first.
    pub occasions: Vec<Occasion>,
}

impl Group {
    pub fn times_together(&self) -> usize {
        self.occasions.len()
    }
    pub fn first_at(&self) -> Instant {
        self.occasions[0].first_at()
    }
    pub fn last_at(&self) -> Instant {
        self.occasions[self.occasions.len() - 1].first_at()
    }
    pub fn refs(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.person_ref.as_str()).collect()
    }
}

/// How two episodes of different children are linked, if they are.
pub fn links_between(a: &PatternEpisode, b: &PatternEpisode, now: Instant) -> Vec<Link> {
    let mut links = Vec::new();
    if a.person_ref == b.person_ref || !(a.missing_at < b.end(now) && b.missing_at < a.end(now)) {
        return links;
    }
    let key = |t: &Option<String>| t.as_deref().and_then(place_key);
    if key(&a.placement).is_some() && key(&a.placement) == key(&b.placement) {
        links.push(Link::SamePlacement);
    }
    if let (Some(ra), Some(rb)) = (a.returned_at, b.returned_at)
        && key(&a.where_found).is_some()
        && key(&a.where_found) == key(&b.where_found)
        && (ra - rb).abs() <= TimeDelta::hours(FOUND_TOGETHER_HOURS)
    {
        links.push(Link::FoundTogether);
    }
    if names(a, b) || names(b, a) {
        links.push(Link::NamedEachOther);
    }
    links
}

/// Whether `a`'s "who with" names `b`, by reference or full name.
fn names(a: &PatternEpisode, b: &PatternEpisode) -> bool {
    let Some(with) = a.found_with.as_deref() else { return false };
    let wanted = [place_key(&b.person_ref), place_key(&b.name)];
    companions(with).iter().any(|(key, _)| wanted.iter().flatten().any(|w| w == key))
}

/// Every occasion: episodes that overlap and are linked, joined into
/// occasions where one episode links to several.
pub fn occasions(episodes: &[PatternEpisode], now: Instant) -> Vec<Occasion> {
    let mut order: Vec<usize> = (0..episodes.len()).collect();
    order.sort_by_key(|&i| (episodes[i].missing_at, i));
    let mut parent: Vec<usize> = (0..episodes.len()).collect();
    let mut pair_links: Vec<(usize, usize, Vec<Link>)> = Vec::new();
    // A sweep in start order, keeping only the episodes still open at each
    // start: the few that can overlap it.
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let start = episodes[i].missing_at;
        active.retain(|&j| episodes[j].end(now) > start);
        for &j in &active {
            let links = links_between(&episodes[i], &episodes[j], now);
            if !links.is_empty() {
                union(&mut parent, i, j);
                pair_links.push((i, j, links));
            }
        }
        active.push(i);
    }
    let mut by_root: BTreeMap<usize, (BTreeSet<usize>, BTreeSet<Link>)> = BTreeMap::new();
    for (i, j, links) in pair_links {
        let root = find(&mut parent, i);
        let entry = by_root.entry(root).or_default();
        entry.0.extend([i, j]);
        entry.1.extend(links);
    }
    let mut all: Vec<Occasion> = by_root
        .into_values()
        .map(|(members, links)| {
            let mut eps: Vec<PatternEpisode> = members.into_iter().map(|i| episodes[i].clone()).collect();
            eps.sort_by(|a, b| a.missing_at.cmp(&b.missing_at).then_with(|| a.person_ref.cmp(&b.person_ref)));
            Occasion { episodes: eps, links: links.into_iter().collect() }
        })
        .collect();
    all.sort_by_key(|o| o.first_at());
    all
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// The children on an occasion, sorted.
fn children_on(o: &Occasion) -> BTreeSet<&str> {
    o.episodes.iter().map(|e| e.person_ref.as_str()).collect()
}

/// How many occasions each pair of children shared.
pub fn pair_counts(occasions: &[Occasion]) -> BTreeMap<(String, String), u32> {
    let mut counts: BTreeMap<(String, String), u32> = BTreeMap::new();
    for o in occasions {
        let kids: Vec<&str> = children_on(o).into_iter().collect();
        for (n, a) in kids.iter().enumerate() {
            for b in &kids[n + 1..] {
                *counts.entry((a.to_string(), b.to_string())).or_default() += 1;
            }
        }
    }
    counts
}

/// The groups among `episodes`: children linked on at least `min_times`
/// occasions, pairs sharing a child joined; most times together first.
pub fn groups(episodes: &[PatternEpisode], now: Instant, min_times: u32) -> Vec<Group> {
    let occasions = occasions(episodes, now);
    let pairs: Vec<(String, String)> =
        pair_counts(&occasions).into_iter().filter(|(_, n)| *n >= min_times.max(1)).map(|(p, _)| p).collect();
    // Children joined by their pairs.
    let mut kids: Vec<&str> = pairs.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect();
    kids.sort_unstable();
    kids.dedup();
    let index = |r: &str| kids.binary_search(&r).expect("a paired child");
    let mut parent: Vec<usize> = (0..kids.len()).collect();
    for (a, b) in &pairs {
        union(&mut parent, index(a), index(b));
    }
    let mut sets: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for (i, kid) in kids.iter().enumerate() {
        sets.entry(find(&mut parent, i)).or_default().insert(kid);
    }
    let names: BTreeMap<&str, &str> = episodes.iter().map(|e| (e.person_ref.as_str(), e.name.as_str())).collect();
    let mut groups: Vec<Group> = sets
        .into_values()
        .map(|set| {
            let members =
                set.iter().map(|r| Member { person_ref: r.to_string(), name: names[r].to_string() }).collect();
            let occasions = occasions
                .iter()
                .filter(|o| children_on(o).intersection(&set).count() >= 2)
                .map(|o| Occasion {
                    episodes: o.episodes.iter().filter(|e| set.contains(e.person_ref.as_str())).cloned().collect(),
                    links: o.links.clone(),
                })
                .collect();
            Group { members, occasions }
        })
        .collect();
    groups.sort_by(|a, b| {
        b.times_together()
            .cmp(&a.times_together())
            .then_with(|| b.last_at().cmp(&a.last_at()))
            .then_with(|| a.refs().cmp(&b.refs()))
    });
    groups
}

/// Who a child is often missing with: each other child linked to them on
/// at least `min_times` occasions, most often first.
pub fn often_with(person_ref: &str, episodes: &[PatternEpisode], now: Instant, min_times: u32) -> Vec<(Member, u32)> {
    let names: BTreeMap<&str, &str> = episodes.iter().map(|e| (e.person_ref.as_str(), e.name.as_str())).collect();
    let mut rows: Vec<(Member, u32)> = pair_counts(&occasions(episodes, now))
        .into_iter()
        .filter(|(_, n)| *n >= min_times.max(1))
        .filter_map(|((a, b), n)| {
            let other = if a == person_ref {
                b
            } else if b == person_ref {
                a
            } else {
                return None;
            };
            let name = names.get(other.as_str()).copied().unwrap_or_default().to_string();
            Some((Member { person_ref: other, name }, n))
        })
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.person_ref.cmp(&b.0.person_ref)));
    rows
}
