//! The app's state and the one function that changes it.

use super::action::Action;
use super::editing::{Confirm, ConflictView, LastChange, Opening, PersonView};
pub use super::filters::{Filters, Picker, PickerField};
use super::forms::form::Form;
use super::forms::request::Submission;
use super::keymap::Context;
pub use super::mpmg::MpmgView;
pub use super::patterns::{PatternsData, PatternsTab, PatternsView};
pub use super::reports::{ReportsTab, ReportsView};
use crate::domain::chase::{BandCounts, ChaseRow, band_counts};
use crate::domain::codes::Cohort;
use crate::domain::missing::MissingRow;
use crate::domain::period::YearMonth;
use crate::domain::report::{Report, ReportPeriod};
use crate::domain::strategy::{History, StrategyRow, within_history};
use crate::domain::time::Instant;
use crate::store::MpmgBoard;
use crate::tui::widgets::list_table::Measured;

/// The screens, in tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Chase,
    Strategy,
    Missing,
    Mpmg,
    Reports,
    Patterns,
}

impl Tab {
    pub const ALL: [Tab; 6] = [Tab::Chase, Tab::Strategy, Tab::Missing, Tab::Mpmg, Tab::Reports, Tab::Patterns];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Chase => "Chase",
            Tab::Strategy => "Strategy meetings",
            Tab::Missing => "Still missing",
            Tab::Mpmg => "MPMG",
            Tab::Reports => "Reports",
            Tab::Patterns => "Patterns",
        }
    }

    /// The title where space is short (80 columns).
    pub fn short_title(self) -> &'static str {
        match self {
            Tab::Chase => "Chase",
            Tab::Strategy => "Strat.",
            Tab::Missing => "Missing",
            Tab::Mpmg => "MPMG",
            Tab::Reports => "Report",
            Tab::Patterns => "Patterns",
        }
    }

    pub(super) fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// The lists as loaded at one moment.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub chase: Vec<ChaseRow>,
    /// Each chase column's widest cell over every row, measured as the list
    /// loads, so a frame makes only the rows it shows.
    pub chase_widths: Measured,
    pub strategy: Vec<StrategyRow>,
    pub strategy_widths: Measured,
    pub missing: Vec<MissingRow>,
    /// The MPMG tab's month, as loaded (the app may already be asking for another).
    pub mpmg: Option<MpmgBoard>,
    /// The Reports tab's figures and the period they are for, as loaded;
    /// read only while the tab is shown (a reload elsewhere keeps the last).
    pub report: Option<(ReportPeriod, Report)>,
    /// The Patterns tab's findings and the period they are for, as loaded
    /// (like the report: read only while the tab is shown).
    pub patterns: Option<(ReportPeriod, std::sync::Arc<PatternsData>)>,
    /// No child is recorded yet: the lists say how to add one.
    pub empty_file: bool,
    /// Only the Chase list is in (the app's first frame): the other tabs
    /// say they are loading until the loader brings the rest.
    pub pending: bool,
}

/// What covers the list, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    Search,
    Picker(Picker),
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Reload,
    Quit,
    /// Read what a form needs and open it.
    Open(Opening),
    /// Check and write a form's request.
    Save(Box<Submission>),
    /// Record the child of this episode found now.
    FoundNow {
        episode_ref: String,
    },
    /// Make this episode's return interview required.
    RequireInterview {
        episode_ref: String,
    },
    /// Draft the letter to the placing authority about this episode's child.
    DraftLetter {
        episode_ref: String,
    },
    /// Ask before deleting this episode.
    AskDelete {
        episode_ref: String,
    },
    Undo,
    /// Show this child's screen.
    OpenPerson(String),
    /// Mark (or unmark) the child reviewed at the MPMG tab's month's meeting.
    ToggleReviewed {
        person_ref: String,
    },
    /// Mark this MPMG action done today, or open it again.
    ToggleActionDone {
        action_id: i64,
    },
    /// Ask before deleting this MPMG action.
    AskDeleteAction {
        action_id: i64,
    },
    /// Write the Reports tab's period's report to the reports folder.
    WriteReport,
}

/// Everything the screens show.
#[derive(Debug, Clone)]
pub struct App {
    pub authority: String,
    pub tab: Tab,
    pub now: Instant,
    pub lists: Lists,
    pub filters: Filters,
    pub overlay: Overlay,
    pub show_detail: bool,
    /// The selected row of each tab, as an index into its visible rows.
    pub selected: [usize; Tab::ALL.len()],
    /// How many rows the list showed last time it was drawn (for paging).
    pub page_rows: usize,
    pub status: Option<String>,
    /// The young person screen, over the tabs, when open.
    pub person: Option<PersonView>,
    /// The open form.
    pub form: Option<Box<Form>>,
    /// A save refused because someone else changed the row.
    pub conflict: Option<Box<ConflictView>>,
    /// A question to answer before something is deleted.
    pub confirm: Option<Confirm>,
    /// What `u` would undo.
    pub last_change: Option<LastChange>,
    /// How the open form was opened (to reopen it on a conflict).
    pub form_opening: Option<Opening>,
    /// The clock at the last key press: what forms read "now" as. The lists
    /// keep the `now` they were computed at.
    pub clock: Instant,
    /// The month the MPMG tab shows (by default the one just gone).
    pub mpmg_month: YearMonth,
    pub mpmg_view: MpmgView,
    /// The Reports tab: its period, section and scroll.
    pub reports: ReportsTab,
    /// The Patterns tab: its period, view and scroll.
    pub patterns: PatternsTab,
    /// Quitting was asked for with typed data unsaved: y quits, n goes back.
    pub quit_asked: bool,
    /// The terminal is too small to draw the screens (set by the event loop):
    /// keys must not reach a form the user cannot see.
    pub too_small: bool,
    /// How far back the Strategy tab lists concluded meetings.
    pub strategy_history: History,
}

impl App {
    pub fn new(authority: String, now: Instant, lists: Lists) -> Self {
        App {
            authority,
            tab: Tab::Chase,
            now,
            lists,
            filters: Filters::default(),
            overlay: Overlay::None,
            show_detail: true,
            selected: [0; Tab::ALL.len()],
            page_rows: 10,
            status: None,
            person: None,
            form: None,
            conflict: None,
            confirm: None,
            last_change: None,
            form_opening: None,
            clock: now,
            mpmg_month: YearMonth::containing(now).plus(-1),
            mpmg_view: MpmgView::Cohort,
            reports: ReportsTab::new(now),
            patterns: PatternsTab::new(now),
            quit_asked: false,
            too_small: false,
            strategy_history: History::DEFAULT,
        }
    }

    /// New lists from the database; the selection stays on the same episode where it can.
    pub fn load(&mut self, now: Instant, lists: Lists) {
        let keep: Vec<Option<String>> = Tab::ALL.iter().map(|t| self.selected_ref(*t)).collect();
        self.now = now;
        let kept_report = self.lists.report.take();
        let kept_patterns = self.lists.patterns.take();
        self.lists = lists;
        if self.lists.report.is_none() {
            self.lists.report = kept_report;
        }
        if self.lists.patterns.is_none() {
            self.lists.patterns = kept_patterns;
        }
        for (i, tab) in Tab::ALL.iter().enumerate() {
            let refs = self.visible_refs(*tab);
            self.selected[i] = keep[i].as_deref().and_then(|r| refs.iter().position(|x| *x == r)).unwrap_or(0);
        }
        self.clamp();
        self.mpmg_loaded();
        self.reports_loaded();
        self.patterns_loaded();
    }

    /// The keymap context in force.
    pub fn context(&self) -> Context {
        if self.quit_asked {
            return Context::Confirm;
        }
        if self.too_small {
            return Context::TooSmall;
        }
        if self.confirm.is_some() {
            return Context::Confirm;
        }
        if let Some(view) = &self.conflict {
            return if view.conflict.version_now.is_none() { Context::Gone } else { Context::Conflict };
        }
        if self.form.is_some() {
            return Context::Form;
        }
        if self.person.is_some() && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return Context::Person;
        }
        if self.tab == Tab::Mpmg && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return Context::Mpmg;
        }
        if self.tab == Tab::Reports && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return Context::Reports;
        }
        if self.tab == Tab::Patterns && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return Context::Patterns;
        }
        if self.tab == Tab::Strategy && matches!(self.overlay, Overlay::None | Overlay::Help) {
            return Context::Strategy;
        }
        match self.overlay {
            Overlay::Search => Context::Search,
            Overlay::Picker(_) => Context::Picker,
            Overlay::None | Overlay::Help => Context::List,
        }
    }

    pub fn visible_chase(&self) -> Vec<&ChaseRow> {
        let f = &self.filters;
        self.lists
            .chase
            .iter()
            .filter(|r| {
                f.admits(
                    &[&r.name, &r.person_ref, &r.episode_ref, r.police_ref.as_deref().unwrap_or_default()],
                    r.cohort,
                    r.team.as_deref(),
                    Some(r.worker.as_deref()),
                    Some(&r.exploitation),
                )
            })
            .collect()
    }

    pub fn visible_strategy(&self) -> Vec<&StrategyRow> {
        self.strategy_in_history().0
    }

    /// The Strategy rows the search and filters admit, within the history
    /// shown, and how many more the history leaves out.
    pub fn strategy_in_history(&self) -> (Vec<&StrategyRow>, usize) {
        let f = &self.filters;
        let admitted = self.lists.strategy.iter().filter(|r| {
            let police = r.police_ref.as_deref().unwrap_or_default();
            f.admits(&[&r.name, &r.person_ref, &r.episode_ref, police], r.cohort, r.team.as_deref(), None, None)
        });
        within_history(admitted, self.now, self.strategy_history)
    }

    pub fn visible_missing(&self) -> Vec<&MissingRow> {
        let f = &self.filters;
        self.lists
            .missing
            .iter()
            .filter(|r| {
                let police = r.police_ref.as_deref().unwrap_or_default();
                f.admits(&[&r.name, &r.person_ref, &r.episode_ref, police], r.cohort, r.team.as_deref(), None, None)
            })
            .collect()
    }

    /// Band counts of the Chase rows shown (after filters).
    pub fn chase_counts(&self) -> BandCounts {
        band_counts(self.visible_chase())
    }

    /// The episode references a tab shows, in order (borrowed: this runs on
    /// every key); on the MPMG tab, the children's references.
    fn visible_refs(&self, tab: Tab) -> Vec<&str> {
        match tab {
            Tab::Mpmg => self.visible_mpmg_refs(),
            Tab::Reports | Tab::Patterns => Vec::new(),
            Tab::Chase => self.visible_chase().into_iter().map(|r| r.episode_ref.as_str()).collect(),
            Tab::Strategy => self.visible_strategy().into_iter().map(|r| r.episode_ref.as_str()).collect(),
            Tab::Missing => self.visible_missing().into_iter().map(|r| r.episode_ref.as_str()).collect(),
        }
    }

    pub fn visible_len(&self, tab: Tab) -> usize {
        self.visible_refs(tab).len()
    }

    /// The count a tab's title shows: its rows, or on the MPMG tab the
    /// children to review, so it does not follow the list shown.
    pub fn tab_count(&self, tab: Tab) -> usize {
        match tab {
            Tab::Mpmg => self.mpmg_tab_count(),
            _ => self.visible_len(tab),
        }
    }

    /// The child and episode of the selected row on the tab shown.
    pub fn selected_row(&self) -> Option<(String, String)> {
        let i = self.selection();
        let pair = |p: &str, e: &str| (p.to_string(), e.to_string());
        match self.tab {
            Tab::Chase => self.visible_chase().get(i).map(|r| pair(&r.person_ref, &r.episode_ref)),
            Tab::Strategy => self.visible_strategy().get(i).map(|r| pair(&r.person_ref, &r.episode_ref)),
            Tab::Missing => self.visible_missing().get(i).map(|r| pair(&r.person_ref, &r.episode_ref)),
            Tab::Mpmg | Tab::Reports | Tab::Patterns => None,
        }
    }

    /// `L`: the selected Chase row's letter, if it is one a placing
    /// authority gets (their child, the interview overdue); else why not.
    fn letter_effect(&mut self) -> Effect {
        let row = match self.tab {
            Tab::Chase => self.visible_chase().get(self.selection()).map(|r| (*r).clone()),
            _ => {
                self.status = Some("L drafts a letter from a row of the Chase tab".into());
                return Effect::None;
            }
        };
        let Some(row) = row else {
            self.status = Some("Select a child placed here by another authority first".into());
            return Effect::None;
        };
        if row.placing_la.is_none() {
            let name = crate::domain::visible::visible(&row.name);
            self.status = Some(format!("{name}'s interview is ours: letters go to placing authorities"));
            Effect::None
        } else if !row.overdue {
            let name = crate::domain::visible::visible(&row.name);
            self.status = Some(format!("{name}'s interview is not overdue yet: no letter"));
            Effect::None
        } else {
            Effect::DraftLetter { episode_ref: row.episode_ref }
        }
    }

    /// The child of the selected row, on any tab.
    pub fn selected_person(&self) -> Option<String> {
        match self.tab {
            Tab::Mpmg => self.visible_mpmg_refs().get(self.selection()).map(|r| r.to_string()),
            Tab::Reports | Tab::Patterns => None,
            _ => self.selected_row().map(|(p, _)| p),
        }
    }

    fn selected_ref(&self, tab: Tab) -> Option<String> {
        self.visible_refs(tab).get(self.selected[tab.index()]).map(|r| r.to_string())
    }

    pub fn selection(&self) -> usize {
        self.selected[self.tab.index()]
    }

    pub(super) fn clamp(&mut self) {
        for tab in Tab::ALL {
            let len = self.visible_len(tab);
            let s = &mut self.selected[tab.index()];
            *s = (*s).min(len.saturating_sub(1));
        }
    }

    fn move_by(&mut self, delta: isize) {
        let len = self.visible_len(self.tab) as isize;
        let i = self.tab.index();
        self.selected[i] = (self.selected[i] as isize + delta).clamp(0, (len - 1).max(0)) as usize;
    }

    /// The one place state changes.
    pub fn update(&mut self, action: Action) -> Effect {
        self.status = None;
        if let Some(effect) = self.update_entry(action) {
            return effect;
        }
        if self.tab == Tab::Mpmg
            && self.overlay == Overlay::None
            && let Some(effect) = self.update_mpmg(action)
        {
            return effect;
        }
        if self.tab == Tab::Reports
            && self.overlay == Overlay::None
            && let Some(effect) = self.update_reports(action)
        {
            return effect;
        }
        if self.tab == Tab::Patterns
            && self.overlay == Overlay::None
            && let Some(effect) = self.update_patterns(action)
        {
            return effect;
        }
        let tab_before = self.tab;
        match self.overlay.clone() {
            Overlay::Search => return self.update_search(action),
            Overlay::Picker(p) => return self.update_picker(p, action),
            Overlay::Help if matches!(action, Action::ToggleHelp | Action::Back) => {
                self.overlay = Overlay::None;
                return Effect::None;
            }
            Overlay::Help if action != Action::Quit => return Effect::None,
            _ => {}
        }
        let half_page = (self.page_rows / 2).max(1) as isize;
        match action {
            Action::Quit => return Effect::Quit,
            Action::Back => {
                if !self.filters.is_empty() {
                    self.filters = Filters::default();
                    self.status = Some("Search and filters cleared".into());
                }
            }
            Action::NextTab => self.tab = Tab::ALL[(self.tab.index() + 1) % Tab::ALL.len()],
            Action::PrevTab => self.tab = Tab::ALL[(self.tab.index() + Tab::ALL.len() - 1) % Tab::ALL.len()],
            Action::GoTab(i) => self.tab = Tab::ALL[i.min(Tab::ALL.len() - 1)],
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(half_page),
            Action::PageUp => self.move_by(-half_page),
            Action::Top => self.selected[self.tab.index()] = 0,
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::ToggleDetail => self.show_detail = !self.show_detail,
            Action::ToggleHelp => self.overlay = Overlay::Help,
            Action::OpenSearch => self.overlay = Overlay::Search,
            Action::FilterCohort => {
                let next = match self.filters.cohort {
                    None => Some(Cohort::Local),
                    Some(Cohort::Local) => Some(Cohort::OutOfArea),
                    Some(Cohort::OutOfArea) => Some(Cohort::PlacedIn),
                    Some(Cohort::PlacedIn) => None,
                };
                self.filters.cohort = next;
                self.status = Some(format!("Cohort: {}", next.map_or("all", |c| c.label())));
            }
            Action::FilterTeam => self.open_picker(PickerField::Team),
            Action::FilterWorker => self.open_picker(PickerField::Worker),
            Action::FilterExploitation => self.open_picker(PickerField::Exploitation),
            Action::ClearFilters => self.filters = Filters::default(),
            Action::LongerHistory | Action::ShorterHistory if self.tab == Tab::Strategy => {
                let h = self.strategy_history;
                self.strategy_history = if action == Action::LongerHistory { h.longer() } else { h.shorter() };
                self.status = Some(format!("Strategy meetings concluded: {}", self.strategy_history.label()));
            }
            Action::LongerHistory | Action::ShorterHistory => {}
            Action::Refresh => return Effect::Reload,
            Action::DraftLetter => return self.letter_effect(),
            Action::Type(_)
            | Action::Backspace
            | Action::Confirm
            | Action::NextField
            | Action::PrevField
            | Action::Edit(_)
            | Action::Save
            | Action::KeepMine
            | Action::TakeTheirs
            | Action::Yes
            | Action::No
            // The child's screen's own: nothing on a list.
            | Action::SwitchPane
            | Action::EditAction
            | Action::ActionDone
            | Action::DeleteAction
            // The MPMG tab's own.
            | Action::MonthBack
            | Action::MonthOn
            | Action::CycleView
            | Action::ToggleReviewed
            // The Reports tab's own.
            | Action::PeriodBack
            | Action::PeriodOn
            | Action::SwitchPeriod(_)
            | Action::CycleViewBack
            | Action::WriteReport => {}
            Action::Open(_)
            | Action::FoundNow
            | Action::RequireInterview
            | Action::DeleteEpisode
            | Action::Undo
            | Action::OpenPerson => {
                return self.entry_effect(action);
            }
        }
        self.clamp();
        if self.tab == Tab::Reports && tab_before != Tab::Reports {
            return self.entered_reports();
        }
        if self.tab == Tab::Patterns && tab_before != Tab::Patterns {
            return self.entered_patterns();
        }
        Effect::None
    }
}
