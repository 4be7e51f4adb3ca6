//! Saving without making the clerk wait: each change goes to a worker thread that takes
//! the workspace lock and saves through the workspace's one write path, while the event
//! loop goes on drawing and taking keys. Changes are saved one at a time, in the order
//! they were made. While another clerk holds the lock, the worker keeps trying and the
//! app can give up the wait: nothing is then written (the lock is checked again, under
//! the job's own lock, before anything is).

use super::Undo;
use crate::tui::SharedClock;
use crate::workspace::store::{self, SaveError};
use crate::workspace::{Applied, Edit, ItemEdit};
use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Wakes the event loop when a worker has something to show.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// How long a key waits for its save before the screen is drawn without it. With the
/// lock free a save takes milliseconds, so the result shows in the same frame as the
/// key (no "saving" flicker); a slower one shows "saving…" until it is done.
pub const GRACE: Duration = Duration::from_millis(250);

/// How often a worker waiting for the lock tries it again.
const RETRY: Duration = Duration::from_millis(15);

/// The changes made and not yet saved: the one under way, and those queued behind it.
#[derive(Default)]
pub struct Saving {
    /// Wakes the event loop; None (tests, no loop) saves in line.
    pub(super) wake: Option<Waker>,
    pub(super) queue: VecDeque<Queued>,
    pub(super) current: Option<InFlight>,
}

impl Saving {
    /// Whether a save is under way.
    pub fn in_flight(&self) -> bool {
        self.current.is_some()
    }

    /// Whether the save under way waits for another process's lock.
    pub fn waiting(&self) -> bool {
        self.current.as_ref().is_some_and(|f| f.job.waiting())
    }

    /// The changes not yet saved, the one under way included.
    pub fn unsaved(&self) -> usize {
        self.queue.len() + usize::from(self.current.is_some())
    }
}

/// A change made and not yet saved. What a mark or an undo does is decided when its
/// save starts, after the changes made before it are saved.
pub(super) enum Queued {
    Change {
        item: String,
        edit: Edit,
        note: String,
    },
    /// The mark key on this item.
    Toggle(String),
    Undo,
}

/// The save under way, and what to do with its result.
pub(super) struct InFlight {
    pub job: Arc<Job>,
    pub purpose: Purpose,
}

pub(super) enum Purpose {
    /// `was` is the deadline before (for a revision's message), `reason` the
    /// response's reason before (for its undo).
    Change {
        item: String,
        edit: Edit,
        note: String,
        was: String,
        reason: String,
    },
    Undo(Undo),
}

/// Where one save has got to.
#[derive(Debug)]
enum Stage {
    /// Trying the lock for the first time.
    Trying,
    /// Another process holds the lock; trying again until the lock wait runs out.
    Waiting,
    /// Holding the lock and writing: too late to give up.
    Saving,
    Done(Result<Vec<Applied>, SaveError>),
    /// Given up by the clerk before the lock was taken: nothing was written.
    Cancelled,
    /// Done, and the result taken by the app.
    Taken,
}

/// One save, shared by its worker and the app.
pub struct Job {
    stage: Mutex<Stage>,
    changed: Condvar,
}

/// What giving up a save came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancel {
    /// Given up: nothing was or will be written.
    Cancelled,
    /// The lock was already taken: the save is being made (or has been).
    TooLate,
}

impl Job {
    fn new() -> Job {
        Job {
            stage: Mutex::new(Stage::Trying),
            changed: Condvar::new(),
        }
    }

    fn stage(&self) -> MutexGuard<'_, Stage> {
        self.stage.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, stage: Stage) {
        *self.stage() = stage;
        self.changed.notify_all();
    }

    /// Whether another process holds the lock and this save is waiting for it.
    pub fn waiting(&self) -> bool {
        matches!(*self.stage(), Stage::Waiting)
    }

    /// Gives up the save unless the lock has been taken already.
    pub fn cancel(&self) -> Cancel {
        let mut stage = self.stage();
        match *stage {
            Stage::Trying | Stage::Waiting | Stage::Cancelled => {
                *stage = Stage::Cancelled;
                self.changed.notify_all();
                Cancel::Cancelled
            }
            Stage::Saving | Stage::Done(_) | Stage::Taken => Cancel::TooLate,
        }
    }

    /// Waits up to `grace` for the save to finish, or to find the lock held.
    pub fn settle(&self, grace: Duration) {
        let stage = self.stage();
        let _ = self
            .changed
            .wait_timeout_while(stage, grace, |s| matches!(s, Stage::Trying | Stage::Saving))
            .unwrap_or_else(|e| e.into_inner());
    }

    /// Waits up to `limit` for a save that has the lock to finish writing: a program
    /// that is ending never leaves in the middle of a save.
    pub fn wait_for_write(&self, limit: Duration) {
        let stage = self.stage();
        let _ = self
            .changed
            .wait_timeout_while(stage, limit, |s| matches!(s, Stage::Saving))
            .unwrap_or_else(|e| e.into_inner());
    }

    /// The result, once (None while the save is under way, or when it was given up).
    fn take(&self) -> Option<Result<Vec<Applied>, SaveError>> {
        let mut stage = self.stage();
        if !matches!(*stage, Stage::Done(_)) {
            return None;
        }
        match std::mem::replace(&mut *stage, Stage::Taken) {
            Stage::Done(result) => Some(result),
            _ => None,
        }
    }

    /// Trying → Waiting; true the first time, so the app is woken once to say so.
    fn now_waiting(&self) -> bool {
        let mut stage = self.stage();
        if matches!(*stage, Stage::Trying) {
            *stage = Stage::Waiting;
            return true;
        }
        false
    }

    /// Takes the save on from waiting to writing; false if it was given up.
    fn claim(&self) -> bool {
        let mut stage = self.stage();
        if matches!(*stage, Stage::Cancelled) {
            return false;
        }
        *stage = Stage::Saving;
        true
    }

    /// Sleeps between tries of the lock; true if the save was given up meanwhile.
    fn cancelled_within(&self, pause: Duration) -> bool {
        let stage = self.stage();
        let (stage, _) = self
            .changed
            .wait_timeout_while(stage, pause, |s| !matches!(s, Stage::Cancelled))
            .unwrap_or_else(|e| e.into_inner());
        matches!(*stage, Stage::Cancelled)
    }
}

/// What a save needs beside its edits: the folder, who makes the change, and the
/// clock that stamps it (the run's one clock, as the command line's).
#[derive(Clone)]
pub struct Saver {
    pub dir: PathBuf,
    pub who: String,
    pub clock: SharedClock,
}

/// Saves `edits` as `saver.who`: takes the lock (trying again while another process
/// holds it, until the workspace's lock wait runs out or the job is given up), then
/// saves through the workspace's write path, stamped by `saver.clock` once the lock
/// is held.
fn work(job: &Job, saver: &Saver, edits: &[ItemEdit], wake: Option<&Waker>) {
    let dir = saver.dir.as_path();
    let wait = store::lock_wait();
    let started = Instant::now();
    let outcome = loop {
        match store::lock(dir, Duration::ZERO) {
            Ok(lock) => {
                if !job.claim() {
                    return;
                }
                let clock = || saver.clock.now();
                let saved = store::save_locked(dir, edits, saver.who.as_str(), clock);
                drop(lock);
                break saved;
            }
            Err(SaveError::Locked { lock, .. }) if started.elapsed() >= wait => {
                break Err(SaveError::Locked {
                    lock,
                    seconds: wait.as_secs_f64(),
                });
            }
            Err(SaveError::Locked { .. }) => {
                if job.now_waiting()
                    && let Some(wake) = wake
                {
                    wake();
                }
                if job.cancelled_within(RETRY) {
                    return;
                }
            }
            Err(e) => break Err(e),
        }
    };
    job.set(Stage::Done(outcome));
    if let Some(wake) = wake {
        wake();
    }
}

/// Starts a save: on a worker thread when there is an event loop to wake, else (tests,
/// scripts) right here, so that it is done on return.
pub fn start(saver: Saver, edits: Vec<ItemEdit>, wake: Option<Waker>) -> Arc<Job> {
    let job = Arc::new(Job::new());
    match wake {
        Some(wake) => {
            let worker = Arc::clone(&job);
            std::thread::spawn(move || work(&worker, &saver, &edits, Some(&wake)));
        }
        None => work(&job, &saver, &edits, None),
    }
    job
}

/// Takes the result of `job` if it has one.
pub fn result(job: &Job) -> Option<Result<Vec<Applied>, SaveError>> {
    job.take()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Edit;

    fn note(item: &str) -> Vec<ItemEdit> {
        vec![ItemEdit {
            item: item.to_string(),
            edit: Edit::Note,
            note: "met the lead officer".to_string(),
        }]
    }

    /// A saver whose clock is stopped at 2003-10-15 09:30 UTC.
    fn saver(dir: &std::path::Path) -> Saver {
        let at: jiff::Timestamp = "2003-10-15T09:30:00Z".parse().expect("a time");
        Saver {
            dir: dir.into(),
            who: "clerk".into(),
            clock: Arc::new(at),
        }
    }

    #[test]
    fn a_save_is_stamped_by_the_clock_it_is_given() {
        let dir = tempfile::tempdir().expect("tempdir");
        let job = start(saver(dir.path()), note("a/1"), None);
        assert!(result(&job).is_some_and(|r| r.is_ok()));
        let tracking = dir.path().join(crate::workspace::tracking::FILE);
        let saved = std::fs::read_to_string(tracking).expect("saved");
        assert!(saved.contains("at = 2003-10-15T09:30:00Z"), "{saved}");
    }

    fn held(dir: &std::path::Path) -> std::fs::File {
        let file = std::fs::File::create(dir.join(store::LOCK_FILE)).expect("lock file");
        file.lock().expect("locks");
        file
    }

    fn waker() -> (Waker, std::sync::mpsc::Receiver<()>) {
        let (tx, rx) = std::sync::mpsc::channel();
        let tx = Mutex::new(tx);
        let wake: Waker = Arc::new(move || {
            let _ = tx.lock().map(|tx| tx.send(()));
        });
        (wake, rx)
    }

    #[test]
    fn a_held_lock_is_waited_for_and_then_the_save_is_made() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock = held(dir.path());
        let (wake, woken) = waker();
        let job = start(saver(dir.path()), note("a/1"), Some(wake));
        job.settle(GRACE);
        woken
            .recv_timeout(Duration::from_secs(5))
            .expect("woken to say it waits");
        assert!(job.waiting());
        drop(lock);
        woken
            .recv_timeout(Duration::from_secs(5))
            .expect("woken with the result");
        assert!(result(&job).is_some_and(|r| r.is_ok()));
        assert!(result(&job).is_none(), "the result is taken once");
        let tracking = dir.path().join(crate::workspace::tracking::FILE);
        let saved = std::fs::read_to_string(tracking).expect("saved");
        assert!(saved.contains("met the lead officer"), "{saved}");
    }

    #[test]
    fn a_wait_given_up_writes_nothing_even_when_the_lock_comes_free() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock = held(dir.path());
        let (wake, woken) = waker();
        let job = start(saver(dir.path()), note("a/1"), Some(wake));
        woken.recv_timeout(Duration::from_secs(5)).expect("waits");
        assert_eq!(job.cancel(), Cancel::Cancelled);
        drop(lock);
        std::thread::sleep(RETRY * 4);
        assert!(result(&job).is_none());
        assert!(!dir.path().join(crate::workspace::tracking::FILE).exists());
    }
}
