//! The terminal is always given back and never garbled: a save that waits for another
//! clerk's lock does not freeze the screen (and Esc gives it up); a signal from outside
//! (SIGTERM, SIGINT, SIGHUP: a dropped SSH connection) puts the terminal back before
//! the program ends; Ctrl-Z suspends it and `fg` brings it back; the workbench refuses
//! to draw into a file; and text terminals disagree about never puts the screen out of
//! step. The real binary in a pseudo-terminal, read through a terminal emulator.

#![cfg(unix)]

mod tui_support;

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tui_support::pty::Tui;
use tui_support::workspace;

const BIN: &str = env!("CARGO_BIN_EXE_scrutineer");

fn open(dir: &Path, env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
    let ws = dir.to_str().expect("utf-8 path");
    let tui = Tui::spawn(
        &["--workspace", ws, "--today", "2003-10-15"],
        env,
        cols,
        rows,
        dir,
    );
    tui.wait_text("Reports (1/");
    tui
}

/// Another clerk's save in progress: the workspace lock, held until dropped.
fn hold_lock(dir: &Path) -> File {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(".scrutineer.lock"))
        .expect("opens the lock file");
    file.lock().expect("takes the lock");
    file
}

fn tracking(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("tracking.toml")).expect("tracking.toml")
}

/// The first `n` items of the Actions table (sorted by deadline), from the command line.
fn first_actions(dir: &Path, n: usize) -> Vec<String> {
    let ws = dir.to_str().expect("utf-8 path");
    let out = Command::new(BIN)
        .args(["--workspace", ws, "--today", "2003-10-15"])
        .args(["list", "--sort", "deadline", "--format", "csv"])
        .env("SCRUTINEER_CONFIG", "/nonexistent/config.toml")
        .output()
        .expect("runs");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .take(n)
        .map(|l| l.split(',').next().unwrap_or_default().to_string())
        .collect()
}

/// The row of the table drawn reversed (the selection), with NO_COLOR set.
fn selected_row(screen: &vt100::Screen) -> Option<u16> {
    let (rows, _) = screen.size();
    (3..rows.saturating_sub(2)).find(|r| screen.cell(*r, 2).is_some_and(|c| c.inverse()))
}

fn is_marked(tracking: &str, id: &str) -> bool {
    tracking.contains(&format!("[items.\"{id}\"]\nready_for = \"next\""))
}

fn assert_restored(tui: &Tui) {
    tui.with_screen(|screen, _| {
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is shown again");
    });
    assert_eq!(tui.cooked(), Some(true), "raw mode is off");
}

const WAITING: &str = "waiting for the workspace lock (held by another clerk)";

/// Point 10: while another clerk holds the lock, the mark waits for it, the screen says
/// so and still moves and searches; a second change waits behind the first; when the
/// lock is released both are saved, in the order they were made.
#[test]
fn a_save_waits_for_another_clerks_lock_and_the_clerk_keeps_reading() {
    let dir = workspace();
    let [first, second] = <[String; 2]>::try_from(first_actions(dir.path(), 2)).expect("two");
    let lock = hold_lock(dir.path());
    let env = [("SCRUTINEER_LOCK_WAIT_MS", "120000"), ("NO_COLOR", "1")];
    let mut tui = open(dir.path(), &env, 100, 30);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    let top = tui
        .with_screen(|s, _| selected_row(s))
        .expect("a row is selected");

    tui.keys("m");
    tui.wait_text(WAITING);
    // Still reading: the selection moves, a search narrows the table.
    tui.keys("j");
    tui.wait_for("the selection to move down", |s| {
        selected_row(s) == Some(top + 1)
    });
    assert!(tui.contents().contains(WAITING), "{}", tui.contents());
    tui.keys("m");
    tui.wait_text("2 changes waiting for the workspace lock");
    tui.keys("/foster");
    tui.wait_text("search: foster");
    tui.keys("<enter>");
    tui.wait_text("Filters: search /foster");
    assert!(
        !tracking(dir.path()).contains("ready_for"),
        "nothing saved yet"
    );

    drop(lock);
    tui.wait_gone(WAITING);
    tui.wait_text(&format!("{second} marked ready"));
    let saved = tracking(dir.path());
    assert!(is_marked(&saved, &first), "{saved}");
    assert!(is_marked(&saved, &second), "{saved}");
    // Saved in the order made: the second change's message is the last one shown (the
    // file keeps items in order by id, not by when they were saved).
    tui.keys("q");
    assert!(tui.wait_exit(), "exits cleanly");
    assert_restored(&tui);
}

/// Point 10: Esc gives up the wait; nothing is saved, not even when the lock comes
/// free, and the status line says so. Quitting while a change waits is refused.
#[test]
fn esc_gives_up_waiting_for_the_lock_and_nothing_is_saved() {
    let dir = workspace();
    let before = tracking(dir.path());
    let lock = hold_lock(dir.path());
    let env = [("SCRUTINEER_LOCK_WAIT_MS", "120000")];
    let mut tui = open(dir.path(), &env, 100, 30);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    tui.keys("m");
    tui.wait_text(WAITING);
    tui.keys("jm");
    tui.wait_text("2 changes waiting for the workspace lock");
    tui.keys("q");
    tui.wait_text("2 changes not saved yet");
    tui.keys("<esc>");
    tui.wait_text("cancelled, 2 changes not saved:");
    tui.wait_gone(WAITING);
    drop(lock);
    assert_eq!(tracking(dir.path()), before, "nothing was written");
    // With the lock free, a mark on a third item is saved at once, and only it: a
    // cancelled change still queued would be saved before it, in the same file.
    tui.keys("jm");
    tui.wait_text("u undoes");
    tui.settle();
    let after = tracking(dir.path());
    assert_eq!(after.matches("ready_for = ").count(), 1, "{after}");
    assert_eq!(
        after.matches("[[items.").count(),
        1,
        "one history entry: {after}"
    );
    tui.keys("q");
    assert!(tui.wait_exit(), "exits cleanly");
    assert_restored(&tui);
}

fn send(pid: u32, signal: i32) {
    let pid = i32::try_from(pid).expect("a pid");
    // SAFETY: kill only sends a signal to the process the test started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "sends the signal");
}

fn signal_name(signal: i32) -> String {
    // SAFETY: strsignal returns a static string for any signal number.
    let name = unsafe { std::ffi::CStr::from_ptr(libc::strsignal(signal)) };
    name.to_string_lossy().to_string()
}

/// Point 11: a signal that ends the program puts the terminal back first (main screen,
/// cursor shown, raw mode off) and the program ends by that signal.
fn ends_cleanly_on(signal: i32) {
    let dir = workspace();
    let mut tui = open(dir.path(), &[], 80, 24);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    tui.settle();
    let before = tui.output.lock().expect("output").len();
    send(tui.pid(), signal);
    let status = tui.wait_status();
    assert_eq!(
        status.signal(),
        Some(signal_name(signal).as_str()),
        "{status}"
    );
    let written = tui.output.lock().expect("output")[before..].to_vec();
    let written = String::from_utf8_lossy(&written);
    assert!(
        written.contains("\u{1b}[?1049l"),
        "left the alternate screen: {written:?}"
    );
    assert!(
        written.contains("\u{1b}[?25h"),
        "showed the cursor: {written:?}"
    );
    assert_restored(&tui);
}

#[test]
fn sigterm_gives_the_terminal_back() {
    ends_cleanly_on(libc::SIGTERM);
}

#[test]
fn sighup_gives_the_terminal_back() {
    ends_cleanly_on(libc::SIGHUP);
}

#[test]
fn sigint_gives_the_terminal_back() {
    ends_cleanly_on(libc::SIGINT);
}

/// Point 11: a signal while a save waits for the lock ends the program at once, with
/// the terminal back, nothing written and no temporary file left.
#[test]
fn a_signal_while_a_save_waits_gives_it_up_cleanly() {
    let dir = workspace();
    let before = tracking(dir.path());
    let lock = hold_lock(dir.path());
    let env = [("SCRUTINEER_LOCK_WAIT_MS", "120000")];
    let mut tui = open(dir.path(), &env, 100, 30);
    tui.keys("2m");
    tui.wait_text(WAITING);
    let sent = Instant::now();
    send(tui.pid(), libc::SIGTERM);
    let status = tui.wait_status();
    assert!(
        sent.elapsed() < Duration::from_secs(10),
        "did not wait for the lock"
    );
    assert!(status.signal().is_some(), "{status}");
    assert_restored(&tui);
    drop(lock);
    assert_eq!(tracking(dir.path()), before);
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .expect("reads the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with('.') && n != ".scrutineer.lock")
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}

/// The state letter of a process (`T` when stopped), from /proc.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(") ")?.1.chars().next()
}

/// The children of a process, from /proc.
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse().ok())
        .collect()
}

/// Point 11: Ctrl-Z (a key in raw mode) suspends the workbench as a shell expects: the
/// terminal is given back and the program stops; `fg` brings the screen back, drawn in
/// full, and the keys work. A shell with job control runs it, as a clerk's does; the
/// shell prints a line once the workbench has stopped, then waits for Enter to `fg`.
#[test]
fn ctrl_z_suspends_and_fg_brings_the_workbench_back() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let script = r#""$0" "$@"; echo "[stopped: $?]"; read -r line; fg"#;
    let args = [
        "-m",
        "-c",
        script,
        BIN,
        "--workspace",
        ws,
        "--today",
        "2003-10-15",
    ];
    let mut tui = Tui::spawn_program("sh", &args, &[("NO_COLOR", "1")], 80, 24, dir.path());
    tui.wait_text("Reports (1/");
    tui.keys("2");
    tui.wait_text("Actions (72)");
    let top = tui
        .with_screen(|s, _| selected_row(s))
        .expect("a row is selected");

    tui.keys("<c-z>");
    tui.wait_text("[stopped: ");
    tui.with_screen(|screen, _| {
        assert!(!screen.alternate_screen(), "the shell has its screen");
        assert!(!screen.hide_cursor(), "and its cursor");
    });
    assert_eq!(tui.cooked(), Some(true), "raw mode is off while stopped");
    if let [workbench] = children(tui.pid())[..] {
        assert_eq!(
            process_state(workbench),
            Some('T'),
            "the workbench is stopped"
        );
    }

    tui.keys("<enter>");
    tui.wait_for("the workbench to come back", |s| {
        s.alternate_screen() && s.contents().contains("Actions (72)")
    });
    tui.keys("j");
    tui.wait_for("the selection to move down", |s| {
        selected_row(s) == Some(top + 1)
    });
    tui.keys("q");
    assert!(tui.wait_exit(), "exits cleanly");
    assert_restored(&tui);
}

/// Point 12: without a terminal on both sides the workbench does not start: a message
/// that says why and what to use instead, exit code 2, nothing drawn, nothing created.
#[test]
fn the_workbench_refuses_to_draw_into_a_file() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let home = tempfile::tempdir().expect("tempdir");
    let out = home.path().join("f.txt");
    let run = |with_workspace: bool| {
        let mut cmd = Command::new(BIN);
        if with_workspace {
            cmd.args(["--workspace", ws]);
        }
        cmd.env("HOME", home.path())
            .env_remove("XDG_DATA_HOME")
            .env("SCRUTINEER_CONFIG", "/nonexistent/config.toml")
            .stdin(Stdio::null())
            .stdout(File::create(&out).expect("creates f.txt"))
            .output()
            .expect("runs")
    };
    for with_workspace in [true, false] {
        let ran = run(with_workspace);
        let stderr = String::from_utf8_lossy(&ran.stderr);
        assert_eq!(ran.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("needs a terminal"), "{stderr}");
        assert!(stderr.contains("scrutineer list"), "{stderr}");
        assert!(stderr.contains("--help"), "{stderr}");
        assert_eq!(std::fs::read(&out).expect("f.txt"), b"", "nothing drawn");
    }
    let created: Vec<_> = std::fs::read_dir(home.path())
        .expect("reads home")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "f.txt")
        .collect();
    assert!(created.is_empty(), "no workspace created: {created:?}");
}

/// Point 12, at a terminal: output to a file (the terminal keeps its screen and is
/// told why), or input from a file.
#[test]
fn at_a_terminal_the_workbench_refuses_a_redirection() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let out = dir.path().join("f.txt");
    let out_path = out.to_str().expect("utf-8 path");
    for (script, says) in [
        (
            r#""$0" --workspace "$1" > "$2""#,
            "its output goes to a file or a pipe",
        ),
        (
            r#""$0" --workspace "$1" < /dev/null"#,
            "its input comes from a file or a pipe",
        ),
    ] {
        let args = ["-c", script, BIN, ws, out_path];
        let mut tui = Tui::spawn_program("sh", &args, &[], 100, 24, dir.path());
        tui.wait_text("needs a terminal");
        let status = tui.wait_status();
        assert_eq!(status.exit_code(), 2, "{status}");
        let shown = tui.contents().replace('\n', "");
        assert!(shown.contains(says), "{shown}");
        assert!(shown.contains("scrutineer list"), "{shown}");
        let raw = tui.output.lock().expect("output").clone();
        let raw = String::from_utf8_lossy(&raw);
        assert!(
            !raw.contains("\u{1b}[?1049h"),
            "the screen was taken: {raw:?}"
        );
        assert_restored(&tui);
    }
    assert_eq!(
        std::fs::read(&out).expect("f.txt"),
        b"",
        "nothing drawn in the file"
    );
}

/// Text with every kind of character terminals disagree on the width of.
const AWKWARD: &str = "SMT \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} work\u{ad}shop \
    \u{1f44d}\u{1f3fd} on \u{1f1ec}\u{1f1e7} tar\u{200d}gets\u{2028}into \u{2764}\u{fe0f} \
    strategy \u{fffe}\u{ffff} 1\u{fe0f}\u{20e3} \u{231a}\u{fe0e} and plan\u{200b}ning\u{2029}30.09.03";

/// The screen's rows as text (a blank cell and one holding a space look the same).
fn rows(tui: &Tui) -> Vec<String> {
    tui.with_screen(|screen, _| {
        screen
            .rows(0, screen.size().1)
            .map(|row| row.trim_end().to_string())
            .collect()
    })
}

/// Point 13: after moving about a screen showing such text, what is on the terminal is
/// exactly what a fresh redraw of the same state shows: no fragments of earlier frames.
#[test]
fn awkward_characters_leave_no_fragments_on_screen() {
    let dir = workspace();
    let report = dir.path().join("reports/leicester-2003.toml");
    let text = std::fs::read_to_string(&report).expect("report");
    let printed =
        "text = \"SMT facilitated workshop, on integrating targets into strategy and planning\"";
    assert!(text.contains(printed));
    let text = text
        .replacen(printed, &format!("text = \"{AWKWARD}\""), 1)
        .replacen(
            "timescale = \"Jan / Feb '04\"",
            "timescale = \"30.09.03\u{2028}\u{1f1ec}\u{1f1e7}\u{ad}\"",
            1,
        );
    std::fs::write(&report, text).expect("write report");
    let mut tui = open(dir.path(), &[], 80, 24);
    // Browse: the Leicester report (the third), its first recommendation and action
    // (the detail pane shows the text), and about.
    for (keys, wait) in [
        ("jj", "Leicester City Council"),
        ("<tab>", "Ensure that all strategic"),
        ("<tab>", "strategy"),
        ("jkjk", "strategy"),
        ("<s-tab>", "strategy"),
        ("j", "Consider facilitating"),
        ("k<tab>", "strategy"),
    ] {
        tui.keys(keys);
        tui.wait_text(wait);
        tui.settle();
    }
    // Actions: the text in the table, searched for (highlighted) and moved over.
    for (keys, wait) in [
        ("2", "Actions (72)"),
        ("/strat", "search: strat"),
        ("<enter>", "Filters: search /strat"),
        ("jjkjGg", "Filters: search /strat"),
        ("<enter>", "esc closes"),
    ] {
        tui.keys(keys);
        tui.wait_text(wait);
        tui.settle();
    }
    tui.keys("<esc>");
    tui.wait_gone("esc closes");
    tui.keys("kj1");
    tui.wait_text("Reports (2/4)");
    tui.settle();
    let moved = rows(&tui);

    // A fresh redraw of the same state: a resize makes the workbench clear the
    // terminal and draw every cell again.
    tui.resize(81, 24);
    tui.settle();
    tui.resize(80, 24);
    tui.settle();
    let fresh = rows(&tui);
    for (row, (a, b)) in moved.iter().zip(&fresh).enumerate() {
        assert_eq!(a, b, "row {row} differs from a fresh redraw");
    }
    assert!(
        fresh.iter().any(|r| r.contains("strategy")),
        "the text is on screen:\n{}",
        fresh.join("\n")
    );
    tui.keys("q");
    assert!(tui.wait_exit());
}
