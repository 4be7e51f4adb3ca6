//! One session of the workbench, whatever carries it: the event loop that blocks until
//! a key, a resize, a change on disk, a worker's result or a signal arrives and draws
//! only when something changed. The local terminal and an SSH channel are two `Host`s
//! of the same loop.

use super::action::Action;
use super::app::{App, EditorNote, EditorOutcome};
use super::views::draw;
use crossterm::event::{Event, KeyEventKind};
use crossterm::queue;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::io::Write;
use std::sync::mpsc;

/// What wakes the event loop.
#[derive(Debug, Clone)]
pub enum Wake {
    Terminal(Event),
    TerminalGone(String),
    DiskChanged,
    /// Another session sharing the workspace read it again: adopt that reading.
    NewReading,
    /// A worker has something: scores for a large search, or a save waiting or done.
    Work,
    /// A signal from outside: one that ends the program, or SIGCONT.
    Signal(i32),
    /// The session is to end (the server is stopping, or the session was idle too
    /// long), with the words to leave on the screen.
    End(String),
}

/// Why the event loop ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    Quit,
    Signal(i32),
    Ended(String),
}

/// What carries a session: where its frames go and what it can do beyond drawing.
pub trait Host {
    type Backend: Backend<Error = std::io::Error> + Write;

    fn terminal(&mut self) -> &mut Terminal<Self::Backend>;

    /// A frame has been drawn into the backend: send it on.
    fn frame_done(&mut self) -> std::io::Result<()> {
        Write::flush(self.terminal().backend_mut())
    }

    /// The window has a new size.
    fn resized(&mut self, _width: u16, _height: u16) -> std::io::Result<()> {
        Ok(())
    }

    /// Runs the clerk's editor on a note with the terminal handed over to it; None
    /// where there is no editor to run (over SSH).
    fn editor(&mut self, _note: &EditorNote) -> Option<std::io::Result<EditorOutcome>> {
        None
    }

    /// Hands the terminal back to the shell until `fg`; false where there is no shell
    /// (over SSH).
    fn suspend(&mut self) -> std::io::Result<bool> {
        Ok(false)
    }

    /// The process was continued from outside (SIGCONT).
    fn continued(&mut self) -> std::io::Result<bool> {
        Ok(false)
    }
}

/// Draws one frame, as one synchronized update.
pub fn frame<H: Host>(host: &mut H, app: &mut App) -> anyhow::Result<()> {
    let terminal = host.terminal();
    let size = terminal.size()?;
    app.height = size.height;
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| draw(app, frame))?;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    host.frame_done()?;
    Ok(())
}

/// Runs the session until the user quits, a signal ends it or it is told to end.
pub fn event_loop<H: Host>(
    host: &mut H,
    app: &mut App,
    rx: &mpsc::Receiver<Wake>,
) -> anyhow::Result<Ending> {
    let mut dirty = true;
    loop {
        if dirty {
            frame(host, app)?;
        }
        // Block until something happens, then take everything else already waiting, so a
        // burst of keys or a resize storm becomes one frame.
        let first = rx.recv()?;
        dirty = false;
        for wake in std::iter::once(first).chain(rx.try_iter()) {
            match wake {
                Wake::Terminal(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key);
                    if let Some(note) = app.take_editor() {
                        match host.editor(&note) {
                            Some(outcome) => app.editor_done(note, outcome?),
                            None => app.editor_done(
                                note,
                                EditorOutcome::CannotStart(
                                    "no editor runs over SSH; type the note in the prompt"
                                        .to_string(),
                                ),
                            ),
                        }
                    }
                    if app.take_suspend() && !host.suspend()? {
                        app.error(
                            "Ctrl-Z suspends only a workbench run in a local terminal; q quits",
                        );
                    }
                    dirty = true;
                }
                Wake::Terminal(Event::Resize(width, height)) => {
                    host.resized(width, height)?;
                    app.update(Action::Resize);
                    dirty = true;
                }
                Wake::Terminal(_) => {}
                Wake::DiskChanged => dirty |= shown_again(app, Action::DiskChanged),
                Wake::NewReading => dirty |= shown_again(app, Action::NewReading),
                Wake::Work => dirty |= app.take_scores() | app.take_saves(),
                Wake::Signal(super::signals::CONTINUED) => dirty |= host.continued()?,
                Wake::Signal(signal) => return Ok(Ending::Signal(signal)),
                Wake::End(why) => return Ok(Ending::Ended(why)),
                Wake::TerminalGone(e) => anyhow::bail!("lost the terminal: {e}"),
            }
            if app.should_quit() {
                return Ok(Ending::Quit);
            }
        }
    }
}

/// Gives the app a change of the workspace; whether it showed anything new (our own
/// save, seen again, needs no frame).
fn shown_again(app: &mut App, action: Action) -> bool {
    let reloads = app.reloads;
    app.update(action);
    app.reloads != reloads
}
