//! The Actions table and the Agenda: what each lists, and moving through every view's
//! list. Agendas come from `agenda::build`, so the view says what `scrutineer agenda` says.

use super::browse::step;
use super::{App, Menu, MenuPurpose, Popup, TriageLine};
use crate::agenda::{self, Agenda, AgendaReport, MeetingChoice};
use crate::model::{Committee, Readiness};
use crate::tui::action::View;
use jiff::civil::Date;
use std::borrow::Cow;

/// One meeting's agenda, keeping only items that pass the filter.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaSection {
    pub agenda: Agenda,
    /// The next select committee (shown even when nothing is ready for it).
    pub is_next: bool,
}

/// A line of the Agenda view.
#[derive(Debug, Clone, PartialEq)]
pub enum AgendaLine {
    /// The heading of a section.
    Meeting(usize),
    /// Why the section's meeting date is inferred (under its heading, when it is).
    DateInferred(usize),
    /// "Nothing is marked ready" under an empty section.
    Nothing,
    /// The heading of the progress reports.
    Progress,
    /// The heading of the completed items proposed for sign-off.
    SignOff,
    Report(usize),
    /// A recommendation: its label and heading as printed.
    Recommendation(String, String),
    Item(usize),
}

/// What the Agenda view lists, worked out when the workspace, the filters or today
/// change (in `refresh`) while the Agenda or Triage shows, not for each frame: building
/// every meeting's agenda is the slow part at council scale.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AgendaLists {
    pub sections: Vec<AgendaSection>,
    pub lines: Vec<AgendaLine>,
    /// The items, in order.
    pub items: Vec<usize>,
    /// Wide enough for every deadline shown, "(revised)" ones too, so the columns align.
    pub due_width: usize,
}

impl App {
    /// The Agenda view's lists: kept ones when the view keeps them, else worked out now.
    pub fn agenda_lists(&self) -> Cow<'_, AgendaLists> {
        match &self.agenda_lists {
            Some(lists) => Cow::Borrowed(lists),
            None => Cow::Owned(self.build_agenda_lists()),
        }
    }

    /// Works the Agenda's lists out again (called whenever what they show may change),
    /// keeping them only while a view that reads them shows.
    pub(super) fn refresh_agenda(&mut self) {
        self.agenda_lists = None;
        if matches!(self.view, View::Agenda | View::Triage) {
            self.agenda_lists = Some(self.build_agenda_lists());
        }
    }

    fn build_agenda_lists(&self) -> AgendaLists {
        let sections = self.build_agenda_sections();
        let lines = self.agenda_lines(&sections);
        let items: Vec<usize> = sections.iter().flat_map(|s| s.agenda.items()).collect();
        let due_width = items
            .iter()
            .map(|i| self.item(*i).due_label().chars().count())
            .max()
            .unwrap_or(0)
            .max(10);
        AgendaLists {
            sections,
            lines,
            items,
            due_width,
        }
    }

    pub fn agenda_sections(&self) -> Cow<'_, [AgendaSection]> {
        match self.agenda_lists() {
            Cow::Borrowed(lists) => Cow::Borrowed(&lists.sections),
            Cow::Owned(lists) => Cow::Owned(lists.sections),
        }
    }

    /// The meetings with items, each with its agenda: the next select committee (shown
    /// even when nothing is ready for it), the other meetings to come, the items
    /// waiting for a meeting their committee has not scheduled, then the meetings that
    /// have passed, latest first, with what was presented at them.
    fn build_agenda_sections(&self) -> Vec<AgendaSection> {
        let ws = &self.ws;
        // The committee chosen (`C`), whose meetings alone are shown; else each select
        // committee's next meeting, separately (as `scrutineer agenda` shows them): a
        // council's items go to its own committee only.
        let chosen = self.chosen_committee();
        let targets = agenda::targets(
            &ws.committees,
            chosen.map(|c| c.id.as_str()),
            MeetingChoice::Next,
            self.today,
        )
        .unwrap_or_default();
        let nexts: Vec<Date> = targets
            .iter()
            .filter_map(|t| t.committee.and_then(|c| c.next_meeting(self.today)))
            .collect();
        let mut sections: Vec<(Option<&Committee>, MeetingChoice, bool)> = targets
            .iter()
            .map(|t| (t.committee, t.choice, true))
            .collect();
        for date in agenda::meetings_with_items(&ws.items, &ws.committees, self.today) {
            match date {
                Some(d) if !nexts.contains(&d) => {
                    sections.push((chosen, MeetingChoice::On(d), false))
                }
                None if !nexts.is_empty() => {
                    sections.push((chosen, MeetingChoice::Unscheduled, false))
                }
                _ => {}
            }
        }
        sections.extend(
            self.past_meetings()
                .into_iter()
                .map(|d| (chosen, MeetingChoice::On(d), false)),
        );
        sections
            .into_iter()
            .map(|(committee, choice, is_next)| {
                let mut a = agenda::build_for(
                    &ws.reports,
                    &ws.items,
                    &ws.committees,
                    committee,
                    choice,
                    self.today,
                );
                self.keep_matching(&mut a.reports);
                self.keep_matching(&mut a.sign_off);
                AgendaSection { agenda: a, is_next }
            })
            .filter(|s| s.is_next || !s.agenda.is_empty())
            .collect()
    }

    /// The select committee the Agenda shows alone, if one is chosen (and still in the
    /// calendar).
    pub fn chosen_committee(&self) -> Option<&Committee> {
        let id = self.agenda_committee.as_deref()?;
        self.ws.committees.iter().find(|c| c.select && c.id == id)
    }

    /// The committee key in the Agenda: a menu of "all" and each select committee.
    pub(super) fn open_committee_menu(&mut self) {
        let mut ids = vec![None];
        let mut options = vec!["all committees (each one's next meeting)".to_string()];
        for c in self.ws.committees.iter().filter(|c| c.select) {
            ids.push(Some(c.id.clone()));
            options.push(match c.authority.trim() {
                "" => c.name.clone(),
                council => format!("{} ({council})", c.name),
            });
        }
        let current = self.chosen_committee().map(|c| c.id.clone());
        let selected = ids.iter().position(|id| *id == current).unwrap_or(0);
        self.popup = Some(Popup::Menu(Menu {
            purpose: MenuPurpose::Committee(ids),
            title: "Committee".to_string(),
            options,
            selected,
            ticked: None,
        }));
    }

    /// Shows only this committee's meetings in the Agenda (None: every committee's).
    pub(super) fn choose_committee(&mut self, id: Option<String>) {
        self.agenda_committee = id;
        self.refresh_agenda();
        let said = match self.chosen_committee() {
            Some(c) => format!("Agenda: {} only", c.name),
            None => "Agenda: every select committee, each one's next meeting".to_string(),
        };
        self.info(crate::text::sanitize(&said, false));
    }

    /// The meetings that have passed with items presented at them, latest first.
    fn past_meetings(&self) -> Vec<Date> {
        let mut dates: Vec<Date> = self
            .ws
            .items
            .iter()
            .filter_map(|i| match i.readiness(&self.ws.committees, self.today) {
                Readiness::Presented(d) => Some(d),
                _ => None,
            })
            .collect();
        dates.sort_unstable_by(|a, b| b.cmp(a));
        dates.dedup();
        dates
    }

    /// Drops the items the filters leave out, and the groups left empty.
    fn keep_matching(&self, groups: &mut Vec<AgendaReport>) {
        for group in groups.iter_mut() {
            for rec in &mut group.recommendations {
                rec.items
                    .retain(|i| self.passes.get(*i).copied().unwrap_or(false));
            }
            group.recommendations.retain(|r| !r.items.is_empty());
        }
        groups.retain(|g| !g.recommendations.is_empty());
    }

    pub fn agenda_lines(&self, sections: &[AgendaSection]) -> Vec<AgendaLine> {
        let mut lines = Vec::new();
        for (s, section) in sections.iter().enumerate() {
            lines.push(AgendaLine::Meeting(s));
            if section.agenda.date_inferred.is_some() {
                lines.push(AgendaLine::DateInferred(s));
            }
            if section.agenda.is_empty() {
                lines.push(AgendaLine::Nothing);
            }
            let parts = [
                (AgendaLine::Progress, &section.agenda.reports),
                (AgendaLine::SignOff, &section.agenda.sign_off),
            ];
            for (heading, groups) in parts {
                if groups.is_empty() {
                    continue;
                }
                lines.push(heading);
                for group in groups {
                    lines.push(AgendaLine::Report(group.report));
                    for rec in &group.recommendations {
                        lines.push(AgendaLine::Recommendation(
                            rec.label.clone(),
                            rec.heading.clone(),
                        ));
                        lines.extend(rec.items.iter().map(|i| AgendaLine::Item(*i)));
                    }
                }
            }
        }
        lines
    }

    /// The items of the Agenda view, in order, and the selected one's place.
    pub fn agenda_items(&self) -> (Vec<usize>, usize) {
        let items = match self.agenda_lists() {
            Cow::Borrowed(lists) => lists.items.clone(),
            Cow::Owned(lists) => lists.items,
        };
        let at = self.place(&items, self.agenda.id.as_deref());
        (items, at)
    }

    /// The Actions table's items and the selected one's place.
    pub fn table_items(&self) -> (Vec<usize>, usize) {
        let items: Vec<usize> = self.table.iter().map(|h| h.item).collect();
        let at = self.place(&items, self.actions.id.as_deref());
        (items, at)
    }

    fn place(&self, items: &[usize], id: Option<&str>) -> usize {
        id.and_then(|id| items.iter().position(|i| self.ws.items[*i].id == id))
            .unwrap_or(0)
    }

    /// The item the current view has selected, if any.
    pub fn selected_item(&self) -> Option<usize> {
        if let Some(Popup::Detail { item, .. }) = &self.popup {
            return self.ws.find(item).ok();
        }
        match self.view {
            View::Browse => self.browse_item(),
            View::Actions => {
                let (items, at) = self.table_items();
                items.get(at).copied()
            }
            View::Agenda => {
                let (items, at) = self.agenda_items();
                items.get(at).copied()
            }
            View::Triage => None,
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) {
        match self.view {
            View::Browse => self.browse_move(delta),
            View::Actions => {
                let (items, at) = self.table_items();
                let at = step(items.len(), at, delta);
                self.actions.id = items.get(at).map(|i| self.ws.items[*i].id.clone());
            }
            View::Agenda => {
                let (items, at) = self.agenda_items();
                let at = step(items.len(), at, delta);
                self.agenda.id = items.get(at).map(|i| self.ws.items[*i].id.clone());
            }
            View::Triage => {
                self.triage.row = step(self.triage_rows.len(), self.triage.row, delta);
            }
        }
    }

    pub(super) fn triage_column(&mut self, delta: isize) {
        let cells = self
            .triage_rows
            .get(self.triage.row)
            .map_or(1, |r| r.cells.len());
        let at = self.triage.column.min(cells.saturating_sub(1));
        self.triage.column = step(cells, at, delta);
    }

    /// Enter in a view.
    pub(super) fn open(&mut self) {
        match self.view {
            View::Browse => self.browse_open(),
            View::Actions | View::Agenda => match self.selected_item() {
                Some(i) => {
                    self.popup = Some(Popup::Detail {
                        item: self.ws.items[i].id.clone(),
                        scroll: Default::default(),
                    })
                }
                None => self.info("nothing is selected"),
            },
            View::Triage => self.open_triage(),
        }
    }

    pub(super) fn back(&mut self) {
        if self.view == View::Browse {
            self.browse_back();
        }
    }

    fn open_triage(&mut self) {
        let Some(row) = self.triage_rows.get(self.triage.row) else {
            return;
        };
        match row.line {
            TriageLine::Awaiting { .. } => return self.show_responses(false),
            TriageLine::ResponseOverdue { .. } => return self.show_responses(true),
            _ => {}
        }
        let column = self.triage.column.min(row.cells.len().saturating_sub(1));
        let Some(cell) = row.cells.get(column).cloned() else {
            return;
        };
        self.filter = cell.filter;
        self.view = View::Actions;
        self.actions.id = None;
        self.refresh();
        self.info(format!("{} item(s); c clears the filters", self.hits.len()));
    }
}
