//! docs/FORMAT.md, promise by promise, where no other test held to it: the workspace's
//! own status words, a typo's normalised text searched, bare ids, a number where text
//! is meant, the optional files, and report files never rewritten.

mod common;

use common::*;
use std::path::Path;

/// A workspace of hand-written report files.
fn hand_written(reports: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::create_dir(dir.path().join("reports")).expect("reports folder");
    for (name, text) in reports {
        std::fs::write(dir.path().join("reports").join(name), text).expect("write report");
    }
    dir
}

const TRACKER: &str = "Ref,Recommendation,Action,Owner,Deadline,Status\n\
1,Improve the plan,Publish the plan,Zoe Mills,31/12/2003,Purple\n\
2,Train staff,Run training,Ann Jones,31/01/2004,Green\n";

fn import(ws: &Path) -> std::process::Output {
    let csv = ws.join("tracker.csv");
    std::fs::write(&csv, TRACKER).expect("tracker written");
    run(
        ws,
        &["import", &csv.to_string_lossy(), "--report", "plan-2003"],
    )
}

// "statuses.toml: the status words a council's trackers use, added to the ones
// scrutineer ships with. `import` reads it; `check` reports a mistake in it with its
// line and column."
#[test]
fn the_workspaces_own_status_words_are_read_by_import_and_checked() {
    let ws = hand_written(&[]);
    let out = import(ws.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("status `Purple` is not one scrutineer knows"),
        "without statuses.toml: {}",
        stdout(&out)
    );

    let ws = hand_written(&[]);
    std::fs::write(
        ws.path().join("statuses.toml"),
        "# ours\n[words]\nPurple = \"at-risk\"\n",
    )
    .expect("statuses written");
    let out = import(ws.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let items = list_json(ws.path(), &[]);
    let status = |id: &str| {
        items
            .iter()
            .find(|i| i["id"] == id)
            .map(|i| i["status"].clone())
    };
    assert_eq!(
        status("plan-2003/1a"),
        Some("at-risk".into()),
        "Purple read as ours"
    );
    assert_eq!(
        status("plan-2003/2a"),
        Some("on-track".into()),
        "Green as shipped"
    );

    std::fs::write(
        ws.path().join("statuses.toml"),
        "[words]\nPurple = \"rosy\"\n",
    )
    .expect("statuses written");
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out)
            .contains("statuses.toml:2:10: error: `Purple` = `rosy`: expected one of not-started"),
        "{}",
        stdout(&out)
    );
}

// "Text fields are kept exactly as printed; a `text_normalised` field may sit beside
// `text` where a typo would stop a search from finding it."
#[test]
fn a_typo_kept_as_printed_is_found_through_its_normalised_text() {
    let ws = hand_written(&[(
        "hand.toml",
        "id = \"hand\"\ntitle = \"A hand-written report\"\n\n[[recommendations]]\nid = \"R1\"\n\
         text = \"Review the Corprate Parenting Strategy.\"\n\
         text_normalised = \"Review the Corporate Parenting Strategy.\"\n\n\
         [[recommendations]]\nid = \"R2\"\ntext = \"Publish the fostering statement.\"\n",
    )]);
    let found = ids(&list_json(ws.path(), &["--search", "corporate"]));
    assert_eq!(found, vec!["hand/R1"]);
    let shown = stdout(&run(ws.path(), &["list"]));
    assert!(shown.contains("Corprate"), "shown as printed: {shown}");
}

// "The item id that the command line accepts is `REPORT/ID`; a bare `ID` is accepted
// when only one report has it."
#[test]
fn a_bare_id_is_taken_when_one_report_has_it_and_refused_when_two_do() {
    let rec =
        |id: &str, text: &str| format!("\n[[recommendations]]\nid = \"{id}\"\ntext = \"{text}\"\n");
    let ws = hand_written(&[
        (
            "hand.toml",
            &format!("id = \"hand\"\ntitle = \"One\"\n{}", rec("2.4", "Do it.")),
        ),
        (
            "other.toml",
            &format!(
                "id = \"other\"\ntitle = \"Two\"\n{}{}",
                rec("2.4", "Do that."),
                rec("9.9", "Only here.")
            ),
        ),
    ]);
    let out = run(ws.path(), &["mark", "9.9"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("other/9.9: marked ready"),
        "{}",
        stdout(&out)
    );
    let out = run(ws.path(), &["mark", "2.4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`2.4` is ambiguous: it could be hand/2.4, other/2.4"),
        "{}",
        stderr(&out)
    );
    let out = run(ws.path(), &["mark", "hand/2.4"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

// The table of mistakes: "`ref = 2.4`: write it in quotes, `ref = \"2.4\"`", and one
// mistake costs only its record.
#[test]
fn a_number_where_text_is_meant_says_to_quote_it_and_costs_only_its_record() {
    let ws = hand_written(&[(
        "hand.toml",
        "id = \"hand\"\ntitle = \"A hand-written report\"\n\n[[recommendations]]\nid = \"R1\"\nref = 2.4\n\
         text = \"Do it.\"\n\n[[recommendations]]\nid = \"R2\"\ntext = \"Do that.\"\n",
    )]);
    let out = run(ws.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("reports/hand.toml:6:7: error: `ref`: invalid type: floating point `2.4`, expected a string: write it in quotes, `ref = \"2.4\"`"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("(1 of 2 [[recommendations]] records kept)"));
    assert_eq!(ids(&list_json(ws.path(), &[])), vec!["hand/R2"]);
}

// "Only `reports/` is required. A missing committees.toml, people.toml or tracking.toml
// means 'none yet'." And "scrutineer never rewrites a report file, the calendar or the
// people directory; it writes only tracking.toml".
#[test]
fn only_reports_is_required_and_a_change_writes_only_tracking() {
    let ws = hand_written(&[(
        "hand.toml",
        "id = \"hand\"\ntitle = \"A hand-written report\"\n\n[[recommendations]]\nid = \"R1\"\ntext = \"Do it.\"\n",
    )]);
    let out = run(ws.path(), &["check"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let out = run(ws.path(), &["status", "R1", "at-risk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(ws.path().join("tracking.toml").exists());

    let full = workspace();
    let before: Vec<(String, Vec<u8>)> = files(full.path())
        .into_iter()
        .filter(|(name, _)| name != "tracking.toml" && !name.starts_with('.'))
        .collect();
    for args in [
        &["mark", "leicester-2003/2.4a"][..],
        &[
            "status",
            "leicester-2003/2.4a",
            "on-track",
            "--note",
            "started",
        ],
        &["note", "leicester-2003/2.4a", "chased"],
    ] {
        let out = run(full.path(), args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let after: Vec<(String, Vec<u8>)> = files(full.path())
        .into_iter()
        .filter(|(name, _)| name != "tracking.toml" && !name.starts_with('.'))
        .collect();
    assert_eq!(
        before, after,
        "reports, calendar and people are as they were"
    );
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .map(|p| p.to_string_lossy().to_string())
                    .unwrap_or_default();
                out.push((name, std::fs::read(&path).unwrap_or_default()));
            }
        }
    }
    out.sort();
    out
}

// tracking.toml: "`at` is ... never earlier than the latest `at` already in the item's
// history (a clock set back, or `--today` before the last change, records the change at
// that latest time)", so the history in the order of its times is the order made.
#[test]
fn a_change_dated_before_the_last_is_recorded_at_the_last_time() {
    let ws = workspace();
    let at = |today: &str, args: &[&str]| {
        let mut all = vec!["--today", today];
        all.extend_from_slice(args);
        let out = run(ws.path(), &all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    };
    at("2026-11-22", &["mark", "leicester-2003/2.4a"]);
    at("2003-10-15", &["status", "leicester-2003/2.4a", "at-risk"]);
    let tracking = read(&ws.path().join("tracking.toml"));
    let times: Vec<&str> = tracking
        .lines()
        .filter_map(|l| l.strip_prefix("at = "))
        .collect();
    assert_eq!(times.len(), 2, "{tracking}");
    assert!(times[0].starts_with("2026-11-22T"), "{tracking}");
    assert_eq!(
        times[1], times[0],
        "the later change is not dated before the first"
    );
    let history = stdout(&run(ws.path(), &["history", "leicester-2003/2.4a"]));
    let ready = history.find("ready").unwrap_or(usize::MAX);
    let status = history.find("at-risk").unwrap_or(0);
    assert!(ready < status, "in the order made: {history}");
}

// committees.toml: "`time`, `venue` and `contact` are printed on the cover of the
// committee's pack; one left out is shown as 'not given in committees.toml'."
#[test]
fn the_packs_cover_says_what_the_calendar_does_not_give() {
    let ws = workspace();
    let pack = |format: &str| {
        let out = run(
            ws.path(),
            &[
                "--today",
                "2003-10-15",
                "agenda",
                "--committee",
                "leicester-scrutiny",
                "--format",
                format,
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let html = pack("html");
    assert_eq!(
        html.matches("not given in committees.toml").count(),
        3,
        "time, venue, contact"
    );
    let committees = ws.path().join("committees.toml");
    let text = read(&committees).replacen(
        "id = \"leicester-scrutiny\"",
        "id = \"leicester-scrutiny\"\ntime = \"5.30 pm\"\nvenue = \"Committee Room 1, Town Hall\"",
        1,
    );
    std::fs::write(&committees, text).expect("calendar written");
    let html = pack("html");
    assert!(
        html.contains("5.30 pm") && html.contains("Committee Room 1, Town Hall"),
        "{html}"
    );
    assert_eq!(
        html.matches("not given in committees.toml").count(),
        1,
        "contact only"
    );
}
