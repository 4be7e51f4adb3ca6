//! Noticing that the workspace changed on disk (another clerk saved, a `git pull`, an
//! editor): a watcher on the folder and its `reports/`, debounced into one message per
//! burst, and a cheap stamp of the files so a change that is already loaded is ignored.

use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, SystemTime};

/// How long the files must be quiet before a change is reported: a save is several
/// events (write a temporary file, rename it), and a `git pull` many more.
pub const QUIET: Duration = Duration::from_millis(150);

/// Watching stops when this is dropped.
pub struct WorkspaceWatcher {
    _watcher: RecommendedWatcher,
}

/// Watches `dir` (and `dir/reports`, non-recursively) and sends `message` on `tx` once
/// per burst of changes to its TOML files.
pub fn watch<T: Clone + Send + 'static>(
    dir: &Path,
    tx: Sender<T>,
    message: T,
) -> notify::Result<WorkspaceWatcher> {
    let (raw_tx, raw_rx) = mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && is_change(&event)
        {
            // The receiver is gone only when watching has stopped.
            let _ = raw_tx.send(());
        }
    })?;
    watcher.watch(dir, RecursiveMode::NonRecursive)?;
    let reports = dir.join("reports");
    if reports.is_dir() {
        watcher.watch(&reports, RecursiveMode::NonRecursive)?;
    }
    std::thread::spawn(move || {
        // Ends when the watcher (and with it the sending side) is dropped.
        while raw_rx.recv().is_ok() {
            loop {
                match raw_rx.recv_timeout(QUIET) {
                    Ok(()) => continue,
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            if tx.send(message.clone()).is_err() {
                return;
            }
        }
    });
    Ok(WorkspaceWatcher { _watcher: watcher })
}

/// Whether an event may have changed what a load would read: a write, create, remove or
/// rename of a visible TOML file. Reads (including our own reloads) are not changes.
fn is_change(event: &notify::Event) -> bool {
    let relevant_kind = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    relevant_kind && event.paths.iter().any(|p| is_workspace_file(p))
}

fn is_workspace_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.ends_with(".toml") && !name.starts_with('.')
}

/// What the workspace's files looked like: each TOML file's name, size and modification
/// time. Two equal stamps mean nothing a load reads has changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp(Vec<(PathBuf, u64, Option<SystemTime>)>);

impl Stamp {
    /// Whether the two stamps differ, if at all, only in the file at `path`.
    pub fn same_but(&self, other: &Stamp, path: &Path) -> bool {
        let others = |s: &Stamp| -> Vec<(PathBuf, u64, Option<SystemTime>)> {
            s.0.iter().filter(|(p, _, _)| p != path).cloned().collect()
        };
        others(self) == others(other)
    }
}

/// The stamp of the workspace in `dir` now.
pub fn stamp(dir: &Path) -> Stamp {
    let mut files = Vec::new();
    for folder in [dir.to_path_buf(), dir.join("reports")] {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if !is_workspace_file(&path) {
                continue;
            }
            if let Ok(meta) = entry.metadata() {
                files.push((path, meta.len(), meta.modified().ok()));
            }
        }
    }
    files.sort();
    Stamp(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_changes_the_stamp_and_a_read_does_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("reports")).expect("reports");
        std::fs::write(dir.path().join("tracking.toml"), "").expect("write");
        let before = stamp(dir.path());
        let _ = std::fs::read_to_string(dir.path().join("tracking.toml"));
        assert_eq!(stamp(dir.path()), before);
        std::fs::write(dir.path().join("reports/a.toml"), "id = \"a\"").expect("write");
        assert_ne!(stamp(dir.path()), before);
    }

    #[test]
    fn a_change_to_the_tracking_file_alone_is_told_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("reports")).expect("reports");
        let tracking = dir.path().join("tracking.toml");
        std::fs::write(&tracking, "").expect("write");
        std::fs::write(dir.path().join("reports/tracking.toml"), "").expect("write");
        let before = stamp(dir.path());
        std::fs::write(&tracking, "# changed\n").expect("write");
        let after = stamp(dir.path());
        assert_ne!(after, before);
        assert!(after.same_but(&before, &tracking));
        // A report that happens to share the name is a report.
        std::fs::write(dir.path().join("reports/tracking.toml"), "id = \"x\"").expect("write");
        assert!(!stamp(dir.path()).same_but(&before, &tracking));
    }

    #[test]
    fn only_a_write_to_a_visible_toml_file_is_a_change() {
        use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind};
        let event = |kind: EventKind, name: &str| {
            notify::Event::new(kind).add_path(PathBuf::from("/ws").join(name))
        };
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        for (kind, name) in [
            (written, "tracking.toml"),
            (EventKind::Create(CreateKind::File), "reports/new.toml"),
            (EventKind::Remove(RemoveKind::File), "reports/old.toml"),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                "people.toml",
            ),
        ] {
            assert!(is_change(&event(kind, name)), "{kind:?} {name}");
        }
        for (kind, name) in [
            // Reading, as every load does.
            (
                EventKind::Access(AccessKind::Open(AccessMode::Any)),
                "tracking.toml",
            ),
            (
                EventKind::Access(AccessKind::Close(AccessMode::Read)),
                "reports/a.toml",
            ),
            // The lock, a temporary copy, anything that is not a workspace file.
            (written, ".scrutineer.lock"),
            (written, ".tracking.toml.tmp"),
            (EventKind::Create(CreateKind::File), "notes.txt"),
        ] {
            assert!(!is_change(&event(kind, name)), "{kind:?} {name}");
        }
    }

    #[test]
    fn a_burst_of_writes_is_one_message() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("reports")).expect("reports");
        let (tx, rx) = mpsc::channel();
        let _watcher = watch(dir.path(), tx, "changed").expect("watch");
        for i in 0..5 {
            std::fs::write(dir.path().join("tracking.toml"), format!("# {i}")).expect("write");
        }
        std::fs::write(dir.path().join(".scrutineer.lock"), "").expect("lock");
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok("changed"));
        assert!(rx.recv_timeout(QUIET * 4).is_err(), "one message per burst");
        std::fs::write(dir.path().join("reports/new.toml"), "").expect("write");
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok("changed"));
    }
}
