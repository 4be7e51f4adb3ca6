//! The terminal workbench: a thin shell over the same core as the command line.
//! This module owns the event loop, which blocks until a key, a resize, a change on
//! disk, a worker's result or a signal arrives and draws only when something changed;
//! `terminal` owns the terminal itself (always given back: on quit, on error, on
//! panic, on a signal that ends the program; handed to the clerk's editor, or to the
//! shell on Ctrl-Z, and taken back).

pub mod action;
pub mod app;
mod editor;
pub mod keymap;
pub mod labels;
pub mod session;
pub mod shared;
mod signals;
mod terminal;
pub mod theme;
pub mod views;
pub mod widgets;

pub use app::App;
pub use terminal::terminal_problem;
pub use theme::Theme;
pub use views::draw;

use crate::workspace::store::Clock;
use crate::workspace::{Workspace, watch};
use app::{EditorNote, EditorOutcome};
use crossterm::queue;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use jiff::civil::Date;
use ratatui::Terminal;
use session::{Ending, Host, Wake};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};
use terminal::{Backend, enter, install_panic_hook, restore};

/// How long a program ended by a signal waits for a save that is writing (one waiting
/// for the lock is given up at once).
const LAST_WRITE: Duration = Duration::from_secs(10);

/// A SIGCONT this soon after the workbench took the screen back itself (Ctrl-Z, then
/// `fg`) is that same continuation: no second full redraw.
const SAME_CONTINUE: Duration = Duration::from_secs(1);

/// The clock the workbench stamps its changes with: the one the command line made
/// from its flags, so both shells stamp a change the same way.
pub type SharedClock = Arc<dyn Clock + Send + Sync>;

/// Opens the workbench on the workspace in `dir` until the user quits. `today` is the
/// clock's today; every change is stamped by `clock`.
pub fn run(
    dir: PathBuf,
    today: Date,
    clock: impl Clock + Send + Sync + 'static,
    read_only: Option<String>,
) -> anyhow::Result<()> {
    run_loaded(Workspace::load(&dir)?, today, clock, read_only)
}

/// The same, on a workspace already loaded (so a caller that loaded it to check the
/// flags does not load it twice).
pub fn run_loaded(
    ws: Workspace,
    today: Date,
    clock: impl Clock + Send + Sync + 'static,
    read_only: Option<String>,
) -> anyhow::Result<()> {
    install_panic_hook();
    let signals = signals::listen();
    let terminal = enter()?;
    run_in(terminal, signals, ws, today, Arc::new(clock), read_only)
}

/// Opens the terminal and shows that the workspace is loading before `load` runs, so
/// a large workspace answers at once rather than after its files are read. `load`
/// gives the workspace, today, the clock changes are stamped by and why it is
/// read-only. When it fails the terminal is put back first and its error returned as
/// it is.
pub fn run_loading<E, C: Clock + Send + Sync + 'static>(
    load: impl FnOnce() -> Result<(Workspace, Date, C, Option<String>), E>,
) -> Result<anyhow::Result<()>, E> {
    install_panic_hook();
    let signals = signals::listen();
    let mut terminal = match enter() {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    if let Err(e) = show_loading(&mut terminal) {
        restore();
        return Ok(Err(e));
    }
    match load() {
        Ok((ws, today, clock, read_only)) => Ok(run_in(
            terminal,
            signals,
            ws,
            today,
            Arc::new(clock),
            read_only,
        )),
        Err(e) => {
            let _ = terminal.backend_mut().flush();
            restore();
            Err(e)
        }
    }
}

fn show_loading(terminal: &mut Terminal<Backend>) -> anyhow::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(views::draw_loading)?;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()?;
    Ok(())
}

/// The workbench on an open terminal, until the clerk quits or a signal ends it; the
/// terminal is put back whatever happens.
fn run_in(
    terminal: Terminal<Backend>,
    signals: Option<signals::Listener>,
    ws: Workspace,
    today: Date,
    clock: SharedClock,
    read_only: Option<String>,
) -> anyhow::Result<()> {
    let dir = ws.dir.clone();
    let mut app = App::new(ws, today, read_only, Theme::from_env());
    app.set_clock(clock);
    let (keymap, problems) = keymap::load();
    app.set_keymap(keymap, &problems);

    let (tx, rx) = mpsc::channel();
    let worker = tx.clone();
    app.set_waker(Arc::new(move || {
        let _ = worker.send(Wake::Work);
    }));
    let signalled = tx.clone();
    let signals =
        signals.map(|s| signals::forward(s, move |sig| signalled.send(Wake::Signal(sig)).is_ok()));
    // Without a watcher the workbench still works; it just will not see others' changes.
    let watcher = watch::watch(&dir, tx.clone(), Wake::DiskChanged);
    if let Err(e) = &watcher {
        app.error(format!("not watching the workspace for changes: {e}"));
    }
    let gate = Arc::new(editor::Gate::default());
    let reader_gate = Arc::clone(&gate);
    std::thread::spawn(move || {
        loop {
            // Between polls, so that the reader can stand aside for the editor.
            reader_gate.wait_while_paused();
            let wake = match crossterm::event::poll(editor::POLL) {
                Ok(false) => continue,
                Ok(true) => match crossterm::event::read() {
                    Ok(event) => Wake::Terminal(event),
                    Err(e) => Wake::TerminalGone(e.to_string()),
                },
                Err(e) => Wake::TerminalGone(e.to_string()),
            };
            let gone = matches!(wake, Wake::TerminalGone(_));
            if tx.send(wake).is_err() || gone {
                return;
            }
        }
    });

    let mut local = Local {
        terminal,
        gate,
        resumed: None,
    };
    let outcome = session::event_loop(&mut local, &mut app, &rx);
    let mut terminal = local.terminal;
    // A save waiting for the lock is given up; one writing is let finish.
    app.abandon_saves(LAST_WRITE);
    let _ = terminal.backend_mut().flush();
    restore();
    drop(watcher);
    if let Some(signals) = signals {
        signals.close();
    }
    if let Ok(Ending::Signal(signal)) = outcome {
        signals::end_by(signal);
    }
    // The process ends next, which frees everything at once; freeing a large
    // workspace item by item first would hold the shell prompt back (0.16 s at
    // 100,000 items).
    std::mem::forget(app);
    outcome.map(|_| ())
}

/// The local terminal as a session's host: the editor and Ctrl-Z hand it over to
/// another program and take it back.
struct Local {
    terminal: Terminal<Backend>,
    gate: Arc<editor::Gate>,
    /// When the workbench last took the screen back after Ctrl-Z.
    resumed: Option<Instant>,
}

impl Host for Local {
    type Backend = Backend;

    fn terminal(&mut self) -> &mut Terminal<Backend> {
        &mut self.terminal
    }

    fn editor(&mut self, note: &EditorNote) -> Option<std::io::Result<EditorOutcome>> {
        Some(editor::write_note(&mut self.terminal, &self.gate, note))
    }

    /// Ctrl-Z: the terminal back to the shell, the program stopped until `fg`, then the
    /// screen taken back and drawn again in full.
    fn suspend(&mut self) -> std::io::Result<bool> {
        terminal::hand_back(&mut self.terminal)?;
        signals::stop();
        terminal::take_back(&mut self.terminal)?;
        self.resumed = Some(Instant::now());
        Ok(true)
    }

    /// Stopped from outside and continued: the shell may have had the terminal
    /// meanwhile, so take it back and draw all of it (unless this is the
    /// continuation of our own Ctrl-Z, already taken back).
    fn continued(&mut self) -> std::io::Result<bool> {
        if self
            .resumed
            .take()
            .is_none_or(|at| at.elapsed() > SAME_CONTINUE)
        {
            terminal::take_back(&mut self.terminal)?;
            return Ok(true);
        }
        Ok(false)
    }
}
