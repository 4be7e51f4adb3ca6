//! The workspace as every session of the workbench sees it: loaded once, read again
//! once per change on disk, and handed to each session as the same snapshot. The
//! local workbench has one session; `scrutineer serve` has one per SSH connection,
//! and a change saved by one clerk shows in every session at once.

use crate::query::{self, SearchIndex};
use crate::text::sanitize;
use crate::workspace::{self, Workspace, watch};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// One reading of the workspace: what a session draws from. Cheap to clone.
#[derive(Clone)]
pub struct Snapshot {
    pub ws: Arc<Workspace>,
    pub index: Arc<SearchIndex>,
    /// Counts the readings: a session whose snapshot is older adopts the current one.
    pub generation: u64,
}

/// Something wrong with the last reading, for every session to show once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Counts the problems, so a session shows each one once.
    pub serial: u64,
    pub text: String,
}

struct Current {
    snapshot: Snapshot,
    stamp: watch::Stamp,
    problem: Option<Problem>,
}

type Waker = Arc<dyn Fn() + Send + Sync>;

/// The shared workspace. Sessions hold it in an `Arc`; the listeners are woken when a
/// new reading is made, so each session adopts it in its own loop. A listener whose
/// session has ended (its `Listening` dropped) is forgotten at the next wake.
pub struct Shared {
    dir: PathBuf,
    current: Mutex<Current>,
    listeners: Mutex<Vec<Weak<dyn Fn() + Send + Sync>>>,
}

/// Keeps a session listening (it holds the only strong reference to the waker);
/// dropping it stops the wakes.
pub struct Listening {
    _wake: Waker,
}

/// A poisoned lock (a session panicked while holding it) still guards sound data: every
/// change to it is one assignment.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Shared {
    pub fn new(ws: Workspace) -> Arc<Shared> {
        let stamp = watch::stamp(&ws.dir);
        let dir = ws.dir.clone();
        let index = Arc::new(SearchIndex::new(&ws.reports, &ws.people, &ws.items));
        Arc::new(Shared {
            dir,
            current: Mutex::new(Current {
                snapshot: Snapshot {
                    ws: Arc::new(ws),
                    index,
                    generation: 0,
                },
                stamp,
                problem: None,
            }),
            listeners: Mutex::new(Vec::new()),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The reading every session should show now.
    pub fn snapshot(&self) -> Snapshot {
        lock(&self.current).snapshot.clone()
    }

    /// What went wrong with the last attempt to read the files again, if anything did.
    pub fn problem(&self) -> Option<Problem> {
        lock(&self.current).problem.clone()
    }

    /// Wakes `wake` whenever a new reading is made (by any session, or by the
    /// watcher), until the returned guard is dropped.
    pub fn listen(&self, wake: Waker) -> Listening {
        lock(&self.listeners).push(Arc::downgrade(&wake));
        Listening { _wake: wake }
    }

    /// How many sessions are listening.
    pub fn listeners(&self) -> usize {
        let mut listeners = lock(&self.listeners);
        listeners.retain(|w| w.strong_count() > 0);
        listeners.len()
    }

    /// Reads the files again if they changed since the last reading, and wakes every
    /// session. A reading that fails, or that lost reports to errors, is not adopted:
    /// the last good one stays and the problem is kept for the sessions to show.
    /// Returns whether the files had changed.
    pub fn refresh(&self) -> bool {
        {
            let mut current = lock(&self.current);
            let stamp = watch::stamp(&self.dir);
            if stamp == current.stamp {
                return false;
            }
            let tracking_only =
                stamp.same_but(&current.stamp, &self.dir.join(workspace::tracking::FILE));
            current.stamp = stamp;
            let read = if tracking_only {
                read_tracking(&current.snapshot)
            } else {
                read_all(&self.dir, &current.snapshot)
            };
            let problem = match read {
                Ok((ws, index, problem)) => {
                    current.snapshot = Snapshot {
                        ws: Arc::new(ws),
                        index,
                        generation: current.snapshot.generation + 1,
                    };
                    problem
                }
                Err(text) => Some(text),
            };
            if let Some(text) = problem {
                let serial = current.problem.as_ref().map_or(1, |p| p.serial + 1);
                current.problem = Some(Problem { serial, text });
            }
        }
        self.wake_all();
        true
    }

    fn wake_all(&self) {
        let wakes: Vec<Waker> = {
            let mut listeners = lock(&self.listeners);
            listeners.retain(|w| w.strong_count() > 0);
            listeners.iter().filter_map(Weak::upgrade).collect()
        };
        for wake in wakes {
            wake();
        }
    }
}

type Reading = (Workspace, Arc<SearchIndex>, Option<String>);

/// Only the tracking file changed (after every save, and when another clerk saves).
/// The search index is built again only when the text it searches from the tracking
/// file (notes, responses) has changed.
fn read_tracking(now: &Snapshot) -> Result<Reading, String> {
    let mut ws = Workspace::clone(&now.ws);
    if let Err(e) = ws.reload_tracking() {
        return Err(format!(
            "{}; still showing the data loaded before",
            sanitize(&e.to_string(), false)
        ));
    }
    let searched = query::fields::tracked_fingerprint(&now.ws.reports, &now.ws.items);
    let index = if query::fields::tracked_fingerprint(&ws.reports, &ws.items) == searched {
        Arc::clone(&now.index)
    } else {
        Arc::new(SearchIndex::new(&ws.reports, &ws.people, &ws.items))
    };
    Ok((ws, index, None))
}

/// Something else changed: everything is read again.
fn read_all(dir: &Path, now: &Snapshot) -> Result<Reading, String> {
    let ws = Workspace::load(dir).map_err(|e| {
        format!(
            "cannot reload: {}; showing what was loaded before",
            sanitize(&e.to_string(), false)
        )
    })?;
    let problem = errors_message(&ws);
    if let Some(msg) = &problem
        && ws.reports.len() < now.ws.reports.len()
    {
        return Err(format!("{msg}; still showing the data loaded before"));
    }
    let index = Arc::new(SearchIndex::new(&ws.reports, &ws.people, &ws.items));
    Ok((ws, index, problem))
}

/// "2 errors in the workspace files: the first", or None when there are none.
pub fn errors_message(ws: &Workspace) -> Option<String> {
    let errors: Vec<_> = ws.errors().collect();
    let first = errors.first()?;
    let s = if errors.len() == 1 { "" } else { "s" };
    Some(format!(
        "{} error{s} in the workspace files: {}",
        errors.len(),
        sanitize(&first.to_string(), false)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The bundled workspace, installed afresh in a folder of its own.
    fn copy_of_data() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        crate::workspace::bundled::install(dir.path()).expect("the bundled workspace");
        dir
    }

    #[test]
    fn a_change_on_disk_is_read_once_and_wakes_every_session() {
        let dir = copy_of_data();
        let ws = Workspace::load(dir.path()).expect("the bundled workspace loads");
        let shared = Shared::new(ws);
        let woken = Arc::new(AtomicUsize::new(0));
        let listening: Vec<Listening> = (0..3)
            .map(|_| {
                let woken = Arc::clone(&woken);
                shared.listen(Arc::new(move || {
                    woken.fetch_add(1, Ordering::SeqCst);
                }))
            })
            .collect();
        assert!(!shared.refresh(), "nothing changed, nothing read");
        assert_eq!(woken.load(Ordering::SeqCst), 0);
        let before = shared.snapshot();
        let tracking = dir.path().join(workspace::tracking::FILE);
        let mut text = std::fs::read_to_string(&tracking).unwrap_or_default();
        text.push_str("\n[items.\"leicester-2003/2.4b\"]\nstatus = \"on-track\"\n");
        std::fs::write(&tracking, text).expect("tracking written");
        assert!(shared.refresh());
        assert!(
            !shared.refresh(),
            "the second session finds it already read"
        );
        let after = shared.snapshot();
        assert_eq!(after.generation, before.generation + 1);
        assert_eq!(woken.load(Ordering::SeqCst), 3, "each session woken once");
        assert!(
            Arc::ptr_eq(&before.index, &after.index),
            "a status change leaves the search index as it was"
        );
        drop(listening);
        assert_eq!(shared.listeners(), 0);
    }

    #[test]
    fn a_broken_reading_keeps_the_last_good_one_and_says_why() {
        let dir = copy_of_data();
        let ws = Workspace::load(dir.path()).expect("the bundled workspace loads");
        let reports = ws.reports.len();
        let shared = Shared::new(ws);
        let tracking = dir.path().join(workspace::tracking::FILE);
        std::fs::write(&tracking, "[items\nbroken").expect("tracking written");
        shared.refresh();
        assert_eq!(shared.snapshot().ws.reports.len(), reports);
        let problem = shared.problem().expect("the problem is kept");
        assert!(problem.text.contains("still showing"), "{}", problem.text);
    }
}
