//! The one form engine: fields in order, which has the focus, and the
//! messages a save left on them. Each form's own file says which fields it
//! has and how they become a request to the store.

use super::field::{Edit, Field};
use super::request::Target;
use crate::domain::record::Placement;
use crate::store::edit::Problem;

/// Which form is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// Not a record: finds a child to open their screen.
    FindChild,
    NewPerson,
    EditPerson,
    Missing,
    Found,
    /// Correcting an episode's details.
    EditEpisode,
    AssignWorker,
    Attempt,
    Complete,
    NotRequired,
    SignOff,
    Meeting,
    /// An MPMG meeting: new, or one already recorded.
    MpmgMeeting,
    /// An action the MPMG agreed for a child: new, or one already recorded.
    MpmgAction,
    /// A new police risk grade during an episode.
    RiskGrade,
    /// A return interview offered / accepted, as the user records it.
    Offer,
}

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    pub kind: FormKind,
    pub title: &'static str,
    /// Whose record this is ("Alex Smith · E05"), shown under the title.
    pub subject: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub target: Target,
    /// A message about the whole form (a warning to confirm, a store error).
    pub banner: Option<String>,
    /// The warnings shown have been seen: the next save goes ahead.
    pub warned: bool,
    /// Something was typed since the form opened.
    pub dirty: bool,
    /// Esc was pressed once on a changed form: a second Esc discards.
    pub discard_armed: bool,
    /// The placements known when the form opened: a known name alone gives its type.
    pub places: Vec<Placement>,
}

impl Form {
    pub fn new(kind: FormKind, title: &'static str, subject: String, target: Target, fields: Vec<Field>) -> Self {
        let focus = fields.iter().position(|f| !f.locked).unwrap_or(0);
        Form {
            kind,
            title,
            subject,
            fields,
            focus,
            target,
            banner: None,
            warned: false,
            dirty: false,
            discard_armed: false,
            places: Vec::new(),
        }
    }

    /// The child's name, from the subject line ("Alex Smith · E05 · ...").
    pub fn subject_name(&self) -> &str {
        self.subject.split(" · ").next().unwrap_or_default()
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Moves the focus to the next (or previous) field that can be edited.
    pub fn move_focus(&mut self, forward: bool) {
        let n = self.fields.len();
        for step in 1..=n {
            let i = if forward { (self.focus + step) % n } else { (self.focus + n - step) % n };
            if !self.fields[i].locked {
                self.focus = i;
                return;
            }
        }
    }

    /// Up and down move within a list field first, then between fields.
    pub fn up_down(&mut self, down: bool) {
        let moved = self.fields.get_mut(self.focus).is_some_and(|f| f.step(down));
        if !moved {
            self.move_focus(down);
        }
    }

    pub fn edit(&mut self, edit: Edit) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.edit(edit)
        {
            self.dirty = true;
            self.warned = false;
            self.discard_armed = false;
        }
    }

    /// Clears every message before a new check.
    pub fn clear_messages(&mut self) {
        self.banner = None;
        for f in &mut self.fields {
            f.error = None;
            f.warning = None;
        }
    }

    /// Puts an error on a field (or the banner if the form has no such field).
    pub fn fail(&mut self, key: &str, message: impl Into<String>) {
        let message = message.into();
        match self.field_mut(key) {
            Some(f) => f.error = Some(message),
            None => self.banner = Some(message),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.fields.iter().any(|f| f.error.is_some())
    }

    /// Shows the store's problems next to their fields and moves the focus to
    /// the first one. Returns true if any blocks the save.
    pub fn show_problems(&mut self, problems: &[Problem]) -> bool {
        self.clear_messages();
        let mut blocking = false;
        for p in problems {
            blocking |= p.blocking;
            // The first problem found for a field is the one shown.
            match (self.field_mut(p.field), p.blocking) {
                (Some(f), true) => {
                    f.error.get_or_insert_with(|| p.message.clone());
                }
                (Some(f), false) => {
                    f.warning.get_or_insert_with(|| p.message.clone());
                }
                (None, _) => {
                    self.banner.get_or_insert_with(|| p.message.clone());
                }
            }
        }
        if !blocking && !problems.is_empty() {
            self.banner = Some("Check the warning; press Enter again to save anyway".into());
        }
        self.focus_first_message();
        blocking
    }

    /// Checks every required field is given; focuses the first that is not.
    pub fn require_filled(&mut self) {
        for f in &mut self.fields {
            if f.required && f.is_empty() && f.error.is_none() {
                f.error = Some("required".into());
            }
        }
        self.focus_first_message();
    }

    fn focus_first_message(&mut self) {
        if let Some(i) = self.fields.iter().position(|f| !f.locked && (f.error.is_some() || f.warning.is_some())) {
            self.focus = i;
        }
    }
}
