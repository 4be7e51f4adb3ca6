//! Makes the screenshots in `screenshots/` from the real binary in a pseudo-terminal
//! (run by `scripts/screenshots.sh`; ignored in a plain `cargo test`).

mod tui_support;

use std::path::{Path, PathBuf};
use tui_support::pty::Tui;
use tui_support::{svg, workspace};

const COLS: u16 = 120;
const ROWS: u16 = 32;

fn save(tui: &Tui, name: &str, title: &str) {
    tui.settle();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    let picture = tui.with_screen(|screen, _| svg::render(screen, title));
    std::fs::write(dir.join(format!("{name}.svg")), picture).expect("writes");
}

fn open(dir: &Path, env: &[(&str, &str)]) -> Tui {
    let ws = dir.to_str().expect("utf-8 path");
    let tui = Tui::spawn(
        &["--workspace", ws, "--today", "2003-10-15"],
        env,
        COLS,
        ROWS,
        dir,
    );
    tui.wait_text("Reports (1/");
    tui
}

/// From a fresh start, to the Leicester plan's recommendation 2.4 and its first action.
fn browse_to_an_action(tui: &mut Tui) {
    tui.keys("1jj<enter>");
    tui.wait_text("Recommendations (1/20)");
    tui.keys("jjjj<enter>");
    tui.wait_text("Action leicester-2003/2.4a");
}

#[test]
#[ignore = "writes screenshots/; run scripts/screenshots.sh"]
fn screenshots() {
    let dir = workspace();
    let mut tui = open(dir.path(), &[]);
    // Some history to show: two of M FitzG's items marked ready, one status set.
    tui.keys("2ofitzg<enter>");
    tui.wait_text("owner M FitzG");
    tui.keys("m");
    tui.wait_text("2.4b marked ready");
    tui.keys("j<space>");
    tui.wait_text("2.4a marked ready");
    tui.keys("s");
    tui.wait_text("Status of leicester-2003/2.4a");
    tui.keys("j<enter>");
    tui.wait_text("status set to on track");
    tui.keys("nRedrafted plan circulated to DMT<enter>");
    tui.wait_text("note added");
    // The executive's response to its recommendation, and a revised deadline.
    tui.keys("e");
    tui.wait_text("Response to recommendation 2.4");
    tui.keys("j<enter>agreed by Cabinet on 22.09.03<enter>");
    tui.wait_text("leicester-2003/2.4: accepted");
    tui.keys("v30.11.03<enter>");
    tui.wait_text("Why the deadline moves to 2003-11-30");
    tui.keys("redraft goes to the November DMT<enter>");
    tui.wait_text("deadline revised from");
    // And a finished one, proposed for sign-off.
    tui.keys("c1jj<enter>");
    tui.wait_text("Recommendations (1/20)");
    tui.keys("jjjjjjj<enter>");
    tui.wait_text("Action leicester-2003/3.1a");
    tui.keys("sjjjj<enter>");
    tui.wait_text("status set to complete");
    tui.keys("m");
    tui.wait_text("3.1a marked ready");
    // Its recommendation's response was due at the end of September.
    tui.keys("e");
    tui.wait_text("Response to recommendation 3.1");
    tui.keys("jjjjj<enter>30.09.03<enter>");
    tui.wait_text("leicester-2003/3.1: response due 2003-09-30");
    tui.keys("c");
    tui.wait_text("every filter cleared");

    // From 3.1a back up to recommendation 2.4 and its first action.
    tui.keys("<s-tab>kkk<enter>");
    tui.wait_text("Action leicester-2003/2.4a");
    save(&tui, "browse", "scrutineer: Browse");

    tui.keys("2/SMART<enter>");
    tui.wait_text("Filters: search /SMART");
    tui.keys("j");
    save(&tui, "actions", "scrutineer: Actions, searching");
    tui.keys("c");
    tui.wait_text("Actions (");

    tui.keys("3");
    tui.wait_text("Agenda: 3 item(s)");
    save(&tui, "agenda", "scrutineer: Agenda");

    tui.keys("4jjjjjj");
    tui.wait_text("By owner");
    save(&tui, "triage", "scrutineer: Triage");

    tui.keys("2o");
    tui.wait_text("Owner: type any spelling");
    tui.keys("kb");
    tui.wait_text("> kb");
    tui.wait_gone("A Cozens");
    save(&tui, "owner-picker", "scrutineer: the owner picker");
    tui.keys("<esc>");
    tui.wait_gone("Owner: type any spelling");
    tui.keys("?");
    tui.wait_text("Keys (esc closes)");
    save(&tui, "help", "scrutineer: help");
    tui.keys("<esc>");
    tui.wait_gone("Keys (esc closes)");
    tui.keys("q");
    assert!(tui.wait_exit());

    let mut plain = open(dir.path(), &[("NO_COLOR", "1")]);
    browse_to_an_action(&mut plain);
    save(
        &plain,
        "browse-no-color",
        "scrutineer: Browse with NO_COLOR",
    );
    plain.keys("q");
    assert!(plain.wait_exit());
}
