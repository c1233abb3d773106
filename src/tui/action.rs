//! Everything a user can ask of the app. Keys become actions in the keymap;
//! only `App::update` acts on them, so tests drive the app without key codes.

/// One thing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Close the open overlay, or clear the search and filters.
    Back,
    NextTab,
    PrevTab,
    GoTab(usize),
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    ToggleDetail,
    ToggleHelp,
    OpenSearch,
    FilterCohort,
    FilterTeam,
    FilterWorker,
    ClearFilters,
    Refresh,
    /// Text typed into the search box or a picker.
    Type(char),
    Backspace,
    /// Confirm the search or the picker's choice.
    Confirm,
}
