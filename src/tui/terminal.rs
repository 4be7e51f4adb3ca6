//! The terminal itself: taking it (raw mode, the alternate screen, the cursor hidden),
//! handing it back to the shell for a while (the editor, Ctrl-Z) and taking it again,
//! and giving it back for good, on quit, on error, on panic and on a signal that ends
//! the program. Also whether there is a terminal at all.

use crossterm::terminal::{self, EndSynchronizedUpdate};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use std::io::{BufWriter, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Backend = CrosstermBackend<BufWriter<Screen>>;

/// Set once the terminal has been restored: from then on, nothing more is drawn.
static RESTORED: AtomicBool = AtomicBool::new(false);

/// Standard output for frames, which goes quiet once the terminal is restored, so a
/// half-written frame left in the buffer by a panic never reaches the shell's screen.
pub struct Screen;

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

/// Why the workbench cannot run here, if it cannot: it reads keys from a terminal and
/// draws on one, and drawing into a file or a pipe would fill it with escape codes.
pub fn terminal_problem() -> Option<String> {
    let input = std::io::stdin().is_terminal();
    let output = std::io::stdout().is_terminal();
    let what = match (input, output) {
        (true, true) => return None,
        (true, false) => "its output goes to a file or a pipe",
        (false, true) => "its input comes from a file or a pipe",
        (false, false) => "neither its input nor its output is a terminal",
    };
    Some(format!(
        "the workbench needs a terminal, but {what}; for text that can be saved or piped use `scrutineer list` (or `scrutineer --help` for every command)"
    ))
}

pub fn enter() -> anyhow::Result<Terminal<Backend>> {
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
pub fn restore() {
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
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The terminal as the shell had it, for a while: main screen, cursor shown, raw
/// mode off.
pub fn hand_back(terminal: &mut Terminal<Backend>) -> std::io::Result<()> {
    terminal.backend_mut().flush()?;
    execute!(
        std::io::stdout(),
        EndSynchronizedUpdate,
        terminal::LeaveAlternateScreen,
        cursor::Show
    )?;
    terminal::disable_raw_mode()
}

/// The workbench's terminal again, every cell drawn afresh at the next frame. (Not
/// `Terminal::clear`, which asks the terminal where its cursor is: a round trip over a
/// slow link, and no answer at all from some terminals.)
pub fn take_back(terminal: &mut Terminal<Backend>) -> std::io::Result<()> {
    terminal::enable_raw_mode()?;
    execute!(
        std::io::stdout(),
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All),
        cursor::Hide
    )?;
    terminal.hide_cursor()?;
    // After a frame the buffer to draw into is blank; swapping blanks the one the next
    // frame is compared with too, so every cell is sent again.
    terminal.swap_buffers();
    Ok(())
}
