//! The demo generator and the bulk write it feeds (synthetic people only).
//! `cargo bench --bench demo`; the million-episode figure comes from
//! `cargo test --release --lib -- --ignored demo_million --nocapture`.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ri_chase::domain::time::parse_instant;
use ri_chase::io::demo::{DemoOptions, demo_items, fill};
use ri_chase::store::Store;
use std::hint::black_box;

fn generate(c: &mut Criterion) {
    let at = parse_instant("2026-06-10 09:30").expect("bench time");
    let mut group = c.benchmark_group("demo_items");
    group.sample_size(20);
    let small = DemoOptions::small(at);
    group.bench_function("small (300 people, 1200 episodes)", |b| b.iter(|| black_box(demo_items(&small).count())));
    let big = DemoOptions { people: 10_000, episodes: 100_000, ..DemoOptions::small(at) };
    group.bench_function("10k people, 100k episodes", |b| b.iter(|| black_box(demo_items(&big).count())));
    group.finish();
}

fn write(c: &mut Criterion) {
    let at = parse_instant("2026-06-10 09:30").expect("bench time");
    let mut group = c.benchmark_group("demo_fill");
    group.sample_size(10);
    for (name, options) in [
        ("small demo into a new file", DemoOptions::small(at)),
        (
            "3k people, 30k episodes into a new file",
            DemoOptions { people: 3_000, episodes: 30_000, ..DemoOptions::small(at) },
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().expect("temp dir");
                    let mut store = Store::open_or_create(&dir.path().join("demo.sqlite")).expect("store");
                    store.set_authority(&options.authority).expect("authority");
                    (dir, store)
                },
                |(dir, mut store)| {
                    black_box(fill(&mut store, &options).expect("fill"));
                    (store, dir)
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, generate, write);
criterion_main!(benches);
