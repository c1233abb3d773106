//! The app's state while entering data: forms, the young person screen,
//! conflicts, confirmations and undo. `App::update` hands actions here first.

use super::action::Action;
use super::app::{App, Effect};
use super::forms::{self, field::Edit, form::Form, form::FormKind, request::Submission};
use crate::domain::history::Month;
use crate::store::PersonPage;
use crate::store::edit::{Change, Conflict};

/// Which form to open, on which child and episode (or other row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub kind: FormKind,
    pub person_ref: Option<String>,
    pub episode_ref: Option<String>,
    /// The row an MPMG form edits (a meeting or an action); `None` for a new one.
    pub row: Option<i64>,
    /// The month an MPMG meeting form is for (the MPMG tab's); `None`: the month just gone.
    /// For a new MPMG action, the month whose meeting agreed it (the MPMG tab's);
    /// `None`: the latest meeting that reviewed the child.
    pub month: Option<Month>,
}

impl Opening {
    fn new(kind: FormKind, person_ref: Option<String>, episode_ref: Option<String>) -> Self {
        Opening { kind, person_ref, episode_ref, row: None, month: None }
    }
}

/// Which list of the young person screen has the selection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Episodes,
    Actions,
}

/// The young person screen: the child's page, the selected episode and
/// MPMG action, and which of the two the keys move.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub page: PersonPage,
    pub selected: usize,
    pub action: usize,
    pub pane: Pane,
}

impl PersonView {
    /// The selected MPMG action's index, when the actions have the selection.
    pub fn action_focus(&self) -> Option<usize> {
        (self.pane == Pane::Actions).then_some(self.action)
    }
}

/// A save refused because the row changed: the form as typed, what was
/// asked, and what the other person changed.
#[derive(Debug, Clone)]
pub struct ConflictView {
    pub form: Form,
    pub opening: Opening,
    pub submission: Submission,
    pub conflict: Conflict,
}

/// A question before a destructive change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub question: String,
    pub submission: Submission,
}

/// The last change this session made, for undo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastChange {
    pub change: Change,
    pub summary: String,
}

impl App {
    /// Handles the action if a form, question, conflict or the young person
    /// screen is in front; `None` lets the lists have it.
    pub(super) fn update_entry(&mut self, action: Action) -> Option<Effect> {
        if self.quit_asked {
            return Some(match action {
                Action::Quit | Action::Yes => Effect::Quit,
                Action::No | Action::Back => {
                    self.quit_asked = false;
                    self.status = Some("Not quitting; nothing discarded".into());
                    Effect::None
                }
                _ => Effect::None,
            });
        }
        if action == Action::Quit {
            // Every way out asks before discarding what was typed.
            if self.unsaved().is_some() {
                self.quit_asked = true;
                return Some(Effect::None);
            }
            return Some(Effect::Quit);
        }
        // Too small to see the form: no key but quitting may reach it.
        if self.too_small {
            return Some(Effect::None);
        }
        if let Some(confirm) = self.confirm.take() {
            return Some(match action {
                Action::Yes => Effect::Save(Box::new(confirm.submission)),
                Action::No | Action::Back => {
                    self.status = Some("Nothing was deleted".into());
                    Effect::None
                }
                _ => {
                    self.confirm = Some(confirm);
                    Effect::None
                }
            });
        }
        if let Some(view) = self.conflict.take() {
            return Some(self.update_conflict(*view, action));
        }
        if let Some(form) = self.form.take() {
            return Some(self.update_form(*form, action));
        }
        if self.person.is_some() && self.overlay == super::app::Overlay::None {
            return self.update_person(action);
        }
        None
    }

    /// The form holding typed data that quitting would discard, if any: an
    /// open form with something typed, or one a conflict is holding.
    pub fn unsaved(&self) -> Option<&Form> {
        match (&self.form, &self.conflict) {
            (Some(form), _) if form.dirty => Some(form),
            (_, Some(view)) => Some(&view.form),
            _ => None,
        }
    }

    fn update_conflict(&mut self, view: ConflictView, action: Action) -> Effect {
        // Deleted by someone else: there is nothing to save over or reopen; close.
        if view.conflict.version_now.is_none() {
            if action != Action::Back {
                self.conflict = Some(Box::new(view));
                return Effect::None;
            }
            let who = view.conflict.deleted.as_ref().map_or("someone else", |d| d.by.as_str());
            self.status = Some(format!("Not saved: {who} deleted it · {}", view.submission.summary));
            return Effect::Reload;
        }
        match action {
            Action::KeepMine => match view.conflict.version_now {
                Some(v) => {
                    let submission =
                        Submission { request: view.submission.request.at_version(v), summary: view.submission.summary };
                    self.form = Some(Box::new(view.form));
                    self.form_opening = Some(view.opening);
                    Effect::Save(Box::new(submission))
                }
                // Handled above: a deleted row offers only to close.
                None => Effect::Reload,
            },
            Action::TakeTheirs => Effect::Open(view.opening),
            Action::Back | Action::No => {
                self.status = Some("Cancelled; nothing saved".into());
                Effect::None
            }
            _ => {
                self.conflict = Some(Box::new(view));
                Effect::None
            }
        }
    }

    fn update_form(&mut self, mut form: Form, action: Action) -> Effect {
        let mut effect = Effect::None;
        match action {
            Action::Back => {
                if form.dirty && !form.discard_armed {
                    form.discard_armed = true;
                    form.banner = Some("Press Esc again to discard what you typed".into());
                } else {
                    self.form_opening = None;
                    self.status = Some("Closed; nothing saved".into());
                    return Effect::None;
                }
            }
            Action::Save if form.kind == FormKind::FindChild => match forms::find::chosen(&form) {
                Some(person_ref) => {
                    self.form_opening = None;
                    return Effect::OpenPerson(person_ref);
                }
                None => form.fail("person", "no child matches"),
            },
            Action::Save => {
                if let Some(submission) = forms::submit(&mut form, self.clock) {
                    effect = Effect::Save(Box::new(submission));
                }
            }
            Action::NextField => form.move_focus(true),
            Action::PrevField => form.move_focus(false),
            Action::Down => form.up_down(true),
            Action::Up => form.up_down(false),
            Action::Type(c) => form.edit(Edit::Insert(c)),
            Action::Backspace => form.edit(Edit::Backspace),
            Action::Edit(e) => form.edit(e),
            _ => {}
        }
        self.form = Some(Box::new(form));
        effect
    }

    fn update_person(&mut self, action: Action) -> Option<Effect> {
        let view = self.person.as_mut()?;
        let (selected, len) = match view.pane {
            Pane::Episodes => (&mut view.selected, view.page.episodes.len()),
            Pane::Actions => (&mut view.action, view.page.actions.len()),
        };
        let last = len.saturating_sub(1);
        match action {
            Action::Down => *selected = (*selected + 1).min(last),
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = last,
            Action::SwitchPane => match view.pane {
                Pane::Actions => view.pane = Pane::Episodes,
                Pane::Episodes if view.page.actions.is_empty() => {
                    self.status = Some("This child has no MPMG actions; + adds one".into());
                }
                Pane::Episodes => view.pane = Pane::Actions,
            },
            Action::Back => self.person = None,
            Action::Refresh => return Some(Effect::Reload),
            Action::ToggleHelp => return None,
            Action::Open(_)
            | Action::FoundNow
            | Action::RequireInterview
            | Action::DeleteEpisode
            | Action::Undo
            | Action::EditAction
            | Action::ActionDone
            | Action::DeleteAction => {
                return Some(self.entry_effect(action));
            }
            _ => {}
        }
        Some(Effect::None)
    }

    /// The MPMG action selected on the child's screen, or why there is none.
    fn selected_action(&mut self) -> Option<i64> {
        let view = self.person.as_ref()?;
        let chosen = view.action_focus().and_then(|i| view.page.actions.get(i)).map(|a| a.id);
        if chosen.is_none() {
            self.status = Some(if view.page.actions.is_empty() {
                "This child has no MPMG actions; + adds one".into()
            } else {
                "Tab to the MPMG actions and select one first".into()
            });
        }
        chosen
    }

    /// The child and episode an action applies to: the young person screen's
    /// selection if it is open, else the selected row.
    fn subject(&self) -> (Option<String>, Option<String>) {
        match &self.person {
            Some(view) => (
                Some(view.page.record.person.person_ref.clone()),
                view.page.episodes.get(view.selected).map(|e| e.case.episode.episode_ref.clone()),
            ),
            None => match self.selected_row() {
                Some((p, e)) => (Some(p), Some(e)),
                // The MPMG tab lists children, not episodes.
                None => (self.selected_person(), None),
            },
        }
    }

    /// The MPMG tab is in front (no child's screen over it).
    fn on_mpmg_tab(&self) -> bool {
        self.person.is_none() && self.tab == super::app::Tab::Mpmg
    }

    pub(super) fn entry_effect(&mut self, action: Action) -> Effect {
        let (person_ref, episode_ref) = self.subject();
        let need = |app: &mut App, what: Option<String>, word: &str| {
            if what.is_none() {
                app.status = Some(format!("Select {word} first"));
            }
            what
        };
        match action {
            Action::Open(kind) => {
                let opening = match kind {
                    // The meeting form opens on last month's meeting; the MPMG tab names another.
                    FormKind::NewPerson | FormKind::FindChild => Opening::new(kind, None, None),
                    // From the MPMG tab, the meeting for the month it shows.
                    FormKind::MpmgMeeting => Opening {
                        month: self.on_mpmg_tab().then(|| self.mpmg_month.as_month()),
                        ..Opening::new(kind, None, None)
                    },
                    // From the lists the child is searched for; on their own screen it is them.
                    FormKind::Missing => {
                        Opening::new(kind, if self.person.is_some() { person_ref } else { None }, None)
                    }
                    // A new action for the child (Enter on an action edits it); from
                    // the MPMG tab, agreed at the meeting for the month it shows.
                    FormKind::EditPerson | FormKind::MpmgAction => match need(self, person_ref, "a child") {
                        Some(p) => Opening {
                            month: (kind == FormKind::MpmgAction && self.on_mpmg_tab())
                                .then(|| self.mpmg_month.as_month()),
                            ..Opening::new(kind, Some(p), None)
                        },
                        None => return Effect::None,
                    },
                    _ => match need(self, episode_ref, "an episode") {
                        Some(e) => Opening::new(kind, person_ref, Some(e)),
                        None => return Effect::None,
                    },
                };
                Effect::Open(opening)
            }
            Action::FoundNow => match need(self, episode_ref, "an episode") {
                Some(episode_ref) => Effect::FoundNow { episode_ref },
                None => Effect::None,
            },
            Action::RequireInterview => match need(self, episode_ref, "an episode") {
                Some(episode_ref) => Effect::RequireInterview { episode_ref },
                None => Effect::None,
            },
            Action::DeleteEpisode => match need(self, episode_ref, "an episode") {
                Some(episode_ref) => Effect::AskDelete { episode_ref },
                None => Effect::None,
            },
            Action::Undo => match &self.last_change {
                Some(_) => Effect::Undo,
                None => {
                    self.status = Some("Nothing to undo".into());
                    Effect::None
                }
            },
            Action::OpenPerson => match need(self, person_ref, "a row") {
                Some(p) => Effect::OpenPerson(p),
                None => Effect::None,
            },
            Action::EditAction => match self.selected_action() {
                Some(id) => {
                    Effect::Open(Opening { row: Some(id), ..Opening::new(FormKind::MpmgAction, person_ref, None) })
                }
                None => Effect::None,
            },
            Action::ActionDone => match self.selected_action() {
                Some(action_id) => Effect::ToggleActionDone { action_id },
                None => Effect::None,
            },
            Action::DeleteAction => match self.selected_action() {
                Some(action_id) => Effect::AskDeleteAction { action_id },
                None => Effect::None,
            },
            _ => Effect::None,
        }
    }

    /// Puts a form in front (the session has read what it needs).
    pub fn show_form(&mut self, form: Form, opening: Opening) {
        self.form = Some(Box::new(form));
        self.form_opening = Some(opening);
        self.conflict = None;
    }

    /// A save went through: the form closes and the change can be undone.
    pub fn saved(&mut self, change: Change, summary: String) {
        self.form = None;
        self.form_opening = None;
        self.conflict = None;
        self.status = Some(format!("{summary} · u undoes"));
        self.last_change = Some(LastChange { change, summary });
    }

    /// A save was refused because someone else changed the row first.
    pub fn conflicted(&mut self, conflict: Conflict, submission: Submission) {
        if let (Some(form), Some(opening)) = (self.form.take(), self.form_opening.take()) {
            self.conflict = Some(Box::new(ConflictView { form: *form, opening, submission, conflict }));
        } else {
            self.status = Some("Someone else changed this first; nothing saved. Look again and retry.".into());
        }
    }

    pub fn ask(&mut self, question: String, submission: Submission) {
        self.confirm = Some(Confirm { question, submission });
    }

    /// Shows (or refreshes) the young person screen, keeping the selected
    /// episode and action (and which list has the selection) where it can.
    pub fn show_person(&mut self, page: PersonPage) {
        let same = self.person.as_ref().filter(|v| v.page.record.person.person_ref == page.record.person.person_ref);
        let episode = same.and_then(|v| v.page.episodes.get(v.selected)).map(|e| e.case.episode.episode_ref.clone());
        let pane = same.map_or(Pane::Episodes, |v| v.pane);
        let selected =
            episode.and_then(|r| page.episodes.iter().position(|e| e.case.episode.episode_ref == r)).unwrap_or(0);
        // The action selection stays at its place in the list, not with the
        // action: one marked done moves down among the done, and the next
        // open one is then selected (x again must not reopen the first).
        let action = same.map_or(0, |v| v.action).min(page.actions.len().saturating_sub(1));
        let pane = if page.actions.is_empty() { Pane::Episodes } else { pane };
        self.person = Some(PersonView { page, selected, action, pane });
    }
}
