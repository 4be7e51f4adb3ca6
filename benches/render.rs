//! Drawing the workbench: one frame of each view into ratatui's test backend at 80x24,
//! and the workbench's own handling of keys (a cursor move, a page, typing a search)
//! with the frame drawn after each, as the event loop does. Run with
//! `cargo bench --bench render`; see BENCHMARKS.md.

mod support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scrutineer::tui::action::{Action, View};
use scrutineer::tui::{self, App, Theme};
use std::cell::RefCell;
use support::{TODAY, WORKSPACES, loaded};

fn main() {
    for name in WORKSPACES {
        let _ = loaded(name);
    }
    divan::main();
}

fn app(name: &str, view: View) -> App {
    let mut app = App::new(loaded(name).ws.clone(), TODAY, None, Theme::colour());
    app.height = 24;
    app.update(Action::ShowView(view));
    app
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(80, 24)).expect("test backend")
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

mod frame {
    use super::*;

    fn bench_view(bencher: Bencher, name: &str, view: View) {
        let app = app(name, view);
        let mut terminal = terminal();
        bencher.bench_local(|| terminal.draw(|f| tui::draw(&app, f)).expect("draw").area);
    }

    #[divan::bench(args = WORKSPACES)]
    fn browse(bencher: Bencher, name: &str) {
        bench_view(bencher, name, View::Browse);
    }

    #[divan::bench(args = WORKSPACES)]
    fn actions(bencher: Bencher, name: &str) {
        bench_view(bencher, name, View::Actions);
    }

    #[divan::bench(args = WORKSPACES)]
    fn agenda(bencher: Bencher, name: &str) {
        bench_view(bencher, name, View::Agenda);
    }

    #[divan::bench(args = WORKSPACES)]
    fn triage(bencher: Bencher, name: &str) {
        bench_view(bencher, name, View::Triage);
    }
}

/// A key handled by the workbench, then the frame drawn: what one keystroke costs
/// before a byte is written to the terminal.
mod key_and_frame {
    use super::*;

    fn bench_keys(bencher: Bencher, name: &str, view: View, keys: &[KeyCode], reset: KeyCode) {
        let app = RefCell::new(app(name, view));
        let mut terminal = terminal();
        bencher
            .with_inputs(|| app.borrow_mut().handle_key(key(reset)))
            .bench_local_values(|()| {
                let mut app = app.borrow_mut();
                for code in keys {
                    app.handle_key(key(*code));
                    terminal.draw(|f| tui::draw(&app, f)).expect("draw");
                }
            });
    }

    #[divan::bench(args = WORKSPACES)]
    fn cursor_down(bencher: Bencher, name: &str) {
        bench_keys(
            bencher,
            name,
            View::Actions,
            &[KeyCode::Char('j')],
            KeyCode::Char('g'),
        );
    }

    #[divan::bench(args = WORKSPACES)]
    fn page_down(bencher: Bencher, name: &str) {
        bench_keys(
            bencher,
            name,
            View::Actions,
            &[KeyCode::PageDown],
            KeyCode::Char('g'),
        );
    }

    /// `/` and six characters: seven keys, each followed by a frame. Divide by seven
    /// for one keystroke.
    #[divan::bench(args = WORKSPACES, max_time = 10)]
    fn search_typed(bencher: Bencher, name: &str) {
        let keys: Vec<KeyCode> = "/foster".chars().map(KeyCode::Char).collect();
        bench_keys(bencher, name, View::Actions, &keys, KeyCode::Esc);
    }
}
