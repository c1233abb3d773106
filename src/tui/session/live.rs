//! What an open form can know as it is filled in, worked out after every key:
//! what an empty field will mean for the record chosen, and the problems the
//! store's checks (the rules in `domain::checks`) already find in the values
//! typed so far, shown next to their fields before any save.

use super::Session;
use crate::io::cells::place;
use crate::tui::forms;
use crate::tui::forms::field::FieldKind;
use crate::tui::forms::form::FormKind;

impl Session {
    /// Brings the open form up to date with what it can know now.
    pub(super) fn review_form(&mut self) {
        self.describe_usual_place();
        self.check_as_typed();
    }

    /// Runs the save's own checks on what is typed so far (a copy of the form
    /// builds the request, so the form itself gets no "required" marks) and
    /// shows each blocking problem next to its field, when that field holds
    /// a value. A value that does not read yet is left to the field's own preview.
    fn check_as_typed(&mut self) {
        let now = self.now();
        let Some(form) = self.app.form.as_deref() else { return };
        if form.kind == FormKind::FindChild {
            return;
        }
        let mut probe = form.clone();
        let problems = match forms::submit(&mut probe, now) {
            Some(submission) => self.check(&submission.request, now).unwrap_or_default(),
            None => Vec::new(),
        };
        let Some(form) = self.app.form.as_deref_mut() else { return };
        for f in &mut form.fields {
            f.live = None;
        }
        // About a value given: an empty field is the save's to ask for.
        for p in problems.iter().filter(|p| p.blocking) {
            if let Some(f) = form.field_mut(p.field)
                && !f.is_empty()
            {
                f.live.get_or_insert_with(|| p.message.clone());
            }
        }
    }

    /// The missing form's "where from", left empty, is where the child lives:
    /// say what that is for the child chosen, or that nothing is recorded.
    fn describe_usual_place(&mut self) {
        let Some(form) = self.app.form.as_deref() else { return };
        if form.kind != FormKind::Missing {
            return;
        }
        let chosen = form.field("person").and_then(|f| match &f.kind {
            FieldKind::Child(pick) => pick.chosen().map(|h| (h.id, h.name.clone())),
            _ => None,
        });
        let hint = match chosen {
            None => "empty: where the child lives".to_string(),
            Some((id, name)) => match self.store.usual_place(id) {
                Ok(Some((kind, name))) => format!("empty: {}", place(kind, name.as_deref())),
                Ok(None) => format!("nothing recorded of where {name} lives: choose the type"),
                Err(_) => "empty: where the child lives".to_string(),
            },
        };
        if let Some(field) = self.app.form.as_deref_mut().and_then(|f| f.field_mut("missing_from")) {
            field.hint = Some(hint);
        }
    }
}
