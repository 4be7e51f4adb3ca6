//! Issue 12, "As a clerk found it": the workbench as a clerk met it. One clock for both
//! shells, a search that searches what the detail shows, reports named by who and
//! when, the Actions table's own references and owners, the detail's scrolling from
//! any pane, small terminals, a status with a note, and Ctrl-C in a prompt.

mod tui_support;

use scrutineer::model::{ChangeKind, ResponseKind, Status};
use scrutineer::tui::action::View;
use scrutineer::tui::{App, Theme};
use scrutineer::workspace::{self, Edit, ItemEdit};
use std::path::Path;
use tui_support::pty::Tui;
use tui_support::{app_in, item, message, press, screen, tracking, workspace};

fn scrutineer(dir: &Path, args: &[&str]) -> String {
    let ws = dir.to_str().expect("utf-8 path");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scrutineer"))
        .args(["--workspace", ws])
        .args(args)
        .env("SCRUTINEER_CONFIG", "/nonexistent/config.toml")
        .env_remove("SCRUTINEER_TODAY")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// The ids of the items tracking.toml has a table for.
fn tracked_ids(dir: &Path) -> Vec<String> {
    tracking(dir)
        .lines()
        .filter_map(|l| l.strip_prefix("[items.\"")?.split_once("\"]"))
        .map(|(id, _)| id.to_string())
        .collect()
}

/// Point 1: a change made with a key is stamped with `--today`, as the same change
/// from the command line is, so a mark for "next" becomes "presented" once that
/// meeting has passed.
#[test]
fn a_change_made_in_the_workbench_is_stamped_with_the_given_day() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &["--workspace", ws],
        &[("SCRUTINEER_TODAY", "2003-10-15")],
        100,
        30,
        dir.path(),
    );
    tui.wait_text("today 2003-10-15");
    tui.keys("2");
    tui.wait_text("sorted by deadline");
    tui.keys("m");
    tui.wait_text("marked ready for the next select committee");
    tui.keys("nchased the lead officer<enter>");
    tui.wait_text("note added");
    tui.keys("q");
    assert!(tui.wait_exit(), "exits cleanly");

    let saved = tracking(dir.path());
    let stamps: Vec<&str> = saved
        .lines()
        .filter_map(|l| l.strip_prefix("at = "))
        .collect();
    assert_eq!(stamps.len(), 2, "{saved}");
    for at in &stamps {
        assert!(at.starts_with("2003-10-15T"), "stamped {at}:\n{saved}");
    }
    // The mark was for the next meeting after 15 October 2003 (29 October); a month
    // on, the item has been presented there.
    let ids = tracked_ids(dir.path());
    let [id] = ids.as_slice() else {
        panic!("one item changed: {ids:?}");
    };
    let history = scrutineer(dir.path(), &["--today", "2003-11-15", "history", id]);
    assert!(
        history.contains("presented at the meeting on 2003-10-29"),
        "{history}"
    );
}

/// Point 2: `/` searches everything the detail pane shows. A report's findings are
/// found, the report is listed in Browse, and the detail says where it matched.
#[test]
fn a_search_finds_a_report_by_its_findings_and_says_where() {
    let dir = workspace();
    for (search, report, place) in [
        (
            "teenage pregnancy",
            "oxfordshire-jar-2008",
            "findings: concern",
        ),
        (
            "private fostering",
            "oxfordshire-2005",
            "findings: good practice",
        ),
    ] {
        let mut app = app_in(dir.path(), Theme::colour());
        press(&mut app, &format!("1/{search}<enter>"));
        let at = app
            .browse_rows()
            .reports
            .iter()
            .position(|r| app.ws.reports[*r].id == report)
            .unwrap_or_else(|| panic!("{search}: {report} is listed in Browse"));
        for _ in 0..at {
            press(&mut app, "j");
        }
        let shown = screen(&app, 120, 40);
        assert!(shown.contains("Found"), "{search}:\n{shown}");
        assert!(shown.contains(place), "{search}: {place}\n{shown}");
        let words = search.split(' ').next().unwrap_or(search);
        assert!(
            shown.to_lowercase().contains(words),
            "{search}: the words around the match\n{shown}"
        );
        assert!(
            message(&app).contains("in its own text") || message(&app).contains("match"),
            "{}",
            message(&app)
        );
    }
}

/// Point 2: an item is found by the executive's response to its recommendation, which
/// its detail shows, and the detail says so.
#[test]
fn a_search_finds_an_item_by_the_response_to_its_recommendation() {
    let dir = workspace();
    let rec = "oxfordshire-2005/2.7";
    let at: jiff::Timestamp = "2005-09-01T10:00:00Z".parse().expect("a time");
    let edit = ItemEdit {
        item: rec.to_string(),
        edit: Edit::Respond(ResponseKind::Rejected),
        note: "the budget went to the youth service".to_string(),
    };
    workspace::save(dir.path(), &[edit], "clerk", at).expect("saved");
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2/budget went youth<enter>");
    let (items, _) = app.table_items();
    let ids: Vec<&str> = items.iter().map(|i| app.ws.items[*i].id.as_str()).collect();
    assert!(ids.contains(&rec), "{ids:?}");
    let i = app.ws.find(rec).expect("item");
    while app.selected_item() != Some(i) {
        press(&mut app, "j");
    }
    press(&mut app, "<enter>");
    let shown = screen(&app, 120, 40);
    assert!(shown.contains("Found"), "{shown}");
    assert!(shown.contains("response: "), "{shown}");
}

/// Point 7: the Reports list and the report picker name the authority and the year,
/// the inspection's when the paper has none, else "n.d.", never dashes.
#[test]
fn reports_are_named_by_year_and_authority() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let shown = screen(&app, 100, 30);
    assert!(!shown.contains("----"), "{shown}");
    assert!(shown.contains("2010 Dudley"), "{shown}");
    assert!(
        shown.contains("2005 Oxfordshire"),
        "the inspection's year\n{shown}"
    );
    assert!(
        shown.contains("n.d. Ofsted"),
        "no date, no authority\n{shown}"
    );
    press(&mut app, "R");
    let picker = screen(&app, 120, 30);
    assert!(
        picker.contains("2003 Leicester City Council, SSI: Social Services Inspection"),
        "{picker}"
    );
    assert!(picker.contains("n.d. Ofsted: Arrangements"), "{picker}");
}

/// Point 8: the Actions table shows each item's own reference, a report column when
/// several reports are listed, and owners cut to whole names and "+N".
#[test]
fn the_actions_table_shows_the_items_own_reference_and_whole_owners() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2");
    let shown = screen(&app, 80, 24);
    let row = |text: &str| {
        shown
            .lines()
            .find(|l| l.contains(text))
            .unwrap_or_else(|| panic!("a row with {text}\n{shown}"))
            .to_string()
    };
    // Three actions answer recommendation 2.6; each shows its own reference.
    assert!(
        row("Consult foster carers").starts_with("│2.6d "),
        "{shown}"
    );
    assert!(
        row("Include in inspection").starts_with("│2.6a "),
        "{shown}"
    );
    assert!(
        row("Cross refer to National").starts_with("│2.6c "),
        "{shown}"
    );
    assert!(row("Review forecasts").contains("KS, AS +"), "{shown}");
    assert!(!shown.contains("J.Randa "), "half a name\n{shown}");
    // A wide table with several reports listed has a short report column.
    let wide = screen(&app, 120, 30);
    assert!(wide.lines().any(|l| l.contains("│report")), "{wide}");
    // One report: no report column.
    press(&mut app, "R");
    let leicester = match app.popup.as_ref() {
        Some(scrutineer::tui::app::Popup::Menu(m)) => m
            .options
            .iter()
            .position(|o| o.contains("Leicester"))
            .expect("Leicester in the picker"),
        _ => panic!("the report picker is open"),
    };
    for _ in 0..leicester {
        press(&mut app, "j");
    }
    press(&mut app, "<enter>");
    let one = screen(&app, 120, 30);
    assert!(!one.lines().any(|l| l.contains("│report")), "{one}");
}

/// Point 9: with the Reports pane focused, PgDn scrolls the detail (j moves the list),
/// and the detail's "more below" names the key that does it from there.
#[test]
fn the_detail_scrolls_from_any_pane_and_says_how() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let before = screen(&app, 80, 24);
    assert!(before.contains("more below (pgdn)"), "{before}");
    assert!(!before.contains("(j, pgdn)"), "{before}");
    press(&mut app, "<pgdn>");
    let after = screen(&app, 80, 24);
    assert!(after.contains("Reports (1/5)"), "the list stayed\n{after}");
    assert_ne!(app.browse.detail_scroll.get(), 0, "the detail scrolled");
    assert!(
        !after.contains("Authority     Dudley"),
        "the detail's top scrolled away\n{after}"
    );
    press(&mut app, "<pgup>");
    assert_eq!(app.browse.detail_scroll.get(), 0);
}

/// The dates in `screen` that are cut short ("2003-09-1" with no last digit).
fn cut_dates(screen: &str) -> Vec<String> {
    let chars: Vec<char> = screen.chars().collect();
    let mut cut = Vec::new();
    let mut i = 0;
    while i + 5 < chars.len() {
        let starts = chars[i] == '2'
            && chars[i + 1] == '0'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars[i + 4] == '-';
        if starts {
            let date: String = chars[i..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || **c == '-')
                .collect();
            if date.len() != 10 {
                cut.push(date.clone());
            }
            i += date.len().max(1);
        } else {
            i += 1;
        }
    }
    cut
}

/// Point 10: at 40x12 Browse shows rows, not empty boxes, and the Actions table drops
/// a column rather than cutting a date.
#[test]
fn a_small_terminal_shows_rows_and_whole_dates() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let browse = screen(&app, 40, 12);
    assert!(browse.contains("2010 Dudley"), "{browse}");
    assert!(browse.contains("2003 Leicester"), "{browse}");
    press(&mut app, "<tab><tab><tab>");
    let detail = screen(&app, 40, 12);
    assert!(
        detail.contains("Detail"),
        "the detail, full width\n{detail}"
    );
    press(&mut app, "2");
    let actions = screen(&app, 40, 12);
    assert!(cut_dates(&actions).is_empty(), "{actions}");
    assert!(actions.contains("2003-03-31"), "{actions}");
    for (w, h) in [(40, 10), (44, 11), (50, 12), (59, 14), (60, 9)] {
        let shown = screen(&app, w, h);
        assert!(cut_dates(&shown).is_empty(), "{w}x{h}\n{shown}");
    }
}

/// Point 15: the status prompt takes an optional note, saved with the status as one
/// history entry (as `status --note`).
#[test]
fn a_status_takes_a_note_in_one_history_entry() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>sjj");
    press(&mut app, "nworkshop postponed<enter>");
    let it = item(&app, "leicester-2003/2.4b");
    assert_eq!(it.tracking.status, Status::AtRisk);
    let last = it.tracking.history.last().expect("a change");
    assert_eq!(last.kind, ChangeKind::Status);
    assert_eq!(last.note, "workshop postponed");
    assert_eq!(it.tracking.history.len(), 1, "one entry");
    assert!(
        message(&app).contains("(workshop postponed)"),
        "{}",
        message(&app)
    );
    // Enter alone still sets the status at once, without a note.
    press(&mut app, "sk<enter>");
    let it = item(&app, "leicester-2003/2.4b");
    assert_eq!(it.tracking.status, Status::OnTrack);
    assert_eq!(
        it.tracking.history.last().map(|c| c.note.as_str()),
        Some("")
    );
}

/// Point 16: Ctrl-C in a prompt cancels the prompt (nothing typed is saved, the
/// workbench stays); outside a prompt it quits as before.
#[test]
fn ctrl_c_in_a_prompt_cancels_it_and_quits_elsewhere() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2nhalf a note<c-c>");
    assert!(
        !app.should_quit(),
        "a prompt is cancelled, not the workbench"
    );
    assert!(app.popup.is_none());
    assert!(!dir.path().join("tracking.toml").exists() || !tracking(dir.path()).contains("half"));
    press(&mut app, "vsoon<c-c>");
    assert!(!app.should_quit() && app.popup.is_none());
    press(&mut app, "/fost<c-c>");
    assert!(!app.should_quit() && app.searching.is_none());
    assert_eq!(app.view, View::Actions);
    press(&mut app, "<c-c>");
    assert!(app.should_quit(), "outside a prompt ctrl-c quits");
}

/// The same from a real terminal: Ctrl-C in the note prompt leaves the workbench open.
#[test]
fn ctrl_c_in_the_note_prompt_of_the_real_binary_cancels_it() {
    let dir = workspace();
    let ws = dir.path().to_str().expect("utf-8 path");
    let mut tui = Tui::spawn(
        &["--workspace", ws, "--today", "2003-10-15"],
        &[],
        100,
        30,
        dir.path(),
    );
    tui.wait_text("Reports (1/");
    tui.keys("2n");
    tui.wait_text("Note on");
    tui.keys("typed and kept\u{3}");
    tui.wait_gone("Note on");
    tui.wait_text("sorted by deadline");
    tui.keys("\u{3}");
    assert!(tui.wait_exit(), "ctrl-c outside a prompt quits");
    assert!(!dir.path().join("tracking.toml").exists() || !tracking(dir.path()).contains("typed"));
}

/// The clock reaches the app: a change through `App` with a clock set is stamped by it.
#[test]
fn the_app_stamps_its_changes_with_the_clock_it_is_given() {
    let dir = workspace();
    let ws = workspace::Workspace::load(dir.path()).expect("loads");
    let mut app = App::new(ws, tui_support::today(), None, Theme::colour());
    let at: jiff::Timestamp = "2003-10-15T11:00:00Z".parse().expect("a time");
    app.set_clock(std::sync::Arc::new(at));
    press(&mut app, "2m");
    assert!(tracking(dir.path()).contains("at = 2003-10-15T11:00:00Z"));
}

#[test]
fn a_date_the_paper_does_not_print_in_full_says_it_was_inferred() {
    let dir = tui_support::workspace();
    let mut app = tui_support::app_in(dir.path(), scrutineer::tui::Theme::colour());
    // Browse opens on the newest paper, Dudley's, whose publication year is inferred.
    tui_support::press(&mut app, "1");
    let screen = tui_support::screen(&app, 140, 50);
    assert!(screen.contains("(inferred:"), "{screen}");
}
