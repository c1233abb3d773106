//! The terminal app: tabs Chase, Strategy meetings, Still missing, MPMG and Reports.
//!
//! keys -> keymap -> Action -> App::update -> (reload from the store) -> views -> frame

pub mod action;
pub mod app;
pub mod editing;
pub mod filters;
pub mod forms;
pub mod keymap;
pub mod mpmg;
pub mod patterns;
pub mod reports;
pub mod session;
pub mod theme;
pub mod views;
pub mod widgets;

use crate::domain::holidays::BankHolidays;
use crate::domain::period::YearMonth;
use crate::domain::report::ReportPeriod;
use crate::domain::time::Instant;
use crate::io::cells::{chase_cells, strategy_cells};
use crate::store::{Store, StoreError};
use app::Lists;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use session::{Flow, Session};
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;
use widgets::list_table::Measured;

const RELOADING: &str = "Reloading…";
/// The longest the loop waits for a key before looking at the clock again.
const KEY_WAIT: Duration = Duration::from_millis(250);

/// The start of the next whole minute of the wall clock after `now`. The
/// lists are recomputed then (UK time is a whole number of hours from UTC,
/// so UTC minutes are UK minutes): the header clock and time left turn over
/// on the minute, and an interview reads OVERDUE as its deadline passes,
/// rather than up to a minute later as a timer started at launch would.
pub fn next_minute(now: Instant) -> Instant {
    let next = (now.timestamp().div_euclid(60) + 1) * 60;
    chrono::DateTime::from_timestamp(next, 0).unwrap_or(now + chrono::Duration::seconds(60))
}

/// How long to wait for a key at `now` so as to wake at `tick`: never
/// longer than [`KEY_WAIT`], nothing once the tick is due.
pub fn wait_for_key(now: Instant, tick: Instant) -> Duration {
    (tick - now).to_std().unwrap_or(Duration::ZERO).min(KEY_WAIT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::time::from_db_text;

    fn utc(s: &str) -> Instant {
        from_db_text(s).expect("test instant")
    }

    #[test]
    fn the_next_tick_is_the_next_whole_minute_of_the_wall_clock() {
        assert_eq!(next_minute(utc("2026-12-02T00:58:47Z")), utc("2026-12-02T00:59:00Z"));
        assert_eq!(next_minute(utc("2026-12-02T00:58:59.999Z")), utc("2026-12-02T00:59:00Z"));
        // On the minute itself, that minute has begun: the next is a minute on.
        assert_eq!(next_minute(utc("2026-12-02T00:59:00Z")), utc("2026-12-02T01:00:00Z"));
        assert_eq!(next_minute(utc("2026-12-31T23:59:30Z")), utc("2027-01-01T00:00:00Z"));
        // Across the autumn clock change the minutes keep their beat.
        assert_eq!(next_minute(utc("2026-10-25T00:59:10Z")), utc("2026-10-25T01:00:00Z"));
        // Before 1970 too (no negative-remainder surprise).
        assert_eq!(next_minute(utc("1969-12-31T23:59:30Z")), utc("1970-01-01T00:00:00Z"));
    }

    #[test]
    fn the_key_wait_wakes_the_loop_at_the_tick() {
        let tick = utc("2026-12-02T00:59:00Z");
        assert_eq!(wait_for_key(utc("2026-12-02T00:58:59.9Z"), tick), Duration::from_millis(100));
        assert_eq!(wait_for_key(utc("2026-12-02T00:58:30Z"), tick), KEY_WAIT);
        assert_eq!(wait_for_key(tick, tick), Duration::ZERO);
        assert_eq!(wait_for_key(utc("2026-12-02T00:59:01Z"), tick), Duration::ZERO, "a late tick is due now");
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("the terminal: {0}")]
    Terminal(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("ri-chase needs a terminal; use the commands (see --help) in scripts")]
    NoTerminal,
}

/// The app draws on a terminal and reads its keys from one. Run from a
/// script, a pipe or cron there is none: say so before anything is opened,
/// rather than fail inside the terminal library.
pub fn require_terminal() -> Result<(), TuiError> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() { Ok(()) } else { Err(TuiError::NoTerminal) }
}

/// Where "now" comes from: the clock, or a fixed instant (`--at`, for demos and tests).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    Live,
    Fixed(Instant),
}

impl Clock {
    pub fn now(self) -> Instant {
        match self {
            Clock::Live => chrono::Utc::now(),
            Clock::Fixed(t) => t,
        }
    }
}

/// The lists every tab shows, from the same functions as the commands.
pub fn load_lists(store: &Store, now: Instant, holidays: &BankHolidays, month: YearMonth) -> Result<Lists, StoreError> {
    load_lists_with(store, now, holidays, month, None, None)
}

/// The lists, and the board report for `report` when the Reports tab asks
/// for one (`Store::report`, as `ri-chase report` reads it).
pub fn load_lists_with(
    store: &Store,
    now: Instant,
    holidays: &BankHolidays,
    month: YearMonth,
    report: Option<ReportPeriod>,
    patterns: Option<ReportPeriod>,
) -> Result<Lists, StoreError> {
    let strategy = store.strategy_list(now)?;
    Ok(Lists {
        strategy_widths: Measured::of(strategy.iter().map(|r| strategy_cells(r, now))),
        strategy,
        missing: store.missing_list(now)?,
        mpmg: Some(store.mpmg_board(month, now)?),
        report: report.map(|p| store.report(p, now, holidays).map(|r| (p, r))).transpose()?,
        patterns: patterns
            .map(|p| app::PatternsData::load(store, p, now).map(|d| (p, std::sync::Arc::new(d))))
            .transpose()?,
        pending: false,
        ..load_first(store, now, holidays)?
    })
}

/// The Chase list alone (the screen the app opens on), for the first frame:
/// the rest follow from the loader, the other tabs saying they are loading.
pub fn load_first(store: &Store, now: Instant, holidays: &BankHolidays) -> Result<Lists, StoreError> {
    let chase = store.chase_list(now, holidays)?;
    Ok(Lists {
        chase_widths: Measured::of(chase.iter().map(|r| chase_cells(r, now))),
        chase,
        empty_file: !store.has_people()?,
        pending: true,
        ..Lists::default()
    })
}

/// What the loader is asked to read: as of when, the MPMG month, and the
/// Reports and Patterns tabs' periods (while each is shown).
type LoadRequest = (Instant, YearMonth, Option<ReportPeriod>, Option<ReportPeriod>);

/// Restores the terminal however the app ends (the panic hook that
/// `ratatui::init` installs covers panics).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Loads the lists on a thread of its own, with its own connection, so a
/// reload of a large file never freezes the keys.
struct Loader {
    requests: mpsc::Sender<LoadRequest>,
    results: mpsc::Receiver<(Instant, Result<Lists, StoreError>)>,
}

impl Loader {
    fn spawn(path: PathBuf, holidays: BankHolidays) -> Result<Loader, StoreError> {
        let store = Store::open_existing(&path)?;
        let (requests, inbox) = mpsc::channel::<LoadRequest>();
        let (outbox, results) = mpsc::channel();
        std::thread::spawn(move || {
            // Only the latest request matters: skip any that queued up meanwhile.
            while let Ok(mut request) = inbox.recv() {
                while let Ok(later) = inbox.try_recv() {
                    request = later;
                }
                let (now, month, report, patterns) = request;
                if outbox.send((now, load_lists_with(&store, now, &holidays, month, report, patterns))).is_err() {
                    break;
                }
            }
        });
        Ok(Loader { requests, results })
    }
}

/// How often the file is asked whether someone else has written to it.
const LOOK_FOR_OTHERS_EVERY: Duration = Duration::from_secs(1);

/// Runs the app until the user quits.
pub fn run(store: Store, holidays: BankHolidays, clock: Clock) -> Result<(), TuiError> {
    let loader = Loader::spawn(store.path().to_path_buf(), holidays.clone())?;
    let mut session = Session::start(store, holidays, clock)?;
    // The Chase list is in; the loader reads the rest while the first frame is drawn.
    let _ = loader.requests.send(session.app.load_request(session.app.now));
    let theme = theme::Theme::from_env();
    require_terminal()?;
    let mut terminal = ratatui::try_init()?;
    let _guard = TerminalGuard;
    // Ticks follow the wall clock even when `--at` fixes the lists' "now":
    // others' changes are looked for on the same beat.
    let mut tick = next_minute(chrono::Utc::now());
    let mut last_look = std::time::Instant::now();
    loop {
        let size = terminal.size()?;
        session.tick();
        session.app.page_rows = views::list_rows(size.height);
        session.app.too_small = views::too_small(size.width, size.height);
        terminal.draw(|frame| views::render(&session.app, &theme, frame))?;
        // Debug builds only: lets the PTY test prove the terminal is restored on a panic.
        #[cfg(debug_assertions)]
        if std::env::var_os("RI_CHASE_TEST_PANIC").is_some() {
            panic!("panic asked for by RI_CHASE_TEST_PANIC");
        }
        let wall = chrono::Utc::now();
        let mut reload = wall >= tick;
        if reload {
            tick = next_minute(wall);
        }
        if event::poll(wait_for_key(chrono::Utc::now(), tick))?
            && let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
            && let Some(action) = keymap::action_for(session.app.context(), key)
        {
            match session.act(action) {
                Flow::Quit => break,
                Flow::Reload => {
                    reload = true;
                    session.app.status.get_or_insert_with(|| RELOADING.into());
                }
                Flow::Continue => {}
            }
        }
        // Someone else saved: their change shows within a second or so.
        if last_look.elapsed() >= LOOK_FOR_OTHERS_EVERY {
            last_look = std::time::Instant::now();
            if session.others_changed() {
                reload = true;
                if let Err(e) = session.refresh_person() {
                    session.app.status = Some(format!("Could not re-read the child: {e}"));
                }
            }
        }
        if reload {
            // A closed channel means the loader died; say so rather than stop.
            if loader.requests.send(session.app.load_request(clock.now())).is_err() {
                session.app.status = Some("Could not reload: the loader stopped; restart ri-chase".into());
            }
        }
        while let Ok((now, result)) = loader.results.try_recv() {
            match result {
                Ok(lists) => {
                    session.app.load(now, lists);
                    if session.app.status.as_deref() == Some(RELOADING) {
                        session.app.status = None;
                    }
                }
                Err(e) => session.app.status = Some(format!("Could not reload: {e}")),
            }
        }
    }
    // The loader's connection is never closed (its thread outlives this
    // function), so SQLite would not fold the log into the file on its own:
    // do it, so the file alone holds everything saved, for whoever copies it.
    session.store.checkpoint()?;
    Ok(())
}
