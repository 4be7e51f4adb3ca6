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
    check_moves(view, setup, theme, &["j", "j", "k", "j"])
}

fn check_moves(view: &str, setup: &str, theme: Theme, moves: &[&str]) -> Vec<usize> {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), theme);
    press(&mut app, setup);
    let bytes = bytes_per_move(&mut app, moves);
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

/// The interior rows (inside the borders) of the `n`th of the three stacked lists on
/// the left of Browse, found from their borders in the first column.
fn pane_rows(buffer: &ratatui::buffer::Buffer, n: usize) -> std::ops::Range<u16> {
    let (mut tops, mut bottoms) = (Vec::new(), Vec::new());
    for y in 0..buffer.area.height {
        match buffer[(0, y)].symbol() {
            "┌" | "╭" => tops.push(y),
            "└" | "╰" => bottoms.push(y),
            _ => {}
        }
    }
    // The first box is the list of reports (the detail is on the right).
    assert!(
        tops.len() >= 3 && bottoms.len() >= 3,
        "{tops:?} {bottoms:?}"
    );
    tops[n] + 1..bottoms[n]
}

/// In Browse a move also shows another report, recommendation or item on the right
/// (and in the lists below it), which costs what that text costs; the list moved in
/// changes only in the two rows the selection leaves and enters.
#[test]
fn a_cursor_move_in_browse_changes_only_two_rows_of_its_list() {
    // The reports list; Leicester's recommendations; the four actions answering 2.4.
    for (n, setup) in ["1", "1jj<enter>", "1jj<enter>jjjj<enter>"]
        .iter()
        .enumerate()
    {
        let bytes = check(&format!("browse {setup}"), setup, Theme::colour());
        assert!(!bytes.is_empty());
        let dir = cycle_workspace();
        let mut app = app_in(dir.path(), Theme::colour());
        press(&mut app, setup);
        let selected = |app: &App| {
            (
                app.browse.report.clone(),
                app.browse.rec.clone(),
                app.browse.item.clone(),
            )
        };
        let was = selected(&app);
        let before = tui_support::buffer(&app, 80, 24);
        press(&mut app, "j");
        let after = tui_support::buffer(&app, 80, 24);
        assert_ne!(selected(&app), was, "{setup}: j moved nothing");
        let rows = pane_rows(&before, n);
        assert_eq!(rows, pane_rows(&after, n), "{setup}: the layout changed");
        assert!(rows.len() >= 3, "{setup}: {rows:?}");
        // The left column's width: up to the detail's border.
        let width = (1..80)
            .find(|x| before[(*x, rows.start - 1)].symbol() == "┐")
            .expect("the list's right border");
        let rows_changed: Vec<u16> = rows
            .filter(|y| (1..width).any(|x| before[(x, *y)] != after[(x, *y)]))
            .collect();
        assert_eq!(rows_changed.len(), 2, "{setup}: rows {rows_changed:?}");
        assert_eq!(
            rows_changed[1],
            rows_changed[0] + 1,
            "{setup}: the selection moves to the next row"
        );
    }
}

#[test]
fn a_cursor_move_in_the_agenda_fits_the_budget() {
    // At 80x24 the third item is below the pane (the next meeting's heading and why
    // its date is inferred take five rows): the moves stay between the first two.
    let bytes = check_moves("agenda", "3", Theme::colour(), &["j", "k", "j", "k"]);
    assert!(bytes.iter().all(|b| *b < BUDGET), "{bytes:?}");
}
