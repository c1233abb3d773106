//! The one table of keys. The help overlay and the hint bar are built from
//! it, so what they say is always what the keys do.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Browsing a list.
    List,
    /// Typing in the search box.
    Search,
    /// Choosing from a picker (team or worker).
    Picker,
}

/// A key, as written in help: `j`, `Ctrl-d`, `Enter`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key { code: KeyCode::Char(c), ctrl: true }
}
const fn special(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl { format!("Ctrl-{base}") } else { base }
    }
}

/// One binding: the keys, what they do, and how help describes it.
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// Shown in the hint bar (the most used few), with this short word.
    pub hint: Option<&'static str>,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding { context, keys, action, description, hint }
}

use Context::{List, Picker, Search};

/// Every binding in force. Ctrl-C quits from anywhere (handled before this table).
pub const BINDINGS: &[Binding] = &[
    bind(List, &[special(KeyCode::Down), key('j')], Action::Down, "next row", Some("move")),
    bind(List, &[special(KeyCode::Up), key('k')], Action::Up, "previous row", None),
    bind(List, &[special(KeyCode::PageDown), ctrl('d')], Action::PageDown, "half a page down", None),
    bind(List, &[special(KeyCode::PageUp), ctrl('u')], Action::PageUp, "half a page up", None),
    bind(List, &[key('g'), special(KeyCode::Home)], Action::Top, "first row", None),
    bind(List, &[key('G'), special(KeyCode::End)], Action::Bottom, "last row", None),
    bind(List, &[special(KeyCode::Tab), key('l'), special(KeyCode::Right)], Action::NextTab, "next tab", Some("tab")),
    bind(List, &[special(KeyCode::BackTab), key('h'), special(KeyCode::Left)], Action::PrevTab, "previous tab", None),
    bind(List, &[key('1')], Action::GoTab(0), "Chase tab", None),
    bind(List, &[key('2')], Action::GoTab(1), "Strategy meetings tab", None),
    bind(List, &[key('3')], Action::GoTab(2), "Still missing tab", None),
    bind(List, &[key('/')], Action::OpenSearch, "search name or reference", Some("search")),
    bind(List, &[key('c')], Action::FilterCohort, "cohort filter (cycles)", Some("cohort")),
    bind(List, &[key('t')], Action::FilterTeam, "team filter", Some("team")),
    bind(List, &[key('w')], Action::FilterWorker, "worker filter (Chase)", Some("worker")),
    bind(List, &[key('x')], Action::ClearFilters, "clear search, filters", None),
    bind(List, &[key('d'), special(KeyCode::Enter)], Action::ToggleDetail, "detail pane on/off", Some("detail")),
    bind(List, &[key('r')], Action::Refresh, "reload now", None),
    bind(List, &[key('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(List, &[special(KeyCode::Esc)], Action::Back, "close help, clear filters", None),
    bind(List, &[key('q')], Action::Quit, "quit", Some("quit")),
    bind(Search, &[special(KeyCode::Enter)], Action::Confirm, "keep this search", Some("keep")),
    bind(Search, &[special(KeyCode::Esc)], Action::Back, "cancel the search", Some("cancel")),
    bind(Search, &[special(KeyCode::Backspace)], Action::Backspace, "delete a character", None),
    bind(Picker, &[special(KeyCode::Down), key('j')], Action::Down, "next choice", Some("move")),
    bind(Picker, &[special(KeyCode::Up), key('k')], Action::Up, "previous choice", None),
    bind(Picker, &[special(KeyCode::Enter)], Action::Confirm, "apply this filter", Some("apply")),
    bind(Picker, &[special(KeyCode::Esc), key('q')], Action::Back, "close, no change", Some("cancel")),
];

/// The action a key press means in a context, if any. In the search box,
/// printable characters are text.
pub fn action_for(context: Context, event: KeyEvent) -> Option<Action> {
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let pressed = Key { code: event.code, ctrl: event.modifiers.contains(KeyModifiers::CONTROL) };
    let bound = BINDINGS.iter().find(|b| b.context == context && b.keys.contains(&pressed)).map(|b| b.action);
    match (bound, context, event.code) {
        (Some(a), _, _) => Some(a),
        (None, Context::Search, KeyCode::Char(c)) if !pressed.ctrl => Some(Action::Type(c)),
        _ => None,
    }
}

/// The bindings of a context, for help.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.context == context)
}

/// `key word` pairs for the hint bar of a context.
pub fn hints_for(context: Context) -> Vec<(String, &'static str)> {
    bindings_for(context)
        .filter_map(|b| b.hint.map(|h| (b.keys.first().map(Key::label).unwrap_or_default(), h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn arrows_and_vim_keys_move() {
        assert_eq!(action_for(Context::List, press(KeyCode::Char('j'))), Some(Action::Down));
        assert_eq!(action_for(Context::List, press(KeyCode::Down)), Some(Action::Down));
        assert_eq!(
            action_for(Context::List, KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::PageDown)
        );
        assert_eq!(action_for(Context::List, press(KeyCode::Char('d'))), Some(Action::ToggleDetail));
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_letters_are_text_in_search() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in [Context::List, Context::Search, Context::Picker] {
            assert_eq!(action_for(ctx, ctrl_c), Some(Action::Quit));
        }
        assert_eq!(action_for(Context::Search, press(KeyCode::Char('q'))), Some(Action::Type('q')));
        assert_eq!(action_for(Context::List, press(KeyCode::Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in [Context::List, Context::Search, Context::Picker] {
            let mut seen = Vec::new();
            for b in bindings_for(ctx) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{} bound twice", k.label());
                    seen.push(*k);
                }
            }
        }
    }
}
