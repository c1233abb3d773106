//! The app at national scale (issue 11): start to the first complete frame
//! of the Chase screen, and a key press to its frame, on the
//! 1,000,000-episode / 100,000-child demo. The database is made once by the
//! demo's own code under `target/bench-data/` (about 75 s) and reused; set
//! `RI_CHASE_BENCH_DB` to use another file. Frames are drawn into ratatui's
//! `TestBackend` at 120x40 (the terminal's own writing is not timed). Each
//! key bench presses two keys (there and back) and draws one frame.
//! Run with `cargo bench --bench frames`.

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::domain::time::{Instant, parse_instant};
use ri_chase::io::demo::{DemoOptions, fill};
use ri_chase::store::Store;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::form::FormKind;
use ri_chase::tui::session::Session;
use ri_chase::tui::theme::Theme;
use ri_chase::tui::{Clock, views};
use std::path::PathBuf;
use std::time::Duration;

const AT: &str = "2026-11-28 09:30";

/// The big demo file, made on first use.
fn database(at: Instant) -> PathBuf {
    if let Some(path) = std::env::var_os("RI_CHASE_BENCH_DB") {
        return PathBuf::from(path);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-data");
    let path = dir.join("demo-1m.sqlite");
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("bench-data folder");
        let partial = dir.join("demo-1m.partial.sqlite");
        let _ = std::fs::remove_file(&partial);
        let mut store = Store::open_or_create(&partial).expect("store");
        store.set_authority("Northshire").expect("authority");
        let options = DemoOptions { seed: 1, people: 100_000, episodes: 1_000_000, at, authority: "Northshire".into() };
        eprintln!("making {} (once)…", path.display());
        fill(&mut store, &options).expect("demo data");
        drop(store);
        std::fs::rename(&partial, &path).expect("rename");
    }
    path
}

fn draw(terminal: &mut Terminal<TestBackend>, session: &Session, theme: &Theme) {
    terminal.draw(|frame| views::render(&session.app, theme, frame)).expect("draw");
}

fn frames(c: &mut Criterion) {
    let at = parse_instant(AT).expect("at");
    let path = database(at);
    let holidays = BankHolidays::bundled();
    let theme = Theme::plain();
    let mut group = c.benchmark_group("app_1m_episodes");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("start_to_first_chase_frame", |b| {
        b.iter(|| {
            let store = Store::open_existing(&path).expect("store");
            let session = Session::start(store, holidays.clone(), Clock::Fixed(at)).expect("session");
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            draw(&mut terminal, &session, &theme);
        })
    });
    group.finish();

    let store = Store::open_existing(&path).expect("store");
    let mut session = Session::new(store, holidays.clone(), Clock::Fixed(at)).expect("session");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("key_to_frame_1m_episodes");
    let mut key = |name: &str, actions: &[Action], session: &mut Session| {
        group.bench_function(name, |b| {
            b.iter(|| {
                for a in actions {
                    session.act(*a);
                }
                draw(&mut terminal, session, &theme);
            })
        });
    };
    key("down_and_up", &[Action::Down, Action::Up], &mut session);
    key("bottom_and_top", &[Action::Bottom, Action::Top], &mut session);
    key("next_tab", &[Action::NextTab], &mut session);
    session.act(Action::GoTab(0));
    key("open_and_close_child", &[Action::OpenPerson, Action::Back], &mut session);
    key("open_and_close_attempt_form", &[Action::Open(FormKind::Attempt), Action::Back], &mut session);
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
