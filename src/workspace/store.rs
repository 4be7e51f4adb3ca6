//! Saving: every change re-reads `tracking.toml` under the workspace lock, applies only
//! this user's edits to what is on disk, and replaces the file atomically, so two clerks
//! saving at once both keep their changes and a crash leaves the old or the new file.
//!
//! Nothing is written outside the workspace folder: the lock file is never followed
//! through a symbolic link, and a `tracking.toml` that links out of the folder is not
//! written (see [`tracking_target`]). A save keeps the file's permissions, owner, line
//! ends and byte-order mark, and removes the temporary files a killed save left behind.

use super::tracking::{self, Applied, Author, EditError, ItemEdit};
use jiff::Timestamp;
use std::fs::{File, Metadata, OpenOptions, TryLockError};
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

/// Where the time of a change comes from. A save asks once it holds the workspace lock,
/// so that changes are stamped in the order they are written, however long each waited.
/// A function (`Timestamp::now`, or a closure) is a clock; so is a `Timestamp`, a fixed
/// time (for tests, and for callers that took the time before saving).
pub trait Clock {
    fn now(&self) -> Timestamp;
}

impl Clock for Timestamp {
    fn now(&self) -> Timestamp {
        *self
    }
}

impl<F: Fn() -> Timestamp> Clock for F {
    fn now(&self) -> Timestamp {
        self()
    }
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
    /// A file of the workspace is not what a save can safely write: what it is, and
    /// what to do about it.
    #[error("{0} (nothing was written)")]
    Refused(String),
}

/// An exclusive hold on the workspace, released when dropped.
pub struct WorkspaceLock {
    _file: File,
}

impl Drop for WorkspaceLock {
    /// Forgets who held the lock before letting it go.
    fn drop(&mut self) {
        let _ = self._file.set_len(0);
    }
}

/// Who holds the workspace lock, as its holder wrote it when it took it ("jclerk,
/// process 4242, since 10:15:03 UTC"); None when no one says.
pub fn holder(dir: &Path) -> Option<String> {
    use std::io::Read;
    let path = dir.join(LOCK_FILE);
    if lock_problem(&path).is_some() {
        return None;
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut text = String::new();
    options
        .open(&path)
        .ok()?
        .take(200)
        .read_to_string(&mut text)
        .ok()?;
    let text = text.trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Waits (up to `wait`) for the workspace lock. Once it is held, the temporary files
/// that killed saves left behind are removed: every save writes under the lock, so any
/// found then is no live writer's.
pub fn lock(dir: &Path, wait: Duration) -> Result<WorkspaceLock, SaveError> {
    let path = dir.join(LOCK_FILE);
    let file = open_lock(&path, true).map_err(|e| match e {
        LockOpen::Refused(why) => SaveError::Refused(why),
        LockOpen::Io(source) => SaveError::Io {
            path: path.clone(),
            source,
        },
    })?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                // Say who holds it, for a clerk kept waiting.
                let who = format!(
                    "{}, process {}, since {} UTC",
                    login_name(),
                    std::process::id(),
                    Timestamp::now().strftime("%H:%M:%S")
                );
                let _ = file.set_len(0);
                let _ = (&file).write_all(who.as_bytes());
                remove_stale_temporary_files(dir);
                return Ok(WorkspaceLock { _file: file });
            }
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                std::thread::sleep(Duration::from_millis(15));
            }
            Err(TryLockError::WouldBlock) => {
                let lock = match holder(dir) {
                    Some(h) => PathBuf::from(format!("{}, held by {h}", path.display())),
                    None => path,
                };
                return Err(SaveError::Locked {
                    lock,
                    seconds: wait.as_secs_f64(),
                });
            }
            Err(TryLockError::Error(source)) => return Err(SaveError::Io { path, source }),
        }
    }
}

enum LockOpen {
    /// Not a plain file: what it is instead.
    Refused(String),
    Io(std::io::Error),
}

/// Opens the lock file (creating it when `create`), never through a symbolic link, and
/// only if it is a plain file: a link would have every save (and every command that
/// checks the workspace can be written) create or lock a file wherever it points.
fn open_lock(path: &Path, create: bool) -> Result<File, LockOpen> {
    if let Some(why) = lock_problem(path) {
        return Err(LockOpen::Refused(why));
    }
    let mut options = OpenOptions::new();
    options.write(true).create(create).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NONBLOCK: a pipe put in its place must not hang the open.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    // What is there may have changed since it was looked at: look again at what opened.
    let refused = || LockOpen::Refused(lock_problem(path).unwrap_or_else(|| not_plain(path)));
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return refused();
        }
        LockOpen::Io(e)
    })?;
    match file.metadata() {
        Ok(m) if m.is_file() => Ok(file),
        Ok(_) => Err(refused()),
        Err(e) => Err(LockOpen::Io(e)),
    }
}

fn not_plain(path: &Path) -> String {
    format!(
        "the lock file {} is not a plain file: remove it and try again",
        path.display()
    )
}

/// Why the lock file cannot be used, when there is one that is not a plain file.
fn lock_problem(path: &Path) -> Option<String> {
    let what = what_is(path)?;
    Some(format!(
        "the lock file {} is {what}, not a plain file: remove it and try again (scrutineer never follows a link there, so that nothing is created outside the workspace)",
        path.display()
    ))
}

/// What is at `path`, when it exists and is not a plain file: "a folder", "a symbolic
/// link to …", "a special file …".
fn what_is(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.is_file() {
        return None;
    }
    Some(describe(path, &meta))
}

fn describe(path: &Path, meta: &Metadata) -> String {
    if meta.is_dir() {
        "a folder".to_string()
    } else if meta.is_symlink() {
        let to = std::fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_else(|_| "somewhere unreadable".to_string());
        if std::fs::metadata(path).is_ok() {
            format!("a symbolic link (to {to})")
        } else {
            format!("a symbolic link to {to}, which does not exist")
        }
    } else {
        "a special file (a pipe, socket or device)".to_string()
    }
}

/// Applies `edits` to the workspace's tracking file, as `who`, at the time `clock`
/// gives once the workspace lock is held.
pub fn save(
    dir: &Path,
    edits: &[ItemEdit],
    who: impl Into<Author>,
    clock: impl Clock,
) -> Result<Vec<Applied>, SaveError> {
    let _lock = lock(dir, lock_wait())?;
    save_locked(dir, edits, who, clock)
}

/// [`save`], for a caller that already holds the workspace lock.
pub(crate) fn save_locked(
    dir: &Path,
    edits: &[ItemEdit],
    who: impl Into<Author>,
    clock: impl Clock,
) -> Result<Vec<Applied>, SaveError> {
    let path = tracking_target(dir).map_err(SaveError::Refused)?;
    // An import a crash interrupted is finished or undone first, so this save never
    // writes over half of one.
    super::import::recover(dir)?;
    if let Some(folder) = path.parent()
        && folder != dir
    {
        remove_temporary_files(folder, Some(&path));
    }
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => tracking::HEADER.to_string(),
        Err(source) => return Err(SaveError::Io { path, source }),
    };
    // Stamped now, under the lock: the order of the file is the order of the times.
    let now = clock.now();
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

/// The file a save of `dir`'s tracking state writes: `tracking.toml`, or, when that is
/// a symbolic link, the file it leads to, which then keeps its own permissions and
/// owner and the link stays a link. See [`resolve_in`]; the message (the `Err`) names
/// the link, where it leads and what to do.
pub fn tracking_target(dir: &Path) -> Result<PathBuf, String> {
    resolve_in(dir, &dir.join(tracking::FILE))
}

/// The file to write for `path`, a file of the workspace `dir`: `path` itself (when it
/// does not exist yet, or is a plain file), or the file a symbolic link there leads to,
/// when that is a file inside the workspace folder.
///
/// A link that leads out of the workspace folder is refused, not followed: on a shared
/// server anyone who can write to the folder could otherwise aim every clerk's saves at
/// any file that clerk can write (their own settings, another committee's workspace),
/// and the change would land where no one looking at the workspace sees it. A
/// workspace kept elsewhere is linked as a whole folder instead. A link to nothing is
/// refused too, rather than creating a file where it points.
pub fn resolve_in(dir: &Path, path: &Path) -> Result<PathBuf, String> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(e) => return Err(format!("cannot open {}: {e}", path.display())),
    };
    if meta.is_file() {
        return Ok(path.to_path_buf());
    }
    if !meta.is_symlink() {
        return Err(format!(
            "{} is {}, not a file: move it away so that scrutineer can write the file there",
            path.display(),
            describe(path, &meta)
        ));
    }
    let to = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let target = match std::fs::canonicalize(path) {
        Ok(target) => target,
        Err(e) if e.kind() == ErrorKind::NotFound => {
            return Err(format!(
                "{} is a symbolic link to {to}, which does not exist: restore that file, or remove the link",
                path.display()
            ));
        }
        Err(e) => {
            return Err(format!(
                "{} is a symbolic link to {to}, which cannot be opened: {e}",
                path.display()
            ));
        }
    };
    let home = std::fs::canonicalize(dir)
        .map_err(|e| format!("cannot open the workspace folder {}: {e}", dir.display()))?;
    if !target.starts_with(&home) {
        return Err(format!(
            "{} is a symbolic link to {}, outside the workspace folder {}; scrutineer writes only inside the workspace: put the file in the folder (or link the whole folder instead)",
            path.display(),
            target.display(),
            home.display()
        ));
    }
    match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Ok(target),
        Ok(m) => Err(format!(
            "{} is a symbolic link to {}, which is {}, not a file",
            path.display(),
            target.display(),
            describe(&target, &m)
        )),
        Err(e) => Err(format!("cannot open {}: {e}", target.display())),
    }
}

/// Rewrites the tracking file whole under the lock, with `change` (None from it: no
/// change), the way a save writes it. Whether anything changed.
pub fn rewrite_tracking(
    dir: &Path,
    change: impl FnOnce(&str) -> Result<String, String>,
) -> Result<bool, SaveError> {
    let _lock = lock(dir, lock_wait())?;
    super::import::recover(dir)?;
    let path = tracking_target(dir).map_err(SaveError::Refused)?;
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(false),
        Err(source) => return Err(SaveError::Io { path, source }),
    };
    let new = change(&text).map_err(|message| SaveError::Invalid {
        file: path.clone(),
        message,
    })?;
    if new == text {
        return Ok(false);
    }
    write_atomically(&path, new.as_bytes())?;
    Ok(true)
}

/// [`write_atomically`] for a file of the workspace `dir` (a report an import writes):
/// through a symbolic link only to a file inside the folder (see [`resolve_in`]).
pub fn write_in_workspace(dir: &Path, path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let target = resolve_in(dir, path).map_err(SaveError::Refused)?;
    write_atomically(&target, bytes)
}

/// Writes a temporary file beside `path` and renames it into place. The new file gets
/// the old one's permissions and owner (a new one, the permissions any new file gets);
/// a symbolic link is written through, to the file it leads to, and stays a link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SaveError::Io { path, source }
    };
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_symlink() => match std::fs::canonicalize(path) {
            Ok(target) => target,
            Err(_) => {
                return Err(SaveError::Refused(format!(
                    "cannot save {}: it is {}",
                    path.display(),
                    describe(path, &meta)
                )));
            }
        },
        _ => path.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&target)
        && !meta.is_file()
    {
        return Err(SaveError::Refused(format!(
            "cannot save {}: it is {}, not a file",
            target.display(),
            describe(&target, &meta)
        )));
    }
    let mut file = atomic_write_file::AtomicWriteFile::open(&target).map_err(io(&target))?;
    file.write_all(bytes).map_err(io(&target))?;
    file.commit().map_err(io(&target))
}

// ---- Temporary files left by killed saves -------------------------------------------

/// The name of the file `name` is a temporary copy of, when it is named as the
/// temporary files of a save are (`.tracking.toml.Xy3kQ9`: a dot, the name, a dot and
/// six random letters and digits). A suffix of lower-case letters only (`.backup`,
/// `.before`) is taken for a person's own copy and left alone; a random one is that
/// by chance once in 180.
fn temporary_of(name: &str) -> Option<&str> {
    let (base, suffix) = name.strip_prefix('.')?.rsplit_once('.')?;
    let random = suffix.len() == 6
        && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        && !suffix.bytes().all(|b| b.is_ascii_lowercase());
    (random && !base.is_empty() && !base.starts_with('.')).then_some(base)
}

/// The temporary files in `folder`: of `only` when given, else of any `.toml` file.
fn temporary_files(folder: &Path, only: Option<&Path>) -> Vec<(PathBuf, u64)> {
    let only = only.and_then(Path::file_name).and_then(|n| n.to_str());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, u64)> = entries
        .flatten()
        .filter(|entry| {
            let name = entry.file_name();
            let base = name.to_str().and_then(temporary_of);
            base.is_some_and(|base| match only {
                Some(only) => only == base,
                None => base.ends_with(".toml"),
            })
        })
        .filter_map(|entry| {
            // Only plain files: never a link or a folder.
            let meta = entry.path().symlink_metadata().ok()?;
            meta.is_file().then(|| (entry.path(), meta.len()))
        })
        .collect();
    found.sort();
    found
}

/// Where saves write, and of what: the tracking file in the workspace folder (and in
/// the folder of the file it links to), and report files in `reports/` (an import).
fn temporary_places(dir: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let tracking = dir.join(tracking::FILE);
    let mut places = vec![
        (dir.to_path_buf(), Some(tracking)),
        (dir.join("reports"), None),
    ];
    if let Ok(target) = tracking_target(dir)
        && let Some(folder) = target.parent()
        && folder != dir
    {
        places.push((folder.to_path_buf(), Some(target.clone())));
    }
    places
}

fn remove_temporary_files(folder: &Path, only: Option<&Path>) {
    for (path, _) in temporary_files(folder, only) {
        // Best effort: what cannot be removed, `check` goes on reporting.
        let _ = std::fs::remove_file(path);
    }
}

/// Removes the temporary files killed saves left. Only with the lock held.
fn remove_stale_temporary_files(dir: &Path) {
    for (folder, only) in [
        (dir.to_path_buf(), Some(dir.join(tracking::FILE))),
        (dir.join("reports"), None),
    ] {
        remove_temporary_files(&folder, only.as_deref());
    }
}

/// The temporary files interrupted saves left in the workspace, with their sizes, for
/// `check` to report. None while a save is under way (its own temporary file is not
/// stale); this takes the lock for a moment to tell, and creates nothing.
pub fn stale_temporary_files(dir: &Path) -> Vec<(PathBuf, u64)> {
    let _held = match open_lock(&dir.join(LOCK_FILE), false) {
        Ok(file) => match file.try_lock() {
            Ok(()) => Some(file),
            Err(TryLockError::WouldBlock) => return Vec::new(),
            Err(TryLockError::Error(_)) => None,
        },
        Err(_) => None,
    };
    let mut found: Vec<(PathBuf, u64)> = temporary_places(dir)
        .iter()
        .flat_map(|(folder, only)| temporary_files(folder, only.as_deref()))
        .collect();
    found.dedup();
    found
}

// ---- Who is saving ----------------------------------------------------------------

/// The login name changes are recorded under: the account of this process's real user
/// id, from the operating system (the passwd entry), or the number when it has no name.
/// Never `$USER`, which anyone can set: see [`author`].
#[cfg(unix)]
pub fn login_name() -> String {
    // SAFETY: getuid has no preconditions and cannot fail.
    let uid = unsafe { libc::getuid() };
    passwd_name(uid).unwrap_or_else(|| uid.to_string())
}

/// The login name: where the operating system does not give one to ask for, the
/// environment's.
#[cfg(not(unix))]
pub fn login_name() -> String {
    ["USERNAME", "USER"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

/// The user name the passwd database gives `uid`.
#[cfg(unix)]
fn passwd_name(uid: libc::uid_t) -> Option<String> {
    passwd_name_within(uid, 1024)
}

/// `passwd_name`, starting with a buffer of `bytes`, doubled while it is too small.
#[cfg(unix)]
fn passwd_name_within(uid: libc::uid_t, bytes: usize) -> Option<String> {
    let mut buffer: Vec<libc::c_char> = vec![0; bytes.max(1)];
    loop {
        // SAFETY: all-zero bytes are a valid `passwd` (null pointers and zeros); it is
        // only read after getpwuid_r has filled it in.
        let mut entry: libc::passwd = unsafe { std::mem::zeroed() };
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: the pointers are to live locals and a buffer of the length given;
        // getpwuid_r writes only within them.
        let code = unsafe {
            libc::getpwuid_r(
                uid,
                &mut entry,
                buffer.as_mut_ptr(),
                buffer.len(),
                &mut found,
            )
        };
        if code == libc::ERANGE && buffer.len() < 1 << 20 {
            buffer.resize(buffer.len() * 2, 0);
            continue;
        }
        if code != 0 || found.is_null() || entry.pw_name.is_null() {
            return None;
        }
        // SAFETY: on success pw_name points to a NUL-terminated string in `buffer`,
        // which is alive here.
        let name = unsafe { std::ffi::CStr::from_ptr(entry.pw_name) };
        let name = name.to_str().ok()?.to_string();
        return (!name.is_empty()).then_some(name);
    }
}

/// Who this process's changes are recorded as: the login name, and the name the
/// environment gives (`$USER`, else `$LOGNAME`) where that says someone else, kept
/// beside it "as given".
pub fn author() -> Author {
    let given = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()));
    let name = login_name();
    Author {
        as_given: given.filter(|g| *g != name),
        name,
    }
}

// ---- Whether the workspace can be written -----------------------------------------

/// Whether this user can save to the workspace: see [`why_read_only`].
pub fn writable(dir: &Path) -> bool {
    why_read_only(dir).is_none()
}

/// Why this user cannot save to the workspace, naming the file and the cause; None
/// when a save can go ahead. The folder must be writable, the lock file (if there is
/// one) a plain file that can be written, and the tracking file (if any) a plain file
/// in the workspace that can be read and written. Nothing is created to find out.
pub fn why_read_only(dir: &Path) -> Option<String> {
    let folder = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) => return Some(format!("cannot open {}: {e}", dir.display())),
    };
    if !folder.is_dir() {
        return Some(format!("{} is not a folder", dir.display()));
    }
    if shut(dir, &folder) {
        return Some(format!("you cannot write to {}", dir.display()));
    }
    let lock = dir.join(LOCK_FILE);
    match open_lock(&lock, false) {
        Ok(_) => {}
        Err(LockOpen::Refused(why)) => return Some(why),
        Err(LockOpen::Io(e)) if e.kind() == ErrorKind::NotFound => {}
        Err(LockOpen::Io(e)) => {
            return Some(format!(
                "you cannot write to the lock file {}: {e}",
                lock.display()
            ));
        }
    }
    let target = match tracking_target(dir) {
        Ok(target) => target,
        Err(why) => return Some(why),
    };
    if let Some(folder) = target.parent()
        && folder != dir
        && std::fs::metadata(folder).is_ok_and(|m| shut(folder, &m))
    {
        return Some(format!(
            "you cannot write to {}, where {} is kept",
            folder.display(),
            target.display()
        ));
    }
    let meta = match std::fs::metadata(&target) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return None,
        Err(e) => return Some(format!("cannot open {}: {e}", target.display())),
    };
    if meta.permissions().readonly() {
        return Some(format!(
            "{} is read-only, {}",
            target.display(),
            mode(&meta)
        ));
    }
    if let Err(e) = OpenOptions::new().append(true).open(&target) {
        return Some(format!("you cannot write to {}: {e}", target.display()));
    }
    if let Err(e) = File::open(&target) {
        return Some(format!("you cannot read {}: {e}", target.display()));
    }
    None
}

/// Whether a folder cannot be written to. Permission bits count even for root, so a
/// folder made read-only for members is honoured whoever opens it.
fn shut(folder: &Path, meta: &Metadata) -> bool {
    meta.permissions().readonly() || !may_write(folder)
}

/// A file's permissions as a person would check them.
fn mode(meta: &Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        format!("mode {:04o}", meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        "marked read-only".to_string()
    }
}

/// Whether this user may create files in `folder`, as the operating system would
/// decide (the permission bits are checked apart).
#[cfg(unix)]
fn may_write(folder: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(path) = std::ffi::CString::new(folder.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `path` is a NUL-terminated string that lives across the call.
    unsafe { libc::access(path.as_ptr(), libc::W_OK | libc::X_OK) == 0 }
}

#[cfg(not(unix))]
fn may_write(_folder: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_are_told_from_a_persons_copies() {
        assert_eq!(temporary_of(".tracking.toml.Xy3kQ9"), Some("tracking.toml"));
        assert_eq!(
            temporary_of(".leicester-2003.toml.AAAAAA"),
            Some("leicester-2003.toml")
        );
        for name in [
            ".tracking.toml.backup",
            ".tracking.toml.bak",
            "tracking.toml.Xy3kQ9",
            ".tracking.toml.Xy3kQ9x",
            ".tracking.toml.Xy-kQ9",
            "..tracking.toml.Xy3kQ9",
            ".scrutineer.lock",
        ] {
            assert_eq!(temporary_of(name), None, "{name}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn each_reason_a_workspace_cannot_be_saved_to_is_said_and_a_good_one_has_none() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("temp");
        let fresh = |name: &str| {
            let dir = root.path().join(name);
            std::fs::create_dir_all(&dir).expect("folder");
            dir
        };
        let set_mode = |path: &Path, mode: u32| {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
        };
        let why = |dir: &Path| why_read_only(dir).unwrap_or_default();
        // A folder with nothing in it yet, and one with a lock and a tracking file.
        let empty = fresh("empty");
        assert_eq!(why_read_only(&empty), None);
        let used = fresh("used");
        std::fs::write(used.join(LOCK_FILE), "").expect("lock");
        std::fs::write(used.join(tracking::FILE), tracking::HEADER).expect("tracking");
        assert_eq!(why_read_only(&used), None);
        assert!(writable(&used));
        // No folder, or a file where the folder should be.
        let missing = root.path().join("missing");
        assert!(
            why(&missing).starts_with("cannot open "),
            "{}",
            why(&missing)
        );
        let file = root.path().join("a-file");
        std::fs::write(&file, "").expect("file");
        assert!(
            why(&file).ends_with("a-file is not a folder"),
            "{}",
            why(&file)
        );
        // A folder made read-only (for everyone, root too).
        let shut = fresh("shut");
        set_mode(&shut, 0o555);
        assert!(
            why(&shut).starts_with("you cannot write to "),
            "{}",
            why(&shut)
        );
        assert!(!writable(&shut));
        set_mode(&shut, 0o755);
        // A folder where the lock file should be.
        let odd_lock = fresh("odd-lock");
        std::fs::create_dir(odd_lock.join(LOCK_FILE)).expect("a folder");
        assert!(why(&odd_lock).contains("lock file"), "{}", why(&odd_lock));
        // The tracking file read-only, and a folder in its place.
        let read_only = fresh("read-only");
        let tracking = read_only.join(tracking::FILE);
        std::fs::write(&tracking, tracking::HEADER).expect("tracking");
        set_mode(&tracking, 0o444);
        assert!(
            why(&read_only).ends_with("tracking.toml is read-only, mode 0444"),
            "{}",
            why(&read_only)
        );
        let folder_in_place = fresh("folder-in-place");
        std::fs::create_dir(folder_in_place.join(tracking::FILE)).expect("a folder");
        assert!(
            why(&folder_in_place).contains("is a folder, not a file"),
            "{}",
            why(&folder_in_place)
        );
        // A link to a tracking file kept in a read-only folder inside the workspace.
        let linked = fresh("linked");
        let kept = linked.join("kept");
        std::fs::create_dir(&kept).expect("kept");
        std::fs::write(kept.join("tracking.toml"), tracking::HEADER).expect("tracking");
        std::os::unix::fs::symlink("kept/tracking.toml", linked.join(tracking::FILE))
            .expect("link");
        assert_eq!(why_read_only(&linked), None);
        set_mode(&kept, 0o555);
        assert!(
            why(&linked).contains("where ") && why(&linked).contains("is kept"),
            "{}",
            why(&linked)
        );
        set_mode(&kept, 0o755);
    }

    #[cfg(unix)]
    #[test]
    fn what_a_save_writes_to_is_the_file_or_a_link_inside_the_workspace_and_nothing_else() {
        use std::os::unix::fs::symlink;
        let root = tempfile::tempdir().expect("temp");
        let dir = root.path().join("ws");
        std::fs::create_dir_all(dir.join("kept")).expect("folders");
        std::fs::write(dir.join("kept/tracking.toml"), "").expect("file");
        std::fs::write(root.path().join("outside.toml"), "").expect("file");
        let at = |name: &str| dir.join(name);
        let resolved = |name: &str| resolve_in(&dir, &at(name));
        let refused = |name: &str| resolved(name).err().unwrap_or_default();
        // Nothing there yet, or a plain file: itself.
        assert_eq!(resolved("new.toml"), Ok(at("new.toml")));
        std::fs::write(at("plain.toml"), "").expect("file");
        assert_eq!(resolved("plain.toml"), Ok(at("plain.toml")));
        // A link to a file inside: the file it leads to.
        symlink("kept/tracking.toml", at("inside.toml")).expect("link");
        let kept = std::fs::canonicalize(at("kept/tracking.toml")).expect("canonical");
        assert_eq!(resolved("inside.toml"), Ok(kept));
        // Anything else is refused, saying what it is.
        std::fs::create_dir(at("folder.toml")).expect("folder");
        assert!(
            refused("folder.toml").ends_with("folder.toml is a folder, not a file: move it away so that scrutineer can write the file there"),
            "{}",
            refused("folder.toml")
        );
        symlink("kept", at("to-folder.toml")).expect("link");
        assert!(
            refused("to-folder.toml").ends_with("which is a folder, not a file"),
            "{}",
            refused("to-folder.toml")
        );
        symlink("gone.toml", at("dangling.toml")).expect("link");
        assert!(
            refused("dangling.toml").ends_with("is a symbolic link to gone.toml, which does not exist: restore that file, or remove the link"),
            "{}",
            refused("dangling.toml")
        );
        symlink("loop.toml", at("loop.toml")).expect("link");
        assert!(
            refused("loop.toml")
                .contains("is a symbolic link to loop.toml, which cannot be opened: "),
            "{}",
            refused("loop.toml")
        );
        // A file where a folder on the way should be (a file named `reports`).
        assert!(
            refused("plain.toml/inner.toml").starts_with("cannot open "),
            "{}",
            refused("plain.toml/inner.toml")
        );
        symlink("../outside.toml", at("out.toml")).expect("link");
        assert!(
            refused("out.toml").contains("outside the workspace folder"),
            "{}",
            refused("out.toml")
        );
    }

    #[test]
    fn a_fixed_time_and_a_function_are_both_clocks() {
        let fixed = Timestamp::UNIX_EPOCH;
        assert_eq!(Clock::now(&fixed), fixed);
        let later = || Timestamp::from_second(60).unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(Clock::now(&later).as_second(), 60);
    }

    #[cfg(unix)]
    #[test]
    fn the_login_name_comes_from_the_system_not_the_environment() {
        // Whatever $USER says (the tests may set it), the name is the account's.
        let name = login_name();
        assert!(!name.is_empty());
        // SAFETY: getuid has no preconditions.
        let uid = unsafe { libc::getuid() };
        assert_eq!(passwd_name(uid).unwrap_or_else(|| uid.to_string()), name);
    }

    #[cfg(unix)]
    #[test]
    fn the_login_name_is_found_when_the_first_buffer_is_too_small() {
        // SAFETY: getuid has no preconditions.
        let uid = unsafe { libc::getuid() };
        // The account as /etc/passwd has it, where it has it (not under NSS alone).
        let listed = std::fs::read_to_string("/etc/passwd")
            .ok()
            .and_then(|text| {
                text.lines().find_map(|line| {
                    let fields: Vec<&str> = line.split(':').collect();
                    (fields.get(2) == Some(&uid.to_string().as_str()))
                        .then(|| fields[0].to_string())
                })
            });
        let Some(listed) = listed else {
            return;
        };
        // One byte is too small for any entry: the buffer must grow until it fits.
        assert_eq!(passwd_name_within(uid, 1).as_deref(), Some(listed.as_str()));
        assert_eq!(passwd_name(uid).as_deref(), Some(listed.as_str()));
    }
}
