//! Issue 12, "As a clerk found it": the command line and the files as a clerk met them.
//! Each test names the point of the issue it holds to.

mod common;

use common::*;
use std::path::Path;

/// A workspace of one hand-written report file (`reports/hand.toml`).
fn hand_written(report: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("reports")).expect("reports folder");
    std::fs::write(dir.path().join("reports/hand.toml"), report).expect("write report");
    dir
}

const HEADER: &str = "id = \"hand\"\ntitle = \"A hand-written report\"\n";

const ONE_RECOMMENDATION: &str = "\n[[recommendations]]\nid = \"R1\"\ntext = \"Do it.\"\n";

// Point 3: "due soon" has one definition, used by `triage`, the workbench's Triage and
// `list --due-within 30`; a completed item is not due.
#[test]
fn due_soon_is_one_definition_and_a_completed_item_is_not_due() {
    let ws = workspace();
    let today = "2003-10-01";
    // 2.2a is due by the end of October 2003: within 30 days of 1 October.
    let out = run_on(ws.path(), today, &["status", "2.2a", "complete"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let triage: serde_json::Value =
        serde_json::from_slice(&run_on(ws.path(), today, &["triage", "--format", "json"]).stdout)
            .expect("triage JSON");
    let cli_triage = triage["due_within_30_days"].as_u64().expect("a count") as usize;

    let listed = run_on(
        ws.path(),
        today,
        &["list", "--due-within", "30", "--format", "json"],
    );
    assert!(listed.status.success(), "{}", stderr(&listed));
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&listed.stdout).expect("JSON");
    assert!(
        !ids(&listed).contains(&"leicester-2003/2.2a".to_string()),
        "a completed item is not due soon: {:?}",
        ids(&listed)
    );

    let loaded = scrutineer::workspace::Workspace::load(ws.path()).expect("loads");
    let mut app = scrutineer::tui::App::new(
        loaded,
        jiff::civil::date(2003, 10, 1),
        None,
        scrutineer::tui::Theme::colour(),
    );
    app.handle_key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('4'),
        crossterm::event::KeyModifiers::NONE,
    ));
    let workbench = app
        .triage_rows
        .iter()
        .find(|r| r.line == scrutineer::tui::app::TriageLine::DueSoon)
        .map(|r| r.cells[0].count)
        .expect("a due soon row");

    assert_eq!(cli_triage, listed.len(), "triage and list --due-within 30");
    assert_eq!(workbench, listed.len(), "the workbench's Triage and list");
    assert!(cli_triage > 0);
    let text = stdout(&run_on(ws.path(), today, &["triage"]));
    assert!(
        text.contains(&format!("Due within 30 days: {cli_triage}")),
        "{text}"
    );
}

// Point 5: a status set to what it already is changes nothing, records nothing, and
// the command says so.
#[test]
fn a_status_set_to_what_it_is_records_nothing_and_says_so() {
    let ws = workspace();
    let before = read(&ws.path().join("tracking.toml"));
    let out = run(ws.path(), &["status", "2.3b", "not-started"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("leicester-2003/2.3b: status already not-started"),
        "{}",
        stdout(&out)
    );
    assert_eq!(read(&ws.path().join("tracking.toml")), before);
    let history = stdout(&run(ws.path(), &["history", "2.3b"]));
    assert!(history.contains("no changes recorded"), "{history}");
    assert!(!history.contains("not-started -> not-started"), "{history}");

    // The same after a real change: the second identical one is not recorded.
    assert!(
        run(ws.path(), &["status", "2.3b", "at-risk"])
            .status
            .success()
    );
    let out = run(ws.path(), &["status", "2.3b", "at-risk"]);
    assert!(
        stdout(&out).contains("status already at-risk"),
        "{}",
        stdout(&out)
    );
    let history = stdout(&run(ws.path(), &["history", "2.3b"]));
    assert_eq!(
        history.matches("status not-started -> at-risk").count(),
        1,
        "{history}"
    );
    assert!(!history.contains("at-risk -> at-risk"), "{history}");
}

// Point 11: a misspelt required key is named, with what to write.
#[test]
fn a_misspelt_key_is_named_with_the_key_meant() {
    let ws = hand_written("id = \"hand\"\ntitel = \"A hand-written report\"\n");
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    assert!(
        said.contains("reports/hand.toml:2:1: error: missing field `title`; the key `titel` (line 2) is not one scrutineer knows: write `title`"),
        "{said}"
    );

    // The same in a table: the key meant is the one missing from that table, and the
    // error points at the misspelt key.
    let ws = hand_written(&format!(
        "{HEADER}{ONE_RECOMMENDATION}\n[[actions]]\nid = \"a\"\nanswers = [\"R1\"]\ntxet = \"x\"\n"
    ));
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(
        said.contains("reports/hand.toml:11:1: error: missing field `text`; the key `txet` (line 11) is not one scrutineer knows: write `text`"),
        "{said}"
    );

    // Where it is not required, the unknown key is a warning with the key meant.
    let ws = hand_written(&format!(
        "{HEADER}publishd = 2004-01-01\n{ONE_RECOMMENDATION}\n[[actions]]\nid = \"a\"\nanswers = [\"R1\"]\ntext = \"x\"\nownres = [\"KS\"]\n"
    ));
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(
        said.contains(
            "hand.toml:3:1: warning: unknown key `publishd` ignored (did you mean `published`?)"
        ),
        "{said}"
    );
    assert!(
        said.contains("unknown key `actions[1].ownres` ignored (did you mean `owners`?)"),
        "{said}"
    );
}

// Point 11: a list given as one string says how to write the list.
#[test]
fn a_list_given_as_a_string_says_how_to_write_it() {
    let ws = hand_written(&format!(
        "{HEADER}{ONE_RECOMMENDATION}\n[[actions]]\nid = \"a\"\nanswers = \"R1\"\ntext = \"x\"\n"
    ));
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(said.contains("hand.toml:10:11: error: `answers`"), "{said}");
    assert!(said.contains("write `answers = [\"R1\"]`"), "{said}");
}

// Point 11: a date in words (or in quotes) says how to write it.
#[test]
fn a_date_in_words_says_how_to_write_it() {
    let ws = hand_written(&format!(
        "{HEADER}date = \"15 March 2004\"\n{ONE_RECOMMENDATION}"
    ));
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    assert!(
        said.contains("hand.toml:3:8: error: `date`: a date is written as YEAR-MONTH-DAY without quotes (found the text \"15 March 2004\"): write `date = 2004-03-15`"),
        "{said}"
    );
    // The rest of the report is read: it has its recommendation, and no date.
    assert!(
        stderr(&out).contains("1 report(s), 1 item(s)"),
        "{}",
        stderr(&out)
    );
    let ws = hand_written(&format!("{HEADER}published = \"14 July\"\n"));
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(
        said.contains("give the one you infer and say why in `inferred`"),
        "{said}"
    );
}

// Point 11: a duplicate id points to the first one too.
#[test]
fn a_duplicate_id_names_both_lines() {
    let ws = hand_written(&format!(
        "{HEADER}{ONE_RECOMMENDATION}\n[[recommendations]]\nid = \"R1\"\ntext = \"Again.\"\n"
    ));
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(
        said.contains("hand.toml:8:1: error: duplicate id `R1` (the first is at line 4, column 1)"),
        "{said}"
    );
}

// Point 11: an action answering a recommendation the report does not have is an error.
#[test]
fn an_action_answering_nothing_is_an_error() {
    let ws = hand_written(&format!(
        "{HEADER}{ONE_RECOMMENDATION}\n[[actions]]\nid = \"a\"\nanswers = [\"R2\"]\ntext = \"x\"\n"
    ));
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("hand.toml:10:12: error: action `a` answers recommendation `R2`, which this report does not have (did you mean `R1`?)"),
        "{}",
        stdout(&out)
    );
}

// Point 12: one broken record is skipped, named and counted; the rest of the report
// loads.
#[test]
fn one_broken_record_costs_only_itself() {
    let report = format!(
        "{HEADER}{ONE_RECOMMENDATION}
[[actions]]
id = \"a1\"
answers = [\"R1\"]
text = \"First.\"

[[actions]]
id = \"a2\"
answers = [\"R1\"]
timescale = 2004

[[actions]]
id = \"a3\"
answers = [\"R1\"]
text = \"Third.\"
"
    );
    let ws = hand_written(&report);
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let said = stdout(&out);
    assert!(
        said.contains("hand.toml:12:13: error: `timescale`: invalid type: integer `2004`, expected a string: write it in quotes, `timescale = \"2004\"`; so the [[actions]] record `a2` (lines 13-17) is skipped and the rest of the file is read (2 of 3 [[actions]] records kept)")
            || said.contains("so the [[actions]] record `a2`"),
        "{said}"
    );
    assert!(said.contains("(2 of 3 [[actions]] records kept)"), "{said}");
    let listed = list_json(ws.path(), &[]);
    assert_eq!(ids(&listed), ["hand/a1", "hand/a3"]);

    // A syntax error inside a record (a string never closed) costs that record too.
    let broken = report.replace("text = \"Third.\"", "text = \"Third.");
    std::fs::write(ws.path().join("reports/hand.toml"), broken).expect("write");
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(said.contains("so the [[actions]] record `a3`"), "{said}");
    assert!(said.contains("(1 of 3 [[actions]] records kept)"), "{said}");
    assert_eq!(ids(&list_json(ws.path(), &[])), ["hand/a1"]);
}

// Point 13: a folder that is not a workspace is said to be one, with how to make one.
#[test]
fn a_folder_without_reports_is_not_a_workspace() {
    let dir = tempfile::tempdir().expect("temp");
    for args in [&["list"][..], &["check"], &["triage"]] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
        let said = stderr(&out);
        assert!(
            said.contains("is not a scrutineer workspace: it has no `reports` folder"),
            "{said}"
        );
        assert!(said.contains("reports"), "{said}");
        assert!(said.contains("import"), "{said}");
    }
    // `import` makes a workspace's first report in an empty folder.
    let tracker = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/borough-tracker.csv");
    let out = run(
        dir.path(),
        &[
            "import",
            tracker.to_str().expect("path"),
            "--report",
            "borough-2014",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(run(dir.path(), &["list"]).status.success());
}

// Point 14: an id that names nothing is answered with the ids that contain it.
#[test]
fn unknown_ids_and_owners_suggest_what_was_meant() {
    let ws = workspace();
    let out = run(ws.path(), &["list", "--report", "leicester"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no report has the id `leicester`; did you mean `leicester-2003`?"),
        "{}",
        stderr(&out)
    );
    let out = run(ws.path(), &["list", "--owner", "M FitzGerald"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean one of `M FitzG`"),
        "{}",
        stderr(&out)
    );
    let out = run(ws.path(), &["mark", "leicester/2.4a"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean `leicester-2003/2.4a`?"),
        "{}",
        stderr(&out)
    );
    let out = run(ws.path(), &["history", "leicester-2003/2.6"]);
    assert!(out.status.success(), "a recommendation has a history too");
    let out = run(ws.path(), &["status", "2.6z", "complete"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no item has the id `2.6z`"),
        "{}",
        stderr(&out)
    );
}

// Point 17: the second line of a note is indented under its entry.
#[test]
fn history_indents_a_note_of_several_lines() {
    let ws = workspace();
    let out = run(ws.path(), &["note", "2.4a", "First line\nsecond line"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let history = stdout(&run(ws.path(), &["history", "2.4a"]));
    let lines: Vec<&str> = history.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.ends_with("note: First line"))
        .expect("the note's first line");
    assert!(lines[at].starts_with("  2"), "{history}");
    assert_eq!(lines[at + 1], "      second line", "{history}");
}

// Point 18: Dudley's paragraph 14 is "The most challenging areas for development".
#[test]
fn dudleys_most_challenging_areas_are_areas_for_development() {
    let out = run(workspace().path(), &["reports", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let dudley = all
        .iter()
        .find(|r| r["id"] == "dudley-2010")
        .expect("Dudley");
    let findings = dudley["findings"].as_array().expect("findings");
    assert!(
        findings.iter().all(|f| f["category"] != "priority-action"),
        "the paper files nothing under priority action"
    );
    let para14: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| {
            f["source_ref"]
                .as_str()
                .unwrap_or_default()
                .starts_with("para 14")
        })
        .collect();
    assert_eq!(para14.len(), 2);
    for f in para14 {
        assert_eq!(f["category"], "area-for-development");
    }
}

// Point 19: dates the papers do not print in full are marked inferred, with why.
#[test]
fn inferred_dates_are_marked_with_their_reason() {
    let out = run(workspace().path(), &["reports", "--format", "json"]);
    let all: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON");
    let report = |id: &str| all.iter().find(|r| r["id"] == id).expect("report");
    let dudley = report("dudley-2010");
    assert_eq!(dudley["published"], "2010-07-14");
    assert_eq!(dudley["inferred"]["published"]["inferred"], true);
    assert!(
        dudley["inferred"]["published"]["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("14 July"),
        "{}",
        dudley["inferred"]
    );
    assert!(
        dudley["inferred"].get("date").is_none(),
        "its date is printed"
    );
    let leicester = report("leicester-2003");
    let later = leicester["meetings"]
        .as_array()
        .expect("meetings")
        .iter()
        .find(|m| m["date"] == "2003-10-29")
        .expect("the October meeting");
    assert_eq!(later["inferred"]["date"]["inferred"], true);
    let first = &leicester["meetings"][0];
    assert_eq!(first["inferred"], serde_json::json!({}), "printed in full");
    // The JAR prints its dates in full.
    assert_eq!(
        report("oxfordshire-jar-2008")["inferred"],
        serde_json::json!({})
    );

    // A hand-written `inferred` naming no field is a warning with the field meant.
    let ws = hand_written(&format!(
        "{HEADER}published = 2004-07-14\ninferred = {{ publishd = \"no year printed\" }}\n"
    ));
    let said = stdout(&run(ws.path(), &["check"]));
    assert!(
        said.contains("warning: `inferred` names `publishd`, which is not a field here (did you mean `published`?)"),
        "{said}"
    );
}

#[test]
fn a_note_given_with_a_status_the_item_has_already_is_kept_as_a_note() {
    let ws = common::workspace();
    let out = common::run(
        ws.path(),
        &["status", "2.4a", "not-started", "--note", "Chased by phone"],
    );
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert!(
        common::stdout(&out).contains("the note was added on its own"),
        "{}",
        common::stdout(&out)
    );
    let history = common::stdout(&common::run(ws.path(), &["history", "2.4a"]));
    assert!(history.contains("Chased by phone"), "{history}");
    assert!(!history.contains("not-started -> not-started"), "{history}");
}

// Point 14, for recommendations: `respond` with an id that names none suggests those
// meant, as for reports, owners and items.
#[test]
fn an_unknown_recommendation_suggests_the_ones_meant() {
    let ws = workspace();
    for (typed, meant) in [
        ("leicester/2.6", "did you mean `leicester-2003/2.6`?"),
        ("leicester-2003/2.66", "did you mean `leicester-2003/2.6`?"),
        (
            "2.4a",
            "did you mean one of `leicester-2003/2.4`, `oxfordshire-2005/2.4`?",
        ),
        (
            "imm-3",
            "did you mean one of `oxfordshire-jar-2008/imm-1`, `oxfordshire-jar-2008/imm-2`, `protection-panel/imm-1`, `protection-panel/imm-2`?",
        ),
    ] {
        let out = run(ws.path(), &["respond", typed, "accepted"]);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        let said = stderr(&out);
        assert!(
            said.contains(&format!("no recommendation has the id `{typed}`"))
                && said.contains(meant),
            "{typed}: {said}"
        );
    }
    let out = run(ws.path(), &["respond", "nothing-like-it/zz", "accepted"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !stderr(&out).contains("did you mean"),
        "nothing close, nothing suggested: {}",
        stderr(&out)
    );
    assert!(
        !ws.path().join("tracking.toml").exists()
            || !read(&ws.path().join("tracking.toml")).contains("response ="),
        "nothing written"
    );
}

// Point 19, for the calendar: the Leicester meeting of 29 October 2003 ("29th October",
// no year) says its date is inferred, and why, wherever the meeting is shown.
#[test]
fn an_inferred_meeting_date_says_so_wherever_the_meeting_is_shown() {
    let ws = common::workspace();
    let on = |args: &[&str]| {
        let out = run_on(ws.path(), "2003-10-15", args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        stdout(&out)
    };
    let why = "(date inferred: Para 4.2 of the SSI report (004) prints \"29th October\" without a year; 2003 is inferred, as the paper went to Scrutiny on 17th September 2003)";

    let pack = on(&["agenda", "--committee", "leicester-scrutiny"]);
    assert!(
        pack.starts_with("# Social Services and Personal Health Scrutiny Committee: Wednesday 29 October 2003 (date inferred)\n"),
        "{pack}"
    );
    assert!(
        pack.contains(&format!("| Date | Wednesday 29 October 2003 {why} |")),
        "{pack}"
    );
    let plan = on(&["plan"]);
    assert!(
        plan.contains(&format!(
            "Social Services and Personal Health Scrutiny Committee — Wednesday 29 October 2003 {why}\n"
        )),
        "{plan}"
    );
    assert!(
        plan.contains("Select Committee on Children's Services — Thursday 16 September 2010\n"),
        "a date printed in full says nothing more: {plan}"
    );
    let triage = on(&["triage"]);
    assert!(
        triage.contains(&format!("on Wednesday 29 October 2003 {why}; ")),
        "{triage}"
    );

    let json =
        |args: &[&str]| -> serde_json::Value { serde_json::from_str(&on(args)).expect("JSON") };
    let reason = |v: &serde_json::Value| {
        assert_eq!(v["inferred"], true, "{v}");
        v["reason"].as_str().unwrap_or_default().to_string()
    };
    let agendas = json(&["agenda", "--format", "json"]);
    assert_eq!(agendas[0]["meeting"], "2003-10-29");
    assert!(reason(&agendas[0]["inferred"]["meeting"]).contains("29th October"));
    assert_eq!(agendas[1]["meeting"], "2010-09-16");
    assert_eq!(agendas[1]["inferred"], serde_json::json!({}));
    let plan = json(&["plan", "--format", "json"]);
    assert_eq!(plan[0]["date"], "2003-10-29");
    assert!(reason(&plan[0]["inferred"]["date"]).contains("29th October"));
    assert_eq!(plan[1]["inferred"], serde_json::json!({}));
    let triage = json(&["triage", "--format", "json"]);
    assert!(reason(&triage["next_meeting"]["inferred"]["date"]).contains("29th October"));
}

// Point 11: every problem `check` finds in a report, the people or the committees is
// said with its file, line and column, and what is done about it.
#[test]
fn check_names_every_kind_of_problem_where_it_is() {
    let ws = hand_written("id = \"Shire_2024\"\ntitle = \"Bad ids\"\n");
    let write = |name: &str, text: &str| {
        std::fs::write(ws.path().join(name), text).expect("write");
    };
    write(
        "reports/other.toml",
        "id = \"elsewhere\"\ntitle = \"Named otherwise\"\ntimescales_from = 2024-06-01\n\n\
         [[findings]]\ncategory = \"gossip\"\ntext = \"x\"\n\n\
         [[recommendations]]\ntext = \"No id or ref\"\n\n\
         [[recommendations]]\nid = \"R1\"\ntext = \"Counts from its own day\"\ntimescales_from = 2024-06-01\n\n\
         [[actions]]\nid = \"\"\nanswers = [\"R1\"]\ntext = \"Empty id\"\n\n\
         [inferred]\npublished = \"not given\"\n",
    );
    write(
        "reports/third.toml",
        "id = \"third\"\ntitle = \"Inferred without why\"\ndate = 2024-01-01\n\n[inferred]\ndate = \"\"\n",
    );
    write(
        "people.toml",
        "[[owner]]\nid = \"dup-owner\"\nname = \"First\"\nkind = \"robot\"\nlogins = [\"shared\"]\n\n\
         [[owner]]\nid = \"dup-owner\"\nname = \"Second\"\n\n\
         [[owner]]\nid = \"another\"\nname = \"Another\"\nlogins = [\"shared\"]\n",
    );
    write(
        "committees.toml",
        "[[committee]]\nid = \"dupe\"\nname = \"Dupe\"\n\n[[committee]]\nid = \"dupe\"\nname = \"Dupe again\"\n",
    );
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1), "errors were found");
    let said = stdout(&out);
    for line in [
        "reports/hand.toml:1:1: error: report id `Shire_2024` must be lower-case letters, digits and `-`",
        "reports/other.toml:1:1: warning: report id `elsewhere` differs from its file name `other.toml`",
        "reports/other.toml:3:1: warning: `timescales_from` is given without `timescales_from_note` saying why",
        "reports/other.toml:6:1: warning: finding category `gossip` is not one of strength, good-practice, area-for-development, priority-action, concern, finding",
        "reports/other.toml:9:1: error: recommendation has neither `id` nor `ref`; it is skipped",
        "reports/other.toml:15:1: warning: recommendation `R1` gives `timescales_from` without `timescales_from_note` saying why",
        "reports/other.toml:17:1: error: action has an empty `id`; it is skipped",
        "reports/other.toml:23:1: warning: `inferred` explains `published`, which is not given",
        "reports/third.toml:6:1: warning: `inferred.date` should say why the value was inferred",
        "people.toml:4:1: warning: owner kind `robot` is not person, body or role; taken as person",
        "people.toml:7:1: error: duplicate owner id `dup-owner`: this entry is skipped",
        "people.toml:14:1: warning: login `shared` is also given for `dup-owner`; notes it signs are taken as `dup-owner`'s",
        "committees.toml:5:1: error: duplicate committee id `dupe`: this entry is skipped",
    ] {
        assert!(said.lines().any(|l| l == line), "{line}\n---\n{said}");
    }
    assert_eq!(said.lines().count(), 13, "{said}");
    assert!(
        stderr(&out).contains("3 report(s), 1 item(s); 5 error(s), 8 warning(s)"),
        "{}",
        stderr(&out)
    );
}

// A tracking file saved in another encoding is never written over: the change is
// refused, with where the file stops being text.
#[test]
fn a_tracking_file_that_is_not_utf8_is_refused_not_written_over() {
    let ws = workspace();
    let tracking = ws.path().join("tracking.toml");
    let latin1: &[u8] = b"[items.\"leicester-2003/2.4a\"]\nstatus = \"complete\"\n# caf\xe9\n";
    std::fs::write(&tracking, latin1).expect("write");
    let out = run(ws.path(), &["status", "leicester-2003/2.5a", "on-track"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("tracking.toml:3:6: error: not valid UTF-8 text (save the file as UTF-8)"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("cannot save"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&tracking).expect("still there"), latin1);
}
