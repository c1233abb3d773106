//! Free text about places and people, made countable: "The Bus Station",
//! "bus station" and "bus station." are one place; the label shown is the
//! spelling people used most.

use std::collections::BTreeMap;

/// The key two spellings of one place share: letters and digits only, in
/// lower case, single-spaced, without a leading "the" and with apostrophes
/// dropped ("Friend's house" = "friends house"). `None` for nothing.
pub fn place_key(text: &str) -> Option<String> {
    let mut cleaned = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c.is_alphanumeric() {
            cleaned.extend(c.to_lowercase());
        } else {
            cleaned.push(' ');
        }
    }
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    (!words.is_empty()).then(|| words.join(" "))
}

/// The `n` names in `known` nearest to `typed` (by edit distance between
/// their keys, then alphabetically): what a "did you mean" offers.
pub fn nearest<'a>(typed: &str, known: &[&'a str], n: usize) -> Vec<&'a str> {
    let key: Vec<char> = place_key(typed).unwrap_or_default().chars().collect();
    let mut scored: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (distance(&key, &place_key(k).unwrap_or_default().chars().collect::<Vec<_>>()), *k))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(n).map(|(_, k)| k).collect()
}

/// Levenshtein distance: the fewest single-character edits between two strings.
fn distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (prev + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// What people write when a child was found with nobody: not a companion.
const NOBODY: &[&str] = &["alone", "on own", "on their own", "nobody", "no one", "none", "unknown", "n a", "na"];

/// The people named in a "who with" field (`;`- or `,`-separated names or
/// references), each as (key, spelling); "alone" and the like name nobody.
pub fn companions(text: &str) -> Vec<(String, String)> {
    text.split([';', ','])
        .filter_map(|part| {
            let spelling = part.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = place_key(&spelling)?;
            (!NOBODY.contains(&key.as_str())).then_some((key, spelling))
        })
        .collect()
}

/// A label and how often it was seen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Counted {
    pub label: String,
    pub count: u32,
}

/// Counts of free-text values by their key, remembering each spelling.
#[derive(Debug, Default, Clone)]
pub struct Tally {
    by_key: BTreeMap<String, (u32, BTreeMap<String, u32>)>,
}

impl Tally {
    /// Counts `text` once under its place key (nothing for empty text).
    pub fn add(&mut self, text: &str) {
        if let Some(key) = place_key(text) {
            self.add_keyed(key, text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }

    /// Counts a value already keyed.
    pub fn add_keyed(&mut self, key: String, spelling: String) {
        let (count, spellings) = self.by_key.entry(key).or_default();
        *count += 1;
        *spellings.entry(spelling).or_default() += 1;
    }

    /// Every value, most frequent first (then by label), each under the
    /// spelling used most (the first in alphabetical order on a tie).
    pub fn ranked(&self) -> Vec<Counted> {
        let mut rows: Vec<Counted> = self
            .by_key
            .values()
            .map(|(count, spellings)| Counted { label: most_used(spellings), count: *count })
            .collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        rows
    }
}

/// The spelling used most; on a tie the first in alphabetical order.
pub fn most_used(spellings: &BTreeMap<String, u32>) -> String {
    let mut best: Option<(&String, u32)> = None;
    for (s, n) in spellings {
        if best.is_none_or(|(_, m)| *n > m) {
            best = Some((s, *n));
        }
    }
    best.map(|(s, _)| s.clone()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_place_share_a_key() {
        for text in ["The Bus Station", "bus  station.", "BUS STATION", " the bus-station "] {
            assert_eq!(place_key(text).as_deref(), Some("bus station"), "{text:?}");
        }
        assert_eq!(place_key("Friend's house"), place_key("friends house"));
        assert_eq!(place_key("Friend’s house"), place_key("friends house"));
        // "The" alone is a name, not an article to drop.
        assert_eq!(place_key("The").as_deref(), Some("the"));
        assert_eq!(place_key("  ...  "), None);
        assert_eq!(place_key(""), None);
        assert_ne!(place_key("Gables"), place_key("Willows"));
    }

    #[test]
    fn the_nearest_names_come_first() {
        let known = ["Willows", "Harbour View", "Oakfield", "Harbourside"];
        assert_eq!(nearest("harbor view", &known, 2), ["Harbour View", "Harbourside"]);
        assert_eq!(nearest("", &known, 1).len(), 1);
    }

    #[test]
    fn companions_are_split_and_nobody_is_nobody() {
        let named: Vec<String> =
            companions("Jade Amber; LCS000002, alone ;; Older males").into_iter().map(|c| c.1).collect();
        assert_eq!(named, ["Jade Amber", "LCS000002", "Older males"]);
        assert!(companions("Alone").is_empty());
        assert!(companions("no one").is_empty());
    }

    #[test]
    fn a_tally_ranks_by_count_and_shows_the_usual_spelling() {
        let mut t = Tally::default();
        for text in ["Bus station", "bus station", "Bus station", "McDonald's", "", "Park"] {
            t.add(text);
        }
        let ranked = t.ranked();
        assert_eq!(ranked[0], Counted { label: "Bus station".into(), count: 3 });
        // A tie is broken by label, so the order never depends on input order.
        assert_eq!(ranked[1].label, "McDonald's");
        assert_eq!(ranked[2].label, "Park");
        assert_eq!(ranked.len(), 3);
    }
}
