//! What a cursor move costs on a slow link: the bytes the workbench writes for one `j`
//! at 80x24 in each view with a list, drawn as the event loop draws (a synchronized
//! update around ratatui's diff of the frame). The pty harness measures the Actions
//! table on the real binary; this covers Browse and the Agenda too.

mod tui_support;

use crossterm::queue;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use scrutineer::tui::{self, App, Theme};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;
use tui_support::{app_in, cycle_workspace, press};

/// The budget for one cursor move (see BENCHMARKS.md).
const BUDGET: usize = 300;

/// Counts what is written, as the terminal would receive it.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if std::env::var_os("SHOW_BYTES").is_some() {
            eprint!("{}", String::from_utf8_lossy(buf).escape_debug());
        }
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The bytes written for the frame after each of `moves`, the first frame drawn before.
fn bytes_per_move(app: &mut App, moves: &[&str]) -> Vec<usize> {
    let counter = Counter::default();
    let mut terminal = Terminal::new(CrosstermBackend::new(counter.clone())).expect("terminal");
    terminal
        .resize(ratatui::layout::Rect::new(0, 0, 80, 24))
        .expect("resize");
    let frame = |app: &App, terminal: &mut Terminal<CrosstermBackend<Counter>>| {
        counter.0.set(0);
        queue!(terminal.backend_mut(), BeginSynchronizedUpdate).expect("queue");
        terminal.draw(|f| tui::draw(app, f)).expect("draws");
        queue!(terminal.backend_mut(), EndSynchronizedUpdate).expect("queue");
        terminal.backend_mut().flush().expect("flush");
        counter.0.get()
    };
    frame(app, &mut terminal);
    moves
        .iter()
        .map(|keys| {
            press(app, keys);
            frame(app, &mut terminal)
        })
        .collect()
}

/// Moves that keep the list where it is (a scroll rewrites every row, as a page does).
fn check(view: &str, setup: &str, theme: Theme) -> Vec<usize> {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), theme);
    press(&mut app, setup);
    let bytes = bytes_per_move(&mut app, &["j", "j", "k", "j"]);
    eprintln!("{view}: {bytes:?}");
    bytes
}

#[test]
fn a_cursor_move_in_actions_fits_the_budget() {
    for theme in [Theme::colour(), Theme::monochrome()] {
        let bytes = check("actions", "2", theme);
        assert!(bytes.iter().all(|b| *b < BUDGET), "{bytes:?}");
    }
}

/// In Browse a move also shows another report, recommendation or item on the right
/// (and in the lists below it), which costs what that text costs; the lists themselves
/// change only in the two rows the selection leaves and enters, and the counter.
#[test]
fn a_cursor_move_in_browse_changes_only_two_rows_of_its_list() {
    for setup in ["1", "1<tab>", "1<tab><tab>"] {
        let bytes = check(&format!("browse {setup}"), setup, Theme::colour());
        assert!(!bytes.is_empty());
        let dir = cycle_workspace();
        let mut app = app_in(dir.path(), Theme::colour());
        press(&mut app, setup);
        let before = tui_support::buffer(&app, 80, 24);
        press(&mut app, "j");
        let after = tui_support::buffer(&app, 80, 24);
        // The focused pane's rows (the reports pane, or the one that has taken its room).
        let focused = match setup {
            "1" => 3..12,
            _ => continue,
        };
        let mut rows_changed = Vec::new();
        // The pane's top border holds its counter.
        for y in focused.filter(|y| before[(1, *y)].symbol() != "─") {
            if (1..31).any(|x| before[(x, y)] != after[(x, y)]) {
                rows_changed.push(y);
            }
        }
        assert_eq!(rows_changed.len(), 2, "{setup}: rows {rows_changed:?}");
    }
}

#[test]
fn a_cursor_move_in_the_agenda_fits_the_budget() {
    let bytes = check("agenda", "3", Theme::colour());
    assert!(bytes.iter().all(|b| *b < BUDGET), "{bytes:?}");
}
