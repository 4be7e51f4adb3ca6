//! The Agenda view over the committee cycle: for each meeting, progress reports and the
//! items proposed for sign-off apart; meetings to come, the meeting a committee has not
//! scheduled yet, and what was presented at meetings that have passed.

mod tui_support;

use scrutineer::tui::Theme;
use scrutineer::tui::app::AgendaLine;
use tui_support::{app_in, cycle_workspace, press, screen, workspace};

#[test]
fn each_meeting_lists_progress_reports_and_sign_off_apart() {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3");
    let sections = app.agenda_sections();
    let whens: Vec<(String, bool)> = sections
        .iter()
        .map(|s| (s.agenda.when(), s.agenda.past))
        .collect();
    assert_eq!(
        whens,
        [
            ("Wednesday 29 October 2003".to_string(), false),
            ("Thursday 16 September 2010".to_string(), false),
            ("not yet scheduled".to_string(), false),
            ("Wednesday 17 September 2003".to_string(), true),
        ]
    );
    let lines = app.agenda_lines(&sections);
    let next: Vec<&AgendaLine> = lines
        .iter()
        .take_while(|l| **l != AgendaLine::Meeting(1))
        .collect();
    let progress = next.iter().position(|l| **l == AgendaLine::Progress);
    let sign_off = next.iter().position(|l| **l == AgendaLine::SignOff);
    assert!(progress < sign_off && progress.is_some(), "{next:?}");
    let shown = screen(&app, 100, 40);
    for expected in [
        " Progress reports",
        " Proposed for sign-off (complete)",
        "not yet scheduled (waiting for their committee to schedule one, 1 item(s))",
        "Wednesday 17 September 2003 (presented, 1 item(s))",
        "Agenda: 4 item(s) marked ready, 1 presented",
    ] {
        assert!(shown.contains(expected), "{expected}:\n{shown}");
    }
}

#[test]
fn the_agenda_follows_the_filters_and_moves_through_every_section() {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3G");
    assert_eq!(app.agenda.id.as_deref(), Some("leicester-2003/1.1a"));
    press(&mut app, "fjjjj<enter>");
    let (items, _) = app.agenda_items();
    let ids: Vec<&str> = items.iter().map(|i| app.ws.items[*i].id.as_str()).collect();
    assert_eq!(ids, ["leicester-2003/3.1a"], "only the complete one");
}

#[test]
fn with_no_meeting_anywhere_the_next_one_is_not_shown_twice() {
    let dir = workspace();
    std::fs::write(dir.path().join("committees.toml"), "").expect("calendar");
    std::fs::write(
        dir.path().join("tracking.toml"),
        "[items.\"leicester-2003/2.4b\"]\nready_for = \"next\"\n",
    )
    .expect("tracking");
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3");
    let sections = app.agenda_sections();
    assert_eq!(sections.len(), 1);
    assert!(sections[0].is_next && sections[0].agenda.date.is_none());
    assert_eq!(sections[0].agenda.len(), 1);
}

#[test]
fn a_meeting_whose_date_is_inferred_says_so_and_why() {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3");
    let shown = screen(&app, 160, 40);
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .position(|l| {
            l.contains(
                "Wednesday 29 October 2003 (the next select committee, date inferred, 2 item(s))",
            )
        })
        .expect(&shown);
    assert!(
        lines[at + 1].contains(
            "Date inferred: Para 4.2 of the SSI report (004) prints \"29th October\" without a year"
        ),
        "{shown}"
    );
    assert!(
        lines.iter().any(
            |l| l.contains("Thursday 16 September 2010 (the next select committee, 1 item(s))")
        ),
        "a date printed in full says nothing more: {shown}"
    );
}
