//! The rules a form's values must meet before they are saved, as pure
//! functions over plain values. The store gathers what a rule needs (the
//! child's other episodes, the interview's attempts...) and calls these both
//! to show problems while typing and, again, inside the write's transaction.
//!
//! Every problem names the column it is about (`missing_at`, `returned_at`...)
//! so a form can put the message next to its field.

mod episodes;
mod interview;
mod meeting;
mod person;

pub use episodes::{ChildEpisodes, PoliceRefUse, Recorded, episode_edit, found, new_episode, place_needs_name};
pub use interview::{attempt, completion, failed_face_to_face, not_required, signoff};
pub use meeting::meeting;
pub use person::{PersonContext, person, profile_dates};

use super::time::{Instant, display_local, to_uk};

/// A value a form cannot save (`blocking`), or should warn about before saving.
/// `field` is the column's name (e.g. `missing_at`), which forms map to their fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
    pub blocking: bool,
}

impl Problem {
    pub fn blocking(field: &'static str, message: impl Into<String>) -> Problem {
        Problem { field, message: message.into(), blocking: true }
    }

    pub fn warning(field: &'static str, message: impl Into<String>) -> Problem {
        Problem { field, message: message.into(), blocking: false }
    }
}

/// Whether any of `problems` stops a save.
pub fn any_blocking(problems: &[Problem]) -> bool {
    problems.iter().any(|p| p.blocking)
}

/// A time in a message: UK local with its zone, since a time near a clock
/// change is otherwise ambiguous to the reader (`Sat 28 Nov 2026 09:30 GMT`).
pub fn when(t: Instant) -> String {
    format!("{} {}", display_local(t), to_uk(t).format("%Z"))
}

#[cfg(test)]
mod tests;
