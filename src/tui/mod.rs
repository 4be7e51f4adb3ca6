//! The terminal workbench: a thin shell over the same core as the command line.
//! This module owns the terminal: raw mode and the alternate screen (always restored,
//! on quit, on error and on panic; handed to the clerk's editor and taken back) and
//! the event loop, which blocks until a key, a resize or a change on disk arrives and
//! draws only when something changed.

pub mod action;
pub mod app;
mod editor;
pub mod keymap;
pub mod theme;
pub mod views;
pub mod widgets;

pub use app::App;
pub use theme::Theme;
pub use views::draw;

use crate::workspace::{Workspace, watch};
use action::Action;
use crossterm::event::{Event, KeyEventKind};
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use crossterm::{cursor, execute, queue, terminal};
use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

type Backend = CrosstermBackend<BufWriter<Screen>>;

/// Set once the terminal has been restored: from then on, nothing more is drawn.
static RESTORED: AtomicBool = AtomicBool::new(false);

/// Standard output for frames, which goes quiet once the terminal is restored, so a
/// half-written frame left in the buffer by a panic never reaches the shell's screen.
struct Screen;

impl Write for Screen {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if RESTORED.load(Ordering::SeqCst) {
            return Ok(buf.len());
        }
        std::io::stdout().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if RESTORED.load(Ordering::SeqCst) {
            return Ok(());
        }
        std::io::stdout().flush()
    }
}

/// What wakes the event loop.
#[derive(Debug, Clone)]
enum Wake {
    Terminal(Event),
    TerminalGone(String),
    DiskChanged,
    /// Scores for a large search are ready.
    Scored,
}

/// Opens the workbench on the workspace in `dir` until the user quits.
pub fn run(dir: PathBuf, today: Date, read_only: Option<String>) -> anyhow::Result<()> {
    run_loaded(Workspace::load(&dir)?, today, read_only)
}

/// The same, on a workspace already loaded (so a caller that loaded it to check the
/// flags does not load it twice).
pub fn run_loaded(ws: Workspace, today: Date, read_only: Option<String>) -> anyhow::Result<()> {
    install_panic_hook();
    let terminal = enter()?;
    run_in(terminal, ws, today, read_only)
}

/// Opens the terminal and shows that the workspace is loading before `load` runs, so
/// a large workspace answers at once rather than after its files are read. When `load`
/// fails the terminal is put back first and its error returned as it is.
pub fn run_loading<E>(
    load: impl FnOnce() -> Result<(Workspace, Date, Option<String>), E>,
) -> Result<anyhow::Result<()>, E> {
    install_panic_hook();
    let mut terminal = match enter() {
        Ok(t) => t,
        Err(e) => return Ok(Err(e)),
    };
    if let Err(e) = show_loading(&mut terminal) {
        restore();
        return Ok(Err(e));
    }
    match load() {
        Ok((ws, today, read_only)) => Ok(run_in(terminal, ws, today, read_only)),
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

/// The workbench on an open terminal, until the clerk quits; the terminal is put back
/// whatever happens.
fn run_in(
    mut terminal: Terminal<Backend>,
    ws: Workspace,
    today: Date,
    read_only: Option<String>,
) -> anyhow::Result<()> {
    let dir = ws.dir.clone();
    let mut app = App::new(ws, today, read_only, Theme::from_env());
    let (keymap, problems) = keymap::load();
    app.set_keymap(keymap, &problems);

    let (tx, rx) = mpsc::channel();
    let scored = tx.clone();
    app.set_waker(Arc::new(move || {
        let _ = scored.send(Wake::Scored);
    }));
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
    let _ = terminal.backend_mut().flush();
    restore();
    drop(watcher);
    // The process ends next, which frees everything at once; freeing a large
    // workspace item by item first would hold the shell prompt back (0.16 s at
    // 100,000 items).
    std::mem::forget(app);
    outcome
}

fn event_loop(
    terminal: &mut Terminal<Backend>,
    app: &mut App,
    rx: &mpsc::Receiver<Wake>,
    gate: &editor::Gate,
) -> anyhow::Result<()> {
    let mut dirty = true;
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
                Wake::Scored => dirty |= app.take_scores(),
                Wake::TerminalGone(e) => anyhow::bail!("lost the terminal: {e}"),
            }
            if app.should_quit() {
                return Ok(());
            }
        }
    }
}

fn enter() -> anyhow::Result<Terminal<Backend>> {
    RESTORED.store(false, Ordering::SeqCst);
    terminal::enable_raw_mode()?;
    let mut out = BufWriter::with_capacity(1 << 16, Screen);
    let entered = execute!(out, terminal::EnterAlternateScreen, cursor::Hide)
        .map_err(anyhow::Error::from)
        .and_then(|()| Ok(Terminal::new(CrosstermBackend::new(out))?));
    if entered.is_err() {
        restore();
    }
    entered
}

/// Puts the terminal back as it was: main screen, cursor shown, raw mode off. Safe to
/// call more than once.
fn restore() {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = execute!(
        std::io::stdout(),
        EndSynchronizedUpdate,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// On a panic, restore the terminal first so the message is readable and the shell usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
