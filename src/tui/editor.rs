//! Handing the terminal to the clerk's editor for a longer note. The key reader is
//! paused first (else it would take the editor's keys), the terminal is put back as the
//! shell had it, the editor runs on it with the note in a temporary file, and then the
//! workbench takes the terminal again and redraws all of it.

use super::app::{EditorNote, EditorOutcome};
use super::terminal::{Backend, hand_back, take_back};
use ratatui::Terminal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long the key reader waits for a key before looking whether it should pause:
/// the most the editor waits to start. No frame is drawn when it wakes.
pub const POLL: Duration = Duration::from_millis(200);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Reading,
    PauseAsked,
    Paused,
}

/// Lets the event loop stop the key reader while another program has the terminal.
pub struct Gate {
    state: Mutex<State>,
    changed: Condvar,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            state: Mutex::new(State::Reading),
            changed: Condvar::new(),
        }
    }
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Called by the key reader between polls: blocks while the reader is paused.
    pub fn wait_while_paused(&self) {
        let mut state = self.lock();
        if *state == State::PauseAsked {
            *state = State::Paused;
            self.changed.notify_all();
        }
        while *state == State::Paused {
            state = self.changed.wait(state).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Asks the reader to stop and waits until it has (it finishes the poll it is in).
    /// False if it did not stop in time (it has ended, say); the editor runs anyway.
    fn pause(&self) -> bool {
        let mut state = self.lock();
        *state = State::PauseAsked;
        let wait = POLL * 10;
        let (state, _) = self
            .changed
            .wait_timeout_while(state, wait, |s| *s != State::Paused)
            .unwrap_or_else(|e| e.into_inner());
        *state == State::Paused
    }

    fn resume(&self) {
        *self.lock() = State::Reading;
        self.changed.notify_all();
    }
}

/// Runs the editor on the note with the terminal handed over, and takes it back.
/// An error means the terminal could not be taken back.
pub fn write_note(
    terminal: &mut Terminal<Backend>,
    gate: &Gate,
    note: &EditorNote,
) -> std::io::Result<EditorOutcome> {
    let file = match NoteFile::create(&note.template) {
        Ok(file) => file,
        Err(e) => {
            return Ok(EditorOutcome::Failed(format!(
                "cannot write a temporary file for the note: {e}"
            )));
        }
    };
    gate.pause();
    let outcome = hand_back(terminal).map(|()| run(&note.command, &file.path));
    let resumed = take_back(terminal);
    gate.resume();
    resumed?;
    Ok(match outcome {
        Ok(Ok(status)) if status.success() => match std::fs::read_to_string(&file.path) {
            Ok(text) => EditorOutcome::Written(text),
            Err(e) => EditorOutcome::Failed(format!("cannot read the note back: {e}")),
        },
        // The shell's codes for a command it could not find or could not run.
        Ok(Ok(status)) if matches!(status.code(), Some(126 | 127)) => {
            EditorOutcome::CannotStart(format!("`{}` was not found", note.command))
        }
        Ok(Ok(status)) => EditorOutcome::Failed(format!("the editor stopped with {status}")),
        Ok(Err(e)) => EditorOutcome::CannotStart(e.to_string()),
        Err(e) => EditorOutcome::Failed(format!("cannot hand over the terminal: {e}")),
    })
}

/// The editor command as the shell reads it (so "code --wait" or "vim -u NONE" work),
/// with the file as its last argument.
fn run(command: &str, path: &Path) -> std::io::Result<ExitStatus> {
    if cfg!(unix) {
        Command::new("sh")
            .arg("-c")
            .arg(format!("{command} \"$1\""))
            .arg("sh")
            .arg(path)
            .status()
    } else {
        let mut words = command.split_whitespace();
        let program = words.next().unwrap_or("notepad");
        Command::new(program).args(words).arg(path).status()
    }
}

/// A temporary file only this user can read, deleted when dropped.
struct NoteFile {
    path: PathBuf,
}

impl NoteFile {
    fn create(text: &str) -> std::io::Result<NoteFile> {
        static COUNT: AtomicU64 = AtomicU64::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let name = format!("scrutineer-note-{}-{n}-{nanos}.txt", std::process::id());
        let path = std::env::temp_dir().join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        file.write_all(text.as_bytes())?;
        Ok(NoteFile { path })
    }
}

impl Drop for NoteFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
