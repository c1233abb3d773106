//! How long the lists take on a large synthetic database (10,000 children,
//! 100,000 episodes): the store query plus the domain rules, as the screens
//! and commands run them. Run with `cargo bench --bench lists`.

use criterion::{Criterion, criterion_group, criterion_main};
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::time::parse_instant;
use ri_chase::io::demo::{DemoOptions, fill};
use ri_chase::store::Store;
use std::hint::black_box;

fn lists(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_or_create(&dir.path().join("bench.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let at = parse_instant("2026-11-28 09:30").expect("at");
    let options = DemoOptions { seed: 1, people: 10_000, episodes: 100_000, at, authority: "Northshire".into() };
    fill(&mut store, &options).expect("demo data");
    let holidays = BankHolidays::bundled();

    let mut group = c.benchmark_group("100k_episodes");
    group.bench_function("chase_list", |b| b.iter(|| black_box(store.chase_list(at, &holidays).expect("chase"))));
    group.bench_function("strategy_list", |b| b.iter(|| black_box(store.strategy_list(at).expect("strategy"))));
    group.bench_function("missing_list", |b| b.iter(|| black_box(store.missing_list(at).expect("missing"))));
    group.finish();
}

criterion_group!(benches, lists);
criterion_main!(benches);
