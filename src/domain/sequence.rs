//! A child's episodes in time: never two open at once, never overlapping.

use super::time::Instant;

/// One episode's span, identified by whatever the caller uses (a reference, a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span<K> {
    pub key: K,
    pub start: Instant,
    /// `None` while still open.
    pub end: Option<Instant>,
}

/// Two episodes of one child that cannot both be true.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clash<K> {
    /// `later` starts before `earlier` ended.
    Overlap { earlier: K, later: K },
    /// `earlier` is still open although `later` started after it.
    OpenBefore { earlier: K, later: K },
}

/// Every clash between consecutive episodes of one child. An episode may end
/// exactly when the next begins.
pub fn clashes<K: Clone>(spans: &[Span<K>]) -> Vec<Clash<K>> {
    let mut sorted: Vec<&Span<K>> = spans.iter().collect();
    sorted.sort_by_key(|s| s.start);
    sorted
        .windows(2)
        .filter_map(|pair| {
            let (a, b) = (pair[0], pair[1]);
            match a.end {
                None => Some(Clash::OpenBefore { earlier: a.key.clone(), later: b.key.clone() }),
                Some(end) if end > b.start => Some(Clash::Overlap { earlier: a.key.clone(), later: b.key.clone() }),
                Some(_) => None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::at;

    fn span(key: &'static str, start: &str, end: Option<&str>) -> Span<&'static str> {
        Span { key, start: at(start), end: end.map(at) }
    }

    #[test]
    fn back_to_back_episodes_do_not_clash() {
        let s = [span("a", "2026-01-01 10:00", Some("2026-01-01 12:00")), span("b", "2026-01-01 12:00", None)];
        assert!(clashes(&s).is_empty());
    }

    #[test]
    fn overlapping_episodes_clash_whatever_order_they_come_in() {
        let s = [span("b", "2026-01-01 11:59", None), span("a", "2026-01-01 10:00", Some("2026-01-01 12:00"))];
        assert_eq!(clashes(&s), [Clash::Overlap { earlier: "a", later: "b" }]);
    }

    #[test]
    fn an_open_episode_followed_by_another_clashes() {
        let s = [span("a", "2026-01-01 10:00", None), span("b", "2026-01-02 10:00", Some("2026-01-02 11:00"))];
        assert_eq!(clashes(&s), [Clash::OpenBefore { earlier: "a", later: "b" }]);
    }
}
