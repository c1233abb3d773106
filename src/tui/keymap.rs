//! The one table of keys. The help overlay and the hint bar are built from
//! it, so what they say is always what the keys do.

use super::action::Action;
use super::forms::field::Edit;
use super::forms::form::FormKind;
use super::reports::PeriodKind;
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
    /// The young person screen.
    Person,
    /// The Strategy tab: a list's keys and its own.
    Strategy,
    /// The MPMG tab.
    Mpmg,
    /// The Reports tab.
    Reports,
    /// The Patterns tab.
    Patterns,
    /// Filling in a form.
    Form,
    /// A save refused because someone else changed the row.
    Conflict,
    /// A save refused because someone else deleted the row.
    Gone,
    /// A yes/no question before deleting, or before quitting with typed data.
    Confirm,
    /// The terminal is too small to draw in: only quitting is offered.
    TooSmall,
}

impl Context {
    pub const ALL: [Context; 13] = [
        Context::List,
        Context::Strategy,
        Context::Mpmg,
        Context::Reports,
        Context::Patterns,
        Context::Person,
        Context::Search,
        Context::Picker,
        Context::Form,
        Context::Conflict,
        Context::Gone,
        Context::Confirm,
        Context::TooSmall,
    ];

    /// The heading help gives this context's keys.
    pub fn title(self) -> &'static str {
        match self {
            Context::List => "In a list",
            Context::Strategy => "On the Strategy tab",
            Context::Mpmg => "On the MPMG tab",
            Context::Reports => "On the Reports tab",
            Context::Patterns => "On the Patterns tab",
            Context::Person => "On a child's screen",
            Context::Search => "In the search box",
            Context::Picker => "In a filter list",
            Context::Form => "In a form",
            Context::Conflict => "When someone else saved first",
            Context::Gone => "When someone else deleted it first",
            Context::Confirm => "When asked to confirm",
            Context::TooSmall => "When the terminal is too small",
        }
    }
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
const fn ctrl_special(code: KeyCode) -> Key {
    Key { code, ctrl: true }
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

use Context::{
    Confirm, Conflict, Form, Gone, List, Mpmg, Patterns, Person, Picker, Reports, Search, Strategy, TooSmall,
};

/// The digit keys that pick a tab: one binding, the digit says which.
const TAB_DIGITS: &[Key] = &[key('1'), key('2'), key('3'), key('4'), key('5'), key('6')];

/// The keys that record things, the same on a list row and on a child's screen.
macro_rules! entry_bindings {
    ($ctx:expr) => {
        [
            bind($ctx, &[key('m')], Action::Open(FormKind::Missing), "report a child missing", Some("missing")),
            bind($ctx, &[key('f')], Action::FoundNow, "found now (u undoes)", Some("found")),
            bind($ctx, &[key('F')], Action::Open(FormKind::Found), "found, with details", None),
            bind($ctx, &[key('E')], Action::Open(FormKind::EditEpisode), "edit the episode", None),
            bind($ctx, &[key('A')], Action::Open(FormKind::AssignWorker), "assign the RI worker", None),
            bind($ctx, &[key('a')], Action::Open(FormKind::Attempt), "record an RI attempt", Some("attempt")),
            bind($ctx, &[key('C')], Action::Open(FormKind::Complete), "complete the RI", None),
            bind($ctx, &[key('N')], Action::Open(FormKind::NotRequired), "RI not required", None),
            bind($ctx, &[key('S')], Action::Open(FormKind::SignOff), "RI manager sign-off", None),
            bind($ctx, &[key('R')], Action::RequireInterview, "RI required (child asked)", None),
            bind($ctx, &[key('P')], Action::Open(FormKind::RiskGrade), "new police risk grade", None),
            bind($ctx, &[key('s')], Action::Open(FormKind::Meeting), "strategy meeting", None),
            bind($ctx, &[key('n')], Action::Open(FormKind::NewPerson), "new young person", None),
            bind($ctx, &[key('e')], Action::Open(FormKind::EditPerson), "edit the young person", None),
            bind($ctx, &[key('D')], Action::DeleteEpisode, "delete episode (asks)", None),
            bind($ctx, &[key('u')], Action::Undo, "undo your last change", Some("undo")),
        ]
    };
}
const LIST_ENTRY: [Binding; 16] = entry_bindings!(List);
const PERSON_ENTRY: [Binding; 16] = entry_bindings!(Person);

/// Every binding in force. Ctrl-C quits from anywhere (handled before this table),
/// asking first when a form holds something typed.
pub const BINDINGS: &[Binding] = &[
    bind(List, &[special(KeyCode::Down), key('j')], Action::Down, "next row", None),
    bind(List, &[special(KeyCode::Up), key('k')], Action::Up, "previous row", None),
    bind(List, &[special(KeyCode::PageDown), ctrl('d')], Action::PageDown, "half a page down", None),
    bind(List, &[special(KeyCode::PageUp), ctrl('u')], Action::PageUp, "half a page up", None),
    bind(List, &[key('g'), special(KeyCode::Home)], Action::Top, "first row", None),
    bind(List, &[key('G'), special(KeyCode::End)], Action::Bottom, "last row", None),
    bind(List, &[special(KeyCode::Tab), key('l'), special(KeyCode::Right)], Action::NextTab, "next tab", None),
    bind(List, &[special(KeyCode::BackTab), key('h'), special(KeyCode::Left)], Action::PrevTab, "previous tab", None),
    bind(List, TAB_DIGITS, Action::GoTab(0), "tab 1 Chase … 6 Patterns", None),
    bind(List, &[key('/')], Action::OpenSearch, "search name or reference", Some("search")),
    bind(List, &[key('c')], Action::FilterCohort, "cohort filter (cycles)", None),
    bind(List, &[key('t')], Action::FilterTeam, "team filter", None),
    bind(List, &[key('w')], Action::FilterWorker, "worker filter (Chase)", None),
    bind(List, &[key('X')], Action::FilterExploitation, "CSE / CCE filter (Chase)", None),
    bind(List, &[key('x')], Action::ClearFilters, "clear search, filters", None),
    bind(List, &[special(KeyCode::Enter)], Action::OpenPerson, "the child's screen", Some("child")),
    bind(List, &[key('p')], Action::Open(FormKind::FindChild), "find any child's screen", None),
    bind(List, &[key('d')], Action::ToggleDetail, "detail pane on/off", None),
    bind(List, &[key('L')], Action::DraftLetter, "letter to placing LA", None),
    bind(List, &[key('r')], Action::Refresh, "reload now", None),
    bind(List, &[key('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(List, &[special(KeyCode::Esc)], Action::Back, "close help, clear filters", None),
    bind(List, &[key('q')], Action::Quit, "quit", Some("quit")),
    bind(Strategy, &[key('['), key('<')], Action::LongerHistory, "a month more history", Some("history")),
    bind(Strategy, &[key(']'), key('>')], Action::ShorterHistory, "a month less history", None),
    bind(Search, &[special(KeyCode::Enter)], Action::Confirm, "keep this search", Some("keep")),
    bind(Search, &[special(KeyCode::Esc)], Action::Back, "cancel the search", Some("cancel")),
    bind(Search, &[special(KeyCode::Backspace)], Action::Backspace, "delete a character", None),
    bind(Search, &[ctrl('u')], Action::Edit(Edit::Clear), "clear the search", None),
    bind(Search, &[ctrl('w'), ctrl_special(KeyCode::Backspace)], Action::Edit(Edit::DeleteWord), "delete a word", None),
    bind(Picker, &[special(KeyCode::Down), key('j')], Action::Down, "next choice", Some("move")),
    bind(Picker, &[special(KeyCode::Up), key('k')], Action::Up, "previous choice", None),
    bind(Picker, &[special(KeyCode::Enter)], Action::Confirm, "apply this filter", Some("apply")),
    bind(Picker, &[special(KeyCode::Esc), key('q')], Action::Back, "close, no change", Some("cancel")),
    bind(Mpmg, &[special(KeyCode::Down), key('j')], Action::Down, "next child", None),
    bind(Mpmg, &[special(KeyCode::Up), key('k')], Action::Up, "previous child", None),
    bind(Mpmg, &[special(KeyCode::PageDown), ctrl('d')], Action::PageDown, "half a page down", None),
    bind(Mpmg, &[special(KeyCode::PageUp), ctrl('u')], Action::PageUp, "half a page up", None),
    bind(Mpmg, &[key('g'), special(KeyCode::Home)], Action::Top, "first child", None),
    bind(Mpmg, &[key('G'), special(KeyCode::End)], Action::Bottom, "last child", None),
    bind(Mpmg, &[key('['), key('<')], Action::MonthBack, "the month before", Some("month")),
    bind(Mpmg, &[key(']'), key('>')], Action::MonthOn, "the month after", None),
    bind(Mpmg, &[key('v')], Action::CycleView, "the next list", Some("view")),
    bind(Mpmg, &[key(' ')], Action::ToggleReviewed, "reviewed at the meeting", Some("reviewed")),
    bind(Mpmg, &[key('M')], Action::Open(FormKind::MpmgMeeting), "the month's meeting", Some("meeting")),
    bind(Mpmg, &[key('+')], Action::Open(FormKind::MpmgAction), "add an action", Some("action")),
    bind(Mpmg, &[special(KeyCode::Enter)], Action::OpenPerson, "the child's screen", Some("child")),
    bind(Mpmg, &[key('p')], Action::Open(FormKind::FindChild), "find any child's screen", None),
    bind(Mpmg, &[key('m')], Action::Open(FormKind::Missing), "report a child missing", None),
    bind(Mpmg, &[key('u')], Action::Undo, "undo your last change", None),
    bind(Mpmg, &[special(KeyCode::Tab), key('l'), special(KeyCode::Right)], Action::NextTab, "next tab", None),
    bind(Mpmg, &[special(KeyCode::BackTab), key('h'), special(KeyCode::Left)], Action::PrevTab, "previous tab", None),
    bind(Mpmg, TAB_DIGITS, Action::GoTab(0), "tab 1 Chase … 6 Patterns", None),
    bind(Mpmg, &[key('/')], Action::OpenSearch, "search name or reference", None),
    bind(Mpmg, &[key('c')], Action::FilterCohort, "cohort filter (cycles)", None),
    bind(Mpmg, &[key('X')], Action::FilterExploitation, "CSE / CCE filter", None),
    bind(Mpmg, &[key('x')], Action::ClearFilters, "clear search, filters", None),
    bind(Mpmg, &[key('d')], Action::ToggleDetail, "detail pane on/off", None),
    bind(Mpmg, &[key('r')], Action::Refresh, "reload now", None),
    bind(Mpmg, &[key('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(Mpmg, &[special(KeyCode::Esc)], Action::Back, "close help, clear filters", None),
    bind(Mpmg, &[key('q')], Action::Quit, "quit", Some("quit")),
    bind(Reports, &[key('['), key('<')], Action::PeriodBack, "the period before", Some("period")),
    bind(Reports, &[key(']'), key('>')], Action::PeriodOn, "the period after", None),
    bind(Reports, &[key('y')], Action::SwitchPeriod(PeriodKind::Year), "a financial year", Some("year")),
    bind(Reports, &[key('q')], Action::SwitchPeriod(PeriodKind::Quarter), "a quarter", Some("quarter")),
    bind(Reports, &[key('m')], Action::SwitchPeriod(PeriodKind::Month), "a month", Some("month")),
    bind(Reports, &[key('v')], Action::CycleView, "the next section", Some("section")),
    bind(Reports, &[key('V')], Action::CycleViewBack, "the section before", None),
    bind(Reports, &[key('o')], Action::WriteReport, "write the period's report (HTML)", Some("write")),
    bind(Reports, &[special(KeyCode::Down), key('j')], Action::Down, "scroll a long table down", None),
    bind(Reports, &[special(KeyCode::Up), key('k')], Action::Up, "scroll it up", None),
    bind(Reports, &[special(KeyCode::PageDown), ctrl('d')], Action::PageDown, "scroll a page down", None),
    bind(Reports, &[special(KeyCode::PageUp), ctrl('u')], Action::PageUp, "scroll a page up", None),
    bind(Reports, &[key('g'), special(KeyCode::Home)], Action::Top, "to the table's top", None),
    bind(Reports, &[key('G'), special(KeyCode::End)], Action::Bottom, "to its last row", None),
    bind(Reports, &[special(KeyCode::Tab), key('l'), special(KeyCode::Right)], Action::NextTab, "next tab", None),
    bind(
        Reports,
        &[special(KeyCode::BackTab), key('h'), special(KeyCode::Left)],
        Action::PrevTab,
        "previous tab",
        None,
    ),
    bind(Reports, TAB_DIGITS, Action::GoTab(0), "tab 1 Chase … 6 Patterns", None),
    bind(Reports, &[key('r')], Action::Refresh, "reload now", None),
    bind(Reports, &[key('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(Reports, &[special(KeyCode::Esc)], Action::Back, "close help", None),
    // `q` is the quarter here, so quitting takes the capital (or Ctrl-c, anywhere).
    bind(Reports, &[key('Q')], Action::Quit, "quit", Some("quit")),
    bind(Patterns, &[key('v')], Action::CycleView, "the next view", Some("view")),
    bind(Patterns, &[key('V')], Action::CycleViewBack, "the view before", None),
    bind(Patterns, &[key('['), key('<')], Action::PeriodBack, "a quarter earlier", Some("period")),
    bind(Patterns, &[key(']'), key('>')], Action::PeriodOn, "a quarter later", None),
    bind(Patterns, &[special(KeyCode::Down), key('j')], Action::Down, "scroll down", None),
    bind(Patterns, &[special(KeyCode::Up), key('k')], Action::Up, "scroll up", None),
    bind(Patterns, &[special(KeyCode::PageDown), ctrl('d')], Action::PageDown, "scroll a page down", None),
    bind(Patterns, &[special(KeyCode::PageUp), ctrl('u')], Action::PageUp, "scroll a page up", None),
    bind(Patterns, &[key('g'), special(KeyCode::Home)], Action::Top, "to the top", None),
    bind(Patterns, &[key('G'), special(KeyCode::End)], Action::Bottom, "to the end", None),
    bind(Patterns, &[special(KeyCode::Tab), key('l'), special(KeyCode::Right)], Action::NextTab, "next tab", None),
    bind(
        Patterns,
        &[special(KeyCode::BackTab), key('h'), special(KeyCode::Left)],
        Action::PrevTab,
        "previous tab",
        None,
    ),
    bind(Patterns, TAB_DIGITS, Action::GoTab(0), "tab 1 Chase … 6 Patterns", None),
    bind(Patterns, &[key('r')], Action::Refresh, "reload now", None),
    bind(Patterns, &[key('?')], Action::ToggleHelp, "this help", Some("help")),
    bind(Patterns, &[special(KeyCode::Esc)], Action::Back, "close help", None),
    bind(Patterns, &[key('q'), key('Q')], Action::Quit, "quit", Some("quit")),
    bind(Person, &[special(KeyCode::Down), key('j')], Action::Down, "next episode (or action)", None),
    bind(Person, &[special(KeyCode::Up), key('k')], Action::Up, "previous episode (or action)", None),
    bind(Person, &[key('g'), special(KeyCode::Home)], Action::Top, "newest episode (first action)", None),
    bind(Person, &[key('G'), special(KeyCode::End)], Action::Bottom, "oldest episode (last action)", None),
    bind(Person, &[special(KeyCode::Esc), key('q')], Action::Back, "back to the list", Some("back")),
    bind(Person, &[key('r')], Action::Refresh, "reload now", None),
    bind(Person, &[key('p')], Action::Open(FormKind::FindChild), "find another child", None),
    bind(Person, &[key('?')], Action::ToggleHelp, "help", Some("help")),
    bind(Person, &[key('+')], Action::Open(FormKind::MpmgAction), "add an MPMG action", Some("action")),
    bind(Person, &[special(KeyCode::Tab)], Action::SwitchPane, "episodes ↔ MPMG actions", None),
    bind(Person, &[special(KeyCode::Enter)], Action::EditAction, "edit the MPMG action", None),
    bind(Person, &[key('x')], Action::ActionDone, "action done today / reopen", None),
    bind(Person, &[key('-')], Action::DeleteAction, "delete the action (asks)", None),
    bind(Person, &[key('M')], Action::Open(FormKind::MpmgMeeting), "last month's MPMG meeting", None),
    bind(Person, &[key('O')], Action::Open(FormKind::Offer), "RI offered / accepted", None),
    bind(Form, &[special(KeyCode::Enter), ctrl('s')], Action::Save, "save", Some("save")),
    bind(Form, &[special(KeyCode::Esc)], Action::Back, "cancel (twice if you typed)", Some("cancel")),
    bind(Form, &[special(KeyCode::Tab)], Action::NextField, "next field", Some("next")),
    bind(Form, &[special(KeyCode::BackTab)], Action::PrevField, "previous field", None),
    bind(Form, &[special(KeyCode::Down)], Action::Down, "next match, or next field", None),
    bind(Form, &[special(KeyCode::Up)], Action::Up, "previous match, or field", None),
    bind(Form, &[special(KeyCode::Left)], Action::Edit(Edit::Left), "cursor left; previous choice", Some("choose")),
    bind(Form, &[special(KeyCode::Right)], Action::Edit(Edit::Right), "cursor right; next choice", None),
    bind(Form, &[special(KeyCode::Home)], Action::Edit(Edit::Start), "start of the field", None),
    bind(Form, &[special(KeyCode::End)], Action::Edit(Edit::End), "end of the field", None),
    bind(Form, &[special(KeyCode::Backspace)], Action::Backspace, "delete back", None),
    bind(Form, &[special(KeyCode::Delete)], Action::Edit(Edit::Delete), "delete forward", None),
    bind(Form, &[ctrl('w'), ctrl_special(KeyCode::Backspace)], Action::Edit(Edit::DeleteWord), "delete a word", None),
    bind(Form, &[ctrl('u')], Action::Edit(Edit::Clear), "clear the field", None),
    bind(Conflict, &[key('k')], Action::KeepMine, "keep mine: save over theirs", Some("keep mine")),
    bind(
        Conflict,
        &[key('t')],
        Action::TakeTheirs,
        "take theirs: reopen the form on their version",
        Some("take theirs"),
    ),
    bind(Conflict, &[special(KeyCode::Esc)], Action::Back, "cancel: save nothing", Some("cancel")),
    bind(Gone, &[special(KeyCode::Enter), special(KeyCode::Esc)], Action::Back, "close: nothing saved", Some("close")),
    bind(Confirm, &[key('y')], Action::Yes, "yes", Some("yes")),
    bind(Confirm, &[key('n'), special(KeyCode::Esc)], Action::No, "no", Some("no")),
    bind(TooSmall, &[key('q')], Action::Quit, "quit (asks first if you typed something)", Some("quit")),
];

/// Every binding: the table above and the recording keys of lists and a child's screen.
fn all_bindings() -> impl Iterator<Item = &'static Binding> {
    LIST_ENTRY.iter().chain(PERSON_ENTRY.iter()).chain(BINDINGS.iter())
}

/// Whether a binding is in force in a context: the Strategy tab is a list
/// with keys of its own.
fn applies(binding: &Binding, context: Context) -> bool {
    binding.context == context || (context == Strategy && binding.context == List)
}

/// A context's bindings, in the table's order.
fn in_force(context: Context) -> impl Iterator<Item = &'static Binding> {
    all_bindings().filter(move |b| applies(b, context))
}

/// The action a key press means in a context, if any. In the search box,
/// printable characters are text.
pub fn action_for(context: Context, event: KeyEvent) -> Option<Action> {
    if event.modifiers.contains(KeyModifiers::CONTROL) && event.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    let pressed = Key { code: event.code, ctrl: event.modifiers.contains(KeyModifiers::CONTROL) };
    let bound = in_force(context).find(|b| b.keys.contains(&pressed)).map(|b| match (b.action, event.code) {
        (Action::GoTab(_), KeyCode::Char(d)) => {
            Action::GoTab(d.to_digit(10).map_or(0, |n| n as usize).saturating_sub(1))
        }
        (a, _) => a,
    });
    match (bound, context, event.code) {
        (Some(a), _, _) => Some(a),
        (None, Context::Search | Context::Form, KeyCode::Char(c)) if !pressed.ctrl => Some(Action::Type(c)),
        _ => None,
    }
}

/// The bindings of a context, for help.
pub fn bindings_for(context: Context) -> impl Iterator<Item = &'static Binding> {
    in_force(context)
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
        // The MPMG tab has a detail pane too, so `d` works there as on the other tabs.
        assert_eq!(action_for(Context::Mpmg, press(KeyCode::Char('d'))), Some(Action::ToggleDetail));
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_letters_are_text_in_search() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for ctx in Context::ALL {
            assert_eq!(action_for(ctx, ctrl_c), Some(Action::Quit));
        }
        assert_eq!(action_for(Context::Search, press(KeyCode::Char('q'))), Some(Action::Type('q')));
        assert_eq!(action_for(Context::List, press(KeyCode::Char('q'))), Some(Action::Quit));
    }

    #[test]
    fn the_reports_tab_switches_periods_and_quits_with_the_capital() {
        let on = |c| action_for(Context::Reports, press(KeyCode::Char(c)));
        assert_eq!(on('q'), Some(Action::SwitchPeriod(PeriodKind::Quarter)));
        assert_eq!(on('y'), Some(Action::SwitchPeriod(PeriodKind::Year)));
        assert_eq!(on('m'), Some(Action::SwitchPeriod(PeriodKind::Month)));
        assert_eq!(on(']'), Some(Action::PeriodOn));
        assert_eq!(on('Q'), Some(Action::Quit));
        assert_eq!(on('5'), Some(Action::GoTab(4)));
        assert_eq!(action_for(Context::List, press(KeyCode::Char('5'))), Some(Action::GoTab(4)));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in Context::ALL {
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
