//! The forms on any sequence of key actions: each byte is one action (open
//! a form, type a character, move between fields, edit, save, back out...)
//! in a session on the fixture. Never a panic, in the session or in drawing
//! the screen; a save that is refused says why (an error or warning at a
//! field, the form's banner, or the status line) and writes nothing; and
//! any action that does not ask for the lists to reload has written nothing.

use super::bed::{Bed, assert_consistent, at};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ri_chase::domain::holidays::BankHolidays;
use ri_chase::tui::action::Action;
use ri_chase::tui::forms::field::Edit;
use ri_chase::tui::forms::form::FormKind;
use ri_chase::tui::session::{Flow, Session};
use ri_chase::tui::theme::Theme;
use ri_chase::tui::{Clock, views};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Saves that landed and that were refused, so a run can show it reached both.
pub static SAVED: AtomicUsize = AtomicUsize::new(0);
pub static REFUSED: AtomicUsize = AtomicUsize::new(0);

/// What people type in these fields, and what they should not: times and
/// dates, words, a formula, terminal escapes and bidirectional overrides.
const TYPED: &str = "0123456789/:-+. dhmnowtdayesribfgGMTBSTFriNov,é٣\u{202e}\u{1b}\u{7}\t=@'\"|<>";

pub const FORMS: [FormKind; 16] = [
    FormKind::FindChild,
    FormKind::NewPerson,
    FormKind::EditPerson,
    FormKind::Missing,
    FormKind::Found,
    FormKind::EditEpisode,
    FormKind::AssignWorker,
    FormKind::Attempt,
    FormKind::Complete,
    FormKind::NotRequired,
    FormKind::SignOff,
    FormKind::Meeting,
    FormKind::MpmgMeeting,
    FormKind::MpmgAction,
    FormKind::RiskGrade,
    FormKind::Offer,
];

/// Every action a byte can be: the forms' keys and the moves that reach
/// rows to open them on. Not Quit (it ends the session), nor the letter and
/// report writers (files in the data folder, not forms).
pub fn actions() -> Vec<Action> {
    let mut all: Vec<Action> = FORMS.iter().map(|f| Action::Open(*f)).collect();
    all.extend(TYPED.chars().map(Action::Type));
    all.extend(
        [Edit::Backspace, Edit::Delete, Edit::Left, Edit::Right, Edit::Start, Edit::End, Edit::DeleteWord, Edit::Clear]
            .map(Action::Edit),
    );
    all.extend([
        Action::NextField,
        Action::PrevField,
        Action::Save,
        Action::Back,
        Action::Up,
        Action::Down,
        Action::Bottom,
        Action::NextTab,
        Action::PrevTab,
        Action::Confirm,
        Action::Backspace,
        Action::Yes,
        Action::No,
        Action::KeepMine,
        Action::TakeTheirs,
        Action::FoundNow,
        Action::RequireInterview,
        Action::Undo,
        Action::OpenPerson,
        Action::SwitchPane,
        Action::EditAction,
        Action::ActionDone,
        Action::DeleteEpisode,
        Action::DeleteAction,
        Action::ToggleReviewed,
        Action::MonthBack,
        Action::OpenSearch,
    ]);
    all
}

/// Each byte an action, on a fresh copy of the fixture.
pub fn forms(bed: &mut Bed, bytes: &[u8]) {
    let table = actions();
    let steps: Vec<Action> = bytes.iter().map(|b| table[*b as usize % table.len()]).collect();
    run(bed, &steps);
}

pub fn run(bed: &mut Bed, steps: &[Action]) {
    bed.reset();
    bed.dirty = true;
    let store = bed.take_store();
    let mut s = Session::new(store, BankHolidays::bundled(), Clock::Fixed(at())).expect("session");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    for (i, action) in steps.iter().enumerate() {
        let before = bed_fingerprint(bed);
        let form_open = s.app.form.as_ref().map(|f| f.kind);
        let flow = s.act(*action);
        match flow {
            Flow::Reload => {
                if *action == Action::Save {
                    SAVED.fetch_add(1, Ordering::Relaxed);
                }
                s.reload_now().expect("reload")
            }
            Flow::Quit => break,
            Flow::Continue => {
                assert_eq!(bed_fingerprint(bed), before, "step {i}, {action:?}, wrote without reloading: {steps:?}");
                if let (Action::Save, Some(kind)) = (action, form_open) {
                    refused_says_why(&s, kind, i, steps);
                    REFUSED.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        if matches!(action, Action::Save | Action::Open(_)) || i + 1 == steps.len() {
            terminal.draw(|f| views::render(&s.app, &Theme::plain(), f)).expect("draw");
        }
    }
    drop(s);
    assert_consistent(&bed.path);
}

fn bed_fingerprint(bed: &Bed) -> super::bed::Fingerprint {
    bed.fingerprint()
}

/// A save that did not go through says so somewhere the user looks.
fn refused_says_why(s: &Session, kind: FormKind, i: usize, steps: &[Action]) {
    let Some(form) = s.app.form.as_ref() else {
        if kind == FormKind::FindChild {
            // Not a record: its "save" opens the child's screen.
            assert!(s.app.person.is_some(), "step {i}: Find a child closed on no child: {steps:?}");
            return;
        }
        // The form went (a conflict view, a question) without a save: fine if it said so.
        assert!(
            s.app.conflict.is_some() || s.app.confirm.is_some() || s.app.status.is_some(),
            "step {i}: the form closed on save, nothing saved and nothing said: {steps:?}"
        );
        return;
    };
    let said = form.banner.is_some()
        || form.fields.iter().any(|f| f.error.is_some() || f.warning.is_some())
        || s.app.status.is_some()
        || s.app.conflict.is_some();
    assert!(said, "step {i}: a save refused in silence on {:?}: {steps:?}", form.kind);
}
