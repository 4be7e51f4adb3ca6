//! Snapshots of the workbench's screens, drawn on ratatui's test backend after scripted
//! keys, on a copy of the bundled workspace with a fixed "today". The text is
//! snapshotted; where style carries meaning (the selection without colour) it is
//! asserted separately.

mod tui_support;

use insta::assert_snapshot;
use ratatui::style::Modifier;
use scrutineer::tui::Theme;
use tui_support::{app_in, buffer, press, screen, workspace};

/// Two items ready for the next meeting and one with a status, written as a clerk's
/// tracking file would be (no history, so nothing depends on the clock).
const TRACKING: &str = r#"
[items."leicester-2003/2.4b"]
ready_for = "next"

[items."leicester-2003/1.1a"]
ready_for = "next"
status = "on-track"

[items."leicester-2003/3.1a"]
status = "complete"
ready_for = "next"
"#;

fn tracked() -> tempfile::TempDir {
    let dir = workspace();
    std::fs::write(dir.path().join("tracking.toml"), TRACKING).expect("tracking");
    dir
}

#[test]
fn browse_opens_on_the_reports() {
    let dir = workspace();
    let app = app_in(dir.path(), Theme::colour());
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn browse_shows_an_item_in_full() {
    let dir = tracked();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "jj<enter>j<enter>");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn browse_scrolls_the_detail() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "jj<s-tab><pgdn>");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn actions_table_sorted_by_deadline() {
    let dir = tracked();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn actions_table_is_wider_on_a_wide_terminal() {
    let dir = tracked();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2S");
    assert_snapshot!(screen(&app, 140, 30));
}

#[test]
fn search_as_you_type_filters_every_view() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2/parenting pack");
    assert_snapshot!("search_typing", screen(&app, 80, 24));
    press(&mut app, "<enter>1");
    assert_snapshot!("search_kept_in_browse", screen(&app, 80, 24));
}

#[test]
fn owner_picker_matches_any_spelling() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitsg");
    assert_snapshot!("owner_picker", screen(&app, 80, 24));
    press(&mut app, "<enter>");
    assert_snapshot!("owner_filtered", screen(&app, 80, 24));
}

#[test]
fn deadline_menu_offers_the_next_meeting() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2d");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn agenda_groups_ready_items_by_report_and_recommendation() {
    let dir = tracked();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn triage_counts_by_status_deadline_and_owner() {
    let dir = tracked();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "4jjjjjjjjjl");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_lists_the_keys_of_the_view() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2?");
    assert_snapshot!(screen(&app, 80, 40));
}

#[test]
fn a_tiny_terminal_gets_a_message_not_a_panic() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    assert_snapshot!("tiny_20x6", screen(&app, 20, 6));
    assert_snapshot!("tiny_39x10", screen(&app, 39, 10));
    press(&mut app, "<tab><tab>?");
    assert_snapshot!("smallest_40x10", screen(&app, 40, 10));
}

#[test]
fn no_size_panics() {
    let dir = tracked();
    let mut app = app_in(dir.path(), Theme::colour());
    for keys in [
        "",
        "<tab><tab>",
        "2",
        "3",
        "4",
        "?",
        "<esc>o",
        "<esc>d",
        "<esc>2<enter>",
    ] {
        press(&mut app, keys);
        for (w, h) in [
            (0, 0),
            (1, 1),
            (40, 10),
            (41, 11),
            (60, 15),
            (80, 24),
            (200, 60),
        ] {
            let _ = buffer(&app, w, h);
        }
    }
}

#[test]
fn no_colour_keeps_the_selection_visible_by_reversing_it() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::monochrome());
    press(&mut app, "2j");
    let frame = buffer(&app, 80, 24);
    assert_snapshot!(tui_support::text(&frame));
    let mut reversed_rows = Vec::new();
    let mut coloured = 0;
    for y in 0..frame.area.height {
        let row: Vec<_> = (0..frame.area.width).map(|x| &frame[(x, y)]).collect();
        // The selection covers the row's text, from its first character to its last
        // (the blank padding after it is left plain, to keep a move cheap).
        let drawn: Vec<usize> = (1..row.len() - 1)
            .filter(|x| row[*x].symbol() != " ")
            .collect();
        let reversed = row
            .iter()
            .filter(|c| c.modifier.contains(Modifier::REVERSED));
        if y > 0 && reversed.count() > 0 {
            let (first, last) = (drawn[0], drawn[drawn.len() - 1]);
            assert!(
                row[first..=last]
                    .iter()
                    .all(|c| c.modifier.contains(Modifier::REVERSED)),
                "row {y}: the whole text is reversed"
            );
            assert!(last - first > 40, "row {y}: a row, not a word");
            reversed_rows.push(y);
        }
        coloured += row
            .iter()
            .filter(|c| {
                c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset
            })
            .count();
    }
    assert_eq!(coloured, 0, "NO_COLOR: no cell has a colour");
    // The table's second row (below the tab bar, filter bar, border and header).
    assert_eq!(
        reversed_rows,
        vec![5],
        "exactly the selected row is reversed"
    );
}

#[test]
fn read_only_says_why_a_change_does_nothing() {
    let dir = workspace();
    let ws = scrutineer::workspace::Workspace::load(dir.path()).expect("loads");
    let mut app = scrutineer::tui::App::new(
        ws,
        tui_support::today(),
        Some("--read-only was given".to_string()),
        Theme::colour(),
    );
    press(&mut app, "2m");
    assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn search_matches_are_picked_out_in_the_text() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::monochrome());
    // "revisd", with a letter missed, still finds "Revised" in 2.4b's text.
    press(&mut app, "2/revisd<enter>");
    let frame = buffer(&app, 80, 24);
    let shown = tui_support::text(&frame);
    let (y, line) = shown
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Print Revised"))
        .expect("the 2.4b row");
    let byte = line.find("Print").expect("text");
    let start = line[..byte].chars().count() as u16;
    let underlined: Vec<bool> = (start..start + 15)
        .map(|x| frame[(x, y as u16)].modifier.contains(Modifier::UNDERLINED))
        .collect();
    assert!(!underlined[0], "Print is not matched: {underlined:?}");
    assert!(
        underlined[6],
        "the R of Revised is picked out: {underlined:?}"
    );
    assert!(
        underlined.iter().any(|u| !u),
        "not the whole text: {underlined:?}"
    );
}

#[test]
fn agenda_lists_progress_reports_sign_off_and_every_meeting() {
    let dir = tui_support::cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3");
    assert_snapshot!(screen(&app, 100, 32));
}

/// A rejection with its reason, the date the response was due and its history (fixed
/// times, so nothing depends on the clock), and another response overdue.
const RESPONSES: &str = r#"
[recommendations."oxfordshire-2005/2.7"]
response = "rejected"
reason = "caseloads need unit managers"
response_due = 2003-09-30

[[recommendations."oxfordshire-2005/2.7".history]]
at = 2003-09-01T10:00:00Z
by = "jclerk"
change = "response-due"
to = "2003-09-30"

[[recommendations."oxfordshire-2005/2.7".history]]
at = 2003-10-02T09:30:00Z
by = "jclerk"
change = "response"
from = "awaiting"
to = "rejected"
note = "caseloads need unit managers"

[recommendations."oxfordshire-2005/2.8"]
response_due = 2003-10-01
"#;

#[test]
fn a_recommendation_shows_the_executive_response() {
    let dir = tui_support::workspace_with(RESPONSES);
    let mut app = app_in(dir.path(), Theme::colour());
    tui_support::browse_to(&mut app, "oxfordshire-2005/2.7", true);
    assert_snapshot!(screen(&app, 100, 30));
}
