//! One field of a form: what it holds, how keys edit it, and what it reads as.

use super::child::ChildPick;
use crate::domain::time::Instant;
use crate::domain::when;
use chrono::NaiveDate;
use tui_input::{Input, InputRequest};

/// A code and the words shown for it.
pub type Choice = (&'static str, &'static str);

/// What a field holds and how it is edited.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// Free text.
    Text,
    /// Free text, with known values offered as you type (placement names, workers).
    Suggest(Vec<String>),
    /// A time, typed forgivingly; `past` refuses one after now.
    When { past: bool },
    /// A calendar date; `birth`: a date of birth, which needs its year.
    Day { birth: bool },
    /// One of a short list, stepped with ←/→ or Space. `None` is "not given".
    Choice { options: Vec<Choice>, selected: Option<usize>, optional: bool },
    /// Any of a list, ticked with Space; ←/→ move between them.
    Multi { options: Vec<Choice>, checked: Vec<bool>, cursor: usize },
    /// A child, found by typing part of a name or reference.
    Child(Box<ChildPick>),
}

/// One labelled field and what the last check said about it.
#[derive(Debug, Clone)]
pub struct Field {
    /// The column this field fills: how the store's problems find their field.
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub input: Input,
    pub required: bool,
    /// Shown but not editable (e.g. the child on a form opened from their row).
    pub locked: bool,
    pub error: Option<String>,
    pub warning: Option<String>,
    /// A problem the checks already find in the values typed so far, shown
    /// as you type (the save shows it again as `error`).
    pub live: Option<String>,
    /// Said (dimmed) beside the field while it is empty: what empty means
    /// (for some fields, worked out for the record chosen: "empty: Home").
    pub hint: Option<String>,
    /// A time or date filled in for the user (`now`, the value recorded): the
    /// first character typed replaces it; a cursor key or Backspace edits it.
    pub fresh: bool,
}

/// A text-editing request, as the form's actions map onto the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Start,
    End,
    DeleteWord,
    Clear,
}

impl Field {
    pub fn new(key: &'static str, label: &'static str, kind: FieldKind) -> Self {
        Field {
            key,
            label,
            kind,
            input: Input::default(),
            required: false,
            locked: false,
            error: None,
            warning: None,
            live: None,
            hint: None,
            fresh: false,
        }
    }

    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn locked(mut self) -> Self {
        self.locked = true;
        self
    }

    pub fn with_text(mut self, text: impl Into<String>) -> Self {
        self.input = Input::new(text.into());
        self.fresh =
            matches!(self.kind, FieldKind::When { .. } | FieldKind::Day { .. }) && !self.input.value().is_empty();
        self
    }

    pub fn with_choice(mut self, code: Option<&str>) -> Self {
        if let FieldKind::Choice { options, selected, .. } = &mut self.kind {
            *selected = code.and_then(|c| options.iter().position(|(o, _)| *o == c));
        }
        self
    }

    pub fn with_checked(mut self, codes: &[&str]) -> Self {
        if let FieldKind::Multi { options, checked, .. } = &mut self.kind {
            *checked = options.iter().map(|(o, _)| codes.contains(o)).collect();
        }
        self
    }

    /// Whether typed characters go into this field's text.
    pub fn takes_text(&self) -> bool {
        !self.locked
            && matches!(
                self.kind,
                FieldKind::Text
                    | FieldKind::Suggest(_)
                    | FieldKind::When { .. }
                    | FieldKind::Day { .. }
                    | FieldKind::Child(_)
            )
    }

    /// Applies one edit; returns whether the value changed.
    pub fn edit(&mut self, edit: Edit) -> bool {
        if self.locked {
            return false;
        }
        // A value filled in for the user is replaced by what they type.
        if std::mem::take(&mut self.fresh)
            && let Edit::Insert(_) = edit
        {
            self.input = Input::default();
        }
        // → at the end of a field with known values takes the first one offered.
        if edit == Edit::Right
            && self.input.cursor() == self.input.value().chars().count()
            && let Some(first) = self.suggestions().first().map(|s| s.to_string())
        {
            self.input = Input::new(first);
            return true;
        }
        let changed = match &mut self.kind {
            FieldKind::Choice { options, selected, .. } if matches!(edit, Edit::Insert(c) if c != ' ') => {
                let Edit::Insert(c) = edit else { return false };
                let next = type_ahead(options, selected.unwrap_or(usize::MAX), c);
                let changed = next.is_some() && next != *selected;
                *selected = next.or(*selected);
                changed
            }
            FieldKind::Choice { options, selected, optional } => step_choice(options.len(), selected, *optional, edit),
            FieldKind::Multi { options, cursor, .. } if matches!(edit, Edit::Insert(c) if c != ' ') => {
                // Moves the cursor only: ticking stays Space's.
                let Edit::Insert(c) = edit else { return false };
                if let Some(i) = type_ahead(options, *cursor, c) {
                    *cursor = i;
                }
                false
            }
            FieldKind::Multi { checked, cursor, .. } => step_multi(checked, cursor, edit),
            _ => {
                let request = match edit {
                    Edit::Insert(c) => InputRequest::InsertChar(c),
                    Edit::Backspace => InputRequest::DeletePrevChar,
                    Edit::Delete => InputRequest::DeleteNextChar,
                    Edit::Left => InputRequest::GoToPrevChar,
                    Edit::Right => InputRequest::GoToNextChar,
                    Edit::Start => InputRequest::GoToStart,
                    Edit::End => InputRequest::GoToEnd,
                    Edit::DeleteWord => InputRequest::DeletePrevWord,
                    Edit::Clear => InputRequest::DeleteLine,
                };
                self.input.handle(request).is_some_and(|c| c.value)
            }
        };
        if changed {
            self.error = None;
            self.warning = None;
            if let FieldKind::Child(pick) = &mut self.kind {
                pick.search(self.input.value());
            }
        }
        changed
    }

    /// Moves within the field (a list of children, the ticks); false if the
    /// field has nothing to move in, so the form moves to another field.
    pub fn step(&mut self, down: bool) -> bool {
        match &mut self.kind {
            FieldKind::Child(pick) if !self.locked => pick.step(down),
            _ => false,
        }
    }

    /// Known values containing what was typed (a few, for the line under the field).
    pub fn suggestions(&self) -> Vec<&str> {
        let FieldKind::Suggest(known) = &self.kind else { return Vec::new() };
        let typed = self.input.value().trim().to_lowercase();
        if typed.is_empty() {
            return Vec::new();
        }
        known
            .iter()
            .filter(|k| {
                let k = k.to_lowercase();
                k.contains(&typed) && k != typed
            })
            .take(4)
            .map(String::as_str)
            .collect()
    }

    /// The trimmed text, `None` when empty.
    pub fn text(&self) -> Option<String> {
        let t = self.input.value().trim();
        (!t.is_empty()).then(|| t.to_string())
    }

    /// The chosen code.
    pub fn choice(&self) -> Option<&'static str> {
        match &self.kind {
            FieldKind::Choice { options, selected, .. } => selected.and_then(|i| options.get(i)).map(|(c, _)| *c),
            _ => None,
        }
    }

    /// The ticked codes, in the list's order.
    pub fn checked(&self) -> Vec<&'static str> {
        match &self.kind {
            FieldKind::Multi { options, checked, .. } => {
                options.iter().zip(checked).filter(|(_, on)| **on).map(|((c, _), _)| *c).collect()
            }
            _ => Vec::new(),
        }
    }

    /// The time typed, read as of `now`: `Ok(None)` when empty.
    pub fn when(&self, now: Instant) -> Result<Option<Instant>, String> {
        let past = matches!(self.kind, FieldKind::When { past: true });
        match self.text() {
            None => Ok(None),
            Some(t) if past => when::parse_past(&t, now).map(Some).map_err(|e| e.to_string()),
            Some(t) => when::parse_when(&t, now).map(Some).map_err(|e| e.to_string()),
        }
    }

    /// The date typed: `Ok(None)` when empty.
    pub fn day(&self, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
        let parse = match self.kind {
            FieldKind::Day { birth: true } => when::parse_birth_day,
            _ => when::parse_day,
        };
        match self.text() {
            None => Ok(None),
            Some(t) => parse(&t, today).map(Some).map_err(|e| e.to_string()),
        }
    }

    /// What the field understood from its text, shown as you type: the time
    /// or date in full, or why it cannot be read.
    pub fn preview(&self, now: Instant) -> Option<Result<String, String>> {
        self.text()?;
        match &self.kind {
            FieldKind::When { .. } => Some(self.when(now).map(|t| t.map(when::describe).unwrap_or_default())),
            FieldKind::Day { .. } => {
                Some(self.day(crate::domain::time::uk_date(now)).map(|d| d.map(when::describe_day).unwrap_or_default()))
            }
            _ => None,
        }
    }

    /// Whether nothing has been given.
    pub fn is_empty(&self) -> bool {
        match &self.kind {
            FieldKind::Choice { selected, .. } => selected.is_none(),
            FieldKind::Multi { checked, .. } => !checked.contains(&true),
            FieldKind::Child(pick) => pick.chosen().is_none(),
            _ => self.text().is_none(),
        }
    }
}

/// The next option after `from` (wrapping round) whose label starts with the
/// letter typed, ignoring case: `h` on a risk choice is High, `f` Foster home;
/// typing it again moves on to the next one starting with it.
fn type_ahead(options: &[Choice], from: usize, typed: char) -> Option<usize> {
    let typed = typed.to_lowercase().to_string();
    let starts = |label: &str| label.to_lowercase().starts_with(&typed);
    let n = options.len();
    let start = if from >= n { 0 } else { from + 1 };
    (0..n).map(|k| (start + k) % n).find(|&i| starts(options[i].1))
}

fn step_choice(len: usize, selected: &mut Option<usize>, optional: bool, edit: Edit) -> bool {
    if len == 0 {
        return false;
    }
    // Optional choices have a "not given" step before the first option.
    let slots = len + usize::from(optional);
    let at = match *selected {
        Some(i) => i + usize::from(optional),
        None => 0,
    };
    let next = match edit {
        Edit::Right | Edit::Insert(' ') => (at + 1) % slots,
        Edit::Left => (at + slots - 1) % slots,
        Edit::Backspace | Edit::Delete | Edit::Clear if optional => 0,
        _ => return false,
    };
    let new = if optional { next.checked_sub(1) } else { Some(next) };
    let changed = new != *selected;
    *selected = new;
    changed
}

fn step_multi(checked: &mut [bool], cursor: &mut usize, edit: Edit) -> bool {
    let len = checked.len();
    if len == 0 {
        return false;
    }
    match edit {
        Edit::Right => *cursor = (*cursor + 1) % len,
        Edit::Left => *cursor = (*cursor + len - 1) % len,
        Edit::Insert(' ') => {
            checked[*cursor] = !checked[*cursor];
            return true;
        }
        _ => {}
    }
    false
}
