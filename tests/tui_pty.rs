//! The real binary in a pseudo-terminal: keys typed, the screen read through a terminal
//! emulator. Every wait is for something on the screen, with a generous time limit.

mod tui_support;

use std::path::Path;
use tui_support::pty::Tui;
use tui_support::workspace;

fn open(dir: &Path, today: &str, env: &[(&str, &str)], cols: u16, rows: u16) -> Tui {
    let ws = dir.to_str().expect("utf-8 path");
    let tui = Tui::spawn(&["--workspace", ws, "--today", today], env, cols, rows, dir);
    tui.wait_text("Reports (1/");
    tui
}

fn scrutineer(args: &[&str]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(args)
        .env("SCRUTINEER_CONFIG", "/nonexistent/config.toml")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn assert_restored(tui: &Tui) {
    tui.with_screen(|screen, _| {
        assert!(!screen.alternate_screen(), "left the alternate screen");
        assert!(!screen.hide_cursor(), "the cursor is shown again");
    });
}

/// The clerk's story: every overdue action of "M FitzG", two marked ready, seen on the
/// agenda, and the same two in `scrutineer agenda` afterwards.
#[test]
fn find_overdue_actions_of_an_owner_mark_two_and_see_them_on_the_agenda() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    // The clerk's calendar has Leicester scrutiny's December meeting.
    let calendar = dir.path().join("committees.toml");
    let text = std::fs::read_to_string(&calendar).expect("calendar");
    let text = text.replacen("  2003-09-17,", "  2003-09-17,\n  2003-12-10,", 1);
    assert!(text.contains("2003-12-10"));
    std::fs::write(&calendar, text).expect("write calendar");
    let mut tui = open(dir.path(), "2003-11-15", &[], 100, 30);
    tui.keys("o");
    tui.wait_text("Owner: type any spelling");
    tui.keys("M FitzG");
    tui.wait_text("also M.FitzG, MfitsG");
    tui.keys("<enter>");
    tui.wait_text("owner M FitzG");
    tui.keys("d");
    tui.wait_text("due within 7 days");
    tui.keys("<enter>");
    tui.wait_text("owner M FitzG · deadline overdue  (2 of");
    tui.keys("2");
    tui.wait_text("Actions (2)");
    tui.keys("m");
    tui.wait_text("leicester-2003/2.4b marked ready");
    tui.keys("j<space>");
    tui.wait_text("leicester-2003/2.4a marked ready");
    tui.keys("3");
    tui.wait_text("Agenda: 2 item(s) marked ready");
    let agenda = tui.contents();
    assert!(
        agenda.contains("2.4a") && agenda.contains("2.4b"),
        "{agenda}"
    );
    tui.keys("q");
    assert!(tui.wait_exit(), "exits cleanly");
    assert_restored(&tui);

    let tracking = std::fs::read_to_string(dir.path().join("tracking.toml")).expect("tracking");
    for id in ["leicester-2003/2.4a", "leicester-2003/2.4b"] {
        assert!(
            tracking.contains(&format!("[items.\"{id}\"]\nready_for = \"next\"")),
            "{tracking}"
        );
    }
    // The pack for Leicester's next meeting (29 October) lists both, by the numbers
    // the paper prints.
    let printed = scrutineer(&["--workspace", ws, "--today", "2003-10-20", "agenda"]);
    assert!(printed.contains("Wednesday 29 October 2003"), "{printed}");
    assert!(printed.contains("| Items reported | 2 "), "{printed}");
    assert!(printed.contains("**2.4a**"), "{printed}");
    assert!(printed.contains("**2.4b**"), "{printed}");
}

#[test]
fn search_as_you_type_then_clear() {
    let dir = workspace();
    let mut tui = open(dir.path(), "2003-10-15", &[], 80, 24);
    tui.keys("2/leaflets");
    tui.wait_text("search: leaflets");
    tui.wait_text("Review current leaflets");
    tui.keys("<enter>");
    tui.wait_text("Filters: search /leaflets");
    tui.keys("/<esc>");
    tui.wait_text("Actions (72)");
    tui.keys("q");
    assert!(tui.wait_exit());
    assert_restored(&tui);
}

#[test]
fn a_change_made_by_another_process_appears_without_a_key_press() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let mut tui = open(dir.path(), "2003-10-15", &[], 100, 30);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    let before = tui.contents();
    assert!(!before.contains("2003-10-29"), "nothing is ready yet");
    scrutineer(&["--workspace", ws, "mark", "leicester-2003/2.4b"]);
    tui.wait_text("reloaded (changed on disk)");
    // The ready column shows the meeting the item is now ready for.
    tui.wait_text("2003-10-29");
    tui.keys("q");
    assert!(tui.wait_exit());
}

#[test]
fn our_own_save_draws_one_frame_not_a_second_when_the_watcher_sees_it() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let mut tui = open(dir.path(), "2003-10-15", &[], 100, 30);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    // First, how long the watcher takes here to bring in a change from another process
    // (so the wait below is known to be long enough for it to see our own save).
    let started = std::time::Instant::now();
    scrutineer(&["--workspace", ws, "mark", "leicester-2003/3.3a"]);
    tui.wait_text("reloaded (changed on disk)");
    let latency = started.elapsed();
    tui.settle();
    let before = tui.output.lock().expect("output").len();
    tui.keys("m");
    tui.wait_text("marked ready");
    // Three times what the watcher took, at least 700 ms; then until nothing is written.
    std::thread::sleep((latency * 3).max(std::time::Duration::from_millis(700)));
    tui.settle();
    let written = tui.output.lock().expect("output")[before..].to_vec();
    let frames = written.windows(8).filter(|w| w == b"\x1b[?2026h").count();
    assert_eq!(frames, 1, "{}", String::from_utf8_lossy(&written));
    // And the watcher is still watching: another process's change still comes in.
    scrutineer(&["--workspace", ws, "mark", "leicester-2003/3.2c"]);
    tui.wait_text("reloaded (changed on disk)");
    tui.keys("q");
    assert!(tui.wait_exit());
}

#[test]
fn escape_sequences_in_a_report_never_reach_the_terminal() {
    let dir = workspace();
    let hostile = "id = \"hostile\"\n\
        title = \"Evil \\u001b]0;pwned\\u0007 title \\u001b[2J\"\n\
        [[recommendations]]\n\
        id = \"1\"\n\
        text = \"Clear \\u001b[2J the screen \\u001b]2;owned\\u001b\\\\ now\"\n";
    std::fs::write(dir.path().join("reports/hostile.toml"), hostile).expect("write");
    let mut tui = open(dir.path(), "2003-10-15", &[], 100, 30);
    // The hostile report is the fourth (undated reports come last, by id).
    tui.keys("jjj");
    tui.wait_text("Evil \\e]0;pwned\\x07 title \\e[2J");
    tui.keys("<enter>");
    tui.wait_text("1 Clear \\e[2J the screen");
    tui.with_screen(|screen, recorder| {
        assert!(
            recorder.titles.is_empty(),
            "title set to {:?}",
            recorder.titles
        );
        assert!(
            screen.contents().contains(" 1 Browse "),
            "the screen was not cleared"
        );
    });
    let raw = tui.output.lock().expect("output").clone();
    let raw = String::from_utf8_lossy(&raw);
    assert!(
        !raw.contains("\u{1b}]"),
        "an OSC sequence was sent: {raw:?}"
    );
    assert!(
        !raw.contains("\u{1b}[2J"),
        "the screen was cleared: {raw:?}"
    );
    tui.keys("q");
    assert!(tui.wait_exit());
    assert_restored(&tui);
}

#[test]
fn resizing_below_the_minimum_shows_a_message_and_back_restores_the_view() {
    let dir = workspace();
    let mut tui = open(dir.path(), "2003-10-15", &[], 80, 24);
    tui.resize(30, 8);
    tui.wait_text("Terminal too small (30x8)");
    tui.resize(60, 15);
    tui.wait_text("Reports (1/");
    tui.keys("q");
    assert!(tui.wait_exit());
    assert_restored(&tui);
}

#[test]
fn no_color_draws_without_colour_and_reverses_the_selection() {
    let dir = workspace();
    let mut tui = open(dir.path(), "2003-10-15", &[("NO_COLOR", "")], 80, 24);
    tui.keys("2j");
    // The second row of the table selected: its text reversed (the blank padding after
    // it is left plain, to keep a move cheap).
    let reversed = |screen: &vt100::Screen, row| screen.cell(row, 2).is_some_and(|c| c.inverse());
    tui.wait_for("the second row selected", |screen| reversed(screen, 5));
    tui.with_screen(|screen, _| {
        let (rows, cols) = screen.size();
        for row in 0..rows {
            for col in 0..cols {
                let cell = screen.cell(row, col).expect("cell");
                assert_eq!(cell.fgcolor(), vt100::Color::Default, "row {row} col {col}");
                assert_eq!(cell.bgcolor(), vt100::Color::Default, "row {row} col {col}");
            }
        }
        let selected = (1..50).all(|col| screen.cell(5, col).is_some_and(|c| c.inverse()));
        assert!(
            selected && (3..rows - 2).filter(|r| reversed(screen, *r)).count() == 1,
            "the selected row is reversed:\n{}",
            screen.contents()
        );
    });
    tui.keys("q");
    assert!(tui.wait_exit());
}

#[test]
fn read_only_says_why_marking_does_nothing() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let before = std::fs::read_to_string(dir.path().join("tracking.toml")).expect("tracking");
    let mut tui = Tui::spawn(
        &["--workspace", ws, "--today", "2003-10-15", "--read-only"],
        &[],
        80,
        24,
        dir.path(),
    );
    tui.wait_text("READ-ONLY");
    tui.keys("2m");
    tui.wait_text("read-only (--read-only was given): marking ready is off");
    tui.keys("q");
    assert!(tui.wait_exit());
    let after = std::fs::read_to_string(dir.path().join("tracking.toml")).expect("tracking");
    assert_eq!(before, after);
}

/// The editor key hands the terminal to $EDITOR (here a script that writes two lines)
/// and takes it back: the note is saved, the screen is drawn again in full, and
/// quitting still leaves the terminal as it was.
#[test]
fn a_long_note_is_written_in_the_editor_and_the_screen_comes_back() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let bin = tempfile::tempdir().expect("tempdir");
    let script = bin.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf 'Long note from the editor\\nsecond line\\n' > \"$1\"\n",
    )
    .expect("write the editor");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let editor = script.to_str().expect("utf-8 path");
    let mut tui = open(dir.path(), "2003-10-15", &[("EDITOR", editor)], 100, 30);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    tui.keys("N");
    tui.wait_text("note added to");
    tui.with_screen(|screen, _| {
        assert!(screen.alternate_screen(), "back on the alternate screen");
        let shown = screen.contents();
        assert!(
            shown.contains(" 1 Browse "),
            "the tab bar is drawn:\n{shown}"
        );
        assert!(shown.contains("deadline ▼"), "the table is drawn:\n{shown}");
    });
    tui.keys("<enter>");
    tui.wait_text("Long note from the editor");
    tui.wait_text("second line");
    let tracking = std::fs::read_to_string(dir.path().join("tracking.toml")).expect("tracking");
    assert!(
        tracking.contains("Long note from the editor\nsecond line"),
        "{tracking}"
    );
    tui.keys("<esc>");
    tui.wait_gone("Item (esc closes)");
    tui.keys("q");
    assert!(tui.wait_exit(), "exits cleanly");
    assert_restored(&tui);
}

/// A tracking file nobody may write (mode 0444) opens the workbench read-only by
/// itself, saying why, and a key that would change something says so and writes
/// nothing.
#[cfg(unix)]
#[test]
fn a_read_only_tracking_file_opens_the_workbench_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let path = dir.path().join("tracking.toml");
    let before = std::fs::read_to_string(&path).expect("tracking");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let mut tui = Tui::spawn(
        &["--workspace", ws, "--today", "2003-10-15"],
        &[],
        100,
        24,
        dir.path(),
    );
    tui.wait_text("READ-ONLY");
    tui.keys("2m");
    tui.wait_text("tracking.toml is read-only");
    tui.keys("q");
    assert!(tui.wait_exit());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(std::fs::read_to_string(&path).expect("tracking"), before);
}

/// The README's config.toml, read from a real file: space marks, ctrl-f searches,
/// ctrl-q quits. And `N` hands the note to $VISUAL when both it and $EDITOR are set.
#[cfg(unix)]
#[test]
fn keys_from_a_real_config_file_and_visual_before_editor() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace();
    let home = tempfile::tempdir().expect("temp dir");
    let ws = dir.path().to_str().expect("utf-8 path");
    let config = home.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys]\nmark = \"space\"\nquit = [\"q\", \"ctrl-q\"]\nsearch = \"ctrl-f\"\n",
    )
    .expect("config");
    let editor = |name: &str| {
        let path = home.path().join(name);
        std::fs::write(
            &path,
            format!("#!/bin/sh\nprintf 'written by {name}\\n' >> \"$1\"\n"),
        )
        .expect("script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        path.to_str().expect("utf-8 path").to_string()
    };
    let (visual, plain) = (editor("visual"), editor("editor"));
    let config = config.to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &["--workspace", ws, "--today", "2003-10-15"],
        &[
            ("SCRUTINEER_CONFIG", config),
            ("VISUAL", &visual),
            ("EDITOR", &plain),
        ],
        100,
        30,
        home.path(),
    );
    tui.wait_text("Reports (1/");
    tui.keys("2");
    tui.wait_text("Actions (72)");
    // ctrl-f: the search prompt.
    tui.keys("\u{6}leaflets");
    tui.wait_text("search: leaflets");
    tui.wait_text("Actions (3)");
    tui.keys("<enter>");
    // space: mark ready.
    tui.keys(" ");
    tui.wait_text("marked ready");
    tui.keys("N");
    tui.wait_text("note");
    tui.settle();
    let tracking = std::fs::read_to_string(dir.path().join("tracking.toml")).expect("tracking");
    assert!(tracking.contains("ready_for = \"next\""), "{tracking}");
    assert!(tracking.contains("written by visual"), "{tracking}");
    assert!(!tracking.contains("written by editor"), "{tracking}");
    // ctrl-q quits.
    tui.keys("\u{11}");
    assert!(tui.wait_exit());
}

// README: "nothing is drawn on a timer": an idle workbench sends nothing at all. The
// output is seen to arrive first (the first frame, then a key's frame), so the quiet
// that follows is the workbench's, not a reader that stopped reading.
#[test]
fn nothing_is_sent_while_idle() {
    let dir = workspace();
    let mut tui = open(dir.path(), "2003-10-15", &[], 100, 30);
    tui.keys("2");
    tui.wait_text("Actions (72)");
    tui.settle();
    let before = tui.output.lock().expect("output").len();
    std::thread::sleep(std::time::Duration::from_secs(3));
    let after = tui.output.lock().expect("output").len();
    assert_eq!(after, before, "bytes were sent while nothing happened");
    tui.keys("j");
    // The key's frame arrives, so the reader was reading all along.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while tui.output.lock().expect("output").len() == after {
        assert!(std::time::Instant::now() < until, "no frame for the key");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    tui.keys("q");
    assert!(tui.wait_exit());
}

// README: the terminal is "restored after a panic". This test runs its own binary again
// in a pseudo-terminal, as the helper below: it takes the terminal as the workbench
// does and then panics while loading. The hook must give the terminal back before the
// message is printed.
#[cfg(unix)]
#[test]
fn a_panic_gives_the_terminal_back_and_the_message_is_readable() {
    let exe = std::env::current_exe().expect("the test's own path");
    let exe = exe.to_string_lossy().to_string();
    let dir = workspace();
    let args = [
        "--exact",
        "panic_while_holding_the_terminal",
        "--nocapture",
        "--test-threads=1",
    ];
    let mut tui = Tui::spawn_program(&exe, &args, &[(PANIC_HELPER, "1")], 100, 30, dir.path());
    let status = tui.wait_status();
    assert!(!status.success(), "the helper panicked");
    tui.wait_text("on purpose");
    assert_restored(&tui);
    assert_eq!(tui.cooked(), Some(true), "raw mode is off again");
    tui.with_screen(|screen, _| {
        let text = screen.contents();
        assert!(
            text.contains("panicked") && text.contains("held the terminal"),
            "the message is on the main screen: {text}"
        );
    });
}

const PANIC_HELPER: &str = "SCRUTINEER_TEST_PANIC_HELPER";

/// The helper for the test above; does nothing unless that test runs it.
#[test]
fn panic_while_holding_the_terminal() {
    if std::env::var_os(PANIC_HELPER).is_none() {
        return;
    }
    let _ = scrutineer::tui::run_loading::<String, scrutineer::cli::Clock>(|| {
        panic!("a fault while the workbench held the terminal (on purpose)")
    });
}
