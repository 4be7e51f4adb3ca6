//! The popups: help, an item in full, menus (status, deadline, report), the owner
//! picker and single-line text entry (a note, a date). Each is state here; drawing
//! them is in `widgets`.

use super::App;
use super::browse::step;
use crate::model::{DeadlineKind, OwnerId, Status, parse_timescale};
use crate::tui::action::Action;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
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
    /// Report ids, None for "any report".
    Report(Vec<Option<String>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineChoice {
    Any,
    Overdue,
    ByNextMeeting(Option<Date>),
    Within(i64),
    Before,
    After,
}

pub struct OwnerPicker {
    pub input: Input,
    pub selected: usize,
}

/// A line of the owner picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerChoice {
    /// None: "any owner" (clears the owner filter).
    pub owner: Option<OwnerId>,
    pub items: usize,
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

    pub(super) fn open_owner_picker(&mut self) {
        self.popup = Some(Popup::Owners(OwnerPicker {
            input: Input::default(),
            selected: 0,
        }));
    }

    /// The owners the picker offers for what has been typed: every owner any of whose
    /// spellings (name, id, aliases) fuzzy-matches, best first.
    pub fn owner_choices(&self, typed: &str) -> Vec<OwnerChoice> {
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut counts = vec![0usize; self.ws.people.owners.len()];
        for item in &self.ws.items {
            for o in &item.owners {
                if let Some(c) = counts.get_mut(o.0) {
                    *c += 1;
                }
            }
        }
        let typed = typed.trim();
        let mut scored: Vec<(i64, String, OwnerChoice)> = self
            .ws
            .people
            .owners
            .iter()
            .enumerate()
            .filter_map(|(i, owner)| {
                let score = if typed.is_empty() {
                    0
                } else {
                    owner
                        .spellings()
                        .filter_map(|s| matcher.fuzzy_match(s, typed))
                        .max()?
                };
                let choice = OwnerChoice {
                    owner: Some(OwnerId(i)),
                    items: counts[i],
                };
                Some((score, owner.name.to_lowercase(), choice))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut choices: Vec<OwnerChoice> = Vec::new();
        if typed.is_empty() && !self.filter.owners.is_empty() {
            choices.push(OwnerChoice {
                owner: None,
                items: self.ws.items.len(),
            });
        }
        choices.extend(scored.into_iter().map(|(_, _, c)| c));
        choices
    }

    fn confirm_owner(&mut self) {
        let Some(Popup::Owners(picker)) = &self.popup else {
            return;
        };
        let choices = self.owner_choices(picker.input.value());
        let Some(choice) = choices.get(picker.selected) else {
            return self.info("no owner matches; esc closes the picker");
        };
        self.popup = None;
        match choice.owner {
            Some(o) => {
                self.filter.owners = vec![self.owner_word(o)];
                self.refresh();
                let name = crate::text::sanitize(&self.ws.people.get(o).name, false);
                self.info(format!("owner {name}: {} item(s)", self.hits.len()));
            }
            None => {
                self.filter.owners.clear();
                self.refresh();
                self.info("owner filter cleared");
            }
        }
    }

    pub(super) fn open_deadline_menu(&mut self) {
        let next = self.next_meeting().map(|m| m.date);
        let choices = vec![
            DeadlineChoice::Any,
            DeadlineChoice::Overdue,
            DeadlineChoice::ByNextMeeting(next),
            DeadlineChoice::Within(7),
            DeadlineChoice::Within(30),
            DeadlineChoice::Within(90),
            DeadlineChoice::Before,
            DeadlineChoice::After,
        ];
        let options = choices
            .iter()
            .map(|c| match c {
                DeadlineChoice::Any => "any deadline".to_string(),
                DeadlineChoice::Overdue => "overdue".to_string(),
                DeadlineChoice::ByNextMeeting(Some(d)) => format!("due by the next meeting ({d})"),
                DeadlineChoice::ByNextMeeting(None) => {
                    "due by the next meeting (none scheduled)".to_string()
                }
                DeadlineChoice::Within(n) => format!("due within {n} days"),
                DeadlineChoice::Before => "due on or before a date…".to_string(),
                DeadlineChoice::After => "due on or after a date…".to_string(),
            })
            .collect();
        self.popup = Some(Popup::Menu(Menu {
            purpose: MenuPurpose::Deadline(choices),
            title: "Deadline".to_string(),
            options,
            selected: 1,
            ticked: None,
        }));
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

    fn choose_deadline(&mut self, choice: DeadlineChoice) {
        let f = &mut self.filter;
        let clear = |f: &mut crate::query::Filter| {
            f.overdue = false;
            f.due_before = None;
            f.due_after = None;
            f.due_within = None;
        };
        match choice {
            DeadlineChoice::Any => clear(f),
            DeadlineChoice::Overdue => {
                clear(f);
                f.overdue = true;
            }
            DeadlineChoice::ByNextMeeting(Some(d)) => {
                clear(f);
                f.due_before = Some(d);
            }
            DeadlineChoice::ByNextMeeting(None) => {
                return self
                    .error("no select committee meeting is scheduled; add one to committees.toml");
            }
            DeadlineChoice::Within(n) => {
                clear(f);
                f.due_within = Some(n);
            }
            DeadlineChoice::Before | DeadlineChoice::After => {
                let before = choice == DeadlineChoice::Before;
                self.popup = Some(Popup::Text(TextEntry {
                    purpose: if before {
                        TextPurpose::DueBefore
                    } else {
                        TextPurpose::DueAfter
                    },
                    title: format!(
                        "Due on or {} (a date)",
                        if before { "before" } else { "after" }
                    ),
                    input: Input::default(),
                    error: None,
                }));
                return;
            }
        }
        self.refresh();
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

/// A date as a clerk types it: 2003-10-31, or as papers print them (31.10.03, Oct '03),
/// read by the same parser as the timescales.
pub fn read_date(text: &str, today: Date) -> Result<Date, String> {
    if let Ok(d) = text.parse::<Date>() {
        return Ok(d);
    }
    let d = parse_timescale(text, Some(today));
    match (d.kind, d.due) {
        (DeadlineKind::Day | DeadlineKind::Month | DeadlineKind::Range, Some(due)) => Ok(due),
        _ => Err(format!(
            "`{}` is not a date; type one like 2003-10-31, 31.10.03 or Oct 2003",
            crate::text::sanitize(text, false)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::read_date;
    use jiff::civil::date;

    #[test]
    fn dates_read_as_typed_or_as_printed() {
        let today = date(2003, 10, 15);
        assert_eq!(read_date("2003-10-31", today), Ok(date(2003, 10, 31)));
        assert_eq!(read_date("31.10.03", today), Ok(date(2003, 10, 31)));
        assert_eq!(read_date("Oct '03", today), Ok(date(2003, 10, 31)));
        assert!(read_date("soon", today).is_err());
    }
}
