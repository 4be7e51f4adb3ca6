//! The popups: help, an item in full, menus (status, deadline, report), the owner
//! picker and single-line text entry (a note, a date). Each is state here; drawing
//! them is in `widgets`.

use super::App;
use super::browse::step;
use super::deadline::{DeadlineChoice, read_date};
use super::owners::OwnerPicker;
use crate::model::Status;
use crate::tui::action::Action;
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
    /// Report ids, None for "any report".
    Report(Vec<Option<String>>),
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
        let mut options = vec!["any status".to_string()];
        options.extend(Status::ALL.iter().map(|s| s.label().to_string()));
        let mut ticked = vec![false];
        ticked.extend(Status::ALL.iter().map(|s| self.filter.statuses.contains(s)));
        self.popup = Some(Popup::Menu(Menu {
            purpose: MenuPurpose::StatusFilter,
            title: "Status (space ticks several)".to_string(),
            options,
            selected: 1,
            ticked: Some(ticked),
        }));
    }

    pub(super) fn open_report_menu(&mut self) {
        let mut ids = vec![None];
        let mut options = vec!["any report".to_string()];
        for r in &self.ws.reports {
            ids.push(Some(r.id.clone()));
            options.push(format!("{}  {}", r.id, r.title));
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
        let id = self.ws.items[i].id.clone();
        self.popup = Some(Popup::Text(TextEntry {
            title: format!("Note on {id}"),
            purpose: TextPurpose::Note(id),
            input: Input::default(),
            error: None,
        }));
    }

    fn confirm_menu(&mut self) {
        let Some(Popup::Menu(menu)) = self.popup.take() else {
            return;
        };
        let at = menu.selected;
        match menu.purpose {
            MenuPurpose::SetStatus(item) => {
                if let Some(s) = Status::ALL.get(at) {
                    self.change(item, crate::workspace::Edit::SetStatus(*s), String::new());
                }
            }
            MenuPurpose::Deadline(choices) => {
                if let Some(c) = choices.get(at) {
                    self.choose_deadline(*c);
                }
            }
            MenuPurpose::StatusFilter => {
                let ticked = menu.ticked.unwrap_or_default();
                let chosen: Vec<Status> = Status::ALL
                    .iter()
                    .zip(ticked.iter().skip(1))
                    .filter(|(_, t)| **t)
                    .map(|(s, _)| *s)
                    .collect();
                self.filter.statuses = match (at, chosen.is_empty()) {
                    (0, _) => Vec::new(),
                    (_, false) => chosen,
                    (_, true) => Status::ALL
                        .get(at - 1)
                        .map(|s| vec![*s])
                        .unwrap_or_default(),
                };
                self.refresh();
            }
            MenuPurpose::Report(ids) => {
                self.filter.report = ids.get(at).cloned().flatten();
                self.refresh();
            }
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
        }
    }
}
