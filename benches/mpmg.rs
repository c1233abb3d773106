//! How long the MPMG month takes on a large synthetic database (10,000
//! children, 100,000 episodes over three years): the store's reads plus the
//! domain rules, as `ri-chase mpmg` runs them. Run with `cargo bench --bench mpmg`.

use criterion::{Criterion, criterion_group, criterion_main};
use ri_chase::domain::period::YearMonth;
use ri_chase::domain::time::parse_instant;
use ri_chase::io::demo::{DemoOptions, fill};
use ri_chase::store::Store;
use std::hint::black_box;

fn mpmg(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open_or_create(&dir.path().join("bench.sqlite")).expect("store");
    store.set_authority("Northshire").expect("authority");
    let at = parse_instant("2026-11-28 09:30").expect("at");
    let options = DemoOptions { seed: 1, people: 10_000, episodes: 100_000, at, authority: "Northshire".into() };
    fill(&mut store, &options).expect("demo data");
    // The month the meeting reviews: the one before now.
    let month = YearMonth::containing(at).plus(-1);
    let sizes = store.mpmg_month(month, at).expect("mpmg");
    eprintln!(
        "{month}: cohort {}, top {}, persistent {}",
        sizes.cohort.len(),
        sizes.top10.len(),
        sizes.persistent_quarter.len()
    );

    let mut group = c.benchmark_group("100k_episodes");
    group.bench_function("mpmg_month", |b| b.iter(|| black_box(store.mpmg_month(month, at).expect("mpmg"))));
    group.finish();
}

criterion_group!(benches, mpmg);
criterion_main!(benches);
