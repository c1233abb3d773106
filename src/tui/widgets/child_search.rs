//! Finding a child as you type in a form: fuzzy matching of the name and the
//! reference, so "alx smi" finds Alex Smith and "T00" finds T0012.

use crate::store::PersonHit;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::cmp::Reverse;

/// A matcher kept between keystrokes: nucleo's matcher holds sizeable
/// scratch space that is better allocated once.
pub struct ChildSearch {
    matcher: Matcher,
    /// The haystack text and its UTF-32 form, reused for every child.
    text: String,
    chars: Vec<char>,
}

impl Default for ChildSearch {
    fn default() -> Self {
        ChildSearch::new()
    }
}

impl ChildSearch {
    pub fn new() -> Self {
        ChildSearch { matcher: Matcher::new(Config::DEFAULT), text: String::new(), chars: Vec::new() }
    }

    /// Indexes into `people` of the best `limit` matches for `query`, best
    /// first; equal scores keep the order given (most recently missing
    /// first, as the index comes). An empty query gives the first `limit`.
    pub fn rank(&mut self, query: &str, people: &[PersonHit], limit: usize) -> Vec<usize> {
        // Every word must match somewhere, in any case, and a plain `e`
        // matches `é`. Typed `^`, `'`, `!` and `$` are taken literally: names
        // such as O'Neil must not turn into search syntax.
        let pattern = Pattern::new(query, CaseMatching::Ignore, Normalization::Smart, AtomKind::Fuzzy);
        if pattern.atoms.is_empty() {
            return (0..people.len().min(limit)).collect();
        }
        let mut scored: Vec<(usize, u32)> = Vec::new();
        for (i, person) in people.iter().enumerate() {
            self.text.clear();
            // The name as people say it, then the references (a police
            // notification may give only its own). Each word typed is matched
            // on its own, so "Synthe Gale" finds Gale Synthe too.
            self.text.push_str(&person.name);
            self.text.push(' ');
            self.text.push_str(&person.person_ref);
            self.text.push(' ');
            self.text.push_str(&person.police_refs);
            if let Some(score) = pattern.score(Utf32Str::new(&self.text, &mut self.chars), &mut self.matcher) {
                scored.push((i, score));
            }
        }
        // A stable sort, so ties keep the given order.
        scored.sort_by_key(|&(_, score)| Reverse(score));
        scored.into_iter().take(limit).map(|(i, _)| i).collect()
    }
}

/// [`ChildSearch::rank`] with a matcher made for the one call.
pub fn rank(query: &str, people: &[PersonHit], limit: usize) -> Vec<usize> {
    ChildSearch::new().rank(query, people, limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn hit(person_ref: &str, name: &str) -> PersonHit {
        PersonHit {
            id: 0,
            person_ref: person_ref.into(),
            name: name.into(),
            date_of_birth: NaiveDate::from_ymd_opt(2010, 1, 1).expect("date"),
            open_episode: None,
            last_missing_at: None,
            police_refs: String::new(),
        }
    }

    fn people() -> Vec<PersonHit> {
        vec![
            hit("T0101", "Sam Smithson"),
            hit("T0012", "Alex Smith"),
            hit("T0200", "Alexa Jones"),
            hit("T0013", "Chloé O'Neil"),
            hit("T1012", "Dana Brown"),
        ]
    }

    #[test]
    fn initials_and_dropped_letters_find_the_name() {
        let found = rank("alx smi", &people(), 5);
        assert_eq!(found.first(), Some(&1), "{found:?}");
        assert!(!found.contains(&2), "Alexa Jones has no `smi`");
        assert_eq!(rank("ALEX SMITH", &people(), 5).first(), Some(&1), "case does not matter");
    }

    #[test]
    fn a_reference_prefix_finds_the_child() {
        let found = rank("t001", &people(), 5);
        assert!(found.len() >= 2 && found[..2].contains(&1) && found[..2].contains(&3), "{found:?}");
        assert_eq!(rank("T0012", &people(), 5).first(), Some(&1));
        assert_eq!(rank("t1012", &people(), 5), [4]);
    }

    #[test]
    fn accents_and_apostrophes_are_ordinary_letters() {
        assert_eq!(rank("chloe", &people(), 5), [3]);
        assert_eq!(rank("o'neil", &people(), 5), [3]);
        assert_eq!(rank("^neil", &people(), 5), Vec::<usize>::new(), "`^` is a letter, not a prefix anchor");
    }

    #[test]
    fn the_family_name_first_and_a_police_reference_find_the_child() {
        assert_eq!(rank("smith alex", &people(), 5).first(), Some(&1));
        assert_eq!(rank("o'neil chloe", &people(), 5), [3]);
        let mut with_police = people();
        with_police[4].police_refs = "NP-26-000123 NP-25-000999".into();
        assert_eq!(rank("NP-25-000999", &with_police, 5).first(), Some(&4));
        assert_eq!(rank("np-26-000123", &with_police, 5).first(), Some(&4));
    }

    #[test]
    fn nothing_matches_a_query_that_is_nowhere() {
        assert!(rank("zzq", &people(), 5).is_empty());
    }

    #[test]
    fn an_empty_query_keeps_the_given_order_up_to_the_limit() {
        assert_eq!(rank("", &people(), 3), [0, 1, 2]);
        assert_eq!(rank("   ", &people(), 10), [0, 1, 2, 3, 4]);
        assert!(rank("", &[], 3).is_empty());
    }

    #[test]
    fn equal_scores_keep_the_given_order_and_the_limit_holds() {
        let twins = vec![hit("T0001", "Jo Twin"), hit("T0002", "Jo Twin"), hit("T0003", "Jo Twin")];
        let mut search = ChildSearch::new();
        assert_eq!(search.rank("jo twin", &twins, 5), [0, 1, 2]);
        assert_eq!(search.rank("twin", &twins, 2), [0, 1]);
    }
}
