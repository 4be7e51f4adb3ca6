//! The workbench's behaviour, driven by keys through `App::handle_key` on a copy of the
//! bundled workspace: changes are saved at once and can be undone, filters reach every
//! view, the files changing on disk are picked up, the keymap can be changed.

mod tui_support;

use scrutineer::model::{ReadyFor, Status};
use scrutineer::tui::action::{Action, View};
use scrutineer::tui::keymap::Keymap;
use scrutineer::tui::{App, Theme};
use scrutineer::workspace::{self, Edit, ItemEdit};
use std::path::Path;
use tui_support::{app_in, press, screen, workspace};

fn tracking(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("tracking.toml")).expect("tracking.toml")
}

fn item<'a>(app: &'a App, id: &str) -> &'a scrutineer::model::Item {
    let i = app.ws.find(id).expect("item");
    &app.ws.items[i]
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_mark_is_saved_at_once_shown_in_the_history_and_undone() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    // The owner filter, then the first of M FitzG's items by deadline: 2.4b.
    press(&mut app, "2ofitzg<enter>m");
    assert!(
        message(&app).contains("2.4b marked ready"),
        "{}",
        message(&app)
    );
    let saved = tracking(dir.path());
    assert!(
        saved.contains("[items.\"leicester-2003/2.4b\"]\nready_for = \"next\""),
        "{saved}"
    );
    let marked = item(&app, "leicester-2003/2.4b");
    assert_eq!(marked.tracking.ready_for, Some(ReadyFor::Next));
    press(&mut app, "<enter>");
    assert!(screen(&app, 100, 40).contains("marked ready for next"));
    press(&mut app, "<esc>u");
    assert!(message(&app).starts_with("undone"), "{}", message(&app));
    let undone = tracking(dir.path());
    assert!(!undone.contains("ready_for"), "{undone}");
    assert!(undone.contains("change = \"unready\""), "{undone}");
    assert_eq!(item(&app, "leicester-2003/2.4b").tracking.history.len(), 2);
    press(&mut app, "u");
    assert_eq!(message(&app), "nothing to undo");
}

#[test]
fn the_mark_key_unmarks_a_marked_item() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>m<space>");
    assert_eq!(item(&app, "leicester-2003/2.4b").tracking.ready_for, None);
    assert!(
        message(&app).contains("no longer marked ready"),
        "{}",
        message(&app)
    );
}

#[test]
fn status_and_notes_are_saved_with_who_and_undone() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>sjj<enter>");
    assert_eq!(
        item(&app, "leicester-2003/2.4b").tracking.status,
        Status::AtRisk
    );
    press(&mut app, "nchased by email<enter>");
    let history = &item(&app, "leicester-2003/2.4b").tracking.history;
    assert_eq!(
        history.last().map(|c| c.note.as_str()),
        Some("chased by email")
    );
    assert_eq!(
        history.last().map(|c| c.by.as_str()),
        Some(app.who.as_str())
    );
    press(&mut app, "uu");
    let it = item(&app, "leicester-2003/2.4b");
    assert_eq!(it.tracking.status, Status::NotStarted);
    let notes: Vec<&str> = it
        .tracking
        .history
        .iter()
        .map(|c| c.note.as_str())
        .collect();
    assert!(notes.contains(&"withdrawn: chased by email"), "{notes:?}");
}

#[test]
fn an_empty_note_saves_nothing() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2n   <enter>");
    assert!(!dir.path().join("tracking.toml").exists() || !tracking(dir.path()).contains("note"));
    assert_eq!(message(&app), "empty note: nothing saved");
}

#[test]
fn read_only_changes_nothing() {
    let dir = workspace();
    let before = tracking(dir.path());
    let ws = workspace::Workspace::load(dir.path()).expect("loads");
    let mut app = App::new(
        ws,
        tui_support::today(),
        Some("test".into()),
        Theme::colour(),
    );
    press(&mut app, "2msnu");
    assert_eq!(tracking(dir.path()), before);
    assert!(app.popup.is_none());
    assert!(
        message(&app).starts_with("read-only (test)"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_save_error_is_shown_not_a_crash() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    std::fs::write(dir.path().join("tracking.toml"), "[items\nbroken").expect("write");
    press(&mut app, "2m");
    let shown = message(&app);
    assert!(shown.starts_with("not saved:"), "{shown}");
    assert!(shown.contains("tracking.toml:1:"), "{shown}");
}

#[test]
fn filters_reach_every_view() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "ofitzg<enter>");
    assert_eq!(app.hits.len(), 5);
    let rows = app.browse_rows();
    assert_eq!(
        rows.reports.len(),
        1,
        "Browse shows only the report with matches"
    );
    assert_eq!(rows.recs.len(), 2);
    press(&mut app, "4");
    let owners = app
        .triage_rows
        .iter()
        .filter(|r| matches!(r.line, scrutineer::tui::app::TriageLine::Owner(_)))
        .count();
    assert_eq!(owners, 3, "M FitzG, and the two who share items with them");
    press(&mut app, "d<enter>");
    assert!(app.filter.overdue);
    press(&mut app, "c");
    assert_eq!(app.filter, Default::default());
    assert_eq!(app.hits.len(), app.ws.items.len());
}

#[test]
fn a_triage_count_opens_those_items() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "4jjjjjj");
    let count = app.triage_rows[6].cells[0].count;
    press(&mut app, "<enter>");
    assert_eq!(app.view, View::Actions);
    assert!(app.filter.overdue);
    assert_eq!(app.hits.len(), count);
    // An owner's "due soon" count.
    press(&mut app, "c4jjjjjjjjjll<enter>");
    assert_eq!(app.filter.owners.len(), 1);
    assert!(app.filter.due_within.is_some());
}

#[test]
fn a_deadline_can_be_typed_as_printed() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "djjjjj<enter>soon<enter>");
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("is not a date"), "{shown}");
    press(&mut app, "<c-u>31.10.03<enter>");
    assert_eq!(app.filter.due_before, Some(jiff::civil::date(2003, 10, 31)));
    assert!(app.popup.is_none());
}

#[test]
fn search_esc_clears_and_enter_keeps() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "/information pack");
    let found = app.hits.len();
    assert!(found > 0 && found < app.ws.items.len());
    let pack = app.ws.find("leicester-2003/2.4b").expect("item");
    assert!(
        !app.positions(pack).is_empty(),
        "matched characters to highlight"
    );
    press(&mut app, "<enter>");
    assert_eq!(app.filter.search, "information pack");
    press(&mut app, "/<esc>");
    assert_eq!(app.filter.search, "");
    assert_eq!(app.hits.len(), app.ws.items.len());
}

#[test]
fn a_change_on_disk_is_picked_up_keeping_the_place() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>j");
    let selected = app.actions.id.clone();
    let edit = ItemEdit {
        item: "leicester-2003/2.4a".into(),
        edit: Edit::Mark(ReadyFor::Next),
        note: String::new(),
    };
    workspace::save(dir.path(), &[edit], "other", jiff::Timestamp::now()).expect("saves");
    app.update(Action::DiskChanged);
    assert_eq!(message(&app), "reloaded (changed on disk)");
    assert_eq!(
        item(&app, "leicester-2003/2.4a").tracking.ready_for,
        Some(ReadyFor::Next)
    );
    assert_eq!(app.actions.id, selected);
    assert_eq!(app.filter.owners, vec!["M FitzG".to_string()]);
}

#[test]
fn our_own_save_is_not_reported_as_a_change_on_disk() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2m");
    let said = message(&app);
    app.update(Action::DiskChanged);
    assert_eq!(message(&app), said);
}

#[test]
fn a_broken_file_on_disk_keeps_the_last_good_data() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let reports = app.ws.reports.len();
    std::fs::write(dir.path().join("reports/dudley-2010.toml"), "id = [broken").expect("write");
    app.update(Action::DiskChanged);
    let shown = message(&app);
    assert!(
        shown.starts_with("1 error in the workspace files: reports/dudley-2010.toml:1:"),
        "{shown}"
    );
    assert!(
        shown.contains("still showing the data loaded before"),
        "{shown}"
    );
    assert_eq!(app.ws.reports.len(), reports);
}

#[test]
fn another_clerks_note_is_found_by_search_once_picked_up() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let edit = ItemEdit {
        item: "dudley-2010/19".into(),
        edit: Edit::Note,
        note: "Zanzibar working group convened".into(),
    };
    workspace::save(dir.path(), &[edit], "other", jiff::Timestamp::now()).expect("saves");
    app.update(Action::DiskChanged);
    assert_eq!(message(&app), "reloaded (changed on disk)");
    press(&mut app, "2/zanzibar<enter>");
    let found: Vec<&str> = app
        .hits
        .iter()
        .map(|h| app.ws.items[h.item].id.as_str())
        .collect();
    assert_eq!(found, ["dudley-2010/19"]);
}

#[test]
fn a_broken_tracking_file_on_disk_keeps_the_marks_shown() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>m");
    assert_eq!(
        item(&app, "leicester-2003/2.4b").tracking.ready_for,
        Some(ReadyFor::Next)
    );
    std::fs::write(dir.path().join("tracking.toml"), "[items.\"x\"\n").expect("write");
    app.update(Action::DiskChanged);
    let shown = message(&app);
    assert!(shown.starts_with("tracking.toml:1:"), "{shown}");
    assert!(
        shown.contains("still showing the data loaded before"),
        "{shown}"
    );
    assert_eq!(
        item(&app, "leicester-2003/2.4b").tracking.ready_for,
        Some(ReadyFor::Next)
    );
}

#[test]
fn keys_can_be_rebound_and_a_bad_key_file_says_where() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let mut keymap = Keymap::default();
    let problems = keymap.apply_config(
        Path::new("config.toml"),
        "[keys]\nmark = \"x\"\nquit = \"Q\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.set_keymap(keymap, &problems);
    press(&mut app, "2m");
    assert!(
        message(&app).contains("does nothing here"),
        "{}",
        message(&app)
    );
    press(&mut app, "x");
    assert!(message(&app).contains("marked ready"), "{}", message(&app));
    assert!(
        screen(&app, 80, 24).contains("x mark"),
        "the hint line follows the keymap"
    );
    press(&mut app, "q");
    assert!(!app.should_quit());
    press(&mut app, "Q");
    assert!(app.should_quit());

    let mut keymap = Keymap::default();
    let problems = keymap.apply_config(Path::new("config.toml"), "[keys]\nmark = \"ctlr-x\"\n");
    app.set_keymap(keymap, &problems);
    assert!(
        message(&app).starts_with("config: config.toml:2:8: `ctlr-x` is not a key"),
        "{}",
        message(&app)
    );
}

#[test]
fn escapes_in_a_report_are_drawn_harmlessly() {
    let dir = workspace();
    let hostile = "id = \"hostile\"\ntitle = \"Evil \\u001b]0;pwned\\u0007 title \\u001b[2J\"\n\
        [[recommendations]]\nid = \"1\"\ntext = \"Clear \\u001b[2J the \\u009b31m screen\"\n";
    std::fs::write(dir.path().join("reports/hostile.toml"), hostile).expect("write");
    let mut app = app_in(dir.path(), Theme::colour());
    let at = app
        .browse_rows()
        .reports
        .iter()
        .position(|r| app.ws.reports[*r].id == "hostile")
        .expect("the report loads");
    press(&mut app, &"j".repeat(at));
    let frame = tui_support::buffer(&app, 100, 30);
    for cell in &frame.content {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{:?}",
            cell.symbol()
        );
    }
    let shown = tui_support::text(&frame);
    assert!(
        shown.contains("Evil \\e]0;pwned\\x07 title \\e[2J"),
        "{shown}"
    );
}

/// Each triage count is the number of items, among those the filters pass, that have
/// what the row says (counted here from the items themselves, not from the count's own
/// query), and Enter on it shows exactly those items in Actions.
#[test]
fn every_triage_count_is_what_enter_shows() {
    use scrutineer::model::{Item, Urgency};
    use scrutineer::tui::app::TriageLine;
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    // Something marked, so the "ready" counts are not all nought.
    press(&mut app, "2ofitzg<enter>m<esc>c");
    let mut nonzero = 0;
    for keys in [
        "4",
        "f<down><space><enter>",
        "c/review<enter>",
        "ofitzg<enter>",
    ] {
        press(&mut app, "4");
        press(&mut app, keys);
        let setup = app.filter.clone();
        let rows = app.triage_rows.clone();
        assert!(!rows.is_empty());
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.cells.iter().enumerate() {
                let today = app.today;
                let committees = app.ws.committees.clone();
                let has = |item: &Item, column: usize| match column {
                    0 => true,
                    1 => item.is_overdue(today),
                    2 => Urgency::of(item, today) == Urgency::DueSoon,
                    _ => item.readiness(&committees, today).is_upcoming(),
                };
                let means = |item: &Item| match row.line {
                    TriageLine::Status(s) => item.tracking.status == s,
                    TriageLine::Overdue => has(item, 1),
                    TriageLine::DueSoon => has(item, 2),
                    TriageLine::Ready => has(item, 3),
                    TriageLine::Owner(o) => item.owners.contains(&o) && has(item, c),
                    _ => false,
                };
                // A status row counts over the filters less any status filter, an
                // owner row less any owner filter (the row's own takes its place).
                let mut f = setup.clone();
                match row.line {
                    TriageLine::Status(_) => f.statuses.clear(),
                    TriageLine::Owner(_) => f.owners.clear(),
                    _ => {}
                }
                let base: Vec<usize> = scrutineer::query::select(
                    app.corpus(),
                    &f,
                    scrutineer::query::SortKey::Report,
                    today,
                )
                .expect("runs")
                .iter()
                .map(|h| h.item)
                .collect();
                let mut expected: Vec<String> = base
                    .iter()
                    .map(|i| &app.ws.items[*i])
                    .filter(|i| means(i))
                    .map(|i| i.id.clone())
                    .collect();
                expected.sort();
                assert_eq!(
                    cell.count,
                    expected.len(),
                    "{:?}[{c}] after {keys}",
                    row.line
                );
                app.triage.row = r;
                app.triage.column = c;
                press(&mut app, "<enter>");
                assert_eq!(app.view, View::Actions, "{:?}[{c}] after {keys}", row.line);
                let mut shown: Vec<String> = app
                    .hits
                    .iter()
                    .map(|h| app.ws.items[h.item].id.clone())
                    .collect();
                shown.sort();
                assert_eq!(shown, expected, "{:?}[{c}] after {keys}", row.line);
                nonzero += usize::from(!shown.is_empty());
                // Back to the filters the count was made under.
                app.filter = setup.clone();
                app.refresh();
                press(&mut app, "4");
            }
        }
    }
    assert!(
        nonzero > 20,
        "too few counts with anything in them: {nonzero}"
    );
}

#[test]
fn ctrl_c_quits_from_anywhere_but_a_prompt_which_it_cancels() {
    let dir = workspace();
    for keys in ["d<c-c>", "?<c-c>", "2<enter><c-c>"] {
        let mut app = app_in(dir.path(), Theme::colour());
        press(&mut app, keys);
        assert!(app.should_quit(), "{keys}");
    }
    // In a prompt (a search, the owner picker, a note) the first cancels what was
    // being typed; the second quits.
    for keys in ["/abc<c-c>", "o<c-c>", "2n<c-c>"] {
        let mut app = app_in(dir.path(), Theme::colour());
        press(&mut app, keys);
        assert!(!app.should_quit(), "{keys}");
        assert!(app.popup.is_none() && app.searching.is_none(), "{keys}");
        press(&mut app, "<c-c>");
        assert!(app.should_quit(), "{keys}<c-c>");
    }
}

#[test]
fn undo_never_overwrites_another_clerks_later_change() {
    for (other, still) in [
        (Edit::Unmark, None),
        (
            Edit::Mark(ReadyFor::Meeting(jiff::civil::date(2003, 12, 10))),
            Some(ReadyFor::Meeting(jiff::civil::date(2003, 12, 10))),
        ),
    ] {
        let dir = workspace();
        let mut app = app_in(dir.path(), Theme::colour());
        // Clerk A marks 2.4b.
        press(&mut app, "2ofitzg<enter>m");
        assert_eq!(
            item(&app, "leicester-2003/2.4b").tracking.ready_for,
            Some(ReadyFor::Next)
        );
        // Clerk B, another process, changes the same item's readiness.
        let edit = ItemEdit {
            item: "leicester-2003/2.4b".to_string(),
            edit: other,
            note: String::new(),
        };
        workspace::save(dir.path(), &[edit], "clerkb", jiff::Timestamp::now()).expect("saves");
        let before = tracking(dir.path());
        // A presses undo: B's change stays, and A is told who changed it.
        press(&mut app, "u");
        assert_eq!(
            tracking(dir.path()),
            before,
            "the undo wrote over clerk B's change"
        );
        let said = message(&app);
        assert!(said.contains("changed since by clerkb"), "{said}");
        assert!(!said.starts_with("undone"), "{said}");
        app.update(Action::DiskChanged);
        assert_eq!(item(&app, "leicester-2003/2.4b").tracking.ready_for, still);
    }
    // With no one else's change in between, the undo still undoes.
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>mu");
    assert!(message(&app).starts_with("undone"), "{}", message(&app));
}

/// `r` cycles the readiness filter forwards: only the items marked ready, then only
/// those not marked, then all again.
#[test]
fn the_readiness_key_cycles_ready_then_not_ready_then_off() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2ofitzg<enter>m<esc>c");
    let all = app.hits.len();
    press(&mut app, "r");
    assert_eq!(app.filter.ready, Some(true), "{}", message(&app));
    assert_eq!(app.hits.len(), 1, "the one item marked");
    assert!(
        message(&app).contains("only items marked ready"),
        "{}",
        message(&app)
    );
    press(&mut app, "r");
    assert_eq!(app.filter.ready, Some(false));
    assert_eq!(app.hits.len(), all - 1);
    press(&mut app, "r");
    assert_eq!(app.filter.ready, None);
    assert_eq!(app.hits.len(), all);
}

/// The report picker (`R`) filters by the report that is selected in it, whichever
/// that is.
#[test]
fn the_report_picker_chooses_the_selected_report() {
    let dir = workspace();
    for wanted in ["Leicester", "Dudley", "Oxfordshire Joint Area Review"] {
        let mut app = app_in(dir.path(), Theme::colour());
        press(&mut app, "2R");
        let (at, options) = match app.popup.as_ref() {
            Some(scrutineer::tui::app::Popup::Menu(m)) => (
                m.options.iter().position(|o| o.contains(wanted)),
                m.options.clone(),
            ),
            _ => panic!("the report picker is open"),
        };
        let at = at.unwrap_or_else(|| panic!("{wanted} in {options:?}"));
        for _ in 0..at {
            press(&mut app, "j");
        }
        press(&mut app, "<enter>");
        let report = app.filter.report.clone().expect("a report chosen");
        let index = app
            .ws
            .reports
            .iter()
            .position(|r| r.id == report)
            .expect("a report of the workspace");
        let r = &app.ws.reports[index];
        assert!(
            format!("{} {}", r.authority, r.title).contains(wanted),
            "{wanted}: chose {report}"
        );
        assert!(
            app.hits
                .iter()
                .all(|h| app.ws.items[h.item].report == index)
        );
        assert!(!app.hits.is_empty());
    }
}

#[test]
fn an_esc_and_a_key_arriving_together_are_the_two_keys() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let alt = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
    // Over a slow link "Esc j" arrives as Alt+j: the selection moves down one row.
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2j");
    let second = app.actions.id.clone();
    app.handle_key(alt('j'));
    let third = app.actions.id.clone();
    assert!(second.is_some() && third.is_some() && second != third);
    press(&mut app, "k");
    assert_eq!(app.actions.id, second, "Alt+j moved one row down, k one up");
    // In a prompt, Alt+b moves back a word, as in a shell; another Alt+key throws
    // nothing typed away.
    press(&mut app, "nsome words");
    app.handle_key(alt('b'));
    press(&mut app, "all ");
    app.handle_key(alt('x'));
    press(&mut app, "<enter>");
    assert!(
        tracking(dir.path()).contains("note = \"some all words\""),
        "{}",
        tracking(dir.path())
    );
}

#[test]
fn up_and_down_move_the_selection_one_row_each_way() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2j");
    let second = app.actions.id.clone();
    press(&mut app, "j");
    let third = app.actions.id.clone();
    assert!(second.is_some() && third.is_some() && second != third);
    press(&mut app, "k");
    assert_eq!(app.actions.id, second, "k goes back up one row");
    press(&mut app, "<down>");
    assert_eq!(app.actions.id, third);
    press(&mut app, "<up>");
    assert_eq!(app.actions.id, second, "the up arrow too");
}

#[test]
fn a_report_broken_on_disk_is_said_at_once_and_the_last_good_reading_kept() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "2");
    let items = app.ws.items.len();
    let before = app.reloads;
    std::fs::write(
        dir.path().join("reports/leicester-2003.toml"),
        "id = \"leicester-2003\"\ntitle = [unclosed\n",
    )
    .expect("written");
    app.update(Action::DiskChanged);
    // Something new to show: the event loop draws a frame without waiting for a key.
    assert_ne!(app.reloads, before, "no frame would be drawn to say so");
    let said = tui_support::message(&app);
    assert!(said.contains("leicester-2003.toml"), "{said}");
    assert_eq!(app.ws.items.len(), items, "the last good reading is kept");
}
