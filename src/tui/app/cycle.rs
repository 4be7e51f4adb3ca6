//! The committee cycle in the workbench: the executive's response to a recommendation
//! and when it is due, revised deadlines, signing off completed items, and longer notes
//! written in the clerk's editor. The same edits, rules and wording as `scrutineer
//! respond`, `revise`, `signoff` and `note`.

use super::browse::Pane;
use super::{App, Menu, MenuPurpose, Popup, TextEntry, TextPurpose, read_date};
use crate::model::{Readiness, Recommendation, ResponseKind, Status};
use crate::text::sanitize;
use crate::tui::action::View;
use crate::workspace::Edit;
use tui_input::Input;

/// A recommendation by its place: (report, recommendation) indices.
pub type RecAt = (usize, usize);

/// A note waiting to be written in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorNote {
    pub item: String,
    /// The command to run, given the file as its last argument.
    pub command: String,
    /// What the file starts with; unchanged, it saves nothing.
    pub template: String,
}

/// How the editor went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorOutcome {
    /// It exited cleanly; the file then held this.
    Written(String),
    /// It could not be started (not found, not executable): the note is typed inline.
    CannotStart(String),
    /// It ran but failed, or the file could not be read back.
    Failed(String),
}

impl EditorNote {
    fn new(item: String, command: String) -> EditorNote {
        let template = format!(
            "\n# Progress note on {item}: write it above. Lines starting with # are left out.\n\
             # An empty note (or this text left as it is) saves nothing.\n"
        );
        EditorNote {
            item,
            command,
            template,
        }
    }

    /// The note in what the editor left: without the template's own lines.
    pub fn body(&self, written: &str) -> String {
        let ours: Vec<&str> = self.template.lines().filter(|l| !l.is_empty()).collect();
        let kept: Vec<&str> = written.lines().filter(|l| !ours.contains(l)).collect();
        kept.join("\n").trim().to_string()
    }
}

/// $VISUAL, else $EDITOR, when set to something.
pub fn editor_from_env() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

/// `REPORT/REC`, the key a response is saved under.
fn rec_key(app: &App, (r, k): RecAt) -> String {
    let report = &app.ws.reports[r];
    format!("{}/{}", report.id, report.recommendations[k].id)
}

impl App {
    /// The recommendation keyed `REPORT/REC`, if the workspace has it.
    pub fn recommendation(&self, key: &str) -> Option<&Recommendation> {
        let (report, rec) = key.split_once('/')?;
        let r = self.ws.report(report)?;
        self.ws.reports[r]
            .recommendations
            .iter()
            .find(|x| x.id == rec)
    }

    /// The recommendations a response key applies to: the one selected in Browse's
    /// recommendations list, else those the selected item answers. None when nothing
    /// is selected.
    pub fn selected_recommendations(&self) -> Option<Vec<RecAt>> {
        if self.popup.is_none()
            && self.view == View::Browse
            && self.browse.shown == Pane::Recommendations
        {
            let rows = self.browse_rows();
            if let (Some(r), Some(Some(k))) = (rows.report(), rows.rec()) {
                return Some(vec![(r, k)]);
            }
        }
        let item = &self.ws.items[self.selected_item()?];
        let report = &self.ws.reports[item.report];
        Some(
            item.recommendation_ids
                .iter()
                .filter_map(|id| report.recommendations.iter().position(|x| &x.id == id))
                .map(|k| (item.report, k))
                .collect(),
        )
    }

    /// The respond key: straight to the responses for one recommendation; for an
    /// action answering several, first which.
    pub(super) fn open_respond(&mut self) {
        let Some(recs) = self.selected_recommendations() else {
            return self.nothing_selected();
        };
        match recs.as_slice() {
            [] => self
                .info("this item answers no recommendation its report has (see scrutineer check)"),
            [one] => self.open_response_menu(*one),
            many => {
                let options = many
                    .iter()
                    .map(|(r, k)| {
                        let rec = &self.ws.reports[*r].recommendations[*k];
                        format!("{}  {}", rec.label(), rec.response.kind.label())
                    })
                    .collect();
                self.popup = Some(Popup::Menu(Menu {
                    purpose: MenuPurpose::Recommendation(many.to_vec()),
                    title: "Response to which recommendation?".to_string(),
                    options,
                    selected: 0,
                    ticked: None,
                }));
            }
        }
    }

    pub(super) fn open_response_menu(&mut self, at: RecAt) {
        let key = rec_key(self, at);
        let rec = &self.ws.reports[at.0].recommendations[at.1];
        let mut options: Vec<String> = ResponseKind::ALL
            .iter()
            .map(|r| match r {
                ResponseKind::Rejected => "rejected (with the reason)".to_string(),
                other => other.label().to_string(),
            })
            .collect();
        options.push(match rec.response.due {
            Some(d) => format!("the date the response is due… (now {d})"),
            None => "the date the response is due…".to_string(),
        });
        let current = rec.response.kind;
        self.popup = Some(Popup::Menu(Menu {
            title: format!("Response to recommendation {} ({key})", rec.label()),
            purpose: MenuPurpose::Respond(key),
            options,
            selected: ResponseKind::ALL
                .iter()
                .position(|r| *r == current)
                .unwrap_or(0),
            ticked: None,
        }));
    }

    /// A choice from the responses menu: a response (then its reason), or the date due.
    pub(super) fn choose_response(&mut self, key: String, at: usize) {
        let (purpose, title) = match ResponseKind::ALL.get(at) {
            // Awaiting takes back a response: there is nothing to give a reason for.
            Some(ResponseKind::Awaiting) => {
                return self.change(key, Edit::Respond(ResponseKind::Awaiting), String::new());
            }
            Some(ResponseKind::Rejected) => (
                TextPurpose::ResponseReason(key.clone(), ResponseKind::Rejected),
                format!("{key} rejected: why (required)"),
            ),
            Some(kind) => (
                TextPurpose::ResponseReason(key.clone(), *kind),
                format!("{key} {}: why (optional)", kind.label()),
            ),
            None => (
                TextPurpose::ResponseDue(key.clone()),
                format!("The response to {key} is due on"),
            ),
        };
        self.popup = Some(Popup::Text(TextEntry {
            purpose,
            title,
            input: Input::default(),
            error: None,
        }));
    }

    /// The revise key: a date, then (in a second step) the reason.
    pub(super) fn open_revise(&mut self) {
        let Some(i) = self.selected_item() else {
            return self.nothing_selected();
        };
        let item = &self.ws.items[i];
        self.popup = Some(Popup::Text(TextEntry {
            title: format!("New deadline for {} (now {})", item.id, item.due_label()),
            purpose: TextPurpose::ReviseDate(item.id.clone()),
            input: Input::default(),
            error: None,
        }));
    }

    /// Enter in one of the cycle's text entries. An error keeps the entry open.
    pub(super) fn confirm_cycle_text(
        &mut self,
        purpose: TextPurpose,
        text: &str,
    ) -> Result<(), String> {
        match purpose {
            TextPurpose::ReviseDate(item) => {
                let date = read_date(text, self.today)?;
                self.popup = Some(Popup::Text(TextEntry {
                    title: format!("Why the deadline moves to {date} (required)"),
                    purpose: TextPurpose::ReviseReason(item, date),
                    input: Input::default(),
                    error: None,
                }));
            }
            TextPurpose::ReviseReason(item, date) => {
                if text.is_empty() {
                    return Err("a revised deadline needs a reason".to_string());
                }
                self.popup = None;
                self.change(item, Edit::Revise(date), text.to_string());
            }
            TextPurpose::ResponseReason(key, kind) => {
                if kind == ResponseKind::Rejected && text.is_empty() {
                    return Err("a rejection needs a reason".to_string());
                }
                self.popup = None;
                self.change(key, Edit::Respond(kind), text.to_string());
            }
            TextPurpose::ResponseDue(key) => {
                let date = read_date(text, self.today)?;
                self.popup = None;
                self.change(key, Edit::ResponseDue(date), String::new());
            }
            TextPurpose::Note(_)
            | TextPurpose::StatusNote(..)
            | TextPurpose::DueBefore
            | TextPurpose::DueAfter => {}
        }
        Ok(())
    }

    /// "signed off" from the status menu: only for completed items, as `scrutineer
    /// signoff` rules, with the same note.
    pub(super) fn sign_off(&mut self, id: String) {
        self.sign_off_noted(id, "");
    }

    /// The same, with the clerk's note after the meeting's ("signed off at the meeting
    /// on 2003-10-29; minute 12").
    pub(super) fn sign_off_noted(&mut self, id: String, extra: &str) {
        let Ok(i) = self.ws.find(&id) else {
            return self.info(format!(
                "{} is no longer in the workspace",
                sanitize(&id, false)
            ));
        };
        let item = &self.ws.items[i];
        if !item.tracking.status.is_done() {
            return self.error(format!(
                "{} is {}, not complete: only completed items can be signed off (set `scrutineer status {} complete` first)",
                item.id, item.tracking.status, item.id
            ));
        }
        // The meeting that signs it off: the one it was presented at, or is on the
        // agenda of today, since that is where a sign-off happens; otherwise today (the
        // clerk records a sign-off made now). A meeting still to come is never named:
        // the item has not been signed off there yet.
        let meeting = match item.readiness(&self.ws.committees, self.today) {
            Readiness::Presented(d) => d,
            Readiness::Upcoming(Some(d)) if d <= self.today => d,
            _ => self.today,
        };
        let mut note = format!("signed off at the meeting on {meeting}");
        if !extra.trim().is_empty() {
            note.push_str(&format!("; {}", extra.trim()));
        }
        self.change(id, Edit::SetStatus(Status::SignedOff), note);
    }

    /// The long-note key: the editor when there is one, else the inline note.
    pub(super) fn open_editor_note(&mut self) {
        let Some(i) = self.selected_item() else {
            return self.nothing_selected();
        };
        let item = self.ws.items[i].id.clone();
        match self.editor_command.clone() {
            Some(command) => self.pending_editor = Some(EditorNote::new(item, command)),
            None => {
                self.open_note();
                self.info("neither $VISUAL nor $EDITOR is set: type the note here");
            }
        }
    }

    /// The note waiting for the editor, taken by the event loop to run it.
    pub fn take_editor(&mut self) -> Option<EditorNote> {
        self.pending_editor.take()
    }

    /// What the editor left: saved as a note, or nothing when it was left empty or
    /// unchanged; when the editor could not start, the inline note instead.
    pub fn editor_done(&mut self, note: EditorNote, outcome: EditorOutcome) {
        match outcome {
            EditorOutcome::Written(text) if text == note.template => {
                self.info("note unchanged: nothing saved")
            }
            EditorOutcome::Written(text) => {
                let body = note.body(&text);
                if body.is_empty() {
                    return self.info("empty note: nothing saved");
                }
                self.change(note.item, Edit::Note, body);
            }
            EditorOutcome::CannotStart(why) => {
                self.open_note_on(note.item);
                self.error(format!(
                    "cannot start the editor ({}): type the note here",
                    sanitize(&why, false)
                ));
            }
            EditorOutcome::Failed(why) => {
                self.error(format!("{}: the note was not saved", sanitize(&why, false)))
            }
        }
    }
}
