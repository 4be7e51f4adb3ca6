//! The Agenda view over the committee cycle: for each meeting, progress reports and the
//! items proposed for sign-off apart; meetings to come, the meeting a committee has not
//! scheduled yet, and what was presented at meetings that have passed.

mod tui_support;

use scrutineer::tui::Theme;
use scrutineer::tui::app::AgendaLine;
use tui_support::{app_in, cycle_workspace, message, press, screen, workspace};

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
    // An item ready for it says so in its detail too, with why.
    press(&mut app, "<enter>");
    let detail = screen(&app, 200, 50);
    assert!(
        detail.contains(
            "Wednesday 29 October 2003) (date inferred: Para 4.2 of the SSI report (004) prints"
        ),
        "{detail}"
    );
}

#[test]
fn in_a_narrow_agenda_a_long_heading_and_its_reason_wrap_and_the_selection_stays_on_its_item() {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3j");
    let (width, height) = (60, 30);
    let buf = tui_support::buffer(&app, width, height);
    let shown = tui_support::text(&buf);
    assert!(
        shown
            .lines()
            .all(|l| l.chars().count() <= usize::from(width)),
        "{shown}"
    );
    // The pane's rows read as one text: nothing of the heading or the reason is cut.
    let read: Vec<String> = shown
        .lines()
        .map(|l| l.trim_matches(|c| c == '│' || c == ' ').to_string())
        .collect();
    let read = read.join(" ");
    for whole in [
        "Wednesday 29 October 2003 (the next select committee, date inferred, 2 item(s)) Social Services and Personal Health Scrutiny Committee",
        "Date inferred: Para 4.2 of the SSI report (004) prints \"29th October\" without a year; 2003 is inferred, as the paper went to Scrutiny on 17th September 2003.",
    ] {
        assert!(
            read.contains(whole),
            "{whole:?} not read whole in:\n{shown}"
        );
    }
    // The highlighted row is the selected item's, below the wrapped rows.
    let (items, at) = app.agenda_items();
    let id = &app.item(items[at]).id;
    let local = id.split_once('/').map_or(id.as_str(), |(_, l)| l);
    let selected_bg = Theme::colour().selected.bg;
    let rows: Vec<u16> = (0..height)
        .filter(|y| (0..width).any(|x| Some(buf[(x, *y)].bg) == selected_bg))
        .collect();
    assert_eq!(rows.len(), 1, "one row highlighted: {rows:?}\n{shown}");
    let row = shown.lines().nth(usize::from(rows[0])).unwrap_or_default();
    assert!(
        row.contains(&format!(" {local} ")),
        "{local} on {row:?}\n{shown}"
    );
}

/// The meeting headings of the Agenda as drawn.
fn meetings_shown(app: &scrutineer::tui::App) -> Vec<String> {
    screen(app, 140, 40)
        .lines()
        .filter(|l| l.contains(" item(s)) "))
        .map(|l| l.trim_matches(['│', ' ']).to_string())
        .collect()
}

// Issue 12, point 4: the Agenda view takes a committee, as `agenda --committee` does.
#[test]
fn a_committee_chosen_shows_its_meetings_alone_and_all_shows_every_one_again() {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3");
    let all = meetings_shown(&app);
    assert_eq!(all.len(), 4, "{all:#?}");

    // C, then Dudley's select committee (the menu lists "all", then each select
    // committee in calendar order: Leicester, Dudley, Oxfordshire).
    press(&mut app, "C");
    let menu = screen(&app, 140, 40);
    for option in [
        "all committees (each one's next meeting)",
        "Social Services and Personal Health Scrutiny Committee (Leicester City Council)",
        "Select Committee on Children's Services (Dudley)",
        "Children's Services Scrutiny Committee (Oxfordshire)",
    ] {
        assert!(menu.contains(option), "{option}:\n{menu}");
    }
    press(&mut app, "jj<enter>");
    assert_eq!(
        message(&app),
        "Agenda: Select Committee on Children's Services only"
    );
    let shown = screen(&app, 140, 40);
    assert!(
        shown.contains(
            "Agenda of Select Committee on Children's Services only: 1 item(s) marked ready"
        ),
        "{shown}"
    );
    assert_eq!(
        meetings_shown(&app),
        [
            "Thursday 16 September 2010 (the next select committee, 1 item(s)) Select Committee on Children's Services"
        ]
    );
    let (items, _) = app.agenda_items();
    let ids: Vec<&str> = items.iter().map(|i| app.ws.items[*i].id.as_str()).collect();
    assert_eq!(ids, ["dudley-2010/19"]);
    // Triage's next meeting is the Agenda's first: the chosen committee's.
    press(&mut app, "4");
    assert!(
        screen(&app, 140, 40).contains(
            "Next meeting: Thu 16 Sep 2010, 1 item(s) ready for it; Select Committee on Children's Services"
        ),
        "{}",
        screen(&app, 140, 40)
    );
    press(&mut app, "3");

    // Leicester's: its next meeting and the one that has passed, nobody else's.
    press(&mut app, "Ck<enter>");
    let leicester = meetings_shown(&app);
    assert_eq!(leicester.len(), 2, "{leicester:#?}");
    assert!(leicester[0].starts_with("Wednesday 29 October 2003 (the next select committee"));
    assert!(leicester[1].starts_with("Wednesday 17 September 2003 (presented, 1 item(s))"));
    assert!(
        leicester
            .iter()
            .all(|l| l.ends_with("Social Services and Personal Health Scrutiny Committee"))
    );

    // Oxfordshire's committee has no meeting yet: what waits for it.
    press(&mut app, "Cjj<enter>");
    assert_eq!(
        meetings_shown(&app),
        [
            "not yet scheduled (the next select committee, 1 item(s)) Children's Services Scrutiny Committee"
        ]
    );

    // All again.
    press(&mut app, "Ckkk<enter>");
    assert_eq!(meetings_shown(&app), all);
    assert!(screen(&app, 140, 40).contains("Agenda: 4 item(s) marked ready, 1 presented"));
}

#[test]
fn the_committee_key_is_in_the_help_and_can_be_rebound() {
    let dir = cycle_workspace();
    let mut app = app_in(dir.path(), Theme::colour());
    press(&mut app, "3?");
    let help = screen(&app, 100, 60);
    assert!(
        help.lines().any(|l| l.contains("  C    ")
            && l.contains("show one committee's meetings, or every committee's")),
        "{help}"
    );
    press(&mut app, "<esc>");
    let mut keymap = app.keymap.clone();
    let problems = keymap.apply_config(
        std::path::Path::new("config.toml"),
        "[keys]\ncommittee = \"K\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    app.set_keymap(keymap, &problems);
    press(&mut app, "Kj<enter>");
    assert_eq!(app.agenda_committee.as_deref(), Some("leicester-scrutiny"));
    press(&mut app, "C");
    assert!(app.popup.is_none(), "C is no longer the committee key");
}
