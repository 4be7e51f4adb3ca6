//! Changing things: marking ready, setting a status, adding a note, revising a deadline,
//! recording a response, undoing. Each change is saved at once through the workspace's
//! locked save, then the tracking file is read again. Also reloading when the files
//! change on disk: only the tracking file when nothing else changed.

use super::{App, Undo, search_index};
use crate::model::{Item, Readiness, ReadyFor, Status};
use crate::text::sanitize;
use crate::tui::action::View;
use crate::workspace::{self, Edit, ItemEdit, Workspace, watch};
use jiff::Timestamp;

impl App {
    pub(super) fn nothing_selected(&mut self) {
        let hint = match self.view {
            View::Browse => {
                "select an action or a recommendation first (tab moves to the next pane)"
            }
            View::Triage => "select an item in Browse, Actions or Agenda first",
            View::Actions | View::Agenda => "nothing is selected",
        };
        self.info(hint);
    }

    /// The mark key: ready for the next select committee, or, if marked, unmarked. An
    /// item already presented is carried over, and its history says so (as `mark`).
    pub(super) fn toggle_mark(&mut self) {
        let Some(i) = self.selected_item() else {
            return self.nothing_selected();
        };
        let item = &self.ws.items[i];
        let readiness = item.readiness(&self.ws.committees, self.today);
        let edit = match (readiness, item.tracking.ready_for) {
            (Readiness::Upcoming(_), _) => Edit::Unmark,
            // Marked "next" before a meeting that has now passed: "next" again would
            // change nothing, so name the meeting that is next now.
            (_, Some(ReadyFor::Next)) => match self.next_meeting() {
                Some(m) => Edit::Mark(ReadyFor::Meeting(m.date)),
                None => {
                    return self
                        .info("already presented, and no next select committee is scheduled yet");
                }
            },
            _ => Edit::Mark(ReadyFor::Next),
        };
        let note = match readiness {
            Readiness::Presented(d) => format!("carried over from the meeting on {d}"),
            _ => String::new(),
        };
        self.change(item.id.clone(), edit, note);
    }

    /// Saves one edit (recording the edit that undoes it), reloads, and says what happened.
    pub(super) fn change(&mut self, item: String, edit: Edit, note: String) {
        // The deadline in force before a revision, for the message (as `revise` says it).
        let was = self
            .ws
            .find(&item)
            .ok()
            .and_then(|i| self.ws.items[i].due());
        let was = was.map_or("no date".to_string(), |d| d.to_string());
        if self.save(&item, &edit, &note) {
            let what = describe(&item, &edit, &note, &was);
            let undo = self.key_label(crate::tui::action::Action::Undo);
            self.info(format!("{what}; {undo} undoes"));
        }
    }

    /// Saves, and on success pushes the undo entry. Returns whether anything changed.
    fn save(&mut self, item: &str, edit: &Edit, note: &str) -> bool {
        let edits = [ItemEdit {
            item: item.to_string(),
            edit: edit.clone(),
            note: note.to_string(),
        }];
        // A response's reason is replaced by the next one: undo puts it back in words.
        let reason = self
            .recommendation(item)
            .map(|r| r.response.reason.clone())
            .unwrap_or_default();
        let applied = match workspace::save(&self.ws.dir, &edits, &self.who, Timestamp::now()) {
            Ok(applied) => applied,
            Err(e) => {
                self.error(format!("not saved: {}", sanitize(&e.to_string(), false)));
                return false;
            }
        };
        self.reload(false);
        let Some(done) = applied.into_iter().next().filter(|a| a.changed) else {
            self.info(format!("{}: nothing to change", sanitize(item, false)));
            return false;
        };
        let inverse = match edit {
            Edit::Mark(_) | Edit::Unmark => match done.before_ready {
                Some(r) => Edit::Mark(r),
                None => Edit::Unmark,
            },
            Edit::SetStatus(_) => Edit::SetStatus(done.before_status),
            Edit::Note => Edit::Note,
            Edit::Revise(_) | Edit::RestoreDeadline => match done.before_deadline {
                Some(d) => Edit::Revise(d),
                None => Edit::RestoreDeadline,
            },
            Edit::Respond(_) => Edit::Respond(done.before_response),
            Edit::ResponseDue(_) | Edit::ClearResponseDue => match done.before_due {
                Some(d) => Edit::ResponseDue(d),
                None => Edit::ClearResponseDue,
            },
        };
        let inverse_note = match edit {
            Edit::Note => format!("withdrawn: {note}"),
            Edit::Respond(_) if !reason.is_empty() => format!("undo (the reason was: {reason})"),
            _ => "undo".to_string(),
        };
        self.undo.push(Undo {
            item: item.to_string(),
            edit: inverse,
            note: inverse_note,
            what: describe(item, edit, note, ""),
        });
        true
    }

    pub(super) fn undo_last(&mut self) {
        let Some(last) = self.undo.pop() else {
            return self.info("nothing to undo");
        };
        let edits = [ItemEdit {
            item: last.item.clone(),
            edit: last.edit.clone(),
            note: last.note.clone(),
        }];
        match workspace::save(&self.ws.dir, &edits, &self.who, Timestamp::now()) {
            Ok(_) => {
                self.reload(false);
                self.info(format!("undone: {}", last.what));
            }
            Err(e) => {
                self.error(format!(
                    "undo not saved: {}",
                    sanitize(&e.to_string(), false)
                ));
                self.undo.push(last);
            }
        }
    }

    /// The watcher saw a change: reload unless the files are as last loaded (our own save).
    pub(super) fn disk_changed(&mut self) {
        if watch::stamp(&self.ws.dir) != self.stamp {
            self.reload(true);
        }
    }

    /// Loads the workspace again, keeping the place (selections are by id) and the
    /// filters. A load that lost reports to errors is not shown: the last good data stays.
    pub(super) fn reload(&mut self, external: bool) {
        self.reloads += 1;
        let stamp = watch::stamp(&self.ws.dir);
        if stamp.same_but(&self.stamp, &self.ws.dir.join(workspace::tracking::FILE)) {
            return self.reload_tracking(stamp, external);
        }
        let ws = match Workspace::load(&self.ws.dir) {
            Ok(ws) => ws,
            Err(e) => {
                self.stamp = stamp;
                return self.error(format!(
                    "cannot reload: {}; showing what was loaded before",
                    sanitize(&e.to_string(), false)
                ));
            }
        };
        self.stamp = stamp;
        if let Some(msg) = errors_message(&ws)
            && ws.reports.len() < self.ws.reports.len()
        {
            return self.error(format!("{msg}; still showing the data loaded before"));
        }
        self.index = search_index(&ws);
        self.ws = ws;
        self.show_reloaded(external);
    }

    /// Shows what was read again, and says so when the change came from disk.
    fn show_reloaded(&mut self, external: bool) {
        self.refresh();
        if external {
            match errors_message(&self.ws) {
                Some(msg) => self.error(msg),
                None => self.info("reloaded (changed on disk)"),
            }
        }
    }

    /// Reads only the tracking file again, when nothing else has changed: after every
    /// save, and when another clerk saves. The search index is built again only when
    /// the notes it searches have changed.
    fn reload_tracking(&mut self, stamp: watch::Stamp, external: bool) {
        self.stamp = stamp;
        let notes = searched_notes(&self.ws.items);
        if let Err(e) = self.ws.reload_tracking() {
            return self.error(format!(
                "{}; still showing the data loaded before",
                sanitize(&e.to_string(), false)
            ));
        }
        if searched_notes(&self.ws.items) != notes {
            self.index = search_index(&self.ws);
        }
        self.show_reloaded(external);
    }

    pub(super) fn report_load_errors(&mut self) {
        if let Some(msg) = errors_message(&self.ws) {
            self.error(format!("{msg} (scrutineer check lists them all)"));
        }
    }
}

/// "2 errors in the workspace files: the first", or None when there are none.
fn errors_message(ws: &Workspace) -> Option<String> {
    let errors: Vec<_> = ws.errors().collect();
    let first = errors.first()?;
    let s = if errors.len() == 1 { "" } else { "s" };
    Some(format!(
        "{} error{s} in the workspace files: {}",
        errors.len(),
        sanitize(&first.to_string(), false)
    ))
}

/// What an edit did, in the words the command line uses; `was` is the deadline a
/// revision replaced.
fn describe(item: &str, edit: &Edit, note: &str, was: &str) -> String {
    let item = sanitize(item, false);
    let note = sanitize(note, false);
    let why = if note.is_empty() {
        String::new()
    } else {
        format!(" ({note})")
    };
    match edit {
        Edit::Mark(ReadyFor::Next) => format!("{item} marked ready for the next select committee"),
        Edit::Mark(ReadyFor::Meeting(d)) => format!("{item} marked ready for the meeting on {d}"),
        Edit::Unmark => format!("{item} no longer marked ready"),
        Edit::SetStatus(Status::SignedOff) if !note.is_empty() => format!("{item}: {note}"),
        Edit::SetStatus(s) => format!("{item} status set to {}", s.label()),
        Edit::Note => format!("note added to {item}: {note}"),
        Edit::Revise(d) if was.is_empty() => format!("{item}: deadline revised to {d}{why}"),
        Edit::Revise(d) => format!("{item}: deadline revised from {was} to {d}{why}"),
        Edit::RestoreDeadline => format!("{item}: revised deadline withdrawn"),
        Edit::Respond(kind) => format!("{item}: {}{why}", kind.label()),
        Edit::ResponseDue(d) => format!("{item}: response due {d}"),
        Edit::ClearResponseDue => format!("{item}: response due date withdrawn"),
    }
}

/// A fingerprint of the notes the search index holds for each item (see
/// `query::search`), to tell whether they have changed.
fn searched_notes(items: &[Item]) -> Vec<u64> {
    use std::hash::{Hash, Hasher};
    items
        .iter()
        .map(|item| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            for c in item.tracking.history.iter().filter(|c| c.is_searched()) {
                c.note.hash(&mut hasher);
            }
            hasher.finish()
        })
        .collect()
}
