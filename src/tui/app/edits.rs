//! Changing things: marking ready, setting a status, adding a note, revising a deadline,
//! recording a response, undoing. Each change is saved at once through the workspace's
//! locked save, on a worker (`saving`) so that a lock held by another clerk never
//! stops the screen, in the order the changes were made; then the tracking file is
//! read again. Also reloading when the files change on disk: only the tracking file
//! when nothing else changed.

use super::saving::{self, Cancel, GRACE, InFlight, Purpose, Queued};
use super::{App, Undo};
use crate::model::{Readiness, ReadyFor, Status};
use crate::text::sanitize;
use crate::tui::action::View;
use crate::tui::shared::errors_message;
use crate::workspace::{self, Applied, Edit, Expected, ItemEdit, SaveError};

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
    /// Which of these it is is decided when the save starts, so that a second press
    /// made while the first waits for the lock undoes it rather than repeating it.
    pub(super) fn toggle_mark(&mut self) {
        let Some(i) = self.selected_item() else {
            return self.nothing_selected();
        };
        let id = self.ws.items[i].id.clone();
        self.queue_save(Queued::Toggle(id));
    }

    /// The edit the mark key makes on `id` now, with its note; None (and a message)
    /// when there is nothing it can do.
    fn mark_edit(&mut self, id: &str) -> Option<(Edit, String)> {
        let Ok(i) = self.ws.find(id) else {
            self.info(format!(
                "{} is no longer in the workspace",
                sanitize(id, false)
            ));
            return None;
        };
        let item = &self.ws.items[i];
        let readiness = item.readiness(&self.ws.committees, self.today);
        let edit = match (readiness, item.tracking.ready_for) {
            (Readiness::Upcoming(_), _) => Edit::Unmark,
            // Marked "next" before a meeting that has now passed: "next" again would
            // change nothing, so name the meeting that is next now.
            // The item's own committees' next meeting, never another council's.
            (_, Some(ReadyFor::Next)) => {
                match crate::model::next_meeting_among(
                    &self.ws.committees,
                    &item.committees,
                    self.today,
                ) {
                    Some(m) => Edit::Mark(ReadyFor::Meeting(m.date)),
                    None => {
                        self.info(
                            "already presented, and no next meeting of its committee is scheduled yet",
                        );
                        return None;
                    }
                }
            }
            _ => Edit::Mark(ReadyFor::Next),
        };
        let note = match readiness {
            Readiness::Presented(d) => format!("carried over from the meeting on {d}"),
            _ => String::new(),
        };
        Some((edit, note))
    }

    /// Saves one edit (recording the edit that undoes it), reloads, and says what
    /// happened: at once when nothing else is being saved, else after the changes
    /// made before it.
    pub(super) fn change(&mut self, item: String, edit: Edit, note: String) {
        self.queue_save(Queued::Change { item, edit, note });
    }

    pub(super) fn undo_last(&mut self) {
        self.queue_save(Queued::Undo);
    }

    /// A change joins the queue (the status line counts the changes waiting).
    fn queue_save(&mut self, change: Queued) {
        self.saving.queue.push_back(change);
        self.pump_saves(GRACE);
    }

    /// Finishes the save under way if it is done (waiting up to `grace` for it), then
    /// starts the next, in order, until one is still under way or none is left.
    /// Returns whether anything changed that the screen shows.
    fn pump_saves(&mut self, grace: std::time::Duration) -> bool {
        let mut changed = false;
        loop {
            if let Some(flight) = &self.saving.current {
                flight.job.settle(grace);
                let Some(result) = saving::result(&flight.job) else {
                    return changed;
                };
                if let Some(flight) = self.saving.current.take() {
                    self.finish_save(flight.purpose, result);
                }
                changed = true;
                continue;
            }
            let Some(next) = self.saving.queue.pop_front() else {
                return changed;
            };
            changed = true;
            self.start_save(next);
        }
    }

    /// Turns a queued change into the edit to save, against the state as it is now,
    /// and hands it to a worker.
    fn start_save(&mut self, next: Queued) {
        let (edit, purpose) = match next {
            Queued::Change { item, edit, note } => self.purpose(item, edit, note),
            Queued::Toggle(id) => match self.mark_edit(&id) {
                Some((edit, note)) => self.purpose(id, edit, note),
                None => return,
            },
            Queued::Undo => {
                let Some(last) = self.undo.pop() else {
                    return self.info("nothing to undo");
                };
                let edit = ItemEdit {
                    item: last.item.clone(),
                    edit: last.edit.clone(),
                    note: last.note.clone(),
                };
                (edit, Purpose::Undo(last))
            }
        };
        // An undo first checks, under the lock, that the item is still as this clerk
        // left it: another clerk's later change is never undone.
        let mut edits = Vec::new();
        if let Purpose::Undo(last) = &purpose
            && let Some(expect) = &last.expect
        {
            edits.push(ItemEdit {
                item: last.item.clone(),
                edit: Edit::Expect(expect.clone()),
                note: String::new(),
            });
        }
        edits.push(edit);
        let saver = saving::Saver {
            dir: self.ws.dir.clone(),
            who: self.who.clone(),
            clock: std::sync::Arc::clone(&self.clock),
        };
        let job = saving::start(saver, edits, self.saving.wake.clone());
        self.saving.current = Some(InFlight { job, purpose });
    }

    /// The edit to save, and what to do with its result.
    fn purpose(&self, item: String, edit: Edit, note: String) -> (ItemEdit, Purpose) {
        // The deadline in force before a revision, for the message (as `revise` says it).
        let was = self
            .ws
            .find(&item)
            .ok()
            .and_then(|i| self.ws.items[i].due())
            .map_or("no date".to_string(), |d| d.to_string());
        // A response's reason is replaced by the next one: undo puts it back in words.
        let reason = self
            .recommendation(&item)
            .map(|r| r.response.reason.clone())
            .unwrap_or_default();
        let saved = ItemEdit {
            item: item.clone(),
            edit: edit.clone(),
            note: note.clone(),
        };
        let purpose = Purpose::Change {
            item,
            edit,
            note,
            was,
            reason,
        };
        (saved, purpose)
    }

    /// A save's result: reload, record how to undo it, and say what happened. A save
    /// that failed stops the ones queued after it (they may depend on it, as an undo
    /// does), and the message says how many were not made.
    fn finish_save(&mut self, purpose: Purpose, result: Result<Vec<Applied>, SaveError>) {
        let applied = match result {
            Ok(applied) => applied,
            Err(e) => {
                let later = self.drop_queued();
                let e = sanitize(&e.to_string(), false);
                let what = match purpose {
                    Purpose::Change { .. } => "not saved",
                    Purpose::Undo(last) => {
                        self.undo.push(last);
                        "undo not saved"
                    }
                };
                return self.error(format!("{what}{later}: {e}"));
            }
        };
        self.reload(false);
        let (item, edit, note, was, reason) = match purpose {
            Purpose::Undo(last) => return self.info(format!("undone: {}", last.what)),
            Purpose::Change {
                item,
                edit,
                note,
                was,
                reason,
            } => (item, edit, note, was, reason),
        };
        let Some(done) = applied.into_iter().last().filter(|a| a.changed) else {
            return self.info(format!("{}: nothing to change", sanitize(&item, false)));
        };
        self.changes += 1;
        let inverse = match &edit {
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
            Edit::Expect(_) => return,
        };
        // What the item is after this change: an undo happens only while it still is.
        let expect = match &edit {
            Edit::Mark(r) => Some(Expected::Ready(Some(*r))),
            Edit::Unmark => Some(Expected::Ready(None)),
            Edit::SetStatus(st) => Some(Expected::Status(*st)),
            Edit::Revise(d) => Some(Expected::Deadline(Some(*d))),
            Edit::RestoreDeadline => Some(Expected::Deadline(None)),
            Edit::Respond(r) => Some(Expected::Response(*r)),
            Edit::ResponseDue(d) => Some(Expected::ResponseDue(Some(*d))),
            Edit::ClearResponseDue => Some(Expected::ResponseDue(None)),
            Edit::Note | Edit::Expect(_) => None,
        };
        let inverse_note = match &edit {
            Edit::Note => format!("withdrawn: {note}"),
            Edit::Respond(_) if !reason.is_empty() => format!("undo (the reason was: {reason})"),
            _ => "undo".to_string(),
        };
        self.undo.push(Undo {
            item: item.clone(),
            edit: inverse,
            expect,
            note: inverse_note,
            what: describe(&item, &edit, &note, ""),
        });
        let what = describe(&item, &edit, &note, &was);
        let undo = self.key_label(crate::tui::action::Action::Undo);
        self.info(format!("{what}; {undo} undoes"));
    }

    /// Forgets the changes queued behind the save under way; how many, in words for
    /// a message ("" when none).
    fn drop_queued(&mut self) -> String {
        let n = self.saving.queue.len();
        self.saving.queue.clear();
        match n {
            0 => String::new(),
            n => format!(", nor the {} made after it", plural(n, "change")),
        }
    }

    /// The worker woke the event loop: a save is waiting for the lock, or done.
    /// Returns whether the screen changed.
    pub fn take_saves(&mut self) -> bool {
        let waiting = self.saving.waiting();
        self.pump_saves(std::time::Duration::ZERO) || waiting != self.saving.waiting()
    }

    /// Esc while a save waits for another clerk's lock: give it up. Nothing is written,
    /// nor are the changes queued after it.
    pub(super) fn cancel_save(&mut self) {
        let Some(flight) = &self.saving.current else {
            return;
        };
        if flight.job.cancel() == Cancel::TooLate {
            // The lock came free and the change is being written: its result says
            // what happened.
            self.pump_saves(workspace::store::lock_wait());
            return;
        }
        let Some(flight) = self.saving.current.take() else {
            return;
        };
        let later = self.saving.queue.len();
        self.saving.queue.clear();
        let what = match flight.purpose {
            Purpose::Change {
                item,
                edit,
                note,
                was,
                ..
            } => describe(&item, &edit, &note, &was),
            Purpose::Undo(last) => {
                let what = format!("undo of \"{}\"", last.what);
                self.undo.push(last);
                what
            }
        };
        self.error(match later {
            0 => format!("cancelled, not saved: {what}"),
            n => format!(
                "cancelled, {} not saved: {what}, and {} after it",
                plural(n + 1, "change"),
                plural(n, "change")
            ),
        });
    }

    /// Quits once every change made is saved. While one waits for another clerk's
    /// lock the workbench stays open and says how to go on: quitting would lose it.
    pub(super) fn quit_when_saved(&mut self) {
        // Saves that are only writing (the lock is free) are waited for.
        self.pump_saves(workspace::store::lock_wait());
        let unsaved = self.saving.unsaved();
        if unsaved == 0 {
            self.quit = true;
            return;
        }
        let quit = self.key_label(crate::tui::action::Action::Quit);
        self.error(format!(
            "{} not saved yet (waiting for the workspace lock): wait for {}, or press esc to give {} up, then {quit}",
            plural(unsaved, "change"),
            if unsaved == 1 { "it" } else { "them" },
            if unsaved == 1 { "it" } else { "them" },
        ));
    }

    /// The status line while a change is being saved: what it waits for and how to
    /// give it up. None when nothing is.
    pub fn saving_line(&self) -> Option<String> {
        if !self.saving.in_flight() {
            return None;
        }
        if !self.saving.waiting() {
            return Some("saving…".to_string());
        }
        let changes = match self.saving.unsaved() {
            1 => String::new(),
            n => format!("{n} changes "),
        };
        let who = workspace::store::holder(&self.ws.dir)
            .map_or("another clerk".to_string(), |h| sanitize(&h, false));
        Some(format!(
            "{changes}waiting for the workspace lock (held by {who})... esc cancels"
        ))
    }

    /// A session whose connection is gone: every change it made is saved, in order,
    /// waiting up to `limit` in all (a save waiting for another clerk's lock is given
    /// up after that). Returns how many were not saved.
    pub fn finish_saves(&mut self, limit: std::time::Duration) -> usize {
        let until = std::time::Instant::now() + limit;
        while self.saving.current.is_some() || !self.saving.queue.is_empty() {
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            self.pump_saves(left.min(std::time::Duration::from_millis(100)));
        }
        let left = self.saving.queue.len() + usize::from(self.saving.current.is_some());
        self.abandon_saves(std::time::Duration::ZERO);
        left
    }

    /// Ending the program: give up a save still waiting for the lock, and let one that
    /// is writing finish (a save is a rename, so it is never half made either way).
    pub fn abandon_saves(&mut self, limit: std::time::Duration) {
        self.saving.queue.clear();
        if let Some(flight) = self.saving.current.take()
            && flight.job.cancel() == Cancel::TooLate
        {
            flight.job.wait_for_write(limit);
        }
    }

    /// The watcher saw a change: read the files again if they are not as last read
    /// (our own save), and show the current reading.
    pub(super) fn disk_changed(&mut self) {
        // A save of ours that has finished is taken first, so its write is not
        // mistaken for another clerk's.
        self.pump_saves(std::time::Duration::ZERO);
        self.reload(true);
    }

    /// Another session, or the server's watcher, made a new reading of the shared
    /// workspace: show it, without reading the files again.
    pub(super) fn new_reading(&mut self) {
        self.pump_saves(std::time::Duration::ZERO);
        self.adopt(true);
    }

    /// Shows the workspace as it is on disk now, keeping the place (selections are by
    /// id) and the filters. The files are read once for every session sharing them; a
    /// reading that failed or lost reports to errors is not shown: the last good one
    /// stays, and the problem is said.
    pub(super) fn reload(&mut self, external: bool) {
        self.shared.refresh();
        self.adopt(external);
    }

    /// Shows the shared reading if it is newer than the one shown, and any problem
    /// with reading the files not yet said.
    fn adopt(&mut self, external: bool) {
        let snapshot = self.shared.snapshot();
        let problem = self
            .shared
            .problem()
            .filter(|p| p.serial > self.problem_seen);
        if let Some(p) = &problem {
            self.problem_seen = p.serial;
        }
        if snapshot.generation != self.generation {
            self.reloads += 1;
            self.generation = snapshot.generation;
            self.ws = snapshot.ws;
            self.index = snapshot.index;
            self.measure_refs();
            self.refresh();
            if external && problem.is_none() {
                self.info("reloaded (changed on disk)");
            }
        }
        if let Some(p) = problem {
            self.reloads += 1;
            self.error(p.text);
        }
    }

    pub(super) fn report_load_errors(&mut self) {
        if let Some(msg) = errors_message(&self.ws) {
            self.error(format!("{msg} (scrutineer check lists them all)"));
        }
    }
}

/// "1 change", "3 changes".
fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
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
        Edit::SetStatus(s) => format!("{item} status set to {}{why}", s.label()),
        Edit::Note => format!("note added to {item}: {note}"),
        Edit::Revise(d) if was.is_empty() => format!("{item}: deadline revised to {d}{why}"),
        Edit::Revise(d) => format!("{item}: deadline revised from {was} to {d}{why}"),
        Edit::RestoreDeadline => format!("{item}: revised deadline withdrawn"),
        Edit::Respond(kind) => format!("{item}: {}{why}", kind.label()),
        Edit::ResponseDue(d) => format!("{item}: response due {d}"),
        Edit::ClearResponseDue => format!("{item}: response due date withdrawn"),
        Edit::Expect(_) => format!("{item}: checked"),
    }
}
