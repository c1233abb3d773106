//! Everything a user can ask of the app. Keys become actions in the keymap;
//! only `App::update` acts on them, so tests drive the app without key codes.

use super::forms::field::Edit;
use super::forms::form::FormKind;
use super::reports::PeriodKind;

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
    FilterExploitation,
    FilterWorker,
    ClearFilters,
    Refresh,
    /// Text typed into the search box or a picker.
    Type(char),
    Backspace,
    /// Confirm the search or the picker's choice.
    Confirm,

    // Data entry.
    /// Open a form on the selected row (or a blank one).
    Open(FormKind),
    /// Record the selected child found, now, without a form.
    FoundNow,
    /// Make the selected episode's return interview required (the child asked for one).
    RequireInterview,
    /// Draft the letter to the placing authority of the selected Chase row's
    /// child (placed here by another authority, interview overdue).
    DraftLetter,
    /// Delete the selected episode (asks first).
    DeleteEpisode,
    /// Undo the last change made in this session.
    Undo,
    /// Everything about the selected row's child.
    OpenPerson,
    /// On a child's screen: move the selection between episodes and MPMG actions.
    SwitchPane,
    /// Edit the selected MPMG action.
    EditAction,
    /// The selected MPMG action done today, or open again if it was done.
    ActionDone,
    /// Delete the selected MPMG action (asks first).
    DeleteAction,
    /// The MPMG tab: the month before / after.
    MonthBack,
    MonthOn,
    /// The Strategy tab: a month more (or less) of concluded meetings.
    LongerHistory,
    ShorterHistory,
    /// The MPMG tab: cohort, top 10, persistently missing, trajectory.
    CycleView,
    /// The MPMG tab: the selected child reviewed at the month's meeting, or not.
    ToggleReviewed,
    /// The Reports tab: the period before / after, of the same kind.
    PeriodBack,
    PeriodOn,
    /// The Reports tab: a year, quarter or month (holding the period's start).
    SwitchPeriod(PeriodKind),
    /// The Reports tab: the section before (`v` steps on, as `CycleView`).
    CycleViewBack,
    /// The Reports tab: write the period's report to the reports folder.
    WriteReport,
    NextField,
    PrevField,
    /// Edit the focused field's text (or step its choice).
    Edit(Edit),
    Save,
    /// After a conflict: save mine over theirs.
    KeepMine,
    /// After a conflict: drop mine and reopen the form on theirs.
    TakeTheirs,
    Yes,
    No,
}
