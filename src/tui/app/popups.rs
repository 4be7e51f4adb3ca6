//! The popups: help, an item in full, menus (status, deadline, report, response), the
//! owner picker and single-line text entry (a note, a date, a reason). Each is state
//! here; drawing them is in `widgets`.

use super::browse::step;
use super::deadline::{DeadlineChoice, read_date};
use super::owners::OwnerPicker;
use super::{App, RecAt};
use crate::model::{ResponseKind, Status};
use crate::tui::action::Action;
use jiff::civil::Date;
use std::cell::Cell;
use tui_input::Input;

pub enum Popup {
    Help { scroll: Cell<usize> },
    Detail { item: String, scroll: Cell<usize> },
    Menu(Menu),
    Owners(OwnerPicker),
    Text(TextEntry),
}

pub struct Menu {
    pub purpose: MenuPurpose,
    pub title: String,
    pub options: Vec<String>,
    pub selected: usize,
    /// Tick boxes, where several options may be chosen (one per option).
    pub ticked: Option<Vec<bool>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuPurpose {
    /// Set this item's status.
    SetStatus(String),
    Deadline(Vec<DeadlineChoice>),
    /// "any status", then each status.
    StatusFilter,
    /// "any response", then each response.
    ResponseFilter,
    /// Report ids, None for "any report".
    Report(Vec<Option<String>>),
    /// The Agenda's committee: select committee ids, None for all of them.
    Committee(Vec<Option<String>>),
    /// Which of an item's recommendations to record a response for.
    Recommendation(Vec<RecAt>),
    /// The response to this recommendation (`REPORT/REC`): each response, then the
    /// date it is due.
    Respond(String),
}

pub struct TextEntry {
    pub purpose: TextPurpose,
    pub title: String,
    pub input: Input,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPurpose {
    Note(String),
    DueBefore,
    DueAfter,
    /// The new deadline of this item, then why.
    ReviseDate(String),
    ReviseReason(String, Date),
    /// Why a recommendation (`REPORT/REC`) got this response.
    ResponseReason(String, ResponseKind),
    /// When the response to a recommendation is due.
    ResponseDue(String),
    /// The note that goes with a new status of this item (optional).
    StatusNote(String, Status),
}

impl App {
    pub(super) fn update_popup(&mut self, action: Action) {
        let Some(popup) = self.popup.as_mut() else {
            return;
        };
        let page = self.height.saturating_sub(10).max(1) as isize;
        let scroll_by = |cell: &Cell<usize>, action: Action| {
            let delta = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -page,
                Action::PageDown => page,
                Action::Top => isize::MIN / 2,
                Action::Bottom => isize::MAX / 2,
                _ => return false,
            };
            cell.set(step(usize::MAX / 4, cell.get(), delta));
            true
        };
        match popup {
            Popup::Help { scroll } | Popup::Detail { scroll, .. } if scroll_by(scroll, action) => {}
            Popup::Help { .. } | Popup::Detail { .. } if action == Action::Back => {
                self.popup = None
            }
            Popup::Detail { .. } if action.changes_data() => self.update_main(action),
            Popup::Help { .. } | Popup::Detail { .. } => {}
            Popup::Menu(menu) => match action {
                Action::Up | Action::Down => {
                    let delta = if action == Action::Up { -1 } else { 1 };
                    menu.selected = step(menu.options.len(), menu.selected, delta);
                }
                Action::Toggle => {
                    if let Some(t) = menu.ticked.as_mut().and_then(|t| t.get_mut(menu.selected)) {
                        *t = !*t;
                    }
                }
                Action::Confirm => self.confirm_menu(),
                Action::AddNote => self.status_with_note(),
                Action::Back => self.popup = None,
                _ => {}
            },
            Popup::Owners(picker) => match action {
                Action::Up | Action::Down => {
                    let delta = if action == Action::Up { -1 } else { 1 };
                    let typed = picker.input.value().to_string();
                    let n = self.owner_choices(&typed).len();
                    if let Some(Popup::Owners(picker)) = self.popup.as_mut() {
                        picker.selected = step(n, picker.selected, delta);
                    }
                }
                Action::Input(req) => {
                    picker.input.handle(req);
                    picker.selected = 0;
                }
                Action::Confirm => self.confirm_owner(),
                Action::Back => self.popup = None,
                _ => {}
            },
            Popup::Text(entry) => match action {
                Action::Input(req) => {
                    entry.input.handle(req);
                    entry.error = None;
                }
                Action::Confirm => self.confirm_text(),
                Action::Back => self.popup = None,
                _ => {}
            },
        }
    }

    pub(super) fn open_status_filter(&mut self) {
        let labels = Status::ALL.map(|s| s.label());
        let ticked = Status::ALL.map(|s| self.filter.statuses.contains(&s));
        self.popup = Some(tick_menu(
            MenuPurpose::StatusFilter,
            "Status",
            &labels,
            &ticked,
        ));
    }

    pub(super) fn open_response_filter(&mut self) {
        let labels = ResponseKind::ALL.map(|r| r.label());
        let ticked = ResponseKind::ALL.map(|r| self.filter.responses.contains(&r));
        let title = "Executive response";
        self.popup = Some(tick_menu(
            MenuPurpose::ResponseFilter,
            title,
            &labels,
            &ticked,
        ));
    }

    pub(super) fn open_report_menu(&mut self) {
        let mut ids = vec![None];
        let mut options = vec!["any report".to_string()];
        for r in &self.ws.reports {
            ids.push(Some(r.id.clone()));
            options.push(crate::tui::labels::ReportLabel::of(r).plain());
        }
        let selected = ids
            .iter()
            .position(|id| *id == self.filter.report)
            .unwrap_or(0);
        self.popup = Some(Popup::Menu(Menu {
            purpose: MenuPurpose::Report(ids),
            title: "Report".to_string(),
            options,
            selected,
            ticked: None,
        }));
    }

    pub(super) fn open_status_menu(&mut self) {
        let Some(i) = self.selected_item() else {
            return self.nothing_selected();
        };
        let item = &self.ws.items[i];
        let current = item.tracking.status;
        self.popup = Some(Popup::Menu(Menu {
            purpose: MenuPurpose::SetStatus(item.id.clone()),
            title: format!("Status of {}", item.id),
            options: Status::ALL.iter().map(|s| s.label().to_string()).collect(),
            selected: Status::ALL.iter().position(|s| *s == current).unwrap_or(0),
            ticked: None,
        }));
    }

    pub(super) fn open_note(&mut self) {
        let Some(i) = self.selected_item() else {
            return self.nothing_selected();
        };
        self.open_note_on(self.ws.items[i].id.clone());
    }

    pub(super) fn open_note_on(&mut self, id: String) {
        self.popup = Some(Popup::Text(TextEntry {
            title: format!("Note on {id}"),
            purpose: TextPurpose::Note(id),
            input: Input::default(),
            error: None,
        }));
    }

    /// The note key in the status menu: the status chosen, then a note to go with it
    /// (one history entry, as `scrutineer status --note` writes). In other menus it
    /// does nothing.
    fn status_with_note(&mut self) {
        let Some(Popup::Menu(menu)) = &self.popup else {
            return;
        };
        let MenuPurpose::SetStatus(item) = &menu.purpose else {
            return;
        };
        let Some(status) = Status::ALL.get(menu.selected).copied() else {
            return;
        };
        let title = format!("{item} {}: note (optional)", status.label());
        self.popup = Some(Popup::Text(TextEntry {
            purpose: TextPurpose::StatusNote(item.clone(), status),
            title,
            input: Input::default(),
            error: None,
        }));
    }

    /// Saves a status with the note typed for it. A note on a status the item already
    /// has is saved as a note (the status itself does not change, so nothing else would
    /// record it).
    fn set_status_noted(&mut self, item: String, status: Status, note: String) {
        let current = self
            .ws
            .find(&item)
            .ok()
            .map(|i| self.ws.items[i].tracking.status);
        match status {
            Status::SignedOff => self.sign_off_noted(item, &note),
            s if current == Some(s) && !note.is_empty() => {
                self.change(item, crate::workspace::Edit::Note, note)
            }
            s => self.change(item, crate::workspace::Edit::SetStatus(s), note),
        }
    }

    fn confirm_menu(&mut self) {
        let Some(Popup::Menu(menu)) = self.popup.take() else {
            return;
        };
        let at = menu.selected;
        match menu.purpose {
            MenuPurpose::SetStatus(item) => match Status::ALL.get(at) {
                Some(Status::SignedOff) => self.sign_off(item),
                Some(s) => self.change(item, crate::workspace::Edit::SetStatus(*s), String::new()),
                None => {}
            },
            MenuPurpose::Deadline(choices) => {
                if let Some(c) = choices.get(at) {
                    self.choose_deadline(*c);
                }
            }
            MenuPurpose::StatusFilter => {
                self.filter.statuses = ticked_choice(&Status::ALL, menu.ticked, at);
                self.refresh();
            }
            MenuPurpose::ResponseFilter => {
                self.filter.responses = ticked_choice(&ResponseKind::ALL, menu.ticked, at);
                self.refresh();
            }
            MenuPurpose::Report(ids) => {
                self.filter.report = ids.get(at).cloned().flatten();
                self.refresh();
            }
            MenuPurpose::Committee(ids) => {
                if let Some(id) = ids.get(at) {
                    self.choose_committee(id.clone());
                }
            }
            MenuPurpose::Recommendation(recs) => {
                if let Some(rec) = recs.get(at) {
                    self.open_response_menu(*rec);
                }
            }
            MenuPurpose::Respond(key) => self.choose_response(key, at),
        }
    }

    fn confirm_text(&mut self) {
        let Some(Popup::Text(entry)) = &mut self.popup else {
            return;
        };
        let text = entry.input.value().trim().to_string();
        match entry.purpose.clone() {
            TextPurpose::Note(item) => {
                self.popup = None;
                if text.is_empty() {
                    return self.info("empty note: nothing saved");
                }
                self.change(item, crate::workspace::Edit::Note, text);
            }
            TextPurpose::StatusNote(item, status) => {
                self.popup = None;
                self.set_status_noted(item, status, text);
            }
            TextPurpose::DueBefore | TextPurpose::DueAfter => match read_date(&text, self.today) {
                Ok(d) => {
                    let before = entry.purpose == TextPurpose::DueBefore;
                    self.popup = None;
                    self.filter.overdue = false;
                    self.filter.due_within = None;
                    if before {
                        self.filter.due_before = Some(d);
                    } else {
                        self.filter.due_after = Some(d);
                    }
                    self.refresh();
                }
                Err(e) => entry.error = Some(e),
            },
            purpose => {
                if let Err(e) = self.confirm_cycle_text(purpose, &text)
                    && let Some(Popup::Text(entry)) = &mut self.popup
                {
                    entry.error = Some(e);
                }
            }
        }
    }
}

/// A menu of choices that can be ticked: "any", then each choice.
fn tick_menu(purpose: MenuPurpose, what: &str, labels: &[&str], ticked: &[bool]) -> Popup {
    let mut options = vec![format!("any {}", what.to_lowercase())];
    options.extend(labels.iter().map(|l| l.to_string()));
    let mut ticks = vec![false];
    ticks.extend_from_slice(ticked);
    Popup::Menu(Menu {
        purpose,
        title: format!("{what} (space ticks several)"),
        options,
        selected: 1,
        ticked: Some(ticks),
    })
}

/// What a tick menu chose: nothing for "any", else the ticked choices, or the one
/// under the cursor when none is ticked.
fn ticked_choice<T: Copy>(all: &[T], ticked: Option<Vec<bool>>, at: usize) -> Vec<T> {
    let ticked = ticked.unwrap_or_default();
    let chosen: Vec<T> = all
        .iter()
        .zip(ticked.iter().skip(1))
        .filter(|(_, t)| **t)
        .map(|(c, _)| *c)
        .collect();
    match (at, chosen.is_empty()) {
        (0, _) => Vec::new(),
        (_, false) => chosen,
        (_, true) => all.get(at - 1).map(|c| vec![*c]).unwrap_or_default(),
    }
}
