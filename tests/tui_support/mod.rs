//! Helpers for the workbench's tests: a copy of the bundled workspace, scripted keys,
//! and the screen as text from ratatui's test backend.
#![allow(dead_code)]

#[path = "../common/copy.rs"]
mod copy;
pub mod pty;
pub mod svg;

pub use copy::copy_dir;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jiff::civil::{Date, date};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use scrutineer::tui::{self, App, Theme};
use scrutineer::workspace::Workspace;
use std::path::{Path, PathBuf};

/// The fixed "today" of the tests: a month after the Leicester plan, before its
/// next scrutiny meeting (29 October 2003), with some items overdue.
pub fn today() -> Date {
    date(2003, 10, 15)
}

/// A fresh copy of the bundled workspace, deleted when dropped.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    copy_dir(&data, dir.path());
    dir
}

/// A copy of the bundled workspace with this tracking file.
pub fn workspace_with(tracking: &str) -> tempfile::TempDir {
    let dir = workspace();
    std::fs::write(dir.path().join("tracking.toml"), tracking).expect("tracking");
    dir
}

/// Ready for the next meeting (29 October 2003): a progress report and a completed
/// item; for Dudley's next meeting; for Oxfordshire's, which its (added) scrutiny
/// committee has not scheduled; and one presented at the September meeting.
pub const CYCLE_TRACKING: &str = r#"
[items."leicester-2003/2.4b"]
ready_for = "next"

[items."leicester-2003/3.1a"]
status = "complete"
ready_for = "next"

[items."dudley-2010/19"]
ready_for = "next"

[items."oxfordshire-2005/2.7"]
ready_for = "next"

[items."leicester-2003/1.1a"]
ready_for = 2003-09-17
status = "on-track"
"#;

pub const OXFORDSHIRE_SCRUTINY: &str = r#"
[[committee]]
id = "oxfordshire-scrutiny"
name = "Children's Services Scrutiny Committee"
authority = "Oxfordshire"
select = true
meetings = []
"#;

pub fn cycle_workspace() -> tempfile::TempDir {
    let dir = workspace_with(CYCLE_TRACKING);
    let calendar = dir.path().join("committees.toml");
    let mut text = std::fs::read_to_string(&calendar).expect("calendar");
    text.push_str(OXFORDSHIRE_SCRUTINY);
    std::fs::write(&calendar, text).expect("calendar");
    dir
}

/// The tracking file as saved.
pub fn tracking(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("tracking.toml")).expect("tracking.toml")
}

/// The status line's message.
pub fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The item with this id.
pub fn item<'a>(app: &'a App, id: &str) -> &'a scrutineer::model::Item {
    let i = app.ws.find(id).expect("item");
    &app.ws.items[i]
}

/// Browse, with this item selected in the items list (or, for a recommendation
/// tracked directly, in the recommendations list when `rec_pane`).
pub fn browse_to(app: &mut App, id: &str, rec_pane: bool) {
    let i = app.ws.find(id).expect("item");
    press(app, "1");
    app.browse_to(i);
    if rec_pane {
        press(app, "<s-tab>");
    }
}

/// Tests never open the repository's own `data/` folder: a save, a lock file or a
/// temporary copy would land in the source tree. They work on a copy (`workspace()`).
pub fn refuse_source(ws: &Path) {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .canonicalize()
        .expect("the source data folder");
    assert!(
        ws.canonicalize().map_or(true, |ws| ws != source),
        "a test opened the source tree's data/ folder: use a copy (workspace())"
    );
}

pub fn app_in(dir: &Path, theme: Theme) -> App {
    refuse_source(dir);
    let ws = Workspace::load(dir).expect("loads");
    App::new(ws, today(), None, theme)
}

/// Presses keys written as text: characters as themselves, and `<tab>`, `<s-tab>`,
/// `<enter>`, `<esc>`, `<up>`, `<down>`, `<left>`, `<right>`, `<space>`, `<bs>`,
/// `<pgdn>`, `<pgup>`, `<home>`, `<end>`, `<c-X>` for named keys.
pub fn press(app: &mut App, keys: &str) {
    for key in parse_keys(keys) {
        app.handle_key(key);
    }
}

pub fn parse_keys(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
            && end > 1
        {
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            let (code, mods) = match name {
                "tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "s-tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "up" => (KeyCode::Up, KeyModifiers::NONE),
                "down" => (KeyCode::Down, KeyModifiers::NONE),
                "left" => (KeyCode::Left, KeyModifiers::NONE),
                "right" => (KeyCode::Right, KeyModifiers::NONE),
                "space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "bs" => (KeyCode::Backspace, KeyModifiers::NONE),
                "pgdn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "pgup" => (KeyCode::PageUp, KeyModifiers::NONE),
                "home" => (KeyCode::Home, KeyModifiers::NONE),
                "end" => (KeyCode::End, KeyModifiers::NONE),
                other => match other.strip_prefix("c-").and_then(|k| k.chars().next()) {
                    Some(k) => (KeyCode::Char(k), KeyModifiers::CONTROL),
                    None => panic!("unknown key <{other}>"),
                },
            };
            out.push(KeyEvent::new(code, mods));
        } else {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            out.push(KeyEvent::new(KeyCode::Char(c), mods));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The frame the app draws on a `width` x `height` terminal.
pub fn buffer(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| tui::draw(app, frame)).expect("draws");
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row, trailing spaces kept off.
pub fn text(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width).max(1);
    buffer
        .content
        .chunks(width)
        .map(|row| {
            let line: String = row.iter().map(|c| c.symbol()).collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn screen(app: &App, width: u16, height: u16) -> String {
    text(&buffer(app, width, height))
}
