//! The app joined to its database: carries out what `App::update` asks for
//! (open a form on rows read with their versions, check and save, undo) and
//! tells the event loop when the lists need reloading.
//!
//! Tests drive a `Session` with actions, exactly as the keys do.

use super::action::Action;
use super::app::{App, Effect};
use super::editing::Opening;
use super::forms::Known;
use super::forms::child::ChildPick;
use super::forms::form::FormKind;
use super::forms::request::{Request, Submission};
use super::forms::{
    attempt, complete, episode, find, found, meeting, missing, not_required, offer, person, risk_grade, signoff, worker,
};
use super::{Clock, load_lists, load_lists_with};
use crate::domain::holidays::BankHolidays;
use crate::domain::period::YearMonth;
use crate::domain::time::Instant;
use crate::domain::when::describe;
use crate::store::edit::{EditError, Found, Problem};
use crate::store::{Store, StoreError};
use chrono::{DurationRound, TimeDelta};
use std::collections::BTreeSet;
use std::sync::Arc;

mod letter;
mod live;
mod mpmg;
mod report;
mod requests;

/// What the event loop does next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// The lists are out of date (a save, or the user asked).
    Reload,
    Quit,
}

pub struct Session {
    pub app: App,
    pub store: Store,
    pub holidays: BankHolidays,
    clock: Clock,
    /// SQLite's count of commits by other connections, when last looked at.
    seen_data_version: i64,
    /// Where `L` writes letters (the data folder's `letters/`); `None` if
    /// there is no home folder to find it from.
    pub letters_dir: Option<std::path::PathBuf>,
    /// Where `o` on the Reports tab writes reports (the data folder's `reports/`).
    pub reports_dir: Option<std::path::PathBuf>,
}

impl Session {
    /// A session with every list loaded (tests, and anything that acts at once).
    pub fn new(store: Store, holidays: BankHolidays, clock: Clock) -> Result<Session, StoreError> {
        let now = clock.now();
        let month = YearMonth::containing(now).plus(-1);
        let lists = load_lists(&store, now, &holidays, month)?;
        Session::with_lists(store, holidays, clock, now, lists)
    }

    /// A session with only the Chase list loaded, for the app's first frame:
    /// the caller has the loader bring the rest ([`crate::tui::load_first`]).
    pub fn start(store: Store, holidays: BankHolidays, clock: Clock) -> Result<Session, StoreError> {
        let now = clock.now();
        let lists = crate::tui::load_first(&store, now, &holidays)?;
        Session::with_lists(store, holidays, clock, now, lists)
    }

    fn with_lists(
        store: Store,
        holidays: BankHolidays,
        clock: Clock,
        now: Instant,
        lists: crate::tui::app::Lists,
    ) -> Result<Session, StoreError> {
        let authority = store.require_authority()?;
        let mut app = App::new(authority, now, lists);
        // The first screen says what the command line said on standard error.
        app.status = crate::store::network_fs::detect(store.path()).map(crate::store::network_fs::status_line);
        // Said at once, not only when a save is refused (before any network-file warning: it stops saves).
        let triggers = store.triggers()?;
        if !triggers.intact() {
            app.status = Some(format!(
                "Changes cannot be saved: the audit trail's triggers are not in place ({}); run `ri-chase audit repair-triggers`",
                triggers.describe()
            ));
        }
        let seen_data_version = store.data_version()?;
        let letters_dir = crate::io::paths::letters_folder().ok();
        let reports_dir = crate::io::paths::reports_folder().ok();
        Ok(Session { app, store, holidays, clock, seen_data_version, letters_dir, reports_dir })
    }

    /// Now, to the minute: what a form's "now" means.
    fn now(&self) -> Instant {
        let t = self.clock.now();
        t.duration_trunc(TimeDelta::minutes(1)).unwrap_or(t)
    }

    /// Keeps the forms' "now" current between key presses (what a time field shows it read).
    pub fn tick(&mut self) {
        self.app.clock = self.now();
    }

    /// One user action, carried through to the database.
    pub fn act(&mut self, action: Action) -> Flow {
        self.app.clock = self.now();
        let effect = self.app.update(action);
        let flow = self.apply(effect);
        self.review_form();
        flow
    }

    fn apply(&mut self, effect: Effect) -> Flow {
        match effect {
            Effect::None => Flow::Continue,
            Effect::Quit => Flow::Quit,
            Effect::Reload => Flow::Reload,
            Effect::Open(opening) => {
                if let Err(e) = self.open(opening) {
                    self.app.status = Some(format!("Could not open the form: {e}"));
                }
                Flow::Continue
            }
            Effect::Save(submission) => self.save(*submission),
            Effect::FoundNow { episode_ref } => self.found_now(&episode_ref),
            Effect::RequireInterview { episode_ref } => self.require_interview(&episode_ref),
            Effect::ToggleReviewed { person_ref } => self.toggle_reviewed(&person_ref),
            Effect::AskDelete { episode_ref } => {
                if let Err(e) = self.ask_delete(&episode_ref) {
                    self.app.status = Some(format!("Could not read the episode: {e}"));
                }
                Flow::Continue
            }
            Effect::Undo => self.undo(),
            Effect::DraftLetter { episode_ref } => {
                self.app.status = Some(self.draft_letter(&episode_ref));
                Flow::Continue
            }
            Effect::WriteReport => {
                self.app.status = Some(self.write_report());
                Flow::Continue
            }
            Effect::ToggleActionDone { action_id } => self.toggle_action_done(action_id),
            Effect::AskDeleteAction { action_id } => {
                if let Err(e) = self.ask_delete_action(action_id) {
                    self.app.status = Some(format!("Could not read the action: {e}"));
                }
                Flow::Continue
            }
            Effect::OpenPerson(person_ref) => {
                match self.store.person_page(&person_ref) {
                    Ok(Some(page)) => self.app.show_person(page),
                    Ok(None) => self.app.status = Some(format!("No child with reference {person_ref}")),
                    Err(e) => self.app.status = Some(format!("Could not read the child: {e}")),
                }
                Flow::Continue
            }
        }
    }

    /// Reloads the lists (and the child's screen) here and now. The app's
    /// event loop does the lists on its loader thread instead.
    pub fn reload_now(&mut self) -> Result<(), StoreError> {
        let now = self.clock.now();
        let lists = load_lists_with(
            &self.store,
            now,
            &self.holidays,
            self.app.mpmg_month,
            self.app.report_request(),
            self.app.patterns_request(),
        )?;
        self.app.load(now, lists);
        self.refresh_person()
    }

    /// Re-reads the child on screen, if any.
    pub fn refresh_person(&mut self) -> Result<(), StoreError> {
        let Some(person_ref) = self.app.person.as_ref().map(|v| v.page.record.person.person_ref.clone()) else {
            return Ok(());
        };
        match self.store.person_page(&person_ref)? {
            Some(page) => self.app.show_person(page),
            None => {
                self.app.person = None;
                self.app.status = Some(format!("{person_ref} is no longer in the database"));
            }
        }
        Ok(())
    }

    /// Whether someone else has written to the file since we last looked.
    pub fn others_changed(&mut self) -> bool {
        match self.store.data_version() {
            Ok(v) if v != self.seen_data_version => {
                self.seen_data_version = v;
                true
            }
            _ => false,
        }
    }

    fn known(&self) -> Result<Known, StoreError> {
        let chase = &self.app.lists.chase;
        let distinct = |v: Vec<Option<String>>| v.into_iter().flatten().collect::<BTreeSet<_>>().into_iter().collect();
        Ok(Known {
            authority: self.app.authority.clone(),
            teams: distinct(chase.iter().map(|r| r.team.clone()).collect()),
            workers: distinct(chase.iter().map(|r| r.worker.clone()).collect()),
            placements: self.store.placements()?,
        })
    }

    fn episode_id(&self, episode_ref: &str) -> Result<i64, StoreError> {
        self.store
            .episode_id_by_ref(episode_ref)?
            .ok_or_else(|| StoreError::Corrupt(format!("episode {episode_ref} is no longer in the database")))
    }

    fn open(&mut self, opening: Opening) -> Result<(), StoreError> {
        let known = self.known()?;
        let episode = match &opening.episode_ref {
            Some(r) => Some(self.store.episode(self.episode_id(r)?)?),
            None => None,
        };
        let form = match (opening.kind, &episode) {
            (FormKind::NewPerson, _) => person::open(None, &known),
            (FormKind::FindChild, _) => find::open(ChildPick::new(Arc::new(self.store.people_index()?))),
            (FormKind::EditPerson, _) => {
                let person_ref = opening.person_ref.clone().unwrap_or_default();
                let id = self
                    .store
                    .person_id_by_ref(&person_ref)?
                    .ok_or_else(|| StoreError::Corrupt(format!("child {person_ref} is no longer in the database")))?;
                person::open(Some(&self.store.person(id)?), &known)
            }
            (FormKind::Missing, _) => {
                let people = self.store.people_index()?;
                match opening.person_ref.as_deref().and_then(|r| people.iter().find(|p| p.person_ref == r)) {
                    Some(hit) => missing::open(ChildPick::only(hit.clone()), true, &known),
                    None => missing::open(ChildPick::new(Arc::new(people)), false, &known),
                }
            }
            (FormKind::MpmgMeeting, _) => self.open_mpmg_meeting(opening.row, opening.month)?,
            (FormKind::MpmgAction, _) => match self.open_action(&opening, &known)? {
                Ok(form) => form,
                Err(why) => {
                    self.app.status = Some(why);
                    return Ok(());
                }
            },
            (FormKind::Found, Some(e)) => found::open(e),
            (FormKind::EditEpisode, Some(e)) => episode::open(e, &known),
            (FormKind::RiskGrade, Some(e)) => risk_grade::open(e, self.now()),
            (FormKind::Meeting, Some(e)) => meeting::open(e, self.store.meeting(e.id)?.as_ref()),
            (kind, Some(e)) => {
                let ri = self.store.interview(e.id)?;
                match kind {
                    FormKind::AssignWorker => worker::open(&e.value, &ri, known.workers.clone()),
                    FormKind::Attempt => attempt::open(&e.value, &ri),
                    FormKind::Complete => complete::open(&e.value, &ri),
                    FormKind::NotRequired => not_required::open(&e.value, &ri),
                    FormKind::Offer => offer::open(&e.value, &ri),
                    _ => signoff::open(&e.value, &ri),
                }
            }
            (_, None) => {
                self.app.status = Some("Select an episode first".into());
                return Ok(());
            }
        };
        self.app.show_form(form, opening);
        Ok(())
    }

    /// Shows problems on the open form, or on the status line when there is none.
    fn show_problems(&mut self, problems: &[Problem]) {
        match self.app.form.as_mut() {
            Some(form) => {
                form.show_problems(problems);
            }
            None => {
                let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
                self.app.status = Some(format!("Not saved: {}", text.join("; ")));
            }
        }
    }

    /// Checks, asks about warnings once, then writes.
    fn save(&mut self, submission: Submission) -> Flow {
        let now = self.now();
        let problems = match self.check(&submission.request, now) {
            Ok(p) => p,
            Err(e) => {
                self.app.status = Some(format!("Not saved: {e}"));
                return Flow::Continue;
            }
        };
        let warned = self.app.form.as_ref().is_none_or(|f| f.warned);
        if problems.iter().any(|p| p.blocking) || (!problems.is_empty() && !warned) {
            self.show_problems(&problems);
            if let Some(form) = self.app.form.as_mut() {
                form.warned = !problems.iter().any(|p| p.blocking);
            }
            return Flow::Continue;
        }
        match self.write(&submission.request, now) {
            Ok(change) => {
                self.app.saved(change, submission.summary);
                if let Err(e) = self.refresh_person() {
                    self.app.status = Some(format!("Saved, but could not re-read the child: {e}"));
                }
                Flow::Reload
            }
            Err(EditError::Conflict(conflict)) => {
                self.app.conflicted(conflict, submission);
                Flow::Continue
            }
            Err(EditError::Invalid(problems)) => {
                self.show_problems(&problems);
                Flow::Continue
            }
            Err(e @ (EditError::Store(_) | EditError::CannotUndo(_))) => {
                self.app.status = Some(format!("Not saved: {e}"));
                Flow::Continue
            }
        }
    }

    /// One key on a missing child's row: found, now.
    fn found_now(&mut self, episode_ref: &str) -> Flow {
        let episode = match self.episode_id(episode_ref).and_then(|id| self.store.episode(id)) {
            Ok(e) => e,
            Err(e) => {
                self.app.status = Some(format!("Could not read the episode: {e}"));
                return Flow::Continue;
            }
        };
        if let Some(r) = episode.value.episode.returned_at {
            self.app.status = Some(format!(
                "{} returned at {} already; F opens the form to change it",
                episode.value.name,
                describe(r)
            ));
            return Flow::Continue;
        }
        let returned_at = self.now();
        let summary = format!("Recorded {} found at {}", episode.value.name, describe(returned_at));
        let found = Found { returned_at, where_found: None, found_with: None };
        self.save(Submission {
            request: Request::Found { episode_id: episode.id, version: episode.version, found },
            summary,
        })
    }

    /// One key: the child asked for an interview after an absence (or "not
    /// required" was a mistake).
    fn require_interview(&mut self, episode_ref: &str) -> Flow {
        let read = self.episode_id(episode_ref).and_then(|id| Ok((self.store.episode(id)?, self.store.interview(id)?)));
        let (episode, ri) = match read {
            Ok(pair) => pair,
            Err(e) => {
                self.app.status = Some(format!("Could not read the episode: {e}"));
                return Flow::Continue;
            }
        };
        if ri.value.interview.is_required() {
            self.app.status = Some(format!("{}'s return interview is already required", episode.value.name));
            return Flow::Continue;
        }
        let summary = format!("{}'s return interview is now required ({episode_ref})", episode.value.name);
        self.save(Submission {
            request: Request::RequireInterview { interview_id: ri.id, version: ri.version },
            summary,
        })
    }

    fn ask_delete(&mut self, episode_ref: &str) -> Result<(), StoreError> {
        let e = self.store.episode(self.episode_id(episode_ref)?)?;
        let question = format!(
            "Delete episode {} of {} (missing since {}), with its return interview, attempts and meeting?",
            episode_ref,
            e.value.name,
            describe(e.value.episode.missing_at)
        );
        let summary = format!("Deleted episode {episode_ref} of {}", e.value.name);
        self.app.ask(
            question,
            Submission { request: Request::DeleteEpisode { episode_id: e.id, version: e.version }, summary },
        );
        Ok(())
    }

    fn undo(&mut self) -> Flow {
        let Some(last) = self.app.last_change.take() else { return Flow::Continue };
        match self.store.undo(&last.change) {
            Ok(_) => {
                self.app.status = Some(format!("Undone: {}", last.summary));
                if let Err(e) = self.refresh_person() {
                    self.app.status = Some(format!("Undone, but could not re-read the child: {e}"));
                }
                Flow::Reload
            }
            Err(EditError::Conflict(c)) => {
                let who = if c.by.is_empty() { "someone".to_string() } else { c.by.join(", ") };
                self.app.status = Some(format!("Cannot undo \"{}\": {who} changed it since", last.summary));
                Flow::Continue
            }
            Err(e) => {
                self.app.status = Some(format!("Cannot undo: {e}"));
                self.app.last_change = Some(last);
                Flow::Continue
            }
        }
    }
}
