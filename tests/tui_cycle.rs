//! The committee cycle in the workbench, driven by keys on a copy of the bundled
//! workspace: revised deadlines and their undo, signing off, notes written in an
//! editor, and the new keys in read-only mode and in a config file.

mod tui_support;

use scrutineer::model::Status;
use scrutineer::tui::Theme;
use scrutineer::tui::app::{EditorOutcome, Popup};
use tui_support::{
    app_in, browse_to, item, message, press, screen, tracking, workspace, workspace_with,
};

#[test]
fn a_revised_deadline_is_shown_and_undo_brings_back_the_derived_one() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "leicester-2003/2.6d", false);
    let derived = item(&app, "leicester-2003/2.6d").deadline.due;
    press(&mut app, "vMar '04<enter>survey moved to spring<enter>");
    let revised = item(&app, "leicester-2003/2.6d");
    assert_eq!(
        revised.tracking.revised_deadline,
        Some(jiff::civil::date(2004, 3, 31))
    );
    assert!(
        tracking(dir.path()).contains("revised_deadline = 2004-03-31"),
        "{}",
        tracking(dir.path())
    );
    let shown = screen(&app, 160, 50);
    assert!(
        shown.contains("2004-03-31 (later), revised: survey moved to spring"),
        "{shown}"
    );
    let original = derived.map_or("none".to_string(), |d| d.to_string());
    assert!(
        shown.contains(&format!("Original      {original}, from the timescale")),
        "{shown}"
    );
    press(&mut app, "u");
    let undone = item(&app, "leicester-2003/2.6d");
    assert_eq!(undone.tracking.revised_deadline, None);
    assert_eq!(undone.due(), derived);
    let lines = undone.history_lines(&app.ws.committees, app.today);
    assert!(
        lines
            .last()
            .is_some_and(|l| l.contains("revised deadline 2004-03-31 withdrawn: undo")),
        "{lines:?}"
    );
}

#[test]
fn undo_of_a_second_revision_restores_the_first() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "leicester-2003/2.6d", false);
    press(&mut app, "v2004-03-31<enter>survey moved<enter>");
    press(&mut app, "v30.06.04<enter>moved again<enter>");
    assert!(
        message(&app).contains("deadline revised from 2004-03-31 to 2004-06-30 (moved again)"),
        "{}",
        message(&app)
    );
    press(&mut app, "u");
    let it = item(&app, "leicester-2003/2.6d");
    assert_eq!(
        it.tracking.revised_deadline,
        Some(jiff::civil::date(2004, 3, 31))
    );
    assert_eq!(it.tracking.history.len(), 3, "each revision, then the undo");
}

#[test]
fn a_revision_needs_a_date_and_a_reason() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "leicester-2003/2.6d", false);
    press(&mut app, "vsoon<enter>");
    assert!(screen(&app, 80, 24).contains("is not a date"));
    press(&mut app, "<c-u>2004-03-31<enter><enter>");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("a revised deadline needs a reason"),
        "{shown}"
    );
    press(&mut app, "<esc>");
    assert_eq!(
        item(&app, "leicester-2003/2.6d").tracking.revised_deadline,
        None
    );
}

#[test]
fn signing_off_is_refused_for_an_item_not_complete() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "leicester-2003/2.4b", false);
    press(&mut app, "sjjjjj<enter>");
    assert_eq!(
        message(&app),
        "leicester-2003/2.4b is not-started, not complete: only completed items can be signed off (set `scrutineer status leicester-2003/2.4b complete` first)"
    );
    assert_eq!(
        item(&app, "leicester-2003/2.4b").tracking.status,
        Status::NotStarted
    );
}

#[test]
fn signing_off_a_complete_item_names_the_meeting() {
    let dir = workspace_with(
        "[items.\"leicester-2003/3.1a\"]\nstatus = \"complete\"\nready_for = 2003-09-17\n",
    );
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "leicester-2003/3.1a", false);
    // The menu opens on complete; signed off is next.
    press(&mut app, "sj<enter>");
    let it = item(&app, "leicester-2003/3.1a");
    assert_eq!(it.tracking.status, Status::SignedOff);
    assert_eq!(
        it.tracking.history.last().map(|c| c.note.as_str()),
        Some("signed off at the meeting on 2003-09-17"),
        "presented at the September meeting, so signed off there"
    );
    press(&mut app, "u");
    assert_eq!(
        item(&app, "leicester-2003/3.1a").tracking.status,
        Status::Complete
    );

    // Not presented anywhere: signed off today.
    browse_to(&mut app, "leicester-2003/2.4b", false);
    press(&mut app, "sjjjj<enter>sj<enter>");
    assert!(
        message(&app).contains("signed off at the meeting on 2003-10-15"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_note_from_the_editor_is_saved_and_an_unchanged_one_is_not() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    app.editor_command = Some("true".into());
    browse_to(&mut app, "leicester-2003/2.4b", false);
    press(&mut app, "N");
    let note = app.take_editor().expect("a note for the editor");
    assert_eq!(note.item, "leicester-2003/2.4b");
    let template = note.template.clone();
    app.editor_done(note, EditorOutcome::Written(template.clone()));
    assert_eq!(message(&app), "note unchanged: nothing saved");
    press(&mut app, "N");
    let note = app.take_editor().expect("again");
    let written = format!("Long note from the editor\nsecond line\n{template}");
    app.editor_done(note, EditorOutcome::Written(written));
    let last = item(&app, "leicester-2003/2.4b")
        .tracking
        .history
        .last()
        .cloned();
    assert_eq!(
        last.map(|c| c.note),
        Some("Long note from the editor\nsecond line".to_string())
    );
    press(&mut app, "N");
    let note = app.take_editor().expect("and again");
    app.editor_done(note, EditorOutcome::Written("\n\n".into()));
    assert_eq!(message(&app), "empty note: nothing saved");
}

#[test]
fn without_an_editor_the_note_is_typed_inline() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    app.editor_command = None;
    browse_to(&mut app, "leicester-2003/2.4b", false);
    press(&mut app, "N");
    assert!(app.take_editor().is_none());
    assert!(matches!(app.popup, Some(Popup::Text(_))));
    assert_eq!(
        message(&app),
        "neither $VISUAL nor $EDITOR is set: type the note here"
    );
    press(&mut app, "typed inline<enter>");
    assert!(tracking(dir.path()).contains("note = \"typed inline\""));

    app.editor_command = Some("no-such-editor".into());
    press(&mut app, "N");
    let note = app.take_editor().expect("a note for the editor");
    app.editor_done(
        note,
        EditorOutcome::CannotStart("`no-such-editor` was not found".into()),
    );
    assert!(matches!(app.popup, Some(Popup::Text(_))));
    assert!(
        message(&app).starts_with("cannot start the editor"),
        "{}",
        message(&app)
    );
}

#[test]
fn read_only_says_why_the_cycle_keys_do_nothing() {
    let dir = workspace();
    let before = tracking(dir.path());
    let ws = scrutineer::workspace::Workspace::load(dir.path()).expect("loads");
    let mut app = scrutineer::tui::App::new(
        ws,
        tui_support::today(),
        Some("test".into()),
        Theme::colour(),
    );
    browse_to(&mut app, "leicester-2003/2.4b", false);
    for (key, what) in [
        ("e", "recording a response"),
        ("v", "revising a deadline"),
        ("N", "adding a note"),
    ] {
        press(&mut app, key);
        assert_eq!(message(&app), format!("read-only (test): {what} is off"));
        assert!(app.popup.is_none() && app.take_editor().is_none());
    }
    assert_eq!(tracking(dir.path()), before);
}

#[test]
fn the_cycle_keys_can_be_rebound() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    let mut keymap = scrutineer::tui::keymap::Keymap::default();
    let config = "[keys]\nrespond = \"x\"\nrevise = \"V\"\nnote-in-editor = \"ctrl-e\"\nfilter-response = \"F\"\n";
    let problems = keymap.apply_config(std::path::Path::new("config.toml"), config);
    assert!(problems.is_empty(), "{problems:?}");
    app.set_keymap(keymap, &problems);
    browse_to(&mut app, "leicester-2003/2.4b", false);
    press(&mut app, "x");
    assert!(matches!(app.popup, Some(Popup::Menu(_))));
    press(&mut app, "<esc>V");
    assert!(matches!(app.popup, Some(Popup::Text(_))));
    press(&mut app, "<esc>F");
    assert!(screen(&app, 80, 24).contains("Executive response (space ticks several)"));
    press(&mut app, "<esc>e");
    assert!(
        message(&app).contains("does nothing here"),
        "{}",
        message(&app)
    );
}
