//! The state of the workbench and the only place it changes: `update(Action)`. Keys
//! become actions through the keymap; drawing (in `views`) only reads this state.

mod browse;
mod cycle;
mod deadline;
mod edits;
mod finding;
mod lists;
mod owners;
mod popups;
pub mod saving;
mod scoring;
mod triage;

pub use browse::{BrowseRows, Pane};
pub use cycle::{EditorNote, EditorOutcome, RecAt};
pub use deadline::{DeadlineChoice, read_date};
pub use lists::{AgendaLine, AgendaLists, AgendaSection};
pub use owners::{OwnerChoice, OwnerPicker};
pub use popups::{Menu, MenuPurpose, Popup, TextEntry, TextPurpose};
pub use triage::{OWNER_COLUMNS, TriageCell, TriageLine, TriageRow};

use super::action::{Action, View};
use super::keymap::{Context, Key, Keymap};
use super::theme::Theme;
use crate::model::{Item, next_meeting};
use crate::query::{self, Corpus, Filter, Hit, SearchIndex, SortKey};
use crate::workspace::{Edit, Workspace};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use jiff::civil::Date;
use std::cell::Cell;
use tui_input::Input;

/// A line for the status bar: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// A change that can be undone: the edit that puts things back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undo {
    pub item: String,
    pub edit: Edit,
    /// What the item is after the change; the undo is refused if it no longer is.
    pub expect: Option<crate::workspace::Expected>,
    pub note: String,
    pub what: String,
}

/// Where a list is scrolled to. Kept between frames so the list moves only when the
/// selection would leave the screen; the drawing code updates it, nothing else reads it.
#[derive(Debug, Default)]
pub struct Scroll(Cell<usize>);

impl Scroll {
    /// The first row to show so that `selected` is visible in `height` rows of `len`.
    pub fn offset(&self, selected: usize, height: usize, len: usize) -> usize {
        let mut off = self.0.get();
        if selected < off {
            off = selected;
        } else if height > 0 && selected >= off + height {
            off = selected + 1 - height;
        }
        off = off.min(len.saturating_sub(height));
        self.0.set(off);
        off
    }
}

/// The selected row of a list, by item id so it survives sorting, filtering and reloads.
#[derive(Debug, Default)]
pub struct Selection {
    pub id: Option<String>,
    pub scroll: Scroll,
}

#[derive(Debug, Default)]
pub struct TriageState {
    pub row: usize,
    pub column: usize,
    pub scroll: Scroll,
}

pub struct App {
    /// The reading of the workspace this session shows (see `shared`).
    pub ws: std::sync::Arc<Workspace>,
    /// The workspace every session shares: read once per change, whichever session
    /// or watcher saw it.
    pub shared: std::sync::Arc<crate::tui::shared::Shared>,
    /// Which reading `ws` is, and the last of the shared problems shown.
    generation: u64,
    problem_seen: u64,
    /// Shared with the thread that sorts a large search by score.
    pub index: std::sync::Arc<SearchIndex>,
    pub today: Date,
    /// Why changes are refused, when they are.
    pub read_only: Option<String>,
    pub theme: Theme,
    pub keymap: Keymap,
    /// The login name changes are recorded under.
    pub who: String,
    /// What changes are stamped by: the run's one clock, as the command line's
    /// (`--today` dates the changes made in the workbench too).
    pub clock: crate::tui::SharedClock,
    pub view: View,
    pub filter: Filter,
    pub sort: SortKey,
    /// The items that pass the filter, in report order.
    pub hits: Vec<Hit>,
    /// The reports the search finds only in their own text (a finding, a judgement),
    /// none of their items matching, in order: Browse lists them beside the reports
    /// of `hits`. Worked out when first asked for after the filter changes (see
    /// `report_hits`), so typing in another view does not wait for it.
    report_hits: std::cell::OnceCell<Vec<usize>>,
    /// The same, sorted for the Actions table.
    pub table: Vec<Hit>,
    /// For each item, whether it passes the filter.
    pub passes: Vec<bool>,
    pub browse: browse::Browse,
    pub actions: Selection,
    pub agenda: Selection,
    /// The select committee (its id) the Agenda shows alone; None for all of them.
    pub agenda_committee: Option<String>,
    pub triage: TriageState,
    pub triage_rows: Vec<TriageRow>,
    /// Kept while the Agenda or Triage shows (see `refresh_agenda`).
    agenda_lists: Option<AgendaLists>,
    pub popup: Option<Popup>,
    /// The search being typed, while it is.
    pub searching: Option<Input>,
    pub message: Option<Message>,
    pub undo: Vec<Undo>,
    /// The editor for longer notes: $VISUAL, else $EDITOR (None: type them inline).
    pub editor_command: Option<String>,
    /// A note waiting for the editor, which the event loop runs with the terminal
    /// handed over to it.
    pending_editor: Option<EditorNote>,
    pub quit: bool,
    /// How many changes this session has saved (for the server's log).
    pub changes: u64,
    /// Terminal rows, for paging.
    pub height: u16,
    /// Sorting a large search by score, off the input thread.
    pub scoring: scoring::Scoring,
    /// Changes being saved, off the input thread, and those queued behind them.
    pub saving: saving::Saving,
    /// Set by the suspend key: the event loop hands the terminal back to the shell.
    suspend: bool,
    /// How many times the files have been read again: a change on disk that leaves
    /// this as it was (our own save, seen by the watcher) needs no new frame.
    pub reloads: u64,
    /// The widest of the items' own references ("2.6a"), for the Actions table's
    /// column: measured when the reports are read, so the column keeps its width while
    /// the filters change.
    pub ref_width: usize,
    /// The widest report id, for the same table's report column.
    pub report_width: usize,
}

impl App {
    pub fn new(ws: Workspace, today: Date, read_only: Option<String>, theme: Theme) -> App {
        App::on(crate::tui::shared::Shared::new(ws), today, read_only, theme)
    }

    /// A session on a workspace shared with others (`scrutineer serve`).
    pub fn on(
        shared: std::sync::Arc<crate::tui::shared::Shared>,
        today: Date,
        read_only: Option<String>,
        theme: Theme,
    ) -> App {
        let snapshot = shared.snapshot();
        let problem_seen = shared.problem().map_or(0, |p| p.serial);
        let mut app = App {
            ws: snapshot.ws,
            shared,
            generation: snapshot.generation,
            problem_seen,
            index: snapshot.index,
            today,
            read_only,
            theme,
            keymap: Keymap::default(),
            who: crate::workspace::login_name(),
            clock: std::sync::Arc::new(jiff::Timestamp::now),
            view: View::Browse,
            filter: Filter::default(),
            sort: SortKey::Deadline,
            hits: Vec::new(),
            report_hits: std::cell::OnceCell::new(),
            table: Vec::new(),
            passes: Vec::new(),
            browse: browse::Browse::default(),
            actions: Selection::default(),
            agenda: Selection::default(),
            agenda_committee: None,
            triage: TriageState::default(),
            triage_rows: Vec::new(),
            agenda_lists: None,
            popup: None,
            searching: None,
            message: None,
            undo: Vec::new(),
            editor_command: cycle::editor_from_env(),
            pending_editor: None,
            quit: false,
            changes: 0,
            height: 24,
            scoring: scoring::Scoring::default(),
            saving: saving::Saving::default(),
            suspend: false,
            reloads: 0,
            ref_width: 0,
            report_width: 0,
        };
        app.measure_refs();
        app.report_load_errors();
        app.refresh();
        app
    }

    /// The clock changes are stamped by (the system's, until one is given): the one
    /// the command line made from its flags, so a change is dated the same way in
    /// both shells.
    pub fn set_clock(&mut self, clock: crate::tui::SharedClock) {
        self.clock = clock;
    }

    /// Replaces the keymap (from the config file), reporting what was wrong with it.
    pub fn set_keymap(&mut self, keymap: Keymap, problems: &[String]) {
        self.keymap = keymap;
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            self.error(format!(
                "config: {first}{more}; other keys use their defaults"
            ));
        }
    }

    /// Measures the widest item reference and report id again (after the reports are
    /// read).
    pub(super) fn measure_refs(&mut self) {
        self.ref_width = self
            .ws
            .items
            .iter()
            .map(|item| {
                let report = &self.ws.reports[item.report];
                crate::text::width(super::labels::item_ref(report, item))
            })
            .max()
            .unwrap_or(0);
        self.report_width = self
            .ws
            .reports
            .iter()
            .map(|r| crate::text::width(&r.id))
            .max()
            .unwrap_or(0);
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The suspend key was pressed: the event loop hands the terminal back to the
    /// shell and stops until `fg`.
    pub fn take_suspend(&mut self) -> bool {
        std::mem::take(&mut self.suspend)
    }

    pub fn corpus(&self) -> Corpus<'_> {
        Corpus {
            reports: &self.ws.reports,
            people: &self.ws.people,
            items: &self.ws.items,
            index: self.index.as_ref(),
            committees: &self.ws.committees,
        }
    }

    pub fn item(&self, i: usize) -> &Item {
        &self.ws.items[i]
    }

    /// The characters of an item's text the search matched, for highlighting; worked
    /// out when a row is drawn, so only for the rows on screen.
    pub fn positions(&self, item: usize) -> Vec<usize> {
        if self.filter.search.trim().is_empty() {
            return Vec::new();
        }
        let mut hit = Hit {
            item,
            score: 0,
            positions: Vec::new(),
        };
        query::highlight(self.corpus(), &self.filter, &mut hit);
        hit.positions
    }

    pub fn next_meeting(&self) -> Option<crate::model::Meeting> {
        next_meeting(&self.ws.committees, self.today)
    }

    /// The keymap contexts that apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        let mut contexts = match &self.popup {
            Some(Popup::Help { .. }) => vec![Context::Help],
            Some(Popup::Detail { .. }) => vec![Context::Detail, Context::Changing],
            Some(Popup::Menu(_)) => vec![Context::Menu],
            Some(Popup::Owners(_)) => vec![Context::Picker],
            Some(Popup::Text(_)) => vec![Context::TextInput],
            None if self.searching.is_some() => vec![Context::Search],
            None => vec![
                Context::of_view(self.view),
                Context::Navigate,
                Context::Finding,
                Context::Changing,
                Context::Global,
            ],
        };
        contexts.push(Context::Always);
        contexts
    }

    fn takes_text(&self) -> bool {
        self.contexts().first().is_some_and(|c| c.takes_text())
    }

    /// One key press: through the keymap to an action, or typed into a text input.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.message = None;
        // Esc gives up a save waiting for another clerk's lock, in every view (the
        // status line says so while it waits); in a popup or a search it first closes
        // that, as it always does.
        if key.code == KeyCode::Esc
            && key.modifiers.is_empty()
            && self.saving.waiting()
            && self.popup.is_none()
            && self.searching.is_none()
        {
            return self.cancel_save();
        }
        let contexts = self.contexts();
        match self.keymap.action(&contexts, Key::of(&key)) {
            Some(action) => self.update(action),
            None if self.takes_text() => {
                // Alt+b, Alt+f and Alt+d move and delete by words, as in a shell (the
                // text entry knows them as Meta). Any other Alt+key is left alone here:
                // taking it as an Esc would throw away what was typed.
                let meta = KeyEvent::new(
                    key.code,
                    (key.modifiers - KeyModifiers::ALT) | KeyModifiers::META,
                );
                let req = tui_input::backend::crossterm::to_input_request(&Event::Key(key))
                    .or_else(|| {
                        key.modifiers
                            .contains(KeyModifiers::ALT)
                            .then(|| {
                                tui_input::backend::crossterm::to_input_request(&Event::Key(meta))
                            })
                            .flatten()
                    });
                if let Some(req) = req {
                    self.update(Action::Input(req));
                }
            }
            // Over a slow link an Esc and the key after it can arrive together and read
            // as Alt+key: take them as the two keys they were.
            None if key.modifiers.contains(KeyModifiers::ALT) => {
                let plain = KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT);
                if self.keymap.action(&contexts, Key::of(&plain)).is_some() {
                    self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
                    self.handle_key(plain);
                }
            }
            None => {
                let help = self.key_label(Action::Help);
                self.info(format!(
                    "{} does nothing here; {help} shows the keys",
                    Key::of(&key)
                ));
            }
        }
    }

    /// The key that does `action` now, for messages ("press c to clear").
    pub fn key_label(&self, action: Action) -> String {
        let contexts = [
            Context::of_view(self.view),
            Context::Navigate,
            Context::Finding,
            Context::Changing,
            Context::Global,
        ];
        self.keymap
            .key_for(&contexts, action)
            .map_or_else(|| "?".to_string(), |k| k.to_string())
    }

    pub fn update(&mut self, action: Action) {
        if action == Action::Quit {
            return self.quit_when_saved();
        }
        if action == Action::Suspend {
            self.suspend = true;
            return;
        }
        if action.changes_data()
            && let Some(why) = &self.read_only
        {
            let what = match action {
                Action::Mark => "marking ready",
                Action::SetStatus => "setting the status",
                Action::AddNote | Action::EditorNote => "adding a note",
                Action::Respond => "recording a response",
                Action::Revise => "revising a deadline",
                _ => "undo",
            };
            self.error(format!("read-only ({why}): {what} is off"));
            return;
        }
        match action {
            Action::DiskChanged => return self.disk_changed(),
            Action::NewReading => return self.new_reading(),
            Action::Resize => return,
            _ => {}
        }
        if self.popup.is_some() {
            self.update_popup(action);
        } else if self.searching.is_some() {
            self.update_search(action);
        } else {
            self.update_main(action);
        }
    }

    fn update_main(&mut self, action: Action) {
        match action {
            Action::Quit => self.quit_when_saved(),
            Action::Suspend => self.suspend = true,
            Action::Help => {
                self.popup = Some(Popup::Help {
                    scroll: Default::default(),
                })
            }
            Action::ShowView(v) => self.show_view(v),
            Action::NextView => self.show_view(self.view.step(1)),
            Action::PrevView => self.show_view(self.view.step(-1)),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-self.page()),
            Action::PageDown => self.move_by(self.page()),
            Action::DetailPageUp => self.scroll_detail(-self.page()),
            Action::DetailPageDown => self.scroll_detail(self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Left => self.triage_column(-1),
            Action::Right => self.triage_column(1),
            Action::NextPane => self.browse_pane(1),
            Action::PrevPane => self.browse_pane(-1),
            Action::Open => self.open(),
            Action::Back => self.back(),
            Action::Search => {
                self.searching = Some(Input::new(self.filter.search.clone()));
            }
            Action::FilterOwner => self.open_owner_picker(),
            Action::FilterDeadline => self.open_deadline_menu(),
            Action::FilterStatus => self.open_status_filter(),
            Action::FilterReady => self.cycle_ready(),
            Action::FilterReport => self.open_report_menu(),
            Action::FilterResponse => self.open_response_filter(),
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.refresh();
                self.info("every filter cleared");
            }
            Action::Sort => self.cycle_sort(),
            Action::ChooseCommittee => self.open_committee_menu(),
            Action::Mark => self.toggle_mark(),
            Action::SetStatus => self.open_status_menu(),
            Action::AddNote => self.open_note(),
            Action::EditorNote => self.open_editor_note(),
            Action::Respond => self.open_respond(),
            Action::Revise => self.open_revise(),
            Action::Undo => self.undo_last(),
            Action::Confirm
            | Action::Toggle
            | Action::Input(_)
            | Action::DiskChanged
            | Action::NewReading
            | Action::Resize => {}
        }
    }

    fn show_view(&mut self, view: View) {
        self.view = view;
        if view == View::Triage {
            self.triage_rows = self.compute_triage();
        }
        if self.agenda_lists.is_none() {
            self.refresh_agenda();
        }
    }

    /// Rows a page key moves by.
    fn page(&self) -> isize {
        (self.height.saturating_sub(10)).max(1) as isize
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }
}
