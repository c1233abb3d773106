//! How long the MPMG month takes on a large synthetic database (10,000
//! children, 100,000 episodes over three years): the store's reads plus the
//! domain rules, as `ri-chase mpmg` runs them. Run with `cargo bench --bench mpmg`.

use criterion::{Criterion, criterion_group, criterion_main};
use ri_chase::domain::mpmg_review::{Action, MpmgMeeting};
use ri_chase::domain::period::YearMonth;
use ri_chase::domain::time::{parse_instant, uk_date};
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

    // The tab's board with a meeting that reviewed the whole cohort, each
    // child with an open action: the reviews, the action counts and the
    // quarter's trajectory on top of the month's lists.
    let today = uk_date(at);
    let meeting = MpmgMeeting { held_on: today, month: month.as_month(), attendees: None, notes: None };
    let (meeting_id, _) = store.add_mpmg_meeting(&meeting, today).expect("meeting");
    for row in &sizes.cohort {
        let person = store.person_id_by_ref(&row.person_ref).expect("lookup").expect("child");
        store.set_reviewed(meeting_id, person, true).expect("reviewed");
        let action = Action {
            what: "Review the safety plan".into(),
            who: Some("Lead".into()),
            due_on: Some(today),
            done_on: None,
        };
        store.add_action(person, Some(meeting_id), &action, today).expect("action");
    }
    group.bench_function("mpmg_board_whole_cohort_reviewed", |b| {
        b.iter(|| black_box(store.mpmg_board(month, at).expect("board")))
    });
    group.finish();
}

criterion_group!(benches, mpmg);
criterion_main!(benches);
