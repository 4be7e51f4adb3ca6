//! Saving: every change re-reads `tracking.toml` under the workspace lock, applies only
//! this user's edits to what is on disk, and replaces the file atomically, so two clerks
//! saving at once both keep their changes and a crash leaves the old or the new file.

use super::tracking::{self, Applied, EditError, ItemEdit};
use jiff::Timestamp;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file: separate from the data files, because a lock on a file that is
/// replaced by a rename would not be seen by the next writer.
pub const LOCK_FILE: &str = ".scrutineer.lock";

/// How long a writer waits for another before giving up with a message.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// The wait in force: `SCRUTINEER_LOCK_WAIT_MS` when set (for slow shared servers, and
/// for tests), else [`LOCK_WAIT`].
pub fn lock_wait() -> Duration {
    std::env::var("SCRUTINEER_LOCK_WAIT_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(LOCK_WAIT, Duration::from_millis)
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "the workspace is locked by another scrutineer process ({lock}) and was not released within {seconds:.1} s; if no one else is saving, that process may be hung (nothing was written)"
    )]
    Locked { lock: PathBuf, seconds: f64 },
    #[error(
        "{file}:{line}:{column}: {message}; fix the file by hand before saving again (nothing was written)"
    )]
    Corrupt {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot save {file}: {message} (nothing was written)")]
    Invalid { file: PathBuf, message: String },
    #[error("cannot save {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// An exclusive hold on the workspace, released when dropped.
pub struct WorkspaceLock {
    _file: File,
}

/// Waits (up to `wait`) for the workspace lock.
pub fn lock(dir: &Path, wait: Duration) -> Result<WorkspaceLock, SaveError> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| SaveError::Io {
            path: path.clone(),
            source,
        })?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WorkspaceLock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(15));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(SaveError::Locked {
                    lock: path,
                    seconds: wait.as_secs_f64(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(SaveError::Io { path, source }),
        }
    }
}

/// Applies `edits` to the workspace's tracking file, as `who`, at `now`.
pub fn save(
    dir: &Path,
    edits: &[ItemEdit],
    who: &str,
    now: Timestamp,
) -> Result<Vec<Applied>, SaveError> {
    let _lock = lock(dir, lock_wait())?;
    save_locked(dir, edits, who, now)
}

/// [`save`], for a caller that already holds the workspace lock.
pub(crate) fn save_locked(
    dir: &Path,
    edits: &[ItemEdit],
    who: &str,
    now: Timestamp,
) -> Result<Vec<Applied>, SaveError> {
    let path = dir.join(tracking::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => tracking::HEADER.to_string(),
        Err(source) => return Err(SaveError::Io { path, source }),
    };
    let (new_text, applied) = tracking::edit_text(&text, edits, who, now).map_err(|e| match e {
        EditError::Corrupt { position, message } => {
            let (line, column) = position.unwrap_or((1, 1));
            SaveError::Corrupt {
                file: path.clone(),
                line,
                column,
                message,
            }
        }
        EditError::Invalid(message) => SaveError::Invalid {
            file: path.clone(),
            message,
        },
    })?;
    let Some(new_text) = new_text else {
        return Ok(applied);
    };
    write_atomically(&path, new_text.as_bytes())?;
    Ok(applied)
}

/// Writes a temporary file beside `path` and renames it into place, keeping the
/// file's permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.commit().map_err(io)
}

/// The login name changes are recorded under.
pub fn login_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .or_else(passwd_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The name /etc/passwd gives this process's user, for sessions without $USER.
#[cfg(unix)]
fn passwd_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}

#[cfg(not(unix))]
fn passwd_name() -> Option<String> {
    None
}

/// Whether this user can save to the workspace: the folder accepts the lock file and
/// the tracking file (if any) is writable.
pub fn writable(dir: &Path) -> bool {
    // Permission bits count even for root, so a workspace made read-only for members
    // is honoured whoever opens it.
    let unlocked = |p: &Path| std::fs::metadata(p).map(|m| !m.permissions().readonly());
    if !unlocked(dir).unwrap_or(false) {
        return false;
    }
    let tracking = dir.join(tracking::FILE);
    let tracking_ok = match unlocked(&tracking) {
        Err(_) => true,
        Ok(false) => false,
        Ok(true) => OpenOptions::new().append(true).open(&tracking).is_ok(),
    };
    tracking_ok
        && OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))
            .is_ok()
}
