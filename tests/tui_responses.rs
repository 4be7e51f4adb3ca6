//! The executive's responses in the workbench, driven by keys on a copy of the bundled
//! workspace: recorded with a reason for a recommendation (or an item's), refused
//! without one for a rejection, when they are due, undone, filtered and counted.

mod tui_support;

use scrutineer::model::ResponseKind;
use scrutineer::tui::Theme;
use scrutineer::tui::action::View;
use scrutineer::tui::app::{Popup, TriageLine};
use tui_support::{app_in, browse_to, message, press, screen, tracking, workspace, workspace_with};

fn response(app: &scrutineer::tui::App, key: &str) -> scrutineer::model::Response {
    app.recommendation(key)
        .expect("recommendation")
        .response
        .clone()
}

#[test]
fn a_response_with_a_reason_is_saved_and_shown_in_the_detail() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "oxfordshire-2005/2.7", true);
    // The responses open on the current one (awaiting); rejected is three down.
    press(&mut app, "ejjj<enter>caseloads need unit managers<enter>");
    assert!(
        message(&app).starts_with("oxfordshire-2005/2.7: rejected (caseloads need unit managers)"),
        "{}",
        message(&app)
    );
    let saved = tracking(dir.path());
    assert!(
        saved.contains(
            "[recommendations.\"oxfordshire-2005/2.7\"]\nresponse = \"rejected\"\nreason = \"caseloads need unit managers\""
        ),
        "{saved}"
    );
    let shown = screen(&app, 160, 50);
    assert!(
        shown.contains("Response      rejected: caseloads need unit managers"),
        "{shown}"
    );
    assert!(shown.contains("Response history"), "{shown}");
    assert!(
        shown.contains("response: rejected: caseloads need unit managers"),
        "{shown}"
    );
}

#[test]
fn a_rejection_without_a_reason_is_refused() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "oxfordshire-2005/2.7", true);
    press(&mut app, "ejjj<enter>   <enter>");
    assert!(
        matches!(app.popup, Some(Popup::Text(_))),
        "the reason stays open"
    );
    let shown = screen(&app, 80, 24);
    assert!(shown.contains("a rejection needs a reason"), "{shown}");
    assert!(!tracking(dir.path()).contains("response ="));
    press(&mut app, "<esc>");
    assert_eq!(
        response(&app, "oxfordshire-2005/2.7").kind,
        ResponseKind::Awaiting
    );
}

#[test]
fn an_action_answering_several_recommendations_asks_which() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "leicester-2003/3.3a", false);
    press(&mut app, "e");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("Response to which recommendation?"),
        "{shown}"
    );
    // 3.4, then accepted, then no reason.
    press(&mut app, "j<enter>j<enter><enter>");
    assert_eq!(
        response(&app, "leicester-2003/3.4").kind,
        ResponseKind::Accepted
    );
    assert_eq!(
        response(&app, "leicester-2003/3.3").kind,
        ResponseKind::Awaiting
    );
    let saved = tracking(dir.path());
    assert!(
        saved.contains("[recommendations.\"leicester-2003/3.4\"]\nresponse = \"accepted\"\n"),
        "{saved}"
    );
    let shown = screen(&app, 160, 50);
    assert!(shown.contains("3.4 accepted"), "{shown}");
    assert!(shown.contains("3.3 awaiting response"), "{shown}");
}

#[test]
fn a_response_due_date_passed_is_marked_and_undo_withdraws_it() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "oxfordshire-2005/2.7", true);
    press(&mut app, "ejjjjj<enter>01.10.03<enter>");
    assert_eq!(
        response(&app, "oxfordshire-2005/2.7").due,
        Some(jiff::civil::date(2003, 10, 1))
    );
    let shown = screen(&app, 160, 50);
    assert!(
        shown.contains("! awaiting response, due 2003-10-01: response overdue"),
        "{shown}"
    );
    assert!(shown.contains("2.7 ! "), "the list marks it too: {shown}");
    press(&mut app, "4");
    let overdue = app
        .triage_rows
        .iter()
        .find_map(|r| match r.line {
            TriageLine::ResponseOverdue { recs } => Some(recs),
            _ => None,
        })
        .expect("a response overdue row");
    assert_eq!(overdue, 1);
    press(&mut app, "u");
    assert_eq!(response(&app, "oxfordshire-2005/2.7").due, None);
    let saved = tracking(dir.path());
    assert!(!saved.contains("response_due"), "{saved}");
    assert!(
        saved.contains("change = \"response-due\"\nfrom = \"2003-10-01\""),
        "{saved}"
    );
}

#[test]
fn undo_of_a_response_puts_the_previous_one_back() {
    let dir = workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    browse_to(&mut app, "oxfordshire-2005/2.7", true);
    press(&mut app, "ejjj<enter>too costly<enter>");
    press(&mut app, "ekk<enter><enter>");
    assert_eq!(
        response(&app, "oxfordshire-2005/2.7").kind,
        ResponseKind::Accepted
    );
    press(&mut app, "u");
    let back = response(&app, "oxfordshire-2005/2.7");
    assert_eq!(back.kind, ResponseKind::Rejected);
    assert_eq!(back.reason, "undo (the reason was: too costly)");
    press(&mut app, "u");
    let back = response(&app, "oxfordshire-2005/2.7");
    assert_eq!(back.kind, ResponseKind::Awaiting);
    assert_eq!(back.history.len(), 4);
}

const ACCEPTED: &str = r#"
[items."leicester-2003/2.4b"]
ready_for = "next"

[items."leicester-2003/1.1a"]
ready_for = "next"

[recommendations."leicester-2003/2.4"]
response = "accepted"
"#;

#[test]
fn the_response_filter_narrows_every_view_and_clears() {
    let dir = workspace_with(ACCEPTED);
    let mut app = app_in(dir.path(), Theme::colour());
    // Any response, awaiting, then accepted.
    press(&mut app, "Ej<enter>");
    assert_eq!(app.filter.responses, vec![ResponseKind::Accepted]);
    let ids: Vec<&str> = app
        .hits
        .iter()
        .map(|h| app.ws.items[h.item].id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "leicester-2003/2.4a",
            "leicester-2003/2.4b",
            "leicester-2003/2.4c",
            "leicester-2003/2.4d"
        ]
    );
    let rows = app.browse_rows();
    assert_eq!((rows.reports.len(), rows.recs.len()), (1, 1));
    assert_eq!(app.table.len(), 4);
    assert_eq!(app.agenda_items().0.len(), 1, "2.4b, not 1.1a");
    press(&mut app, "4");
    let statuses: usize = app
        .triage_rows
        .iter()
        .filter(|r| matches!(r.line, TriageLine::Status(_)))
        .map(|r| r.cells[0].count)
        .sum();
    assert_eq!(statuses, 4);
    assert!(
        screen(&app, 80, 24).contains("Filters: response accepted"),
        "{}",
        screen(&app, 80, 24)
    );
    press(&mut app, "c");
    assert!(app.filter.responses.is_empty());
    assert_eq!(app.hits.len(), app.ws.items.len());
}

#[test]
fn the_triage_counts_responses_awaited_and_overdue_and_shows_them() {
    let tracked = format!(
        "{ACCEPTED}\n[recommendations.\"oxfordshire-2005/2.9\"]\nresponse_due = 2003-09-30\n"
    );
    let dir = workspace_with(&tracked);
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "4");
    let recs: usize = app.ws.reports.iter().map(|r| r.recommendations.len()).sum();
    let counts: Vec<(usize, usize)> = app
        .triage_rows
        .iter()
        .enumerate()
        .filter_map(|(n, r)| match r.line {
            TriageLine::Awaiting { recs } | TriageLine::ResponseOverdue { recs } => Some((n, recs)),
            _ => None,
        })
        .collect();
    assert_eq!(counts.len(), 2);
    assert_eq!(counts[0].1, recs - 1, "all but the accepted one");
    assert_eq!(counts[1].1, 1);
    press(&mut app, &"j".repeat(counts[1].0));
    press(&mut app, "<enter>");
    assert_eq!(app.view, View::Browse);
    assert_eq!(app.filter.responses, vec![ResponseKind::Awaiting]);
    assert_eq!(app.browse.rec.as_deref(), Some("2.9"));
    assert!(
        message(&app).starts_with("1 recommendation(s) with the response overdue"),
        "{}",
        message(&app)
    );
}
