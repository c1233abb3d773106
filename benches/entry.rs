//! How fast data entry is on a large synthetic database (10,000 children,
//! 100,000 episodes): finding a child as you type, reporting one missing
//! (checks, write, audit) and undoing it, and building a conflict from the
//! audit trail. Run with `cargo bench --bench entry`.

use criterion::{Criterion, criterion_group, criterion_main};
use ri_chase::domain::codes::{EpisodeKind, MissingFrom};
use ri_chase::domain::time::parse_instant;
use ri_chase::io::demo::{DemoOptions, fill};
use ri_chase::store::Store;
use ri_chase::store::edit::{EditError, NewEpisode};
use ri_chase::tui::widgets::child_search::ChildSearch;
use std::hint::black_box;

fn entry(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_or_create(&dir.path().join("bench.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let at = parse_instant("2026-11-28 09:30").expect("at");
    let options = DemoOptions { seed: 1, people: 10_000, episodes: 100_000, at, authority: "Northshire".into() };
    fill(&mut store, &options).expect("demo data");

    let mut group = c.benchmark_group("entry_100k_episodes");
    group.bench_function("people_index", |b| b.iter(|| black_box(store.people_index().expect("index"))));
    let people = store.people_index().expect("index");
    let mut search = ChildSearch::new();
    group.bench_function("fuzzy_search_10k_children", |b| {
        b.iter(|| black_box(search.rank(black_box("oli smi"), &people, 5)))
    });

    let child = people.iter().find(|p| p.open_episode.is_none()).expect("a child at home").id;
    let episode = NewEpisode {
        missing_at: at,
        kind: EpisodeKind::Missing,
        missing_from: MissingFrom::Home,
        missing_from_name: None,
        police_ref: Some("NP-BENCH-1".into()),
        risk: None,
    };
    group.bench_function("report_missing_then_undo", |b| {
        b.iter(|| {
            let problems = store.check_new_episode(child, &episode, at).expect("check");
            assert!(problems.iter().all(|p| !p.blocking), "{problems:?}");
            let (_, change) = store.report_missing(child, &episode, at).expect("report");
            store.undo(&change).expect("undo");
        })
    });

    // A stale save: the interview moved on since it was read.
    let episode_id = store
        .episode_id_by_ref(&store.chase_list(at, &Default::default()).expect("chase")[0].episode_ref)
        .expect("lookup")
        .expect("an episode");
    let ri = store.interview(episode_id).expect("interview");
    store.assign_worker(ri.id, ri.version, Some("Bench Worker".into())).expect("assign");
    group.bench_function("stale_save_conflict", |b| {
        b.iter(|| match store.assign_worker(ri.id, ri.version, Some("Other".into())) {
            Err(EditError::Conflict(c)) => black_box(c),
            other => panic!("expected a conflict: {other:?}"),
        })
    });
    group.finish();
}

criterion_group!(benches, entry);
criterion_main!(benches);
