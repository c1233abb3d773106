//! The terminal app: tabs Chase, Strategy meetings and Still missing.
//!
//! keys -> keymap -> Action -> App::update -> (reload from the store) -> views -> frame

pub mod action;
pub mod app;
pub mod keymap;
pub mod theme;
pub mod views;
pub mod widgets;

use crate::domain::holidays::BankHolidays;
use crate::domain::time::Instant;
use crate::store::{Store, StoreError};
use app::{App, Effect, Lists};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::time::Duration;

/// How often the lists are reloaded on their own (others' changes, the clock).
const RELOAD_EVERY: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("the terminal: {0}")]
    Terminal(#[from] std::io::Error),
    #[error(transparent)]
    Store(#[from] StoreError),
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
pub fn load_lists(store: &Store, now: Instant, holidays: &BankHolidays) -> Result<Lists, StoreError> {
    Ok(Lists {
        chase: store.chase_list(now, holidays)?,
        strategy: store.strategy_list(now)?,
        missing: store.missing_list(now)?,
    })
}

/// Restores the terminal however the app ends (the panic hook that
/// `ratatui::init` installs covers panics).
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        ratatui::restore();
    }
}

/// Runs the app until the user quits.
pub fn run(store: Store, holidays: BankHolidays, clock: Clock) -> Result<(), TuiError> {
    let authority = store.require_authority()?;
    let now = clock.now();
    let mut app = App::new(authority, now, load_lists(&store, now, &holidays)?);
    let theme = theme::Theme::from_env();
    let mut terminal = ratatui::init();
    let _guard = TerminalGuard;
    let mut last_load = std::time::Instant::now();
    loop {
        let size = terminal.size()?;
        app.page_rows = views::list_rows(size.height);
        terminal.draw(|frame| views::render(&app, &theme, frame))?;
        let mut reload = last_load.elapsed() >= RELOAD_EVERY;
        if event::poll(Duration::from_secs(1))?
            && let Event::Key(key) = event::read()?
            && key.kind == KeyEventKind::Press
            && let Some(action) = keymap::action_for(app.context(), key)
        {
            match app.update(action) {
                Effect::Quit => return Ok(()),
                Effect::Reload => reload = true,
                Effect::None => {}
            }
        }
        if reload {
            let now = clock.now();
            match load_lists(&store, now, &holidays) {
                Ok(lists) => app.load(now, lists),
                Err(e) => app.status = Some(format!("Could not reload: {e}")),
            }
            last_load = std::time::Instant::now();
        }
    }
}
