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
use action::Action;
use crossterm::event::{Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{execute, queue};
use jiff::civil::Date;
use ratatui::Terminal;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};
use terminal::{Backend, enter, install_panic_hook, restore};

/// What wakes the event loop.
#[derive(Debug, Clone)]
enum Wake {
    Terminal(Event),
    TerminalGone(String),
    DiskChanged,
    /// A worker has something: scores for a large search, or a save waiting or done.
    Work,
    /// A signal from outside: one that ends the program, or SIGCONT.
    Signal(i32),
}

/// Why the event loop ended.
enum Ending {
    Quit,
    Signal(i32),
}

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
    mut terminal: Terminal<Backend>,
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

    let outcome = event_loop(&mut terminal, &mut app, &rx, &gate);
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

fn event_loop(
    terminal: &mut Terminal<Backend>,
    app: &mut App,
    rx: &mpsc::Receiver<Wake>,
    gate: &editor::Gate,
) -> anyhow::Result<Ending> {
    let mut dirty = true;
    // When the workbench last took the screen back after Ctrl-Z.
    let mut resumed: Option<Instant> = None;
    loop {
        if dirty {
            let size = terminal.size()?;
            app.height = size.height;
            queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
            terminal.draw(|frame| draw(app, frame))?;
            execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
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
                        let outcome = editor::write_note(terminal, gate, &note)?;
                        app.editor_done(note, outcome);
                    }
                    if app.take_suspend() {
                        suspend(terminal)?;
                        resumed = Some(Instant::now());
                    }
                    dirty = true;
                }
                Wake::Terminal(Event::Resize(..)) => {
                    app.update(Action::Resize);
                    dirty = true;
                }
                Wake::Terminal(_) => {}
                Wake::DiskChanged => {
                    let reloads = app.reloads;
                    app.update(Action::DiskChanged);
                    dirty |= app.reloads != reloads;
                }
                Wake::Work => dirty |= app.take_scores() | app.take_saves(),
                Wake::Signal(signals::CONTINUED) => {
                    // Stopped from outside and continued: the shell may have had the
                    // terminal meanwhile, so take it back and draw all of it.
                    if resumed.take().is_none_or(|at| at.elapsed() > SAME_CONTINUE) {
                        terminal::take_back(terminal)?;
                        dirty = true;
                    }
                }
                Wake::Signal(signal) => return Ok(Ending::Signal(signal)),
                Wake::TerminalGone(e) => anyhow::bail!("lost the terminal: {e}"),
            }
            if app.should_quit() {
                return Ok(Ending::Quit);
            }
        }
    }
}

/// Ctrl-Z: the terminal back to the shell, the program stopped until `fg`, then the
/// screen taken back and drawn again in full.
fn suspend(terminal: &mut Terminal<Backend>) -> std::io::Result<()> {
    terminal::hand_back(terminal)?;
    signals::stop();
    terminal::take_back(terminal)
}
